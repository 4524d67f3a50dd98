r"""Growth measures on stated quantities, with their bounds carried through.

The source states numbers in several ways: exactly ("188户"), as a lower bound
("超过3.7亿元", "超12.52万人次"), as an upper bound ("9天以内"), approximately
("近400亿元") or as a range ("5-10%"). This module turns such numbers into
growth measures (change, CAGR, implied baseline, reduction, average per year,
share, ratio) without losing which way each result is bounded.

Numbers are :class:`gba.analysis.bounded.Bounded`; every function also takes
plain numbers (exact) and pandas Series. Rates are in percent; every date
stands for the end of its period. The rules (qualifiers, units, the date
convention) are in ``docs/manual/growth.md``.

Examples
--------
>>> end = Bounded.lower(3.7e8, unit="CNY")        # 超过3.7亿元 by the end of 2022
>>> first = Bounded.exact(3169600, unit="CNY")    # 316.96万元 on 2019-07-30
>>> m = multiple(first, end)
>>> m.qualifier, round(m.value, 2)
('lower', 116.73)
>>> round(years_between("2019-07-30", "2022"), 4)
3.4219
>>> cagr(152010, 303700, years_between("2019", "2022"))  # doctest: +ELLIPSIS
25.94...
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "PRECISIONS",
    "absolute_change",
    "annualised",
    "cagr",
    "decimal_year",
    "implied_baseline",
    "multiple",
    "per_year",
    "percent_change",
    "percent_reduction",
    "period_end",
    "period_start",
    "ratio",
    "reduction",
    "share",
    "utilisation",
    "years_between",
]

from gba.analysis.bounded import INF, Bounded, Number, Quantity, _common_unit

#: Date precisions :func:`period_end` reads: every precision of :func:`gba.extract_dates` (and
#: of the ``precision`` columns of the data), plus ``half`` and ``quarter``.
PRECISIONS = (
    "year",
    "year_start",
    "year_end",
    "half",
    "quarter",
    "month",
    "month_start",
    "month_end",
    "day",
    "hour",
    "minute",
)
#: Precisions that name the day written (年初, 月初, a day, a time of day).
_THE_DAY = ("year_start", "month_start", "day", "hour", "minute")


def _unit(x: Any) -> str | None:
    return x.unit if isinstance(x, Bounded) else None


def _check_units(a: Any, b: Any, what: str) -> str | None:
    if isinstance(a, Bounded) and isinstance(b, Bounded):
        return _common_unit(a, b, what)
    return _unit(a) or _unit(b)


def _points(x: Any, field: str = "value") -> np.ndarray:
    """Return ``value`` (or ``low``, ``high``) of a number, Bounded or Series as a float array.

    A plain number is its own value, low and high.
    """
    items = list(x) if isinstance(x, pd.Series) else [x]
    return np.array(
        [getattr(e, field) if isinstance(e, Bounded) else float(e) for e in items], dtype=float
    )


def _require(cond: np.ndarray, message: str) -> None:
    if not bool(np.all(cond)):
        raise ValueError(message)


def _set_unit(result: Any, unit: str | None) -> Any:
    if isinstance(result, Bounded):
        return result.with_unit(unit)
    if isinstance(result, pd.Series) and result.dtype == object:
        return result.map(lambda e: e.with_unit(unit) if isinstance(e, Bounded) else e)
    return result


def _clip(result: Any, low: float, high: float) -> Any:
    """Intersect a result's interval with ``[low, high]`` (known logical limits)."""

    def one(e: Any) -> Any:
        if not isinstance(e, Bounded):
            return e
        return dataclasses.replace(e, low=max(e.low, low), high=min(e.high, high))

    if isinstance(result, pd.Series) and result.dtype == object:
        return result.map(one)
    return one(result)


# -- dates ----------------------------------------------------------------------


def _infer_precision(date: Any) -> str:
    if isinstance(date, str):
        parts = date.strip().split("-")
        if len(parts) == 1 and len(parts[0]) == 4:
            return "year"
        if len(parts) == 2:
            return "month"
        return "day"
    return "day"


