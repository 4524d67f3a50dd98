"""Plain-text phrases for notebooks and reports: bounded numbers, tallies, shares, case lists.

The notebooks never type a number into their prose; they print sentences built
from the data. These helpers keep those sentences short and consistent, so that
every notebook says a bound the same way ("at least 116.73"), counts the same
way ("16 lower, 5 approx") and names cases the same way ("Qingmao Port (7)").
They only format: nothing here computes a measure.

Examples
--------
>>> qualified({"value": 116.7347, "qualifier": "lower"}, ".1f")
'at least 116.7'
>>> tally(pd.Series(["lower", "exact", "lower"]))
'2 lower, 1 exact'
>>> n_of(23, 102)
'23 of 102 (23%)'
>>> in_context("截至2022年底，累计已超过3.7亿元。", 12, 19, width=3)
'…累计已【超过3.7亿元】。'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = [
    "and_list",
    "bullets",
    "case_names",
    "counted",
    "in_context",
    "markdown_table",
    "n_of",
    "qualified",
    "round_sig",
    "tally",
]

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


def _sig_text(v: float, sig: int) -> str:
    """Format ``v`` rounded to ``sig`` significant digits, with thousands separators."""
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
            return _sig_text(float(v), sig)
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


def tally(values: Iterable[Any], labels: Mapping[Any, str] | None = None) -> str:
    """Count the values and say the counts, most frequent first.

    Parameters
    ----------
    values : iterable
        The values to count (a column, say). Missing values are counted as
        ``"missing"``, never dropped.
    labels : mapping, optional
        Display label of each value; a value without one keeps its own name.

    Returns
    -------
    str
        ``"<count> <value>"`` items joined by ``", "``; by decreasing count,
        ties in order of first appearance.

    Examples
    --------
    >>> tally(["b", "a", "b", None, "a", "c"])
    '2 b, 2 a, 1 missing, 1 c'
    >>> tally(["hk", "mo", "hk"], labels={"hk": "Hong Kong"})
    '2 Hong Kong, 1 mo'
    >>> tally([])
    ''
    """
    counts: dict[Any, int] = {}
    for v in values:
        key = "missing" if v is None or (not isinstance(v, str) and pd.isna(v)) else v
        counts[key] = counts.get(key, 0) + 1
    order = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: ties keep first appearance
    labels = labels or {}
    return ", ".join(f"{n} {labels.get(v, v)}" for v, n in order)


def n_of(part: int, whole: int, fmt: str = ".0%") -> str:
    """Say a part of a whole with its share: ``"23 of 102 (23%)"``.

    Parameters
    ----------
    part, whole : int
        Counts, ``0 <= part <= whole`` and ``whole > 0``.
    fmt : str, optional
        Format of the share.

    Raises
    ------
    ValueError
        If the counts do not make a part of a whole.

    Examples
    --------
    >>> n_of(2, 3), n_of(2, 3, ".1%")
    ('2 of 3 (67%)', '2 of 3 (66.7%)')
    """
    part, whole = int(part), int(whole)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(
            f"{part} of {whole} is not a part of a whole (expected 0 <= part <= whole)"
        )
    return f"{part} of {whole} ({format(part / whole, fmt)})"


def case_names(ids: Iterable[int], names: Mapping[int, str] | pd.Series | None = None) -> str:
    """Name cases by short label and number, e.g. ``"Qingmao Port (7)"``.

    Parameters
    ----------
    ids : iterable of int
        Case ids, in the order to list them.
    names : mapping or pandas.Series, optional
        Label by case id (default: ``short_en`` of :func:`gba.load_cases`;
        pass ``short_zh`` for Chinese labels).

    Raises
    ------
    ValueError
        For a case id without a label.

    Examples
    --------
    >>> case_names([7, 9])
    'Qingmao Port (7), Extraterritorial law ascertainment (9)'
    >>> case_names([2], {2: "大湾区律师"})
    '大湾区律师 (2)'
    """
    if names is None:
        from gba.datasets.cases import load_cases

        names = load_cases()["short_en"]
    out = []
    for i in ids:
        key = int(i)
        if key not in names:
            raise ValueError(f"no label for case {key}")
        out.append(f"{names[key]} ({key})")
    return ", ".join(out)


def in_context(text: str, start: int, end: int, width: int = 20) -> str:
    """Show ``text[start:end]`` in 【brackets】 with up to ``width`` characters either side.

    An ellipsis marks a side where the text goes on. Offsets are into the clean
    case text, as everywhere in :mod:`gba`.

    Parameters
    ----------
    text : str
        The clean case text.
    start, end : int
        Half-open span, ``0 <= start <= end <= len(text)``.
    width : int, optional
        Characters of context either side.

    Raises
    ------
    ValueError
        If the span is not inside the text.

    Examples
    --------
    >>> in_context("口岸开通一周年验放量已超1000万人次", 10, 19, width=3)
    '…验放量【已超1000万人次】'
    """
    start, end = int(start), int(end)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is not inside a text of length {len(text)}")
    a, b = max(0, start - width), min(len(text), end + width)
    return (
        f"{'…' if a > 0 else ''}{text[a:start]}【{text[start:end]}】"
        f"{text[end:b]}{'…' if b < len(text) else ''}"
    )


def bullets(items: Iterable[str]) -> str:
    """Join sentences into a Markdown bullet list (one ``- item`` per line).

    Examples
    --------
    >>> print(bullets(["one", "two"]))
    - one
    - two
    """
    return "\n".join(f"- {item}" for item in items)


def and_list(items: Iterable[Any], empty: str = "none") -> str:
    """Join items as an English list: ``"A, B and C"`` (``empty`` when there are none).

    Examples
    --------
    >>> and_list(["Hengqin", "Qianhai", "Nansha"]), and_list(["Hengqin"]), and_list([])
    ('Hengqin, Qianhai and Nansha', 'Hengqin', 'none')
    """
    words = [str(x) for x in items]
    if not words:
        return empty
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """Say a count with its noun in the right number: ``"1 case"``, ``"3 cases"``.

    Examples
    --------
    >>> counted(1, "case"), counted(3, "case"), counted(0, "body", "bodies")
    ('1 case', '3 cases', '0 bodies')
    """
    n = int(n)
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def markdown_table(frame: pd.DataFrame, *, index: bool = True, missing: str = "–") -> str:
    """Render a small table as a Markdown table (cells as given; missing cells as ``missing``).

    Format the numbers before (e.g. ``frame.round(2)``): this only lays the cells out.
    A ``|`` inside a cell is escaped.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"alpha": ["0.79", None]}, index=["Mode", "Scope"])))
    |  | alpha |
    |---|---|
    | Mode | 0.79 |
    | Scope | – |
    """

    def cell(v: Any) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return missing
        return str(v).replace("|", "\\|")

    head = ([str(frame.index.name or "")] if index else []) + [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in frame.iterrows():
        cells = ([cell(key)] if index else []) + [cell(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
