"""Read a DOCX into blocks with zipfile + lxml (no python-docx on the hot path).

What comes out, in body order: one ``BODY`` block per paragraph (prefixed with its Word list
label, ``"I. "``, ``"1. "``, ``"a) "``, reconstructed from ``numbering.xml``), one ``TABLE``
block per table row (cells tab-separated, nested tables flattened), ``TEXTBOX`` blocks for
``w:txbxContent`` (the ``mc:Fallback`` VML copy skipped), and ``HEADER``/``FOOTER`` blocks from
the header and footer parts. Layout tables (the two-column header block ``ỦY BAN NHÂN DÂN … |
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM …`` or the ``Nơi nhận | signature`` table) come out column
by column: every line of the left column, then every line of the right column — the order a
reader (and the PDF reader) gives them.

Runs in a legacy font (``.VnTime`` = TCVN3, ``VNI-Times`` = VNI) are converted to Unicode
through ``pipeline.legacy`` when that module is present.

Safety: the zip is checked before anything is parsed (total uncompressed size, compression
ratio, number of entries → ``DECOMPRESSION_BOMB``), every part is read with a size cap, and XML
is parsed without DTDs, entity resolution or network (no XXE).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from models.document import Block, RawDocument
from models.enums import BlockKind, ErrorCode, SourceFormat
from pipeline import legacy_hook
from pipeline.errors import KehoachError
from pipeline.header_cues import RIGHT_COLUMN_CUE

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # total of all entries, bytes
MAX_RATIO = 200.0  # uncompressed/compressed of one entry (real DOCX parts: 5-35; zip bombs: 1000+)
MAX_ENTRIES = 10_000
RATIO_MIN_SIZE = 1024 * 1024  # the ratio test applies to entries larger than this

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


T_P, T_R, T_T, T_TBL, T_TR, T_TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
T_PPR, T_RPR, T_TAB, T_BR, T_CR = _w("pPr"), _w("rPr"), _w("tab"), _w("br"), _w("cr")
T_TXBX = _w("txbxContent")
T_DEL, T_MOVEFROM, T_INSTR, T_DELTEXT = _w("del"), _w("moveFrom"), _w("instrText"), _w("delText")
T_SDT, T_SDTCONTENT = _w("sdt"), _w("sdtContent")
T_ALT, T_CHOICE, T_FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
T_MATH_T = f"{{{M}}}t"
T_RFONTS, T_PSTYLE, T_NUMPR, T_NUMID, T_ILVL = _w("rFonts"), _w("pStyle"), _w("numPr"), _w("numId"), _w("ilvl")
T_VANISH, T_RSTYLE, T_NOBREAK, T_SOFTHYPHEN = _w("vanish"), _w("rStyle"), _w("noBreakHyphen"), _w("softHyphen")
T_TCPR, T_GRIDSPAN, T_VMERGE = _w("tcPr"), _w("gridSpan"), _w("vMerge")
T_ABSTRACTNUM, T_ABSTRACTNUMID, T_NUM, T_LVL = _w("abstractNum"), _w("abstractNumId"), _w("num"), _w("lvl")
_BOX_HOLDERS = frozenset({T_ALT, _w("drawing"), _w("pict"), _w("object")})
# a paragraph holding none of these reads as the plain sequence of its _TEXT_TAGS
# etree.Entity: an unresolved entity (&xxe;, never expanded) splits a w:t; the slow path keeps its tail
_SLOW_PATH_TAGS = (T_ALT, _w("drawing"), _w("pict"), _w("object"), T_DEL, T_MOVEFROM, T_VANISH, etree.Entity)
_TEXT_TAGS = (T_T, T_TAB, T_BR, T_CR, T_NOBREAK, T_SOFTHYPHEN, T_MATH_T)
_SIMPLE_TEXT = {T_TAB: "\t", T_BR: "\n", T_CR: "\n", T_NOBREAK: "-", T_SOFTHYPHEN: "\u00ad"}
_FONT_ATTRS = tuple(_w(a) for a in ("ascii", "hAnsi", "cs", "eastAsia"))
T_VAL = _w("val")
# containers whose children are read as if they stood in the paragraph / body
_INLINE_CONTAINERS = {_w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent")}
_SKIP = {T_DEL, T_MOVEFROM, _w("commentReference"), _w("footnoteReference"), _w("endnoteReference"), _w("proofErr"), _w("bookmarkStart"), _w("bookmarkEnd")}

_SAFE_PARSER_ARGS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entity, loads no DTD and never touches the network."""
    return etree.XMLParser(**_SAFE_PARSER_ARGS)