def period_end(date: Any, precision: str | None = None) -> pd.Timestamp:
    """Return the last day of the period a (possibly partial) date stands for.

    Parameters
    ----------
    date : str, datetime-like
        ``"2022"``, ``"2023-02"``, ``"2019-07-30"`` or a timestamp.
    precision : str, optional
        How much of ``date`` is meaningful, one of :data:`PRECISIONS`; by
        default inferred from a string (``YYYY`` → year, ``YYYY-MM`` → month)
        and "day" for a timestamp. ``year_end`` (年底, written ``YYYY-12-31``)
        and ``month_end`` (月底) are the last day of the year or month;
        ``year_start`` (年初), ``month_start`` (月初), ``day``, and ``hour``
        or ``minute`` (下午3时) are the day written.

    Returns
    -------
    pandas.Timestamp
        Midnight of the period's last day.

    Raises
    ------
    ValueError
        For an unknown precision or an unparsable date.

    Examples
    --------
    >>> period_end("2022").date(), period_end("2023-02").date(), period_end("2024-02").date()
    (datetime.date(2022, 12, 31), datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    >>> period_end(pd.Timestamp("2022-05-10"), "quarter").date()
    datetime.date(2022, 6, 30)
    >>> period_end("2023-Q3", "quarter").date(), period_end("2023-H1", "half").date()
    (datetime.date(2023, 9, 30), datetime.date(2023, 6, 30))
    >>> period_end("2023-02-28", "month_end").date(), period_end("2021-09-08T15:00", "hour").date()
    (datetime.date(2023, 2, 28), datetime.date(2021, 9, 8))
    """
    precision = precision or _infer_precision(date)
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r} (expected one of {PRECISIONS})")
    part = re.fullmatch(r"(\d{4})-([QH])([1-4])", date.strip()) if isinstance(date, str) else None
    if part is not None:  # 2023-Q3, 2023-H1 (as gba.extract_dates writes quarters and halves)
        year, n = int(part.group(1)), int(part.group(3))
        if (part.group(2), precision) not in (("Q", "quarter"), ("H", "half")) or (
            part.group(2) == "H" and n > 2
        ):
            raise ValueError(f"not a date of precision {precision}: {date!r}")
        month = 3 * n if part.group(2) == "Q" else 6 * n
        return pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
    try:
        ts = pd.Timestamp(date)
    except (ValueError, TypeError) as err:
        raise ValueError(f"not a date: {date!r} ({err})") from None
    if pd.isna(ts):
        raise ValueError(f"not a date: {date!r}")
    ts = ts.normalize()
    if precision in _THE_DAY:
        return ts
    if precision in ("month", "month_end"):
        return ts + pd.offsets.MonthEnd(0)
    if precision == "quarter":
        return ts + pd.offsets.QuarterEnd(0)
    if precision == "half":
        return pd.Timestamp(ts.year, 6, 30) if ts.month <= 6 else pd.Timestamp(ts.year, 12, 31)
    return pd.Timestamp(ts.year, 12, 31)


def period_start(date: Any, precision: str | None = None) -> pd.Timestamp:
    """Return the first day of the period a (possibly partial) date stands for.

    The counterpart of :func:`period_end`: a date written to the month or
    the year may refer to any day of that period. Precisions that name a day
    (``day``, ``year_end`` 年底, ``month_start`` …) start and end on it.

    Examples
    --------
    >>> period_start("2023-02").date(), period_start("2022").date()
    (datetime.date(2023, 2, 1), datetime.date(2022, 1, 1))
    >>> period_start("2022-12-31", "year_end").date(), period_start("2023-Q3", "quarter").date()
    (datetime.date(2022, 12, 31), datetime.date(2023, 7, 1))
    """
    precision = precision or _infer_precision(date)
    end = period_end(date, precision)
    if precision in (*_THE_DAY, "year_end", "month_end"):
        return end
    if precision == "month":
        return end.replace(day=1)
    if precision == "quarter":
        return pd.Timestamp(end.year, end.month - 2, 1)
    if precision == "half":
        return pd.Timestamp(end.year, end.month - 5, 1)
    return pd.Timestamp(end.year, 1, 1)


