"""The schema-driven reader: types, constraints and keys."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from gba.datasets.datapackage import write_descriptor
from gba.datasets.tables import read_table
from gba.errors import DataError

SCHEMA = {
    "name": "toy",
    "path": "toy.csv",
    "schema": {
        "fields": [
            {
                "name": "id",
                "type": "string",
                "constraints": {"required": True, "pattern": "[a-z]+"},
            },
            {"name": "n", "type": "integer", "constraints": {"minimum": 0, "maximum": 10}},
            {"name": "x", "type": "number"},
            {"name": "ok", "type": "boolean"},
            {"name": "day", "type": "date"},
            {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
            {"name": "case_id", "type": "integer"},
        ],
        "primaryKey": "id",
        "foreignKeys": [
            {"fields": "case_id", "reference": {"resource": "cases", "fields": "case_id"}}
        ],
    },
}
GOOD = "id,n,x,ok,day,kind,case_id\nab,1,2.5,true,2023-04-06,a,3\ncd,,,false,,b,\n"


def toy(folder: Path, body: str) -> pd.DataFrame:
    (folder / "schemas" / "toy.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (folder / "toy.csv").write_text(body, encoding="utf-8")
    write_descriptor(folder)
    return read_table("toy", folder)


def test_types(data_copy):
    t = toy(data_copy, GOOD)
    assert [str(d) for d in t.dtypes] == [
        "string",
        "Int64",
        "float64",
        "boolean",
        "datetime64[ns]",
        "string",
        "Int64",
    ]
    assert t.loc[0, "x"] == 2.5 and t.loc[0, "day"] == pd.Timestamp("2023-04-06")
    assert t["n"].isna().tolist() == [False, True]
    assert t["ok"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("ab,1,", "ab,1.5,", "row 1, column 'n': not an integer"),
        ("ab,1,", "ab,11,", "at most 10"),
        ("2.5", "2,5", "fields"),
        ("2.5", "1e", "not a number"),
        ("true", "yes", "not a boolean"),
        ("2023-04-06", "06/04/2023", "YYYY-MM-DD"),
        (",a,3", ",c,3", "one of: a, b"),
        ("\nab,", "\nAB,", "pattern"),
        ("\ncd,", "\nab,", "duplicate primary key"),
        (",a,3", ",a,99", "cases.csv"),
        ("\ncd,", "\n,", "row 2, column 'id': empty value"),
    ],
)
def test_constraints(data_copy, old, new, fragment):
    with pytest.raises(DataError) as err:
        toy(data_copy, GOOD.replace(old, new, 1))
    assert fragment in str(err.value)
    assert "toy.csv" in str(err.value)


def test_unknown_resource_lists_known_ones():
    with pytest.raises(KeyError, match="cases"):
        read_table("nope")


def test_an_edit_is_seen_at_once_and_copies_are_independent(data_copy):
    # read_table caches on the file's bytes: an edit of the same size within one tick of the
    # file system's clock (same size, same mtime) must still be read
    first = toy(data_copy, GOOD)
    assert first.loc[0, "n"] == 1
    path = data_copy / "toy.csv"
    before = path.stat()
    path.write_text(GOOD.replace("ab,1,", "ab,7,", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert read_table("toy", data_copy).loc[0, "n"] == 7
    # a caller changing the frame it got changes no later read
    second = read_table("toy", data_copy)
    second.loc[0, "n"] = 0
    second["extra"] = 1
    third = read_table("toy", data_copy)
    assert third.loc[0, "n"] == 7
    assert "extra" not in third.columns


def test_an_edit_that_breaks_the_file_is_caught_after_a_good_read(data_copy):
    toy(data_copy, GOOD)
    (data_copy / "toy.csv").write_text(GOOD.replace("true", "yes", 1), encoding="utf-8")
    with pytest.raises(DataError, match="not a boolean"):
        read_table("toy", data_copy)
