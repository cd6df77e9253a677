"""The fast paths of normalization give what the general definitions give (issue 7).

Each step of ``pipeline.normalize`` skips work with a cheap check or scans from a literal; the
general definitions they replace are kept here (the patterns as they were before issue 7) and
both are run on the samples, the real gold texts and seeded edits of them that plant what every
step looks for (wide spaces, old tone marks, markdown, chrome lines and phrases, page numbers).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import normalize as nz
from pipeline.ingest import read

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for fmt in ("txt", "docx", "pdf") for p in (ROOT / "data" / "samples" / fmt).glob(f"*.{fmt}"))
GOLD_TXT = sorted((ROOT / "tests" / "data" / "gold_real").rglob("*.txt"))

# --------------------------------------------------------------------------------------------
# the general definitions (as before issue 7)

Edit = tuple[int, int, str]

_WIDE_SPACE = re.compile(
    r"""
    (?P<space>[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])
    | (?P<zero>[\u200b-\u200d\u2060\ufeff\u00ad])
    | (?P<vbreak>[\f\v\u2028\u2029\x85])
    | (?P<trail>[ \t]+(?=\n|\Z))
    """,
    re.VERBOSE,
)


def ref_spaces(text: str) -> list[Edit]:
    repl = {"space": " ", "vbreak": "\n"}
    return [(m.start(), m.end(), repl.get(m.lastgroup or "", "")) for m in _WIDE_SPACE.finditer(text)]


def ref_trailing(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in re.finditer(r"[ \t]+(?=\n|\Z)", text)]


_OLD_TONE = re.compile(
    r"(?<![^\W\d_])(?P<onset>[^\W\d_]*?)(?P<v1>[oOuU])(?P<v2>[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


def ref_tones(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _OLD_TONE.finditer(text):
        onset, v1, v2 = m.group("onset"), m.group("v1"), m.group("v2")
        base2 = unicodedata.normalize("NFD", v2)
        base, marks = base2[0], base2[1:]
        if v1.lower() == "o" and base.lower() not in "ae":
            continue
        if v1.lower() == "u" and (base.lower() != "y" or onset.lower().endswith("q")):
            continue
        if not marks or any(c not in "\u0300\u0301\u0303\u0309\u0323" for c in marks):
            continue
        edits.append((m.start("v1"), m.end("v2"), unicodedata.normalize("NFC", v1 + marks) + base))
    return edits


_MARKDOWN = re.compile(r"(?P<strong>\*\*)|(?P<heading>^[ \t]*\#{1,6}[ \t]+)", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[\w“\"(])[^*\n]{1,300}?(?<=[\w.:;,”\")])\*(?![\w*])")


def ref_markdown(text: str) -> list[Edit]:
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _MARKDOWN.finditer(text)]
    taken = {e[0] for e in edits}
    blanked = _MARKDOWN.sub(lambda m: "\x00" * len(m.group()), text)
    for m in _EMPHASIS.finditer(blanked):
        if m.start() not in taken:
            edits.append((m.start(), m.start() + 1, ""))
            edits.append((m.end() - 1, m.end(), ""))
    return edits


_CHROME_LINE = re.compile(
    r"""
    (?=^|[tcbnd]|\d)
    (?:
    ^[ \t]*(?:Tác\s+giả|Nguồn\s+tin|Người\s+(?:đăng|viết|duyệt)|Ngày\s+(?:đăng|cập\s+nhật)
       |Đăng\s+(?:ngày|lúc|bởi)|Cập\s+nhật(?:\s+lúc)?|(?:Số\s+)?[Ll]ượt\s+(?:xem|truy\s+cập|đọc)
       |Từ\s+khóa|Tags?|Chia\s+sẻ|Bài\s+viết\s+liên\s+quan|Tin\s+liên\s+quan|Tin\s+cùng\s+chuyên\s+mục
       |Các\s+tin\s+khác|Tin\s+khác|Xem\s+thêm|In\s+bài(?:\s+viết)?|Gửi\s+bài\s+viết|Bản\s+in
       |Ý\s+kiến\s+bạn\s+đọc|Viết\s+bình\s+luận|Bình\s+luận)\s*[:：]
    |^[ \t]*Trang\s+chủ[ \t]*(?:[>»›/|].*)?$
    |^[ \t]*(?:Cỡ\s+chữ|Xem\s+cỡ\s+chữ)\b
    |Tổng\s+số\s+điểm\s+của\s+bài\s+viết
    |(?<!\d)\d+\s+trong\s+\d+\s+đánh\s+giá
    |(?:Click|Bấm|Nhấp)\s+(?:vào\s+)?để\s+đánh\s+giá
    |^[ \t]*Đánh\s+giá\s+bài\s+viết[ \t]*$
    |Bạn\s+đã\s+không\s+sử\s+dụng\s+Site
    |duy\s+trì\s+trạng\s+thái\s+đăng\s+nhập|Thời\s+gian\s+chờ\s*:\s*\d+
    |^[ \t]*(?:Đăng\s+nhập|Đăng\s+ký|Quên\s+mật\s+khẩu)[ \t]*$
    |^[ \t]*(?:Facebook|Zalo|Twitter|Tweet|Email|E-mail|Print|Share|Like|Thích|Chia\s+sẻ|Về\s+đầu\s+trang|Quay\s+lại)[ \t]*$
    )
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)

_PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:-[ \t]*\d{1,3}[ \t]*-|(?:Trang|Page)[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?|\d{1,3})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def ref_page_numbers(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PAGE_NUMBER.finditer(text)]


def ref_apply(text: str, omap: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """The offset map per character."""
    out: list[str] = []
    new_map: list[int] = []
    pos = 0
    for start, end, repl in sorted(edits):
        if start < pos:
            continue
        out.append(text[pos:start])
        new_map.extend(omap[pos:start])
        out.append(repl)
        span = end - start
        for k in range(len(repl)):
            new_map.append(omap[start + min(k, span - 1)] if span > 0 else omap[start])
        pos = end
    out.append(text[pos:])
    new_map.extend(omap[pos:])
    return "".join(out), new_map


# --------------------------------------------------------------------------------------------
# texts


def _texts() -> list[tuple[str, str]]:
    out = [(p.name, "\n".join(b.text for b in read(p).blocks)) for p in SAMPLES]
    out += [(f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")) for p in GOLD_TXT]
    return out


# what the steps look for, planted at random places (seeded)
_PLANTS = [
    "\u00a0", "\u200b", "\u00ad", "\f", "\u3000", " \n", "\t\n", "  ", "**", "*", "(*qua Ban*)", "# ", "\n## ", "–", "—", "„",
    "oà", "uỷ", "quý", "Hoà", "KHOẺ", "e\u0301", "\nTác giả: Thanh\n", "\nTrang chủ » Tin tức\n", "0 trong 0 đánh giá",
    "Click vào để đánh giá", "để đánh giá", "Tổng số điểm của bài viết là: 0", "Bạn đã không sử dụng Site",
    "Thời gian chờ: 60", "duy trì trạng thái đăng nhập", "\n6\n", "\n- 2 -\n", "\nTrang 3/5\n", "\nĐăng nhập\n",
    "\nFacebook\n", "\nĐÁNH GIÁ BÀI VIẾT\n", "İ", "ſite", "\n\n", "(22/12/1989-\n22/12/2024)", "số\n", "\t", "   ", "\r\n",
]


def _planted(text: str, seed: int) -> str:
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(60):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_PLANTS))
    return "".join(chars)


TEXTS = _texts()
CASES = TEXTS + [(f"{name}+planted{k}", _planted(t, 100 * i + k)) for i, (name, t) in enumerate(TEXTS) for k in range(2)]


def _pairs() -> list[tuple[str, Callable[[str], object], Callable[[str], object]]]:
    def chrome_ref(text: str) -> list[int]:
        return [m.start() for m in _CHROME_LINE.finditer(text)]

    return [
        ("spaces", nz._spaces, ref_spaces),
        ("trailing", nz._trailing, ref_trailing),
        ("tones", nz._tones, ref_tones),
        ("markdown", nz._markdown, ref_markdown),
        ("chrome", nz._chrome_starts, chrome_ref),
        ("page_numbers", nz.find_page_numbers, ref_page_numbers),
    ]


@pytest.mark.parametrize(("step", "fast", "ref"), _pairs(), ids=lambda x: x if isinstance(x, str) else "")
def test_fast_step_equals_general_definition(step: str, fast: Callable[[str], object], ref: Callable[[str], object]) -> None:
    for name, text in CASES:
        got, want = fast(text), ref(text)
        if isinstance(got, list) and got and isinstance(got[0], tuple) and len(got[0]) == 3:
            got, want = sorted(got), sorted(want)  # type: ignore[call-overload]
        assert got == want, (step, name)


def test_chrome_phrases_overlapping_a_label_use_the_whole_pattern() -> None:
    # a phrase running over a newline into a label line ("Đăng nhập", "Đánh giá bài viết"): the
    # phrase hides the label, as the whole pattern scanned once does
    for text, starts in (("Nội dung.\nduy trì trạng thái\nĐăng nhập\nHết.", [10]), ("Bấm để\nĐánh giá bài viết\nTác giả: Thanh", [0, 25])):
        assert nz._chrome_starts(text) == [m.start() for m in _CHROME_LINE.finditer(text)] == starts


def test_offset_map_equals_per_character_map() -> None:
    """The map built lazily (same-length edits leave it, the first other edit builds it) is the
    per-character map of every step applied in turn."""
    long_text = "\n".join(t for _, t in TEXTS[:12])  # longer than the shared offsets: the map from range()
    assert len(long_text) > nz._SHARED_OFFSETS
    for name, text in [*CASES[:: 3], ("long", long_text)]:
        got_text, got_map, _, _ = nz._run(text, None)
        t, omap = text, list(range(len(text) + 1))
        for step, producer in nz.STEPS:
            finder = nz._ASIDE_STEPS.get(step)
            edits = [nz._line_edit(t, s, e) for s, e in finder(t)] if finder else producer(t)
            t, omap = ref_apply(t, omap, edits)
        assert (got_text, got_map) == (t, omap), name


def test_short_normalization_skips_the_map() -> None:
    raw = "Uỷ ban\u00a0nhân dân – tỉnh  \n"
    assert nz.normalize_short(raw) == nz._run(raw, ("nfc", "spaces", "dashes", "quotes", "tones"))[0]
