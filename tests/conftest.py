"""Shared fixtures: a temporary copy of the data folder to break or extend."""

from __future__ import annotations

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
