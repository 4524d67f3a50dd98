"""Growth figures: the numbers they draw, their labels and their bound markers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gba.figures.growth import (
    QUALIFIER_MARKERS,
    before_after_table,
    fig_growth_before_after,
    fig_growth_reach,
    fig_growth_shares,
    fig_growth_timeline,
    human,
    reach_table,
    tick_label,
    timeline_table,
)
from gba.figures.registry import registry


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (9, "9", "9"),
        (1789, "1,789", "1789"),
        (41000, "41k", "4.1万"),
        (303700, "303.7k", "30.37万"),
        (3169600, "3.17M", "317万"),
        (3.7e8, "370M", "3.7亿"),
        (1.272e11, "127.2B", "1272亿"),
    ],
)
def test_human_numbers(value, en, zh):
    assert human(value, "en") == en
    assert human(value, "zh") == zh


def test_tick_labels():
    assert [tick_label(10.0**e, "en") for e in (0, 2, 3, 5, 6, 8, 9, 11)] == [
        "1",
        "100",
        "1k",
        "100k",
        "1M",
        "100M",
        "1B",
        "100B",
    ]
    assert [tick_label(10.0**e, "zh") for e in (3, 4, 7, 8, 11)] == [
        "1000",
        "1万",
        "1000万",
        "1亿",
        "1000亿",
    ]


def test_before_after_multiples_and_their_bounds():
    t = before_after_table().set_index("after_id")
    expected = {
        # after id: (after / before by hand, qualifier)
        "c14_processing_days_after": (9 / 45, "upper"),  # within 9 days: at most ×0.2
        "c07_first_year_daily_throughput": (1e7 / 365 / 200000, "lower"),  # more than 1000万
        "c14_new_foreign_enterprises": (1.099, "exact"),  # 188 / (188 / 1.099)
        "c04_insured_hkmo_residents": (1.9979, "exact"),  # 303700 / (303700 / 1.9979)
        "c08_designated_institutions": (19 / 5, "exact"),
        "c03_research_funds_transferred": (3.7e8 / 3169600, "lower"),  # 超过3.7亿元
    }
    assert set(t.index) == set(expected)
    for after_id, (value, qualifier) in expected.items():
        assert t.loc[after_id, "value"] == pytest.approx(value, rel=1e-12), after_id
        assert t.loc[after_id, "qualifier"] == qualifier, after_id
    assert t.loc["c14_processing_days_after", "low"] == 0  # 0 to 9 days after 45
    assert t.loc["c03_research_funds_transferred", "high"] == math.inf


def test_reach_table_keeps_levels_in_the_four_families():
    t = reach_table()
    assert set(t["measure"]) <= {"stock", "cumulative", "flow"}
    assert set(t["family"]) == {"people", "money", "organisations", "counts"}
    assert t.loc["c03_research_funds_transferred", "family"] == "money"
    assert t.loc["c04_insured_hkmo_residents", "family"] == "people"
    assert "c04_insured_growth_since_2019" not in t.index  # a rate, not a level
    assert "c07_design_daily_capacity" not in t.index  # a capacity


def test_reach_figure_draws_one_marker_per_indicator():
    fig = fig_growth_reach("en")
    t = reach_table()
    markers = sum(
        1
        for ax in fig.axes
        for line in ax.get_lines()
        if line.get_marker() in {m for m, _ in QUALIFIER_MARKERS.values()}
        and len(line.get_xdata()) == 1
    )
    assert markers == len(t)
    assert [ax.get_xscale() for ax in fig.axes] == ["log"] * 4


def test_timeline_periods_follow_the_date_convention():
    t = timeline_table()
    assert "period" not in set(t["kind"])  # reference periods are not points in time
    row = t.loc["c03_funding_rules_issued"]  # 2019年1月: the whole month, drawn at its end
    assert (row["start"], row["at"]) == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-01-31"))
    row = t.loc["c04_baseline_insured"]  # 2019年底: one day
    assert row["start"] == row["at"] == pd.Timestamp("2019-12-31")
    assert bool(t.loc["c07_port_opened", "milestone"]) is True
    assert bool(t.loc["c04_as_of_insured", "milestone"]) is False


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_labels_are_in_the_language(lang):
    fig = fig_growth_before_after(lang)
    text = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    if lang == "zh":
        assert "商事登记" in text and "Business" not in text
    else:
        assert "Business registration (14)" in text
    fig = fig_growth_shares(lang)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ("涉澳公证" in labels) == (lang == "zh")
    assert ("Macao-related notarisations" in labels) == (lang == "en")


def test_shares_figure_prints_each_share():
    fig = fig_growth_shares("en")
    texts = {t.get_text() for t in fig.axes[0].texts}
    for share in ("22.6%", "83.3%", "88.0%", "87.1%", "12.9%", "78.0%", "27.5%", "70.5%", "57.0%"):
        assert share in texts, share  # 169/748, 10/12, 249/283, 217/249, 32/249, 39/50, ...


def test_timeline_marks_the_release_date():
    fig = fig_growth_timeline("en")
    assert any(t.get_text() == "released 2023-04-06" for t in fig.axes[0].texts)


def test_growth_figures_are_registered_for_the_notebook():
    specs = registry()
    for name in ("growth_reach", "growth_timeline", "growth_before_after", "growth_shares"):
        assert specs[name].notebook == "notebooks/02_growth_indicators.ipynb"


def test_before_after_refuses_two_different_units(monkeypatch):
    # the per-day capacity of c07 is compared in its own per-day unit, so the unit check stays
    # on for every pair: a pair of days against person-times is refused
    import pytest

    import gba.figures.growth as growth_figures

    pair = (14, "c14_processing_days_before", "c04_insured_hkmo_residents", "x", "x")
    monkeypatch.setattr(growth_figures, "BEFORE_AFTER", [pair])
    with pytest.raises(ValueError, match="unit"):
        growth_figures.before_after_table()