# --------------------------------------------------------------------------- zip safety


def check_zip(z: zipfile.ZipFile, *, max_total: int = MAX_UNCOMPRESSED, max_ratio: float = MAX_RATIO) -> None:
    """Raise ``DECOMPRESSION_BOMB`` when the archive would inflate beyond any real document."""
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise KehoachError(ErrorCode.DECOMPRESSION_BOMB, f"{len(infos)} entries in the archive")
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_total:
            raise KehoachError(ErrorCode.DECOMPRESSION_BOMB, f"inflates to more than {max_total // (1024 * 1024)} MB")
        if info.file_size > RATIO_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_ratio:
                raise KehoachError(ErrorCode.DECOMPRESSION_BOMB, f"entry {info.filename} compresses {ratio:.0f}:1")


def _read_part(z: zipfile.ZipFile, name: str) -> bytes | None:
    """The bytes of one part, never more than the archive limit (headers can lie)."""
    try:
        with z.open(name) as f:
            data = f.read(MAX_UNCOMPRESSED + 1)
    except KeyError:
        return None
    except RuntimeError as e:  # zipfile: "File ... is encrypted, password required for extraction"
        if "encrypted" in str(e):
            raise KehoachError(ErrorCode.ENCRYPTED, f"ZIP entry {name} is password-protected") from e
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise KehoachError(ErrorCode.CORRUPT_FILE, f"ZIP entry {name} is damaged ({e})") from e
    if len(data) > MAX_UNCOMPRESSED:
        raise KehoachError(ErrorCode.DECOMPRESSION_BOMB, f"part {name} inflates beyond its declared size")
    return data


def _parse(z: zipfile.ZipFile, name: str) -> Any:
    data = _read_part(z, name)
    if data is None:
        return None
    try:
        return etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as e:
        raise KehoachError(ErrorCode.CORRUPT_FILE, f"{name} is not well-formed XML ({e})") from e


# --------------------------------------------------------------------------- numbering


@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart (1-based level after which this restarts); 0 = never
    suffix: str = "tab"
    is_legal: bool = False


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa, bb, ... (1 -> a, 27 -> aa)."""
    if n <= 0:
        return str(n)
    q, r = divmod(n - 1, 26)
    return chr(ord("a") + r) * (q + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word numFmt: ``format_number(4, "upperRoman") == "IV"``."""
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and every format kehoach does not render specially


_BULLET_KEEP = set("-–—+*•·o")


def _bullet(text: str) -> str:
    """A bullet's lvlText as plain text: dashes and plus signs kept (they mark plan items)."""
    t = text.strip()
    if t and all(c in _BULLET_KEEP for c in t):
        return t
    return "•" if t else ""


