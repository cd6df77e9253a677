"""The administrative gazetteer of Viet Nam, before and after the 1 July 2025 reform.

Data: the SQLite dataset and the old -> new mapping bundled with the ``vietnamadminunits``
package (MIT, version recorded in ``data/gazetteer/README.md``), read at run time through
cached loaders (nothing is copied into the project). Two systems:

- ``pre2025``: 63 provinces, their districts (huyện, quận, thị xã, thành phố) and communes
  (xã, phường, thị trấn) as they stood just before 2025-07-01;
- ``2025``: 34 provinces and their communes (xã, phường, đặc khu); no district level.

Names are compared on a *fold* (lower case, tone marks removed, ``y`` -> ``i``: one character
for one character, so offsets in folded text are offsets in the text) and then on a strict
syllable key (tone kept, tone placement and i/y normalised): ``Phú Quí`` == ``Phú Quý``,
``Hòa`` == ``Hoà``, but ``Tân`` != ``Tấn``.

Example::

    >>> gz = load()
    >>> [u.code for u in gz.lookup("Tân Phong", tier="commune", as_of="pre2025", province_code="72")]
    ['25507']
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PRE2025 = "pre2025"
POST2025 = "2025"
REFORM_DATE = "2025-07-01"

# unit type word (as the dataset writes it, lower-cased) -> tier
TYPE_TIER = {
    "tỉnh": "province",
    "thành phố": "province",  # for provinces; districts of type "thành phố" are tagged below
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
}

_TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Translation table: each Vietnamese letter -> lower case without tone mark; y -> i."""
    table: dict[int, str] = {}
    ranges = list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    for cp in ranges:
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONE_MARKS)
        out = unicodedata.normalize("NFC", base).lower()
        if out == "y":
            out = "i"
        if len(out) == 1 and out != ch:
            table[cp] = out
    return table


@lru_cache(maxsize=1)
def _fold_lut() -> Any:
    """The fold table as a numpy lookup array over code points 0 .. max(table): identity where the table is silent."""
    import numpy as np

    table = _fold_table()
    lut = np.arange(max(table) + 1, dtype=np.uint32)
    for cp, out in table.items():
        lut[cp] = ord(out)
    return lut


_LUT_MIN_CHARS = 256  # below this, str.translate is as fast as the array round trip


@lru_cache(maxsize=256)  # a pure function; locations folds the same document text several times
def fold(text: str) -> str:
    """Fold for matching, length-preserving on NFC text: ``Phú Quý`` -> ``phu qui``.

    A long text (a whole document) goes through a numpy lookup array over its UTF-32 code
    points: ten times faster than ``str.translate`` with a dict, same result."""
    text = unicodedata.normalize("NFC", text)
    if len(text) < _LUT_MIN_CHARS:
        return text.translate(_fold_table())
    import numpy as np

    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: the plain path
        return text.translate(_fold_table())
    lut = _fold_lut()
    if int(cps.max()) < len(lut):
        out = lut[cps]
    else:
        out = cps.copy()
        inside = cps < len(lut)
        out[inside] = lut[cps[inside]]
    return str(out.tobytes().decode("utf-32-le"))


def _syllable_key(syl: str) -> str:
    nfd = unicodedata.normalize("NFD", syl.lower())
    tone = 0
    base = []
    for c in nfd:
        if c in _TONE_MARKS:
            tone = _TONE_MARKS[c]
        else:
            base.append(c)
    b = unicodedata.normalize("NFC", "".join(base)).replace("y", "i")
    return f"{b}{tone}"


@lru_cache(maxsize=8192)  # a pure function; lookups compare the same unit names again and again
def strict_key(name: str) -> str:
    """Tone-aware key, tone placement and i/y normalised: ``Phú Quí`` -> ``phu2 qui2``."""
    return " ".join(_syllable_key(s) for s in re.split(r"[\s\-–]+", name.strip()) if s)


