"""The curated indicators: values checked by hand, round trips, and checks that catch bad rows."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_row

import gba
from gba.datasets.indicators import (
    UNIT_KIND,
    check_indicators,
    indicator_problems,
    load_indicators,
)
from gba.datasets.spans import case_texts
from gba.datasets.tables import read_table
from gba.errors import DataError

REPO = Path(__file__).resolve().parents[1]
BATCH1 = "gd-gba-office-2023-batch1"


@pytest.fixture(scope="module")
def ind() -> pd.DataFrame:
    return gba.load_indicators()


@pytest.fixture(scope="module")
def texts() -> dict[int, str]:
    return case_texts()


# (indicator_id, span, value, value_high, unit, unit_zh, qualifier), worked out by hand from
# the Chinese: 万 = 10^4, 亿 = 10^8; 超/超过/余/多/以上 lower, 以内 upper, 近/约 approx.
HAND = [
    (
        "c04_insured_hkmo_residents",
        "30.37万人次",
        30.37 * 10**4,
        None,
        "person_time",
        "人次",
        "exact",
    ),
    ("c03_first_transfer_amount", "316.96万元", 3_169_600, None, "CNY", "元", "exact"),
    ("c03_research_funds_transferred", "超过3.7亿元", 370_000_000, None, "CNY", "元", "lower"),
    ("c12_price_discount", "5-10%", 5, 10, "percent", "%", "range"),
    ("c05_applications_filed", "超12万单", 120_000, None, "order", "单", "lower"),
    ("c05_transport_enterprises_served", "近3千家", 3_000, None, "enterprise", "家", "approx"),
    ("c05_vehicles_served", "10万余辆", 100_000, None, "vehicle", "辆", "lower"),
    ("c14_processing_days_after", "9天以内", 9, None, "day", "天", "upper"),
    ("c14_business_setup_days", "0.5天", 0.5, None, "day", "天", "exact"),
    ("c15_subscription_multiple", "3倍以上", 3, None, "multiple", "倍", "lower"),
    ("c11_investors", "4.1万位", 41_000, None, "person", "位", "exact"),
    ("c11_cross_boundary_funds", "22.2亿元", 2_220_000_000, None, "CNY", "元", "exact"),
    ("c12_sum_insured", "近400亿元", 40_000_000_000, None, "CNY", "元", "approx"),
    ("c13_qianhai_goods_value", "918.07亿元", 91_807_000_000, None, "CNY", "元", "exact"),
    ("c16_insured_residents", "近7.25万人", 72_500, None, "person", "人", "approx"),
    ("c16_benefit_person_times", "超12.52万人次", 125_200, None, "person_time", "人次", "lower"),
    ("c19_scia_amount_in_dispute", "1272亿元", 127_200_000_000, None, "CNY", "元", "exact"),
    ("c09_platform_visits", "7.4万余次", 74_000, None, "visit", "次", "lower"),
    ("c04_insured_growth_since_2019", "99.79%", 99.79, None, "percent", "%", "exact"),
    # 共46个批次: the counter is 个, what is counted (batches) is in the name
    ("c08_drug_batches", "46个", 46, None, "batch", "个", "exact"),
]


@pytest.mark.parametrize(("iid", "span", "value", "high", "unit", "unit_zh", "qual"), HAND)
def test_values_by_hand(ind, iid, span, value, high, unit, unit_zh, qual):
    row = ind.loc[iid]
    assert row["span"] == span
    assert row["value"] == pytest.approx(value, rel=1e-12)
    assert (pd.isna(row["value_high"]) and high is None) or row["value_high"] == high
    assert (row["unit"], row["unit_zh"], row["qualifier"]) == (unit, unit_zh, qual)


# (indicator_id, as_of, precision, basis, period) read off the text by hand
DATES = [
    ("c04_insured_hkmo_residents", "2022-12-31", "year_end", "stated", None),  # 截至2022年底
    ("c04_insured_growth_since_2019", "2022-12-31", "year_end", "stated", "2019-12-31/2022-12-31"),
    ("c02_gba_lawyers_certified", "2023-02", "month", "stated", None),  # 截至2023年2月
    ("c07_first_year_throughput", "2022-09-08", "day", "implied", "2021-09-08/2022-09-08"),
    ("c14_hkmo_enterprises_served", None, None, "period", "2022"),  # 2022年共为超40家
    ("c06_declared_users", None, None, "undated", None),  # 目前已有
    ("c16_benefit_person_times", "2023-01", "month", "carried", "2020/2023-01"),
    ("c10_hk_persons_recognised", "2022-12-31", "year_end", "carried", None),
    ("c09_foreign_law_cases", None, None, "undated", "2022-03-29/.."),
]


@pytest.mark.parametrize(("iid", "as_of", "precision", "basis", "period"), DATES)
def test_dates_by_hand(ind, iid, as_of, precision, basis, period):
    row = ind.loc[iid]
    for column, want in (("as_of", as_of), ("as_of_precision", precision), ("period", period)):
        assert (pd.isna(row[column]) and want is None) or row[column] == want, column
    assert row["as_of_basis"] == basis


def test_parts_by_hand(ind):
    part_of = ind["part_of"].dropna()
    assert part_of["c06_declared_users_hkmo"] == "c06_declared_users"  # 其中港澳169家 of 748家
    assert part_of["c09_cases_using_platform"] == "c09_foreign_law_cases"  # 其中有10件 of 12件
    assert part_of["c10_hk_persons_recognised"] == "c10_persons_recognised"  # 217人 of 249人
    # 对港互认217人 + 对澳互认32人 = 249人 exactly
    kids = part_of[part_of == "c10_persons_recognised"].index
    assert sorted(kids) == ["c10_hk_persons_recognised", "c10_macao_persons_recognised"]
    assert ind.loc[kids, "value"].sum() == 249 == ind.loc["c10_persons_recognised", "value"]
    # 2022: green 15亿 + blue 11亿 out of the 50亿 issue
    kids = part_of[part_of == "c15_bond_issue_2022"].index
    assert ind.loc[kids, "value"].sum() == 2_600_000_000


def test_every_span_is_the_text_at_its_offsets(ind, texts):
    # rows from later documents carry a phrase of a text the package does not ship
    for iid, row in ind[ind["source_id"] == BATCH1].iterrows():
        assert texts[row["case_id"]][row["start"] : row["end"]] == row["span"], iid


def test_counts_per_case(ind, texts):
    counts = ind.groupby("case_id").size()
    for case_id, text in texts.items():
        states_numbers = re.search(r"\d", text) is not None
        if states_numbers:
            assert counts.get(case_id, 0) > 0, case_id
    # case 1 states no number at all (only 首笔 and the list 一是 … 四是)
    assert re.search(r"\d", texts[1]) is None
    assert 1 not in counts.index
    assert len(ind) >= 100


def test_ids_and_keys(ind):
    cases = gba.load_cases()
    assert set(ind["case_id"]) <= set(cases.index)
    assert ind.index.is_unique
    assert set(ind["source_id"]) <= set(read_table("sources")["source_id"])
    # every row quoting the case text cites the collection; the rest are later observations
    later = ind[ind["source_id"] != BATCH1]
    assert later["start"].isna().all() and later["end"].isna().all()
    assert all(iid.startswith(f"c{c:02d}_") for iid, c in ind["case_id"].items())


def test_values_are_written_exactly():
    # no float artefacts or exponents in the file: 303700, not 3.037e5 or 303700.0
    with open(_data("indicators.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        for column in ("value", "value_high"):
            assert re.fullmatch(r"(\d+(\.\d*[1-9])?)?", row[column]), (row["indicator_id"], column)


def test_checks_pass_on_the_package_data():
    assert check_indicators(gba._paths.data_dir()) == []


def test_loader_round_trip(ind):
    frame = read_table("indicators")
    assert list(frame["indicator_id"]) == list(ind.index)
    # the loader adds only the derived kind
    assert frame.drop(columns="indicator_id").equals(
        ind.drop(columns="kind").reset_index(drop=True)
    )


def _data(name: str) -> Path:
    return gba._paths.data_dir() / name


def _edit(folder: Path, iid: str, **changes: str) -> None:
    edit_row(folder / "indicators.csv", iid, **changes)


def _messages(folder: Path) -> list[str]:
    return [str(p) for p in check_indicators(folder)]


def _add_later_observation(folder: Path, as_of: str, precision: str, first: bool = False) -> None:
    """Add a document and, from it, a later observation of c02's lawyers (derived.py's recipe)."""
    with open(folder / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "later-doc,,后来的文件,A later document,某单位,A unit,2024-01-10,"
            "https://example.org/later,,,Test.,official_release,\n"
        )
    # same case, name_en and unit as the curated row: that is what pairs two observations
    earlier = (
        read_table("indicators", folder).set_index("indicator_id").loc["c02_gba_lawyers_certified"]
    )
    row = (
        f'c02_gba_lawyers_later,2,later-doc,{earlier["name_zh"]},"{earlier["name_en"]}",300,,'
        f"person,名,exact,cumulative,,{as_of},{precision},stated,,,300名,,,\n"
    )
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1 if first else len(lines), row)
    path.write_text("".join(lines), encoding="utf-8")


def test_wrong_offsets_are_caught(data_copy):
    _edit(data_copy, "c02_gba_lawyers_certified", start="373", end="377")
    msgs = _messages(data_copy)
    assert any("'224名' is not the text at 373-377" in m and "occurs at 374-378" in m for m in msgs)


def test_wrong_value_is_caught(data_copy):
    _edit(data_copy, "c04_insured_hkmo_residents", value="30370")
    msgs = _messages(data_copy)
    assert any("gives value 303700.0, the row has 30370.0" in m for m in msgs), msgs


def test_wrong_qualifier_is_caught(data_copy):
    _edit(data_copy, "c05_vehicles_served", qualifier="exact")
    assert any("gives qualifier 'lower'" in m for m in _messages(data_copy))


def test_missing_indicator_is_caught(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "c19_scia_hk_law_cases" not in line))
    msgs = _messages(data_copy)
    assert any("finds '65宗'" in m and "case 19" in m for m in msgs), msgs


def test_part_larger_than_whole_is_caught():
    frame = read_table("indicators")
    frame.loc[frame["indicator_id"] == "c06_declared_users_hkmo", "value"] = 800.0
    msgs = [str(p) for p in indicator_problems(frame)]
    assert any("800 is larger than its whole c06_declared_users (748)" in m for m in msgs)


def test_parts_adding_up_to_more_than_the_whole_are_caught():
    frame = read_table("indicators")
    frame.loc[frame["indicator_id"] == "c10_macao_persons_recognised", "value"] = 40.0
    msgs = [str(p) for p in indicator_problems(frame)]
    assert any("add up to 257, more than 249" in m for m in msgs), msgs


def test_inconsistent_columns_are_caught():
    frame = read_table("indicators")
    row = frame["indicator_id"] == "c14_hkmo_enterprises_served"
    frame.loc[row, "as_of"] = "2022-12-31"
    frame.loc[row, "as_of_precision"] = "month"
    frame.loc[frame["indicator_id"] == "c12_price_discount", "direction"] = pd.NA
    frame.loc[frame["indicator_id"] == "c11_banks", "unit"] = "enterprise"
    frame.loc[frame["indicator_id"] == "c13_qianhai_goods_value", "unit"] = "person"
    frame.loc[frame["indicator_id"] == "c20_working_groups", "note"] = pd.NA
    msgs = [str(p) for p in indicator_problems(frame)]
    assert any("'2022-12-31' does not have precision month" in m for m in msgs)
    assert any("as_of '2022-12-31' with as_of_basis period" in m for m in msgs)
    assert any("direction <NA> with measure difference" in m for m in msgs)
    assert any("'person' for '元'" in m for m in msgs)
    assert any("an undated row must say why" in m for m in msgs)
    # 家 may be an enterprise or an institution: not a problem
    assert not any("'enterprise' for '家'" in m for m in msgs)


def test_unknown_case_is_caught(data_copy):
    _edit(data_copy, "c20_working_groups", case_id="99")
    with pytest.raises(DataError, match=r"indicators\.csv, row \d+, column 'case_id': 99"):
        gba.load_indicators(data_copy)


def test_unknown_part_of_is_caught(data_copy):
    _edit(data_copy, "c18_macao_notarisations", part_of="c18_nothing")
    with pytest.raises(DataError, match="c18_nothing is not a known indicator_id"):
        gba.load_indicators(data_copy)


def test_indicator_problems_reports_an_unknown_part_of():
    # the loader's foreign key catches it first; the public check on a frame reports it too
    # instead of failing with a KeyError
    frame = read_table("indicators")
    pos = int(frame.index[frame["indicator_id"] == "c18_macao_notarisations"][0]) + 1
    frame.loc[frame["indicator_id"] == "c18_macao_notarisations", "part_of"] = "c18_nothing"
    msgs = [str(p) for p in indicator_problems(frame)]
    expected = f"indicators.csv, row {pos}, column 'part_of': 'c18_nothing' is not a row"
    assert any(m.startswith(expected) for m in msgs), msgs


def test_unknown_unit_is_caught(data_copy):
    _edit(data_copy, "c08_drugs_approved", unit="drug")
    with pytest.raises(DataError, match="'drug' is not an allowed value"):
        gba.load_indicators(data_copy)


def test_unknown_written_unit_is_caught(data_copy):
    # unit_zh is free text in the schema; the domain check names the row and where the
    # known units are listed
    _edit(data_copy, "c08_drugs_approved", unit_zh="粒")
    ids = read_table("indicators", data_copy)["indicator_id"].tolist()
    row = ids.index("c08_drugs_approved") + 1
    msgs = _messages(data_copy)
    expected = (
        f"indicators.csv, row {row}, column 'unit_zh': unknown unit '粒' "
        "(expected a unit listed in gba.datasets.indicators.UNIT_ZH)"
    )
    assert expected in msgs, msgs


def test_an_impossible_as_of_is_reported_not_raised(data_copy):
    # a later observation dated on a day that does not exist: every check (the indicators'
    # own and the derived growth across observations) reports the row
    from gba.checks import validate
    from gba.datasets.datapackage import write_descriptor

    _add_later_observation(data_copy, "2023-02-30", "day")
    write_descriptor(data_copy)
    row = len(read_table("indicators", data_copy))  # the appended row is the last one
    msgs = [str(p) for p in validate(data_copy)]
    where = f"indicators.csv, row {row}, column 'as_of': "
    assert where + "'2023-02-30' is not a day of the calendar" in "\n".join(msgs), msgs
    assert any(m.startswith(where + "c02_gba_lawyers_later: not a date") for m in msgs), msgs


def test_as_of_against_the_extractor_is_checked(data_copy):
    # 截至2023年1月 governs the next sentences of its paragraph: carried, not undated
    _edit(data_copy, "c16_fund_payments", as_of="", as_of_precision="", as_of_basis="undated")
    # 目前 (currently) is no 截至 date: stated is wrong
    _edit(
        data_copy,
        "c06_declared_users",
        as_of="2023-04-06",
        as_of_precision="day",
        as_of_basis="stated",
    )
    msgs = _messages(data_copy)
    assert any("截至 2023-01 in an earlier sentence governs '1.18亿元'" in m for m in msgs), msgs
    assert any("no 截至 date precedes '748家' in its sentence" in m for m in msgs), msgs


def test_a_new_batch_is_checked_once_curated(data_copy):
    from test_extensible import add_batch2_case

    from gba.datasets.datapackage import write_descriptor
    from gba.datasets.events import check_events

    add_batch2_case(data_copy)  # case 21: "截至2024年3月，已有12家机构参与。"
    # not curated yet: nothing cites the new document, so nothing is required of it
    assert check_indicators(data_copy) == []
    assert check_events(data_copy) == []
    # the first row citing it: "12家" is characters 12-15 (截至2024年3月，已有 is 12 characters)
    with open(data_copy / "indicators.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "c21_institutions,21,test-batch2,参与机构,Institutions taking part,12,,institution,家,"
            "exact,cumulative,,2024-03,month,stated,,,12家,12,15,\n"
        )
    write_descriptor(data_copy)
    assert check_indicators(data_copy) == []
    # now the case is curated, its date must be an event too
    msgs = [str(p) for p in check_events(data_copy)]
    assert any("case 21: the extractor finds '2024年3月' at 2-9" in m for m in msgs), msgs


def test_span_problem_names_the_file_row_after_rows_from_other_documents(data_copy):
    # a later document's figure sits above a row with wrong offsets; the message must still
    # name the broken row's own line of indicators.csv, not its position among the checked rows
    _add_later_observation(data_copy, "2023-12", "month", first=True)
    _edit(data_copy, "c04_insured_hkmo_residents", start="1", end="8")
    ids = read_table("indicators", data_copy)["indicator_id"].tolist()
    assert ids[0] == "c02_gba_lawyers_later"
    row = ids.index("c04_insured_hkmo_residents") + 1
    broken = [m for m in _messages(data_copy) if "'30.37万人次' is not the text at 1-8" in m]
    assert len(broken) == 1, broken
    assert broken[0].startswith(f"indicators.csv, row {row}, column 'span': "), broken


def test_every_unit_has_a_kind_and_money_is_found_by_kind():
    schema = json.loads((REPO / "data" / "schemas" / "indicators.json").read_text(encoding="utf-8"))
    (unit_field,) = [f for f in schema["schema"]["fields"] if f["name"] == "unit"]
    assert set(unit_field["constraints"]["enum"]) <= set(UNIT_KIND)
    ind = load_indicators()
    # by hand: the controlled unit of money is CNY, and every written 元 is money
    assert set(ind.loc[ind["kind"] == "money", "unit"]) == {"CNY"}
    assert (ind.loc[ind["unit_zh"] == "元", "kind"] == "money").all()
    assert ind.loc["c03_research_funds_transferred", "kind"] == "money"
    assert ind.loc["c04_insured_hkmo_residents", "kind"] == "count"
    assert not ind["kind"].isna().any()
