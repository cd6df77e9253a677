"""Citations of issued documents (ANNOTATION §2): find mentions, then resolve them per document.

Find (``extract``) matches number-and-symbol cores on the characters of the normalized text
(``Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị về ...``), reads the genre word, date,
issuer (with its term) and subject around each, resolves short forms (``Chỉ thị 45``, defined
aliases), and lists documents named without a number (``Luật An ninh mạng``) as
``NamedReference``. Resolve (``resolve``) merges mentions into one ``Citation`` per document,
optionally completed from a directive ``Registry`` built over an archive.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors import _citation_patterns as P
from extractors._citation_data import (
    abbreviations,
    canonical_code,
    genre_of_code,
    genre_of_word,
    is_known_code,
    issuer_of_code,
    recase_name,
)
from extractors._numbers import roman_or_int
from models.context import Context
from models.document import Document
from models.records import Citation, CitationMention, Directive, NamedReference

RELATION_RANK = {"basis": 3, "implements": 2, "mentioned": 1}
_INTRODUCERS = ("căn cứ", "thực hiện", "triển khai", "quán triệt")
_IMPLEMENTS = re.compile(
    r"(?:thực[ ]hiện|triển[ ]khai|cụ[ ]thể[ ]hóa|quán[ ]triệt|học[ ]tập|tổ[ ]chức[ ]thực[ ]hiện)(?:[ ]\S+){0,4}[ ]*$",
    re.IGNORECASE,
)
_LEVEL_WORDS = (("xã", "commune"), ("phường", "commune"), ("thị trấn", "commune"), ("huyện", "district"),
                ("quận", "district"), ("thị xã", "district"), ("tỉnh", "province"), ("thành phố", "province"),
                ("trung ương", "central"))
_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------------------------
# keys and symbols


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed number-and-symbol: ``key`` is canonical (ANNOTATION §2)."""

    key: str
    number: str
    symbol: str
    year: int | None
    genre_code: str | None
    issuer_code: str | None
    party: bool


def canonical_number(num: str) -> str:
    """``'5'`` -> ``'05'``, ``'008'`` -> ``'08'``, ``'114'`` -> ``'114'``."""
    return f"{int(num):02d}"


def _token_ok(tok: str) -> bool:
    return sum(1 for ch in tok if ch.isupper()) >= 2 or is_known_code(tok)


def split_codes(codes: str) -> tuple[list[str], list[str]]:
    """Valid code tokens and the separators before each next one; stops at a word that is no code.

    ``'CT/TW'`` -> (['CT', 'TW'], ['/']); ``'NQ/TW - Nghị'`` -> (['NQ', 'TW'], ['/']).
    """
    parts = P.CODE_PARTS.split(codes)
    # re.split with one group: tok, sep, tok, sep, tok ... (named group -> sep kept)
    toks = parts[0::2]
    seps = parts[1::2]
    out_t: list[str] = []
    out_s: list[str] = []
    for i, tok in enumerate(toks):
        if not _token_ok(tok):
            break
        if i > 0:
            sep = seps[i - 1]
            spaced = sep[:1].isspace() and sep[-1:].isspace()
            if spaced and not is_known_code(tok):
                break
            out_s.append(sep.strip())
        out_t.append(tok)
    return out_t, out_s


def parse_symbol(num: str, sep0: str, year: str | None, codes: str) -> Symbol | None:
    """Canonical key of one number and its symbol, or None when the codes are not a symbol.

    ``('45', '-', None, 'CT/TW')`` -> key ``45-CT/TW``; ``('18', '/', None, 'NQ-TW')`` -> ``18-NQ/TW``;
    ``('30', '/', '2020', 'NĐ-CP')`` -> ``30/2020/NĐ-CP``; ``('33', '/', None, 'QĐ-TTG')`` -> ``33/QĐ-TTg``.
    """
    toks, seps = split_codes(codes)
    if not toks:
        return None
    canon = [canonical_code(t) for t in toks]
    n = canonical_number(num)
    s0 = sep0.strip()
    first_genre = genre_of_code(canon[0]) is not None
    state_rest = canon[0] + "".join(("." if s == "." else "-") + c for s, c in zip(seps, canon[1:], strict=False))
    if year:
        key = f"{n}/{year}/{state_rest}"
        party = False
    elif s0 in {"-", "–", "—", ""}:
        rest = canon[0] + "".join((s if s in {"/", "."} else "-") + c for s, c in zip(seps, canon[1:], strict=False))
        key = f"{n}-{rest}"
        party = True
    else:
        second = issuer_of_code(canon[1]) if len(canon) == 2 else None
        if first_genre and second is not None and second.system == "party":
            key = f"{n}-{canon[0]}/{canon[1]}"  # 18/NQ-TW written state style -> 18-NQ/TW
            party = True
        else:
            key = f"{n}/{state_rest}"
            party = False
    symbol = key.split("/", 2)[-1] if year else key.split("-", 1)[1] if party else key.split("/", 1)[1]
    genre_code = canon[0] if first_genre and (len(canon) > 1 or party) else None
    issuer_code = None
    for c in canon[1:] if genre_code else canon:
        hit = issuer_of_code(c)
        if hit is not None and hit.system != "abbr":
            issuer_code = hit.code
            break
    return Symbol(key, num, symbol, int(year) if year else None, genre_code, issuer_code, party)


def core_codes(m: re.Match[str]) -> tuple[str, bool]:
    """The codes of a ``CORE`` match, and whether a code split by a stray space was joined.

    The end of the last code after one space joins it when the joined code is a known one and the
    last code alone is not: ``06-LCT/HĐN N ngày`` -> (``'LCT/HĐNN'``, True); ``45-CT/TW V ề`` stays.
    """
    codes = m.group("codes")
    split = m.group("split")
    if split:
        last = P.CODE_PARTS.split(codes)[-1]
        joined = last + split.strip()
        if is_known_code(joined) and not is_known_code(last):
            return codes + split.strip(), True
    return codes, False


def canonical_key(text: str) -> str | None:
    """The canonical key of a written number and symbol, e.g. ``'114- KL/TW'`` -> ``'114-KL/TW'``."""
    text = unicodedata.normalize("NFC", text.strip())
    m = P.CORE.search(text)
    if m is None:
        return None
    nums = re.split(r"[ ]?,[ ]?", m.group("num"))
    sym = parse_symbol(nums[-1], m.group("sep0"), m.group("year"), core_codes(m)[0])
    return sym.key if sym else None


def kind_of_symbol(sym: Symbol) -> str | None:
    """Genre implied by the symbol: ``CT`` -> Chỉ thị; a state symbol without genre code -> Công văn."""
    if sym.genre_code:
        g = genre_of_code(sym.genre_code)
        return g.kind if g else None
    if not sym.party and sym.year is None:
        return "Công văn"
    return None


# --------------------------------------------------------------------------------------------
# fields around a core


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        return _date(int(y), int(m), int(d.replace(" ", ""))).isoformat()  # "0 7": a day split by a PDF text layer
    except ValueError:
        return None


def expand_abbreviations(text: str) -> str:
    """``'UBND tỉnh'`` -> ``'Ủy ban nhân dân tỉnh'``; ``'BTV Huyện ủy'`` -> ``'Ban Thường vụ Huyện ủy'``."""
    for abbr, full in abbreviations():
        if abbr in text:
            text = re.sub(rf"(?<!\w){re.escape(abbr)}(?!\w)", full, text)
    return text


def split_term(issuer: str) -> tuple[str, str | None]:
    """``'Ban Chấp hành Trung ương (khóa XI)'`` -> (``'Ban Chấp hành Trung ương'``, ``'XI'``)."""
    m = P.TERM.search(issuer)
    if m is None or m.start() == 0:
        return issuer, None
    return issuer[: m.start()].strip(" ,"), m.group("term")


