"""Legacy Vietnamese encodings: TCVN3 (ABC, ``.VnTime``), VNI (``VNI-Times``) and VIQR, to Unicode NFC.

Before about 2010 most Vietnamese documents were typed in 8-bit fonts whose bytes are Latin-1
look-alikes: every extractor reads ``Uû ban nh©n d©n`` (TCVN3) or ``UÛy ban nhaân daân`` (VNI)
where the page shows ``Uỷ ban nhân dân``. This module

- maps a font name to its encoding (``encoding_for_font(".VnTimeH") -> "tcvn3h"``), the strongest
  evidence, carried by DOCX/DOC/RTF runs and PDF fonts;
- detects the encoding of plain text statistically (``detect``): the text is decoded with each
  candidate and the candidate whose words become valid Vietnamese syllables wins;
- converts (``convert_text``) with the tables in ``data/legacy/*.csv``;
- repairs mixed text line by line (``fix_text``): a Unicode body with a TCVN3 header pasted in is
  converted part by part.

Encodings: ``"tcvn3"`` (normal ABC fonts; capitals with tones do not exist there, so the case of a
toned letter is inferred from its word), ``"tcvn3h"`` (the all-capitals ABC fonts ``.VnTimeH``,
``.VnArialH``: the same bytes, displayed as capitals), ``"vni"``, ``"viqr"`` (RFC 1456).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from models.document import page_ranges
from pipeline.resources import load_csv

ENCODINGS: tuple[str, ...] = ("tcvn3", "tcvn3h", "vni", "viqr")

# Confidence from which ``fix_text`` converts a line on text evidence alone.
MIN_CONFIDENCE = 0.5

# --------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True, slots=True)
class Tables:
    """Decoding/encoding maps built from ``data/legacy/*.csv`` (validated on load)."""

    tcvn3_decode: dict[str, str]  # legacy char -> lower-case (or VN3 capital) Unicode letter
    tcvn3_encode: dict[str, tuple[str, str]]  # Unicode letter -> (legacy char, "tcvn3"|"tcvn3h")
    vni_single: dict[str, str]  # stand-alone VNI char -> Unicode (ô -> ơ, ñ -> đ, æ -> ỉ)
    vni_pair: dict[str, str]  # base + modifier (lower-case) -> Unicode lower-case letter
    vni_encode: dict[str, str]
    viqr_decode: dict[str, str]
    viqr_encode: dict[str, str]


def _letters() -> list[str]:
    """The 134 Vietnamese letters with diacritics: 67 lower-case, then their capitals."""
    tones = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    out: list[str] = []
    for base in "aăâeêioôơuưy":
        for t in tones:
            ch = unicodedata.normalize("NFC", base + t)
            if ch not in "aeiouy":
                out.append(ch)
    out.append("đ")
    return out + [c.upper() for c in out]


VIETNAMESE_LETTERS: tuple[str, ...] = tuple(_letters())


def _rows(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    rows = load_csv(f"legacy/{name}.csv")
    for i, r in enumerate(rows):
        for c in columns:
            if not r.get(c):
                raise ValueError(f"data/legacy/{name}.csv row {i + 2}: empty column {c!r}")
    letters = [r["unicode"] for r in rows if r["role"] == "letter"]
    if sorted(letters) != sorted(VIETNAMESE_LETTERS):
        missing = set(VIETNAMESE_LETTERS) - set(letters)
        raise ValueError(f"data/legacy/{name}.csv must list each of the 134 letters once; missing {sorted(missing)}")
    return rows


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Load and validate the three tables (cached; nothing is read at import time)."""
    tc_dec: dict[str, str] = {}
    tc_enc: dict[str, tuple[str, str]] = {}
    for r in _rows("tcvn3", ("unicode", "legacy", "font", "role")):
        u, leg, font = r["unicode"], r["legacy"], r["font"]
        if font not in ("tcvn3", "tcvn3h") or len(leg) != 1:
            raise ValueError(f"data/legacy/tcvn3.csv: bad row {r}")
        if r["role"] == "letter":
            tc_enc[u] = (leg, font)
        if font == "tcvn3":
            if leg in tc_dec and tc_dec[leg] != u:
                raise ValueError(f"data/legacy/tcvn3.csv: {leg!r} decodes to both {tc_dec[leg]!r} and {u!r}")
            tc_dec[leg] = u
    vni_single: dict[str, str] = {}
    vni_pair: dict[str, str] = {}
    vni_enc: dict[str, str] = {}
    for r in _rows("vni", ("unicode", "legacy", "role")):
        u, leg = r["unicode"], r["legacy"]
        vni_enc[u] = leg
        if len(leg) == 1:
            vni_single[leg] = u
        elif len(leg) == 2:
            if u.islower():
                vni_pair[leg] = u
        else:
            raise ValueError(f"data/legacy/vni.csv: bad row {r}")
    viqr_dec: dict[str, str] = {}
    viqr_enc: dict[str, str] = {}
    for r in _rows("viqr", ("unicode", "legacy", "role")):
        viqr_enc[r["unicode"]] = r["legacy"]
        viqr_dec[r["legacy"]] = r["unicode"]
    return Tables(tc_dec, tc_enc, vni_single, vni_pair, vni_enc, viqr_dec, viqr_enc)


# --------------------------------------------------------------------------------------------
# fonts

_FONT_PREFIX = re.compile(r"^[A-Z]{6}\+")  # PDF subset tag: "GDNPME+VnTimeH"
_FONT_STYLE = re.compile(r"(?:[\s,_-]*(?:bold|italic|oblique|regular|normal|ps|mt|psmt|condensed))+$", re.IGNORECASE)
_VNI_FONT = re.compile(r"^vni[\s_-]", re.IGNORECASE)  # "VNI-Times", "VNI-Helve", "VNI Times"
_TCVN3_FONT = re.compile(r"^\.?vn(?!i[\s_-])[a-z]", re.IGNORECASE)  # ".VnTime", ".VnArial NarrowH", "VnTimeH"


def encoding_for_font(font_name: str | None) -> str | None:
    """Legacy encoding implied by a font name, or None for a Unicode (or unknown) font.

    ``".VnTime"`` -> ``"tcvn3"``; ``".VnTimeH"``, ``"GDNPME+VnTimeHBold"`` -> ``"tcvn3h"``
    (all-capitals font); ``"VNI-Times"`` -> ``"vni"``; ``"Times New Roman"`` -> None.
    """
    if not font_name:
        return None
    name = _FONT_PREFIX.sub("", font_name.strip())
    if _VNI_FONT.match(name):
        return "vni"
    if _TCVN3_FONT.match(name):
        core = _FONT_STYLE.sub("", name).rstrip()
        return "tcvn3h" if core[-1:] in ("H", "h") else "tcvn3"
    return None


# --------------------------------------------------------------------------------------------
# conversion

# a word of letters, legacy bytes included ("nh©n" is one word in TCVN3)
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff\u2212\u2219])+")


def convert_text(text: str, encoding: str) -> str:
    """Legacy-encoded ``text`` -> Unicode NFC. Unknown encodings raise ValueError.

    ``convert_text("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"``;
    ``convert_text("Ñoäc laäp", "vni") == "Độc lập"``; ``convert_text("Vie^.t Nam", "viqr") == "Việt Nam"``.
    """
    if encoding == "tcvn3":
        return _tcvn3(text, upper=False)
    if encoding == "tcvn3h":
        return _tcvn3(text, upper=True)
    if encoding == "vni":
        return _vni(text)
    if encoding == "viqr":
        return _viqr(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


def _tcvn3(text: str, *, upper: bool) -> str:
    dec = tables().tcvn3_decode
    if upper:
        return unicodedata.normalize("NFC", "".join(dec.get(c, c) for c in text).upper())
    # VN3 has no toned capitals: a toned letter is a capital when its word is written in capitals
    # ("QUYÕT" -> "QUYẾT", "ñY" -> "ỦY") or its line is ("CéNG HOµ"), else lower-case ("Sè" -> "Số").
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        line_caps = _mostly_capitals(line, dec)
        pos = 0
        for m in _WORD.finditer(line):
            out.append(line[pos : m.start()])
            out.append(_tcvn3_word(m.group(), dec, line_caps))
            pos = m.end()
        out.append(line[pos:])
    return unicodedata.normalize("NFC", "".join(out))


def _tcvn3_word(word: str, dec: dict[str, str], line_caps: bool) -> str:
    plain = [(i, c) for i, c in enumerate(word) if c not in dec and c.isalpha()]
    if not any(c in dec for c in word):
        return word
    has_lower = any(c.islower() for _, c in plain)
    inner_upper = any(c.isupper() for i, c in plain if i > 0)
    initial_upper = bool(plain) and plain[0][0] == 0 and plain[0][1].isupper()
    caps = not has_lower and (inner_upper or (line_caps and (initial_upper or not plain)))
    out = []
    for c in word:
        u = dec.get(c)
        if u is None:
            out.append(c)
        else:
            out.append(u.upper() if caps else u)
    return "".join(out)


def _mostly_capitals(text: str, dec: dict[str, str]) -> bool:
    """True when the line's legacy words of 3+ letters are in capitals ("CéNG HOµ X· HéI"); short
    words and abbreviations ("Q§-UB", "UBND") do not count, so "Sè: 12/KH-UBND" stays "Số"."""
    letters = [
        c
        for m in _WORD.finditer(text)
        if len(m.group()) >= 3 and any(ch in dec for ch in m.group())
        for c in m.group()
        if c.isalpha() and c not in dec
    ]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


_VNI_MOD_CIRC = "âáàåãä"
_VNI_MOD_BREVE = "êéèúüë"
_VNI_MOD_TONE = "ùøûõï"


def _vni(text: str) -> str:
    t = tables()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        low = c.lower()
        nxt = text[i + 1].lower() if i + 1 < n else ""
        if nxt and low in "aeouyôö" and (
            nxt in _VNI_MOD_TONE or (low in "aeo" and nxt in _VNI_MOD_CIRC) or (low == "a" and nxt in _VNI_MOD_BREVE)
        ):
            u = t.vni_pair.get(low + nxt)
            if u is not None:
                out.append(u.upper() if c.isupper() else u)
                i += 2
                continue
        out.append(t.vni_single.get(c, c))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


_VIQR_TOKEN = re.compile(
    r"""
    \\(?P<escaped>[.?'`~(^+\\])            # "\." literal full stop after a vowel
    | (?P<dd>(?<![^\W\d_])(?:dd|DD|Dd))      # "dd" -> đ, at the start of a word: "ddi" -> "đi"
    | (?P<vowel>[aeiouyAEIOUY])
      (?P<mod>(?<=[aA])[(^]|(?<=[eE])\^|(?<=[oO])[\^+]|(?<=[uU])\+)?
      (?P<tone>['`~]|[.?](?=[^\W\d_])|[.?](?=[ \t]+[a-zđ]))?   # "Vie^.t", "ba. ngày"
    """,
    re.VERBOSE,
)


def _viqr(text: str) -> str:
    t = tables()

    def repl(m: re.Match[str]) -> str:
        if m.group("escaped"):
            return m.group("escaped")
        if m.group("dd"):
            return "đ" if m.group("dd") == "dd" else "Đ"
        key = m.group("vowel") + (m.group("mod") or "") + (m.group("tone") or "")
        if len(key) == 1:
            return key
        return t.viqr_decode.get(key, key)

    return unicodedata.normalize("NFC", _VIQR_TOKEN.sub(repl, text))


def encode_text(text: str, encoding: str) -> str:
    """Unicode -> legacy (the inverse of ``convert_text``), for tests and round-trips.

    ``encode_text("Độc lập", "vni") == "Ñoäc laäp"``. With ``"tcvn3"`` a toned capital has no byte of
    its own and is written with the lower-case byte (what ``.VnTimeH`` displays as a capital).
    """
    t = tables()
    text = unicodedata.normalize("NFC", text)
    if encoding in ("tcvn3", "tcvn3h"):
        out = []
        for c in text:
            if encoding == "tcvn3h" and c.isalpha():
                c = c.lower()
            hit = t.tcvn3_encode.get(c)
            out.append(hit[0] if hit else c)
        return "".join(out)
    if encoding == "vni":
        return "".join(t.vni_encode.get(c, c) for c in text)
    if encoding == "viqr":
        return "".join(t.viqr_encode.get(c, c) for c in text)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


# --------------------------------------------------------------------------------------------
# detection

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(
    r"""
    ^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?      # initial: "ngh" in "nghĩa"
    (?:(?:iêu|yêu|oai|oay|oao|oeo|uây|uôi|uya|uyu|ươi|ươu              # open rhymes, no final: "điều"
         |ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu)    # "hai", "mua", "thuở"
      |(?:uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uô|uy|ươ|[aăâeêioôơuưy])          # closable: "việc", "hoàng"
       (?:ch|ng|nh|[cmnpt])?)$                                          # final: "ng" in "hoàng"
    """,
    re.VERBOSE,
)
_LEGACY_HINT = re.compile(r"[\u00a1-\u00ff\u2212\u2219]")
# Latin-1 characters that ordinary Unicode Vietnamese never uses (©, ¸, ñ, ö, ø...): a text of valid
# syllables without one is taken as Unicode at once.
_FOREIGN = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212\u2219]"
)
_VIQR_HINT = re.compile(r"[aeiouyAEIOUY](?:[(^+]['`?~.]?|['`~])|(?<![^\W\d_])(?:dd|DD)[aeiouyAEIOUY]")
# Vietnamese letters outside Latin-1 (ă đ ĩ ũ ơ ư and U+1EA0-U+1EF9): proof of Unicode text
_UNICODE_ONLY = re.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_MAX_WORDS = 400


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` spells one Vietnamese syllable (at most one tone): "người" yes, "ngaứy" no."""
    w = unicodedata.normalize("NFD", word.lower())
    tones = sum(w.count(m) for m in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in w if c not in _TONE_MARKS))
    return _SYLLABLE.match(bare) is not None


@lru_cache(maxsize=1)
def attested_syllables() -> frozenset[str]:
    """Lower-case syllables of the words of underthesea's Viet74K word list (ships in the package;
    about 11,000): "tỉnh", "của" are attested, the well-formed "tổnh", "cuỷa" are not. Empty when
    the list cannot be read (then only the spelling rules judge)."""
    from importlib import resources

    try:
        raw = resources.files("underthesea").joinpath("corpus", "data", "Viet74K.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(unicodedata.normalize("NFC", w.lower()) for w in raw.split())


def _valid_rate(words: list[str]) -> float:
    return sum(is_vietnamese_syllable(w) for w in words) / len(words) if words else 0.0


def detect(text: str) -> tuple[str | None, float]:
    """Guess the legacy encoding of ``text`` and a confidence 0..1.

    Words with a character above ASCII are decoded with each candidate (TCVN3, VNI) and judged as
    Vietnamese syllables, as they stand and decoded. The candidate with the most valid words wins; its
    confidence weighs the words it repairs (invalid as they stand, valid decoded: ``nh©n``) against
    those it breaks (valid as they stand, invalid decoded), times the share of valid decoded words, and
    needs three repaired words for full weight. Words valid both ways (``héi`` / ``hội``) say nothing.
    ASCII-only text is tested for VIQR markup. Returns ``(None, c)`` for ordinary Unicode Vietnamese or
    plain ASCII, ``c`` being the confidence that no legacy encoding applies (0.0 with nothing to judge).
    ``detect("Uû ban nh©n d©n tØnh") -> ("tcvn3", 1.0)``; ``detect("Ủy ban nhân dân tỉnh") -> (None, 1.0)``.
    """
    words = [m.group() for m in _WORD.finditer(text)]
    marked = [w for w in words if _LEGACY_HINT.search(w)]
    if not marked:
        return _detect_viqr(text, words)
    marked = marked[:_MAX_WORDS]
    as_is = [is_vietnamese_syllable(w) for w in marked]
    rate_unicode = sum(as_is) / len(as_is)
    weight = min(1.0, len(marked) / 3)
    if rate_unicode >= 0.8 and not _FOREIGN.search(text):
        return None, round(weight * rate_unicode, 3)  # fast path: ordinary Unicode Vietnamese
    best: str | None = None
    best_key = (rate_unicode, 0, 0)
    best_conf = 0.0
    attested = attested_syllables()
    for enc in ("tcvn3", "vni"):
        converted = [convert_text(w, enc) for w in marked]
        decoded = [is_vietnamese_syllable(c) for c in converted]
        rate = sum(decoded) / len(decoded)
        gain = sum(d and not a for d, a in zip(decoded, as_is, strict=True))
        loss = sum(a and not d for d, a in zip(decoded, as_is, strict=True))
        # a tie on well-formed words goes to the decoding whose words are real: VNI "tænh keá" is
        # well-formed TCVN3 too ("tổnh keỏ"), but only "tỉnh kế" are Vietnamese words
        real = sum(c.lower() in attested for c in converted)
        if gain == 0 or (rate, gain, real) <= best_key:
            continue
        best, best_key = enc, (rate, gain, real)
        best_conf = gain / (gain + loss) * min(1.0, gain / 3) * min(1.0, rate / 0.7)
    if best is None:
        return None, round(weight * rate_unicode, 3)
    if _UNICODE_ONLY.search(text):
        # lines holding letters only Unicode has (ư ơ ă ạ ế) are Unicode: a text mixing them with legacy
        # lines must be repaired line by line (fix_text), not decoded whole
        lines = [ln for ln in text.splitlines() if _LEGACY_HINT.search(ln)]
        best_conf *= 1 - sum(1 for ln in lines if _UNICODE_ONLY.search(ln)) / max(1, len(lines))
    return best, round(best_conf, 3)


def _detect_viqr(text: str, words: list[str]) -> tuple[str | None, float]:
    hints = len(_VIQR_HINT.findall(text))
    if hints < 2 or not words:
        return None, 0.0
    converted = [w for w in (m.group() for m in _WORD.finditer(_viqr(text))) if not w.isascii()]
    if not converted:
        return None, 0.0
    rate = _valid_rate(converted)
    share = min(1.0, hints / max(1, len(words)) / 0.2)
    conf = round(rate * share * min(1.0, hints / 4), 3)
    return ("viqr", conf) if conf >= 0.3 else (None, 0.0)


def _decoded_rate(text: str, encoding: str) -> float:
    """Share of the words with a non-ASCII character that decode to valid syllables."""
    marked = [m.group() for m in _WORD.finditer(text) if _LEGACY_HINT.search(m.group())][:_MAX_WORDS]
    return _valid_rate([convert_text(w, encoding) for w in marked])


def detect_lines(text: str) -> list[tuple[int, int, str | None, float]]:
    """Per-line detection: ``(start, end, encoding, confidence)`` for each line of ``text``."""
    out: list[tuple[int, int, str | None, float]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        enc, conf = detect(line)
        out.append((pos, pos + len(line), enc, conf))
        pos += len(line)
    return out


def fix_text(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Repair legacy-encoded ``text``; returns ``(unicode_text, encoding_found)``.

    With a legacy ``font`` (``.VnTime``, ``VNI-Times``) the whole text is converted with its
    encoding. Otherwise each line is judged on its own (a Unicode body with a TCVN3 header pasted in
    is converted part by part); a line too short to judge follows the encoding of the whole text.
    The encoding returned is the one applied (``"tcvn3"``, ``"vni"``, ``"viqr"``; several joined by
    ``+`` when a text mixes them), or None when nothing was converted.
    ``fix_text("C¨n cø LuËt\\nCăn cứ Luật") == ("Căn cứ Luật\\nCăn cứ Luật", "tcvn3")``.
    """
    enc = encoding_for_font(font)
    if enc is not None:
        return convert_text(text, enc), enc
    parts: list[str] = []
    used: list[str] = []
    for start, end, choice in plan_lines(text):
        line = text[start:end]
        if choice is None:
            parts.append(line)
            continue
        parts.append(convert_text(line, choice))
        if choice not in used:
            used.append(choice)
    return "".join(parts), ("+".join(used) or None)


def plan_lines(text: str) -> list[tuple[int, int, str | None]]:
    """``(start, end, encoding or None)`` for each line of ``text``: what ``fix_text`` converts.

    A line is converted when it is confidently legacy on its own, or when it is inconclusive
    (``"Sè: 12/KH-UBND"``) inside a text that is confidently legacy as a whole and holds no letter
    only Unicode has (ư, ơ, ă, đ, ạ...: those never occur in TCVN3/VNI/VIQR bytes).
    """
    if not text or (text.isascii() and not _VIQR_HINT.search(text)):
        return [(0, len(text), None)] if text else []
    whole, whole_conf = detect(text)
    out: list[tuple[int, int, str | None]] = []
    for start, end, line_enc, conf in detect_lines(text):
        line = text[start:end]
        choice: str | None = None
        if (line_enc is not None and whole is not None and line_enc != whole and whole != "viqr"
                and whole_conf >= MIN_CONFIDENCE and _decoded_rate(line, whole) >= _decoded_rate(line, line_enc)):
            choice = whole  # a tie on a short line ("teá cuûa CC": tế của / teỏ cuỷa) goes to the text's encoding
        elif line_enc is not None and conf >= MIN_CONFIDENCE:
            choice = line_enc
        elif line_enc is not None and whole == line_enc and whole_conf >= MIN_CONFIDENCE:
            choice = line_enc  # a short line ("Sè:") in a legacy text
        elif line_enc is None and conf < MIN_CONFIDENCE and whole is not None and whole_conf >= MIN_CONFIDENCE:
            hint = _LEGACY_HINT if whole != "viqr" else _VIQR_HINT
            if hint.search(line) and not _UNICODE_ONLY.search(line):
                choice = whole
        out.append((start, end, choice))
    return out


def describe_provenance(summary: str | None, spans: list[tuple[int, int, str]], ocr_pages: list[int] | None = None) -> str | None:
    """Which encoding was found where, in normalized-text offsets, for the ``texts`` table.

    ``spans`` are ``(start, end, encoding)`` of the blocks read with a legacy encoding or OCR;
    neighbouring spans of one encoding merge. The rest of the text is the ``summary``'s Unicode.
    ``describe_provenance("utf-8+tcvn3", [(0, 40, "tcvn3"), (41, 90, "tcvn3")])`` ->
    ``"utf-8+tcvn3; tcvn3@0-90"``; with OCR: ``"ocr; ocr@0-5120 pages 1-5"``.
    """
    merged: dict[str, list[list[int]]] = {}
    for start, end, enc in sorted(spans):
        runs = merged.setdefault(enc, [])
        if runs and start - runs[-1][1] <= 2:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    parts = [summary or "unknown"]
    for enc, runs in merged.items():
        where = ",".join(f"{a}-{b}" for a, b in runs)
        if enc == "ocr" and ocr_pages:
            where += f" pages {page_ranges(ocr_pages)}"
        parts.append(f"{enc}@{where}")
    return "; ".join(parts)


