"""Counts, shares, lists, case names and quoted spans, said in English words.

Every notebook counts the same way ("16 lower, 5 approx", "23 of 102 (23%)"),
names cases the same way ("Qingmao Port (7)") and quotes a span of a case text
in its context the same way (【…】).

Examples
--------
>>> tally(pd.Series(["lower", "exact", "lower"]))
'2 lower, 1 exact'
>>> n_of(23, 102)
'23 of 102 (23%)'
>>> in_context("截至2022年底，累计已超过3.7亿元。", 12, 19, width=3)
'…累计已【超过3.7亿元】。'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["case_names", "counted", "in_context", "listing", "n_of", "tally"]


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


def n_of(part: int, whole: int, fmt: str = ".0%", *, noun: str | None = None) -> str:
    """Say a part of a whole with its share: ``"23 of 102 (23%)"``.

    Parameters
    ----------
    part, whole : int
        Counts, ``0 <= part <= whole`` and ``whole > 0``.
    fmt : str, optional
        Format of the share.
    noun : str, optional
        What is counted, in the plural (``"cases"``): ``"18 of 20 cases (90%)"``.

    Raises
    ------
    ValueError
        If the counts do not make a part of a whole.

    Examples
    --------
    >>> n_of(2, 3), n_of(2, 3, ".1%")
    ('2 of 3 (67%)', '2 of 3 (66.7%)')
    >>> n_of(1, 20, noun="cases")
    '1 of 20 cases (5%)'
    """
    part, whole = int(part), int(whole)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(
            f"{part} of {whole} is not a part of a whole (expected 0 <= part <= whole)"
        )
    whole_text = f"{whole} {noun}" if noun else f"{whole}"
    return f"{part} of {whole_text} ({format(part / whole, fmt)})"


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


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """Say a count with its noun, singular for exactly one: ``"1 case"``, ``"3 cases"``.

    Parameters
    ----------
    n : int
        The count.
    singular : str
        The noun for one.
    plural : str, optional
        The noun for any other count (default: ``singular + "s"``).

    Examples
    --------
    >>> counted(1, "case"), counted(0, "case"), counted(2, "body", "bodies")
    ('1 case', '0 cases', '2 bodies')
    """
    n = int(n)
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def listing(items: Iterable[Any], conjunction: str = "and", *, empty: str = "") -> str:
    """Join items as English prose: ``"a"``, ``"a and b"``, ``"a, b and c"`` (``empty`` if none).

    Examples
    --------
    >>> listing(["Hong Kong"]), listing(["Hong Kong", "Macao"])
    ('Hong Kong', 'Hong Kong and Macao')
    >>> listing(["outcomes", "outputs", "inputs"], "or")
    'outcomes, outputs or inputs'
    >>> listing([]), listing([], empty="no zone")
    ('', 'no zone')
    """
    words = [str(i) for i in items]
    if not words:
        return empty
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