def _level_from_text(issuer: str | None) -> str | None:
    if not issuer:
        return None
    low = issuer.casefold()
    best: tuple[int, str] | None = None
    for word, level in _LEVEL_WORDS:
        for m in re.finditer(rf"(?<!\w){word}(?!\w)", low):
            if best is None or m.start() > best[0]:
                best = (m.start(), level)
    return best[1] if best else None


def _clean(text: str) -> str:
    return " ".join(text.replace("“", " ").replace("”", " ").replace('"', " ").split()).strip(" ,;:-")


@dataclass
class _Found:
    """A mention under construction (offsets into doc.text)."""

    start: int
    end: int
    core_end: int  # end of the number and symbol
    key: str
    number: str
    symbol: str | None
    year: int | None
    kind: str | None
    kind_from_symbol: str | None
    genre_direct: bool
    sym: Symbol | None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    resolved_from: str | None = None
    parent: str | None = None
    relation: str = "mentioned"
    tail_end: int = 0  # end of date/issuer phrase (before the subject)
    extra: dict[str, str] = field(default_factory=dict)


_TRAILING_VERBS = re.compile(
    r"(?:\s+(?:về\s+việc|thực\s+hiện|triển\s+khai|tiếp\s+tục|quán\s+triệt|để|và|về|theo|tại))+\s*$", re.IGNORECASE
)


def _caps_lowered(text: str, pos: int, limit: int) -> str:
    """``text`` with the rest of the line after ``pos`` lower-cased when that rest is written in capitals
    (a heading: ``... SỐ 38/CP NGÀY 04/5/1994 CỦA CHÍNH PHỦ:``), else ``text`` itself (same object)."""
    end = text.find("\n", pos, limit)
    end = limit if end < 0 else end
    seg = text[pos:end]
    if not any(c.isupper() for c in seg) or any(c.islower() for c in seg):
        return text
    low = seg.lower()
    if len(low) != len(seg):
        return text
    return text[:pos] + low + text[end:]


