"""The figure command checks its output folder before drawing and tidies an interrupted build."""

from __future__ import annotations

from pathlib import Path

from gba.__main__ import main
from gba.figures.output import prepare_out_dir


def test_an_output_path_that_is_a_file_is_refused_before_drawing(tmp_path, capsys):
    target = tmp_path / "figures.pdf"
    target.write_bytes(b"not a folder")
    assert main(["figures", "--only", "case_text_length", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert "is a file" in err and str(target) in err and "Traceback" not in err
    assert target.read_bytes() == b"not a folder"


def test_an_output_folder_that_cannot_be_written_is_refused_before_drawing(tmp_path, capsys):
    blocked = tmp_path / "blocked"
    blocked.write_bytes(b"")  # a file where the parent folder should be
    out = blocked / "figures"
    assert main(["figures", "--only", "case_text_length", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write there" in err and str(out) in err


def test_stale_temporaries_of_our_files_are_removed_and_nothing_else(tmp_path: Path):
    ours = [".case_evidence.en.pdf.a1b2.tmp", ".growth_reach.data.csv.x_9.tmp", ".README.md.q.tmp"]
    theirs = ["notes.tmp", ".cache.tmp", "case_evidence.en.pdf", ".case_evidence.en.pdf"]
    for name in ours + theirs:
        (tmp_path / name).write_bytes(b"x")
    removed = prepare_out_dir(tmp_path)
    assert sorted(p.name for p in removed) == sorted(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(theirs)
