"""Compiled patterns for citations (ANNOTATION §2), matched on characters of the normalized text.

Every pattern is VERBOSE with named groups and an example per alternative. Patterns built from
the genre table (``data/genres.csv``) are compiled once, in cached functions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from extractors._citation_data import genre_words
from extractors._fastscan import case_safe, find_all, match_at

__all__ = ["find_all"]  # re-exported for citations.py

# A code token of a symbol: starts upper case, letters/digits, never followed by another letter
# (so the word ``KINH`` of ``KINH PHÍ`` is a token but ``MỤC`` is not one).
_TOKEN = r"[A-ZĐ][A-Za-zĐđ0-9&]{0,24}(?!\w)"
_SEP = r"(?:\s{0,2}[-–—/]\s{0,2}|\.(?=[A-ZĐ]))"  # QĐ-UBND | KH/ ĐT | UBND.VX (a dot between codes)

# The core of a citation: number(s), optional year, symbol codes.
CORE = re.compile(
    rf"""
    (?<![\dA-Za-zĐđ/.,\-–])                  # not inside another number or code ("số31" is fine)
    (?P<num>\d{{1,5}}(?:[ ]?,[ ]?\d{{1,5}}){{0,12}}) # 45 | 0045 | 12, 13 | 87,88,31 (bounded: no quadratic scan)
    (?P<sep0>\s{{0,3}}[-–—/]\s{{0,3}}         # 45-CT | 114- KL | 23 – NQ | 30 /KH
       |[ ](?=[A-ZĐ]))                        # 298 KH/TWĐTN (a space for the hyphen)
    (?:(?P<year>(?:19|20)\d\d)\s?/\s?)?       # 30/2020/NĐ-CP
    (?P<codes>{_TOKEN}(?:{_SEP}{_TOKEN}){{0,7}}) # CT/TW | NĐ-CP | NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN
    (?P<split>[ ][A-ZĐ]{{1,3}}                   # 06-LCT/HĐN N ngày: the end of the last code after a stray space
       (?=[ ]+[a-zà-ỹđ]|[,;.:)]|[^\S\n]*(?:\n|$)))?  # (kept only when the joined code is a known one)
    """,
    re.VERBOSE,
)

# Splits the codes part into tokens and separators.
CODE_PARTS = re.compile(r"(?P<sep>\s{0,2}[-–—/]\s{0,2}|\.(?=[A-ZĐ]))")

# Date right after a symbol (or after the issuer phrase).
DATE_AFTER = re.compile(
    r"""
    ^[^\S\n]*,?[^\S\n]*\(?[^\S\n]*(?:ban[ ]hành[ ]+)?(?:vào[ ]+)?
    (?:ngày|ngầy|Ngày)[^\S\n]*
    (?:
      (?P<d>\d{1,2})[ ]?[/.\-][ ]?(?P<m>\d{1,2})[ ]?[/.\-][ ]?(?P<y>(?:19|20)\d\d)(?!\d)   # ngày 14/4/2025 | ngày 01-10-1997
     |[.…_]*(?P<d2>\d[ ]\d(?=[ ]+tháng)|\d{1,2})[.…_\s]+tháng[.…_\s]+(?P<m2>\d{1,2})[.…_\s]+năm\s+(?P<y2>(?:19|20)\d\d)(?!\d)
        # ngày 14 tháng 4 năm 2025 | ngày …25..tháng 01 năm 2006 (a form filled in by hand)
        # | ngày 0 7 tháng 6 năm 2000 (a PDF text layer splits the day)
    )
    (?P<close>[ ]?\))?
    """,
    re.VERBOSE,
)

# A date phrase after the number that gives no full date: a year with a typo, or a day (and month)
# left blank or dotted on a form. No date is read from it, but it is stepped over so that the
# "của ..." issuer after it is still found.
MALFORMED_DATE_AFTER = re.compile(
    r"""
    ^[^\S\n]*,?[^\S\n]*(?:ngày|Ngày)
    (?:
      [^\S\n]*\d{1,2}[ ]?[/.\-][ ]?\d{1,2}[ ]?[/.\-][ ]?(?:\d{3}|\d{5,6})(?!\d)     # ngày 08/6/20210
     |[ .…_]*tháng[ .…_]*(?:\d{1,2}[ .…_]*)?năm[ ]+(?:19|20)\d\d(?!\d)           # ngày tháng 9 năm 2025 | ngày …. tháng …. năm 2025
     |[ .…_]*(?:\d{1,2}[ ]*)?/[ .…_]*(?:\d{1,2}[ ]*)?/[ ]*(?:19|20)\d\d(?!\d)    # ngày / / 2025 | ngày   /9/2025
    )
    """,
    re.VERBOSE,
)

# Bare year after a symbol without year: "Chỉ thị 16/CT-TTg năm 2020".
YEAR_AFTER = re.compile(r"^[ \t]*,?[ \t]*năm[ ](?P<y>(?:19|20)\d\d)(?!\d)")

# The issuer phrase starts with "của".
ISSUER_START = re.compile(r"[^\S\n]*,?[^\S\n]*(?:của|do)[^\S\n]+", re.IGNORECASE)

# Where an issuer phrase ends (searched inside the text after "của").
ISSUER_STOP = re.compile(
    r"""
    [,;:.“”"\[]                                # punctuation: của Bộ Chính trị, ngày ...
    | \n(?![ \t]*[a-zà-ỹđ])                     # a line break, unless the line wraps ("của Chính\nphủ" stays)
    | \((?![ ]?[Kk]h(?:óa|oá)) | \)                   # a bracket that is not the term: (khóa XI)
    | \s(?:[Vv]ề|[Vv]/[Vv]|ban\shành|hướng\sdẫn|quy\sđịnh|đối\svới|nhằm|để|theo|đã|thì|tại|trong|gắn\svới
           |ngày|về\sviệc|phê\sduyệt|tổ\schức\sthực\shiện|như\ssau|có|lại|chưa|được|sẽ|là
           |sửa\sđổi|bổ\ssung|bãi\sbỏ|thay\sthế|công\sbố|giao|hết\shiệu\slực)(?=[\s,]|$)   # của Bộ Chính trị về ...
    | \squy\sđịnh(?!\w)                       # ... Thương binh và Xã hội quy định:
    | [ ]và(?=\s*$|\s+(?:các|những|đề\sra|ban\shành|hướng\sdẫn|quy\sđịnh|chỉ\sđạo|đã|được|theo)\s)  # của Chính phủ và đề ra ...
    | [ ]và[ ](?=(?:các[ ])?(?:[Cc]hỉ[ ]thị|[Nn]ghị[ ](?:quyết|định)|[Kk]ết[ ]luận|[Qq]uy[ ](?:định|chế)|[Qq]uyết[ ]định
                |[Hh]ướng[ ]dẫn|[Kk]ế[ ]hoạch|[Đđ]ề[ ]án|[Cc]hương[ ]trình|[Tt]hông[ ](?:báo|tư)|[Cc]ông[ ]văn
                |[Bb]áo[ ]cáo|[Ll]uật|[Vv]ăn[ ]bản|Chương|Điều|Khoản|Mục|Phần|Phụ[ ]lục)(?!\w))   # của Bộ Chính trị và Chỉ thị ...
    | (?<!Bộ)(?<!Sở)(?<![-–])[ ](?=(?:Thông[ ]báo|Kế[ ]hoạch|Quyết[ ]định|Chỉ[ ]thị|Nghị[ ]quyết|Hướng[ ]dẫn|Công[ ]văn|Báo[ ]cáo|Tờ[ ]trình
              |Nghị[ ]định|Thông[ ]tư|Quy[ ]định)[ ])   # ... xã Lương Minh Thông báo địa điểm (a title, not the issuer),
                                                  # but not the name Bộ Kế hoạch và Đầu tư, Phòng Tài chính - Kế hoạch
    """,
    re.VERBOSE,
)

# The head word of a body's name: what an issuer named after "của" starts with (Ủy ban nhân dân
# tỉnh, Ban Thường vụ Tỉnh ủy, Bộ Tài chính, Chính phủ, Thủ tướng Chính phủ, UBND xã ...).
_BODY_HEAD = r"""
    (?:Ban|Ủy[ ]ban|Uỷ[ ]ban|UBND|HĐND|UBMTTQ|MTTQ|Hội[ ]đồng|Bộ(?=[ ][A-ZĐ])|Sở|Chủ[ ]tịch|Văn[ ]phòng|Tổng[ ]cục|Cục
      |Tỉnh[ ]ủy|Tỉnh[ ]uỷ|Huyện[ ]ủy|Huyện[ ]uỷ|Thành[ ]ủy|Thành[ ]uỷ|Đảng[ ]ủy|Đảng[ ]uỷ|Quận[ ]ủy|Thị[ ]ủy
      |Chính[ ]phủ|Thủ[ ]tướng|Quốc[ ]hội|BCH|BTV|BCĐ|Liên[ ]bộ|Tổng[ ]Liên[ ]đoàn)(?![^\W\d_])
"""
BODY_HEAD = re.compile(_BODY_HEAD, re.VERBOSE)

# The next issuer of a list of issuers, after the first one ("của Chính phủ, Thủ tướng Chính phủ"):
# a comma or "và", then a capitalised name (searched from the end of the previous issuer).
NEXT_ISSUER = re.compile(r"[^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|và[^\S\n]+)(?=[A-ZĐ])")

# An issuer that ends the subject: "Quyết định số 07/QĐ-MTTQ-BTT, ngày 18/11/2025 về việc thành lập
# Ban chỉ đạo ... của Ủy ban MTTQ Việt Nam xã Lương Minh)". The name must start with the head word
# of a body (not "của Luật ...", "của Bộ, cơ quan ngang Bộ") and run to the end of the subject.
SUBJECT_END_ISSUER = re.compile(
    rf"""
    (?<!\w)của[ ]+
    (?P<issuer>
      {_BODY_HEAD}                               # của Ủy ban MTTQ Việt Nam xã Lương Minh
      (?:(?![ ](?:của|tại|về|trong|với|đối|để|nhằm|theo|cho|khi|là|được|trên|giữa|từ|đến)[ ])[^,;:.()“”"\n]){{0,90}}
    )                                            # not "của Thủ tướng ... tại buổi làm việc ..."
    [ ]*\)?[ ]*$
    """,
    re.VERBOSE,
)

# The term of the issuing body at the end of the issuer phrase: "(khóa XI)", "khóa XII".
TERM = re.compile(r"[ ,]*\(?[ ]?[Kk]h(?:óa|oá)[ ]+(?P<term>[IVXLC]+|\d{1,2})[ ]?\)?[ ]*$")
TERM_ANY_CASE = re.compile(TERM.pattern, re.IGNORECASE)  # a heading in capitals read lower-cased: (khóa xii)

# The subject introducer: "về", "về việc", "V/v".
SUBJECT_START = re.compile(r"[^\S\n]*,?[^\S\n]*[“\"]?(?:[Vv]ề[ ]+(?:việc[ ]+)?|[Vv]/[Vv][ ]*:?[ ]*)")

# Where a subject clause ends: ";", a line break, a full stop ending a sentence.
SUBJECT_STOP = re.compile(
    r"""
    ;|\n(?![ \t]*[a-zà-ỹđ])|\.(?=\s|$)|\.\.\.|…      # end of the clause
    | [ ]và[ ](?:các[ ]|những[ ])?(?=(?:văn[ ]bản|chỉ[ ]thị|nghị[ ]quyết|nghị[ ]định|kết[ ]luận|quyết[ ]định|hướng[ ]dẫn
                                      |kế[ ]hoạch|đề[ ]án|thông[ ]tư|quy[ ]định)(?!\w))  # ... của Đảng và các văn bản chỉ đạo
    """,
    re.VERBOSE,
)

# Short-name definitions: "(viết tắt là Đề án số 08-ĐA/TU)", "(sau đây gọi tắt là Chỉ thị 45)".
DEFINITION = re.compile(
    r"""
    \([ ]?(?:sau[ ]đây[ ]+)?(?:được[ ]+)?(?:gọi|viết)[ ]+tắt[ ]+(?:là[ ]*)?:?[ ]*   # (sau đây gọi tắt là
    ["“]?(?P<alias>[^()"”\n]{1,60}?)["”]?[ ]?\)                                # Chỉ thị 45)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Words before "số" that make the number a form, an article or a page (never a citation).
NOT_A_CITATION_BEFORE = re.compile(
    r"(?:(?<!\w)(?:[Mm]ẫu|[Mm]au|MẪU|[Bb]iểu|BIỂU|[Pp]hụ[ ]lục|PHỤ[ ]LỤC|[Đđ]iều|[Kk]hoản|[Tt]rang|[Tt]ổ|[Ll]ô|[Tt]hửa)\s*)$"
)

SO = re.compile(r"(?:(?<!\w)[Ss][Ốố](?:[ ]*:)?\s{0,3}){1,2}$")  # số | Số: | số số (a slip)

# The header line of an annex or regulation that names the act promulgating it: the document's own
# decision, not a citation. "(Ban hành theo Quyết định số: 256/2004/QĐ-UB ngày 01/ 7 /2004 ...)",
# "( Ban hành kèm theo Quyết định số …05…./2006/ QĐ-UBND, ngày …25..tháng 01 năm 2006 của UBND ...)":
# the bracketed line under the title. Mid-sentence "Phụ lục ban hành kèm theo Nghị định số 51/1999/NĐ-CP"
# is a citation, and so is an unbracketed annex line that describes the decision it is attached to
# ("Phụ lục\nBan hành kèm theo Quyết định số 1445/2002/QĐ-UB ngày ... về việc sửa đổi ...": blind gold r019).
OWN_ACT_LINE = re.compile(r"(?:^|\n)[^\S\n]*\([^\S\n]*Ban[ ]hành[ ](?:kèm[ ])?theo[ ]$")


def _genre_alt() -> str:
    # "Nghị quyết liên tịch" before "Nghị quyết"; a line break may split a genre word ("Chỉ\nthị").
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in genre_words())


@lru_cache(maxsize=1)
def genre_before() -> re.Pattern[str]:
    """A genre word directly before a number (or before ``số``), at the end of a window.

    ``Chỉ thị số `` | ``Nghị quyết `` | ``Luật Tố cáo số `` (name words only with ``số``).
    """
    return re.compile(
        rf"""
        (?<!\w)(?P<genre>{_genre_alt()})             # Chỉ thị | kế hoạch | Nghị quyết liên tịch
        (?P<lt>\s+liên\s+tịch)?                      # Kế hoạch liên tịch
        (?P<name>(?:[ ][^\s\d,;:.()“”"]+){{1,14}}?)?  # Luật Tố cáo (số 25/2018/QH14): only before "số"
        [ \t]*(?:\n[ \t]*)?$
        """,
        re.VERBOSE | re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def genre_in_window() -> re.Pattern[str]:
    """Every genre word, to find the one a list of numbers shares (``các Nghị quyết số 04-NQ/HU và 05-NQ/HU``)."""
    return re.compile(rf"(?<!\w)(?P<genre>{_genre_alt()})(?!\w)", re.IGNORECASE)




@lru_cache(maxsize=1)
def _genre_first_words() -> Any:
    """Aho-Corasick automaton over the lower-cased first words of the genre words (``chỉ``, ``nghị`` ...)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in {g.split()[0].lower() for g in genre_words()}:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def genre_matches(window: str) -> list[re.Match[str]]:
    """``list(genre_in_window().finditer(window))``, tried only where a genre word's first word starts
    (found on the lower-cased window; the plain scan when lower-casing would shift or miss a letter)."""
    pat = genre_in_window()
    low = window.lower()
    if not case_safe(window, low):
        return list(pat.finditer(window))
    starts = sorted({end - n + 1 for end, n in _genre_first_words().iter(low)})
    return scan(pat, window, starts)


# What may stand between a shared genre word and a later number of its list.
LIST_GAP = re.compile(
    r"""
    (?P<lt>\s+liên\s+tịch)?
    (?:\s+của\s+(?P<issuer>[^:;.\n]{2,90}?)\s*:)?     # các Quyết định của Thủ tướng Chính phủ: số ...
    (?:[\s,:]|và|số|Số)*                              # separators left after removing earlier numbers
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=1)
def short_form() -> re.Pattern[str]:
    """A genre word and a number without symbol: ``Chỉ thị 45``, ``Nghị quyết liên tịch số 102/2025``."""
    return re.compile(
        rf"""
        (?<!\w)(?P<genre>{_genre_alt()})
        [ ]+(?:[Ss]ố[ ]*)?
        (?P<num>\d{{1,5}})(?:/(?P<year>(?:19|20)\d\d))?    # 45 | 102/2025
        (?![\d/]|\s{{0,2}}[-–—]\s{{0,2}}[A-ZĐ]|[ ]?/)        # not followed by a symbol
        """,
        re.VERBOSE,
    )


# Named documents without a number (ANNOTATION §2, named_references).
NAMED = re.compile(
    r"""
    (?<!\w)
    (?:
      (?P<nq>Nghị[ ]quyết[ ](?:Đại[ ]hội|Hội[ ]nghị|Trung[ ]ương)[^,;.\n()“”"]{0,90}?    # Nghị quyết Đại hội Đảng toàn quốc
         (?:lần[ ]thứ[ ](?:[IVXLC]+|\d{1,2})(?!\w)                                     # lần thứ XIII | lần thứ 8
            (?:[ ]Ban[ ][Cc]hấp[ ]hành[ ]Trung[ ]ương(?:[ ]Đảng)?)?                   # lần thứ 9 Ban Chấp hành Trung ương Đảng
          |kh(?:óa|oá)[ ][IVXLC]+                                                     # khóa XVI
          |[ ]\d{1,2}(?!\d))                                                         # Trung ương 9
         (?:[ ]?\(?kh(?:óa|oá)[ ][IVXLC]+\)?)?                                        # (khóa VII) | khoá IX
         (?:,?[ ]nhiệm[ ]kỳ[ ](?:19|20)\d\d[ ]?[-–][ ]?(?:19|20)\d\d)?)              # , nhiệm kỳ 2020 - 2025
     |(?P<law>(?:Bộ[ ]luật|Luật|Pháp[ ]lệnh|Hiến[ ]pháp|Điều[ ]lệ)                     # Luật An ninh mạng
         (?![ ](?:sư|gia|số|pháp|này|có|sửa|được|đã|hiện|bảo|định|và|cũ|mới|trên|các(?![ ]tổ[ ]chức)|về|của|thì|không|quy|sẽ|đó|trình)(?!\w))
                                                                                      # Luật các tổ chức tín dụng (not "Luật các ...")
         (?:[ ](?!(?:Luật|Bộ[ ]luật|Pháp[ ]lệnh|Hiến[ ]pháp|Nghị[ ]định|Nghị[ ]quyết)[ ])   # "Luật A và Luật B": two names
            (?:[Pp]hòng,[ ]chống|[^\s,;.:\n()“”"…]+)){1,12})
     |(?P<qc>(?:Quy[ ]chế|Chương[ ]trình)                                           # Quy chế công tác dân vận ...
         (?![ ](?:này|đó|sẽ|và|của|được|đã|có|là|số|trên|các|về|cho|trình)(?!\w))
         (?:[ ](?:[^\s,;.:\n()“”"…]+)){1,14})
    )
    """,
    re.VERBOSE,
)

# A law named right before its number: "Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13",
# "Pháp lệnh phát hành công trái xây dựng Tổ quốc số 12/1999/PL-UBTVQH10". A later mention of
# that name without number is a short form of the citation, not another named document.
NUMBERED_NAME = re.compile(
    r"""
    (?<!\w)(?P<name>(?:Bộ[ ]luật|Luật|Pháp[ ]lệnh)[ ][^,;:\n()“”"]{2,120}?)   # Luật Tố cáo
    (?:[ ]?\([^()\n]{1,40}\))?                                            # Luật ... trong nước (sửa đổi)
    [ ,]*số[ ]?\d{1,4}/(?:19|20)\d\d/                                   # số 25/2018/
    """,
    re.VERBOSE,
)

# The document the plan itself issues: "V/v ban hành Chương trình Cải cách hành chính của thành phố
# Cần Thơ giai đoạn 2004 - 2010" (title), "Điều 1. Nay ban hành kèm theo Quyết định này Quy chế chi
# tiêu nội bộ ...". That name, when met again in the text, is the document itself, not a reference.
ISSUED_HERE = re.compile(
    r"""
    (?:^|[Vv]/[Vv][ ]?:?[ ]|[Vv]ề[ ]việc[ ]|[Nn]ay[ ])[ ]*[Bb]an[ ]hành[ ]            # V/v : Ban hành | Nay ban hành
    (?:kèm[ ]theo[ ](?:Quyết[ ]định|Nghị[ ]quyết|Thông[ ]tư)[ ]này[ ])?       # Nay ban hành kèm theo Quyết định này
    (?P<name>(?:Chương[ ]trình|Quy[ ]chế|Quy[ ]định|Kế[ ]hoạch|Đề[ ]án|Điều[ ]lệ)[ ][^\n;.:]{3,200})
    """,
    re.VERBOSE,
)

# Words that end a named document's name (the name goes up to the word before them). "số" only
# before a number or a blank: "Pháp lệnh Dân số" is a name, "Luật Tố cáo số 25/2018/QH14" is cut.
NAME_STOP = re.compile(
    r"[ ](?:và|gửi|để|nhằm|trong|theo|đã|được|cho|đến|tại|với|tạo|của[ ]các|gắn|số(?=[ ]?[\d.…_])|nên|ban[ ]hành[ ](?:kèm[ ])?theo|ngày|sau|trình|vào|thì|năm[ ]\d{4}[ ]và|thời[ ]gian|trên[ ]địa[ ]bàn[ ]các|hiện[ ]hành)(?=[ ]|$)"
)


# In a law's name, "về" starts the clause after it: "một số điều của Bộ luật lao động về khiếu nại,
# tố cáo về lao động" -> "Bộ luật lao động"; "Luật Đất đai về thu hồi đất" -> "Luật Đất đai".
LAW_STOP = re.compile(r"[ ]về(?=[ ])")

# A charter of a generic body is not one named document: "theo Điều lệ Quỹ", "b) Điều lệ công ty;".
GENERIC_CHARTER = re.compile(
    r"""
    Điều[ ]lệ[ ]
    (?:công[ ]ty|quỹ|hội|doanh[ ]nghiệp|hợp[ ]tác[ ]xã|tổ[ ]chức|trường|ngân[ ]hàng|liên[ ]hiệp)   # Điều lệ công ty | Điều lệ Quỹ
    (?:[ ](?:này|đó|mình))?$                                                      # Điều lệ hội này
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Words that cannot stand inside the name of a document written before its number: the name words
# before "số" then belong to another document ("Pháp lệnh kế toán và Thống kê được công bố theo
# Lệnh số 06-LCT/HĐNN", "Điều lệ ... ban hành theo Nghị định số 25-HĐBT").
NAME_CLAUSE = re.compile(r"[ ](?:theo|được|đã)(?=[ ]|$)")


# --------------------------------------------------------------------------------------------
# where the whole-text patterns may start (the scan tries them there only, not at every offset)


# The words NAMED starts with, and those NUMBERED_NAME starts with (as written in the patterns).
NAMED_ANCHORS = ("Nghị quyết ", "Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "Điều lệ", "Quy chế", "Chương trình")
NUMBERED_NAME_ANCHORS = ("Bộ luật", "Luật", "Pháp lệnh")


def scan(pat: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``list(pat.finditer(text))`` when every match of ``pat`` starts at one of ``starts`` (sorted)."""
    return list(match_at(pat, text, starts))


def _word_start(text: str, end: int) -> int:
    """Start of the run of word characters (``\\w``) that ends at ``end`` (``end`` itself when there is none)."""
    k = end
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return k


def words_back(text: str, end: int, n: int) -> list[int]:
    """Starts of the last ``n`` (at most) words ending at ``end``, separated by blanks only.

    ``words_back("theo Nghị quyết liên tịch", 25, 4)`` -> [21, 16, 10, 5] (tịch, liên, quyết, Nghị)."""
    out: list[int] = []
    j = end
    for i in range(n):
        if i:
            k = j
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k == j:
                break
            j = k
        k = _word_start(text, j)
        if k == j:
            break
        out.append(k)
        j = k
    return out


@lru_cache(maxsize=1)
def _genre_shape() -> tuple[frozenset[str], int]:
    """(last words of the genre words, most words in one): ``Kế hoạch liên tịch`` -> ``tịch``, 4."""
    words = genre_words()
    if not all(c.isalnum() or c == " " for w in words for c in w):
        raise ValueError("data/genres.csv: a genre word holds a character that is neither a letter nor a space")
    return frozenset(w.split()[-1] for w in words), max(len(w.split()) for w in words)


@lru_cache(maxsize=1)
def number_start() -> re.Pattern[str]:
    """The first digit of a number that CORE or a short form may start with: not after a digit, a Latin
    letter, Đ or the punctuation of a code (CORE's look-behind), and followed by what CORE needs after
    its first number (a list comma, a separator, a blank and a capital) or written after ``số`` or a
    genre word's last word, as a short form is (``Chỉ thị 45``, ``số45``, ``Kế hoạch  17``)."""
    last, _ = _genre_shape()
    by_len: dict[int, list[str]] = {}
    for w in sorted(last | {"số", "Số"}):
        by_len.setdefault(len(w), []).append(re.escape(w))
    # one look-behind per word length (a look-behind has one width): (?<=(?:hợp|bản|...)[ ]\d)
    after_word = "|".join(rf"(?<=(?:{'|'.join(ws)})[ ]\d)" for _, ws in sorted(by_len.items()))
    return re.compile(
        rf"""
        \d(?<![\dA-Za-zĐđ/.,\-–]\d)                            # 45 | (not 5 of 45, QH14, 1.5, 25/2018)
        (?:(?=\d{{0,4}}(?:[ ]?,[ ]?\d|\s{{0,3}}[-–—/]|[ ][A-ZĐ])) # CORE: 45-CT | 12, 13 | 298 KH
          |(?<=ố\d)                                             # short form: số45
          |(?<=[ ]\d)(?:(?<=[ ][ ]\d)|{after_word}))              # short form: số  17 | Chỉ thị 45
        """,
        re.VERBOSE,
    )


def short_form_starts(text: str, digit_runs: list[int]) -> list[int]:
    """Every offset where ``short_form()`` may match: the genre word before a number, up to its first word.

    The number follows the genre's last word after blanks, or after ``số``: ``Chỉ thị 45``, ``Kế hoạch số 17``,
    ``Luật số45``. ``digit_runs``: offsets of ``number_start()`` (or any superset of them)."""
    last, most = _genre_shape()
    out: set[int] = set()
    for d in digit_runs:
        prev = text[d - 1] if d else ""
        if prev != " " and prev != "ố":
            continue
        j = d
        while j > 0 and text[j - 1] == " ":
            j -= 1
        k = _word_start(text, j)
        word = text[k:j]
        if word == "số" or word == "Số":  # Kế hoạch số 17, Luật số45
            j = k
            while j > 0 and text[j - 1] == " ":
                j -= 1
            if j == k:
                continue
            k = _word_start(text, j)
            word = text[k:j]
        elif j == d:
            continue  # the genre word is followed by a blank
        if word in last:
            out.update(words_back(text, j, most))
    return sorted(out)
