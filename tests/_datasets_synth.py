"""A small synthetic output folder (records built from real plan phrasings) for the dataset,
comparison and corpus tests, which must not depend on what the extractors find today.

Four plans: two districts of Tây Ninh, one commune, and one document whose locality is
unknown. Every record's ``text`` is ``texts.text[start:end]`` of its document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models import records as r
from pipeline.write import to_frame

PLANS = [
    # doc_id, path, issue_date, province_2025, district, commune, text
    ("d1", "a/kh1.txt", "2025-05-10", "Tây Ninh", "Tân Biên", None,
     "KẾ HOẠCH\nThực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị về lãnh đạo đại hội.\n"
     "Phấn đấu 100% chi bộ trực thuộc tổ chức hội nghị; huy động 12 căn nhà đại đoàn kết.\n"
     "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong chủ trì, phối hợp Hội Nông dân xã."),
    ("d2", "b/kh2.txt", "2025-06-02", "Tây Ninh", "Châu Thành", None,
     "KẾ HOẠCH\nCăn cứ Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị và Kết luận số 01-KL/TW "
     "về tiếp tục thực hiện Chỉ thị số 05-CT/TW.\nPhấn đấu 100% chi bộ trực thuộc tổ chức hội nghị.\n"
     "Ủy ban nhân dân huyện chủ trì thực hiện."),
    ("d3", "c/kh3.txt", "2025-04-20", "Tây Ninh", "Tân Biên", "Tân Phong",
     "KẾ HOẠCH\nThực hiện Kế hoạch số 14-KH/BCĐ ngày 19/11/2024 về dân vận.\nXây dựng 10 căn nhà đại đoàn kết cho hộ nghèo."),
    ("d4", "d/kh4.txt", "2025-07-01", "Tây Ninh", "Dương Minh Châu", None,
     "KẾ HOẠCH\nThực hiện Kết luận số 01-KL/TW của Bộ Chính trị.\nTổ chức 03 cuộc/tháng."),
    ("d5", "e/kh5.txt", None, None, None, None, "Văn bản không rõ nơi ban hành. Chỉ thị số 45-CT/TW."),
]


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def _rec(cls: type, doc_id: str, text: str, needle: str, **kw: Any) -> Any:
    s, e = _span(text, needle, kw.pop("nth", 0))
    return cls(doc_id=doc_id, text=text[s:e], start=s, end=e, page=None, **kw)


def tables() -> dict[str, list[Any]]:
    t: dict[str, list[Any]] = {k: [] for k in ("documents", "texts", "citations", "dates", "quotas",
                                               "locations", "bodies", "assignments")}
    texts = {p[0]: p[6] for p in PLANS}
    for doc_id, path, date, prov, dist, comm, text in PLANS:
        t["documents"].append(r.DocumentRow(
            doc_id=doc_id, source_path=path, source_format="txt", n_chars=len(text), doc_type="KẾ HOẠCH",
            issue_date=date, province_2025=prov, province=prov, district=dist, commune=comm,
            recipients=["Như trên", "Lưu VP"], pipeline_version="test"))
        t["texts"].append(r.TextRow(doc_id=doc_id, text=text, steps=["nfc"]))
    T = texts
    C = r.Citation
    t["citations"] += [
        _rec(C, "d1", T["d1"], "45-CT/TW", key="45-CT/TW", kind="Chỉ thị", date="2025-04-14", issuer="Bộ Chính trị",
             issuer_level="central", relation="implements", mentions=1),
        _rec(C, "d2", T["d2"], "45-CT/TW", key="45-CT/TW", kind="Chỉ thị", date="2025-04-14", issuer="Bộ Chính trị",
             issuer_level="central", relation="basis", mentions=2),
        _rec(C, "d2", T["d2"], "01-KL/TW", key="01-KL/TW", kind="Kết luận", issuer_level="central", relation="basis"),
        _rec(C, "d2", T["d2"], "05-CT/TW", key="05-CT/TW", kind="Chỉ thị", issuer_level="central", parent="01-KL/TW"),
        _rec(C, "d3", T["d3"], "14-KH/BCĐ", key="14-KH/BCĐ", kind="Kế hoạch", date="2024-11-19",
             issuer_level="district", relation="implements"),
        _rec(C, "d4", T["d4"], "01-KL/TW", key="01-KL/TW", kind="Kết luận", issuer="Bộ Chính trị",
             issuer_level="central", relation="implements"),
        _rec(C, "d5", T["d5"], "45-CT/TW", key="45-CT/TW", kind="Chỉ thị"),
    ]
    D = r.DateMention
    t["dates"] += [
        _rec(D, "d1", T["d1"], "14/4/2025", kind="date", value="2025-04-14", role="citation"),
        _rec(D, "d3", T["d3"], "19/11/2024", kind="date", value="2024-11-19", role="citation"),
    ]
    Q = r.Quota
    t["quotas"] += [
        _rec(Q, "d1", T["d1"], "100%", value=100.0, unit="%", qualifier="exact",
             subject="chi bộ trực thuộc tổ chức hội nghị"),
        _rec(Q, "d1", T["d1"], "12 căn", value=12.0, unit="căn", subject="nhà đại đoàn kết"),
        _rec(Q, "d2", T["d2"], "100%", value=100.0, unit="%", subject="các chi bộ trực thuộc tổ chức hội nghị"),
        _rec(Q, "d3", T["d3"], "10 căn", value=10.0, unit="căn", subject="nhà đại đoàn kết cho hộ nghèo"),
        _rec(Q, "d4", T["d4"], "03 cuộc/tháng", value=3.0, unit="cuộc", per="tháng", subject=None),
    ]
    t["locations"].append(_rec(r.Location, "d1", T["d1"], "xã Tân Phong", level="xã", name="Tân Phong"))
    B = r.Body
    t["bodies"] += [
        _rec(B, "d1", T["d1"], "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong", name="Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong",
             canonical="Ủy ban Mặt trận Tổ quốc", roles=["lead"], mentions=1),
        _rec(B, "d1", T["d1"], "Hội Nông dân xã", name="Hội Nông dân xã", canonical="Hội Nông dân", roles=["coordinate"]),
        _rec(B, "d2", T["d2"], "Ủy ban nhân dân huyện", name="Ủy ban nhân dân huyện", canonical="Ủy ban nhân dân",
             roles=["lead"], mentions=1),
        _rec(B, "d1", T["d1"], "Bộ Chính trị", name="Bộ Chính trị", canonical="Bộ Chính trị", roles=["cited_issuer"]),
    ]
    A = r.Assignment
    t["assignments"] += [
        _rec(A, "d1", T["d1"], "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong chủ trì, phối hợp Hội Nông dân xã.",
             body="Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong", canonical="Ủy ban Mặt trận Tổ quốc", role="lead"),
        _rec(A, "d1", T["d1"], "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Phong chủ trì, phối hợp Hội Nông dân xã.",
             body="Hội Nông dân xã", canonical="Hội Nông dân", role="coordinate"),
        _rec(A, "d2", T["d2"], "Ủy ban nhân dân huyện chủ trì thực hiện.", body="Ủy ban nhân dân huyện",
             canonical="Ủy ban nhân dân", role="lead"),
    ]
    return t


def write_out(out: Path) -> Path:
    """Write the synthetic tables as ``out/<table>.parquet`` (as the batch engine would)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, recs in tables().items():
        to_frame(name, recs).to_parquet(out / f"{name}.parquet", index=False)
    return out