class Numbering:
    """Word list numbering: levels per abstractNum, counters per abstractNum and level.

    ``label(num_id, ilvl)`` advances the counter and returns the rendered label, e.g. the third
    paragraph of a ``upperRoman`` list with lvlText ``%1.`` gets ``"III."``.
    """

    def __init__(self, root: Any) -> None:
        # raw w:lvl elements, turned into Level on first use (real files define 9 levels for
        # dozens of lists and use a handful)
        self.abstract: dict[str, dict[int, Any]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}  # numId -> ilvl -> startOverride
        self.level_overrides: dict[str, dict[int, Any]] = {}
        self.levels: dict[tuple[str, int], Level | None] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iter(T_ABSTRACTNUM):
            aid = an.get(T_ABSTRACTNUMID, "")
            self.abstract[aid] = {_int(lv.get(T_ILVL), 0): lv for lv in an.iter(T_LVL)}
        for num in root.iter(T_NUM):
            nid = num.get(T_NUMID, "")
            ref = num.find(T_ABSTRACTNUMID)
            if ref is None:
                continue
            self.num_abstract[nid] = ref.get(T_VAL, "")
            for ov in num.iter(_w("lvlOverride")):
                ilvl = _int(ov.get(T_ILVL), 0)
                so = ov.find(_w("startOverride"))
                if so is not None:
                    self.overrides.setdefault(nid, {})[ilvl] = _int(so.get(T_VAL), 1)
                lv = ov.find(T_LVL)
                if lv is not None:
                    self.level_overrides.setdefault(nid, {})[ilvl] = lv

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        key = (num_id, ilvl)
        if key not in self.levels:
            el = self.level_overrides.get(num_id, {}).get(ilvl)
            if el is None:
                el = self.abstract.get(self.num_abstract.get(num_id, ""), {}).get(ilvl)
            self.levels[key] = None if el is None else _level(el)
        return self.levels[key]

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counters for one numbered paragraph and return its label (``"a)"``)."""
        aid = self.num_abstract.get(num_id)
        if aid is None or num_id == "0":
            return ""
        lvl = self._level(num_id, ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            # a w:num with startOverride restarts the list where it is first used
            self.started.add(num_id)
            for ov_lvl, start in self.overrides.get(num_id, {}).items():
                if 0 <= ov_lvl < 9:
                    counters[ov_lvl] = start - 1
                    for deeper in range(ov_lvl + 1, 9):
                        counters[deeper] = None
        cur = counters[ilvl]
        counters[ilvl] = (lvl.start if cur is None else cur + 1)
        for deeper in range(ilvl + 1, 9):
            dl = self._level(num_id, deeper)
            if dl is not None and dl.restart == 0:
                continue  # w:lvlRestart 0: this level never restarts
            if dl is not None and dl.restart is not None and dl.restart - 1 < ilvl:
                continue  # restarts only after a higher level than the current one
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return _bullet(lvl.text)
        if lvl.fmt == "none" and "%" not in lvl.text:
            return lvl.text.strip()

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kl = self._level(num_id, k) or Level()
            val = counters[k] if k < 9 and counters[k] is not None else kl.start
            fmt = "decimal" if (lvl.is_legal and k != ilvl) else kl.fmt
            return format_number(int(val or 0), fmt)

        return _PCT.sub(sub, lvl.text).strip()


_PCT = re.compile(r"%([1-9])")


def _int(v: str | None, default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def _level(lv: Any) -> Level:
    def val(tag: str) -> str | None:
        e = lv.find(_w(tag))
        return None if e is None else e.get(T_VAL)

    restart = val("lvlRestart")
    return Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        start=_int(val("start"), 1),
        restart=_int(restart, 0) if restart is not None else None,
        suffix=val("suff") or "tab",
        is_legal=lv.find(_w("isLgl")) is not None,
    )


# --------------------------------------------------------------------------- styles


# raw-bytes scans of styles.xml / fontTable.xml (w: is the prefix Word and LibreOffice write)
_STYLE_NAME_RE = re.compile(rb"<w:style\b([^>]*)>\s*<w:name\s+w:val=\"([^\"]*)\"")
_STYLE_ID_RE = re.compile(rb"w:styleId=\"([^\"]*)\"")
_BASED_ON_RE = re.compile(rb"<w:basedOn\s+w:val=\"([^\"]*)\"")
_FONT_NAME_RE = re.compile(rb"(?:w:ascii|w:hAnsi|w:cs|w:eastAsia|<w:font\s+w:name)=\"([^\"]+)\"")


@dataclass
class Styles:
    """Paragraph style names, style numbering and fonts (with ``w:basedOn`` inheritance)."""

    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num: dict[str, tuple[str | None, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    font: dict[str, str] = field(default_factory=dict)
    default_para: str | None = None
    default_font: str | None = None

    @classmethod
    def names_only(cls, data: bytes) -> Styles:
        """Style names from the raw part (a regex over the bytes; the default template's styles.xml
        is 350 KB, and parsing it costs more than the whole body of a plan)."""
        st = cls()
        for attrs, name in _STYLE_NAME_RE.findall(data):
            sid = _STYLE_ID_RE.search(attrs)
            if sid:
                st.names[sid.group(1).decode("utf-8", "replace")] = name.decode("utf-8", "replace")
        return st

    @classmethod
    def parse(cls, root: Any) -> Styles:
        st = cls()
        if root is None:
            return st
        dd = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        if dd is not None:
            st.default_font = _font_of(dd)
        for s in root.iter(_w("style")):
            sid = s.get(_w("styleId"), "")
            name = s.find(_w("name"))
            st.names[sid] = name.get(T_VAL, sid) if name is not None else sid
            if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true"):
                st.default_para = sid
            b = s.find(_w("basedOn"))
            if b is not None:
                st.based_on[sid] = b.get(T_VAL, "")
            npr = s.find(f"{T_PPR}/{_w('numPr')}")
            if npr is not None:
                nid = npr.find(_w("numId"))
                il = npr.find(_w("ilvl"))
                st.num[sid] = (None if nid is None else nid.get(T_VAL), 0 if il is None else _int(il.get(T_VAL), 0))
            rpr = s.find(T_RPR)
            if rpr is not None:
                f = _font_of(rpr)
                if f:
                    st.font[sid] = f
        return st

    def _chain(self, sid: str | None) -> list[str]:
        out: list[str] = []
        while sid and sid not in out and len(out) < 20:
            out.append(sid)
            sid = self.based_on.get(sid)
        return out

    def font_of(self, sid: str | None) -> str | None:
        for s in self._chain(sid or self.default_para):
            if s in self.font:
                return self.font[s]
        return self.default_font

    def numbering_of(self, sid: str | None) -> tuple[str | None, int] | None:
        for s in self._chain(sid):
            if s in self.num:
                return self.num[s]
        return None


def _font_of(rpr: Any) -> str | None:
    rf = rpr.find(T_RFONTS)
    if rf is None:
        return None
    for attr in _FONT_ATTRS:
        v = rf.get(attr)
        if v:
            return str(v)
    return None


# --------------------------------------------------------------------------- body walk


@dataclass
class _Para:
    text: str
    encoding: str | None
    style: str | None
    textboxes: list[_Para]


class _Reader:
    """Walks one part. ``track_fonts`` is off when no font of the document is a legacy font, which
    spares the per-run font lookups on the (usual) all-Unicode document."""

    def __init__(self, styles: Styles, numbering: Numbering, *, track_fonts: bool = True) -> None:
        self.styles = styles
        self.numbering = numbering
        self.track_fonts = track_fonts
        self.encodings: set[str] = set()
        self.font_enc: dict[str | None, str | None] = {}  # per-document cache of font -> encoding

    # ---- paragraphs
    def paragraph(self, p: Any, *, numbered: bool = True) -> _Para:
        ppr = p.find(T_PPR)
        style_id: str | None = None
        num: tuple[str | None, int] | None = None
        para_font: str | None = None
        if ppr is not None:
            ps = ppr.find(T_PSTYLE)
            if ps is not None:
                style_id = ps.get(T_VAL)
            npr = ppr.find(T_NUMPR)
            if npr is not None:
                nid = npr.find(T_NUMID)
                il = npr.find(T_ILVL)
                style_num = self.styles.numbering_of(style_id)
                num = (
                    nid.get(T_VAL) if nid is not None else (style_num[0] if style_num else None),
                    _int(il.get(T_VAL), 0) if il is not None else (style_num[1] if style_num else 0),
                )
            if self.track_fonts:
                prpr = ppr.find(T_RPR)
                if prpr is not None:
                    para_font = _font_of(prpr)
        if num is None:
            num = self.styles.numbering_of(style_id)
        base_font = self.styles.font_of(style_id) if self.track_fonts else None
        segs: list[tuple[str, str | None]] = []  # (text, font)
        boxes: list[_Para] = []
        if not self.track_fonts and next(p.iter(*_SLOW_PATH_TAGS), None) is None:
            # nothing to skip or set apart in this paragraph: its text nodes in document order
            # (w:pPr is skipped: its w:tabs/w:tab are tab-stop definitions, not tab characters)
            segs.append(("".join(_SIMPLE_TEXT.get(e.tag) or e.text or "" for ch in p if ch.tag != T_PPR for e in ch.iter(*_TEXT_TAGS)), None))
        else:
            self._inline(p, segs, boxes, base_font)
        text, enc = self._decode_segments(segs, para_font or base_font)
        label = ""
        if numbered and num is not None and num[0] not in (None, "0") and text.strip():
            label = self.numbering.label(str(num[0]), num[1])
        if label:
            text = f"{label} {text.lstrip()}"
        return _Para(text, enc, self.styles.names.get(style_id or "", style_id), boxes)

    def _inline(self, el: Any, segs: list[tuple[str, str | None]], boxes: list[_Para], font: str | None) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == T_R:
                self._run(ch, segs, boxes, font)
            elif tag == T_ALT:
                choice = ch.find(T_CHOICE)
                if choice is not None:
                    self._inline(choice, segs, boxes, font)
            elif tag in _INLINE_CONTAINERS or tag == T_SDT:
                self._inline(ch, segs, boxes, font)
            elif tag == T_MATH_T:
                segs.append((ch.text or "", None))
            elif tag.startswith(f"{{{M}}}"):
                self._inline(ch, segs, boxes, font)

    def _run(self, r: Any, segs: list[tuple[str, str | None]], boxes: list[_Para], font: str | None) -> None:
        rpr = r.find(T_RPR)
        if rpr is not None:
            vanish = rpr.find(T_VANISH)
            if vanish is not None and vanish.get(T_VAL) not in ("0", "false"):
                return
            f = _font_of(rpr) if self.track_fonts else None
            if f:
                font = f
            elif self.track_fonts:
                rs = rpr.find(T_RSTYLE)
                if rs is not None and rs.get(T_VAL) in self.styles.font:
                    font = self.styles.font[rs.get(T_VAL)]
        for ch in r:
            tag = ch.tag
            if tag == T_T:
                # an unresolved entity (&xxe;, never expanded) is a child node: keep the text after it
                segs.append(((ch.text or "") + "".join(c.tail or "" for c in ch) if len(ch) else (ch.text or ""), font))
            elif tag == T_TAB:
                segs.append(("\t", font))
            elif tag in (T_BR, T_CR):
                segs.append(("\n", font))
            elif tag == T_NOBREAK:
                segs.append(("-", font))
            elif tag == T_SOFTHYPHEN:
                # byte 0xAD is "ư" in TCVN3; Word stores it as <w:softHyphen/> (kehoach issue 8)
                segs.append(("\u00ad", font))
            elif tag in _BOX_HOLDERS:
                self._boxes(ch, boxes)

    def _boxes(self, el: Any, boxes: list[_Para]) -> None:
        """Text boxes under a drawing; the mc:Fallback (VML) duplicate is skipped."""
        for ch in el:
            if not isinstance(ch.tag, str) or ch.tag == T_FALLBACK:
                continue
            if ch.tag == T_TXBX:
                for line in self.container(ch):
                    boxes.append(line)
            else:
                self._boxes(ch, boxes)

    def _decode_segments(self, segs: list[tuple[str, str | None]], para_font: str | None) -> tuple[str, str | None]:
        """Join runs, converting legacy-font runs; paragraphs with no legacy font get ``detect``."""
        out: list[str] = []
        encs: set[str] = set()
        buf: list[str] = []
        buf_enc: str | None = None
        for text, font in segs if self.track_fonts else ():
            key = font or para_font
            if key not in self.font_enc:
                self.font_enc[key] = legacy_hook.font_encoding(key)
            enc = self.font_enc[key]
            if enc != buf_enc and buf:
                out.append(legacy_hook.convert("".join(buf), buf_enc))
                buf = []
            buf_enc = enc
            buf.append(text)
            if enc and text.strip():
                encs.add(enc)
        if buf:
            out.append(legacy_hook.convert("".join(buf), buf_enc))
        text = "".join(out) if self.track_fonts else "".join(t for t, _ in segs)
        if not encs:
            guessed = legacy_hook.guess(text)
            if guessed:
                text = legacy_hook.convert(text, guessed)
                encs.add(guessed)
        text = text.replace("\u00ad", "")  # soft hyphens left outside TCVN3 text are invisible
        enc_name = "+".join(sorted(encs)) if encs else None
        if enc_name:
            self.encodings.update(encs)
        return text, enc_name

    # ---- containers (body, cells, text boxes, headers)
    def container(self, el: Any) -> list[_Para]:
        """Paragraph-level content of a container as flat lines (tables flattened: row per line)."""
        out: list[_Para] = []
        for ch in el:
            tag = ch.tag
            if tag == T_P:
                para = self.paragraph(ch)
                out.append(para)
                out.extend(para.textboxes)
            elif tag == T_TBL:
                for row in self.table_lines(ch):
                    out.append(_Para(row, None, None, []))
            elif tag in (T_SDT, T_SDTCONTENT, _w("customXml")):
                out.extend(self.container(ch))
            elif tag == T_ALT:
                choice = ch.find(T_CHOICE)
                if choice is not None:
                    out.extend(self.container(choice))
        return out

    def cells(self, tbl: Any) -> list[list[list[str]]]:
        """rows -> cells -> lines (nested tables flattened into lines)."""
        rows: list[list[list[str]]] = []
        for tr in tbl.iter(T_TR):
            if tr.getparent() is not tbl:
                continue  # nested rows come through their cell
            cells: list[list[str]] = []
            for tc in tr:
                if tc.tag == T_SDT:
                    inner = tc.find(f"{T_SDTCONTENT}/{T_TC}")
                    tc = inner if inner is not None else tc
                if tc.tag != T_TC:
                    continue
                tcpr = tc.find(T_TCPR)
                span = 1
                merged = False
                if tcpr is not None:
                    gs = tcpr.find(T_GRIDSPAN)
                    span = _int(gs.get(T_VAL) if gs is not None else None, 1)
                    vm = tcpr.find(T_VMERGE)
                    merged = vm is not None and vm.get(T_VAL) in (None, "continue")
                lines = [] if merged else [p.text for p in self.container(tc)]
                cells.append(lines)
                cells.extend([] for _ in range(span - 1))
            rows.append(cells)
        return rows

    def table_lines(self, tbl: Any) -> list[str]:
        rows = self.cells(tbl)
        return [_row_line(cells) for cells in rows]


def _row_line(cells: list[list[str]]) -> str:
    return "\t".join(" ".join(x.strip() for x in lines if x.strip()) for lines in cells).rstrip("\t")


def _is_layout(rows: list[list[list[str]]]) -> bool:
    """A small table (≤ 4 rows, ≤ 3 columns) holding multi-line cells or the header's motto/date.

    The header block (``[["ỦY BAN NHÂN DÂN", "XÃ TÂN PHONG", "Số: 12/KH-UBND"], ["CỘNG HÒA …",
    "Độc lập …"]]``, or a row per line: ``ỦY BAN NHÂN DÂN | CỘNG HÒA …``) and the ``Nơi nhận |
    signature`` table are laid out this way; a data table has one value per cell and no motto.
    """
    if not rows or len(rows) > 4:
        return False
    if max(len(r) for r in rows) > 3:
        return False
    cells = [cell for r in rows for cell in r]
    if any(sum(1 for x in cell if x.strip()) > 1 for cell in cells):
        return True
    return any(RIGHT_COLUMN_CUE.search(x) for r in rows for cell in r[1:] for x in cell)


def _layout_text(rows: list[list[list[str]]]) -> str:
    """Column-major lines of a layout table: the left column top to bottom, then the next."""
    ncols = max(len(r) for r in rows)
    lines: list[str] = []
    for c in range(ncols):
        for r in rows:
            if c < len(r):
                lines.extend(x.strip() for x in r[c] if x.strip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- entry point


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """``rId -> (type suffix, target path)`` of a part's relationships."""
    d, _, base = part.rpartition("/")
    root = _parse(z, f"{d}/_rels/{base}.rels")
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    for rel in root:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else f"{d}/{target}"
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def _main_part(z: zipfile.ZipFile) -> str:
    root = _parse(z, "_rels/.rels")
    if root is not None:
        for rel in root:
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def read_docx(path: Path, doc_id: str, *, source_format: SourceFormat = SourceFormat.DOCX) -> RawDocument:
    """Blocks of a DOCX in body order, headers/footers apart. Raises ``KehoachError`` on bad input.

    >>> raw = read_docx(Path("ke_hoach.docx"), "ab12")  # doctest: +SKIP
    >>> raw.blocks[0].text  # doctest: +SKIP
    'ỦY BAN NHÂN DÂN\\nXÃ TÂN PHONG\\nSố: 12/KH-UBND\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\n…'
    """
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise KehoachError(ErrorCode.CORRUPT_FILE, f"not a readable ZIP/DOCX ({e})") from e
    with z:
        check_zip(z)
        main = _main_part(z)
        doc = _parse(z, main)
        if doc is None:
            raise KehoachError(ErrorCode.CORRUPT_FILE, f"{main} missing")
        rels = _rels(z, main)
        by_type: dict[str, str] = {}
        for typ, target in rels.values():
            by_type.setdefault(typ, target)
        styles_data = _read_part(z, by_type["styles"]) if "styles" in by_type else None
        font_table = _read_part(z, by_type["fontTable"]) if "fontTable" in by_type else None
        track = _uses_legacy_font(doc, styles_data, font_table)
        if styles_data is not None and (track or ("numbering" in by_type and _style_numbering_used(doc, styles_data))):
            # style inheritance matters (fonts, style-linked numbering): parse the whole part
            styles = Styles.parse(_parse(z, by_type["styles"]))
        else:
            styles = Styles.names_only(styles_data or b"")
        numbered = "numbering" in by_type and (next(doc.iter(T_NUMPR), None) is not None or styles.num)
        numbering = Numbering(_parse(z, by_type["numbering"]) if numbered else None)
        reader = _Reader(styles, numbering, track_fonts=track)
        body = doc.find(_w("body"))
        blocks: list[Block] = []
        if body is not None:
            _body_blocks(reader, body, blocks)
        # headers and footers, in the order the sections reference them, each part once
        seen: set[str] = set()
        refs = [(el.tag, el.get(f"{{{R}}}id", "")) for el in doc.iter(_w("headerReference"), _w("footerReference"))]
        for tag, rid in refs:
            if rid not in rels or rels[rid][1] in seen:
                continue
            seen.add(rels[rid][1])
            part = _parse(z, rels[rid][1])
            if part is None:
                continue
            kind = BlockKind.HEADER if tag == _w("headerReference") else BlockKind.FOOTER
            hf_reader = _Reader(styles, Numbering(None), track_fonts=track)
            for para in hf_reader.container(part):
                if para.text.strip():
                    blocks.append(Block(para.text, kind, encoding=para.encoding, style=para.style))
            reader.encodings.update(hf_reader.encodings)
    enc = _summary(reader.encodings, blocks)
    return RawDocument(str(path), source_format, doc_id, blocks=blocks, encoding=enc)


