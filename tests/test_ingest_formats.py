"""Every sample in every format reads; the body text agrees across TXT, DOCX and PDF; PDF layout.

Agreement rule (stated once, tested for all five seeds): after NFC, dropping the markdown
emphasis markers the scraped TXT seeds carry (``**``, ``*`` attached to a word — the DOCX has
real bold/italic instead) and removing all whitespace (line wrapping, hyphen breaks, column
gaps are layout), the DOCX and PDF text equal the TXT text, except that inside the header block
(the first ``HEADER_TOLERANCE`` non-space characters of the TXT) the characters may come in a
different order: the flattened TXT interleaves the two header columns, DOCX and PDF give the
left column, then the right one. Running page numbers (HEADER/FOOTER blocks) are not body text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from models.document import RawDocument
from models.enums import BlockKind, SourceFormat
from pipeline import pdf_reader
from pipeline.ingest import read

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
DATA = Path(__file__).resolve().parent / "data" / "ingest"
STEMS = sorted(p.stem for p in (SAMPLES / "txt").glob("*.txt"))
FORMATS = ("txt", "docx", "pdf")
HEADER_TOLERANCE = 400
_EMPHASIS = re.compile(r"\*+(?=\S)|(?<=\S)\*+")


def body(raw: RawDocument) -> str:
    return "\n".join(b.text for b in raw.blocks if b.kind not in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.CHROME))


def squeeze(text: str) -> str:
    """NFC, emphasis markers dropped, no whitespace: what must agree across formats."""
    text = unicodedata.normalize("NFC", text)
    words = [w if set(w) == {"*"} else _EMPHASIS.sub("", w) for w in text.split()]
    return "".join(words)


def test_five_seeds_in_three_formats() -> None:
    assert len(STEMS) == 5
    for fmt in FORMATS:
        assert sorted(p.stem for p in (SAMPLES / fmt).glob(f"*.{fmt}")) == STEMS


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_sample_reads_with_text(stem: str, fmt: str) -> None:
    raw = read(SAMPLES / fmt / f"{stem}.{fmt}")
    assert raw.error is None
    assert raw.source_format == SourceFormat(fmt)
    assert len(body(raw).split()) > 500
    if fmt == "pdf":
        assert raw.n_pages and raw.n_pages >= 2
        assert all(b.page is not None and 1 <= b.page <= raw.n_pages for b in raw.blocks)
        assert {b.page for b in raw.blocks if b.kind == BlockKind.BODY} == set(range(1, raw.n_pages + 1))
    else:
        assert all(b.page is None for b in raw.blocks)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_body_text_agrees_with_txt(stem: str, fmt: str) -> None:
    txt = squeeze(body(read(SAMPLES / "txt" / f"{stem}.txt")))
    other = squeeze(body(read(SAMPLES / fmt / f"{stem}.{fmt}")))
    # longest common prefix and suffix; what differs must sit inside the header block
    i = 0
    while i < min(len(txt), len(other)) and txt[i] == other[i]:
        i += 1
    j = 0
    while j < min(len(txt), len(other)) - i and txt[-1 - j] == other[-1 - j]:
        j += 1
    mid_txt, mid_other = txt[i : len(txt) - j], other[i : len(other) - j]
    if txt == other:
        return
    assert len(txt) - j <= HEADER_TOLERANCE, f"differs after the header block: {mid_txt[-80:]!r} vs {mid_other[-80:]!r}"
    assert Counter(mid_txt) == Counter(mid_other), "header block: same characters, only reordered"


def test_pdf_header_block_split_into_columns() -> None:
    """Issuer and national motto share each line (tab stops): left column first, then right."""
    raw = read(DATA / "header_tabs.pdf")
    first = raw.blocks[0]
    assert first.page == 1
    assert first.text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN PHONG",
        "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tân Phong, ngày 04 tháng 12 năm 2024",
    ]
    assert raw.blocks[1].text.startswith("KẾ HOẠCH\nPhối hợp liên ngành")


def test_pdf_sample_header_block_as_columns() -> None:
    raw = read(SAMPLES / "pdf" / "002_f8b78b0b5564f0e5.pdf")
    header = next(b for b in raw.blocks if b.kind == BlockKind.TABLE)
    lines = header.text.split("\n")
    assert lines.index("ĐẢNG CỘNG SẢN VIỆT NAM") > lines.index("(Dự thảo)") > lines.index("HUYỆN ỦY PHỤNG HIỆP")


def test_pdf_table_rows_tab_separated_in_page_order() -> None:
    raw = read(DATA / "table_page.pdf")
    assert [b.kind for b in raw.blocks] == [BlockKind.BODY, BlockKind.TABLE, BlockKind.BODY]
    assert raw.blocks[1].text.split("\n") == [
        "STT\tNội dung\tChỉ tiêu",
        "1\tHộ gia đình văn hóa\t95%",
        "2\tThôn văn hóa\t80%",
        "3\tĐoàn viên mới\t120 người",
    ]
    assert raw.blocks[0].text.rstrip().endswith("2. Chỉ tiêu cụ thể")
    assert raw.blocks[2].text.startswith("II. TỔ CHỨC THỰC HIỆN")


def test_pdfplumber_only_on_ruled_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = pdf_reader._tables

    def spy(page: Any) -> list[tuple[float, float, list[str]]]:
        calls.append(page.page_number)
        return real(page)

    monkeypatch.setattr(pdf_reader, "_tables", spy)
    read(SAMPLES / "pdf" / "001_83576d4c190ef1ef.pdf")  # no ruled lines anywhere
    read(SAMPLES / "real" / "r012.pdf")  # page 2 draws 148 curved paths (seal, signature): not rules
    assert calls == []
    read(DATA / "table_page.pdf")
    assert calls == [1]


def test_pdf_page_numbers_are_running_headers() -> None:
    raw = read(SAMPLES / "pdf" / "003_585a8b6bb215ade2.pdf")
    assert raw.n_pages is not None
    headers = [(b.page, b.text) for b in raw.blocks if b.kind == BlockKind.HEADER]
    assert headers == [(p, str(p)) for p in range(1, raw.n_pages + 1)]


def test_scanned_pdf_warns_no_text_layer() -> None:
    raw = read(SAMPLES / "real" / "r009.pdf")
    assert raw.error is None  # the row exists; the warning says what happened
    assert raw.n_pages == 5
    warn = [w for w in raw.warnings if w.code == "no_text_layer"]
    assert len(warn) == 1 and warn[0].pages == (1, 2, 3, 4, 5)
    assert raw.blocks == []


def test_real_text_pdf_pages_and_header() -> None:
    raw = read(SAMPLES / "real" / "r012.pdf")
    assert raw.error is None and raw.n_pages == 2 and not raw.warnings
    assert {b.page for b in raw.blocks} == {1, 2}
    first = raw.blocks[0].text.split("\n")
    assert first[0].startswith("VĂN PHÒNG CHÍNH PHỦ")
    assert "Số: 480/TB-VPCP" in first
    assert "Kết luận của Phó Thủ tướng" in body(raw)


def test_pdf_named_txt_read_as_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "ke_hoach.txt"
    fake.write_bytes((SAMPLES / "real" / "r012.pdf").read_bytes())
    raw = read(fake)
    assert raw.source_format == SourceFormat.PDF
    assert raw.error is None and raw.n_pages == 2


def test_docx_sample_page_number_header_apart() -> None:
    raw = read(SAMPLES / "docx" / "000_afec9af292e5e823.docx")
    assert all(b.kind in (BlockKind.BODY, BlockKind.TABLE, BlockKind.HEADER) for b in raw.blocks)
    assert raw.blocks[0].text == "KẾ HOẠCH"


def test_header_drawn_last_comes_first() -> None:
    """r011.pdf: Word drew the header table after the preamble; the reader puts it back on top."""
    raw = read(SAMPLES / "real" / "r011.pdf")
    first = raw.blocks[0]
    assert (first.page, first.kind) == (1, BlockKind.TABLE)
    assert first.text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "Số: /QĐ-UBND",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lai Châu, ngày tháng năm 2025",
    ]
    assert raw.blocks[1].text.startswith("QUYẾT ĐỊNH\n")
    assert body(raw).count("Lai Châu, ngày") == 1  # not repeated at the end of the page


def test_real_pdf_ruled_table_rows() -> None:
    raw = read(SAMPLES / "real" / "r011.pdf")
    tables = [b for b in raw.blocks if b.kind == BlockKind.TABLE and b.page == 3]
    assert tables
    assert tables[0].text.split("\n")[0] == "STT\tTên TTHC\tThời hạn giải quyết\tĐịa điểm, thời gian, cách thức thực hiện TTHC\tPhí, lệ phí\tCăn cứ pháp lý"


def test_running_title_is_a_header() -> None:
    """Every page opens with the plan's running title and ends with ``Trang N``; the body repeats
    one paragraph 60 times, so the same body line also ends every page and must stay body."""
    raw = read(DATA / "running_header.pdf")
    assert raw.n_pages and raw.n_pages >= 3
    headers = [(b.page, b.text) for b in raw.blocks if b.kind == BlockKind.HEADER]
    assert headers == [(p, "Kế hoạch số 12/KH-UBND ngày 04/12/2024 của UBND xã Tân Phong") for p in range(1, raw.n_pages + 1)]
    footers = [(b.page, b.text) for b in raw.blocks if b.kind == BlockKind.FOOTER]
    assert footers == [(p, f"Trang {p}") for p in range(1, raw.n_pages + 1)]
    text = body(raw)
    assert text.count("Phát huy sức mạnh") == 60
    assert text.count("chủ trương của Đảng.") == 60
    assert "Tân Phong" not in text


def test_recipients_and_signature_side_by_side_split() -> None:
    """``Nơi nhận:`` and the signature typed on the same lines: recipients first, then signature."""
    raw = read(DATA / "signature_tabs.pdf")
    last = raw.blocks[-1]
    assert last.kind == BlockKind.TABLE
    assert last.text.split("\n") == [
        "Nơi nhận:", "- Thường trực Huyện ủy;", "- UBND huyện;", "- Như mục III;", "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
    ]
    assert raw.blocks[-2].text.rstrip().endswith("chủ trương của Đảng.")


def test_real_pdf_signature_title_beside_recipients() -> None:
    """r012: 'BỘ TRƯỞNG, CHỦ NHIỆM' sits a little above 'Nơi nhận:'; it joins the right column."""
    raw = read(SAMPLES / "real" / "r012.pdf")
    lines = raw.blocks[-1].text.split("\n")
    assert lines[0] == "Nơi nhận:"
    assert lines[-2:] == ["BỘ TRƯỞNG, CHỦ NHIỆM", "Trần Văn Sơn"]
    assert "BỘ TRƯỞNG" not in raw.blocks[-2].text
