"""Metadata of the real archive files bundled in data/samples/real (hand-checked against the
files; see their README): a commune plan in DOCX tables, a provincial decision and a government
notice in PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read
from pipeline.normalize import normalize
from pipeline.structure import analyze

REAL = Path(__file__).resolve().parent.parent / "data" / "samples" / "real"

EXPECTED = {
    "r004.docx": {
        "doc_type": "KẾ HOẠCH", "doc_number": "01/KH-TBTTKT", "doc_symbol": "KH-TBTTKT", "issue_date": "2025-12-10",
        "issue_place": "Phố Bảng", "signer_name": "Nguyễn Văn Hoàn", "signer_title": "TRƯỞNG TIỂU BAN", "is_draft": False,
    },
    "r011.pdf": {
        "doc_type": "QUYẾT ĐỊNH", "doc_number": None, "doc_symbol": "QĐ-UBND", "issue_date": "2025", "issue_place": "Lai Châu",
        "issuer": "Ủy ban nhân dân tỉnh Lai Châu", "signer_name": "Tống Thanh Hải", "signer_title": "PHÓ CHỦ TỊCH",
    },
    "r012.pdf": {
        "doc_type": "THÔNG BÁO", "doc_number": "480/TB-VPCP", "doc_symbol": "TB-VPCP", "issue_date": "2025-09-13",
        "issue_place": "Hà Nội", "issuer": "Văn phòng Chính phủ", "signer_name": "Trần Văn Sơn",
        "signer_title": "BỘ TRƯỞNG, CHỦ NHIỆM",
        "title": "Kết luận của Phó Thủ tướng Chính phủ Trần Hồng Hà tại cuộc họp về dự thảo Luật Xây dựng (thay thế)",
    },
}


@pytest.mark.parametrize("name", [n for n in EXPECTED if (REAL / n).exists()])
def test_real_file_metadata(name: str) -> None:
    doc = normalize(read(REAL / name))
    analyze(doc)
    got = {k: getattr(doc.metadata, k) for k in EXPECTED[name]}
    assert got == EXPECTED[name]


def test_real_docx_issuer_names_the_subcommittee() -> None:
    doc = normalize(read(REAL / "r004.docx"))
    analyze(doc)
    assert doc.structure.issuer_lines == ["ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT"]
    assert doc.metadata.issuer.startswith("Tiểu ban thông tin, tuyên truyền, khánh tiết")
    assert doc.metadata.recipients[-1] == "Lưu Ban xây dựng Đảng"
