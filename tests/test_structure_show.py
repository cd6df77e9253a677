"""``kehoach show FILE`` prints the metadata and the section outline."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "txt" / "004_5bf1107fe148eeb8.txt"


def test_show_prints_metadata_and_outline() -> None:
    result = CliRunner().invoke(app, ["show", str(SAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in ("doc_type", "KẾ HOẠCH", "doc_symbol", "KH/BCĐ", "issue_date", "2024-12-04", "Trương Thị Kim Xanh",
                     "PHÓ BÍ THƯ ĐẢNG ỦY kiêm TRƯỞNG BAN CHỈ ĐẠO", "Sections"):
        assert expected in out, expected
    lines = out.splitlines()
    assert "I MỤC ĐÍCH, YÊU CẦU" in lines
    assert "  I.1 Mục đích" in lines
    assert "    II.1.a Nội dung" in lines
