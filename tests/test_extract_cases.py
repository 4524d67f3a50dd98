"""The extractor on constructed real-text cases (issues 10, 15 and 17), one row per category.

tests/extract_cases.csv holds, per category of issue 10 (mixed numerals, Chinese
decimals, 成 and fractions, space separators, 兆, qualifiers, units, ranges, lists,
currencies) and of issue 15 (invisible characters), a short constructed text,
the expression that must be found in it and its expected reading, written by
hand; rows without an expression are texts in which nothing is a quantity.
"""

from __future__ import annotations

import csv
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import gba
from gba.extract.quantities import extract_quantities, parse_quantity

TABLE = Path(__file__).with_name("extract_cases.csv")
with TABLE.open(encoding="utf-8", newline="") as _f:
    ROWS = list(csv.DictReader(_f))
FOUND = [r for r in ROWS if r["expr"]]
NOTHING = [r for r in ROWS if not r["expr"]]


def _value(s: str) -> Fraction:
    if "/" in s:
        p, q = s.split("/")
        return Fraction(int(p), int(q))
    return Fraction(Decimal(s))


def test_every_category_has_cases():
    categories = {r["category"] for r in ROWS}
    assert {
        "mixed numerals", "Chinese decimals", "distributive 百分之", "成 and fractions",
        "space as thousands separator", "兆", "qualifiers", "units", "ranges", "lists",
        "currency", "invisible characters", "not quantities",
    } <= categories  # fmt: skip
    assert len(NOTHING) >= 15


@pytest.mark.parametrize("row", FOUND, ids=[f"{r['category']}-{r['expr']}" for r in FOUND])
def test_expression_is_read(row):
    found = extract_quantities(row["text"])
    hit = found[found["text"] == row["expr"]]
    assert len(hit) == 1, list(found["text"])
    q = hit.iloc[0]
    assert row["text"][q.start : q.end] == row["expr"]
    high = None if q.value_high is None else Fraction(q.value_high)
    currency = "" if pd.isna(q.currency) else q.currency
    want_high = _value(row["value_high"]) if row["value_high"] else None
    assert (Fraction(q.value), high, q.unit, q.qualifier, q.kind, currency) == (
        _value(row["value"]), want_high, row["unit"], row["qualifier"], row["kind"],
        row["currency"],
    )  # fmt: skip


@pytest.mark.parametrize("row", NOTHING, ids=[r["text"] for r in NOTHING])
def test_not_a_quantity(row):
    assert list(extract_quantities(row["text"])["text"]) == []


def test_a_third_stays_exact():
    q = parse_quantity("三分之一")
    assert q.value == Fraction(100, 3) and isinstance(q.value, Fraction)
    assert isinstance(parse_quantity("四分之一").value, Decimal)  # 25 is a finite decimal


# ---- issue 15: over-long numbers, time -------------------------------------------------


def test_long_chain_of_magnitudes_is_not_read():
    text = "一万一亿" * 13 + " 万元"
    found = extract_quantities(text)  # raised decimal.Inexact
    assert all(len(str(v)) <= 61 for v in found["value"])
    assert gba.extract_quantities("一万一亿" * 40 + "元").empty  # a 165-digit value before


def _seconds(text: str, scope: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        extract_quantities(text, as_of_scope=scope)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    ("unit", "n", "scope"),
    [
        # a paragraph without a sentence end, with many as-of dates
        ("截至2022年底，共5人", 1_500, "sentence"),
        ("截至2022年底，共5人", 1_500, "paragraph"),
        ("一万一亿", 10_000, "paragraph"),  # a chain of magnitudes
        ("1万", 10_000, "paragraph"),
        ("百分之三十、", 4_000, "paragraph"),
        ("三分之", 6_000, "paragraph"),
        ("1", 400_000, "paragraph"),
    ],
    ids=[
        "as-of-sentence",
        "as-of-paragraph",
        "chain",
        "many",
        "percent-list",
        "fractions",
        "digits",
    ],
)
def test_long_inputs_take_linear_time(unit, n, scope):
    # quadratic before: four times the text took sixteen times as long (the as-of paragraph of
    # 375 kB took 9.8 s, the chain of 293 kB 4.6 s); linear now, so about four times
    small, large = _seconds(unit * n, scope), _seconds(unit * 4 * n, scope)
    assert large < 10 * max(small, 0.05)


# ---- issue 17: dates with their own precision ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision", "first", "last"),
    [
        ("2023年第三季度", "2023-Q3", "quarter", "2023-07-01", "2023-09-30"),
        ("2023年第3季", "2023-Q3", "quarter", "2023-07-01", "2023-09-30"),
        ("2023年一季度", "2023-Q1", "quarter", "2023-01-01", "2023-03-31"),
        ("2023年首季", "2023-Q1", "quarter", "2023-01-01", "2023-03-31"),
        ("2023年上半年", "2023-H1", "half", "2023-01-01", "2023-06-30"),
        ("2023年下半年", "2023-H2", "half", "2023-07-01", "2023-12-31"),
        ("二〇二三年三月", "2023-03", "month", "2023-03-01", "2023-03-31"),
        ("二○二三年十月十八日", "2023-10-18", "day", "2023-10-18", "2023-10-18"),
        ("二零二二年", "2022", "year", "2022-01-01", "2022-12-31"),
        ("2023年十二月", "2023-12", "month", "2023-12-01", "2023-12-31"),
    ],
)
def test_parse_date_quarters_halves_chinese_numerals(text, date, precision, first, last):
    d = gba.parse_date(text)
    assert (d.text, d.date, d.precision) == (text, date, precision)
    assert (d.first_day.isoformat(), d.last_day.isoformat()) == (first, last)


def test_as_of_quarter_is_not_cut_to_the_year():
    found = extract_quantities("截至2023年第三季度，共500人。")
    assert list(found["as_of"]) == ["2023-Q3"]
    from gba.analysis.growth import period_end

    assert period_end("2023-Q3", "quarter") == pd.Timestamp("2023-09-30")


@pytest.mark.parametrize("text", ["截至2023年前三季度，共600人", "截至2023年1-9月，共600人"])
def test_an_unread_part_of_a_year_is_never_shortened(text):
    assert gba.extract_dates(text).empty
    found = extract_quantities(text)
    assert list(found["text"]) == ["600人"]
    assert found["as_of"].isna().all()
