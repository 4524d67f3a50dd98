"""Growth figures: the numbers they draw, their labels and their bound markers."""

from __future__ import annotations

import pandas as pd
import pytest

from gba.figures.growth import (
    QUALIFIER_MARKERS,
    before_after_table,
    fig_growth_before_after,
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
        "c14_new_foreign_enterprises": (1.099, "exact"),  # 188 / (188 / 1.099)
        "c04_insured_hkmo_residents": (1.9979, "exact"),  # 303700 / (303700 / 1.9979)
        "c08_designated_institutions": (19 / 5, "exact"),
    }
    # capacity against use (Qingmao Port) and a running total against its first transfer
    # (research funds) are not before/after growth of one quantity: not drawn
    assert set(t.index) == set(expected)
    for after_id, (value, qualifier) in expected.items():
        assert t.loc[after_id, "value"] == pytest.approx(value, rel=1e-12), after_id
        assert t.loc[after_id, "qualifier"] == qualifier, after_id
    assert t.loc["c14_processing_days_after", "low"] == 0  # 0 to 9 days after 45


def test_reach_table_keeps_levels_and_their_dates():
    t = reach_table()
    assert set(t["measure"]) <= {"stock", "cumulative", "flow"}
    assert t.loc["c03_research_funds_transferred", "as_of_group"] == "2022"  # 2022年底
    assert t.loc["c02_gba_lawyers_certified", "as_of_group"] == "2023"  # 2023年2月
    assert t.loc["c09_courts_in_database", "as_of_group"] == "undated"
    assert "c04_insured_growth_since_2019" not in t.index  # a rate, not a level
    assert "c07_design_daily_capacity" not in t.index  # a capacity


def test_reach_figure_draws_one_marker_per_indicator(drawn_figures):
    fig = drawn_figures("en")["growth_reach"]  # fig_growth_reach, drawn once (tests/conftest.py)
    t = reach_table()
    markers = sum(
        1
        for ax in fig.axes
        for line in ax.get_lines()
        if line.get_marker() in {m for m, _ in QUALIFIER_MARKERS.values()}
        and len(line.get_xdata()) == 1
    )
    assert markers == len(t)
    # one panel per unit: persons and person-times apart, no panel pools two units
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert len(titles) == t["unit"].nunique() == len(set(titles))
    assert "People" in titles and "Person-times" in titles
    assert all(ax.get_xscale() == "log" for ax in fig.axes)


def test_timeline_periods_follow_the_date_convention():
    t = timeline_table()
    assert "period" not in set(t["kind"])  # reference periods are not points in time
    row = t.loc["c03_funding_rules_issued"]  # 2019年1月: the whole month, drawn at its end
    assert (row["start"], row["at"]) == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-01-31"))
    assert row["drawn_at"] == pd.Timestamp("2019-01-16")  # a month is drawn in its middle
    row = t.loc["c04_baseline_insured"]  # 2019年底: one day
    assert row["start"] == row["at"] == row["drawn_at"] == pd.Timestamp("2019-12-31")
    assert bool(t.loc["c07_port_opened", "milestone"]) is True
    assert bool(t.loc["c04_as_of_insured", "milestone"]) is False


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_labels_are_in_the_language(lang, drawn_figures):
    fig = drawn_figures(lang)["growth_before_after"]
    text = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    if lang == "zh":
        assert "商事登记" in text and "Business" not in text
    else:
        assert "Business registration (14)" in text
    fig = drawn_figures(lang)["growth_shares"]
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


def test_timeline_labels_each_year_in_its_middle_and_shows_the_whole_legend():
    import matplotlib.dates as mdates

    fig = fig_growth_timeline("en")
    ax = fig.axes[0]
    fig.canvas.draw()
    labels = {t.get_text(): t.get_position()[0] for t in ax.xaxis.get_minorticklabels()}
    # the end of 2019 (Social Insurance Connect's baseline) is inside the span labelled 2019
    end2019 = mdates.date2num(pd.Timestamp("2019-12-31"))
    assert labels["2019"] < end2019 < labels["2020"]
    assert not any(t.get_text() for t in ax.xaxis.get_majorticklabels())
    # the legend lies inside the figure
    box = fig.legends[0].get_window_extent()
    width = fig.get_size_inches()[0] * fig.dpi
    assert box.x0 >= 0 and box.x1 <= width


def test_before_after_labels_round_implied_values():
    fig = fig_growth_before_after("en")
    texts = [t.get_text() for t in fig.axes[0].texts]
    # 188 / 1.099 = 171.06…: implied from rounded figures, printed to three figures
    assert any("≈171 → 188" in t for t in texts)
    assert not any("171.1" in t for t in texts)
    assert any(t.startswith("×3.8") and "(5 → 19)" in t for t in texts)
    # the axis ends near the largest multiple, not at ×10000
    assert fig.axes[0].get_xlim()[1] < 50


def test_growth_figures_are_registered_for_the_notebook():
    specs = registry()
    names = ("growth_reach", "growth_timeline", "growth_before_after", "growth_shares")
    for name in (*names, "growth_trajectories"):
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


def test_trajectories_draw_every_observation_with_its_growth(drawn_figures):
    from gba.figures.trajectory import trajectory_table

    t = trajectory_table()
    fig = drawn_figures("en")["growth_trajectories"]
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == t["series"].nunique()
    markers = [line for ax in panels for line in ax.lines if len(line.get_xdata()) == 1]
    assert len(markers) == len(t)
    # the lawyers' panel: 224 (Feb 2023) to more than 630 (2025-12-05)
    lawyers = next(ax for ax in panels if "GBA lawyers (2)" in ax.get_title(loc="left"))
    text = lawyers.texts[0].get_text()
    years = (2025 + 339 / 365) - (2023 + 59 / 365)
    assert text.startswith(f"≥×{630 / 224:.2g} in {years:.2g} years")
    assert "≥44% a year" in text  # the lowest CAGR the month of the first figure allows
    assert all(ax.get_yscale() == "log" for ax in panels)
