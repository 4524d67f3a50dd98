"""gba.analysis.growth: measures on bounded quantities, with hand-computed expectations."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gba.analysis.bounded import Bounded, bounded, printed_step, rounding_range, to_columns
from gba.analysis.growth import (
    absolute_change,
    annualised,
    cagr,
    decimal_year,
    implied_baseline,
    multiple,
    per_year,
    percent_change,
    percent_reduction,
    period_end,
    ratio,
    reduction,
    share,
    utilisation,
    years_between,
)

INF = math.inf
E, LO, UP, AP = Bounded.exact, Bounded.lower, Bounded.upper, Bounded.approx


def approx(x, rel=1e-12):
    return pytest.approx(x, rel=rel)


# -- the quantity type -----------------------------------------------------------


def test_constructors_and_qualifiers():
    assert Bounded(3, 3, 3).qualifier == "exact"  # not approximate unless said so
    assert (E(3).low, E(3).high, E(3).qualifier) == (3, 3, "exact")
    assert (LO(3).low, LO(3).high, LO(3).qualifier) == (3, INF, "lower")
    assert (UP(3).low, UP(3).high, UP(3).qualifier) == (0, 3, "upper")
    assert UP(3, floor=-INF).low == -INF
    assert (AP(3).low, AP(3).high, AP(3).qualifier) == (3, 3, "approx")
    r = Bounded.range(5, 10)
    assert (r.value, r.low, r.high, r.qualifier) == (7.5, 5, 10, "range")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((5, 6, 7), "not inside"),
        ((5, 1, 4), "not inside"),
        ((math.nan, 1, 4), "NaN"),
        ((INF, 1, INF), "finite"),
    ],
)
def test_inconsistent_quantities_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        Bounded(*args)


def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match="low < high"):
        Bounded.range(10, 5)
    with pytest.raises(ValueError, match="floor"):
        UP(3, floor=4)


def test_from_row_reads_each_qualifier():
    assert Bounded.from_row({"value": 45, "qualifier": "exact", "unit": "day"}) == E(45, "day")
    assert Bounded.from_row({"value": 3.7e8, "qualifier": "lower"}) == LO(3.7e8)
    assert Bounded.from_row({"value": 9, "qualifier": "upper"}) == UP(9)
    assert Bounded.from_row({"value": -2, "qualifier": "upper"}, nonnegative=False).low == -INF
    assert Bounded.from_row({"value": 4e10, "qualifier": "approx"}) == AP(4e10)
    row = {"value": 5, "value_high": 10, "qualifier": "range", "unit": "percent"}
    assert Bounded.from_row(row) == Bounded(7.5, 5, 10, False, "percent")
    # missing value_high (NaN as read from a CSV), unknown qualifier, missing value
    with pytest.raises(ValueError, match="value_high"):
        Bounded.from_row({"value": 5, "value_high": math.nan, "qualifier": "range"})
    with pytest.raises(ValueError, match="unknown qualifier 'about'"):
        Bounded.from_row({"value": 5, "qualifier": "about"})
    with pytest.raises(ValueError, match="no value"):
        Bounded.from_row({"value": math.nan, "qualifier": "exact"})


def test_str():
    assert [str(q) for q in (E(4), LO(4), UP(4), AP(4), Bounded.range(1, 3))] == [
        "4",
        "≥4",
        "≤4",
        "≈4",
        "1–3",
    ]
    assert str(LO(4) / LO(2)) == "2 (unbounded)"


# -- arithmetic and the direction of bounds -----------------------------------------


def test_sum_of_lower_bounds_is_lower():
    s = LO(3) + LO(4)
    assert (s.value, s.low, s.high, s.qualifier) == (7, 7, INF, "lower")


def test_subtracting_a_lower_bound_gives_an_upper_bound():
    d = E(10) - LO(4)  # 10 - (at least 4) = at most 6
    assert (d.value, d.low, d.high, d.qualifier) == (6, -INF, 6, "upper")


def test_subtracting_an_upper_bound_gives_a_lower_bound():
    d = E(45) - UP(9)  # 45 - (0..9) = 36..45
    assert (d.value, d.low, d.high, d.qualifier) == (36, 36, 45, "lower")


def test_lower_minus_lower_is_unbounded():
    d = LO(10) - LO(4)
    assert (d.low, d.high, d.qualifier) == (-INF, INF, "unbounded")


def test_division_by_a_lower_bound_gives_an_upper_bound():
    q = E(12) / LO(4)  # 12 / (>= 4) in (0, 3]
    assert (q.value, q.low, q.high, q.qualifier) == (3, 0, 3, "upper")


def test_division_of_a_lower_bound_gives_a_lower_bound():
    q = LO(12) / E(4)
    assert (q.value, q.low, q.high, q.qualifier) == (3, 3, INF, "lower")


def test_division_by_an_upper_bound_touching_zero_gives_a_lower_bound():
    q = E(12) / UP(4)  # 12 / (0..4] in [3, inf)
    assert (q.value, q.low, q.high, q.qualifier) == (3, 3, INF, "lower")


def test_lower_over_lower_is_unbounded():
    q = LO(12) / LO(4)
    assert (q.value, q.low, q.high, q.qualifier) == (3, 0, INF, "unbounded")


def test_multiplying_by_a_negative_number_flips_the_bound():
    assert (LO(3) * 2).qualifier == "lower"
    p = LO(3) * -2
    assert (p.value, p.low, p.high, p.qualifier) == (-6, -INF, -6, "upper")
    assert (-LO(3)).qualifier == "upper"


def test_range_arithmetic():
    r = Bounded.range(5, 10) * 2 + 1  # [11, 21], value 16
    assert (r.value, r.low, r.high, r.qualifier) == (16, 11, 21, "range")
    q = E(100) / Bounded.range(4, 5)  # [20, 25], value 100 / 4.5
    assert (q.low, q.high, q.qualifier) == (20, 25, "range")
    assert q.value == approx(100 / 4.5)


def test_approximation_is_sticky_and_keeps_the_direction():
    q = AP(4e10) / E(115700)
    assert (q.qualifier, q.low, q.high) == ("approx", q.value, q.value)
    q = AP(1.18e8) / LO(125200)  # approximately at most
    assert (q.qualifier, q.low, q.high) == ("approx", 0, q.value)
    assert q.value == approx(1.18e8 / 125200)


def test_powers():
    p = LO(4) ** 0.5
    assert (p.value, p.low, p.high, p.qualifier) == (2, 2, INF, "lower")
    p = LO(4) ** -1  # 1 / (>= 4) in (0, 0.25]
    assert (p.value, p.low, p.high, p.qualifier) == (0.25, 0, 0.25, "upper")
    p = Bounded.range(-2, 4) ** 2  # midpoint 1; x**2 over [-2, 4] is [0, 16]
    assert (p.value, p.low, p.high) == (1, 0, 16)
    with pytest.raises(ValueError, match="possibly negative"):
        _ = Bounded.range(-2, 4) ** 0.5
    with pytest.raises(ValueError, match="zero to a negative power"):
        _ = E(0) ** -1
    with pytest.raises(TypeError, match="plain number"):
        _ = E(2) ** E(2)


def test_division_by_zero_and_non_numbers():
    with pytest.raises(ValueError, match="division by zero"):
        _ = E(1) / 0
    with pytest.raises(TypeError, match="got str"):
        _ = E(1) + "2"
    q = E(1) / Bounded.range(-1, 3)  # a divisor that may have either sign
    assert (q.low, q.high, q.qualifier) == (-INF, INF, "unbounded")


def test_units_must_match_to_add():
    assert (E(1, "day") + E(2, "day")).unit == "day"
    assert (E(1, "day") + 2).unit == "day"
    with pytest.raises(ValueError, match="different units: 'day' and 'CNY'"):
        _ = E(1, "day") - E(2, "CNY")


@given(
    a=st.floats(1, 1e6),
    da=st.floats(0, 1e6),
    b=st.floats(1, 1e6),
    db=st.floats(0, 1e6),
    ta=st.floats(0, 1),
    tb=st.floats(0, 1),
)
def test_intervals_contain_every_result_and_are_tight(a, da, b, db, ta, tb):
    # for x in [a, a+da], y in [b, b+db]: x/y, x*y, x-y, x+y lie in the result's
    # interval, and its ends are reached at corners of the box
    x, y = Bounded(a, a, a + da), Bounded(b, b, b + db)
    xs, ys = a + ta * da, b + tb * db
    for op in (
        lambda p, q: p / q,
        lambda p, q: p * q,
        lambda p, q: p - q,
        lambda p, q: p + q,
    ):
        r = op(x, y)
        inside = op(xs, ys)
        assert r.low - 1e-9 * abs(r.low) <= inside <= r.high + 1e-9 * abs(r.high)
        corners = [op(p, q) for p in (a, a + da) for q in (b, b + db)]
        assert r.low == min(corners) and r.high == max(corners)


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        ("2022", None, "2022-12-31"),
        ("2023-02", None, "2023-02-28"),
        ("2024-02", None, "2024-02-29"),
        ("2019-07-30", None, "2019-07-30"),
        ("2022-01-01", "year", "2022-12-31"),
        ("2022-05-10", "quarter", "2022-06-30"),
        ("2022-05-10", "half", "2022-06-30"),
        ("2022-08-10", "half", "2022-12-31"),
        (pd.Timestamp("2023-02-03 15:00"), "month", "2023-02-28"),
        (pd.Timestamp("2021-09-08 15:00"), None, "2021-09-08"),
        ("2021-09-08T15:00", "hour", "2021-09-08"),
        ("2022-12-31", "year_end", "2022-12-31"),
        ("2022", "year_end", "2022-12-31"),
        ("2023-01-01", "year_start", "2023-01-01"),
        ("2023-02-01", "month_start", "2023-02-01"),
        ("2023-02-28", "month_end", "2023-02-28"),
        ("2024-02", "month_end", "2024-02-29"),
        ("2021-09-08T15:30", "minute", "2021-09-08"),
    ],
)
def test_period_end(date, precision, expected):
    assert period_end(date, precision) == pd.Timestamp(expected)


@pytest.mark.parametrize(
    ("resource", "column"), [("events", "precision"), ("indicators", "as_of_precision")]
)
def test_period_end_reads_every_precision_the_data_may_hold(resource, column):
    # a researcher may add an event stated as 2023年2月底 (month_end): the schema allows it,
    # so the growth measures and the timeline figure must read it
    from gba.datasets.tables import resource as schema_of
    from gba.extract.dates import parse_date

    fields = {f["name"]: f for f in schema_of(resource)["schema"]["fields"]}
    allowed = fields[column]["constraints"]["enum"]
    written = {
        "year": ("2021年", "2021-12-31"),
        "month": ("2023年2月", "2023-02-28"),
        "day": ("2019年7月30日", "2019-07-30"),
        "hour": ("2021年9月8日下午3时", "2021-09-08"),
        "minute": ("2021年9月8日下午3时30分", "2021-09-08"),
        "year_start": ("2023年初", "2023-01-01"),
        "year_end": ("2022年底", "2022-12-31"),
        "month_start": ("2023年2月初", "2023-02-01"),
        "month_end": ("2023年2月底", "2023-02-28"),
    }
    assert set(allowed) == set(written)
    for precision in allowed:
        text, last_day = written[precision]
        stated = parse_date(text)
        assert stated.precision == precision
        assert period_end(stated.date, precision) == pd.Timestamp(last_day), precision
        assert period_end(stated.date, precision).date() == stated.last_day, precision


def test_period_end_errors():
    with pytest.raises(ValueError, match="unknown date precision 'week'"):
        period_end("2022", "week")
    with pytest.raises(ValueError, match="not a date"):
        period_end("end of 2022")


def test_decimal_year_is_the_end_of_the_day():
    assert decimal_year("2019") == 2020.0
    assert decimal_year("2020") == 2021.0  # a leap year ends at a whole number too
    # 2019-07-30 is day 31+28+31+30+31+30+30 = 211 of 365
    assert decimal_year("2019-07-30") == 2019 + 211 / 365
    # 2023-02-28 is day 59 of 365; 2024-02-29 is day 60 of 366
    assert decimal_year("2023-02") == 2023 + 59 / 365
    assert decimal_year("2024-02") == 2024 + 60 / 366


def test_years_between():
    assert years_between("2019", "2022") == 3.0  # end-2019 to end-2022, leap day included
    assert years_between("2021-09-08", "2022-09-08") == approx(1.0)
    # first transfer 2019-07-30 to end 2022: 154 days left in 2019 (365 - 211), then 3 years
    assert years_between("2019-07-30", "2022") == approx(3 + 154 / 365)
    assert years_between("2022-12", "2023-02", "month", "month") == approx(59 / 365)
    with pytest.raises(ValueError, match="not after start"):
        years_between("2022-12-31", "2022")  # the same day: zero elapsed time
    with pytest.raises(ValueError, match="not after start"):
        years_between("2023", "2022")


# -- measures ------------------------------------------------------------------------


def test_absolute_and_percent_change():
    assert absolute_change(5, 19) == 14
    d = absolute_change(E(160, "enterprise"), LO(188, "enterprise"))
    assert (d.value, d.qualifier, d.unit) == (28, "lower", "enterprise")
    assert absolute_change(LO(160), E(188)).qualifier == "upper"
    assert percent_change(160, 188) == approx(17.5)
    p = percent_change(E(160), LO(188))
    assert (p.value, p.qualifier, p.unit) == (approx(17.5), "lower", "percent")
    p = percent_change(LO(160), E(188))  # a lower-bound baseline: growth at most
    assert (p.value, p.low, p.high, p.qualifier) == (approx(17.5), -100, approx(17.5), "upper")
    with pytest.raises(ValueError, match="positive baseline"):
        percent_change(0, 5)
    with pytest.raises(ValueError, match="different units"):
        percent_change(E(1, "day"), E(2, "CNY"))


def test_multiple():
    m = multiple(E(3169600, "CNY"), LO(3.7e8, "CNY"))
    assert m.value == approx(3.7e8 / 3169600)  # 116.73...
    assert (m.qualifier, m.unit) == ("lower", "multiple")
    with pytest.raises(ValueError, match="positive baseline"):
        multiple(-1, 5)


def test_cagr():
    # 152,009.6 to 303,700 over 3 years: (1.9979)^(1/3) - 1
    assert cagr(303700 / 1.9979, 303700, 3) == approx((1.9979 ** (1 / 3) - 1) * 100)
    assert cagr(100, 121, 2) == approx(10.0)
    assert cagr(E(100), LO(121), 2).qualifier == "lower"
    assert cagr(LO(100), E(121), 2).qualifier == "upper"
    c = cagr(E(100), UP(121), 2)  # end in (0, 121]: growth in (-100 %, 10 %]
    assert (c.low, c.high, c.qualifier) == (-100, approx(10.0), "upper")
    with pytest.raises(ValueError, match="positive elapsed time"):
        cagr(100, 121, -1)
    with pytest.raises(ValueError, match="positive start value"):
        cagr(0, 121, 2)
    with pytest.raises(ValueError, match="positive end value"):
        cagr(100, 0, 2)


def test_annualised():
    # +99.79 % over 3 years: 1.9979 ** (1/3) = 1.25946..., i.e. 25.946 % a year
    assert annualised(99.79, 3) == approx((1.9979 ** (1 / 3) - 1) * 100)
    assert annualised(99.79, 3) == approx(cagr(100, 199.79, 3))
    assert annualised(LO(21), 2).qualifier == "lower"
    a = annualised(UP(21, floor=-INF), 2)  # at most +21 % in total: at most +10 % a year
    assert (a.value, a.low, a.high, a.qualifier) == (approx(10), -100, approx(10), "upper")
    with pytest.raises(ValueError, match="positive elapsed time"):
        annualised(21, 0)
    with pytest.raises(ValueError, match="-100 %"):
        annualised(-100, 2)


def test_implied_baseline():
    # 30.37万人次 after +99.79 %: 303700 / 1.9979
    b = implied_baseline(E(303700, "person_time"), 99.79)
    assert (b.value, b.qualifier, b.unit) == (approx(303700 / 1.9979), "exact", "person_time")
    assert implied_baseline(188, 9.9) == approx(188 / 1.099)
    assert implied_baseline(LO(110), 10).qualifier == "lower"
    lo_rate = implied_baseline(110, LO(10))  # grew at least 10 %: the base was at most 100
    assert (lo_rate.value, lo_rate.low, lo_rate.high, lo_rate.qualifier) == (
        approx(100),
        0,
        approx(100),
        "upper",
    )
    up_rate = implied_baseline(110, UP(10, floor=-INF))  # grew at most 10 %: base at least 100
    assert (up_rate.value, up_rate.low, up_rate.high, up_rate.qualifier) == (
        approx(100),
        approx(100),
        INF,
        "lower",
    )
    with pytest.raises(ValueError, match="-100 %"):
        implied_baseline(5, -100)


def test_reduction():
    r = reduction(E(45, "day"), UP(9, "day"))
    assert (r.value, r.low, r.high, r.qualifier, r.unit) == (36, 36, 45, "lower", "day")
    p = percent_reduction(E(45, "day"), UP(9, "day"))  # (45 - 9) / 45 = 80 %, at least
    assert (p.value, p.low, p.high, p.qualifier) == (approx(80), approx(80), 100, "lower")
    assert percent_reduction(45, 9) == approx(80)
    with pytest.raises(ValueError, match="positive 'before'"):
        percent_reduction(0, 9)
    with pytest.raises(ValueError, match="different units"):
        reduction(E(45, "day"), E(9, "hour"))


def test_per_year():
    years = 3 + 154 / 365
    a = per_year(LO(3.7e8, "CNY"), years)
    assert (a.value, a.qualifier, a.unit) == (approx(3.7e8 / years), "lower", "CNY_per_year")
    with pytest.raises(ValueError, match="positive elapsed time"):
        per_year(10, 0)


def test_share():
    assert share(169, 748) == approx(16900 / 748)
    s = share(E(10), LO(40))  # whole at least 40: share at most 25 %
    assert (s.value, s.low, s.high, s.qualifier) == (25, 0, 25, "upper")
    s = share(LO(10), E(40))  # part at least 10: share at least 25 %, never above 100 %
    assert (s.value, s.low, s.high, s.qualifier) == (25, 25, 100, "lower")
    s = share(E(3389, "case"), E(12313, "case"))
    assert (s.value, s.unit) == (approx(338900 / 12313), "percent")
    with pytest.raises(ValueError, match="larger than the whole"):
        share(50, 40)
    with pytest.raises(ValueError, match="larger than the whole"):
        share(LO(50), UP(40))
    with pytest.raises(ValueError, match="positive whole"):
        share(0, 0)
    with pytest.raises(ValueError, match="non-negative part"):
        share(-1, 4)
    with pytest.raises(ValueError, match="different units"):
        share(E(1, "case"), E(4, "person"))


def test_utilisation_and_ratio():
    daily = LO(1e7, "person_time") / 365  # at least 27,397.26 per day
    u = utilisation(daily.with_unit("person_time_per_day"), E(200000, "person_time_per_day"))
    assert (u.value, u.qualifier) == (approx(1e7 / 365 / 200000 * 100), "lower")
    assert utilisation(300, 200) == approx(150)  # may exceed 100 %
    with pytest.raises(ValueError, match="positive capacity"):
        utilisation(1, 0)
    r = ratio(E(2.22e9, "CNY"), E(41000, "investor"))
    assert (r.value, r.qualifier, r.unit) == (approx(2.22e9 / 41000), "exact", "CNY_per_investor")
    r = ratio(E(1.18e8), LO(125200))
    assert (r.value, r.low, r.high, r.qualifier) == (approx(1.18e8 / 125200), 0, r.value, "upper")
    with pytest.raises(ValueError, match="positive denominator"):
        ratio(1, 0)


# -- Series ---------------------------------------------------------------------------


def test_plain_series_work_element_wise():
    old = pd.Series([100.0, 50.0], index=["a", "b"])
    new = pd.Series([150.0, 25.0], index=["a", "b"])
    assert percent_change(old, new).tolist() == [50.0, -50.0]
    assert share(pd.Series([1.0, 3.0]), pd.Series([4.0, 4.0])).tolist() == [25.0, 75.0]
    c = cagr(pd.Series([100.0, 100.0]), pd.Series([121.0, 144.0]), pd.Series([2.0, 2.0]))
    assert c.tolist() == [approx(10.0), approx(20.0)]
    with pytest.raises(ValueError, match="positive baseline"):
        percent_change(pd.Series([1.0, 0.0]), new)
    with pytest.raises(ValueError, match=r"part \(5\) is larger than the whole \(4\)"):
        share(pd.Series([1.0, 5.0]), pd.Series([4.0, 4.0]))


def test_series_of_bounded_round_trip():
    frame = pd.DataFrame(
        {
            "value": [45.0, 9.0, 5.0],
            "value_high": [math.nan, math.nan, 10.0],
            "qualifier": ["exact", "upper", "range"],
            "unit": ["day", "day", "day"],
        },
        index=[10, 11, 12],
    )
    qs = bounded(frame)
    assert qs.index.tolist() == [10, 11, 12]
    before = pd.Series([qs[10], qs[10]], index=["x", "y"])
    after = pd.Series([qs[11], qs[12]], index=["x", "y"])
    cut = percent_reduction(before, after)
    cols = to_columns(cut)
    assert cols.index.tolist() == ["x", "y"]
    assert cols.loc["x", "qualifier"] == "lower"
    assert cols.loc["x", "value"] == approx(80)
    # 45 -> 5..10 days: 77.8 % to 88.9 %, value at the midpoint 7.5 days
    assert cols.loc["y", "qualifier"] == "range"
    assert (cols.loc["y", "low"], cols.loc["y", "high"]) == (approx(35 / 0.45), approx(40 / 0.45))
    assert cols.loc["y", "value"] == approx(37.5 / 0.45)
    assert cols["unit"].tolist() == ["percent", "percent"]
    yrs = cagr(before, pd.Series([LO(90.0), E(90.0)], index=["x", "y"]), 1.0)
    assert [b.qualifier for b in yrs] == ["lower", "exact"]
    assert yrs["y"].value == approx(100.0)


# -- rounding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "step"),
    [
        ("30.37万人次", 100.0),  # 0.01 万
        ("99.79%", 0.01),
        ("9.9%", 0.1),
        ("188户", 1.0),
        ("超过3.7亿元", 1e7),  # 0.1 亿
        ("1272亿元", 1e8),
        ("近7.25万人", 100.0),
        ("1.18亿元", 1e6),
    ],
)
def test_printed_step(span, step):
    assert printed_step(span) == pytest.approx(step)


def test_rounding_range_and_the_implied_2021_count():
    with pytest.raises(ValueError, match="no number"):
        printed_step("若干")
    with pytest.raises(ValueError, match="positive"):
        rounding_range(5, 0)
    # 188 new enterprises after +9.9 %, the rate printed to 0.1: 188/1.0995 to 188/1.0985
    b = implied_baseline(188, rounding_range(9.9, printed_step("9.9%")))
    assert (b.low, b.high) == (approx(188 / 1.0995), approx(188 / 1.0985))
    assert [n for n in range(160, 180) if b.low <= n <= b.high] == [171]
