"""The kinds of derived measure: one function per kind, and what each reads.

A derived measure (a row of ``data/derived.csv``, or a trajectory between two
dated observations) names a *kind* and its inputs. :data:`KINDS` maps every
kind to a :class:`Kind`: the inputs it reads (:attr:`Kind.forms`) and the one
function that computes it from an :class:`Inputs` (the indicators and events
the measure may read). The function returns a :class:`Result`: the bounded
quantity, the formula that shows the arithmetic, the Chinese unit and a note.
The inputs of each kind are listed in ``docs/manual/derived.md``.

Input slots (:attr:`Kind.forms`): ``q`` an indicator in any unit, ``pct`` an
indicator in percent, ``date`` an event, ``dated`` an indicator with an as-of
date, ``parts`` one or more indicators. Kinds that compare quantities need
them in one unit (:attr:`Kind.same_unit`).

Examples
--------
>>> sorted(KINDS)[:4]
['baseline', 'cagr', 'change', 'daily_average']
>>> KINDS["share"].forms
(('parts', 'q'),)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from gba.analysis.bounded import INF, Bounded
from gba.analysis.growth import (
    absolute_change,
    annualised,
    cagr,
    implied_baseline,
    multiple,
    per_year,
    percent_change,
    percent_reduction,
    period_end,
    period_start,
    ratio,
    reduction,
    share,
    utilisation,
    years_between,
)
from gba.errors import DataError

__all__ = ["KINDS", "Inputs", "Kind", "Result", "evaluate", "indicator_quantity", "number"]

_YEARS_NOTE = "(each date the end of its period; decimal years, actual/actual)"


@dataclass(frozen=True)
class Result:
    """What a kind computes: the quantity, its formula, its Chinese unit and a note."""

    quantity: Bounded
    formula: str
    unit_zh: str
    note: str = ""


def indicator_quantity(indicator_id: str, row: Any) -> Bounded:
    """Return an indicator row as a bounded quantity in the unit it is stated in.

    (A capacity stated per day, 设计日通关量, is counted in its total's unit; the
    kind that reads it as per day, ``utilisation``, says so.)

    Examples
    --------
    >>> from gba import load_indicators
    >>> ind = load_indicators()
    >>> indicator_quantity("c02_gba_lawyers_certified", ind.loc["c02_gba_lawyers_certified"]).unit
    'person'
    """
    return Bounded.from_row(dict(row))


class Inputs:
    """The indicators and events one derived measure may read; records the ids it used."""

    def __init__(
        self,
        derived_id: str,
        indicators: pd.DataFrame,
        events: pd.DataFrame,
        rows: dict[tuple[str, str], Any] | None = None,
    ) -> None:
        self.derived_id = derived_id
        self.indicators = indicators
        self.events = events
        self.used: list[str] = []
        # rows looked up so far, by (file, id), and indicator rows as dicts, by ("", id);
        # measures over the same two tables may share it
        self._rows = {} if rows is None else rows

    def _use(self, table: pd.DataFrame, key: str, file: str, column: str) -> pd.Series:
        if key not in table.index:
            raise DataError(
                f"derived indicator {self.derived_id!r} needs {key!r}, which is missing",
                file=file,
                column=column,
                expected=f"a row with {column} {key!r} (see data/derived.csv)",
            )
        if key not in self.used:
            self.used.append(key)
        row = self._rows.get((file, key))
        if row is None:
            row = self._rows[file, key] = table.loc[key]
        return row

    def q(self, indicator_id: str) -> Bounded:
        """Return an indicator as a bounded quantity in its unit."""
        row = self._use(self.indicators, indicator_id, "indicators.csv", "indicator_id")
        cells = self._rows.get(("", indicator_id))
        if cells is None:
            cells = self._rows["", indicator_id] = row.to_dict()
        return indicator_quantity(indicator_id, cells)

    def unit_zh(self, indicator_id: str) -> str:
        """Return the Chinese unit of an indicator as written."""
        return str(self.indicators.loc[indicator_id, "unit_zh"])

    def date(self, some_id: str) -> tuple[str, str]:
        """Return the date and precision of an event, or the as-of date of an indicator."""
        if some_id in self.indicators.index:
            row = self._use(self.indicators, some_id, "indicators.csv", "indicator_id")
            if pd.isna(row["as_of"]):
                raise DataError(
                    f"derived indicator {self.derived_id!r} needs a date for {some_id!r}",
                    file="indicators.csv",
                    column="as_of",
                    expected="an as-of date on a row a dated measure reads",
                )
            return str(row["as_of"]), str(row["as_of_precision"])
        row = self._use(self.events, some_id, "events.csv", "event_id")
        return str(row["date"]), str(row["precision"])


def number(x: Bounded | float) -> str:
    """Format a number for a formula: integers in full, else 10 significant digits.

    Examples
    --------
    >>> number(303700.0), number(3.4219178082191), number(Bounded.exact(9))
    ('303700', '3.421917808', '9')
    """
    v = x.value if isinstance(x, Bounded) else float(x)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.10g}"


# -- elapsed time, with the bounds a date's precision leaves ---------------------------------


@dataclass(frozen=True)
class Span:
    """Years between two dates: at the ends of their periods, and the least and most."""

    years: float
    least: float
    most: float
    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def exact(self) -> bool:
        """Whether both dates name a day."""
        return self.least == self.years == self.most

    def note(self) -> str:
        """Return the years used, and their bounds when a date names a month or a year."""
        text = f"{number(self.years)} years from {self.start.date()} to {self.end.date()}"
        if not self.exact:
            text += f" (between {number(self.least)} and {number(self.most)} years in the periods"
            text += " the dates name)"
        return f"{text} {_YEARS_NOTE}"


def span(inp: Inputs, start_id: str, end_id: str) -> Span:
    """Return the years between two dated ids, with the bounds their precisions leave.

    A date written to the month (``2023-02``) stands for the end of the month,
    but the figure may refer to any day of it: the least elapsed time runs from
    the end of the first period to the start of the second, the most from the
    start of the first to the end of the second.
    """
    (d0, p0), (d1, p1) = inp.date(start_id), inp.date(end_id)
    years = years_between(d0, d1, p0, p1)
    a0, a1 = period_start(d0, p0), period_end(d0, p0)
    b0, b1 = period_start(d1, p1), period_end(d1, p1)
    least = years_between(a1, b0) if b0 > a1 else 0.0
    return Span(years, least, years_between(a0, b1), a1, b1)


def _over_years(f: Callable[[float], Bounded], when: Span, grows: Bounded) -> Bounded:
    """Widen ``f(years)`` to every elapsed time ``when`` allows (``f`` monotone in years).

    ``grows`` is the ratio new/old: where the least time is zero a rate is
    unbounded on the side the ratio allows.
    """
    point = f(when.years)
    ends = [point, f(when.most)]
    if when.least > 0:
        ends.append(f(when.least))
    low = min(e.low for e in ends)
    high = max(e.high for e in ends)
    if when.least <= 0:
        high = INF if grows.high > 1 else high
        low = -100.0 if grows.low < 1 else low
    return replace(point, low=min(low, point.value), high=max(high, point.value))


# -- the kinds -----------------------------------------------------------------------------------


def _baseline(inp: Inputs, ids: list[str]) -> Result:
    level, growth = inp.q(ids[0]), inp.q(ids[1])
    return Result(
        implied_baseline(level, growth),
        f"{number(level)} / (1 + {number(growth)} / 100)",
        inp.unit_zh(ids[0]),
    )


def _cagr(inp: Inputs, ids: list[str]) -> Result:
    if len(ids) == 3:  # a stated growth in percent between two dates
        growth = inp.q(ids[0])
        when = span(inp, ids[1], ids[2])
        q = _over_years(lambda y: annualised(growth, y), when, 1 + growth / 100)
        formula = f"((1 + {number(growth)} / 100) ** (1 / {number(when.years)}) - 1) * 100"
        return Result(q, formula, "%/年", when.note())
    old, new = inp.q(ids[0]), inp.q(ids[1])
    when = span(inp, ids[0], ids[1])
    q = _over_years(lambda y: cagr(old, new, y), when, new / old)
    formula = f"(({number(new)} / {number(old)}) ** (1 / {number(when.years)}) - 1) * 100"
    return Result(q, formula, "%/年", when.note())


def _doubling_time(inp: Inputs, ids: list[str]) -> Result:
    old, new = inp.q(ids[0]), inp.q(ids[1])
    when = span(inp, ids[0], ids[1])
    times = new / old
    if not times.value > 1:
        raise ValueError(f"a doubling time needs growth ({number(new)} is not above {number(old)})")
    ln2 = math.log(2)

    def years(r: float, y: float) -> float:
        return INF if r <= 1 else y * ln2 / math.log(r) if not math.isinf(r) else 0.0

    value = years(times.value, when.years)
    low = years(times.high, when.least)
    high = years(times.low, when.most)
    q = Bounded(value, min(low, value), max(high, value), times.approximate, "year")
    formula = f"{number(when.years)} * log(2) / log({number(new)} / {number(old)})"
    return Result(q, formula, "年", when.note())


def _reduction(inp: Inputs, ids: list[str]) -> Result:
    before, after = inp.q(ids[0]), inp.q(ids[1])
    return Result(
        reduction(before, after), f"{number(before)} - {number(after)}", inp.unit_zh(ids[0])
    )


def _percent_reduction(inp: Inputs, ids: list[str]) -> Result:
    before, after = inp.q(ids[0]), inp.q(ids[1])
    return Result(
        percent_reduction(before, after), f"(1 - {number(after)} / {number(before)}) * 100", "%"
    )


def _multiple(inp: Inputs, ids: list[str]) -> Result:
    first, total = inp.q(ids[0]), inp.q(ids[1])
    return Result(multiple(first, total), f"{number(total)} / {number(first)}", "倍")


def _per_year(inp: Inputs, ids: list[str]) -> Result:
    total = inp.q(ids[0])
    when = span(inp, ids[1], ids[2])
    q = _over_years(lambda y: per_year(total, y), when, Bounded.exact(2))
    return Result(
        q, f"{number(total)} / {number(when.years)}", f"{inp.unit_zh(ids[0])}/年", when.note()
    )


def _days(inp: Inputs, start_id: str, end_id: str) -> tuple[int, str]:
    a, b = period_end(*inp.date(start_id)), period_end(*inp.date(end_id))
    days = (b - a).days
    return days, f"{days} days from {a.date()} to {b.date()}"


def _daily_average(inp: Inputs, ids: list[str]) -> Result:
    total = inp.q(ids[0])
    days, note = _days(inp, ids[1], ids[2])
    daily = ratio(total, Bounded.exact(days, "day"))
    return Result(daily, f"{number(total)} / {days}", f"{inp.unit_zh(ids[0])}/天", note)


def _utilisation(inp: Inputs, ids: list[str]) -> Result:
    total = inp.q(ids[0])
    days, note = _days(inp, ids[1], ids[2])
    capacity = inp.q(ids[3])  # a capacity per day, in the total's unit
    capacity = capacity.with_unit(f"{capacity.unit}_per_day")
    daily = ratio(total, Bounded.exact(days, "day"))
    formula = f"{number(total)} / {days} / {number(capacity)} * 100"
    return Result(utilisation(daily, capacity), formula, "%", note)


def _share(inp: Inputs, ids: list[str]) -> Result:
    parts, whole = [inp.q(i) for i in ids[:-1]], inp.q(ids[-1])
    total = parts[0]
    for p in parts[1:]:
        total = total + p
    top = " + ".join(number(p) for p in parts)
    top = f"({top})" if len(parts) > 1 else top
    return Result(share(total, whole), f"{top} / {number(whole)} * 100", "%")


def _ratio(inp: Inputs, ids: list[str]) -> Result:
    amount, count = inp.q(ids[0]), inp.q(ids[1])
    unit_zh = f"{inp.unit_zh(ids[0])}/{inp.unit_zh(ids[1])}"
    return Result(ratio(amount, count), f"{number(amount)} / {number(count)}", unit_zh)


def _difference(inp: Inputs, ids: list[str]) -> Result:
    part, whole = inp.q(ids[0]), inp.q(ids[1])
    return Result(
        absolute_change(part, whole), f"{number(whole)} - {number(part)}", inp.unit_zh(ids[1])
    )


def _change(inp: Inputs, ids: list[str]) -> Result:
    old, new = inp.q(ids[0]), inp.q(ids[1])
    return Result(absolute_change(old, new), f"{number(new)} - {number(old)}", inp.unit_zh(ids[1]))


def _percent_change(inp: Inputs, ids: list[str]) -> Result:
    old, new = inp.q(ids[0]), inp.q(ids[1])
    return Result(percent_change(old, new), f"({number(new)} / {number(old)} - 1) * 100", "%")


@dataclass(frozen=True)
class Kind:
    """A kind of derived measure: the inputs it reads and the function computing it.

    ``forms`` lists the accepted sequences of input slots; ``same_unit`` says
    whether its indicator inputs (all but dates and rates) share one unit;
    ``per_day_last`` that its last input is a per-day capacity of the first's unit.
    """

    compute: Callable[[Inputs, list[str]], Result]
    forms: tuple[tuple[str, ...], ...]
    meaning: str
    same_unit: bool = False
    per_day_last: bool = False


#: Every kind of derived measure.
KINDS: dict[str, Kind] = {
    "baseline": Kind(_baseline, (("q", "pct"),), "level / (1 + growth / 100)"),
    "cagr": Kind(
        _cagr,
        (("pct", "date", "date"), ("dated", "dated")),
        "compound annual growth in % per year, from a stated growth or two dated levels",
        same_unit=True,
    ),
    "doubling_time": Kind(
        _doubling_time, (("dated", "dated"),), "years to double at the rate observed", True
    ),
    "reduction": Kind(_reduction, (("q", "q"),), "before - after", same_unit=True),
    "percent_reduction": Kind(
        _percent_reduction, (("q", "q"),), "(1 - after / before) * 100", same_unit=True
    ),
    "multiple": Kind(_multiple, (("q", "q"),), "later / first", same_unit=True),
    "per_year": Kind(_per_year, (("q", "date", "date"),), "total / years between the dates"),
    "daily_average": Kind(_daily_average, (("q", "date", "date"),), "total / days between"),
    "utilisation": Kind(
        _utilisation,
        (("q", "date", "date", "q"),),
        "(total / days) / daily capacity * 100",
        per_day_last=True,
    ),
    "share": Kind(_share, (("parts", "q"),), "sum of parts / whole * 100", same_unit=True),
    "ratio": Kind(_ratio, (("q", "q"),), "amount / count"),
    "difference": Kind(_difference, (("q", "q"),), "whole - part", same_unit=True),
    "change": Kind(_change, (("q", "q"),), "new - old", same_unit=True),
    "percent_change": Kind(_percent_change, (("q", "q"),), "(new / old - 1) * 100", same_unit=True),
}


def form_problem(
    kind: str, ids: list[str], indicators: pd.DataFrame, events: pd.DataFrame
) -> str | None:
    """Return why ``ids`` do not fit ``kind`` (missing, wrong sort, unit), or None.

    Examples
    --------
    >>> from gba.datasets.indicators import load_indicators
    >>> from gba.datasets.events import load_events
    >>> ind, ev = load_indicators(), load_events()
    >>> form_problem("share", ["c10_persons_recognised", "c10_persons_evaluated"], ind, ev)
    >>> form_problem("share", ["c10_persons_recognised", "c03_first_transfer_amount"], ind, ev)
    "share needs its quantities in one unit: c10_persons_recognised is in 'person', ..."
    """
    if kind not in KINDS:
        return f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})"
    spec = KINDS[kind]
    missing = [i for i in ids if i not in indicators.index and i not in events.index]
    if missing:
        return f"{missing[0]!r} is neither an indicator_id nor an event_id"
    reasons = []
    for form in spec.forms:
        slots = list(form)
        if slots[0] == "parts":
            slots = ["q"] * (len(ids) - len(form) + 1) + slots[1:]
        if len(slots) != len(ids) or not slots:
            reasons.append(f"{len(form)} inputs ({'; '.join(form)})")
            continue
        bad = [_slot_problem(s, i, indicators) for s, i in zip(slots, ids, strict=True)]
        bad = [b for b in bad if b]
        if bad:
            reasons.append(bad[0])
            continue
        quantities = [i for s, i in zip(slots, ids, strict=True) if s in ("q", "dated")]
        if spec.per_day_last:  # its last input is a capacity per day in the total's unit
            quantities = quantities[:-1]
            first, cap = str(indicators.loc[ids[0], "unit"]), ids[-1]
            if str(indicators.loc[cap, "unit"]) != first:
                return f"{kind}: {cap!r} is not a capacity in {first!r} per day"
        units = {i: str(indicators.loc[i, "unit"]) for i in quantities}
        if spec.same_unit and len(set(units.values())) > 1:
            a = next(iter(units))
            b = next(i for i in units if units[i] != units[a])
            return (
                f"{kind} needs its quantities in one unit: {a} is in {units[a]!r}, "
                f"{b} in {units[b]!r}"
            )
        return None
    return f"{kind} reads " + " or ".join(reasons)


def _slot_problem(slot: str, some_id: str, indicators: pd.DataFrame) -> str | None:
    is_indicator = some_id in indicators.index
    if slot == "date":
        return None if not is_indicator else f"{some_id!r} should be an event (a date)"
    if not is_indicator:
        return f"{some_id!r} should be an indicator, not an event"
    if slot == "pct" and str(indicators.loc[some_id, "unit"]) != "percent":
        return f"{some_id!r} should be a rate in percent"
    if slot == "dated" and pd.isna(indicators.loc[some_id, "as_of"]):
        return f"{some_id!r} should have an as-of date"
    return None


def evaluate(kind: str, inp: Inputs, ids: Sequence[str]) -> Result:
    """Compute one measure of ``kind`` from ``ids``; impossible input values are a DataError.

    A value that the kind cannot use (a zero baseline, a later date before an earlier one)
    is reported against indicators.csv, naming the measure and the ids it read.
    """
    try:
        return KINDS[kind].compute(inp, ids)
    except ValueError as err:
        if isinstance(err, DataError):
            raise
        raise DataError(
            f"derived indicator {inp.derived_id!r}: {err}",
            file="indicators.csv",
            column="value",
            expected=f"possible values for {', '.join(inp.used or ids)}",
        ) from None