def decimal_year(date: Any, precision: str | None = None) -> float:
    """Return the decimal year at the end of the (last) day a date stands for.

    ``year + day_of_year / days_in_year``, after :func:`period_end`.

    Examples
    --------
    >>> decimal_year("2019"), decimal_year("2022-12-31")
    (2020.0, 2023.0)
    >>> decimal_year("2019-07-30") == 2019 + 211 / 365
    True
    """
    d = period_end(date, precision)
    days = 366 if d.is_leap_year else 365
    return d.year + d.day_of_year / days


def years_between(
    start: Any,
    end: Any,
    start_precision: str | None = None,
    end_precision: str | None = None,
) -> float:
    """Return the years elapsed between two (possibly partial) dates.

    Parameters
    ----------
    start, end : str or datetime-like
        The dates; partial dates stand for the end of their period.
    start_precision, end_precision : str, optional
        Their precisions (see :func:`period_end`).

    Returns
    -------
    float
        ``decimal_year(end) - decimal_year(start)``.

    Raises
    ------
    ValueError
        If ``end`` is not after ``start`` (zero or negative elapsed time).

    Examples
    --------
    >>> years_between("2019", "2022")          # end of 2019 to end of 2022
    3.0
    >>> years_between("2021-09-08", "2022-09-08")
    1.0
    >>> years_between("2022", "2021")
    Traceback (most recent call last):
    ...
    ValueError: end 2021-12-31 is not after start 2022-12-31 (elapsed time -1 years)
    """
    t0 = decimal_year(start, start_precision)
    t1 = decimal_year(end, end_precision)
    if t1 <= t0:
        a = period_end(start, start_precision).date()
        b = period_end(end, end_precision).date()
        raise ValueError(f"end {b} is not after start {a} (elapsed time {t1 - t0:g} years)")
    return t1 - t0


# -- measures -----------------------------------------------------------------


def absolute_change(old: Quantity, new: Quantity) -> Quantity:
    """Return ``new - old`` (in the inputs' unit).

    Examples
    --------
    >>> absolute_change(Bounded.exact(5), Bounded.exact(19))
    Bounded(value=14.0, low=14.0, high=14.0, approximate=False, unit=None)
    >>> absolute_change(Bounded.exact(5), Bounded.lower(19)).qualifier
    'lower'
    >>> absolute_change(Bounded.lower(5), Bounded.exact(19)).qualifier
    'upper'
    """
    unit = _check_units(old, new, "subtract")
    return _set_unit(new - old, unit)


def percent_change(old: Quantity, new: Quantity) -> Quantity:
    """Return the change from ``old`` to ``new`` in percent: ``(new / old - 1) * 100``.

    Raises
    ------
    ValueError
        If ``old`` is not positive, or the units differ.

    Examples
    --------
    >>> round(percent_change(160, 188), 6)
    17.5
    >>> percent_change(pd.Series([100.0, 50.0]), pd.Series([150.0, 25.0])).tolist()
    [50.0, -50.0]
    """
    _check_units(old, new, "compare")
    _require(_points(old) > 0, "percent change needs a positive baseline (got zero or less)")
    return _set_unit((new / old - 1) * 100, "percent")


def multiple(old: Quantity, new: Quantity) -> Quantity:
    """Return how many times ``old`` the value ``new`` is: ``new / old``.

    Raises
    ------
    ValueError
        If ``old`` is not positive, or the units differ.

    Examples
    --------
    >>> multiple(2, 7)
    3.5
    """
    _check_units(old, new, "compare")
    _require(_points(old) > 0, "a multiple needs a positive baseline (got zero or less)")
    return _set_unit(new / old, "multiple")