def _style_numbering_used(doc: Any, styles_data: bytes) -> bool:
    """Does a paragraph use a style that carries list numbering (``Heading 1`` → ``I.``)?

    A raw scan of styles.xml: the ids of styles with ``w:numPr`` and the ``w:basedOn`` links, so a
    style based on a numbered style counts too; the full parse happens only when this says yes.
    """
    numbered: set[bytes] = set()
    based_on: dict[bytes, bytes] = {}
    for chunk in styles_data.split(b"<w:style ")[1:]:
        body = chunk.split(b"</w:style>", 1)[0]
        sid = _STYLE_ID_RE.search(body)
        if sid is None:
            continue
        if b"<w:numPr" in body:
            numbered.add(sid.group(1))
        base = _BASED_ON_RE.search(body)
        if base:
            based_on[sid.group(1)] = base.group(1)
    if not numbered:
        return False
    for ps in doc.iter(T_PSTYLE):
        sid_b = (ps.get(T_VAL) or "").encode()
        for _ in range(20):  # follow w:basedOn, bounded against cycles
            if sid_b in numbered:
                return True
            if sid_b not in based_on:
                break
            sid_b = based_on[sid_b]
    return False


def _uses_legacy_font(doc: Any, styles_data: bytes | None, font_table: bytes | None) -> bool:
    """Any font of the document (font table, styles, runs) that implies a legacy encoding."""
    if legacy_hook.legacy is None:
        return False
    names: set[str] = set()
    for data in (styles_data, font_table):
        if data:
            names.update(m.decode("utf-8", "replace") for m in _FONT_NAME_RE.findall(data))
    for rf in doc.iter(T_RFONTS):
        names.update(v for v in (rf.get(a) for a in _FONT_ATTRS) if v)
    return any(legacy_hook.font_encoding(n) for n in names if n)


