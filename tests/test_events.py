"""The curated events: dates checked by hand, round trips, and checks that catch bad rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_row

import gba
from gba.datasets.events import MILESTONE_KINDS, check_events, event_problems
from gba.datasets.spans import case_texts
from gba.datasets.tables import read_table
from gba.errors import DataError


@pytest.fixture(scope="module")
def ev() -> pd.DataFrame:
    return gba.load_events()


# (event_id, span, date, precision, kind), read off the text by hand
HAND = [
    ("c03_funding_rules_issued", "2019年1月", "2019-01", "month", "rule_issued"),
    ("c03_first_transfer", "2019年7月30日", "2019-07-30", "day", "first"),
    ("c03_management_rules_issued", "2021年8月", "2021-08", "month", "rule_issued"),
    ("c03_as_of_funds", "2022年底", "2022-12-31", "year_end", "as_of"),
    ("c04_baseline_insured", "2019年底", "2019-12-31", "year_end", "baseline"),
    ("c07_port_opened", "2021年9月8日下午3时", "2021-09-08T15:00", "hour", "launch"),
    ("c08_second_batch_approved", "2023年2月22日", "2023-02-22", "day", "approval"),
    ("c09_platform_launched", "2022年3月29日", "2022-03-29", "day", "launch"),
    ("c10_as_of_recognition", "2022年末", "2022-12-31", "year_end", "as_of"),
    ("c12_illness_table_released", "2020年11月5日", "2020-11-05", "day", "rule_issued"),
    ("c12_first_product_filed", "2020年11月13日", "2020-11-13", "day", "approval"),
    ("c15_first_bond_issue", "2021年", "2021", "year", "issuance"),
    ("c16_as_of_medical_insurance", "2023年1月", "2023-01", "month", "as_of"),
    ("c16_benefits_since_2020", "2020年", "2020", "year", "period"),
]


@pytest.mark.parametrize(("eid", "span", "date", "precision", "kind"), HAND)
def test_dates_by_hand(ev, eid, span, date, precision, kind):
    row = ev.loc[eid]
    assert (row["span"], row["date"], row["precision"], row["kind"]) == (
        span,
        date,
        precision,
        kind,
    )
    assert row["date_basis"] == "stated"


def test_implied_anniversary(ev):
    # 口岸开通一周年: one year after the opening on 2021-09-08
    row = ev.loc["c07_first_anniversary"]
    assert (row["date"], row["precision"], row["date_basis"]) == ("2022-09-08", "day", "implied")
    assert ev.loc["c07_port_opened", "date"][:10].replace("2021", "2022") == row["date"]


def test_every_span_is_the_text_at_its_offsets(ev):
    texts = case_texts()
    for eid, row in ev.iterrows():
        assert texts[row["case_id"]][row["start"] : row["end"]] == row["span"], eid


def test_stated_spans_hold_their_year(ev):
    stated = ev[ev["date_basis"] == "stated"]
    for eid, row in stated.iterrows():
        assert row["span"].startswith(row["date"][:4] + "年"), eid


def test_as_of_dates_match_the_indicators(ev):
    # every stated or carried as_of of an indicator is an as_of event of its case
    ind = gba.load_indicators()
    # (rows of the case collection: later documents' dates are not events of the case text)
    own = ind["source_id"] == "gd-gba-office-2023-batch1"
    dated = ind[ind["as_of_basis"].isin(["stated", "carried"]) & own]
    marks = ev[ev["kind"] == "as_of"]
    as_of = set(zip(marks["case_id"], marks["date"], strict=True))
    for iid, row in dated.iterrows():
        assert (row["case_id"], row["as_of"]) in as_of, iid


def test_milestones_and_keys(ev):
    cases = gba.load_cases()
    assert set(ev["case_id"]) <= set(cases.index)
    assert ev.index.is_unique
    milestones = ev[ev["kind"].isin(MILESTONE_KINDS)]
    # launches: the Qingmao port (2021-09-08) and the extraterritorial-law platform (2022-03-29)
    assert sorted(milestones.loc[milestones["kind"] == "launch", "case_id"]) == [7, 9]
    assert len(milestones) >= 15


def test_checks_pass_on_the_package_data():
    assert check_events(gba._paths.data_dir()) == []


def test_loader_round_trip(ev):
    frame = read_table("events")
    assert list(frame["event_id"]) == list(ev.index)
    assert frame.drop(columns="event_id").equals(ev.reset_index(drop=True))


def _edit(folder: Path, eid: str, **changes: str) -> None:
    edit_row(folder / "events.csv", eid, **changes)


def test_wrong_date_is_caught(data_copy):
    _edit(data_copy, "c09_platform_launched", date="2022-03-28")
    msgs = [str(p) for p in check_events(data_copy)]
    assert any("as date '2022-03-29', the row has '2022-03-28'" in m for m in msgs), msgs


def test_wrong_offsets_are_caught(data_copy):
    _edit(data_copy, "c08_second_batch_approved", start="0", end="10")
    msgs = [str(p) for p in check_events(data_copy)]
    assert any("'2023年2月22日' is not the text at 0-10" in m for m in msgs), msgs


def test_missing_event_is_caught(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "c12_illness_table_released" not in line))
    msgs = [str(p) for p in check_events(data_copy)]
    assert any("finds '2020年11月5日'" in m for m in msgs), msgs


def test_inconsistent_columns_are_caught():
    frame = read_table("events")
    frame.loc[frame["event_id"] == "c03_first_transfer", "precision"] = "month"
    frame.loc[frame["event_id"] == "c07_first_anniversary", "note"] = pd.NA
    msgs = [str(p) for p in event_problems(frame)]
    assert any("'2019-07-30' does not have precision month" in m for m in msgs)
    assert any("an implied date without a note" in m for m in msgs)


def test_a_day_not_in_the_calendar_is_caught():
    frame = read_table("events")
    pos = int(frame.index[frame["event_id"] == "c03_first_transfer"][0]) + 1
    frame.loc[frame["event_id"] == "c03_first_transfer", "date"] = "2019-02-30"
    msgs = [str(p) for p in event_problems(frame)]
    assert f"events.csv, row {pos}, column 'date': '2019-02-30' is not a day of the calendar" in (
        "\n".join(msgs)
    ), msgs


def test_unknown_kind_is_caught(data_copy):
    _edit(data_copy, "c15_first_blue_bonds", kind="bonds")
    with pytest.raises(DataError, match="'bonds' is not an allowed value"):
        gba.load_events(data_copy)
