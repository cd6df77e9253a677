"""Normalization and structure never crash and keep their invariants on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.document import Block, RawDocument
from models.enums import SourceFormat
from pipeline.normalize import normalize
from pipeline.structure import analyze

PIECES = st.sampled_from([
    "KẾ HOẠCH", "Số: 12/KH-UBND", "Số      -KH/BCĐ", "Tân Phong, ngày 04 tháng 12 năm 2024", "ĐẢNG UỶ XÃ TÂN PHONG",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "I. MỤC ĐÍCH", "1. Mục đích", "a) Nội dung", "- Nội dung", "+ Tuyên truyền",
    "Nơi nhận:", "- Lưu: VT.", "TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An", "(Dự thảo)", "*", "-----", "6",
    "Thứ năm - 12/12/2024 07:14", "Tác giả: Thanh", "**TM.", "Căn cứ Luật;", "và", "của", "\t", "   ", "", "PHỤ LỤC",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_never_crashes_and_spans_stay_in_text(text: str) -> None:
    doc = normalize(RawDocument("x.txt", SourceFormat.TXT, "x", blocks=[Block(text)]))
    assert len(doc.offset_map) == len(doc.text) + 1
    analyze(doc)
    n = len(doc.text)
    st_ = doc.structure
    for span in (st_.header, st_.number_line, st_.date_line, st_.title, st_.preamble, st_.body, st_.recipients, st_.signature):
        if span is not None:
            assert 0 <= span.start <= span.end <= n
    for s in st_.sections:
        assert 0 <= s.start < s.heading_end <= s.end <= n
    assert isinstance(doc.metadata.recipients, list)
