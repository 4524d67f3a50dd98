"""Later observations (figures from other documents) and the checks on every series."""

from __future__ import annotations

import pandas as pd
import pytest

import gba
from gba.analysis.derived import observation_pairs
from gba.analysis.observations import MAX_SPAN, later_rows, series, series_problems
from gba.checks import validate
from gba.datasets.datapackage import write_descriptor
from gba.datasets.indicators import load_indicators
from gba.datasets.tables import read_table

BATCH1 = "gd-gba-office-2023-batch1"
SOURCE_TYPES = {
    "official_release",
    "official_statistics",
    "official_media",
    "media_quoting_official",
    "other",
}


@pytest.fixture(scope="module")
def ind() -> pd.DataFrame:
    return load_indicators()


@pytest.fixture(scope="module")
def later(ind) -> pd.DataFrame:
    return ind[ind["source_id"] != BATCH1]


def test_every_later_row_names_its_document(later):
    sources = read_table("sources").set_index("source_id")
    assert len(later) >= 15
    for iid, row in later.iterrows():
        src = sources.loc[row["source_id"]]
        assert src["url"].startswith(("http://", "https://")), iid
        assert src["publisher_en"] and src["publisher_zh"], iid
        assert src["source_type"] in SOURCE_TYPES, iid
        assert pd.isna(src["path"]) and pd.isna(src["batch"]), iid
        # the series span 2019-2025 (issue 11): a document may predate the case collection
        assert pd.Timestamp(src["date_published"]).year >= 2019, iid


def test_every_later_phrase_is_short_and_states_the_value(later):
    for iid, row in later.iterrows():
        assert len(row["span"]) <= MAX_SPAN, iid
        assert float(gba.parse_quantity(row["span"]).value) == row["value"], iid
        assert pd.isna(row["start"]) and pd.isna(row["end"]), iid


def test_later_rows_mask_agrees_with_the_source_column(ind, later):
    assert list(ind.index[later_rows(ind)]) == list(later.index)


def test_the_series_span_the_years_after_the_case_collection(ind):
    # issue 11: six programmes (cases) with three or more dated observations, 2019-2025
    long = [s for s in series(ind) if len(s) >= 3]
    programmes = {int(s["case_id"].iloc[0]) for s in long}
    assert len(programmes) >= 6
    assert {2, 4, 6, 7, 11, 12} <= programmes
    assert max(s["when"].max() for s in long).year >= 2025
    assert min(s["when"].min() for s in long).year <= 2021


def test_lawyers_series_in_order(ind):
    (lawyers,) = [s for s in series(ind) if s["case_id"].iloc[0] == 2]
    assert lawyers.index[0] == "c02_gba_lawyers_certified"
    assert list(lawyers["qualifier"]) == ["exact", "exact", "exact", "lower", "lower"]
    assert lawyers["when"].is_monotonic_increasing


def test_the_data_has_no_series_problem(ind):
    assert series_problems(ind) == []


# -- the checks catch what they are for ----------------------------------------------------------

DOC = (
    "test-doc,,测试通报,Test notice,测试单位,Test publisher,2026-01-15,{url},,,"
    "Synthetic test row.,official_release,\n"
)


def _add(folder, iid, base, *, value, span, as_of, precision="day", qualifier="exact",
         note="", url="https://example.org/notice", offsets=("", ""), name_en=None):  # fmt: skip
    """Append a document and a later observation continuing the indicator ``base``."""
    sources = (folder / "sources.csv").read_text(encoding="utf-8")
    if "test-doc," not in sources:
        with open(folder / "sources.csv", "a", encoding="utf-8") as fh:
            fh.write(DOC.format(url=url))
    frame = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    row = frame[frame["indicator_id"] == base].iloc[0].copy()
    row["indicator_id"], row["source_id"] = iid, "test-doc"
    row["value"], row["span"], row["qualifier"] = value, span, qualifier
    row["as_of"], row["as_of_precision"], row["as_of_basis"] = as_of, precision, "stated"
    row["start"], row["end"] = offsets
    row["note"] = note
    if name_en is not None:
        row["name_en"] = name_en
    frame = pd.concat([frame, row.to_frame().T], ignore_index=True)
    frame.to_csv(folder / "indicators.csv", index=False, lineterminator="\n")
    write_descriptor(folder)
    return len(frame)  # the row number of the new row


def _msgs(folder) -> list[str]:
    return [str(p) for p in validate(folder)]


