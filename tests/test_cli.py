"""The command line explains itself and reports bad paths and data as messages, not tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import gba
from gba.__main__ import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's --help and --version
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_top_level_help_is_plain_text_and_lists_every_command(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert "``" not in out
    for command in ("validate", "datapackage", "figures"):
        assert command in out


@pytest.mark.parametrize(
    ("command", "words"),
    [("validate", ["file, row and column", "exit 1"]), ("datapackage", ["datapackage.json"])],
)
def test_each_command_has_a_description(capsys, command, words):
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0
    description = out.split("\n\n")[1]
    for word in words:
        assert word in " ".join(description.split())


def test_version(capsys):
    code, out, _ = _run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"gba {gba.__version__}"


@pytest.mark.parametrize("command", ["validate", "datapackage"])
def test_a_folder_without_data_is_one_message(capsys, tmp_path, command):
    for folder in (tmp_path / "nonexistent", tmp_path):
        code, _, err = _run(capsys, command, "--data-dir", str(folder))
        assert code == 1
        assert "Traceback" not in err
        assert err.count("\n") == 1
        assert str(folder) in err and "datapackage.json" in err


def test_datapackage_with_a_data_file_deleted_names_the_file(capsys, data_copy: Path):
    (data_copy / "events.csv").unlink()
    code, _, err = _run(capsys, "datapackage", "--data-dir", str(data_copy))
    assert code == 1
    assert "events.csv" in err and "Traceback" not in err


def test_the_installed_command_prints_no_traceback(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "gba", "validate", "--data-dir", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "no datapackage.json" in out.stderr