def cagr(old: Quantity, new: Quantity, years: Number | pd.Series) -> Quantity:
    """Return the compound annual growth rate in percent per year.

    ``((new / old) ** (1 / years) - 1) * 100``; get ``years`` from two dated
    observations with :func:`years_between`.

    Raises
    ------
    ValueError
        If ``old`` or ``new`` is not positive, ``years`` is not positive, or the
        units differ.

    Examples
    --------
    >>> round(cagr(100, 121, 2), 10)
    10.0
    >>> cagr(Bounded.exact(100), Bounded.lower(121), 2).qualifier
    'lower'
    >>> cagr(100, 121, 0)
    Traceback (most recent call last):
    ...
    ValueError: CAGR needs a positive elapsed time (got 0 years)
    """
    _check_units(old, new, "compare")
    yrs = np.asarray(years, dtype=float).ravel()
    if not np.all(yrs > 0):
        raise ValueError(f"CAGR needs a positive elapsed time (got {yrs[yrs <= 0][0]:g} years)")
    _require(_points(old) > 0, "CAGR needs a positive start value (got zero or less)")
    _require(_points(new) > 0, "CAGR needs a positive end value (got zero or less)")
    if isinstance(years, pd.Series):
        out = pd.Series(
            [
                ((n / o) ** (1 / y) - 1) * 100
                for o, n, y in zip(*_aligned(old, new, years), strict=True)
            ],
            index=years.index,
        )
        if out.dtype != object:
            out = out.astype(float)
    else:
        out = ((new / old) ** (1 / float(years)) - 1) * 100
    return _set_unit(out, "percent_per_year")


def annualised(pct: Quantity, years: Number) -> Quantity:
    """Return a growth over several years as a compound rate in percent per year.

    ``((1 + pct / 100) ** (1 / years) - 1) * 100``: the CAGR implied by a
    stated total growth ("较2019年底增长了99.79%") without the levels. Equal to
    ``cagr(old, old * (1 + pct / 100), years)``.

    Raises
    ------
    ValueError
        If ``years`` is not positive or ``pct`` is -100 or less.

    Examples
    --------
    >>> round(annualised(21, 2), 10)
    10.0
    >>> annualised(Bounded.lower(21), 2).qualifier
    'lower'
    """
    if not float(years) > 0:
        raise ValueError(f"an annualised rate needs a positive elapsed time (got {years:g} years)")
    _require(_points(pct) > -100, "a growth rate of -100 % or less cannot be annualised")
    pct = _clip(pct, -100.0, INF)  # no quantity shrinks by more than all of it
    return _set_unit(((1 + pct / 100) ** (1 / float(years)) - 1) * 100, "percent_per_year")


def _aligned(*xs: Any) -> tuple[list[Any], ...]:
    n = max(len(x) if isinstance(x, pd.Series) else 1 for x in xs)
    return tuple(list(x) if isinstance(x, pd.Series) else [x] * n for x in xs)


def implied_baseline(value: Quantity, pct: Quantity) -> Quantity:
    """Return the baseline implied by a value and its growth over it: ``value / (1 + pct/100)``.

    "30.37万人次, 较2019年底增长了99.79%" → the end-2019 value.

    Raises
    ------
    ValueError
        If ``pct`` is -100 or less (no positive baseline is implied).

    Examples
    --------
    >>> round(implied_baseline(188, 9.9), 3)
    171.065
    >>> implied_baseline(Bounded.lower(110), 10).qualifier   # a lower-bound value
    'lower'
    >>> implied_baseline(110, Bounded.lower(10)).qualifier   # a lower-bound rate
    'upper'
    """
    _require(_points(pct) > -100, "a growth rate of -100 % or less implies no positive baseline")
    pct = _clip(pct, -100.0, INF)  # no quantity shrinks by more than all of it
    return _set_unit(value / (1 + pct / 100), _unit(value))


def reduction(before: Quantity, after: Quantity) -> Quantity:
    """Return the absolute reduction ``before - after`` (in the inputs' unit).

    Examples
    --------
    >>> r = reduction(Bounded.exact(45, "day"), Bounded.upper(9, "day"))
    >>> (r.value, r.low, r.high, r.qualifier, r.unit)
    (36.0, 36.0, 45.0, 'lower', 'day')
    """
    unit = _check_units(before, after, "subtract")
    return _set_unit(before - after, unit)


def percent_reduction(before: Quantity, after: Quantity) -> Quantity:
    """Return the reduction in percent of ``before``: ``(1 - after / before) * 100``.

    Raises
    ------
    ValueError
        If ``before`` is not positive, or the units differ.

    Examples
    --------
    >>> r = percent_reduction(Bounded.exact(45), Bounded.upper(9))
    >>> (round(r.value, 9), round(r.low, 9), r.high, r.qualifier)
    (80.0, 80.0, 100.0, 'lower')
    """
    _check_units(before, after, "compare")
    _require(_points(before) > 0, "a reduction needs a positive 'before' value")
    return _set_unit((1 - after / before) * 100, "percent")