def test_a_falling_cumulative_total_is_flagged_then_recorded(data_copy):
    # 372 lawyers in November 2023, then "300" in December 2024: a running total cannot fall
    row = _add(data_copy, "c02_gba_lawyers_test", "c02_gba_lawyers_certified",
               value="300", span="300名", as_of="2024-12-31")  # fmt: skip
    msgs = _msgs(data_copy)
    hit = [m for m in msgs if "falls from 372" in m]
    assert len(hit) == 1, msgs
    assert hit[0].startswith(f"indicators.csv, row {row}, column 'value': "), hit
    assert "c02_gba_lawyers_certified_2023_11_23" in hit[0] and "c02_gba_lawyers_test" in hit[0]
    # recorded: the row stays in the data but leaves its series, and validate is clean
    frame = pd.read_csv(data_copy / "indicators.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["indicator_id"] == "c02_gba_lawyers_test", "note"] = (
        "set aside (a draft figure the publisher corrected)"
    )
    frame.to_csv(data_copy / "indicators.csv", index=False, lineterminator="\n")
    write_descriptor(data_copy)
    assert _msgs(data_copy) == []
    ind = load_indicators(data_copy)
    assert "c02_gba_lawyers_test" in ind.index
    assert all("c02_gba_lawyers_test" not in pair for pair in observation_pairs(ind))


def test_two_documents_disagreeing_on_one_date_are_flagged(data_copy):
    row = _add(data_copy, "c11_investors_test", "c11_investors",
               value="70000", span="7万人", as_of="2023-10-31")  # fmt: skip
    hit = [m for m in _msgs(data_copy) if "disagree on 2023-10-31" in m]
    assert len(hit) == 1, hit
    assert hit[0].startswith(f"indicators.csv, row {row}, column 'value': ")
    assert "62900 against 70000" in hit[0]


def test_bounds_that_overlap_on_one_date_agree(ind):
    # "more than 60,000" and 62,900 on the same day describe one number
    frame = ind.copy()
    frame.loc["c11_investors_2023_09_30", "as_of"] = "2023-10-31"
    assert series_problems(frame) == []
    frame.loc["c11_investors_2023_09_30", "qualifier"] = "exact"
    assert len(series_problems(frame)) == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (dict(span="至今超过630名港澳法律执业者通过考试并取得执业证，随着执业经验门槛降低，越来越多年轻律师加入"),
         "at most 40 characters"),
        (dict(span="630名"), "gives exact, the row has lower"),
        (dict(span="超过640名"), "gives 640, the row has 630"),
        (dict(span="超过630人次"), "the phrase's unit '人次' is not the row's '名'"),
        (dict(url=""), "test-doc has no URL"),
        (dict(offsets=("0", "6")), "offsets on a row from test-doc"),
        (dict(as_of="2026-02-01"), "after its document's date 2026-01-15"),
        (dict(name_en="Lawyers of a new kind"), "names no quantity of case 2's collection"),
    ],
)  # fmt: skip
def test_a_later_row_must_state_its_figure(data_copy, change, expected):
    args = dict(value="630", span="超过630名", as_of="2025-12-31", qualifier="lower")
    args.update(change)
    row = _add(data_copy, "c02_gba_lawyers_test", "c02_gba_lawyers_certified", **args)
    msgs = [m for m in _msgs(data_copy) if "c02_gba_lawyers_test" in m and expected in m]
    assert len(msgs) == 1, _msgs(data_copy)
    assert msgs[0].startswith(f"indicators.csv, row {row}, column "), msgs


def test_a_new_measure_says_so(data_copy):
    note = "new measure (a count the case does not state)"
    _add(data_copy, "c02_gba_lawyers_test", "c02_gba_lawyers_certified", value="630",
         span="超过630名", as_of="2025-12-31", qualifier="lower",
         name_en="Lawyers of a new kind", note=note)  # fmt: skip
    assert _msgs(data_copy) == []


def test_a_qualifier_outside_the_phrase_needs_a_note(data_copy):
    # 分别突破1223万、2833万: the shortest phrase of the second figure is 2833万 (exact)
    _add(data_copy, "c02_gba_lawyers_test", "c02_gba_lawyers_certified", value="630",
         span="630", as_of="2025-12-31", qualifier="lower", note="")  # fmt: skip
    assert any("gives exact, the row has lower" in m for m in _msgs(data_copy))