def name_key(name: str) -> str:
    """Fold key with single spaces: ``Bà Rịa - Vũng Tàu`` -> ``ba ria - vung tau``."""
    return re.sub(r"\s+", " ", re.sub(r"\s*[-–]\s*", " - ", fold(name))).strip()


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one system."""

    code: str
    name: str  # proper name alone: "Tân Phong"
    type: str  # "xã", "huyện", "tỉnh", "thành phố", "đặc khu", ...
    tier: str  # province, district, commune
    as_of: str  # pre2025 or 2025
    province_code: str
    province: str
    district_code: str | None = None
    district: str | None = None
    province_2025_code: str | None = None
    province_2025: str | None = None

    @property
    def parent_codes(self) -> list[str]:
        if self.tier == "province":
            return []
        if self.tier == "district" or self.district_code is None:
            return [self.province_code]
        return [self.province_code, self.district_code]


@dataclass
class Gazetteer:
    """Units of both systems with name indexes. Built once per process by ``load()``."""

    units: list[Unit] = field(default_factory=list)
    by_code: dict[tuple[str, str, str], Unit] = field(default_factory=dict)  # (as_of, tier, code)
    by_fold: dict[str, list[Unit]] = field(default_factory=dict)
    province_map: dict[str, str] = field(default_factory=dict)  # old province code -> new province code
    source_dir: Path | None = None

    def add(self, u: Unit) -> None:
        key = (u.as_of, u.tier, u.code)
        if key in self.by_code:
            return
        self.by_code[key] = u
        self.units.append(u)
        self.by_fold.setdefault(name_key(u.name), []).append(u)

    def get(self, as_of: str, tier: str, code: str) -> Unit | None:
        return self.by_code.get((as_of, tier, code))

    def provinces(self, as_of: str) -> list[Unit]:
        return [u for u in self.units if u.tier == "province" and u.as_of == as_of]

    def lookup(
        self,
        name: str,
        *,
        tier: str | None = None,
        types: tuple[str, ...] | None = None,
        as_of: str | None = None,
        province_code: str | None = None,
        district_code: str | None = None,
        strict: bool = True,
    ) -> list[Unit]:
        """Units named ``name`` (fold match, then strict tone check when ``strict``).

        >>> [u.province for u in load().lookup("Phú Quí", types=("đặc khu",))]
        ['Lâm Đồng']
        """
        found = self.by_fold.get(name_key(name), [])
        if strict:
            sk = strict_key(name)
            found = [u for u in found if strict_key(u.name) == sk] or ([] if _has_tone(name) else found)
        out = []
        for u in found:
            if tier and u.tier != tier:
                continue
            if types and u.type not in types:
                continue
            if as_of and u.as_of != as_of:
                continue
            if province_code and u.province_code != province_code:
                continue
            if district_code and u.district_code != district_code:
                continue
            out.append(u)
        return out

    def new_province_of(self, old_province_code: str) -> Unit | None:
        code = self.province_map.get(old_province_code)
        return self.get(POST2025, "province", code) if code else None

    def successors(self, unit: Unit) -> tuple[list[Unit], bool]:
        """2025 communes an old commune went into, and whether it was divided between several.

        >>> gz = load(); old = gz.lookup("Tân Phong", tier="commune", province_code="72")[0]
        >>> [u.name for u in gz.successors(old)[0]], gz.successors(old)[1]
        (['Thạnh Bình', 'Tân Phú'], True)
        """
        if unit.as_of != PRE2025 or unit.tier != "commune":
            return [], False
        new_codes, divided = _ward_mapping(str(self.source_dir)).get(unit.code, ((), False))
        return [u for c in new_codes if (u := self.get(POST2025, "commune", c))], divided


def _has_tone(name: str) -> bool:
    return any(c in _TONE_MARKS for c in unicodedata.normalize("NFD", name))


def _package_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("gazetteer_missing: install the vietnamadminunits package (see data/gazetteer/README.md)")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version() -> str:
    from importlib.metadata import version

    return version("vietnamadminunits")


def _split_type(full: str, type_word: str | None) -> tuple[str, str]:
    """``Huyện Phú Quí`` -> (``huyện``, ``Phú Quí``)."""
    full = full.strip()
    if type_word and full.lower().startswith(type_word.lower() + " "):
        return type_word.lower(), full[len(type_word) + 1 :].strip()
    for t in sorted(TYPE_TIER, key=len, reverse=True):
        if full.lower().startswith(t + " "):
            return t, full[len(t) + 1 :].strip()
    return (type_word or "").lower(), full


@lru_cache(maxsize=1)
def _converter(pkg_dir: str) -> dict[str, Any]:
    """The package's old -> new mapping (``converter_2025.json``), read once for both loaders."""
    data: dict[str, Any] = json.loads((Path(pkg_dir) / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the bundled dataset once per process (about 0.1 s)."""
    pkg = _package_dir()
    gz = Gazetteer(source_dir=pkg)
    con = sqlite3.connect(f"file:{pkg / 'data' / 'dataset.db'}?mode=ro", uri=True)
    try:
        new_prov: dict[str, Unit] = {}
        key_to_new: dict[str, str] = {}
        for pname, pcode, pkey in con.execute("SELECT DISTINCT province, provinceCode, provinceKey FROM admin_units"):
            t, short = _split_type(pname, None)
            u = Unit(code=pcode, name=short, type=t, tier="province", as_of=POST2025, province_code=pcode, province=short,
                     province_2025_code=pcode, province_2025=short)
            gz.add(u)
            new_prov[pcode] = u
            key_to_new[pkey] = pcode
        conv = _converter(str(pkg))
        old_key_to_new_code = {old: key_to_new[new] for new, olds in conv["DICT_PROVINCE"].items() for old in olds}
        for wname, wtype, pcode, wcode in con.execute(
            "SELECT ward, wardType, provinceCode, wardCode FROM admin_units"
        ):
            p = new_prov[pcode]
            t, short = _split_type(wname, wtype)
            gz.add(Unit(code=wcode, name=short, type=t, tier="commune", as_of=POST2025, province_code=pcode, province=p.name,
                        province_2025_code=pcode, province_2025=p.name))
        rows = con.execute(
            "SELECT province, provinceCode, provinceKey, district, districtType, districtCode, ward, wardType, wardCode "
            "FROM admin_units_legacy"
        ).fetchall()
    finally:
        con.close()
    for pname, pcode, pkey, dname, dtype, dcode, wname, wtype, wcode in rows:
        np_code = old_key_to_new_code.get(pkey)
        gz.province_map[pcode] = np_code or ""
        np = new_prov.get(np_code or "")
        _, pshort = _split_type(pname, None)
        ptype = "thành phố" if pname.lower().startswith("thành phố") else "tỉnh"
        common: dict[str, Any] = {"province_2025_code": np.code if np else None, "province_2025": np.name if np else None}
        gz.add(Unit(code=pcode, name=pshort, type=ptype, tier="province", as_of=PRE2025, province_code=pcode, province=pshort, **common))
        if dname and dcode:
            dt, dshort = _split_type(dname, dtype)
            gz.add(Unit(code=dcode, name=dshort, type=dt, tier="district", as_of=PRE2025, province_code=pcode, province=pshort, **common))
            if wname and wcode:
                wt, wshort = _split_type(wname, wtype)
                gz.add(Unit(code=wcode, name=wshort, type=wt, tier="commune", as_of=PRE2025, province_code=pcode, province=pshort,
                            district_code=dcode, district=dshort, **common))
    return gz


@lru_cache(maxsize=1)
def _ward_mapping(pkg_dir: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Old commune code -> (new commune codes, divided?), from the package's converter data."""
    pkg = Path(pkg_dir)
    con = sqlite3.connect(f"file:{pkg / 'data' / 'dataset.db'}?mode=ro", uri=True)
    try:
        old = {f"{p}_{d}_{w}": code for p, d, w, code in con.execute(
            "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL")}
        new = {(p, w): code for p, w, code in con.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")}
    finally:
        con.close()
    conv = _converter(pkg_dir)
    out: dict[str, tuple[tuple[str, ...], bool]] = {}
    for pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, olds in wards.items():
            ncode = new.get((pkey, new_wkey))
            for o in olds:
                if ncode and o in old:
                    out[old[o]] = ((ncode,), False)
    for pkey, wards in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, targets in wards.items():
            codes = tuple(c for t in sorted(targets, key=lambda t: not t["isDefaultNewWard"]) if (c := new.get((pkey, t["newWardKey"]))))
            if o in old and codes:
                out[old[o]] = (codes, len(codes) > 1)
    return out
