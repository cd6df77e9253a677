"""The gazetteer (vietnamadminunits data, both systems) and the place data files."""

from __future__ import annotations

import pytest

from extractors import gazetteer as gz
from extractors import locations
from extractors.gazetteer import POST2025, PRE2025


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.load()


def test_both_systems_loaded(g: gz.Gazetteer) -> None:
    assert len(g.provinces(PRE2025)) == 63
    assert len(g.provinces(POST2025)) == 34
    assert sum(1 for u in g.units if u.tier == "district") > 690
    assert sum(1 for u in g.units if u.tier == "commune" and u.as_of == POST2025) == 3321


def test_every_old_province_maps_to_a_new_one(g: gz.Gazetteer) -> None:
    for p in g.provinces(PRE2025):
        new = g.new_province_of(p.code)
        assert new is not None and new.as_of == POST2025, p
        assert p.province_2025 == new.name


@pytest.mark.parametrize(
    ("old", "new"),
    [("Hậu Giang", "Cần Thơ"), ("Long An", "Tây Ninh"), ("Quảng Bình", "Quảng Trị"), ("Bình Thuận", "Lâm Đồng"),
     ("Đắk Nông", "Lâm Đồng"), ("Tây Ninh", "Tây Ninh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh")],
)
def test_province_merger(g: gz.Gazetteer, old: str, new: str) -> None:
    (p,) = g.lookup(old, tier="province", as_of=PRE2025)
    assert p.province_2025 == new


def test_i_y_and_tone_placement_variants(g: gz.Gazetteer) -> None:
    # the dataset writes "Huyện Phú Quí" (pre-2025) and "Đặc khu Phú Quý" (2025)
    assert [u.code for u in g.lookup("Phú Quý", tier="district")] == ["602"]
    assert [u.code for u in g.lookup("Phú Quí", types=("đặc khu",))] == ["23272"]
    assert g.lookup("Khánh Hoà", tier="province", as_of=POST2025)[0].name == "Khánh Hòa"
    # a different tone is a different name
    assert g.lookup("Tấn Phong", tier="commune") == []


def test_bare_tan_phong_is_ambiguous_nationally_but_not_in_its_province(g: gz.Gazetteer) -> None:
    national = g.lookup("Tân Phong", tier="commune", as_of=PRE2025)
    assert len(national) >= 10
    assert len({u.province_code for u in national}) >= 10
    (tn,) = g.lookup("Tân Phong", tier="commune", as_of=PRE2025, province_code="72")
    assert (tn.code, tn.district, tn.province) == ("25507", "Tân Biên", "Tây Ninh")


def test_divided_commune_has_several_successors(g: gz.Gazetteer) -> None:
    (tn,) = g.lookup("Tân Phong", tier="commune", as_of=PRE2025, province_code="72")
    succ, divided = g.successors(tn)
    assert divided is True
    assert len(succ) >= 2 and all(u.as_of == POST2025 and u.province == "Tây Ninh" for u in succ)


def test_undivided_commune_has_one_successor(g: gz.Gazetteer) -> None:
    old = [u for u in g.units if u.as_of == PRE2025 and u.tier == "commune"]
    one = [u for u in old[:400] if g.successors(u)[0] and not g.successors(u)[1]]
    assert one, "some communes were merged whole"
    succ, divided = g.successors(one[0])
    assert len(succ) == 1 and not divided


def test_fold_preserves_length() -> None:
    for s in ["Phú Quý", "ĐẢNG UỶ XÃ TÂN PHONG", "Thừa Thiên Huế", "Ủy ban nhân dân"]:
        assert len(gz.fold(s)) == len(s)
    assert gz.fold("Phú Quý") == gz.fold("Phú Quí") == "phu qui"


def test_package_version_is_recorded() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "README.md").read_text(encoding="utf-8")
    assert gz.package_version() in readme


def test_countries_file_loads_and_every_name_is_found() -> None:
    rows = locations.countries()
    assert {"VN", "KH", "LA", "CN"} <= {r["iso2"] for r in rows}
    for r in rows:
        for name in r["names"]:
            if r["iso2"] == "VN":
                text = f"biên giới {name} - Campuchia."
            else:
                text = f"hợp tác với {name}."
            found = [p for p in locations._find_bare_only(text) if p.country]
            assert [p.country["iso2"] for p in found][:1] == [r["iso2"]], (name, found)


def test_border_provinces_are_real_province_codes(g: gz.Gazetteer) -> None:
    codes = {p.code for p in g.provinces(PRE2025)}
    for r in locations.countries():
        assert set(r["border"]) <= codes, r["name"]


def test_locality_cues_load_and_every_cue_is_found() -> None:
    g = gz.load()
    codes = {p.code for p in g.provinces(PRE2025)}
    for c in locations.locality_cues():
        assert set(c["provinces"]) <= codes, c
        votes, evidence, _ = locations._province_votes([], PRE2025, f"Đồng bào {c['cue']} tham gia.")
        assert any(c["cue"] in " ".join(ev) for ev in evidence.values()), c["cue"]