def _parse_tail(text: str, pos: int, limit: int) -> tuple[str | None, int, str | None, str | None, int, int | None]:
    """Date, issuer, term after ``pos``: (date, date_end, issuer, term, tail_end, year_only).

    A heading in capitals is read in lower case, and its issuer given its usual spelling:
    ``NGHỊ QUYẾT SỐ 38/CP NGÀY 04/5/1994 CỦA CHÍNH PHỦ:`` -> 1994-05-04, ``Chính phủ``."""
    src = text
    text = _caps_lowered(text, pos, limit)
    rest = text[pos:limit]
    date = None
    date_end = pos
    year_only = None
    m = P.DATE_AFTER.match(rest)
    if m:
        date = _iso(m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
        date_end = pos + m.end()
    else:
        ym = P.YEAR_AFTER.match(rest)
        if ym:
            year_only = int(ym.group("y"))
        else:
            bad = P.MALFORMED_DATE_AFTER.match(rest)  # "ngày 08/6/20210 của Chính phủ": skip to the issuer
            if bad:
                date_end = pos + bad.end()
    tail_end = date_end
    issuer = term = None
    im = P.ISSUER_START.match(text, date_end, limit)
    if im:
        s = im.end()
        stop = P.ISSUER_STOP.search(text, s, min(limit, s + 160))
        e = stop.start() if stop else min(limit, s + 160)
        raw = text[s:e]
        if raw.count("(") > raw.count(")") and text[e : e + 1] == ")":
            raw += ")"  # the closing bracket of the term "(khóa XI)"
        raw = raw.rstrip()
        raw = _TRAILING_VERBS.sub("", raw)  # "của Tỉnh ủy thực hiện Chỉ thị số 38-CT/TW": the verb is not the issuer's
        if text is not src and raw and len(raw) >= 2:  # CỦA ỦY BAN NHÂN DÂN TỈNH AN GIANG
            tm = P.TERM_ANY_CASE.search(raw)
            iss = src[s : s + (tm.start() if tm and tm.start() else len(raw))]
            term = src[s + tm.start("term") : s + tm.end("term")] if tm and tm.start() else None
            issuer = _clean(recase_name(expand_abbreviations(iss))) or None
            tail_end = s + len(raw)
        elif raw and len(raw) >= 2 and (raw[0].isupper() or raw.startswith("liên ")):
            iss, term = split_term(raw)
            issuer = _clean(expand_abbreviations(iss)) or None
            tail_end = s + len(raw)
            if date is None:  # "của Bộ Chính trị ngày 14/4/2025"
                m2 = P.DATE_AFTER.match(text[tail_end:limit])
                if m2:
                    date = _iso(m2.group("d") or m2.group("d2"), m2.group("m") or m2.group("m2"), m2.group("y") or m2.group("y2"))
                    tail_end += m2.end()
    return date, date_end, issuer, term, tail_end, year_only


_ISSUER_BEFORE = re.compile(r"(?<!\w)của\s+(?P<issuer>[A-ZĐ][^,;:.\n()“”\"]{2,90}?)\s+tại\s+(?:các\s+)?$")


def _issuer_before(text: str, start: int) -> str | None:
    """The issuer named before the number: ``đề nghị của Sở Tài chính tại Tờ trình số 326/TTr-STC``,
    ``ý kiến của Thủ tướng Chính phủ tại các Công văn số 4830/KTTH``."""
    m = _ISSUER_BEFORE.search(text[max(0, start - 120) : start])
    return _clean(expand_abbreviations(m.group("issuer"))) if m else None


def _sentence_index(doc: Document, offset: int) -> int | None:
    from pipeline.tokenize import sentence_index

    return sentence_index(doc, offset)


def _own_key(doc: Document) -> str | None:
    num = doc.metadata.doc_number
    return canonical_key(num) if num else None


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    window = text[lo:pos]
    cut = max(window.rfind("\n"), window.rfind(";"), window.rfind(". "))
    return lo + cut + 1 if cut >= 0 else lo


def _first_section_start(doc: Document) -> int | None:
    secs = doc.structure.sections
    return min(s.start for s in secs) if secs else None


def _relation(doc: Document, text: str, f: _Found) -> str:
    if f.parent:
        return "mentioned"
    if doc.in_preamble(f.start):
        return "basis"
    cs = _clause_start(text, f.start)
    prefix = text[cs : f.start]
    head = prefix.lstrip(" \t-+•*–").casefold()
    if any(head.startswith(w) for w in _INTRODUCERS) and len(head) <= 60:
        pre = doc.structure.preamble
        first = _first_section_start(doc)
        in_front = (pre is None and (first is None or f.start < first)) or (pre is not None and f.start < pre.end)
        return "basis" if in_front else "implements"
    if _IMPLEMENTS.search(prefix[-80:]):
        return "implements"
    return "mentioned"


# --------------------------------------------------------------------------------------------
# find


def _so_at_end(window: str) -> re.Match[str] | None:
    """``P.SO.search(window)``, tried only where ``số`` (any case of ``ố``) starts: every match starts there."""
    cands = sorted(P.find_all(window, "ố") + P.find_all(window, "Ố"))
    for i in cands:
        if i > 0 and window[i - 1] in "Ss":
            m = P.SO.match(window, i - 1)
            if m is not None:
                return m
    return None


def _genre_before(text: str, pos: int) -> tuple[re.Match[str] | None, re.Match[str] | None, int]:
    """(genre match, số match, window offset) for the text just before ``pos``."""
    lo = max(0, pos - 160)
    window = text[lo:pos]
    so = _so_at_end(window)
    upto = so.start() if so else len(window)
    head = window[:upto]
    cands = P.genre_matches(head)  # = list(P.genre_in_window().finditer(head))
    gm = P.genre_before().match(head, cands[-1].start()) if cands else None
    if gm is not None and len(cands) >= 2:
        prev = cands[-2]
        if head[prev.end() : cands[-1].start()].strip() == "":
            # "Thông báo kết luận số 81-TB/TW": the first genre word is the genre, the second names it
            gm = P.genre_before().match(head, prev.start()) or gm
        elif gm.group("name") and not gm.group("genre")[:1].isupper():
            # "Luật Ban hành văn bản quy phạm pháp luật số ...": a lower-case genre word inside a name
            for c in reversed(cands[:-1]):
                alt = P.genre_before().match(head, c.start()) if c.group("genre")[:1].isupper() else None
                if alt is not None:
                    gm = alt
                    break
    if gm is not None and gm.group("name") and (not so or P.NAME_CLAUSE.search(gm.group("name"))):
        gm = None  # "Pháp lệnh kế toán và Thống kê được công bố theo Lệnh số 06-LCT/HĐNN": another document's name
    return gm, so, lo


def _list_genre(text: str, pos: int, found: list[_Found]) -> tuple[str | None, str | None]:
    """The genre word (and shared issuer) a list hands on to a later number: ``các Nghị quyết số 04-NQ/HU và 05-NQ/HU``."""
    cs = _clause_start(text, pos)
    cs = max(cs, pos - 300)
    window = text[cs:pos]
    last = None
    for gm in P.genre_matches(window):  # = P.genre_in_window().finditer(window)
        last = gm
    if last is None:
        return None, None
    gap_start = cs + last.end()
    gap = text[gap_start:pos]
    # remove earlier mentions (their number, symbol, date) from the gap
    for f in sorted(found, key=lambda x: -x.start):
        if f.end > gap_start and f.start < pos:
            a, b = max(f.start, gap_start) - gap_start, min(f.end, pos) - gap_start
            gap = gap[:a] + " " + gap[b:]
    m = P.LIST_GAP.fullmatch(gap)
    if m is None:
        return None, None
    g = genre_of_word(last.group("genre") + (m.group("lt") or ""))
    if g is None:
        g = genre_of_word(last.group("genre"))
    issuer = _clean(expand_abbreviations(m.group("issuer"))) if m.group("issuer") else None
    return (g.kind if g else None), issuer


def _cores(doc: Document, text: str, digit_runs: list[int]) -> list[_Found]:
    own_key = _own_key(doc)
    nl = doc.structure.number_line
    found: list[_Found] = []
    for m in P.scan(P.CORE, text, digit_runs):  # = P.CORE.finditer(text): every match starts at a number_start()
        nums_raw = m.group("num")
        nums = [x for x in re.split(r"[ ]?,[ ]?", nums_raw)]
        codes, joined = core_codes(m)
        sym = parse_symbol(nums[-1], m.group("sep0"), m.group("year"), codes)
        if sym is None:
            continue
        core_start = m.start()
        toks, _ = split_codes(codes)
        if joined and len(toks) == len(P.CODE_PARTS.split(codes)) // 2 + 1:
            core_end = m.end("split")  # every code valid, the joined one last: LCT/HĐN N
        else:
            # the codes as validated end where the last valid token ends
            if joined:
                toks, _ = split_codes(m.group("codes"))
            pos = m.start("codes")
            for t in toks:
                pos = text.find(t, pos) + len(t)
            core_end = pos
        gm, so, lo = _genre_before(text, core_start)
        start = core_start
        if so is not None:
            start = lo + so.start()
        if P.NOT_A_CITATION_BEFORE.search(text[max(0, start - 20) : start]):
            continue  # Mẫu số 01/BCĐBHĐND-MT, theo mẫu 01/..., Điều 5
        if gm is not None:
            start = lo + gm.start()
        if gm is None and so is None:
            sep0 = m.group("sep0")
            if len(toks) < 2 or sep0.strip() == "" or m.group("year"):
                continue
        if nl is not None and nl.start <= core_start < nl.end:
            continue
        if own_key and sym.key == own_key and gm is None:
            continue
        if gm is not None and P.OWN_ACT_LINE.search(text, max(0, start - 40), start):
            continue  # "(Ban hành kèm theo Quyết định số 1445/2002/QĐ-UB ...)": the document's own act
        if gm is None and so is not None and text[start : start + 1] == "S" and _line_head(text, start) and (
            _in_header(doc, start) or ":" in text[start : core_start]
        ):
            continue  # the document's own "Số: 14-KH/BCĐ" line
        kind = None
        genre_direct = False
        if gm is not None:
            g = genre_of_word(gm.group("genre") + (gm.group("lt") or ""))
            g = g or genre_of_word(gm.group("genre"))
            kind = g.kind if g else None
            genre_direct = True
        sym_kind = kind_of_symbol(sym)
        # numbers of a list written "12, 13-KH/TU": one mention per number
        num_pos = core_start
        for i, n in enumerate(nums):
            npos = text.find(n, num_pos)
            num_pos = npos + len(n)
            s_i = start if i == 0 else npos
            sym_i = sym if i == len(nums) - 1 else parse_symbol(n, m.group("sep0"), m.group("year"), codes)
            if sym_i is None:
                continue
            e_i = core_end if i == len(nums) - 1 else npos + len(n)
            found.append(
                _Found(start=s_i, end=e_i, core_end=e_i, key=sym_i.key, number=n, symbol=sym_i.symbol, year=sym_i.year,
                       kind=kind, kind_from_symbol=sym_kind, genre_direct=genre_direct, sym=sym_i)
            )
    return found


_KEY_SYMBOL = re.compile(r"^\d+[-/](?:(?:19|20)\d\d/)?(?P<sym>.+)$")  # 30/2020/NĐ-CP -> NĐ-CP; 45-CT/TW -> CT/TW


def _complete_truncated(found: list[_Found]) -> None:
    """A symbol cut by a line or page break (``102/2025/NQLT``, ``101/2025/UBTV QH15``) takes the full key
    written elsewhere in the document, when exactly one longer key extends it.
    """
    keys = {f.key for f in found}
    for f in found:
        longer = {k for k in keys if len(k) > len(f.key) and k.startswith(f.key)}
        if len(longer) == 1:
            full = longer.pop()
            f.key = full
            m = _KEY_SYMBOL.match(full)
            f.symbol = m.group("sym") if m else f.symbol


def _line_head(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    return text[ls:pos].strip(" \t|") == ""


def _in_header(doc: Document, pos: int) -> bool:
    st = doc.structure
    if st.title is not None:
        return pos < st.title.start
    if st.header is not None:
        return st.header.start <= pos < st.header.end
    return pos < min(2500, len(doc.text) // 4 + 400)


def _complete(doc: Document, text: str, found: list[_Found]) -> None:
    """Kind from lists, date, issuer, term and subject of every mention (in place)."""
    found.sort(key=lambda f: f.start)
    for i, f in enumerate(found):
        nxt = found[i + 1].start if i + 1 < len(found) else len(text)
        limit = min(len(text), f.core_end + 700)
        if f.kind is None:
            list_kind, list_issuer = _list_genre(text, f.start, found[:i])
            f.kind = list_kind
            if list_issuer:
                f.extra["list_issuer"] = list_issuer
        if f.kind is None:
            f.kind = f.kind_from_symbol
        if f.kind_from_symbol and f.kind and (f.kind.startswith(f.kind_from_symbol) or f.kind_from_symbol.startswith(f.kind)):
            f.kind_from_symbol = None
        elif f.kind == f.kind_from_symbol:
            f.kind_from_symbol = None
        date, date_end, issuer, term, tail_end, year_only = _parse_tail(text, f.core_end, min(limit, nxt))
        if date:
            f.date = date
            f.end = date_end
            if f.year is None:
                f.year = int(date[:4])
        elif year_only and f.year is None:
            f.year = year_only
        f.issuer = issuer or f.extra.get("list_issuer") or _issuer_before(text, f.start)
        f.term = term
        f.tail_end = max(tail_end, f.end)
        sm = P.SUBJECT_START.match(text, f.tail_end, limit)
        if sm:
            s = sm.end()
            stop = P.SUBJECT_STOP.search(text, s, limit)
            e = stop.start() if stop else limit
            f.subject_span = (s, e)
    _respective_issuers(text, found)
    _share_list_issuer(text, found)
    _share_list_date(text, found)


# What may stand between two numbers of one list: a comma or "và", then optionally "các", a genre
# word and "số" ("..., 224-TC/CĐKT", "... và 1206-TC/CĐKT", "... và Thông tư số 07-TC/CĐKT").
_LIST_JOIN = re.compile(
    r"""
    [^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|và[^\S\n]+)           # ", " | " và " | ", và "
    (?:các[^\S\n]+)?
    (?P<genre>[A-ZĐ][^\W\d]*(?:[^\S\n]+[^\W\d]+){0,2}?[^\S\n]+)?     # Thông tư | Nghị quyết liên tịch
    (?:[Ss]ố[^\S\n]*:?[^\S\n]*)?
    """,
    re.VERBOSE,
)


def _issuer_part(f: _Found) -> str | None:
    """The part of a symbol that names the issuer: ``CT/TW`` -> ``TW``, ``QĐ-TTg`` -> ``TTg``, ``TC/CĐKT`` as is."""
    if f.sym is None:
        return None
    if f.sym.issuer_code:
        return f.sym.issuer_code
    sym = f.sym.symbol or ""
    if f.sym.genre_code and sym.startswith(f.sym.genre_code):
        sym = sym[len(f.sym.genre_code) :].lstrip("/-")
    return sym or None


def _next_issuers(text: str, pos: int, limit: int) -> list[str]:
    """The further issuers of a list of issuers after the first one ends at ``pos``:
    ``của Chính phủ, Thủ tướng Chính phủ, các văn bản ...`` -> ``['Thủ tướng Chính phủ']``."""
    out: list[str] = []
    while len(out) < 4:
        m = P.NEXT_ISSUER.match(text, pos, limit)
        if m is None:
            break
        s = m.end()
        stop = P.ISSUER_STOP.search(text, s, min(limit, s + 160))
        e = stop.start() if stop else min(limit, s + 160)
        raw = _TRAILING_VERBS.sub("", text[s:e].rstrip())
        if not P.BODY_HEAD.match(raw):
            break
        out.append(raw)
        pos = s + len(raw)
    return out


def _list_chain(text: str, found: list[_Found], j: int) -> list[_Found]:
    """The numbers of the list that ``found[j]`` closes, in text order: each joined to the next by a
    comma or ``và`` (with an optional genre word), none with an issuer of its own."""
    chain = [found[j]]
    for i in range(j - 1, -1, -1):
        f, g = found[i], chain[0]
        if f.issuer is not None or not _LIST_JOIN.fullmatch(text, max(f.tail_end, f.core_end), g.start):
            break
        chain.insert(0, f)
    return chain


def _respective_issuers(text: str, found: list[_Found]) -> None:
    """A list of genres closed by as many issuers, in the same order: each genre takes its own.

    ``các Nghị định 87,88,31/CP và Chỉ thị 814/TTg của Chính phủ, Thủ tướng Chính phủ``: the
    Nghị định have the issuer Chính phủ, the Chỉ thị Thủ tướng Chính phủ. The issuers are split on
    a comma (or ``và``) only where every part starts with the head word of a body, and only when
    there are exactly as many parts as genre groups; found is in text order.
    """
    for j, g in enumerate(found):
        if g.issuer is None or j == 0:
            continue
        chain = _list_chain(text, found, j)
        groups: list[list[_Found]] = []
        for f in chain:
            if groups and groups[-1][-1].kind == f.kind:
                groups[-1].append(f)
            else:
                groups.append([f])
        if len(groups) < 2:
            continue
        first = text[g.core_end : g.tail_end]
        im = P.ISSUER_START.search(first)
        if im is None:
            continue
        parts = [x for x in re.split(r",[ ]*|[ ]+và[ ]+", first[im.end() :]) if x.strip()]
        if not all(P.BODY_HEAD.match(x) for x in parts):
            parts = [first[im.end() :]]
        parts = [x.strip() for x in parts] + _next_issuers(text, g.tail_end, min(len(text), g.tail_end + 400))
        if len(parts) != len(groups):
            continue
        for grp, part in zip(groups, parts, strict=True):
            iss, term = split_term(part)
            name = _clean(expand_abbreviations(iss)) or None
            for f in grp:
                f.issuer, f.term = name, term or f.term


def _share_list_issuer(text: str, found: list[_Found]) -> None:
    """A list of numbers of one genre closed by one issuer: the issuer belongs to every number of it.

    ``các Nghị quyết số 04-NQ/HU và 05-NQ/HU của Ban Chấp hành Đảng bộ huyện``: both have the
    issuer. Only numbers joined by a comma or ``và`` (no subject between them), of the same genre,
    whose symbols name the same issuer share it. Across genres the issuer closes the last genre
    only (the blind-annotated r030: ``các Quyết định số 212-TC/CĐKT ..., 1205-TC/CĐKT và
    1206-TC/CĐKT ngày 14-12-1994 và Thông tư số 07-TC/CĐKT ngày 21-2-1994 của Bộ Tài chính``: only
    the Thông tư has the issuer); a list of as many issuers is ``_respective_issuers``. found is in
    text order.
    """
    for i in range(len(found) - 2, -1, -1):
        f, g = found[i], found[i + 1]
        if f.issuer is not None or g.issuer is None or f.kind != g.kind:
            continue
        part = _issuer_part(f)
        if part is None or part != _issuer_part(g):
            continue
        if _LIST_JOIN.fullmatch(text, max(f.tail_end, f.core_end), g.start):
            f.issuer = g.issuer
            f.term = f.term or g.term


def _share_list_date(text: str, found: list[_Found]) -> None:
    """Numbers of one genre joined by a comma or ``và`` with one date after the last: the date is theirs.

    ``các Quyết định số ..., 1205-TC/CĐKT và 1206-TC/CĐKT ngày 14-12-1994`` (r030): both dated
    1994-12-14. Not when the earlier number has a date of its own or a year that differs.
    """
    for i in range(len(found) - 2, -1, -1):
        f, g = found[i], found[i + 1]
        if f.date is not None or g.date is None or f.kind != g.kind:
            continue
        if f.year is not None and f.year != int(g.date[:4]):
            continue
        if _LIST_JOIN.fullmatch(text, max(f.tail_end, f.core_end), g.start):
            f.date = g.date
            f.year = f.year or int(g.date[:4])


def _nest_and_cut(text: str, found: list[_Found]) -> None:
    """Nested citations get ``parent``; a subject stops before the next citation of a list."""
    for f in found:
        if f.subject_span is None:
            continue
        s, e = f.subject_span
        for g in found:
            if g is f or not (s <= g.start < e):
                continue
            between = text[max(s, g.start - 12) : g.start]
            if re.search(r"(?:,|;|\bvà|và các|và)\s*(?:các\s+)?$", between) and not re.search(
                r"(?:thực hiện|về|theo|của)\s*$", text[s : g.start]
            ):
                cut = re.search(r"\s*(?:,|và)\s*(?:các\s+)?$", text[s : g.start])
                e = s + (cut.start() if cut else g.start - s)
                break
            if g.parent is None and g.key != f.key:
                g.parent = f.key
        f.subject_span = (s, e)
        raw = text[s:e]
        d = P.DEFINITION.search(raw)
        if d:
            raw = raw[: d.start()]  # "(sau đây gọi tắt là ...)" defines a short name, it is not the subject
        # a subject in quotes ends at the closing quote
        q = re.match(r"\s*[“\"]", raw)
        if q:
            close = re.search(r"[”\"]", raw[q.end() :])
            if close:
                raw = raw[: q.end() + close.start()]
        f.subject = _clean(raw) or None


def _subject_end_issuers(found: list[_Found]) -> None:
    """An issuer named at the end of the subject, for a mention without one after its number.

    ``Quyết định số 07/QĐ-MTTQ-BTT, ngày 18/11/2025 về việc thành lập Ban chỉ đạo công tác bầu cử
    ... của Ủy ban MTTQ Việt Nam xã Lương Minh)`` -> issuer ``Ủy ban Mặt trận Tổ quốc Việt Nam xã
    Lương Minh``, and the subject ends before ``của``. Not when another citation stands inside the
    subject (``về thực hiện Chỉ thị số 46-CT/TW ... của Bộ Chính trị``: the issuer is that one's).
    """
    for f in found:
        if f.issuer is not None or f.subject is None or f.subject_span is None:
            continue
        m = P.SUBJECT_END_ISSUER.search(f.subject)
        if m is None:
            continue
        s, e = f.subject_span
        if any(g is not f and s <= g.start < e for g in found):
            continue
        iss, term = split_term(m.group("issuer").strip())
        f.issuer = _clean(expand_abbreviations(iss)) or None
        f.term = f.term or term
        f.subject = _clean(f.subject[: m.start()]) or None


def _short_forms(text: str, found: list[_Found], digit_runs: list[int]) -> list[_Found]:
    """``Chỉ thị 45`` / ``Nghị quyết liên tịch số 102`` after ``Chỉ thị số 45-CT/TW``: resolved mentions."""
    taken = [(f.start, f.end) for f in found]
    out: list[_Found] = []
    by_kind_num: dict[tuple[str, int], list[_Found]] = defaultdict(list)
    for f in found:
        if f.kind and f.number.isdigit():
            by_kind_num[(f.kind.casefold(), int(f.number))].append(f)
    for m in P.scan(P.short_form(), text, P.short_form_starts(text, digit_runs)):  # = finditer
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        g = genre_of_word(m.group("genre"))
        if g is None:
            continue
        cands = by_kind_num.get((g.kind.casefold(), int(m.group("num"))), [])  # before or after (a title may come first)
        if m.group("year"):
            cands = [f for f in cands if f.year == int(m.group("year"))]
        keys = {f.key for f in cands}
        if len(keys) != 1:
            continue
        ante = max((f for f in cands if f.start < m.start()), key=lambda f: f.start, default=cands[0])
        out.append(_Found(start=m.start(), end=m.end(), core_end=m.end(), key=ante.key, number=m.group("num"),
                          symbol=ante.symbol, year=ante.year, kind=ante.kind, kind_from_symbol=None, genre_direct=True,
                          sym=ante.sym, resolved_from=" ".join(m.group(0).split())))
    return out


def _aliases(text: str, found: list[_Found]) -> list[_Found]:
    """Defined short names (``(sau đây gọi tắt là Đề án)``) and their later uses."""
    out: list[_Found] = []
    taken = [(f.start, f.end) for f in found]
    for d in P.DEFINITION.finditer(text):
        alias = " ".join(d.group("alias").split()).strip(" ,")
        if not alias or P.CORE.search(alias):
            continue  # "(viết tắt là Đề án số 08-ĐA/TU)": already a numbered mention
        if not P.genre_in_window().match(alias) or not alias[:1].isupper():
            continue  # "(gọi tắt là Ban Chỉ đạo 814)" names a body, not a document
        ante = [f for f in found if f.end <= d.start() and d.start() - f.end < 600 and "\n" not in text[f.end : d.start()]]
        if not ante:
            continue
        a = ante[-1]
        pat = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)".replace(r"\ ", r"\s+"))
        for m in pat.finditer(text, d.end()):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if P.CORE.match(text, m.end() + 1) or re.match(r"\s*(?:số\s*)?\d", text[m.end() : m.end() + 8]):
                continue  # "Đề án số 09-ĐA/TU": another document
            out.append(_Found(start=m.start(), end=m.end(), core_end=m.end(), key=a.key, number=a.number, symbol=a.symbol,
                              year=a.year, kind=a.kind, kind_from_symbol=None, genre_direct=True, sym=a.sym,
                              resolved_from=alias))
    return out


_TRAILING_FUNCTION_WORDS = frozenset({"về", "thì", "của", "và", "đối", "với", "cho", "các", "những", "này", "đó",
                                      "được", "là", "có", "như", "tại", "từ", "đến", "mình"})


def _end_of_words(text: str, start: int, n_words: int) -> int:
    """End offset of the first ``n_words`` words from ``start`` (quotes and brackets count as spaces)."""
    count = 0
    for m in re.finditer(r"[^\s“”\"()]+", text[start : start + 600]):
        count += 1
        if count == n_words:
            return start + m.end()
    return start


def _closing_quote(text: str, pos: int) -> int | None:
    """Offset of the closing quote when ``pos`` stands inside a quoted span of one line, else None."""
    ls = max(text.rfind("\n", 0, pos), pos - 300)
    head = text[ls + 1 : pos]
    if head.count("“") <= head.count("”"):
        return None
    close = text.find("”", pos, pos + 300)
    nl = text.find("\n", pos, pos + 300)
    return close if close > pos and (nl < 0 or close < nl) else None


def _name_key(name: str) -> str:
    """Comparison form of a document name: abbreviations expanded, ``năm`` before a year dropped, casefolded.

    ``Luật MTTQ Việt Nam`` -> ``luật mặt trận tổ quốc việt nam``; ``Hiến pháp năm 2013`` -> ``hiến pháp 2013``;
    ``giai đoạn 2004 - 2010`` -> ``giai đoạn 2004-2010``.
    """
    key = re.sub(r"\bnăm (?=(?:19|20)\d\d\b)", "", _clean(expand_abbreviations(name)))
    return re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1-\2", key).casefold()  # "2004 -2010" = "2004-2010"


_ARTICLE_ONE = re.compile(r"Điều 1\b[^\n]{0,300}")


def _article_one_lines(text: str, limit: int = 20000) -> list[str]:
    """``Điều 1 ...`` lines (up to 300 characters, with their leading blanks) in the first ``limit``
    characters, as a multi-line ``^``-anchored search of ``text[:limit]`` finds them, tried only where
    ``Điều 1`` starts a line."""
    out = []
    i = text.find("Điều 1", 0, limit)
    while i >= 0:
        ls = text.rfind("\n", 0, i) + 1
        if ls == i or text[ls:i].isspace():
            m = _ARTICLE_ONE.match(text, i, limit)
            if m is not None:
                out.append(text[ls : m.end()])
        i = text.find("Điều 1", i + 1, limit)
    return out


def _issued_here(doc: Document, text: str) -> list[str]:
    """Names of what the document itself issues, from its title and an ``Điều 1. Nay ban hành ...`` line.

    ``V/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010``
    -> ``['chương trình cải cách hành chính của thành phố cần thơ giai đoạn 2004 - 2010']``.
    """
    sources = [doc.metadata.title or ""]
    sources += _article_one_lines(text)
    out = []
    for src in sources:
        for m in P.ISSUED_HERE.finditer(src):
            out.append(_name_key(m.group("name")))
    return out


def _is_issued_here(key: str, issued: list[str]) -> bool:
    """Whether a name key is the document's own issued document.

    Token-set ratio >= 90, or the same first six words (``Quy chế chi tiêu nội bộ đảm bảo các nguyên
    tắc`` against ``Quy chế chi tiêu nội bộ, quản lý và sử dụng tài sản công năm 2007``).
    """
    from rapidfuzz import fuzz

    head = re.findall(r"\w+", key)[:6]
    for x in issued:
        if re.findall(r"\w+", x)[:2] != head[:2]:
            continue  # "ban hành Kế hoạch thực hiện Chương trình X": the Chương trình X is a reference
        if fuzz.token_set_ratio(key, x) >= 90:
            return True
        if len(head) == 6 and re.findall(r"\w+", x)[:6] == head:
            return True
    return False


_NUMERALS = re.compile(r"(?<!\w)(?:[ivxlc]+|\d+)(?!\w)")


def _near_duplicate(key: str, seen: list[str]) -> bool:
    """A name one typo away from an earlier one is the same document: ``Luật Loanh nghiệp`` or
    ``Luật Đoành nghiệp`` after ``Luật Doanh nghiệp`` (character ratio >= 93, with or without
    tone marks, on names of 12 characters or more; ``Luật Đấu thầu`` and ``Luật Đầu tư`` stay apart)."""
    if len(key) < 12 or not seen:
        return False
    from rapidfuzz import fuzz

    bare = _strip_marks(key)
    nums = _NUMERALS.findall(key)  # "khóa XI" and "khóa XII" are two terms, not a typo
    return any(len(x) >= 12 and _NUMERALS.findall(x) == nums
               and (fuzz.ratio(key, x) >= 93 or fuzz.ratio(bare, _strip_marks(x)) >= 93) for x in seen)


def _resolution_id(key: str) -> tuple[str, str, int, int | None] | None:
    """(congress or plenum, local level, ordinal, term) of a party resolution's name key, None without ordinal.

    ``nghị quyết đại hội đảng toàn quốc lần thứ xiii`` -> ``('dh', '', 13, None)``;
    ``nghị quyết trung ương 9 (khóa ix)`` -> ``('tw', '', 9, 9)``.
    """
    om = re.search(r"lần thứ ([ivxlc]+|\d{1,2})(?!\w)", key) or re.search(r"trung ương (\d{1,2})(?!\w)", key)
    n = roman_or_int(om.group(1)) if om else None
    if n is None:
        return None
    km = re.search(r"kh(?:óa|oá) ([ivxlc]+)(?!\w)", key)
    level = re.search(r"(?<!\w)(tỉnh|huyện|xã|thành phố|thị xã|quận|phường|thị trấn|đảng bộ)(?!\w)", key)
    return ("dh" if "đại hội" in key else "tw", level.group(1) if level else "", n, roman_or_int(km.group(1)) if km else None)


def _same_resolution(key: str, seen: list[str]) -> bool:
    """Whether a party resolution was already listed under another wording: same congress or plenum,
    same local level and ordinal, and the same term where both give one. ``Nghị quyết Đại hội toàn quốc
    lần thứ IX`` = ``Nghị quyết Đại hội Đảng lần thứ IX``; ``Nghị quyết Trung ương 4 khóa XI`` and
    ``... khóa XII`` stay apart."""
    me = _resolution_id(key)
    if me is None:
        return False
    for x in seen:
        other = _resolution_id(x)
        if other is not None and other[:3] == me[:3] and (other[3] is None or me[3] is None or other[3] == me[3]):
            return True
    return False


def _initials_prefix(short: str, full: str) -> bool:
    """Whether a name key written with initials starts a full one: ``luật bầu cử đbqh`` starts
    ``luật bầu cử đại biểu quốc hội và đại biểu hội đồng nhân dân`` (``đbqh`` = đại biểu quốc hội)."""
    a, b = short.split(), full.split()
    j = 0
    used = False
    for t in a:
        if j < len(b) and b[j] == t:
            j += 1
            continue
        k = len(t)
        if k >= 2 and j + k <= len(b) and "".join(w[0] for w in b[j : j + k]) == t:
            j += k
            used = True
            continue
        return False
    return used


def _same_constitution(key: str, seen: list[str]) -> bool:
    """Whether a constitution was already listed under another wording (the same year where both give
    one): ``hiến pháp 2013`` after ``hiến pháp nước cộng hòa xã hội chủ nghĩa việt nam``; ``hiến pháp 1992``
    and ``hiến pháp 2013`` stay apart."""
    year = re.search(r"(?:19|20)\d\d", key)
    for x in seen:
        if x.startswith("hiến pháp"):
            other = re.search(r"(?:19|20)\d\d", x)
            if year is None or other is None or other.group(0) == year.group(0):
                return True
    return False


@lru_cache(maxsize=4096)
def _strip_marks(s: str) -> str:
    """``luật đoành nghiệp`` -> ``luat doanh nghiep``."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).replace("đ", "d")


def _named(doc: Document, text: str, found: list[_Found]) -> list[NamedReference]:
    """Documents named without a number: ``Luật An ninh mạng``, ``Nghị quyết Đại hội ... lần thứ XIII``.

    A law the text also names right before its number (``Luật Tố cáo số 25/2018/QH14``) is a
    citation: its name alone, or the start of it (``Luật Bầu cử``), is not listed again.
    """
    spans = [(f.start, f.core_end) for f in found]
    out: list[NamedReference] = []
    out_keys: list[str] = []  # _name_key of each name in out
    seen: list[str] = []
    anchors = {w: P.find_all(text, w) for w in P.NAMED_ANCHORS}
    numbered_starts = sorted(i for w in P.NUMBERED_NAME_ANCHORS for i in anchors[w])
    numbered = {_name_key(m.group("name")) for m in P.scan(P.NUMBERED_NAME, text, numbered_starts)}  # = finditer
    issued = _issued_here(doc, text)
    for m in P.scan(P.NAMED, text, sorted(i for ws in anchors.values() for i in ws)):  # = P.NAMED.finditer(text)
        s, e = m.start(), m.end()
        before = text[max(0, s - 40) : s]
        quoted = _closing_quote(text, s)
        if quoted is not None and (m.group("qc") or m.group("law")):
            e = quoted  # “Điều chỉnh, bổ sung Quy chế tiếp xúc, đối thoại ... tỉnh Hậu Giang”: the whole quoted name
        elif m.group("qc") or m.group("law"):
            gl = re.match(r"Quy chế|Chương trình|Bộ luật|Luật|Pháp lệnh|Hiến pháp|Điều lệ", text[s:e])
            stop = P.NAME_STOP.search(text, s + (gl.end() if gl else 0), e)
            if stop:
                e = stop.start()
            if m.group("law"):
                # "Bộ luật lao động về khiếu nại": the name ends before "về" (one name word at least)
                stop = P.LAW_STOP.search(text, s + (gl.end() if gl else 0) + 1, e)
                if stop:
                    e = stop.start()
            if m.group("qc"):
                if re.search(r"(?:các|những|ban hành|phê duyệt|xây dựng|kèm theo|Ban [Cc]hỉ đạo(?: thực hiện)?)\s*[“\"]?$", before):
                    continue
                # "Quy chế dân chủ ở cơ sở" is the concept unless it is a named document elsewhere
                if re.match(r"Quy chế dân chủ", text[s:e]):
                    continue
        if any(a < e and s < b for a, b in spans):
            continue  # a cited document ("Luật Tố cáo số 25/2018/QH14"); checked on the trimmed name, so that
            # "Điều lệ tổ chức Kế toán Nhà nước ban hành theo Nghị định số 25-HĐBT" keeps the charter
        name = _clean(text[s:e])
        words = name.split()
        while words and words[-1].casefold() in _TRAILING_FUNCTION_WORDS:
            words.pop()
        name = _clean(expand_abbreviations(" ".join(words)))  # "Luật Tổ chức HĐND" -> "Luật Tổ chức Hội đồng nhân dân"
        if len(words) < (5 if m.group("qc") else 3):
            continue  # "Luật Thanh tra" is a name; "Chương trình phối hợp" is not
        if re.search(r"\d+\s*[-/]\s*[A-ZĐ]", name) or P.GENERIC_CHARTER.match(name):
            continue  # "Điều lệ công ty": any company's charter, not one document
        kind = "Nghị quyết" if m.group("nq") else " ".join(words[:2]) if words[0] in {"Quy", "Chương", "Bộ", "Pháp", "Hiến", "Điều"} else words[0]
        low = _name_key(name)
        if m.group("law") and any(x == low or x.startswith(low + " ") or _initials_prefix(low, x) for x in numbered):
            continue
        if issued and m.group("qc") and _is_issued_here(low, issued):
            continue  # "Chương trình cải cách hành chính ... giai đoạn 2004-2010" is the document itself
        if any(low == x or low.startswith(x + " ") for x in seen) or _near_duplicate(low, seen):
            continue
        if low.startswith("hiến pháp") and _same_constitution(low, seen):
            continue  # "Hiến pháp năm 2013" after "Hiến pháp nước CHXHCN Việt Nam": one constitution
        if m.group("nq") and _same_resolution(low, seen):
            continue  # "Nghị quyết Trung ương 9 (khóa IX)" after "Nghị quyết Hội nghị lần thứ 9 ... khóa IX"
        # a longer earlier name with this one as its start: keep the shorter
        seen = [x for x in seen if not x.startswith(low + " ")]
        kept = [i for i, k in enumerate(out_keys) if not k.startswith(low + " ")]
        out, out_keys = [out[i] for i in kept], [out_keys[i] for i in kept]
        seen.append(low)
        end = _end_of_words(text, s, len(words))
        if name.endswith(")") and text[end : end + 1] == ")":
            end += 1  # "... lần thứ 8 (khóa VII)"
        out.append(NamedReference(doc_id=doc.doc_id, text=text[s:end], start=s, end=end, page=doc.page_at(s),
                                  name=name, kind=kind))
        out_keys.append(low)
    return out


def extract(doc: Document, *, ctx: Context) -> list[CitationMention | NamedReference]:
    """Every citation mention and named reference of ``doc``, in text order.

    ``Thực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường vụ Huyện ủy Vĩnh Linh
    về ...`` -> one ``CitationMention(key='88-KH/HU', kind='Kế hoạch', date='2023-06-27',
    issuer='Ban Thường vụ Huyện ủy Vĩnh Linh', relation='basis', text='Kế hoạch số 88-KH/HU ngày
    27 tháng 6 năm 2023')``. The span covers the genre word through the number, symbol and a date
    that directly follows; never the issuer or subject.
    """
    text = doc.text
    if not text:
        return []
    digit_runs = [m.start() for m in P.number_start().finditer(text)]
    found = _cores(doc, text, digit_runs)
    _complete_truncated(found)
    _complete(doc, text, found)
    _nest_and_cut(text, found)
    _subject_end_issuers(found)
    resolved = _short_forms(text, found, digit_runs)
    resolved += _aliases(text, found + resolved)
    for f in found + resolved:
        f.relation = _relation(doc, text, f)
    allf = sorted(found + resolved, key=lambda f: f.start)
    mentions: list[CitationMention | NamedReference] = []
    for f in allf:
        sym = f.sym
        level = body = None
        if sym is not None and sym.issuer_code:
            iss = issuer_of_code(sym.issuer_code)
            if iss is not None:
                level, body = iss.level, iss.body
        level = level or _level_from_text(f.issuer)
        mentions.append(
            CitationMention(
                doc_id=doc.doc_id, text=text[f.start : f.end], start=f.start, end=f.end, page=doc.page_at(f.start),
                key=f.key, kind=f.kind, kind_from_symbol=f.kind_from_symbol, number=f.number, symbol=f.symbol,
                year=f.year, date=f.date, issuer=f.issuer, term=f.term, issuer_level=level, issuer_body=body,
                subject=f.subject, relation=f.relation, sentence=_sentence_index(doc, f.start),
                resolved_from=f.resolved_from, parent=f.parent,
            )
        )
    mentions.extend(_named(doc, text, found))
    mentions.sort(key=lambda r: r.start)
    return mentions


# --------------------------------------------------------------------------------------------
# resolve


def _year_of(m: CitationMention) -> int | None:
    if m.year:
        return m.year
    return int(m.date[:4]) if m.date else None


def group_mentions(mentions: list[CitationMention]) -> list[list[CitationMention]]:
    """Mentions grouped per document: same key, and same year where two years disagree.

    Two ``18-NQ/TW`` dated 2017 and 2025 are two groups; a mention without year joins the group of
    the latest earlier mention of its key (else the first group).
    """
    by_key: dict[str, list[CitationMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda x: x.start):
        by_key[m.key].append(m)
    groups: list[list[CitationMention]] = []
    for _key, ms in by_key.items():
        clusters: dict[int | None, list[CitationMention]] = {}
        order: list[int | None] = []
        last: int | None = None
        for m in ms:
            y = _year_of(m)
            if y is None:
                y = last if last is not None else (order[0] if order else None)
            if y is not None and None in clusters:  # year learned later: the yearless cluster joins it
                clusters.setdefault(y, []).extend(clusters.pop(None))
                order = [y if o is None else o for o in order]
            if y not in clusters:
                clusters[y] = []
                order.append(y)
            clusters[y].append(m)
            last = y
        seen: set[int | None] = set()
        for y in order:
            if y in seen:
                continue
            seen.add(y)
            groups.append(sorted(clusters[y], key=lambda x: x.start))
    groups.sort(key=lambda g: g[0].start)
    return groups


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def resolve(mentions: list[CitationMention], *, ctx: Context) -> list[Citation]:
    """One ``Citation`` per distinct cited document, in order of first mention.

    ``mentions`` counts every mention (short forms included); ``relation`` is the strongest
    (basis > implements > mentioned); date, issuer and subject come from any mention. With
    ``ctx.registry`` a missing date/issuer is filled (``date_source='registry'``) and a date that
    contradicts the registry gets the warning ``date_conflicts_registry:<date>``.
    """
    out: list[Citation] = []
    for group in group_mentions([m for m in mentions if isinstance(m, CitationMention)]):
        first = group[0]
        full = [m for m in group if m.resolved_from is None] or group
        date = _first([m.date for m in group])
        issuer_m = next((m for m in group if m.issuer), None)
        year = next((y for y in (_year_of(m) for m in group) if y), None)
        relation = max((m.relation for m in group), key=lambda r: RELATION_RANK.get(r, 0))
        subject = max((m.subject for m in group if m.subject), key=len, default=None)
        cit = Citation(
            doc_id=first.doc_id, text=first.text, start=first.start, end=first.end, page=first.page,
            key=first.key, kind=_first([m.kind for m in full]), number=full[0].number, symbol=full[0].symbol,
            year=year, date=date, date_source="text" if date else None,
            issuer=issuer_m.issuer if issuer_m else None, term=issuer_m.term if issuer_m else None,
            issuer_level=_first([m.issuer_level for m in group]), issuer_body=_first([m.issuer_body for m in group]),
            subject=subject, mentions=len(group), relation=relation, parent=_first([m.parent for m in group]),
        )
        reg = ctx.registry
        if reg is not None:
            cit = reg.complete(cit)
        out.append(cit)
    return out


# --------------------------------------------------------------------------------------------
# registry


REGISTRY_COLUMNS = ("key", "year", "kind", "date", "issuer", "issuer_level", "subject", "n_plans", "n_mentions",
                    "conflicting_dates")


@dataclass(frozen=True)
class Registry:
    """Canonical documents of an archive (``data/directives.csv``), looked up by key and year.

    CSV columns: ``key,year,kind,date,issuer,issuer_level,subject,n_plans,n_mentions,conflicting_dates``
    (``conflicting_dates`` a JSON list). Example row:
    ``45-CT/TW,2025,Chỉ thị,2025-04-14,Bộ Chính trị,central,Đại hội đảng bộ các cấp ...,3,3,[]``.
    """

    entries: tuple[Directive, ...] = ()
    by_key: dict[str, tuple[Directive, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_rows(cls, rows: list[Directive]) -> Registry:
        idx: dict[str, list[Directive]] = defaultdict(list)
        for r in rows:
            idx[r.key].append(r)
        return cls(tuple(rows), {k: tuple(v) for k, v in idx.items()})

    @classmethod
    def load(cls, path: str | Path) -> Registry:
        """Read a registry CSV (lines starting with ``#`` are comments); raises ValueError on a bad row."""
        rows: list[Directive] = []
        if not Path(path).is_file():
            raise ValueError(f"registry_not_found: {path} does not exist; build it with "
                             "`kehoach registry build OUT_DIR --save data/directives.csv`")
        with Path(path).open(encoding="utf-8-sig") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
        for i, r in enumerate(csv.DictReader(lines), start=1):
            key = (r.get("key") or "").strip()
            if not key:
                raise ValueError(f"{path}: row {i} has no key; every registry row needs the canonical key")
            conf = r.get("conflicting_dates") or "[]"
            try:
                conflicts = list(json.loads(conf)) if conf.startswith("[") else [c for c in conf.split(";") if c]
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}: row {i}: conflicting_dates is not a JSON list ({e})") from e
            rows.append(Directive(
                key=key, year=int(float(r["year"])) if r.get("year") else None, kind=r.get("kind") or None,
                date=r.get("date") or None, issuer=r.get("issuer") or None, issuer_level=r.get("issuer_level") or None,
                subject=r.get("subject") or None, n_plans=int(float(r.get("n_plans") or 0)),
                n_mentions=int(float(r.get("n_mentions") or 0)), conflicting_dates=conflicts,
            ))
        return cls.from_rows(rows)

    def save(self, path: str | Path) -> None:
        """Write the registry as CSV in the format ``load`` reads."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with Path(path).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(REGISTRY_COLUMNS)
            for d in self.entries:
                w.writerow([d.key, d.year or "", d.kind or "", d.date or "", d.issuer or "", d.issuer_level or "",
                            d.subject or "", d.n_plans, d.n_mentions, json.dumps(d.conflicting_dates, ensure_ascii=False)])

    def lookup(self, key: str, year: int | None = None) -> Directive | None:
        """The entry of ``key`` (of ``year`` when several documents share the key); None if unknown or ambiguous."""
        cands = self.by_key.get(key, ())
        if year is not None:
            same = [d for d in cands if d.year == year]
            if same:
                return same[0]
            return None if any(d.year for d in cands) else (cands[0] if len(cands) == 1 else None)
        if len(cands) == 1:
            return cands[0]
        return None

    def complete(self, cit: Citation) -> Citation:
        """Fill a missing date/issuer from the registry; flag a date far from the registry's."""
        d = self.lookup(cit.key, cit.year)
        if d is None:
            return cit
        changes: dict[str, Any] = {}
        if cit.date is None and d.date:
            changes.update(date=d.date, date_source="registry", year=cit.year or d.year)
        elif cit.date and d.date and cit.date != d.date:
            changes["warnings"] = [*cit.warnings, f"date_conflicts_registry:{d.date}"]
        if cit.issuer is None and d.issuer:
            changes["issuer"] = d.issuer
        if cit.kind is None and d.kind:
            changes["kind"] = d.kind
        return replace(cit, **changes) if changes else cit


def build_directives(citations: list[dict[str, object]], plan_of: dict[str, str] | None = None) -> list[Directive]:
    """Aggregate citation rows of many plans into one ``Directive`` per (key, year).

    ``citations``: rows with key, year, kind, date, issuer, issuer_level, subject, mentions, doc_id.
    ``plan_of`` maps doc_id to a plan identity (e.g. the file stem, so TXT/DOCX/PDF copies of one
    plan count once). Rows whose years disagree by more than one stay apart (two ``18-NQ/TW``).
    """
    plan_of = plan_of or {}
    by_key: dict[str, list[dict[str, object]]] = defaultdict(list)
    for c in citations:
        by_key[str(c["key"])].append(c)
    out: list[Directive] = []
    for key, rows in sorted(by_key.items()):
        clusters: list[tuple[int | None, list[dict[str, object]]]] = []
        yearless: list[dict[str, object]] = []
        for r in sorted(rows, key=lambda r: _row_year(r) or 0):
            y = _row_year(r)
            if y is None:
                yearless.append(r)
                continue
            home = next((members for cy, members in clusters if cy is not None and abs(cy - y) <= 1), None)
            if home is None:
                clusters.append((y, [r]))
            else:
                home.append(r)
        if not clusters:
            clusters = [(None, yearless)]
        else:
            biggest = max(range(len(clusters)), key=lambda i: len(clusters[i][1]))
            clusters[biggest][1].extend(yearless)
        for _y, members in clusters:
            out.append(_directive(key, members, plan_of))
    return out


def _row_year(r: dict[str, object]) -> int | None:
    y = r.get("year")
    if y is not None and y == y and str(y) not in {"", "None", "nan"}:  # noqa: PLR0124 - NaN check
        return int(float(str(y)))
    d = r.get("date")
    if isinstance(d, str) and len(d) >= 4 and d[:4].isdigit():
        return int(d[:4])
    return None


def _mode(values: list[object]) -> str | None:
    vals = [str(v) for v in values if isinstance(v, str) and v]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    return max((v for v in counts if counts[v] == top), key=len)


def _directive(key: str, rows: list[dict[str, object]], plan_of: dict[str, str]) -> Directive:
    dates = [r.get("date") for r in rows]
    best_date = _mode(dates)
    years = [y for y in (_row_year(r) for r in rows) if y]
    year = int(best_date[:4]) if best_date else (Counter(years).most_common(1)[0][0] if years else None)
    plans = {plan_of.get(str(r.get("doc_id")), str(r.get("doc_id"))) for r in rows}
    mentions = 0
    for r in rows:
        v = r.get("mentions")
        mentions += int(v) if isinstance(v, (int, float)) and v == v else 1
    return Directive(
        key=key, year=year, kind=_mode([r.get("kind") for r in rows]), date=best_date,
        issuer=_mode([r.get("issuer") for r in rows]), issuer_level=_mode([r.get("issuer_level") for r in rows]),
        subject=_mode([r.get("subject") for r in rows]), n_plans=len(plans), n_mentions=mentions,
        conflicting_dates=sorted({str(d) for d in dates if isinstance(d, str) and d and d != best_date}),
    )
