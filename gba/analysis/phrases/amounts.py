"""Say a number as a reader should read it: rounded, with its bound word and its unit words.

A stated figure is often a bound ("超过3.7亿元": more than 370 million yuan), and a
number computed from it is bounded too; :func:`qualified` says the bound the same
way everywhere ("at least 116.73"), :func:`amount` adds the glossary's words for
the unit, and :func:`round_sig` rounds for printing, never for computing.

Examples
--------
>>> qualified({"value": 116.7347, "qualifier": "lower"}, ".1f")
'at least 116.7'
>>> amount({"value": 3.7e8, "qualifier": "lower"}, "CNY", sig=2)
'at least 370,000,000 yuan'
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["amount", "qualified", "round_sig", "sig_text"]

_BOUND_WORD = {"lower": "at least ", "upper": "at most ", "approx": "about "}


def round_sig(x: float, digits: int = 3) -> float:
    """Round ``x`` to ``digits`` significant digits (for printing, never for computing).

    Parameters
    ----------
    x : float
        A finite number.
    digits : int, optional
        Significant digits, at least 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``digits`` < 1 or ``x`` is not finite.

    Examples
    --------
    >>> round_sig(108126501.2), round_sig(0.012345, 2), round_sig(0.0)
    (108000000.0, 0.012, 0.0)
    """
    if digits < 1:
        raise ValueError(f"digits must be at least 1, not {digits}")
    if not math.isfinite(x):
        raise ValueError(f"cannot round a non-finite number: {x!r}")
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _get(x: Any, name: str) -> Any:
    out = x.get(name) if isinstance(x, Mapping | pd.Series) else getattr(x, name, None)
    return None if out is None or (not isinstance(out, str) and pd.isna(out)) else out


def sig_text(v: float, sig: int) -> str:
    """Format ``v`` rounded to ``sig`` significant digits, with thousands separators.

    Examples
    --------
    >>> sig_text(1234567.0, 3), sig_text(0.012345, 2)
    ('1,230,000', '0.012')
    """
    r = round_sig(v, sig)
    if r == int(r):
        return f"{r:,.0f}"
    return f"{r:,.{max(0, sig - 1 - math.floor(math.log10(abs(r))))}f}"


def qualified(x: Any, fmt: str | None = None, *, sig: int | None = None) -> str:
    """Say a number together with how it is bounded.

    Parameters
    ----------
    x : gba.Bounded, mapping or pandas.Series
        Anything with ``value`` and ``qualifier`` (a row of
        :func:`gba.load_indicators` or :func:`gba.derived_indicators`, or a
        :class:`gba.Bounded`). A range needs its ends: ``low`` and ``high``
        (derived rows, ``Bounded``) or ``value`` and ``value_high`` (indicator rows).
    fmt : str, optional
        Format specification for the numbers (``",.2f"``, ``"g"``, ``".0%"`` …).
        Default: ``",.2f"``; with ``sig``, just the decimals that ``sig``
        significant digits need (none for a whole number).
    sig : int, optional
        Round to this many significant digits before formatting (a total
        stated as "超过3.7亿元" does not support nine digits of its average).

    Returns
    -------
    str
        ``"116.73"`` (exact), ``"at least 116.73"`` (lower bound), ``"at most
        942.49"`` (upper bound), ``"about 345,721.69"`` (approximate), ``"5.00 to
        10.00"`` (range) or ``"116.73 (unbounded)"``.

    Raises
    ------
    ValueError
        For a missing value, an unknown qualifier or a range without its ends.

    Examples
    --------
    >>> from gba.analysis.bounded import Bounded
    >>> qualified(Bounded.exact(1.18e8) / Bounded.lower(125200))
    'at most 942.49'
    >>> qualified({"value": 1.08126501e8, "qualifier": "lower"}, ",.0f", sig=3)
    'at least 108,000,000'
    >>> values = (25.9474, 36.0, 13.7, 0.0123456)
    >>> [qualified({"value": v, "qualifier": "exact"}, sig=4) for v in values]
    ['25.95', '36', '13.70', '0.01235']
    >>> qualified({"value": 5.0, "value_high": 10.0, "qualifier": "range"}, "g")
    '5 to 10'
    >>> qualified({"value": 188, "qualifier": "exact"}, "g")
    '188'
    """
    value, qualifier = _get(x, "value"), _get(x, "qualifier")
    if value is None:
        raise ValueError(f"no value to format in {x!r}")
    if qualifier is None:
        raise ValueError(f"no qualifier in {x!r} (expected exact, lower, upper, approx or range)")

    def num(v: float) -> str:
        if sig and fmt is None:
            return sig_text(float(v), sig)
        return format(round_sig(float(v), sig) if sig else float(v), fmt or ",.2f")

    if qualifier == "exact":
        return num(value)
    if qualifier in _BOUND_WORD:
        return _BOUND_WORD[qualifier] + num(value)
    if qualifier == "unbounded":
        return f"{num(value)} (unbounded)"
    if qualifier == "range":
        if _get(x, "value_high") is not None:  # an indicator row: value-value_high
            low, high = value, _get(x, "value_high")
        else:  # a derived row or a Bounded: low-high
            low, high = _get(x, "low"), _get(x, "high")
        if low is None or high is None:
            raise ValueError(f"a range needs its ends (low/high or value/value_high): {x!r}")
        return f"{num(low)} to {num(high)}"
    expected = "exact, lower, upper, approx, range or unbounded"
    raise ValueError(f"unknown qualifier {qualifier!r} (expected {expected})")


def amount(
    x: Any,
    unit: str,
    fmt: str | None = None,
    *,
    sig: int | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> str:
    """Say a number with its bound and the glossary's words for its unit.

    Parameters
    ----------
    x : gba.Bounded, mapping, pandas.Series or number
        What :func:`qualified` accepts; a plain number is exact.
    unit : str
        A unit code (``person_time``, ``CNY_per_year``, …); its words come from
        the glossary (:func:`gba.unit_words`), singular after exactly 1.
    fmt, sig
        As in :func:`qualified`; with neither, a whole number is written without
        decimals and any other with two.
    data_dir : path-like, optional
        The data folder whose glossary to use.

    Raises
    ------
    KeyError
        For a unit code that is not in the glossary.

    Examples
    --------
    >>> amount({"value": 1e7, "qualifier": "lower"}, "person_time", ",.0f")
    'at least 10,000,000 person-times'
    >>> amount(1, "day", "g"), amount(2.5, "CNY_per_year", "g")
    ('1 day', '2.5 yuan per year')
    >>> amount(3169600.0, "CNY"), amount({"value": 99.79, "qualifier": "approx"}, "percent")
    ('3,169,600 yuan', 'about 99.79 percent')
    """
    from gba.datasets.glossary import unit_words

    if isinstance(x, int | float) and not isinstance(x, bool):
        x = {"value": x, "qualifier": "exact"}
    if fmt is None and sig is None:
        ends = [_get(x, k) for k in ("value", "value_high", "low", "high")]
        whole = all(float(v).is_integer() for v in ends if v is not None and math.isfinite(v))
        fmt = ",.0f" if whole else ",.2f"
    text = qualified(x, fmt, sig=sig)
    one = _get(x, "qualifier") == "exact" and float(_get(x, "value")) == 1
    return f"{text} {unit_words(unit, 1 if one else None, data_dir)}"
