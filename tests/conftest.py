"""Shared fixtures: a temporary copy of the data folder to break or extend."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from gba._paths import data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the package's data folder."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return target


def edit_row(path: Path, key: str, **changes: str) -> None:
    """Change some cells of the row whose first column is ``key`` in a CSV file."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    id_column = next(iter(rows[0]))
    matched = [row for row in rows if row[id_column] == key]
    assert len(matched) == 1, f"{key!r} is not one row of {path.name}"
    matched[0].update(changes)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
