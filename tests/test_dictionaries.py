"""Every loader's docstring data dictionary lists exactly the columns and dtypes it returns."""

from __future__ import annotations

import inspect

import pytest

import gba

LOADERS = sorted(name for name in gba.__all__ if name.startswith("load_"))


def dictionary(func) -> dict[str, str]:
    """Parse the RST table whose header is `column  dtype  meaning` in a docstring."""
    lines = inspect.getdoc(func).splitlines()
    starts = [i for i, line in enumerate(lines) if line.split()[:2] == ["column", "dtype"]]
    assert len(starts) == 1, f"{func.__name__}: expected one data dictionary table"
    rows: dict[str, str] = {}
    for line in lines[starts[0] + 2 :]:
        if set(line.strip()) <= {"=", " "}:
            break
        name, dtype = line.split()[:2]
        rows[name] = dtype
    return rows


def test_loaders_are_found():
    assert "load_cases" in LOADERS


@pytest.mark.parametrize("name", LOADERS)
def test_dictionary_matches_columns(name):
    func = getattr(gba, name)
    frame = func()
    documented = dictionary(func)
    actual = {c: str(t) for c, t in frame.dtypes.items()}
    assert documented == actual


def test_parser_sees_a_wrong_dictionary():
    def load_fake():
        """Fake.

        ======  =====  =======
        column  dtype  meaning
        ======  =====  =======
        a       Int64  a thing
        ======  =====  =======
        """

    assert dictionary(load_fake) == {"a": "Int64"}