def _body_blocks(reader: _Reader, el: Any, blocks: list[Block]) -> None:
    for ch in el:
        tag = ch.tag
        if tag == T_P:
            para = reader.paragraph(ch)
            blocks.append(Block(para.text, BlockKind.BODY, encoding=para.encoding, style=para.style))
            for box in para.textboxes:
                if box.text.strip():
                    blocks.append(Block(box.text, BlockKind.TEXTBOX, encoding=box.encoding, style=box.style))
        elif tag == T_TBL:
            rows = reader.cells(ch)
            if _is_layout(rows):
                blocks.append(Block(_layout_text(rows), BlockKind.TABLE))
            else:
                for cells in rows:
                    line = _row_line(cells)
                    if line.strip():
                        blocks.append(Block(line, BlockKind.TABLE))
        elif tag in (T_SDT, T_SDTCONTENT, _w("customXml")):
            _body_blocks(reader, ch, blocks)
        elif tag == T_ALT:
            choice = ch.find(T_CHOICE)
            if choice is not None:
                _body_blocks(reader, choice, blocks)


def _summary(encs: set[str], blocks: list[Block]) -> str:
    """``"utf-8"``, ``"tcvn3"`` (every text block legacy) or ``"utf-8+tcvn3"`` (mixed)."""
    if not encs:
        return "utf-8"
    texty = [b for b in blocks if b.text.strip() and not b.text.isascii()]
    if texty and all(b.encoding for b in texty):
        return "+".join(sorted(encs))
    return "+".join(["utf-8", *sorted(encs)])
