"""``genre_matches`` (the genre words of a window, tried only where a genre's first word starts on the
lower-cased window) gives what ``genre_in_window().finditer`` gives: on every window before a number of the
seed plans and real gold texts, on real phrasings, and on text whose lower-casing would shift or miss a letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import _citation_patterns as P

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "gold_real").rglob("*.txt"))


def _plain(window: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("genre")) for m in P.genre_in_window().finditer(window)]


def _fast(window: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("genre")) for m in P.genre_matches(window)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_genre_matches_equal_finditer_on_real_windows(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for m in P.number_start().finditer(text):
        for width in (160, 300):
            window = text[max(0, m.start() - width) : m.start()]
            assert _fast(window) == _plain(window)


@pytest.mark.parametrize("window", [
    "Thực hiện Kế hoạch liên tịch số ",  # r011 gold
    "các Nghị quyết số 04-NQ/HU và ",  # r011 gold
    "căn cứ Chỉ\nthị số ",  # r002 gold: a line break inside the genre word
    "THÔNG BÁO KẾT LUẬN số ",  # upper case
    "Luật Ban hành văn bản quy phạm pháp luật số ",  # r030 docx: lower-case genre word inside a name
    "Bộ luật Lao động, Hiến pháp năm 2013, Chương trình phối hợp số ",
    "ChỉThị thị Kếhoạch số ",  # glued words are no genre words
    "Tờ trình İ số ",  # İ lowers to two characters: the plain scan
    "Quyết định ſố ",  # ſ matches s only with re.IGNORECASE: the plain scan
    "Công văn ı Kết luận ",
    "",
])
def test_genre_matches_equal_finditer_on_phrasings(window: str) -> None:
    assert _fast(window) == _plain(window)
