"""gba.analysis.phrases: the phrases the notebooks print, checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gba.analysis import phrases
from gba.analysis.bounded import Bounded


@pytest.mark.parametrize(
    ("x", "fmt", "expected"),
    [
        ({"value": 36.0, "qualifier": "exact"}, "g", "36"),
        ({"value": 80.0, "qualifier": "lower"}, "g", "at least 80"),
        ({"value": 942.4920127, "qualifier": "upper"}, ",.2f", "at most 942.49"),
        ({"value": 345721.69, "qualifier": "approx"}, ",.0f", "about 345,722"),
        ({"value": 2.5, "qualifier": "unbounded"}, "g", "2.5 (unbounded)"),
        # an indicator row states a range as value-value_high
        ({"value": 5.0, "value_high": 10.0, "qualifier": "range"}, "g", "5 to 10"),
        # a derived row or a Bounded states it as low-high
        ({"value": 7.5, "low": 5.0, "high": 10.0, "qualifier": "range"}, "g", "5 to 10"),
        (Bounded.range(1, 3), "g", "1 to 3"),
        (
            Bounded.lower(3.7e8) / Bounded.exact(3169600),
            ".1f",
            "at least 116.7",
        ),  # 370000000/3169600
        (pd.Series({"value": 0.25, "qualifier": "exact"}), ".0%", "25%"),
    ],
)
def test_qualified_says_the_bound(x, fmt, expected):
    assert phrases.qualified(x, fmt) == expected


def test_qualified_rounds_to_significant_digits_only_for_printing():
    row = {"value": 108126501.2, "qualifier": "lower"}
    assert phrases.qualified(row, ",.0f", sig=3) == "at least 108,000,000"
    assert phrases.qualified(row, ",.0f") == "at least 108,126,501"
    assert row["value"] == 108126501.2


@pytest.mark.parametrize(
    "x",
    [
        {"qualifier": "exact"},
        {"value": 1.0},
        {"value": 1.0, "qualifier": "roughly"},
        {"value": 1.0, "qualifier": "range"},
    ],
)
def test_qualified_refuses_what_it_cannot_say(x):
    with pytest.raises(ValueError):
        phrases.qualified(x)


def test_round_sig_by_hand():
    assert phrases.round_sig(123456.0, 2) == 120000.0
    assert phrases.round_sig(-0.0004567, 2) == -0.00046
    assert phrases.round_sig(9.996, 3) == 10.0
    with pytest.raises(ValueError):
        phrases.round_sig(1.0, 0)
    with pytest.raises(ValueError):
        phrases.round_sig(math.inf)


def test_tally_orders_by_count_then_first_appearance_and_keeps_missing():
    values = pd.Series(["stated", pd.NA, "undated", "undated", "stated", "carried"], dtype="string")
    assert phrases.tally(values) == "2 stated, 2 undated, 1 missing, 1 carried"
    assert phrases.tally(["x", "y", "y"], labels={"y": "why"}) == "2 why, 1 x"


def test_n_of_by_hand():
    assert phrases.n_of(40, 68) == "40 of 68 (59%)"  # 40/68 = 0.588
    assert phrases.n_of(0, 5) == "0 of 5 (0%)"
    for part, whole in [(3, 2), (-1, 2), (0, 0)]:
        with pytest.raises(ValueError):
            phrases.n_of(part, whole)


def test_case_names_uses_the_short_labels():
    assert phrases.case_names([15, 1]) == "Offshore RMB bonds (15), Credit report recognition (1)"
    assert phrases.case_names([1], pd.Series({1: "信用报告互认"})) == "信用报告互认 (1)"
    with pytest.raises(ValueError, match="no label for case 99"):
        phrases.case_names([99])


def test_in_context_marks_the_span_and_the_cut_ends():
    text = "abcdefghij"
    assert phrases.in_context(text, 4, 6, width=2) == "…cd【ef】gh…"
    assert phrases.in_context(text, 0, 2, width=3) == "【ab】cde…"
    assert phrases.in_context(text, 8, 10, width=20) == "abcdefgh【ij】"
    with pytest.raises(ValueError):
        phrases.in_context(text, 5, 11)


def test_amount_says_the_bound_and_the_glossary_unit_words():
    # the words are glossary.csv's: person_time -> person-times / person-time
    assert phrases.amount({"value": 1.0e7, "qualifier": "lower"}, "person_time", ",.0f") == (
        "at least 10,000,000 person-times"
    )
    assert phrases.amount(1, "person_time", "g") == "1 person-time"
    assert phrases.amount(Bounded.exact(942.5), "CNY_per_person_time", ".1f") == (
        "942.5 yuan per person-time"
    )
    with pytest.raises(KeyError, match="furlong"):
        phrases.amount(3, "furlong")


def test_counts_and_lists_in_words():
    assert phrases.n_of(18, 20, noun="cases") == "18 of 20 cases (90%)"
    assert phrases.counted(1, "claim") == "1 claim"
    assert phrases.counted(1200, "claim") == "1,200 claims"
    assert phrases.counted(3, "body", "bodies") == "3 bodies"
    assert phrases.listing(["a", "b", "c", "d"]) == "a, b, c and d"


def test_findings_are_numbered_markdown_under_a_heading():
    md = phrases.findings(["First.", " Second. "], title="What the data show", level=3)
    assert md._repr_markdown_() == "### What the data show\n\n1. First.\n2. Second."
    assert repr(md) == str(md) == md.text
    assert phrases.findings(["Only."], title="").text == "1. Only."
    with pytest.raises(ValueError, match="no findings"):
        phrases.findings([])
    with pytest.raises(ValueError, match="level"):
        phrases.findings(["x"], level=7)


def test_markdown_joins_blocks_and_drops_empty_ones():
    md = phrases.markdown("A.", "", "- b\n", "C.")
    assert md == phrases.Markdown("A.\n\n- b\n\nC.")
    assert "IPython" not in type(md).__module__


def test_table_writes_a_pipe_table_and_escapes_pipes():
    t = pd.DataFrame({"n": [3, None], "note": ["a|b", "two\nlines"]}, index=[1, 2])
    assert phrases.table(t).splitlines() == [
        "|  | n | note |",
        "|---|---|---|",
        "| 1 | 3.0 | a\\|b |",
        "| 2 | – | two lines |",
    ]
    assert phrases.table(t, index=False).splitlines()[0] == "| n | note |"


def test_listing_says_empty_and_table_marks_missing_cells():
    import pandas as pd

    from gba.analysis.phrases import listing, table

    assert listing([], empty="no zone") == "no zone"
    assert listing(["a", "b", "c"], empty="x") == "a, b and c"
    frame = pd.DataFrame({"alpha": ["0.79", None]}, index=["Mode", "Scope"])
    assert table(frame).splitlines() == [
        "|  | alpha |",
        "|---|---|",
        "| Mode | 0.79 |",
        "| Scope | – |",
    ]
    assert table(frame, missing="n/a").splitlines()[-1] == "| Scope | n/a |"


# -- growth phrases ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((43.9, 45.3, math.inf), "at least 44% a year"),  # a lower-bound end figure
        ((0.0, 74.3, 74.3), "at most 74% a year"),  # a running total from a lower bound
        ((71.73, 76.82, 83.14), "72% to 83% a year"),  # both dates to the month
        (
            (-100.0, 69.2, math.inf),
            "69% a year as stated (the figures bound it in neither direction)",
        ),
        ((29.73, 29.73, 29.73), "30% a year"),
    ],
)
def test_growth_interval(args, expected):
    assert phrases.growth_interval(*args, unit="%", tail=" a year") == expected


def test_stated_figures_keep_their_digits_and_bound_words():
    assert phrases.stated_figure(630, "lower", "people") == "more than 630 people"
    assert phrases.stated_figure(164600, "exact") == "164,600"
    assert phrases.stated_figure(72500, "approx") == "about 72,500"


def test_trajectory_sentence_says_bounds_and_sources():
    row = {
        "measure": "flow",
        "value_from": 12_230_000.0,
        "value_to": 35_000_000.0,
        "qualifier_from": "lower",
        "qualifier_to": "lower",
        "source_type_from": "official_media",
        "source_type_to": "official_media",
        "date_from": "2022-12-31",
        "date_to": "2024-12-31",
        "years": 2.0,
        "cagr": 69.17,
        "cagr_low": -100.0,
        "cagr_high": math.inf,
        "doubling_years": 1.32,
        "doubling_low": 0.0,
        "doubling_high": math.inf,
    }
    text = phrases.trajectory_sentence(row, "Qingmao Port (7)", "person-times")
    assert text.startswith(
        "Qingmao Port (7), person-times (yearly flow): from more than 12,230,000"
    )
    assert "×2.9 as stated in 2.0 years" in text  # 35 / 12.23 = 2.86…, both lower bounds
    assert "neither direction" in text and "doubling" not in text  # no bounded doubling time
