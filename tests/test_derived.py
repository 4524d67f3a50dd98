"""gba.derived_indicators: every measure against arithmetic done by hand, bounds included."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_dictionaries import dictionary

import gba
from gba.analysis.derived import _evaluate, derived_indicators, observation_pairs
from gba.checks import validate
from gba.datasets.datapackage import write_descriptor
from gba.datasets.indicators import load_indicators
from gba.errors import DataError

INF = math.inf


@pytest.fixture(scope="module")
def d() -> pd.DataFrame:
    return derived_indicators()


def check(d, derived_id, value, qualifier, low=None, high=None, unit=None):
    row = d.loc[derived_id]
    assert row["value"] == pytest.approx(value, rel=1e-12), derived_id
    assert row["qualifier"] == qualifier, derived_id
    if qualifier in ("exact", "approx") and low is None:
        low = high = value
    if qualifier == "lower" and high is None:
        low, high = value, INF
    assert row["low"] == pytest.approx(low, rel=1e-12), derived_id
    assert row["high"] == pytest.approx(high, rel=1e-12), derived_id
    if unit is not None:
        assert row["unit"] == unit, derived_id


# -- case 4: 30.37万人次 at the end of 2022, +99.79 % on the end of 2019 ------------------


def test_case4_implied_end2019(d):
    check(d, "c04_insured_end2019", 303700 / 1.9979, "exact", unit="person_time")
    assert round(d.loc["c04_insured_end2019", "value"]) == 152010


def test_case4_cagr(d):
    # end-2019 to end-2022 is exactly 3 years under the convention
    check(d, "c04_insured_cagr_2019_2022", (1.9979 ** (1 / 3) - 1) * 100, "exact")
    assert d.loc["c04_insured_cagr_2019_2022", "unit"] == "percent_per_year"
    assert "3 years from 2019-12-31 to 2022-12-31" in d.loc["c04_insured_cagr_2019_2022", "note"]


# -- case 14: from an average 45 days to within 9; 188 enterprises, +9.9 % -------------------


def test_case14_reduction_is_a_lower_bound(d):
    # after is in [0, 9] days, so the saving is in [36, 45] days: at least 36
    check(d, "c14_processing_days_saved", 36, "lower", low=36, high=45, unit="day")
    # and the cut is in [80 %, 100 %]: at least 80 %, the figure the case states
    check(d, "c14_processing_time_cut", 80, "lower", low=80, high=100, unit="percent")


def test_case14_implied_2021_count(d):
    check(d, "c14_new_foreign_enterprises_2021", 188 / 1.099, "exact", unit="enterprise")
    assert d.loc["c14_new_foreign_enterprises_2021", "value"] == pytest.approx(171.0646, abs=1e-4)


# -- case 3: 316.96万元 on 2019-07-30, more than 3.7亿元 by the end of 2022 ---------------------


def test_case3_multiple_is_a_lower_bound(d):
    check(d, "c03_funds_multiple_of_first", 370000000 / 3169600, "lower", unit="multiple")
    assert round(d.loc["c03_funds_multiple_of_first", "value"], 1) == 116.7


def test_case3_average_per_year_is_a_lower_bound(d):
    # 2019-07-30 is day 211 of 2019; the end of 2022 is 2023.0 → 3 + 154/365 years
    years = 3 + (365 - 211) / 365
    check(d, "c03_funds_per_year", 370000000 / years, "lower", unit="CNY_per_year")
    assert d.loc["c03_funds_per_year", "inputs"] == (
        "c03_research_funds_transferred; c03_first_transfer; c03_as_of_funds"
    )


# -- case 7: more than 1000万人次 in the first year, design capacity 20万人次 a day -----------


def test_case7_daily_throughput_and_utilisation_are_lower_bounds(d):
    # 2021-09-08 to 2022-09-08: 365 days (no 29 February in between)
    check(d, "c07_first_year_daily_throughput", 10_000_000 / 365, "lower")
    assert d.loc["c07_first_year_daily_throughput", "value"] == pytest.approx(27397.26, abs=0.01)
    check(d, "c07_first_year_utilisation", 10_000_000 / 365 / 200_000 * 100, "lower")
    assert round(d.loc["c07_first_year_utilisation", "value"], 2) == 13.70


# -- case 15: 50亿元 a year; green 39亿 (2021), green 15亿 and blue 11亿 (2022) ------------------


@pytest.mark.parametrize(
    ("derived_id", "expected"),
    [
        ("c15_green_share_2021", 78.0),  # 39 / 50
        ("c15_green_share_2022", 30.0),  # 15 / 50
        ("c15_blue_share_2022", 22.0),  # 11 / 50
        ("c15_green_blue_share_2022", 52.0),  # (15 + 11) / 50
    ],
)
def test_case15_shares(d, derived_id, expected):
    check(d, derived_id, expected, "exact", unit="percent")


# -- case 8: 19 institutions in all, 14 of them in the second batch --------------------------


def test_case8_before_second_batch(d):
    check(d, "c08_institutions_before_second_batch", 5, "exact", unit="institution")


# -- shares ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("derived_id", "part", "whole"),
    [
        ("c06_hkmo_share_of_declared_users", 169, 748),
        ("c10_recognition_rate", 249, 283),
        ("c10_hk_share_of_recognitions", 217, 249),
        ("c10_macao_share_of_recognitions", 32, 249),
        ("c18_macao_share_of_notarisations", 3389, 12313),
        ("c19_qianhai_court_hk_law_share", 117, 166),
        ("c19_scia_hk_law_share", 65, 114),
        ("c09_platform_use_share", 10, 12),
    ],
)
def test_shares(d, derived_id, part, whole):
    check(d, derived_id, part / whole * 100, "exact", unit="percent")


def test_hong_kong_and_macao_split_adds_up(d):
    total = d.loc["c10_hk_share_of_recognitions", "value"]
    total += d.loc["c10_macao_share_of_recognitions", "value"]
    assert total == pytest.approx(100)  # 217 + 32 = 249


# -- per-unit ratios ---------------------------------------------------------------------------


def test_case11_funds_per_investor(d):
    check(d, "c11_funds_per_investor", 2_220_000_000 / 41_000, "exact", unit="CNY_per_person")
    assert round(d.loc["c11_funds_per_investor", "value"]) == 54146


def test_case12_cover_per_person_time_stays_approximate(d):
    # 近400亿元 is "nearly": at or just below 400亿, not below 300亿 (one unit of the 4);
    # the ratio is approximate too, between 300亿 and 400亿 over 115,700 person-times
    value = 40_000_000_000 / 115_700
    check(d, "c12_sum_insured_per_person_time", value, "approx", 30_000_000_000 / 115_700, value)
    assert d.loc["c12_sum_insured_per_person_time", "unit"] == "CNY_per_person_time"


def test_case16_payment_per_benefit_is_an_upper_bound(d):
    # 1.18亿元 over more than 12.52万人次: at most 942.49 yuan a time
    value = 118_000_000 / 125_200
    check(d, "c16_fund_payment_per_benefit", value, "upper", low=0, high=value)
    assert round(value, 2) == 942.49


# -- the table as a whole ------------------------------------------------------------------------


def test_every_measure_of_the_issue_is_there(d):
    cases = set(d["case_id"].astype(int))
    assert {3, 4, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19} <= cases
    assert d.index.is_unique
    # 25 curated measures; the rest compare later observations (see the growth tests below)
    assert (~d.index.str.contains("_since_")).sum() == 25


def test_formulas_evaluate_to_the_values(d):
    for derived_id, row in d.iterrows():
        assert _evaluate(row["formula"]) == pytest.approx(row["value"], rel=1e-9), derived_id


def test_inputs_are_real_rows(d):
    from gba.datasets.events import load_events

    ids = set(load_indicators().index) | set(load_events().index)
    for derived_id, inputs in d["inputs"].items():
        used = inputs.split("; ")
        assert used and set(used) <= ids, derived_id


def test_dictionary_matches_columns(d):
    # the docstring's RST table `column  dtype  meaning` lists exactly the columns
    documented = dictionary(derived_indicators)
    assert documented == {c: str(t) for c, t in d.dtypes.items()}
    assert d.index.name == "derived_id"


def test_lazy_export():
    # gba offers the guarded loader (gba.loaders): the same function behind a validate check
    assert gba.derived_indicators.__wrapped__ is derived_indicators


def test_evaluate_refuses_anything_but_arithmetic():
    assert _evaluate("(1 + 2) * 3 ** 2 / 4 - 1e2") == (1 + 2) * 3**2 / 4 - 1e2
    with pytest.raises(ValueError, match="other than numbers"):
        _evaluate("__import__('os')")


# -- broken inputs ---------------------------------------------------------------------------


def _edit_indicator(folder, indicator_id, column, value):
    path = folder / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["indicator_id"] == indicator_id, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")
    write_descriptor(folder)


def test_a_part_larger_than_its_whole_is_reported(data_copy):
    # Macao notarisations 3389 → 13389, more than all 12313 notarisations
    _edit_indicator(data_copy, "c18_macao_notarisations", "value", "13389")
    with pytest.raises(DataError, match=r"c18_macao_share_of_notarisations.*larger than the whole"):
        derived_indicators(data_copy)


def test_a_missing_input_is_reported(data_copy):
    _edit_indicator(data_copy, "c11_investors", "indicator_id", "c11_investor_count")
    with pytest.raises(
        DataError, match="'c11_funds_per_investor': 'c11_investors' is neither an indicator_id"
    ):
        derived_indicators(data_copy)
    assert any("c11_investors" in str(p) for p in validate(data_copy))


# -- growth across documents ---------------------------------------------------------------------

LATER_SOURCE = (
    "test-later-lawyers,,测试：大湾区律师执业情况通报,Test: later notice on GBA lawyers,"
    "测试单位,Test publisher,2025-01-15,https://example.org/later,,,Synthetic test row.,"
    "official_release,\n"
)


def _add_later_lawyers(folder, value="300", as_of="2024-12", precision="month"):
    """A second (synthetic) document reporting GBA lawyers at a later date.

    The real later observations are taken out first, so that the arithmetic below
    concerns one pair of rows only.
    """
    with open(folder / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(LATER_SOURCE)
    path = folder / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame[frame["source_id"] == "gd-gba-office-2023-batch1"]
    row = frame[frame["indicator_id"] == "c02_gba_lawyers_certified"].iloc[0].copy()
    row["indicator_id"] = "c02_gba_lawyers_certified_2024"
    row["source_id"] = "test-later-lawyers"
    row["value"] = value
    row["as_of"] = as_of
    row["as_of_precision"] = precision
    row["span"] = f"{value}名"
    row["start"] = row["end"] = ""
    row["note"] = "synthetic later observation for a test"
    frame = pd.concat([frame, row.to_frame().T], ignore_index=True)
    frame.to_csv(path, index=False, lineterminator="\n")
    write_descriptor(folder)


def test_a_later_document_gives_growth_across_sources(data_copy):
    _add_later_lawyers(data_copy)
    assert validate(data_copy) == []
    ind = load_indicators(data_copy)
    assert observation_pairs(ind) == [
        ("c02_gba_lawyers_certified", "c02_gba_lawyers_certified_2024")
    ]
    d = derived_indicators(data_copy)
    stem = "c02_gba_lawyers_certified_2024_{}_since_c02_gba_lawyers_certified"
    # 224 at the end of February 2023, 300 at the end of December 2024
    check(d, stem.format("change"), 76, "exact", unit="person")
    check(d, stem.format("percent_change"), (300 / 224 - 1) * 100, "exact", unit="percent")
    # end Feb 2023 = 2023 + 59/365; end 2024 = 2025.0
    years = 2025 - (2023 + 59 / 365)
    cagr = ((300 / 224) ** (1 / years) - 1) * 100
    # "as of February 2023" and "as of December 2024" may each be any day of their month:
    # 2023-02-28 to 2024-12-01 at the least, 2023-02-01 to 2024-12-31 at the most
    least = (2024 + 336 / 366) - (2023 + 59 / 365)
    most = 2025 - (2023 + 32 / 365)
    low, high = (((300 / 224) ** (1 / y) - 1) * 100 for y in (most, least))
    check(d, stem.format("cagr"), cagr, "range", low, high, unit="percent_per_year")
    assert cagr == pytest.approx(17.22, abs=0.01)  # ln(1.3393) / 1.8384 = 0.1589
    # doubling time: years * ln 2 / ln(300 / 224), over the same least and most years
    doubling = years * math.log(2) / math.log(300 / 224)
    check(
        d,
        stem.format("doubling_time"),
        doubling,
        "range",
        least * math.log(2) / math.log(300 / 224),
        most * math.log(2) / math.log(300 / 224),
        unit="year",
    )
    row = d.loc[stem.format("cagr")]
    assert row["inputs"] == "c02_gba_lawyers_certified; c02_gba_lawyers_certified_2024"
    assert "gd-gba-office-2023-batch1" in row["note"] and "test-later-lawyers" in row["note"]
    # the curated measures are unchanged; the pair gives four measures
    assert len(d) == 25 + 4


def test_a_lower_bound_later_observation_gives_lower_growth(data_copy):
    _add_later_lawyers(data_copy, value="300")
    _edit_indicator(data_copy, "c02_gba_lawyers_certified_2024", "qualifier", "lower")
    d = derived_indicators(data_copy)
    stem = "c02_gba_lawyers_certified_2024_{}_since_c02_gba_lawyers_certified"
    for kind in ("change", "percent_change"):
        assert d.loc[stem.format(kind), "qualifier"] == "lower", kind
        assert d.loc[stem.format(kind), "high"] == INF
    # the CAGR's low end comes from the longest time the month-precision dates allow
    assert d.loc[stem.format("cagr"), "high"] == INF
    assert d.loc[stem.format("cagr"), "low"] < d.loc[stem.format("cagr"), "value"]
    # a doubling time can be no longer than at the lowest growth, and as short as you like
    assert d.loc[stem.format("doubling_time"), "low"] == 0


def test_two_observations_on_one_date_are_reported(data_copy):
    _add_later_lawyers(data_copy, as_of="2023-02")
    with pytest.raises(DataError, match="share the as-of date 2023-02-28"):
        derived_indicators(data_copy)


def test_uses_finds_the_measures_an_indicator_feeds():
    every = derived_indicators()
    # by hand: the rows whose inputs list names c04_insured_hkmo_residents
    expected = [
        i
        for i, inputs in every["inputs"].items()
        if "c04_insured_hkmo_residents" in inputs.split("; ")
    ]
    assert expected
    assert list(gba.derived_indicators(uses="c04_insured_hkmo_residents").index) == expected
    both = gba.derived_indicators(uses=["c04_insured_hkmo_residents", "c16_benefit_person_times"])
    assert set(expected) < set(both.index)
    with pytest.raises(ValueError, match="c99_none"):
        gba.derived_indicators(uses="c99_none")


# -- recipes as data --------------------------------------------------------------------------

BEFORE = "tests/data/derived_values_before_recipe_table.csv"


def test_the_recipe_table_gives_the_values_of_the_hand_written_recipes(d):
    # saved from gba.derived_indicators() of main before the recipes became data/derived.csv
    from pathlib import Path

    before = pd.read_csv(Path(__file__).parent / "data" / Path(BEFORE).name, index_col=0)
    assert list(d.index[: len(before)]) == list(before.index)
    got = d.loc[before.index]
    for col in ("case_id", "kind", "unit", "unit_zh", "qualifier", "formula", "inputs"):
        assert got[col].astype(str).tolist() == before[col].astype(str).tolist(), col
    assert got["value"].tolist() == before["value"].tolist()
    # bounds: unchanged except where an input says 近 (nearly), decided after the table was saved
    nearly = ["c12_sum_insured_per_person_time"]
    same = before.index.difference(nearly)
    assert got.loc[same, "low"].tolist() == before.loc[same, "low"].tolist()
    assert got.loc[same, "high"].tolist() == before.loc[same, "high"].tolist()
    assert before.loc[nearly[0], "low"] == before.loc[nearly[0], "value"]
    assert got.loc[nearly[0], "low"] == pytest.approx(3e10 / 115_700, rel=1e-12)


def test_a_recipe_is_a_row_of_the_table(data_copy):
    with open(data_copy / "derived.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "c10_hk_share_of_evaluated,10,share,c10_hk_persons_recognised; c10_persons_evaluated,"
            "Engineers recognised with Hong Kong as a share of those evaluated,"
            "对港互认人数占评价人数的比例,HK recognitions of evaluated,对港互认占评价,\n"
        )
    write_descriptor(data_copy)
    assert validate(data_copy) == []
    d = derived_indicators(data_copy)
    check(d, "c10_hk_share_of_evaluated", 217 / 283 * 100, "exact", unit="percent")
    assert d.loc["c10_hk_share_of_evaluated", "formula"] == "217 / 283 * 100"
    assert d.loc["c10_hk_share_of_evaluated", "label_zh"] == "对港互认占评价"


@pytest.mark.parametrize(
    ("kind", "inputs", "message"),
    [
        ("share", "c10_persons_recognised; c03_first_transfer_amount", "in one unit"),
        ("cagr", "c04_insured_growth_since_2019; c04_baseline_insured", "reads"),
        ("baseline", "c04_insured_hkmo_residents; c04_insured_hkmo_residents", "rate in percent"),
        ("per_year", "c03_research_funds_transferred; c03_first_transfer; c99_none", "c99_none"),
        ("growth_of_hope", "c10_persons_recognised; c10_persons_evaluated", "unknown kind"),
    ],
)
def test_a_recipe_whose_inputs_do_not_fit_its_kind_is_reported(data_copy, kind, inputs, message):
    with open(data_copy / "derived.csv", "a", encoding="utf-8") as fh:
        fh.write(f"c10_bad,10,{kind},{inputs},Bad,坏,Bad,坏,\n")
    write_descriptor(data_copy)
    problems = [p for p in validate(data_copy) if p.file == "derived.csv"]
    if kind == "growth_of_hope":  # the schema's enum refuses it first
        assert problems and "growth_of_hope" in str(problems[0])
        return
    assert problems and message in str(problems[0]) and problems[0].row == 26
    with pytest.raises(DataError, match="c10_bad"):
        derived_indicators(data_copy)


# -- 近 (nearly) and 约 (about) --------------------------------------------------------------------


def test_nearly_is_at_or_just_below_the_figure():
    from gba.analysis.bounded import Bounded

    row = {"value": 72500.0, "qualifier": "approx", "unit": "person", "span": "近7.25万人"}
    q = Bounded.from_row(row)
    assert (q.low, q.value, q.high) == (72400.0, 72500.0, 72500.0)
    q = Bounded.from_row({**row, "value": 3000.0, "span": "近3千家"})
    assert (q.low, q.high) == (2000.0, 3000.0)
    # 约 (about) is symmetric: half a unit of the last significant digit either side
    q = Bounded.from_row({**row, "value": 30.0, "unit": "percent", "span": "约30%"})
    assert (q.low, q.value, q.high) == (25.0, 30.0, 35.0)
    # no span: no interval known, as before
    q = Bounded.from_row({k: v for k, v in row.items() if k != "span"})
    assert q.low == q.high == 72500.0


# -- trajectories ----------------------------------------------------------------------------------


def test_trajectories_by_hand():
    t = gba.trajectories()
    row = t[
        (t["from_id"] == "c11_investors_2021_10_22") & (t["to_id"] == "c11_investors_2022_09_10")
    ]
    row = row.iloc[0]
    # 5,092 on 2021-10-22 to 35,600 on 2022-09-10: both days, exact
    years = (2022 + 253 / 365) - (2021 + 295 / 365)
    assert row["years"] == pytest.approx(years, rel=1e-12)
    assert row["cagr"] == pytest.approx(((35600 / 5092) ** (1 / years) - 1) * 100, rel=1e-12)
    assert row["cagr_low"] == row["cagr_high"] == row["cagr"]
    assert row["doubling_years"] == pytest.approx(years * math.log(2) / math.log(35600 / 5092))
    assert row["change"] == 35600 - 5092
    assert (row["source_type_from"], row["source_type_to"]) == ("official_media", "official_media")


def test_a_running_total_does_not_fall():
    t = gba.trajectories()
    cumulative = t[t["measure"] == "cumulative"]
    assert (cumulative["change_low"] >= 0).all() and (cumulative["cagr_low"] >= 0).all()
    # >60,000 on 2023-09-30 then 62,900 on 2023-10-31: at most 2,900 more, at least none
    row = cumulative[cumulative["to_id"] == "c11_investors_2023_10_31"].iloc[0]
    assert (row["change_low"], row["change"], row["change_high"]) == (0.0, 2900.0, 2900.0)


def test_trajectories_dictionary_matches_columns():
    from gba.analysis.trajectories import trajectories

    documented = dictionary(trajectories)
    assert documented == {c: str(t) for c, t in gba.trajectories().dtypes.items()}
