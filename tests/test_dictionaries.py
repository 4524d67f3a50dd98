"""Every public function returning a table documents exactly its columns and dtypes, and a loader's
column meanings are the same words as its schema's field titles (data/schemas/*.json)."""

from __future__ import annotations

import inspect
import json
import re

import pytest

import gba
import gba._paths

LOADERS = sorted(name for name in gba.__all__ if name.startswith("load_"))
# every public function annotated to return a DataFrame, with the arguments that make one
TABLES = sorted(
    name
    for name in gba._EXPORTS
    if callable(obj := getattr(gba, name))
    and not inspect.isclass(obj)
    and inspect.signature(obj).return_annotation == "pd.DataFrame"
    and name != "read_table"  # any table by name: its columns are that table's schema
)
SAMPLE = "截至2023年2月，前海已有1,500家港资企业落户，2022年底累计超过3.7亿元。"
ARGS = {"extract_quantities": (SAMPLE,), "extract_dates": (SAMPLE,)}
# the table each loader reads (its schema gives the field titles)
SCHEMA_OF = {
    "load_cases": "cases",
    "load_codebook": "codebook",
    "load_codebook_values": "codebook_values",
    "load_events": "events",
    "load_features": "case_features",
    "load_indicators": "indicators",
    "load_quantity_exclusions": "quantity_exclusions",
    "load_translation": "translation",
    "load_glossary": "glossary",
    "load_recipes": "recipes",
}
SCHEMAS = gba._paths.repo_dir() / "data" / "schemas"  # type: ignore[operator]


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


def meanings(func) -> dict[str, str]:
    """The meaning column of the data dictionary, without RST markup."""
    lines = inspect.getdoc(func).splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.split()[:2] == ["column", "dtype"]]
    third = [m.start() for m in re.finditer(r"=+", lines[start + 1])][2]
    rows = {}
    for line in lines[start + 2 :]:
        if set(line.strip()) <= {"=", " "}:
            break
        rows[line.split()[0]] = line[third:].strip().replace("``", "")
    return rows


def test_loaders_and_tables_are_found():
    assert "load_cases" in LOADERS
    assert {"derived_indicators", "rule_matches", "extract_quantities", "extract_dates"} <= set(
        TABLES
    )
    assert set(LOADERS) <= set(TABLES) and set(SCHEMA_OF) == set(LOADERS)


@pytest.mark.parametrize("name", TABLES)
def test_dictionary_matches_columns(name):
    func = getattr(gba, name)
    frame = func(*ARGS.get(name, ()))
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


@pytest.mark.parametrize("name", LOADERS)
def test_loader_meanings_are_the_schema_titles(name):
    schema = json.loads((SCHEMAS / f"{SCHEMA_OF[name]}.json").read_text(encoding="utf-8"))
    titles = {f["name"]: f.get("title") for f in schema["schema"]["fields"]}
    documented = meanings(getattr(gba, name))
    shared = set(documented) & set(titles)
    assert shared, f"{name} documents none of the schema's fields"
    assert {c: documented[c] for c in shared} == {c: titles[c] for c in shared}
    index = getattr(gba, name)().index.name
    # every schema field the loader returns as a column is documented (the index is not a column)
    assert set(titles) - {index} - set(documented) == set()


def test_meanings_parser_reads_the_third_column():
    def load_fake():
        """Fake.

        ======  =====  ==================
        column  dtype  meaning
        ======  =====  ==================
        a       Int64  a thing (``x.csv``)
        ======  =====  ==================
        """

    assert meanings(load_fake) == {"a": "a thing (x.csv)"}