def per_year(total: Quantity, years: Number | pd.Series) -> Quantity:
    """Return the average amount per year: ``total / years``.

    For a cumulative total since a dated start, get ``years`` with
    :func:`years_between` (start date, as-of date).

    Raises
    ------
    ValueError
        If ``years`` is not positive.

    Examples
    --------
    >>> per_year(Bounded.lower(3.7e8, "CNY"), 2).unit
    'CNY_per_year'
    """
    yrs = np.asarray(years, dtype=float).ravel()
    if not np.all(yrs > 0):
        raise ValueError(f"an average per year needs a positive elapsed time (got {yrs.min():g})")
    unit = _unit(total)
    return _set_unit(total / years, f"{unit}_per_year" if unit else None)


def share(part: Quantity, whole: Quantity) -> Quantity:
    """Return ``part`` as a percent of ``whole``, within [0, 100].

    Raises
    ------
    ValueError
        If ``whole`` is not positive, ``part`` is negative, the units differ, or
        ``part`` is surely larger than ``whole`` (both exact, or the part's low
        end above the whole's high end).

    Examples
    --------
    >>> round(share(169, 748), 4)
    22.5936
    >>> s = share(Bounded.exact(10), Bounded.lower(40))     # whole at least 40
    >>> (s.value, s.low, s.high, s.qualifier)
    (25.0, 0.0, 25.0, 'upper')
    >>> s = share(Bounded.lower(10), Bounded.exact(40))     # part at least 10
    >>> (s.value, s.low, s.high, s.qualifier)
    (25.0, 25.0, 100.0, 'lower')
    >>> share(50, 40)
    Traceback (most recent call last):
    ...
    ValueError: the part (50) is larger than the whole (40)
    """
    _check_units(part, whole, "compare")
    _require(_points(whole) > 0, "a share needs a positive whole (got zero or less)")
    _require(_points(part) >= 0, "a share needs a non-negative part")
    too_big = _points(part, "low") > _points(whole, "high")
    if bool(np.any(too_big)):
        i = int(np.argmax(too_big))
        raise ValueError(
            f"the part ({_points(part)[i]:g}) is larger than the whole ({_points(whole)[i]:g})"
        )
    return _set_unit(_clip(part / whole * 100, 0.0, 100.0), "percent")


def utilisation(use: Quantity, capacity: Quantity) -> Quantity:
    """Return use as a percent of capacity: ``use / capacity * 100`` (may exceed 100).

    Raises
    ------
    ValueError
        If ``capacity`` is not positive, or the units differ.

    Examples
    --------
    >>> u = utilisation(Bounded.lower(27397.26, "person_time_per_day"),
    ...                 Bounded.exact(200000, "person_time_per_day"))
    >>> round(u.value, 4), u.qualifier
    (13.6986, 'lower')
    """
    _check_units(use, capacity, "compare")
    _require(_points(capacity) > 0, "utilisation needs a positive capacity")
    return _set_unit(use / capacity * 100, "percent")


def ratio(amount: Quantity, count: Quantity) -> Quantity:
    """Return ``amount`` per unit of ``count`` (e.g. yuan per investor).

    A lower-bound count gives an upper-bound ratio; a lower-bound amount a
    lower-bound ratio.

    Raises
    ------
    ValueError
        If ``count`` is not positive.

    Examples
    --------
    >>> r = ratio(Bounded.exact(1.18e8, "CNY"), Bounded.lower(125200, "person_time"))
    >>> round(r.value, 2), r.qualifier, r.unit
    (942.49, 'upper', 'CNY_per_person_time')
    """
    _require(_points(count) > 0, "a ratio needs a positive denominator (got zero or less)")
    a, c = _unit(amount), _unit(count)
    unit = f"{a}_per_{c}" if a and c else None
    return _set_unit(amount / count, unit)


# -- rounding --------------------------------------------------------------------------
