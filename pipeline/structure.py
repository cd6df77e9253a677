"""Structure of a Vietnamese administrative/party document: header, title, sections, signature.

``analyze(doc)`` fills ``doc.structure`` (spans into ``doc.text``) and ``doc.metadata`` (the
ANNOTATION.md §1 fields except locality). The parts, top to bottom::

    ĐẢNG UỶ XÃ TÂN PHONG                ĐẢNG CỘNG SẢN VIỆT NAM      <- header: issuer lines | motto
    BAN CHỈ ĐẠO ...                     Tân Phong, ngày 04 tháng 12 năm 2024   <- date line
    Số      -KH/BCĐ                                                 <- number line
    (Dự thảo)
    KẾ HOẠCH                                                        <- genre word
    Phối hợp liên ngành làm công tác dân vận đợt II năm 2024        <- title
    Thực hiện kế hoạch số 14-KH/BCĐ ...                             <- preamble
    I- MỤC ĐÍCH, YÊU CẦU / 1- Mục đích / a) / - / +                 <- sections
    Nơi nhận: - Ban Dân vận Huyện ủy, ...                           <- recipients
    T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Nguyễn Văn Ninh                <- signature

In flattened text the two header columns share a line; cells are split on runs of three or more
spaces or a tab. Every rule is written for the general layout, not for one sample.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from models.document import DocMetadata, DocStructure, Document, Section, Span
from pipeline import lexicon
from pipeline.resources import load_csv

# --------------------------------------------------------------------------------------------
# patterns

_CELL_SEP = re.compile(r"\t+|[ ]{3,}")

_MOTTO = re.compile(
    r"""
    CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM     # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    | ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM                         # "ĐẢNG CỘNG SẢN VIỆT NAM"
    | Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc              # "Độc lập - Tự do - Hạnh phúc"
    """,
    re.VERBOSE | re.IGNORECASE,
)

_NUMBER = re.compile(
    r"""
    (?<![^\W\d_])[Ss][Ốố]\s*:?[ \t]*\n?[ \t]*               # "Số:", "SỐ :", "Số\n" (a PDF table cell)
    (?P<num>\d{1,6}[a-zđ]?)?                                  # "172", "14"; blank: "Số      -KH/BCĐ"
    [ \t.…_]*(?P<sep>[-/])[ \t]*                              # "-" (party style) or "/" (state style)
    (?P<sym>(?:\d{4}[ \t]*/[ \t]*)?                           # year of state style: "2004/"
        [A-ZĐ][A-ZĐa-zđ0-9&]*                                # "KH", "QĐ"
        (?:[ \t]*[-/.][ \t]*[A-ZĐ0-9][A-ZĐa-zđ0-9&]*)*)      # "/BCĐ", "-UBND", "/QĐ/BTC", ". BQL-VP"
    """,
    re.VERBOSE,
)

_DATE = re.compile(
    r"""
    (?:(?P<place>[^\W\d_][\w.'’]*(?:[ ][^\W\d_][\w.'’]*){0,5})[ \t]*,[ \t]*)?   # "Tân Phong, ", "TP.Cần Thơ, "
    ngày[ \t.…_]*(?P<d>\d{1,2})?[ \t.…_]*                                      # "ngày 04", "ngày      "
    (?:tháng|/)[ \t.…_]*(?P<m>\d{1,2})?[ \t.…_]*                               # "tháng 12", "tháng5", "/12"
    (?:năm|/)\s*(?P<y>(?:19|20)\d{2})                                          # "năm 2024" (also after a newline)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DRAFT = re.compile(r"\(\s*dự\s+thảo[^)\n]*\)|^\s*DỰ\s+THẢO\s*$", re.IGNORECASE | re.MULTILINE)

_ORNAMENT = re.compile(r"^[\s*_\-=~.·•o0]*$")  # "*", "-----", "-0-", "___"

_HEADING = re.compile(
    r"""
    ^(?:
       (?P<part>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d{1,2}|thứ\s+\w+|THỨ\s+\w+))\b[.:]?\s*   # "Phần I", "Chương II"
     | (?P<article>Điều\s+\d{1,3})\s*[.:]\s*                                     # "Điều 1."
     | (?P<roman>X{0,3}(?:IX|IV|V?I{1,3}|V))\s*[.\-/)]\s*(?!v\s)(?=\S)          # "I. MỤC ĐÍCH", "II- NỘI DUNG"
     | (?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)                          # "1.1. Ủy ban", "2.1 Các cấp"
     | (?P<arabic>\d{1,2})\s*[.\-)](?:\s+|(?=[^\W\d_]))                          # "1. Mục đích", "1- Mục đích"
     | (?P<letter>[a-zđ])\s*(?:\)\s*(?=\S)|\.\s+(?=[^\W\d_]))                    # "a) Nội dung", "đ) ...", "b. Lực lượng"
     | (?P<paren>\(\s*\d{1,2}\s*\))\s*(?=\S)                                     # "(1) Tuyên truyền"
     | (?P<dash>[-•])\s*(?=[^\s\-=_*])                                                 # "- Nội dung"
     | (?P<plus>\+)\s*(?=\S)                                                     # "+ Tuyên truyền"
    )
    """,
    re.VERBOSE,
)
_BULLETS = ("dash", "plus")

_RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+(?:nhận|gửi)\s*:?", re.IGNORECASE)
_ON_BEHALF = re.compile(
    r"""
    ^\s*\**\s*(?P<kind>
        T\s*/\s*M|T\.\s*M\.|TM\s*\.|TM(?=\s)|THAY\s+MẶT        # on behalf of a body: "T/M BAN THƯỜNG VỤ", "TM. UBND"
      | KT\s*[./]|K\s*/\s*T|TL\s*\.|T\s*/\s*L|TUQ\s*\.|Q\s*\.   # for a person: "KT. CHỦ TỊCH", "TL. BÍ THƯ"
    )\s*(?P<rest>.*)$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SIGNED = re.compile(
    r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký,?\s+(?:và\s+)?đóng\s+dấu|ký\s+và\s+ghi\s+rõ|chữ\s+ký\s+số|\[?daky\]?)[^)]*\)?\.?$",
    re.IGNORECASE,
)
_PREAMBLE_START = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo|Xét|Nhằm|Để|Trên\s+cơ\s+sở|Qua|Sau\s+khi|Thi\s+hành|Triển\s+khai|Được\s+sự)\b"
)
_ISSUER_VERB = re.compile(
    r"\s(?:thống\s+nhất\s+)?(?:ban\s+hành|xây\s+dựng|triển\s+khai\s+xây\s+dựng|lập)\s+"
    r"(?:[Kk]ế\s+hoạch|[Cc]hương\s+trình|[Hh]ướng\s+dẫn|[Qq]uy\s+chế|[Đđ]ề\s+án|[Pp]hương\s+án)"
)
_TITLE_WORDS = re.compile(
    r"BÍ\s+THƯ|CHỦ\s+TỊCH|TRƯỞNG|PHÓ|GIÁM\s+ĐỐC|ỦY\s+VIÊN|THƯỜNG\s+TRỰC|CHÁNH|BAN|ĐẢNG|ỦY|HỘI|KIÊM|VỤ",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _genre_re() -> re.Pattern[str]:
    genres = sorted({r["genre"].strip() for r in load_csv("genres_title.csv") if r.get("genre", "").strip()}, key=len, reverse=True)
    if not genres:
        raise ValueError("data/genres_title.csv: no genre")
    alts = "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in genres)
    return re.compile(r"^\s*(?P<genre>" + alts + r")(?![^\W\d_])[ \t]*[:.]?[ \t]*(?P<rest>.*)$", re.IGNORECASE)


_TRAILING_RULE = re.compile(r"[\s_=*~.-]{3,}$")  # "BAN CHỈ ĐẠO ____", "ĐẢNG ỦY ---"
_OF_ISSUER = re.compile(r"của\b", re.IGNORECASE)  # "QUYẾT ĐỊNH CỦA CHỦ TỊCH ...": the rest names the issuer


def genres() -> tuple[str, ...]:
    """Genre words of ``data/genres_title.csv`` (upper case)."""
    return tuple(r["genre"].strip() for r in load_csv("genres_title.csv"))


# --------------------------------------------------------------------------------------------
# lines


class _Line(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def s(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def _lines(text: str) -> list[_Line]:
    parts = text.split("\n")
    starts = accumulate((len(p) + 1 for p in parts), initial=0)
    make = tuple.__new__  # _Line(start, end, text) without the keyword-argument wrapper
    return [make(_Line, (start, start + len(p), p)) for start, p in zip(starts, parts, strict=False)]


def _cells(line: _Line) -> list[tuple[int, int, str]]:
    """Cells of a flattened multi-column line: (start, end, text) in document offsets."""
    if "\t" not in line.text and "   " not in line.text:  # no cell separator: the line is one cell
        return [_cell(line, 0, len(line.text))] if line.text.strip() else []
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _CELL_SEP.finditer(line.text):
        if line.text[pos:m.start()].strip():
            out.append(_cell(line, pos, m.start()))
        pos = m.end()
    if line.text[pos:].strip():
        out.append(_cell(line, pos, len(line.text)))
    return out


def _cell(line: _Line, a: int, b: int) -> tuple[int, int, str]:
    seg = line.text[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg_s = seg.strip()
    return (line.start + a + lead, line.start + a + lead + len(seg_s), seg_s)


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _mostly_upper(s: str) -> bool:
    """Upper case but for a few letters (``ủY BAN NHÂN DÂN THÀNH PHỐ Cần Thơ`` of a legacy file)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _clean(s: str) -> str:
    return " ".join(s.split())


# --------------------------------------------------------------------------------------------
# analysis


@dataclass
class _Header:
    span: Span | None = None
    number: re.Match[str] | None = None
    number_span: Span | None = None
    date: re.Match[str] | None = None
    date_span: Span | None = None
    issuer_lines: list[str] | None = None
    draft: bool = False
    place: str | None = None


def analyze(doc: Document) -> None:
    """Fill ``doc.structure`` and ``doc.metadata`` in place (pure function of ``doc.text``).

    Example: a text starting ``"ĐẢNG UỶ XÃ TÂN PHONG   ĐẢNG CỘNG SẢN VIỆT NAM\\nSố   -KH/BCĐ\\n
    KẾ HOẠCH\\nPhối hợp ..."`` gives ``issuer_lines == ["ĐẢNG ỦY XÃ TÂN PHONG"]``,
    ``metadata.doc_symbol == "KH/BCĐ"``, ``metadata.doc_type == "KẾ HOẠCH"``.
    """
    text = doc.text
    lines = _lines(text)
    st = DocStructure()
    md = DocMetadata()

    g = _find_genre(lines)
    head_end = g if g is not None else _first_content_line(lines)
    hd = _analyze_header(text, lines, 0, head_end)
    if hd.date is None or hd.number is None:
        _search_outside_header(text, lines, hd, g)

    # title and preamble
    title_span: Span | None = None
    title_text: str | None = None
    after_title = g + 1 if g is not None else head_end
    if g is not None:
        md.doc_type = _clean(_genre_re().match(lines[g].s).group("genre")).upper()  # type: ignore[union-attr]
        title_span, title_text, after_title = _title(lines, g)

    while after_title < len(lines) and (not lines[after_title].s or _ORNAMENT.match(lines[after_title].s)
                                        or _DRAFT.fullmatch(lines[after_title].s)):
        after_title += 1  # the rule line under the title ("-----") is not preamble
    tail_start, recipients, rec_span, sig = _tail(text, lines, after_title)
    sections = _sections(text, lines, after_title, tail_start)
    first_sec = sections[0].start if sections else None
    pre_start = lines[after_title].start if after_title < len(lines) else len(text)
    pre_end = first_sec if first_sec is not None else _preamble_run_end(lines, after_title, tail_start)
    if pre_end > pre_start and text[pre_start:pre_end].strip():
        a, b = _trim(text, pre_start, pre_end)
        st.preamble = Span(a, b)
    body_start = first_sec if first_sec is not None else (st.preamble.start if st.preamble else pre_start)
    if tail_start > body_start:
        a, b = _trim(text, body_start, tail_start)
        if b > a:
            st.body = Span(a, b)

    st.header = hd.span
    st.number_line = hd.number_span
    st.date_line = hd.date_span
    st.issuer_lines = list(hd.issuer_lines or [])
    st.title = Span(lines[g].start, title_span.end) if g is not None and title_span else (
        Span(lines[g].start, lines[g].end) if g is not None else None)
    st.recipients = rec_span
    st.signature = sig.span if sig else None
    st.sections = sections
    doc.structure = st

    # metadata
    md.title = title_text
    if hd.number is not None:
        num = hd.number.group("num")
        sym = re.sub(r"\s+", "", hd.number.group("sym"))
        md.doc_symbol = re.sub(r"^\d{4}/", "", sym)
        md.doc_number = f"{num}{hd.number.group('sep')}{sym}" if num else None
    if hd.date is not None:
        md.issue_date = _iso(hd.date)
        if hd.place:
            md.issue_place = _clean(re.sub(r"^(?:TP|Tp|TX|Tx|TT)\s*\.\s*", "", hd.place))
    # "(Dự thảo)" in the header, or between the genre word and the preamble
    md.is_draft = hd.draft or bool(g is not None and _DRAFT.search(text[lines[g].start:lines[min(after_title, len(lines) - 1)].start]))
    md.recipients = recipients
    if sig is not None:
        md.signer_name = sig.name
        md.signer_title = sig.title
    md.issuer = _issuer(text, st, hd, sig, md)
    # keep the locality fields the places helper may have set already
    old = doc.metadata
    for f in ("province", "district", "commune", "province_2025", "province_code", "district_code",
              "commune_code", "province_2025_code", "locality_evidence", "locality_confidence"):
        setattr(md, f, getattr(old, f))
    doc.metadata = md


def _preamble_run_end(lines: list[_Line], first: int, stop: int) -> int:
    """Without sections, the preamble is the run of ``Căn cứ``/``Thực hiện``/``Xét`` paragraphs
    after the title (not the whole text)."""
    end = lines[first].start if first < len(lines) else stop
    for ln in lines[first:]:
        if ln.start >= stop:
            break
        if not ln.s:
            continue
        if not _PREAMBLE_START.match(ln.s):
            break
        end = ln.end
    return min(end, stop)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _first_content_line(lines: list[_Line]) -> int:
    """Without a genre line, the header is at most the lines before the first section/preamble."""
    for i, ln in enumerate(lines[:30]):
        s = ln.s
        if s and (_HEADING.match(s) or _PREAMBLE_START.match(s) or len(s) > 120):
            return i
    return min(len(lines), 30)


def _find_genre(lines: list[_Line]) -> int | None:
    """Index of the genre line (``KẾ HOẠCH``): upper-case genre word at the line start, within the
    first 60 lines and before the first section heading."""
    gre = _genre_re()
    for i, ln in enumerate(lines[:60]):
        s = ln.s
        if not s:
            continue
        m = gre.match(s)
        # "KẾ HOẠCH ...", or a genre in any case alone on its line ("Quyết định") or before the
        # issuer ("quyết định của bộ trưởng bộ tài chính", a legacy file that lost its capitals)
        if m and (_is_upper(m.group("genre")) or not m.group("rest") or _OF_ISSUER.match(m.group("rest"))):
            return i
        if _HEADING.match(s) and not _HEADING.match(s).group("dash") and i > 0:  # type: ignore[union-attr]
            hm = _HEADING.match(s)
            if hm and (hm.group("roman") or hm.group("arabic") or hm.group("article")):
                return None
    return None


def _analyze_header(text: str, lines: list[_Line], a: int, b: int) -> _Header:
    hd = _Header(issuer_lines=[])
    if b <= a:
        return hd
    region_start, region_end = lines[a].start, lines[b - 1].end
    region = text[region_start:region_end]
    taken: list[tuple[int, int]] = []
    m = _NUMBER.search(region)
    if m:
        hd.number = m
        hd.number_span = Span(region_start + m.start(), region_start + m.end())
        taken.append((hd.number_span.start, hd.number_span.end))
    for mm in _MOTTO.finditer(region):
        taken.append((region_start + mm.start(), region_start + mm.end()))
    # the date is searched with the number and mottos blanked: "Hạnh phúc Tân Phong, ngày" -> "Tân Phong"
    d = _DATE.search(_blank_out(text, region_start, region_end, taken))
    if d:
        hd.date = d
        hd.place, pstart = _place(d)
        hd.date_span = Span(region_start + pstart, region_start + d.end())
        taken.append((hd.date_span.start, hd.date_span.end))
    for dm in _DRAFT.finditer(region):
        hd.draft = True
        taken.append((region_start + dm.start(), region_start + dm.end()))
    # issuer cells: what is left of each line, split into cells, upper-case organ lines
    issuer: list[str] = []
    first = last = None
    for ln in lines[a:b]:
        if not ln.s:
            continue
        first = ln if first is None else first
        last = ln
        for cs, ce, _ctext in _cells(ln):
            rest = _blank_out(text, cs, ce, taken).strip()
            for piece in _CELL_SEP.split(rest):
                piece = _TRAILING_RULE.sub("", piece).strip(" ,")
                if not piece or _ORNAMENT.match(piece) or not _is_upper(piece):
                    continue
                if _genre_re().match(piece) and _genre_re().match(piece).group("rest") == "":  # type: ignore[union-attr]
                    continue
                issuer.append(_clean(piece))
    hd.issuer_lines = issuer
    if first is not None and last is not None:
        hd.span = Span(*_trim(text, first.start, last.end))
    return hd


def _blank_out(text: str, a: int, b: int, taken: list[tuple[int, int]]) -> str:
    if not any(ts < b and te > a for ts, te in taken):  # nothing taken inside [a, b)
        return text[a:b]
    chars = list(text[a:b])
    for ts, te in taken:
        for k in range(max(ts, a), min(te, b)):
            chars[k - a] = " "
    return "".join(chars)


def _search_outside_header(text: str, lines: list[_Line], hd: _Header, g: int | None) -> None:
    """A number or place-date line outside the header block: a whole cell of the first 30 or
    the last 15 lines (some plans put the date above the signature)."""
    idx = list(range(min(30, len(lines)))) + list(range(max(0, len(lines) - 15), len(lines)))
    for i in dict.fromkeys(idx):
        ln = lines[i]
        low = ln.text.lower()
        if "ngày" not in low and "số" not in low:  # the date line and the number line hold these words
            continue
        whole = (ln.start + ln.indent, ln.start + len(ln.text.rstrip()), ln.s)  # blanks may hold the layout gap
        for cs, _ce, ctext in [whole, *_cells(ln)]:
            if hd.date is None:
                d = _DATE.fullmatch(ctext.rstrip(" ."))
                if d and d.group("place"):
                    hd.date = d
                    hd.place, pstart = _place(d)
                    hd.date_span = Span(cs + pstart, cs + d.end())
            if hd.number is None and i < 30:  # also a header block the PDF reader put after the title
                m = _NUMBER.match(ctext)
                if m:
                    hd.number = m
                    hd.number_span = Span(cs + m.start(), cs + m.end())


def _place(d: re.Match[str]) -> tuple[str | None, int]:
    """The place of a place-and-date match and where the date line starts. Words before a
    title-case place that are upper case or lower case belong to the other column of a flattened
    line: ``BAN CHỈ ĐẠO Tân Phong, ngày`` -> ``Tân Phong``; an all-caps place is kept whole."""
    place = d.group("place")
    if not place:
        return None, d.start()
    words = place.split(" ")
    titled = [k for k, w in enumerate(words) if w[:1].isupper() and any(c.islower() for c in w)]
    if titled:
        words = words[titled[0]:]
    kept = " ".join(words)
    return kept, d.start("place") + len(place) - len(kept)


def _iso(d: re.Match[str]) -> str:
    y, m, day = d.group("y"), d.group("m"), d.group("d")
    if m and day:
        return f"{int(y):04d}-{int(m):02d}-{int(day):02d}"
    if m:
        return f"{int(y):04d}-{int(m):02d}"
    return y


# --------------------------------------------------------------------------------------------
# title


def _title(lines: list[_Line], g: int) -> tuple[Span | None, str | None, int]:
    """Title after the genre line: the next paragraph, continued while lines do not start a
    preamble, a section, a separator or an upper-case block. Returns (span, text, next line)."""
    parts: list[str] = []
    span_start = span_end = None
    rest = _genre_re().match(lines[g].s).group("rest")  # type: ignore[union-attr]
    if rest and not _OF_ISSUER.match(rest):
        parts.append(rest)
        span_start = lines[g].end - len(lines[g].text.rstrip()) + len(lines[g].text.rstrip()) - len(rest)
        span_end = lines[g].end - (len(lines[g].text) - len(lines[g].text.rstrip()))
    i = g + 1
    n = len(lines)
    # skip blank lines after the genre word (and a "(Dự thảo)" line)
    while i < n and (not lines[i].s or _DRAFT.fullmatch(lines[i].s)) and not parts:
        i += 1
    while i < n:
        ln = lines[i]
        s = ln.s
        if not s:
            break
        if _ORNAMENT.match(s) or _RECIPIENTS.match(s) or (parts and _DRAFT.fullmatch(s)):
            break
        if parts:
            so_far = " ".join(parts)
            if (_PREAMBLE_START.match(s) or _HEADING.match(s) or so_far.endswith((".", ";", ":"))
                    or len(so_far) > 400 or (_mostly_upper(s) and not _mostly_upper(so_far))):
                break
        elif _HEADING.match(s) and not _HEADING.match(s).group("roman"):  # type: ignore[union-attr]
            break
        parts.append(s)
        if span_start is None:
            span_start = ln.start + ln.indent
        span_end = ln.start + len(ln.text.rstrip())
        i += 1
    if not parts or span_start is None or span_end is None:
        return None, None, g + 1
    return Span(span_start, span_end), _clean(" ".join(parts)), i


# --------------------------------------------------------------------------------------------
# sections


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUM_NOISE = re.compile(r"[()\s]")  # "(1)" -> "1"


def _roman_value(s: str) -> int:
    total = 0
    for k, ch in enumerate(s):
        v = _ROMAN[ch]
        total += -v if k + 1 < len(s) and _ROMAN[s[k + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def _sections(text: str, lines: list[_Line], first: int, end: int) -> list[Section]:
    """Heading tree from line ``first`` to offset ``end`` (the recipients/signature start).

    Levels come from the order marker kinds appear in (as in legal drafting): a kind already on
    the stack closes the deeper ones (a sibling), a new kind opens a child. Paths use the number
    as written; a Roman part number that repeats or goes back is renumbered in the path (sample
    001 writes ``I.`` twice: its second part gets path ``II``), a restarted Arabic list is not.
    """
    found: list[tuple[str, str, str, int, int]] = []  # (kind, number, title, start, heading_end)
    for i in range(first, len(lines)):
        ln = lines[i]
        if ln.start >= end:
            break
        s = ln.text.strip()
        if not s:
            continue
        m = _HEADING.match(s)
        if not m:
            continue
        kind = m.lastgroup or ""
        raw_num = m.group(kind)
        if kind == "letter" and s[m.end():m.end() + 1].islower() and ")" not in s[: m.end()]:
            continue  # "a. nội dung" is not a heading; "a. Nội dung" is
        if kind == "dash" or kind == "plus":
            num = "-" if kind == "dash" else "+"
        elif kind == "article":
            num = raw_num.split()[-1]
        else:
            num = _NUM_NOISE.sub("", raw_num)
        title = s[m.end():].strip().lstrip(".-) ").strip()
        start = ln.start + ln.indent
        found.append((kind, num, title, start, ln.start + len(ln.text.rstrip())))

    # stack entries: (kind, path component, ordinal)
    stack: list[tuple[str, str, int | None]] = []
    prev_ord: dict[int, int] = {}
    out: list[tuple[str, str, int, str, int, int]] = []  # (number, title, level, path, start, heading_end)
    for kind, num, title, start, hend in found:
        for k, entry in enumerate(stack):
            if entry[0] == kind:
                del stack[k:]
                break
        level = len(stack) + 1
        # forget ordinals of deeper levels
        for lv in [lv for lv in prev_ord if lv > level]:
            del prev_ord[lv]
        comp: str | None
        ordinal: int | None = None
        if kind in _BULLETS:
            comp = None
        elif kind == "roman":
            ordinal = _roman_value(num)
            if level in prev_ord and ordinal <= prev_ord[level]:
                ordinal = prev_ord[level] + 1
            comp = _to_roman(ordinal)
        elif kind in ("arabic", "paren", "article"):
            ordinal = int(num)  # a restarted list keeps its numbers as written
            comp = str(ordinal)
        elif kind == "multi":
            segs = num.split(".")
            parent = next((c for k, c, _ in reversed(stack) if c is not None), None)
            comp = segs[-1] if parent is not None and parent == segs[-2] else num
        else:
            comp = num
        if ordinal is not None:
            prev_ord[level] = ordinal
        stack.append((kind, comp or "", ordinal))
        path = ".".join([c for _, c, _ in stack if c])
        out.append((num, title, level, path, start, hend))

    # ends: the next heading at the same or a higher level (the open headings form a stack of
    # increasing levels; a heading closes those at its level and below)
    stops = [end] * len(out)
    open_: list[int] = []
    for k, sec in enumerate(out):
        level = sec[2]
        while open_ and out[open_[-1]][2] >= level:
            stops[open_.pop()] = sec[4]
        open_.append(k)
    sections: list[Section] = []
    for (num, title, level, path, start, hend), stop in zip(out, stops, strict=True):
        _a, b = _trim(text, start, stop)
        sections.append(Section(num, title, level, path, start, hend, max(b, hend)))
    return sections


# --------------------------------------------------------------------------------------------
# recipients and signature


@dataclass
class _Signature:
    span: Span | None
    name: str | None
    title: str | None
    on_behalf: str | None  # "BAN THƯỜNG VỤ TỈNH ĐOÀN" of "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN"


def _name_like(s: str) -> bool:
    """A person's name: 2-6 capitalised words (``Trương Thị Kim Xanh``, ``H'Hen Niê``)."""
    words = s.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in s) or ":" in s or len(s) > 50:
        return False
    if words[0] in _NOT_NAME_START or any(_ROMAN_WORD.fullmatch(w) for w in words):
        return False  # "Chương I", "Điều Khoản"
    return all(_name_word(w) for w in words)


_ROMAN_WORD = re.compile(r"[IVXLC]+")
_NOT_NAME_START = frozenset({"Chương", "Điều", "Phần", "Mục", "Phụ", "Mẫu", "Biểu", "Nơi", "Lưu", "Như", "Kính", "Trang"})


def _name_word(w: str) -> bool:
    letters = w.replace("'", "").replace("’", "").replace("-", "")
    if not letters.isalpha() or not w[0].isupper():
        return False
    rest = [c for c in w[1:] if c.isalpha()]
    return not rest or sum(c.isupper() for c in rest) <= 1 and not all(c.isupper() for c in rest)


def _title_like(s: str) -> bool:
    """A line of a signer's title: ``PHÓ BÍ THƯ ĐẢNG ỦY``, ``kiêm``, ``Thứ trưởng``."""
    return (len(s.split()) <= 10 and s[:1] not in "-+•(" and not s.endswith((";", ":")) and ":" not in s
            and not _name_like(s) and not any(ch.isdigit() for ch in s))


def _upper_name_like(s: str) -> bool:
    words = s.split()
    return (2 <= len(words) <= 5 and _is_upper(s) and not any(ch.isdigit() for ch in s)
            and not _TITLE_WORDS.search(s) and all(w.isalpha() for w in words))


def _tail(text: str, lines: list[_Line], first: int) -> tuple[int, list[str], Span | None, _Signature | None]:
    """Recipients (``Nơi nhận``) and signature; returns (tail start offset, entries, span, signature)."""
    n = _appendix_start(lines, first)  # forms and appendices after the signature are not the tail
    r = None
    for i in range(n - 1, first - 1, -1):
        if _RECIPIENTS.match(lines[i].text):
            r = i
            break
    entries: list[str] = []
    rec_span: Span | None = None
    sig_lines: list[tuple[int, int, str]] = []  # (start, end, text)
    seq_sig_from: int | None = None
    if r is not None:
        rec_start = lines[r].start + lines[r].indent
        rec_end = lines[r].end
        two_col = any(len(_cells(lines[k])) >= 2 for k in range(r, min(n, r + 25)) if lines[k].s)
        k = r
        while k < n:
            ln = lines[k]
            if not ln.s:
                k += 1
                continue
            cells = _cells(ln)
            left: tuple[int, int, str] | None = None
            if k == r:
                head = _RECIPIENTS.match(ln.text)
                assert head is not None
                after = ln.text[head.end():]
                sub = _Line(ln.start + head.end(), ln.end, after)
                cells = _cells(sub)
                if cells and cells[0][0] - sub.start < 20 and cells[0][2][:1] in "-+•":
                    left, others = cells[0], cells[1:]
                else:
                    others = cells
                sig_lines.extend(others)
                if left:
                    entries.append(left[2])
                k += 1
                continue
            if len(cells) >= 2 or (two_col and ln.indent >= 25):
                if ln.indent >= 25 and len(cells) == 1:
                    sig_lines.append(cells[0])
                    k += 1
                    continue
                left, others = cells[0], cells[1:]
                sig_lines.extend(others)
            else:
                left = cells[0]
            s = left[2]
            if s[:1] in "-+•" or s.startswith(". "):
                entries.append(s)
                rec_end = left[1]
            elif entries and not _ON_BEHALF.match(s) and not entries[-1].rstrip().endswith((".", ";")) and (
                s[:1].islower() or ln.indent >= 2
                or (entries[-1].rstrip().endswith(",") and not _name_like(s))
            ):
                entries[-1] = entries[-1] + " " + s
                rec_end = left[1]
            else:
                seq_sig_from = k
                break
            k += 1
        rec_span = Span(rec_start, rec_end)
        entries = [e for e in (_clean_entry(e) for e in entries) if e]
        if seq_sig_from is not None:
            for ln in lines[seq_sig_from:n]:
                sig_lines.extend(_cells(ln))
        tail_start = rec_start
    else:
        tail_start = len(text)
    sig = _signature(sig_lines)
    if sig is None or sig.name is None:
        # signature before "Nơi nhận" or no recipients: the run of short lines ending the text
        stop = r if r is not None else n
        run = _short_run(lines, first, stop)
        if run:
            cand = _signature([c for ln in run for c in _cells(ln)])
            if cand is not None and cand.name is not None:
                sig = cand
                if cand.span is not None:
                    tail_start = min(tail_start, cand.span.start)
    return tail_start, entries, rec_span, sig


_APPENDIX = re.compile(
    r"^\s*(?:PHỤ\s+LỤC|Phụ\s+lục|MẪU\s+SỐ|Mẫu\s+số)(?:\s+(?:số\s+)?[\dIVX]{1,4}[a-z]?)?\s*[:.]?\s*$"  # "Phụ lục I", "Mẫu số 02"
)


# after the recipients, the start of an attached text: "Chương I", "(Ban hành kèm theo Quyết định ...)"
_ATTACHED = re.compile(r"^\s*(?:(?:CHƯƠNG|Chương)\s+[IVX\d]{1,4}\s*[.:]?\s*$|\((?:Ban\s+hành\s+)?[Kk]èm\s+theo)")


_TAIL_LEADS = frozenset("NnPMC(")  # first letters of _RECIPIENTS ("Nơi nhận"), _APPENDIX ("PHỤ LỤC", "Mẫu số"), _ATTACHED


def _appendix_start(lines: list[_Line], first: int) -> int:
    """Index of the first stand-alone appendix heading after a ``Nơi nhận`` line or after the
    first quarter of the text (``PHỤ LỤC 01``, ``Mẫu số 02``); ``len(lines)`` if none."""
    seen_recipients = False
    for i in range(first, len(lines)):
        s = lines[i].text
        lead = s[:1]
        if lead.isspace():
            lead = s.lstrip()[:1]
        if lead not in _TAIL_LEADS:  # none of the three patterns can match
            continue
        if _RECIPIENTS.match(s):
            seen_recipients = True
        elif (seen_recipients or i > len(lines) // 4) and _APPENDIX.match(s):
            return i
        elif seen_recipients and _ATTACHED.match(s):
            return i
    return len(lines)


def _short_run(lines: list[_Line], first: int, stop: int) -> list[_Line]:
    """The run of short signature-like lines just before ``stop`` (going up)."""
    out: list[_Line] = []
    i = stop - 1
    while i >= first and len(out) < 10:
        s = lines[i].s
        if not s:
            i -= 1
            continue
        words = s.split()
        if (len(words) > 10 or s.endswith((".", ";", ":")) and not _ON_BEHALF.match(s)) or (
            _HEADING.match(s) and not _ON_BEHALF.match(s)
        ):
            break
        out.append(lines[i])
        i -= 1
    return list(reversed(out))


_ENTRY_BULLET = re.compile(r"^(?:[-+•]|\.(?=\s))\s*")  # "- Như trên", ". Lưu VT"
_ENTRY_END = re.compile(r"[\s,.;]+$")


def _clean_entry(e: str) -> str:
    e = _ENTRY_BULLET.sub("", e.strip())
    e = _clean(e)
    return _ENTRY_END.sub("", e)


def _signature(cells: list[tuple[int, int, str]]) -> _Signature | None:
    cells = [c for c in cells if c[2].strip() and not _SIGNED.match(c[2].strip()) and not _ORNAMENT.match(c[2])
             and not _DRAFT.fullmatch(c[2].strip())]
    if not cells:
        return None
    name_idx = None
    for k in range(len(cells) - 1, -1, -1):
        if _name_like(cells[k][2]):
            name_idx = k
            break
    if name_idx is None and _upper_name_like(cells[-1][2]):
        name_idx = len(cells) - 1
    if name_idx is None:
        return _Signature(Span(cells[0][0], cells[-1][1]), None, None, _on_behalf(cells))
    name = cells[name_idx][2].strip()
    if _is_upper(name):
        name = name.title()
    before = cells[:name_idx]
    # title lines: going up from the name, short lines, up to an on-behalf line ("T/M", "KT.")
    title_cells: list[tuple[int, int, str]] = []
    for c in reversed(before):
        t = c[2].strip()
        if _ON_BEHALF.match(t) or not _title_like(t):
            break
        title_cells.insert(0, c)
    title = _clean(" ".join(c[2] for c in title_cells)) or None
    start = before[0][0] if before else cells[name_idx][0]
    return _Signature(Span(start, cells[name_idx][1]), _clean(name), title, _on_behalf(cells[: name_idx + 1]))


def _on_behalf(cells: list[tuple[int, int, str]]) -> str | None:
    for c in cells:
        m = _ON_BEHALF.match(c[2])
        if m and re.match(r"T\s*/\s*M|T\.\s*M|TM|THAY", m.group("kind"), re.IGNORECASE):
            rest = _clean(m.group("rest").strip(" .*"))
            return rest or None
    return None


# --------------------------------------------------------------------------------------------
# issuer


def _issuer(text: str, st: DocStructure, hd: _Header, sig: _Signature | None, md: DocMetadata) -> str | None:
    """The issuing body: the preamble's own sentence (``Ban Thường vụ Tỉnh đoàn xây dựng kế
    hoạch``), else the on-behalf line (``T/M BAN THƯỜNG VỤ``) joined to its parent body, else the
    lowest body of the header's left column; completed with its place and abbreviations expanded.
    """
    bodies = _header_bodies(st.issuer_lines)
    name: str | None = None
    from_header = False
    if st.preamble is not None:
        name = _issuer_from_sentence(text[st.preamble.start:st.preamble.end])
        name = lexicon.expand_abbreviations(name) if name else None
        if name is not None and bodies and not _consistent(name, bodies):
            name = None  # the header names the issuer; the sentence named another body
    if name is None and sig is not None and sig.on_behalf:
        ob = lexicon.recase(sig.on_behalf) if _is_upper(sig.on_behalf) else sig.on_behalf
        ob = lexicon.expand_abbreviations(ob)
        chain = [b for b in bodies if b.lower() != ob.lower()]
        parent = chain[-1] if chain else _archive_parent(md.recipients)
        if _is_sub_body(ob) and parent:
            name = f"{ob} {parent}"
        else:
            # "TM. ỦY BAN NHÂN DÂN" under the header "ỦY BAN NHÂN DÂN / XÃ AN BÌNH": the header's fuller name
            name = next((b for b in reversed(bodies) if b.lower().startswith(ob.lower())), ob)
    if name is None and not bodies and st.preamble is not None:
        name = _authority_line(text[st.preamble.start:st.preamble.end])
    if name is None and bodies:
        name = bodies[-1]
        if _is_sub_body(name) and len(bodies) >= 2:
            name = f"{name} {bodies[-2]}"
        from_header = True
    if name is None:
        return None
    name = lexicon.canonical_case(_clean(lexicon.expand_abbreviations(name)))
    return _complete_place(name, bodies, md.issue_place, from_header)


_PERSON_TITLE = re.compile(r"^(?i:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+BAN|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG)\s+(?=\S)")
_LINE_PUNCT = re.compile(r"[.,;:!?()\"“”]")  # a sentence, not a bare authority line
_GROUNDS_START = re.compile(r"(?i:căn\s+cứ|xét|theo\s+đề\s+nghị|thực\s+hiện)")  # 'Căn cứ Luật ...' after the authority line


def _authority_line(preamble: str) -> str | None:
    """The authority line that opens a decision's preamble when no header names the issuer:
    ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU`` -> ``Ủy ban nhân dân tỉnh Lai Châu``. Scraped and
    transcribed copies lose the capitals (``Chính phủ``, ``Bộ trưởng Bộ Tài chính`` -> ``Bộ Tài
    chính``): a short capitalised line without punctuation that is an organ's name counts too."""
    first, _, rest = preamble.strip().partition("\n")
    first = first.strip()
    upper = _is_upper(first)
    if len(first.split()) > 14 or _genre_re().match(first):
        return None
    if not upper and (not first[:1].isupper() or len(first.split()) > 10 or _LINE_PUNCT.search(first)
                      or not _GROUNDS_START.match(rest.lstrip())):
        return None
    body = _PERSON_TITLE.sub("", first)
    if not body[:1].isupper() or not _starts_with_organ(body):
        return None
    return lexicon.recase(body) if upper else body


def _header_bodies(issuer_lines: list[str]) -> list[str]:
    """Bodies of the header's left column, parent first, re-cased: a line starting with an organ
    head opens a body, other lines continue the previous one (``BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ`` /
    ``CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG`` / ``QUẦN CHÚNG``)."""
    bodies: list[str] = []
    for ln in issuer_lines:
        parts = lexicon.split_bodies(ln)
        for k, p in enumerate(parts):
            starts_body = k > 0 or _starts_with_organ(p) or not bodies
            if starts_body:
                bodies.append(p)
            else:
                bodies[-1] = bodies[-1] + " " + p
    return [lexicon.expand_abbreviations(lexicon.recase(b)) for b in bodies]


def _starts_with_organ(s: str) -> bool:
    m = lexicon._term_re().match(s)  # noqa: SLF001 - shared lexicon internals
    if m is None:
        first = s.split(" ", 1)[0]
        expanded = lexicon.expand_abbreviations(first)
        return expanded != first and lexicon._term_re().match(expanded) is not None  # noqa: SLF001 - "UBND", "BQL"
    canon = lexicon._canonical(m.group())  # noqa: SLF001
    return canon is not None and lexicon._is_head(canon)  # noqa: SLF001


def _issuer_from_sentence(preamble: str) -> str | None:
    """The subject of the preamble's ``<body> ban hành/xây dựng kế hoạch`` sentence.

    >>> _issuer_from_sentence("Thực hiện Chương trình công tác, Ban Tuyên giáo Tỉnh ủy ban hành kế hoạch")
    'Ban Tuyên giáo Tỉnh ủy'
    """
    for m in _ISSUER_VERB.finditer(preamble):
        found = _subject_before(preamble[: m.start()])
        if found:
            return found
    return None


def _subject_before(text: str) -> str | None:
    sentence = re.split(r"[;.:()\n]", text)[-1]
    lead = sentence.strip()
    if lead.lower().startswith("căn cứ") or re.search(r"\bvề(?:\s+việc)?\s*$", lead):
        return None
    first = lexicon._term_re().match(lead)  # noqa: SLF001 - the sentence opens with its subject
    if first is not None and lead[:1].isupper() and _starts_with_organ(lead):
        return _clean(lead)
    # the body is in the last comma-separated piece that holds a capitalised organ head; a name with
    # commas inside ("Tiểu ban thông tin, tuyên truyền, khánh tiết") spans the pieces after it
    pieces = sentence.split(",")
    for k in range(len(pieces) - 1, -1, -1):
        clause = ",".join(pieces[k:])
        piece = pieces[k]
        for t in lexicon._term_re().finditer(piece):  # noqa: SLF001
            canon = lexicon._canonical(t.group())  # noqa: SLF001
            if canon is not None and lexicon._is_head(canon) and t.group()[:1].isupper():  # noqa: SLF001
                return _clean(clause[t.start():])
        am = re.search(r"(?:UBND|HĐND|UBMTTQ|BCĐ|BTV)\b", piece)
        if am:
            return _clean(clause[am.start():])
        if k < len(pieces) - 3:
            break
    return None


def _consistent(name: str, bodies: list[str]) -> bool:
    """Whether a body named in the text agrees with the header's bodies: it names the same
    committee (``Ban Thường vụ Huyện ủy`` / ``Huyện ủy Phụng Hiệp``) or shares most words with
    the lowest body."""
    low = name.lower()
    for b in bodies:
        words = b.split()
        for k in range(len(words) - 1):
            if lexicon.is_level_committee(" ".join(words[k:k + 2])) and " ".join(words[k:k + 2]).lower() in low:
                return True
    a, b2 = set(low.split()), set(bodies[-1].lower().split())
    return len(a & b2) >= 0.6 * min(len(a), len(b2))


def _is_sub_body(name: str) -> bool:
    """``Ban Thường vụ``, ``Ban Chấp hành``, ``Thường trực``: a body of a committee, named without it."""
    return bool(re.fullmatch(r"(?:Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|Thường\s+trực|Ban\s+Thường\s+trực)", name, re.IGNORECASE))


def _archive_parent(recipients: list[str]) -> str | None:
    """``Lưu Văn phòng Đảng ủy`` -> ``Đảng ủy``: the archive copy is kept by the issuer's office."""
    for e in reversed(recipients):
        m = re.match(r"Lưu\s*:?\s*(?:tại\s+)?Văn\s+phòng\s+(?P<body>.+)$", e)
        if m:
            return m.group("body").strip()
    return None


def _complete_place(name: str, bodies: list[str], issue_place: str | None, from_header: bool) -> str:
    """Add the place a body name leaves implicit: ``Ban Thường vụ Huyện ủy`` + header ``Huyện ủy
    Phụng Hiệp`` -> ``Ban Thường vụ Huyện ủy Phụng Hiệp``; ``Ban Chỉ đạo ...`` under ``Đảng ủy xã
    Tân Phong`` -> ``... xã Tân Phong``; ``Ban Thường vụ Tỉnh đoàn`` + date line ``Tây Ninh``."""
    words = name.split()
    # ends with a level committee ("Huyện ủy") or a bare level word ("xã")
    last2 = " ".join(words[-2:]) if len(words) >= 2 else name
    if lexicon.is_level_committee(last2):
        for b in bodies:
            m = re.search(re.escape(last2) + r"\s+(?P<place>[A-ZĐÀ-Ỹ].*)$", b)
            if m:
                return f"{name} {m.group('place')}"
        return f"{name} {issue_place}" if issue_place and not bodies else name
    if words and words[-1].lower() in {w for w in lexicon.LEVEL_WORDS if " " not in w}:
        for b in bodies:
            place = lexicon.place_of(b)
            if place and place.split()[0].lower() == words[-1].lower():
                return f"{name} {place[len(words[-1]):].strip()}"
        return f"{name} {issue_place}" if issue_place and not bodies else name
    if from_header and not lexicon.has_place(name) and len(bodies) >= 2:
        place = lexicon.place_of(bodies[-2])
        if place and place.split(" ", 1)[-1].lower() not in name.lower():  # not when the name holds it already
            return f"{name} {place}"
    return name
