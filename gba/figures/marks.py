"""Marks shared by the growth figures: qualifier markers, compact numbers, log ticks.

Every growth figure marks how each number is stated with one shape, the same
in every figure:

=========  ======  ================================================
qualifier  marker  meaning
=========  ======  ================================================
exact      ●       the figure as stated
lower      ▶       at least the value (超过, 以上, 余 …)
upper      ◀       at most the value (以内, 不到 …)
approx     ◇       approximately (近 at or just below, 约 either side)
range      ├─┤     between two values (the marker sits at the midpoint)
=========  ======  ================================================

On a log axis that runs left to right, ▶ points towards where the true value
may lie (it is at least the value) and ◀ towards smaller values.

Examples
--------
>>> human(303700, "en"), human(303700, "zh"), human(3.7e8, "zh")
('303.7k', '30.37万', '3.7亿')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from gba.analysis.bounded import Bounded
from gba.datasets.cases import load_cases
from gba.figures.style import case_ticks, tr

__all__ = [
    "QUALIFIER_MARKERS",
    "case_rows",
    "cluster_offsets",
    "derived_quantity",
    "human",
    "log_ticks",
    "plot_quantity",
    "qualifier_handles",
    "stated_label",
    "thin_log_ticks",
    "tick_label",
]

#: Marker of each qualifier: (matplotlib marker, filled).
QUALIFIER_MARKERS: dict[str, tuple[str, bool]] = {
    "exact": ("o", True),
    "lower": (">", True),
    "upper": ("<", True),
    "approx": ("D", False),
    "range": ("|", True),
    "unbounded": ("x", True),
}
_QUALIFIER_LABELS = {
    "exact": ("exact", "确数"),
    "lower": ("at least (lower bound)", "至少（下限）"),
    "upper": ("at most (upper bound)", "至多（上限）"),
    "approx": ("approximately", "约数"),
    "range": ("range", "区间"),
    "unbounded": ("no bound", "无界"),
}


# -- number formatting ----------------------------------------------------------------


def human(value: float, lang: str) -> str:
    """Format a number compactly: 1.2k / 3.4M / 5.6B in English, 万 / 亿 in Chinese.

    Examples
    --------
    >>> [human(v, "en") for v in (9, 0.5, 1789, 41000, 3.7e8, 1.272e11)]
    ['9', '0.5', '1,789', '41k', '370M', '127.2B']
    >>> [human(v, "zh") for v in (9, 1789, 41000, 1.18e8, 4e10)]
    ['9', '1789', '4.1万', '1.18亿', '400亿']
    """
    v = float(value)
    a = abs(v)
    if lang == "zh":
        steps = ((1e8, "亿"), (1e4, "万"))
        for size, word in steps:
            if a >= size:
                return f"{_trim(v / size)}{word}"
        return _trim(v)
    for threshold, size, word in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if a >= threshold:  # 1,789 stays in full; 41,000 is 41k
            return f"{_trim(v / size)}{word}"
    return f"{v:,.0f}" if a >= 1000 and v == int(v) else _trim(v)


def _trim(v: float) -> str:
    """Up to 4 significant digits, no trailing zeros."""
    if v == int(v) and abs(v) < 1e4:
        return str(int(v))
    return f"{v:.4g}"


def tick_label(value: float, lang: str) -> str:
    """Label a power of ten on a log axis: 1k, 10M, 1B … or 1000, 1万, 10亿 ….

    Examples
    --------
    >>> [tick_label(10.0**e, "en") for e in (0, 3, 4, 6, 9, 12)]
    ['1', '1k', '10k', '1M', '1B', '1T']
    >>> [tick_label(10.0**e, "zh") for e in (-1, 3, 4, 8, 11, 12)]
    ['0.1', '1000', '1万', '1亿', '1000亿', '1万亿']
    """
    e = round(math.log10(value))
    if lang == "zh":
        for size, word in ((12, "万亿"), (8, "亿"), (4, "万")):
            if e >= size:
                return f"{10 ** (e - size)}{word}"
    else:
        for size, word in ((12, "T"), (9, "B"), (6, "M"), (3, "k")):
            if e >= size:
                return f"{10 ** (e - size)}{word}"
    return f"{10.0**e:g}"


def log_ticks(lang: str) -> FuncFormatter:
    """Return a formatter that labels the powers of ten of a log axis (:func:`tick_label`)."""

    def fmt(v: float, _pos: int) -> str:
        if v <= 0 or abs(math.log10(v) - round(math.log10(v))) > 1e-9:
            return ""
        return tick_label(v, lang)

    return FuncFormatter(fmt)


def stated_label(q: Bounded, lang: str) -> str:
    """Return a quantity as a label: ≥3.7亿, ≤9, ≈400亿, 5–10."""
    sign = {"lower": "≥", "upper": "≤", "approx": "≈"}.get(q.qualifier, "")
    if q.qualifier == "range":
        return f"{human(q.low, lang)}–{human(q.high, lang)}"
    return f"{sign}{human(q.value, lang)}"


def plot_quantity(
    ax: Axes, x: float, y: float, qualifier: str, color: str, size: float = 4.5, **kw: Any
) -> None:
    """Draw one stated quantity at ``(x, y)`` with the marker of its qualifier."""
    marker, filled = QUALIFIER_MARKERS[qualifier]
    ax.plot(
        [x],
        [y],
        linestyle="none",
        marker=marker,
        markersize=size if marker != "|" else size * 1.6,
        markerfacecolor=color if filled else "white",
        markeredgecolor=color,
        markeredgewidth=0.9,
        **kw,
    )


def qualifier_handles(qualifiers: Iterable[str], lang: str, color: str = "#333333") -> list:
    """Return legend handles for the qualifiers present, in the order of the table above."""
    handles = []
    for q in QUALIFIER_MARKERS:
        if q not in set(qualifiers):
            continue
        marker, filled = QUALIFIER_MARKERS[q]
        en, zh = _QUALIFIER_LABELS[q]
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker=marker,
                markersize=4.5 if marker != "|" else 7,
                markerfacecolor=color if filled else "white",
                markeredgecolor=color,
                markeredgewidth=0.9,
                label=tr(lang, en=en, zh=zh),
            )
        )
    return handles


def derived_quantity(row: pd.Series) -> Bounded:
    """Return a row of :func:`gba.derived_indicators` as a :class:`~gba.Bounded`."""
    return Bounded(
        float(row["value"]),
        float(row["low"]),
        float(row["high"]),
        row["qualifier"] == "approx",
        str(row["unit"]),
    )


def case_rows(
    case_id: pd.Series, lang: str
) -> tuple[pd.DataFrame, list[int], list[str], dict[int, int]]:
    """Rows of a per-case figure: the cases, their sorted ids, tick labels and y positions."""
    cases = load_cases()
    case_ids = sorted(int(c) for c in case_id.unique())
    ticks = case_ticks(cases.loc[case_ids], lang).tolist()
    return cases, case_ids, ticks, {c: i for i, c in enumerate(case_ids)}


def thin_log_ticks(ax: Axes) -> None:
    """Label at most four decades on a log axis (every other one … if needed)."""
    lo, hi = ax.get_xlim()
    first, last = math.ceil(math.log10(lo)), math.floor(math.log10(hi))
    step = max(1, math.ceil((last - first + 1) / 4))
    ax.set_xticks([10.0**e for e in range(first, last + 1, step)])
    ax.set_xlim(lo, hi)


def cluster_offsets(
    frame: pd.DataFrame, key: str, close: Callable[[Any, Any], bool], spread: float
) -> pd.Series:
    """Vertical offsets in ``[-spread, spread]`` setting apart one case's markers close on the axis.

    The rows of each case, sorted by ``key``, form runs in which each value is ``close`` to
    the one before it; the markers of a run are spread evenly, a lone marker stays at 0.
    """
    out = pd.Series(0.0, index=frame.index)
    for _, rows in frame.sort_values(key, kind="stable").groupby("case_id", sort=True):
        runs: list[list[Any]] = []
        last = None
        for row_id, value in rows[key].items():
            if last is None or not close(last, value):
                runs.append([])
            runs[-1].append(row_id)
            last = value
        for members in runs:
            if len(members) > 1:
                step = 2 * spread / (len(members) - 1)
                for k, row_id in enumerate(members):
                    out[row_id] = -spread + k * step
    return out
