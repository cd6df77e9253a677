"""Locality of each plan: province, district, commune and province_2025 of the issuer's seat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.orchestrate import process_file
from tests._places_docs import extract_all

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))
FIELDS = ("province", "district", "commune", "province_2025")


@pytest.fixture(scope="module")
def sample_results() -> dict[str, object]:
    return {p.stem: process_file(p, keep_doc=True) for p in SAMPLES}


def test_samples_locality_fields_at_least_90_percent(sample_results: dict[str, object]) -> None:
    right = total = 0
    for stem, res in sample_results.items():
        gold = json.loads((ROOT / "data" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["metadata"]["locality"]
        md = res.doc.metadata  # type: ignore[attr-defined]
        for f in FIELDS:
            total += 1
            right += (getattr(md, f) or None) == gold[f]
    assert right / total >= 0.90


@pytest.mark.parametrize("stem", [p.stem for p in SAMPLES])
def test_samples_codes_and_evidence(sample_results: dict[str, object], stem: str) -> None:
    from extractors import gazetteer as gz

    md = sample_results[stem].doc.metadata  # type: ignore[attr-defined]
    g = gz.load()
    assert md.locality_evidence and 0 < (md.locality_confidence or 0) <= 1
    assert g.get("2025", "province", md.province_2025_code).name == md.province_2025
    if md.district_code:
        assert g.get("pre2025", "district", md.district_code).name == md.district
    if md.commune_code:
        unit = g.get("pre2025", "commune", md.commune_code) or g.get("2025", "commune", md.commune_code)
        assert unit is not None and unit.name == md.commune


def test_province_never_named_weak_signals(sample_results: dict[str, object]) -> None:
    # data/samples/txt/000: only "đặc khu Phú Quý", the Cambodian border, bon/buôn, Katê point to Lâm Đồng
    md = sample_results["000_afec9af292e5e823"].doc.metadata  # type: ignore[attr-defined]
    assert (md.province, md.district, md.commune, md.province_2025) == ("Lâm Đồng", None, None, "Lâm Đồng")
    assert "đặc khu Phú Quý" in (md.locality_evidence or "") and "border:Campuchia" in (md.locality_evidence or "")
    assert (md.locality_confidence or 1) < 0.9  # weaker than a named province


def test_special_zone_alone_gives_its_2025_province() -> None:
    # any "đặc khu X" -> its 2025 province (Côn Đảo -> Hồ Chí Minh, Phú Quốc -> An Giang)
    for zone, prov in [("Côn Đảo", "Hồ Chí Minh"), ("Phú Quốc", "An Giang"), ("Vân Đồn", "Quảng Ninh")]:
        doc, _ = extract_all(f"KẾ HOẠCH\nBan Tuyên giáo và Dân vận Tỉnh ủy ban hành kế hoạch.\nGửi Ban Tuyên giáo và Dân vận đặc khu {zone}.\n")
        assert doc.metadata.province_2025 == prov, zone


def test_border_and_ethnic_cues_intersect() -> None:
    # a Laos border + Vân Kiều people: only Quảng Trị / Quảng Bình (-> Quảng Trị) fit both
    text = ("KẾ HOẠCH\nBan Dân vận Tỉnh ủy ban hành kế hoạch vận động đồng bào Vân Kiều, Pa Kô "
            "ở khu vực biên giới Việt Nam - Lào năm 2024.\n")
    doc, _ = extract_all(text)
    assert doc.metadata.province_2025 == "Quảng Trị"


def test_commune_never_named_takes_the_cited_district(sample_results: dict[str, object]) -> None:
    # data/samples/txt/001: a commune party committee implementing a plan of Huyện ủy Vĩnh Linh
    md = sample_results["001_83576d4c190ef1ef"].doc.metadata  # type: ignore[attr-defined]
    assert (md.province, md.district, md.commune) == ("Quảng Trị", "Vĩnh Linh", None)


def test_after_the_merger_no_district() -> None:
    # corpus/real r027.docx header, 2026
    doc, _ = extract_all("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nLương Minh, ngày 12 tháng 01 năm 2026\nKẾ HOẠCH\n")
    md = doc.metadata
    assert (md.province, md.district, md.commune, md.province_2025) == ("Quảng Ninh", None, "Lương Minh", "Quảng Ninh")
    assert md.commune_code == "06985" and md.province_code == "22"


def test_before_the_merger_old_province_and_new_one() -> None:
    # data/samples/txt/002 header: Hậu Giang (pre-2025) merged into Cần Thơ
    doc, _ = extract_all("ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP\n*\nPhụng Hiệp, ngày 10 tháng 5 năm 2024\nKẾ HOẠCH\n")
    md = doc.metadata
    assert (md.province, md.district, md.commune, md.province_2025) == ("Hậu Giang", "Phụng Hiệp", None, "Cần Thơ")
    assert (md.province_code, md.province_2025_code) == ("93", "92")


def test_central_body_gets_no_locality() -> None:
    # corpus/real r012.pdf header (Văn phòng Chính phủ), dated in Hà Nội
    doc, _ = extract_all("VĂN PHÒNG CHÍNH PHỦ\nSố: 480/TB-VPCP\nHà Nội, ngày 13 tháng 9 năm 2025\nTHÔNG BÁO\nKết luận của Thủ tướng Chính phủ.\n")
    md = doc.metadata
    assert (md.province, md.district, md.commune, md.province_2025) == (None, None, None, None)
    assert "central" in (md.locality_evidence or "")


def test_province_level_issuer_has_no_district_or_commune() -> None:
    # data/samples/txt/003: "Tây Ninh, ngày 13 tháng 12 năm 2022" + Ban Thường vụ Tỉnh đoàn
    doc, _ = extract_all("Tây Ninh, ngày 13 tháng 12 năm 2022\n\nKẾ HOẠCH\n\nBan Thường vụ Tỉnh đoàn xây dựng kế hoạch phối hợp "
                         "trên địa bàn huyện Tân Biên.\n")
    md = doc.metadata
    assert (md.province, md.district, md.commune) == ("Tây Ninh", None, None)


def test_bloc_party_committee_is_provincial() -> None:
    # constructed on the header pattern of data/samples/txt/002: "ĐẢNG ỦY KHỐI ..." is a provincial organ
    doc, _ = extract_all("ĐẢNG BỘ TỈNH QUẢNG NAM\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nTam Kỳ, ngày 5 tháng 3 năm 2023\nKẾ HOẠCH\n"
                         "abc\nI. MỤC ĐÍCH\nPhối hợp với Huyện ủy Đại Lộc tổ chức.\n")
    md = doc.metadata
    assert (md.province, md.district, md.commune, md.province_2025) == ("Quảng Nam", None, None, "Đà Nẵng")
