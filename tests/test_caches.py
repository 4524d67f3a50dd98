"""The caches that make validation fast are safe: keyed on content, bounded, never shared mutably.

Tables are parsed once per (file bytes, schema text), the schema text made once per descriptor's
bytes, and the extractor's scans and frames kept per text. Each test changes what a caller got and
checks that the next caller does not see it, or changes a byte and checks that the result changes.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from gba.datasets.datapackage import write_descriptor
from gba.datasets.tables import read_table
from gba.errors import DataError
from gba.extract import _scancache
from gba.extract.dates import extract_dates
from gba.extract.quantities import extract_quantities

TEXT = "截至2022年底，港澳居民参加广东社会保险共30.37万人次，较2019年底增长了99.79%。"


def _toy(folder, enum: list[str], body: str) -> None:
    schema = {
        "name": "toy",
        "path": "toy.csv",
        "schema": {
            "fields": [
                {"name": "id", "type": "string", "constraints": {"required": True}},
                {"name": "kind", "type": "string", "constraints": {"enum": enum}},
                {"name": "case_id", "type": "integer"},
            ],
            "primaryKey": "id",
            "foreignKeys": [
                {"fields": "case_id", "reference": {"resource": "cases", "fields": "case_id"}}
            ],
        },
    }
    (folder / "schemas" / "toy.json").write_text(json.dumps(schema), encoding="utf-8")
    (folder / "toy.csv").write_text(body, encoding="utf-8")
    write_descriptor(folder)


def test_a_schema_edit_is_seen_with_the_same_csv_bytes(data_copy):
    body = "id,kind,case_id\nab,b,3\n"
    _toy(data_copy, ["a", "b"], body)
    assert read_table("toy", data_copy).loc[0, "kind"] == "b"
    _toy(data_copy, ["a"], body)  # only the descriptor changes
    with pytest.raises(DataError, match="'b' is not an allowed value"):
        read_table("toy", data_copy)


def test_a_foreign_key_sees_an_edit_of_the_table_it_refers_to(data_copy):
    _toy(data_copy, ["a"], "id,kind,case_id\nab,a,20\n")
    assert int(read_table("toy", data_copy).loc[0, "case_id"]) == 20
    cases = (data_copy / "cases.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data_copy / "cases.csv").write_text("".join(cases[:-1]), encoding="utf-8")  # drop case 20
    with pytest.raises(DataError, match="20 is not a known case_id") as err:
        read_table("toy", data_copy)
    assert (err.value.file, err.value.row, err.value.column) == ("toy.csv", 1, "case_id")


def test_a_changed_string_cell_of_a_returned_table_changes_no_later_read(data_copy):
    first = read_table("cases", data_copy)
    title = first.loc[0, "title_en"]
    first.loc[0, "title_en"] = "changed"
    first["short_en"] = first["short_en"].str.upper()
    again = read_table("cases", data_copy)
    assert again.loc[0, "title_en"] == title
    assert again["short_en"].equals(read_table("cases").loc[:, "short_en"])
    assert again.loc[0, "short_en"] != again.loc[0, "short_en"].upper()


@pytest.mark.parametrize(
    "extract", [extract_quantities, extract_dates], ids=["quantities", "dates"]
)
def test_a_changed_frame_from_the_extractor_changes_no_later_call(extract):
    first = extract(TEXT)
    expected = first.copy()
    first.loc[0, "text"] = "changed"
    first.loc[0, "start"] = 999
    first["extra"] = 1
    pd.testing.assert_frame_equal(extract(TEXT), expected)


def test_the_extractor_reads_a_changed_text():
    assert extract_quantities(TEXT)["text"].tolist() == ["30.37万人次", "99.79%"]
    changed = TEXT.replace("30.37", "31.37")
    assert extract_quantities(changed)["value"].tolist()[0] == 313700
    assert extract_dates(changed.replace("2019年", "2018年"))["date"].tolist() == [
        "2022-12-31",
        "2018-12-31",
    ]


def test_scans_are_handed_out_as_new_lists():
    first = _scancache.scanned(TEXT)
    n_quantities, n_dates = len(first.quantities), len(first.dates)
    first.quantities.clear()
    first.dates.append(first.dates[0])
    again = _scancache.scanned(TEXT)
    assert (len(again.quantities), len(again.dates)) == (n_quantities, n_dates) == (2, 2)


def test_the_scan_cache_is_bounded_and_long_texts_are_not_kept():
    info = _scancache._frozen.cache_info()
    assert info.maxsize == _scancache.CACHED_SCANS
    long_text = "共3家。" * (_scancache.LONGEST_CACHED // 4 + 1)
    before = _scancache._frozen.cache_info().currsize
    found = _scancache.scanned(long_text)
    assert len(found.quantities) == len(long_text) // 4
    assert _scancache._frozen.cache_info().currsize == before


# --- tables computed from a data folder (gba.datasets.memo.on_data) ----------------------------


def test_a_derived_table_follows_every_edit_and_its_copies_are_the_callers(data_copy):
    from conftest import edit_row

    from gba.analysis.derived import derived_indicators

    first = derived_indicators(data_copy)
    row = first.loc["c04_insured_end2019"]
    first.loc["c04_insured_end2019", "value"] = -1.0  # the caller's own copy
    assert derived_indicators(data_copy).loc["c04_insured_end2019", "value"] == (row["value"])
    # an edit of an input: the measure is computed again from the new number
    edit_row(data_copy / "indicators.csv", "c04_insured_hkmo_residents", value="607400")
    again = derived_indicators(data_copy).loc["c04_insured_end2019", "value"]
    assert again != row["value"]


def test_a_remembered_function_counts_its_arguments_and_skips_unhashable_ones(data_copy):
    from gba.datasets.memo import on_data

    calls = []

    @on_data
    def table(data_dir=None, *, which="a", frame=None):
        calls.append(which)
        return pd.DataFrame({"which": [which]})

    table(data_copy), table(data_copy), table(data_copy, which="b")
    assert calls == ["a", "b"]
    table(data_copy, frame=pd.DataFrame())  # a DataFrame argument: computed every time
    table(data_copy, frame=pd.DataFrame())
    assert calls == ["a", "b", "a", "a"]
    (data_copy / "new.txt").write_text("x", encoding="utf-8")  # any new file is a new state
    table(data_copy)
    assert calls[-1] == "a" and len(calls) == 5
