"""How growth is said: intervals of rates and multiples, stated figures, a series' trajectory.

Notebook 02 says a growth measure by the interval its inputs allow
(:func:`growth_interval`), a stated figure in its own digits with its bound word
(:func:`stated_figure`), and a series from its first to its last observation
(:func:`trajectory_sentence`).

Examples
--------
>>> growth_interval(71.73, 76.82, 83.14, unit="%", tail=" a year")
'72% to 83% a year'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from gba.analysis.phrases.amounts import sig_text

__all__ = [
    "NO_BOUND_FACTOR",
    "SOURCE_TYPE_WORDS",
    "growth_interval",
    "stated_figure",
    "trajectory_sentence",
]

#: how each source type is said (sources.csv ``source_type``)
SOURCE_TYPE_WORDS = {
    "official_release": "official release",
    "official_statistics": "official statistics",
    "official_media": "official media",
    "media_quoting_official": "media quoting an official",
    "other": "other source",
}


#: an upper end this many times the value bounds nothing a reader can use
NO_BOUND_FACTOR = 100.0


def growth_interval(
    low: float, value: float, high: float, sig: int = 2, unit: str = "", tail: str = ""
) -> str:
    """Say a growth measure by the interval its inputs allow, to ``sig`` significant digits.

    ``low == high`` (at ``sig`` digits): the value; ``high`` infinite: "at
    least <low>"; ``low`` at or below zero, ``high`` finite and ``value``
    positive: "at most <high>"; ``low`` at or below zero and ``high``
    infinite: the value "as stated (the figures bound it in neither
    direction)"; otherwise "<low> to <high>". An upper end more than
    :data:`NO_BOUND_FACTOR` times the value (a rate over the one day a year-dated
    figure allows) is said as no upper bound, a positive lower end below a hundredth
    of the value as zero. ``unit`` follows each number
    (``"%"``), ``tail`` the phrase (``" a year"``).

    Examples
    --------
    >>> growth_interval(43.9, 45.3, math.inf, unit="%", tail=" a year")
    'at least 44% a year'
    >>> growth_interval(71.73, 76.82, 83.14, unit="%", tail=" a year")
    '72% to 83% a year'
    >>> growth_interval(14.09, 14.09, 7.9e22, unit="%", tail=" a year")
    'at least 14% a year'
    >>> growth_interval(-100, 69.17, math.inf, unit="%")
    '69% as stated (the figures bound it in neither direction)'
    >>> growth_interval(1.2, 1.2, 1.2, tail=" years"), growth_interval(0, 942.49, 942.49, sig=3)
    ('1.2 years', 'at most 942')
    """

    def num(v: float) -> str:
        return sig_text(float(v), sig) + unit

    if high > NO_BOUND_FACTOR * max(abs(value), 1.0):
        high = math.inf
    if 0 < low < value / NO_BOUND_FACTOR:  # as close to zero as a reader can use
        low = 0.0
    if math.isinf(high) and low <= 0:
        return f"{num(value)}{tail} as stated (the figures bound it in neither direction)"
    if math.isinf(high):
        return f"at least {num(low)}{tail}"
    if low == high or num(low) == num(high):
        return num(value) + tail
    if low <= 0 < value <= high:
        return f"at most {num(high)}{tail}"
    return f"{num(low)} to {num(high)}{tail}"


def stated_figure(value: float, qualifier: str, unit_word: str = "", span: str = "") -> str:
    """Say a stated figure as stated (its own digits), with its bound word and unit word.

    An approximate figure whose ``span`` says 近 (将近, 接近) is "nearly", any
    other "about" (see ``docs/manual/growth.md``).

    Examples
    --------
    >>> stated_figure(630, "lower", "people"), stated_figure(164600, "exact")
    ('more than 630 people', '164,600')
    >>> stated_figure(4e10, "approx", "yuan", span="近400亿元")
    'nearly 40,000,000,000 yuan'
    """
    from gba.analysis.bounded import NEARLY

    word = {"lower": "more than ", "upper": "at most ", "approx": "about "}.get(qualifier, "")
    if qualifier == "approx" and span.lstrip().startswith(NEARLY):
        word = "nearly "
    number = f"{value:,.0f}" if float(value) == int(value) else f"{value:,}"
    return f"{word}{number}" + (f" {unit_word}" if unit_word else "")


def trajectory_sentence(row: Mapping[str, Any] | pd.Series, case: str, unit_word: str) -> str:
    """Say how one series grew: from its first to its last observation, with bounds.

    ``row`` is a row of :func:`gba.trajectories` (with ``whole=True`` for a
    whole series); ``case`` names the programme (:func:`case_names`) and
    ``unit_word`` what is counted (:func:`gba.unit_words` of the unit, or the
    series' name). Rates and multiples are
    given to two significant digits (the stated figures have two to four),
    and flows (``measure`` flow) are called a yearly flow.

    Examples
    --------
    >>> import gba
    >>> w = gba.trajectories(whole=True)
    >>> text = trajectory_sentence(w[w["case_id"] == 2].iloc[0], "GBA lawyers (2)", "people")
    >>> text[:72]
    'GBA lawyers (2), people (running total): from 224 (2023-02-28, official '
    >>> text[text.index("×") :]
    '×2.8 in 2.8 years; compound growth at least 44% a year, doubling in at most 1.9 years.'
    >>> text[text.index(", at least ×") :][:16]
    ', at least ×2.8 '
    """
    what = {"cumulative": "running total", "stock": "level", "flow": "yearly flow"}[
        str(row["measure"])
    ]
    first = stated_figure(row["value_from"], str(row["qualifier_from"]))
    last = stated_figure(row["value_to"], str(row["qualifier_to"]))
    src_a = SOURCE_TYPE_WORDS[str(row["source_type_from"])]
    src_b = SOURCE_TYPE_WORDS[str(row["source_type_to"])]
    times = f"{float(row['value_to']) / float(row['value_from']):#.2g}".rstrip(".")
    pair = (str(row["qualifier_from"]), str(row["qualifier_to"]))
    bound = {("exact", "lower"): "at least ", ("lower", "exact"): "at most "}.get(pair, "")
    if pair == ("lower", "lower"):
        times += " as stated"
    rate = growth_interval(row["cagr_low"], row["cagr"], row["cagr_high"], unit="%", tail=" a year")
    years = f"{float(row['years']):#.2g}".rstrip(".")
    text = (
        f"{case}, {unit_word} ({what}): from {first} ({row['date_from']}, {src_a}) to {last} "
        f"({row['date_to']}, {src_b}), {bound}×{times} in {years} years; compound growth {rate}"
    )
    if not pd.isna(row["doubling_years"]) and not math.isinf(row["doubling_high"]):
        doubling = growth_interval(
            row["doubling_low"], row["doubling_years"], row["doubling_high"], tail=" years"
        )
        text += f", doubling in {doubling}"
    return text + "."
