"""Which files a folder walk takes (``kehoach extract FOLDER``)."""

from pathlib import Path

from pipeline.orchestrate import iter_inputs


def test_folder_walk_takes_documents_and_images_not_scripts_or_results(tmp_path: Path) -> None:
    for name in ["a.txt", "b.DOCX", "c.pdf", "d.doc", "e.rtf", "scan.JPG", "notes.odt",
                 "build.py", "gold.json", "README.md", "table.csv", ".hidden.txt", "sub/f.txt", ".git/g.txt"]:
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"x")
    names = sorted(p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path]))
    assert names == ["a.txt", "b.DOCX", "c.pdf", "d.doc", "e.rtf", "notes.odt", "scan.JPG", "sub/f.txt"]


def test_a_file_named_explicitly_is_always_taken_once(tmp_path: Path) -> None:
    f = tmp_path / "gold.json"
    f.write_text("{}")
    assert iter_inputs([f, f]) == [f]


def test_the_sample_archive_holds_only_documents() -> None:
    root = Path(__file__).resolve().parent.parent / "data" / "samples"
    files = iter_inputs([root])
    assert files and all(p.suffix.lower() in {".txt", ".docx", ".pdf"} for p in files)
