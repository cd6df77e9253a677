"""Resolution of mentions into citations, the registry lookups, and the code tables' reachability."""

from __future__ import annotations

import pytest

from extractors import _citation_data as cd
from extractors import _citation_patterns as P
from extractors.citations import Registry, extract, resolve
from models.context import Context
from models.document import Document
from models.enums import SourceFormat
from models.records import Citation, CitationMention, Directive


def _doc(text: str) -> Document:
    return Document(doc_id="t", source_path="snippet.txt", source_format=SourceFormat.TXT, text=text)


def cites(text: str, registry: Registry | None = None) -> list[Citation]:
    ctx = Context(registry=registry)
    ms = [m for m in extract(_doc(text), ctx=ctx) if isinstance(m, CitationMention)]
    return resolve(ms, ctx=ctx)


# sample 002 (data/samples/txt/002_f8b78b0b5564f0e5.txt), shortened
SAMPLE_002 = (
    "Căn cứ Đề án số 08-ĐA/TU ngày 16/10/2023 của Ban Chấp hành Đảng bộ tỉnh về “Nâng cao chất lượng công tác "
    "tuyên truyền”;\nCác cấp ủy tổ chức học tập, quán triệt và thực hiện nghiêm túc Đề án số 08-ĐA/TU và kế hoạch này.\n"
    "Chú trọng sơ kết việc triển khai thực hiện Đề án số 08-ĐA/TU và các văn bản liên quan.\n"
)


def test_one_row_per_document_with_mention_count() -> None:
    (c,) = cites(SAMPLE_002)
    assert (c.key, c.mentions, c.date, c.date_source) == ("08-ĐA/TU", 3, "2023-10-16", "text")
    assert c.issuer == "Ban Chấp hành Đảng bộ tỉnh"
    assert c.relation == "basis"  # strongest over basis, implements
    assert c.subject == "Nâng cao chất lượng công tác tuyên truyền"
    assert SAMPLE_002[c.start : c.end] == c.text == "Đề án số 08-ĐA/TU ngày 16/10/2023"


def test_date_and_issuer_from_any_mention() -> None:
    text = "Triển khai Nghị quyết số 43-NQ/TW.\nTheo Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng."
    (c,) = cites(text)
    assert (c.mentions, c.date, c.issuer) == (2, "2023-11-24", "Ban Chấp hành Trung ương Đảng")
    assert c.relation == "basis"  # "Triển khai" opens the clause; no structure: the whole text is the front


def test_same_key_different_years_stay_apart() -> None:
    text = ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương về sắp xếp bộ máy;\n"
            "Nghị quyết số 18-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về đất đai;\n"
            "tổng kết Nghị quyết số 18-NQ/TW;\n")
    cs = cites(text)
    assert [(c.key, c.date, c.mentions) for c in cs] == [("18-NQ/TW", "2017-10-25", 1), ("18-NQ/TW", "2022-06-16", 2)]


def test_short_forms_count_as_mentions() -> None:
    text = "Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị. Quán triệt Chỉ thị 45 đến chi bộ."
    (c,) = cites(text)
    assert c.mentions == 2


def _registry() -> Registry:
    return Registry.from_rows([
        Directive(key="18-NQ/TW", year=2017, kind="Nghị quyết", date="2017-10-25", issuer="Ban Chấp hành Trung ương"),
        Directive(key="18-NQ/TW", year=2022, kind="Nghị quyết", date="2022-06-16", issuer="Ban Chấp hành Trung ương"),
        Directive(key="45-CT/TW", year=2025, kind="Chỉ thị", date="2025-04-14", issuer="Bộ Chính trị"),
    ])


def test_registry_fills_missing_date_and_issuer() -> None:
    (c,) = cites("Quán triệt Chỉ thị số 45-CT/TW đến toàn thể đảng viên.", _registry())
    assert (c.date, c.date_source, c.issuer) == ("2025-04-14", "registry", "Bộ Chính trị")


def test_registry_does_not_guess_between_two_documents_of_one_key() -> None:
    (c,) = cites("tổng kết Nghị quyết 18-NQ/TW thời gian qua.", _registry())
    assert c.date is None and c.date_source is None


def test_registry_flags_a_probable_typo() -> None:
    (c,) = cites("Chỉ thị số 45-CT/TW ngày 14/5/2025 của Bộ Chính trị", _registry())
    assert c.date == "2025-05-14" and c.date_source == "text"
    assert c.warnings == ["date_conflicts_registry:2025-04-14"]


def test_registry_csv_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    reg = _registry()
    path = tmp_path / "directives.csv"
    reg.save(path)
    back = Registry.load(path)
    assert back.entries == reg.entries
    hit = back.lookup("18-NQ/TW", 2022)
    assert hit is not None and hit.date == "2022-06-16"
    assert back.lookup("18-NQ/TW") is None  # ambiguous without a year


def test_registry_load_rejects_a_row_without_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("key,year,date\n,2020,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no key"):
        Registry.load(path)


# ---------------------------------------------------------------------------- code tables


@pytest.mark.parametrize("row", cd.genres(), ids=lambda g: f"{g.kind}:{g.code}")
def test_every_genre_row_is_reachable(row: cd.Genre) -> None:
    if row.code:
        g = cd.genre_of_code(row.code.upper())
        assert g is not None and g.code == row.code  # the code is found, case-insensitively
        assert cd.canonical_code(row.code.upper()) == row.code
    if row.word:
        m = P.genre_in_window().search(f"thực hiện {row.kind} số 12/KH-UBND")
        assert m is not None and cd.genre_of_word(m.group("genre")) is not None
        # as a genre word it introduces a citation and gives its kind
        (c,) = [x for x in extract(_doc(f"Thực hiện {row.kind} số 12/XY-UBND của Ủy ban nhân dân tỉnh"), ctx=Context())
                if isinstance(x, CitationMention)]
        assert c.kind == row.kind


@pytest.mark.parametrize("row", cd.issuers(), ids=lambda r: r.code)
def test_every_issuer_row_is_reachable(row: cd.Issuer) -> None:
    hit = cd.issuer_of_code(row.code.upper())
    assert hit is not None and hit.code == row.code
    if row.expands_to:
        assert dict(cd.abbreviations())[row.code] == row.expands_to


def test_code_table_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    cd.issuers.cache_clear()
    monkeypatch.setattr(cd, "load_csv", lambda name: ({"code": "XX", "system": "nonsense", "level": "", "body": "B"},))
    try:
        with pytest.raises(cd.CodeTableError, match="issuers.csv row 1"):
            cd.issuers()
    finally:
        monkeypatch.undo()
        cd.issuers.cache_clear()


def test_registry_load_of_a_missing_file_says_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="kehoach registry build"):
        Registry.load(tmp_path / "nope.csv")
