r"""A stated quantity as a number with its bounds: :class:`Bounded`.

A point ``value``, the interval ``[low, high]`` the true quantity lies in, an
``approximate`` flag and a ``unit``. Arithmetic is interval arithmetic, and the
result's qualifier (exact, lower, upper, range, unbounded, approx) says where
its value sits in its interval: see ``docs/manual/growth.md``.

Examples
--------
>>> x = Bounded.lower(3.7e8, unit="CNY") / Bounded.exact(3169600, unit="CNY")
>>> x.qualifier, round(x.value, 2)
('lower', 116.73)
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "INF",
    "NEARLY",
    "QUALIFIERS",
    "Bounded",
    "Number",
    "Quantity",
    "bounded",
    "printed_step",
    "rounding_range",
    "significant_digits",
    "significant_step",
    "to_columns",
]

INF = math.inf
#: words for "nearly": the figure is an upper end (see :meth:`Bounded.nearly`)
NEARLY = ("近", "将近", "接近", "將近")
#: Qualifiers a :class:`Bounded` can have (the first five are those of stated numbers).
QUALIFIERS = ("exact", "lower", "upper", "approx", "range", "unbounded")


@dataclass(frozen=True)
class Bounded:
    """A quantity: its point value, the interval it lies in, and how it was stated.

    Build one with :meth:`exact`, :meth:`lower`, :meth:`upper`, :meth:`approx`,
    :meth:`range` or :meth:`from_row`; see ``docs/manual/growth.md`` for the rules
    of arithmetic and of :attr:`qualifier`.

    Parameters
    ----------
    value : float
        The point value: the number as stated (the midpoint for a range).
    low, high : float
        The interval ``[low, high]`` the true quantity lies in (``-inf`` and
        ``inf`` allowed); ``low <= value <= high``.
    approximate : bool, default False
        Whether the value is approximate ("近", "约").
    unit : str, optional
        The unit, checked by functions that add, subtract or compare shares.

    Examples
    --------
    >>> after = Bounded.upper(9, unit="day")                # 9天以内
    >>> before = Bounded.exact(45, unit="day")              # 平均45天
    >>> cut = before - after
    >>> cut.value, cut.low, cut.high, cut.qualifier
    (36.0, 36.0, 45.0, 'lower')
    >>> print(Bounded.exact(1.18e8) / Bounded.lower(125200))
    ≤942.492
    """

    value: float
    low: float
    high: float
    approximate: bool = False
    unit: str | None = None

    def __post_init__(self) -> None:
        for name in ("value", "low", "high"):
            object.__setattr__(self, name, float(getattr(self, name)))
        if any(math.isnan(x) for x in (self.value, self.low, self.high)):
            raise ValueError(f"a quantity cannot be NaN: {self!r}")
        if math.isinf(self.value):
            raise ValueError(f"a quantity's value must be finite: {self!r}")
        if not self.low <= self.value <= self.high:
            raise ValueError(
                f"value {self.value:g} is not inside [{self.low:g}, {self.high:g}] "
                "(expected low <= value <= high)"
            )

    # -- constructors -----------------------------------------------------
    @classmethod
    def exact(cls, x: float, unit: str | None = None) -> Bounded:
        """Return an exactly stated number."""
        return cls(x, x, x, False, unit)

    @classmethod
    def lower(cls, x: float, unit: str | None = None) -> Bounded:
        """Return a lower bound: the true quantity is at least ``x`` ("超过", "以上", "余")."""
        return cls(x, x, INF, False, unit)

    @classmethod
    def upper(cls, x: float, unit: str | None = None, floor: float = 0.0) -> Bounded:
        """Return an upper bound: at most ``x`` ("以内", "不超过"), and at least ``floor``."""
        if floor > x:
            raise ValueError(f"floor {floor:g} is above the upper bound {x:g}")
        return cls(x, floor, x, False, unit)

    @classmethod
    def approx(cls, x: float, unit: str | None = None) -> Bounded:
        """Return an approximate number ("近", "约"); no interval is known."""
        return cls(x, x, x, True, unit)

    @classmethod
    def nearly(cls, x: float, step: float, unit: str | None = None) -> Bounded:
        """Return "nearly x" (近, 将近, 接近): at or just below ``x``, approximate.

        The true quantity lies in ``[x - step, x]``: below the figure, by less
        than one unit of its last significant digit (:func:`significant_step`).

        Examples
        --------
        >>> b = Bounded.nearly(4e10, 1e10)     # 近400亿元
        >>> (b.low, b.value, b.high, b.qualifier)
        (30000000000.0, 40000000000.0, 40000000000.0, 'approx')
        """
        if not step > 0:
            raise ValueError(f"a step must be positive, got {step!r}")
        return cls(x, max(x - step, 0.0), x, True, unit)

    @classmethod
    def about(cls, x: float, step: float, unit: str | None = None) -> Bounded:
        """Return "about x" (约): within half a unit of its last significant digit, approximate.

        Examples
        --------
        >>> b = Bounded.about(30, 10)          # 约30%
        >>> (b.low, b.value, b.high, b.qualifier)
        (25.0, 30.0, 35.0, 'approx')
        """
        if not step > 0:
            raise ValueError(f"a step must be positive, got {step!r}")
        return cls(x, x - step / 2, x + step / 2, True, unit)

    @classmethod
    def range(cls, low: float, high: float, unit: str | None = None) -> Bounded:
        """Return a stated range ``low``-``high``; its value is the midpoint."""
        if not low < high:
            raise ValueError(f"a range needs low < high, got {low:g}-{high:g}")
        return cls((low + high) / 2, low, high, False, unit)

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | Any, *, nonnegative: bool = True) -> Bounded:
        """Build a quantity from a row of the indicators table.

        The row has ``value`` and ``qualifier``, and optionally ``value_high``
        (for a range), ``unit`` and ``span`` (the words stating it). An
        ``approx`` row whose span starts with 近, 将近 or 接近 is "nearly"
        (:meth:`nearly`: at or just below the figure); any other ``approx``
        row with a span is "about" (:meth:`about`); without a span an
        ``approx`` row has no interval (``[x, x]``).

        Parameters
        ----------
        row : mapping, pandas.Series or namedtuple-like
            ``row["value"]`` or ``row.value`` etc.
        nonnegative : bool, default True
            Whether the quantity cannot be negative (the floor of an upper bound).

        Raises
        ------
        ValueError
            For an unknown qualifier, or a range without ``value_high``.

        Examples
        --------
        >>> Bounded.from_row({"value": 5, "value_high": 10, "qualifier": "range", "unit": "day"})
        Bounded(value=7.5, low=5.0, high=10.0, approximate=False, unit='day')
        """

        def get(name: str) -> Any:
            if isinstance(row, (pd.Series, Mapping)):
                out = row.get(name)
            else:
                out = getattr(row, name, None)
            return None if out is None or (not isinstance(out, str) and pd.isna(out)) else out

        value, qualifier, unit = get("value"), get("qualifier"), get("unit")
        if value is None:
            raise ValueError(f"row has no value: {row!r}")
        unit = None if unit is None else str(unit)
        if qualifier in (None, "exact"):
            return cls.exact(value, unit)
        if qualifier == "lower":
            return cls.lower(value, unit)
        if qualifier == "upper":
            return cls.upper(value, unit, floor=0.0 if nonnegative else -INF)
        if qualifier == "approx":
            span = get("span")
            if span is None:
                return cls.approx(value, unit)
            step = significant_step(str(span))
            if str(span).lstrip().startswith(NEARLY):
                return cls.nearly(value, step, unit)
            return cls.about(value, step, unit)
        if qualifier == "range":
            high = get("value_high")
            if high is None:
                raise ValueError(f"a range row needs value_high: {row!r}")
            return cls.range(value, high, unit)
        raise ValueError(
            f"unknown qualifier {qualifier!r} (expected one of exact, lower, upper, approx, range)"
        )

    # -- description ------------------------------------------------------
    @property
    def qualifier(self) -> str:
        """How the value relates to the true quantity (see ``docs/manual/growth.md``)."""
        if self.approximate:
            return "approx"
        at_low = self.low == self.value
        at_high = self.high == self.value
        if at_low and at_high:
            return "exact"
        if at_low:
            return "lower"
        if at_high:
            return "upper"
        if math.isinf(self.low) or math.isinf(self.high):
            return "unbounded"
        return "range"

    def __str__(self) -> str:
        q = self.qualifier
        v = f"{self.value:g}"
        if q == "lower":
            return f"≥{v}"
        if q == "upper":
            return f"≤{v}"
        if q == "approx":
            return f"≈{v}"
        if q == "range":
            return f"{self.low:g}–{self.high:g}"
        if q == "unbounded":
            return f"{v} (unbounded)"
        return v

    # -- arithmetic ---------------------------------------------------------
    def _combine(self, other: Any, op: Callable[[float, float], float]) -> Bounded:
        """Apply ``op`` to the values and to every pair of ends (for * and /)."""
        x, y = self, _as_bounded(other)
        value = op(x.value, y.value)
        ends = [op(p, q) for p in (x.low, x.high) for q in (y.low, y.high)]
        ends = [e for e in ends if not math.isnan(e)]
        return Bounded(value, min(ends), max(ends), x.approximate or y.approximate, None)

    def __add__(self, other: Any) -> Bounded:
        b = _as_bounded(other)
        unit = _common_unit(self, b, "add")
        return Bounded(
            self.value + b.value,
            self.low + b.low,
            self.high + b.high,
            self.approximate or b.approximate,
            unit,
        )

    __radd__ = __add__

    def __neg__(self) -> Bounded:
        return Bounded(-self.value, -self.high, -self.low, self.approximate, self.unit)

    def __sub__(self, other: Any) -> Bounded:
        return self + (-_as_bounded(other))

    def __rsub__(self, other: Any) -> Bounded:
        return _as_bounded(other) + (-self)

    def __mul__(self, other: Any) -> Bounded:
        return self._combine(other, _mul)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Bounded:
        return _divide(self, _as_bounded(other))

    def __rtruediv__(self, other: Any) -> Bounded:
        return _divide(_as_bounded(other), self)

    def __pow__(self, exponent: float) -> Bounded:
        if isinstance(exponent, Bounded):
            raise TypeError("only a plain number can be an exponent")
        p = float(exponent)
        if self.low < 0 and p != int(p):
            raise ValueError(f"cannot raise a possibly negative quantity {self} to the power {p:g}")
        if self.value == 0 and p < 0:
            raise ValueError("cannot raise zero to a negative power")
        ends = [_pow(self.low, p), _pow(self.high, p)]
        if self.low < 0 < self.high and p > 0 and p == int(p) and int(p) % 2 == 0:
            ends.append(0.0)
        return Bounded(self.value**p, min(ends), max(ends), self.approximate, None)

    def with_unit(self, unit: str | None) -> Bounded:
        """Return a copy with another unit."""
        return dataclasses.replace(self, unit=unit)


Number = float | int | np.floating | np.integer
Quantity = Number | Bounded | pd.Series


def _mul(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b


def _div(a: float, b: float) -> float:
    if b == 0:  # the limit towards the end of an interval touching zero
        return 0.0 if a == 0 else math.copysign(INF, a)
    return a / b


def _pow(a: float, p: float) -> float:
    if a == 0 and p < 0:
        return INF
    if math.isinf(a):
        return INF if p > 0 else (0.0 if p < 0 else 1.0)
    return a**p


def _divide(x: Bounded, y: Bounded) -> Bounded:
    if y.value == 0:
        raise ValueError("division by zero")
    if y.low < 0 < y.high:  # the divisor may be either sign: no bound at all
        return Bounded(x.value / y.value, -INF, INF, x.approximate or y.approximate, None)
    return x._combine(y, _div)


def _as_bounded(x: Any) -> Bounded:
    if isinstance(x, Bounded):
        return x
    if isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool):
        return Bounded.exact(float(x))
    raise TypeError(f"expected a number or a Bounded, got {type(x).__name__}")


def _common_unit(a: Bounded, b: Bounded, what: str) -> str | None:
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        raise ValueError(f"cannot {what} quantities in different units: {a.unit!r} and {b.unit!r}")
    return a.unit if a.unit is not None else b.unit


_MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2}
_NUMBER = re.compile(r"(\d+(?:\.(\d+))?)\s*(万亿|亿|千万|百万|万|千|百)?")


def printed_step(span: str) -> float:
    """Return the value of one unit in the last printed digit of a stated number.

    ``30.37万`` is printed to 0.01万, i.e. to 100; ``99.79%`` to 0.01; ``188`` to 1.
    Half the step either side is the interval the printed figure was rounded
    from (see :func:`rounding_range`).

    Raises
    ------
    ValueError
        If the text holds no number.

    Examples
    --------
    >>> printed_step("30.37万人次"), printed_step("99.79%"), printed_step("188户")
    (100.0, 0.01, 1.0)
    >>> printed_step("超过3.7亿元")
    10000000.0
    """
    found = _NUMBER.search(span)
    if found is None:
        raise ValueError(f"no number in {span!r}")
    decimals = len(found.group(2) or "")
    scale = _MULTIPLIERS.get(found.group(3) or "", 1.0)
    return round(scale * 10.0**-decimals, 12)


def significant_step(span: str) -> float:
    """Return one unit of the last significant digit of a stated number.

    Like :func:`printed_step`, except that the trailing zeros of a whole
    number are not significant: ``400亿`` is stated to 100亿, ``3千`` to 1000,
    ``7.25万`` to 100 and ``30%`` to 10. The bounds of 近 and 约 use it.

    Examples
    --------
    >>> significant_step("近400亿元"), significant_step("近3千家"), significant_step("近7.25万人")
    (10000000000.0, 1000.0, 100.0)
    >>> significant_step("约30%"), significant_step("近1000万元")
    (10.0, 10000000.0)
    """
    found = _NUMBER.search(span.replace(",", ""))
    if found is None:
        raise ValueError(f"no number in {span!r}")
    scale = _MULTIPLIERS.get(found.group(3) or "", 1.0)
    if found.group(2):
        return round(scale * 10.0 ** -len(found.group(2)), 12)
    digits = found.group(1)
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return round(scale * 10.0**zeros, 12)


def significant_digits(span: str, value: float) -> int:
    """Return how many significant digits a stated figure has (see :func:`significant_step`).

    A result computed from it is printed to no more digits than its least precise input.

    Examples
    --------
    >>> significant_digits("22.2亿元", 2.22e9), significant_digits("4.1万位", 41000)
    (3, 2)
    >>> significant_digits("近400亿元", 4e10), significant_digits("188户", 188)
    (1, 3)
    """
    return max(1, math.floor(math.log10(abs(value) / significant_step(span)) + 1e-9) + 1)


def rounding_range(value: float, step: float) -> Bounded:
    """Return the range a figure printed to ``step`` was rounded from: value ± step/2.

    Examples
    --------
    >>> r = rounding_range(9.9, 0.1)
    >>> round(r.low, 10), round(r.high, 10), r.qualifier
    (9.85, 9.95, 'range')
    """
    if not step > 0:
        raise ValueError(f"a rounding step must be positive, got {step!r}")
    return Bounded.range(value - step / 2, value + step / 2)


# -- tables ---------------------------------------------------------------------


def bounded(frame: pd.DataFrame, *, nonnegative: bool = True) -> pd.Series:
    """Return a Series of :class:`Bounded`, one per row of an indicators-like frame.

    The frame needs ``value`` and ``qualifier`` columns (``value_high`` for
    ranges, ``unit`` optional); see :meth:`Bounded.from_row`.

    Examples
    --------
    >>> f = pd.DataFrame({"value": [45.0, 9.0], "qualifier": ["exact", "upper"]})
    >>> [str(b) for b in bounded(f)]
    ['45', '≤9']
    """
    return pd.Series(
        [Bounded.from_row(r, nonnegative=nonnegative) for r in frame.to_dict("records")],
        index=frame.index,
        dtype=object,
    )


def to_columns(values: Iterable[Bounded] | pd.Series) -> pd.DataFrame:
    """Return columns value, low, high, qualifier and unit for quantities.

    Examples
    --------
    >>> to_columns([Bounded.lower(3), Bounded.upper(4, "day")])
       value  low   high qualifier  unit
    0    3.0  3.0    inf     lower  <NA>
    1    4.0  0.0    4.0     upper   day
    """
    items = list(values)
    index = values.index if isinstance(values, pd.Series) else None
    return pd.DataFrame(
        {
            "value": pd.Series([b.value for b in items], dtype="float64", index=index),
            "low": pd.Series([b.low for b in items], dtype="float64", index=index),
            "high": pd.Series([b.high for b in items], dtype="float64", index=index),
            "qualifier": pd.Series([b.qualifier for b in items], dtype="string", index=index),
            "unit": pd.Series([b.unit for b in items], dtype="string", index=index),
        }
    )
