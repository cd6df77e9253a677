"""Vietnamese number notation, shared by the dates and quotas extractors.

``.`` and a space group thousands, ``,`` is the decimal mark, ``triệu``/``tỷ``/``nghìn``/``ngàn``
multiply, leading zeros (``02``) are plain counts. Roman numerals (``Quý III``) are read here too.
"""

from __future__ import annotations

import re

# A number as Vietnamese documents write it, for use inside larger patterns (no groups).
#   "1.250.000"  dot thousands       "10.500 000"  mixed dot/space thousands (money)
#   "1,08"       decimal comma       "02"          zero-padded count
NUMBER = r"""
    (?:\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d+)?   # 1.250.000 / 10.500 000 / 1.000,5
      |\d+(?:,\d+)?                            # 100 / 02 / 1,08
    )
"""



def number_led(guard: str) -> str:
    r"""``NUMBER`` written to begin with its first digit, ``guard`` (a zero-width assertion) checked just before
    that digit: the same matches, but a pattern that begins with a digit lets ``re`` skip ahead to the next
    digit in C instead of trying the guard at every position of the text.

    >>> import re
    >>> [m.group() for m in re.finditer(number_led(r"(?<![\w.,/-])"), "Số 1.250.000 và x12, 1,08")]
    ['1.250.000', '1,08']
    """
    return rf"""\d(?<=(?:{guard})\d)(?:\d{{0,2}}(?:[.\u00a0 ]\d{{3}})+(?:,\d+)?|\d*(?:,\d+)?)"""


_MULTIPLIERS: dict[str, float] = {
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
}

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}

_SPACE = re.compile(r"[\s\u00a0]")


def parse_number(text: str) -> float | None:
    """Read a number in Vietnamese notation; None if it is not one.

    >>> parse_number("1.250.000"), parse_number("1,08"), parse_number("10.500 000"), parse_number("02")
    (1250000.0, 1.08, 10500000.0, 2.0)
    """
    s = _SPACE.sub(".", text.strip())  # a space groups thousands like a dot: "10.500 000"
    if not s:
        return None
    if "," in s:
        whole, _, frac = s.partition(",")
        if not frac.isdigit() or "," in frac:
            return None
    else:
        whole, frac = s, ""
    if "." in whole:
        groups = whole.split(".")
        # dot groups thousands only: every group after the first has exactly 3 digits
        if not all(g.isdigit() for g in groups) or any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None
        whole = "".join(groups)
    if not whole.isdigit():
        return None
    return float(f"{whole}.{frac}") if frac else float(whole)


def multiplier(word: str | None) -> float:
    """Factor of scale words: ``triệu`` -> 1e6, ``nghìn tỷ`` -> 1e12; 1.0 for None or unknown words."""
    if not word:
        return 1.0
    factor = 1.0
    for w in word.lower().split():  # "nghìn tỷ" = 1e3 * 1e9
        factor *= _MULTIPLIERS.get(w, 1.0)
    return factor


def roman_or_int(text: str) -> int | None:
    """``III`` -> 3, ``3`` -> 3, ``03`` -> 3; None otherwise."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    return _ROMAN.get(t.upper())
