"""Growth figures: reach by unit family, timeline of milestones, before/after, shares.

Every figure is drawn from the loaders only (:func:`gba.load_indicators`,
:func:`gba.load_events`, :func:`gba.derived_indicators`, :func:`gba.load_cases`)
and marks how each number is stated with one shape, the same in every figure:

=========  ======  ================================================
qualifier  marker  meaning
=========  ======  ================================================
exact      ●       the figure as stated
lower      ▶       at least the value (超过, 以上, 余 …)
upper      ◀       at most the value (以内, 不到 …)
approx     ◇       approximately (近, 约)
range      ├─┤     between two values (the marker sits at the midpoint)
=========  ======  ================================================

On a log axis that runs left to right, ▶ points towards where the true value
may lie (it is at least the value) and ◀ towards smaller values.

Examples
--------
>>> fig = fig_growth_before_after("en")
>>> len(fig.axes)
1
>>> human(303700, "en"), human(303700, "zh"), human(3.7e8, "zh")
('303.7k', '30.37万', '3.7亿')

Why one module of more than 600 lines: its four figures share the qualifier
markers, their legend and the per-case rows, which are drawn the same way in
each; about a third of it is docstrings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from gba.analysis.bounded import Bounded
from gba.analysis.derived import derived_indicators, indicator_quantity
from gba.analysis.growth import multiple, period_end
from gba.datasets.cases import load_cases
from gba.datasets.events import MILESTONE_KINDS, load_events
from gba.datasets.indicators import load_indicators
from gba.datasets.tables import read_table
from gba.figures.data import attach_data, select_cases
from gba.figures.registry import register
from gba.figures.style import (
    FONT_SIZE,
    NEUTRAL,
    OKABE_ITO,
    case_ticks,
    fit_legend,
    new_figure,
    tr,
)

__all__ = [
    "QUALIFIER_MARKERS",
    "UNIT_FAMILIES",
    "fig_growth_before_after",
    "fig_growth_reach",
    "fig_growth_shares",
    "fig_growth_timeline",
    "human",
]

_NOTEBOOK = "notebooks/02_growth_indicators.ipynb"

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

#: Unit families of the reach figure: (key, units, English title, Chinese title).
UNIT_FAMILIES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("people", ("person", "person_time"), "People, person-times", "人数、人次"),
    ("money", ("CNY",), "Yuan", "金额（元）"),
    ("organisations", ("institution", "enterprise", "site"), "Organisations, sites", "机构、网点"),
    (
        "counts",
        ("case", "order", "visit", "vehicle", "session", "batch", "item"),
        "Cases, items, other",
        "案件、事项等",
    ),
)
#: Measures that say how far a reform reaches (levels and totals, not rates or durations).
_REACH_MEASURES = ("stock", "cumulative", "flow")


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


def _log_ticks(lang: str) -> FuncFormatter:
    def fmt(v: float, _pos: int) -> str:
        if v <= 0 or abs(math.log10(v) - round(math.log10(v))) > 1e-9:
            return ""
        return tick_label(v, lang)

    return FuncFormatter(fmt)


def _stated(q: Bounded, lang: str) -> str:
    """Return a quantity as a label: ≥3.7亿, ≤9, ≈400亿, 5–10."""
    sign = {"lower": "≥", "upper": "≤", "approx": "≈"}.get(q.qualifier, "")
    if q.qualifier == "range":
        return f"{human(q.low, lang)}–{human(q.high, lang)}"
    return f"{sign}{human(q.value, lang)}"


def _plot_quantity(
    ax: Axes, x: float, y: float, qualifier: str, color: str, size: float = 4.5, **kw: Any
) -> None:
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


def _qualifier_handles(qualifiers: Iterable[str], lang: str, color: str = "#333333") -> list:
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


def _derived_quantity(row: pd.Series) -> Bounded:
    return Bounded(
        float(row["value"]),
        float(row["low"]),
        float(row["high"]),
        row["qualifier"] == "approx",
        str(row["unit"]),
    )


def _case_rows(
    case_id: pd.Series, lang: str
) -> tuple[pd.DataFrame, list[int], list[str], dict[int, int]]:
    """Rows of a per-case figure: the cases, their sorted ids, tick labels and y positions."""
    cases = load_cases()
    case_ids = sorted(int(c) for c in case_id.unique())
    ticks = case_ticks(cases.loc[case_ids], lang).tolist()
    return cases, case_ids, ticks, {c: i for i, c in enumerate(case_ids)}


# -- figure 1: reach by unit family --------------------------------------------------------


def reach_table() -> pd.DataFrame:
    """Return the indicators drawn in the reach figure, with their unit family.

    Levels and totals (stock, cumulative and flow measures) in the units of
    :data:`UNIT_FAMILIES`; rates, durations and capacities are left out.

    Examples
    --------
    >>> t = reach_table()
    >>> sorted(t["family"].unique())
    ['counts', 'money', 'organisations', 'people']
    """
    ind = load_indicators(origin="cases")
    family = {u: key for key, units, _, _ in UNIT_FAMILIES for u in units}
    out = ind[ind["measure"].isin(_REACH_MEASURES) & ind["unit"].isin(list(family))].copy()
    out["family"] = out["unit"].map(family).astype("string")
    return out


@register(
    "growth_reach",
    description=(
        "Reach of each reform: every level or total the cases state (stock, cumulative and "
        "flow indicators), one row per case and one panel per unit family (people and "
        "person-times, yuan, organisations and sites, cases and other counts), on log axes; "
        "the marker shape says whether the figure is exact, a lower bound, an upper bound, "
        "approximate or a range."
    ),
    notebook=_NOTEBOOK,
    min_width="180mm",
    subsets=True,
)
def fig_growth_reach(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Dot plot of every stated level or total, by case and unit family, on log axes."""
    data = select_cases(reach_table(), cases, what="levels or totals")
    _, case_ids, ticks, ypos = _case_rows(data["case_id"], lang)
    marks = []
    colors = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "reddish_purple")]

    fig = new_figure("double", height=min(1.1 + 0.17 * len(case_ids), 9.0))
    # a subset of cases may leave a unit family empty: no panel for it
    shown = [
        (f, c) for f, c in zip(UNIT_FAMILIES, colors, strict=True) if (data["family"] == f[0]).any()
    ]
    axes = fig.subplots(1, len(shown), sharey=True, squeeze=False)[0]
    for ax, ((key, _units, title_en, title_zh), color) in zip(axes, shown, strict=True):
        part = data[data["family"] == key]
        for _, row in part.iterrows():
            q = Bounded.from_row(row.to_dict())
            y = ypos[int(row["case_id"])]
            marks.append((row.name, q.low, q.high))
            if q.qualifier == "range":
                ax.plot([q.low, q.high], [y, y], color=color, linewidth=1.0)
            _plot_quantity(ax, q.value, y, q.qualifier, color, alpha=0.9)
        ax.set_xscale("log")
        lo, hi = part["value"].min(), part[["value", "value_high"]].max().max()
        ax.set_xlim(
            10 ** (math.floor(math.log10(lo) - 0.3)), 10 ** (math.ceil(math.log10(hi) + 0.3))
        )
        ax.xaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax.xaxis.set_major_formatter(_log_ticks(lang))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.tick_params(axis="x", labelsize=FONT_SIZE - 1, labelrotation=0)
        ax.set_title(tr(lang, en=title_en, zh=title_zh), fontsize=FONT_SIZE, loc="left")
        ax.grid(axis="y", color="#EEEEEE", linewidth=0.5)
        ax.grid(axis="x", which="major", color="#F2F2F2", linewidth=0.5)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        _thin_log_ticks(ax)
    axes[0].set_yticks(range(len(case_ids)), ticks)
    axes[0].set_ylim(len(case_ids) - 0.5, -0.5)
    axes[0].tick_params(axis="y", length=0)
    fit_legend(
        fig,
        handles=_qualifier_handles(data["qualifier"], lang),
        loc="outside lower center",
        ncols=5,
        handletextpad=0.3,
        columnspacing=1.2,
    )
    ids, low, high = zip(*marks, strict=True)
    table = data.loc[list(ids)].reset_index()[
        [
            "indicator_id",
            "case_id",
            "family",
            "unit",
            "measure",
            "qualifier",
            "value",
            "value_high",
            "as_of",
            "name_en",
            "name_zh",
        ]
    ]
    return attach_data(fig, table.assign(low=low, high=high))


def _thin_log_ticks(ax: Axes) -> None:
    """Label at most four decades on a log axis (every other one … if needed)."""
    lo, hi = ax.get_xlim()
    first, last = math.ceil(math.log10(lo)), math.floor(math.log10(hi))
    step = max(1, math.ceil((last - first + 1) / 4))
    ax.set_xticks([10.0**e for e in range(first, last + 1, step)])
    ax.set_xlim(lo, hi)


# -- figure 2: timeline ----------------------------------------------------------------------

_KIND_STYLE: dict[str, tuple[str, str, tuple[str, str]]] = {
    # kind: (colour, marker, (English, Chinese))
    "rule_issued": (OKABE_ITO["reddish_purple"], "s", ("rule issued", "规则印发")),
    "launch": (OKABE_ITO["blue"], "o", ("launch", "启用/上线")),
    "first": (OKABE_ITO["vermillion"], "*", ("first instance", "首次/首笔")),
    "approval": (OKABE_ITO["bluish_green"], "D", ("approval", "获批/备案")),
    "issuance": (OKABE_ITO["orange"], "^", ("issuance", "发行")),
    "milestone": (OKABE_ITO["sky_blue"], "P", ("milestone", "里程碑")),
}
_REFERENCE_STYLE = ("white", "o", ("as-of / baseline date", "统计截至/基期"))


def timeline_table() -> pd.DataFrame:
    """Return the dated events of the timeline with their period and plotted date.

    ``start`` and ``end`` are the first and last day of the period the date
    stands for (one day for a day-precise date); ``at`` is the date plotted,
    the end of the period, as in the date convention of :mod:`gba.growth`.

    Examples
    --------
    >>> t = timeline_table()
    >>> t.loc["c07_port_opened", ["start", "at"]].dt.date.astype(str).tolist()
    ['2021-09-08', '2021-09-08']
    >>> t.loc["c15_first_bond_issue", ["start", "at"]].dt.date.astype(str).tolist()
    ['2021-01-01', '2021-12-31']
    """
    ev = load_events().copy()
    ev = ev[ev["kind"] != "period"]
    ends, starts = [], []
    for _, row in ev.iterrows():
        end = period_end(row["date"], row["precision"])
        ends.append(end)
        if row["precision"] == "year":
            starts.append(pd.Timestamp(end.year, 1, 1))
        elif row["precision"] == "month":
            starts.append(end.replace(day=1))
        elif row["precision"] in ("quarter", "half"):
            months = 3 if row["precision"] == "quarter" else 6
            starts.append(pd.Timestamp(end.year, end.month - months + 1, 1))
        else:
            starts.append(end)
    ev["start"] = pd.Series(starts, index=ev.index, dtype="datetime64[ns]")
    ev["at"] = pd.Series(ends, index=ev.index, dtype="datetime64[ns]")
    ev["milestone"] = ev["kind"].isin(MILESTONE_KINDS)
    return ev


@register(
    "growth_timeline",
    description=(
        "Timeline of the cases' dated milestones (rules issued, launches, first instances, "
        "approvals, issuances) and of the as-of and baseline dates of their figures, one row "
        "per case; a date stated only to the month or year is drawn as a bar over that period "
        "with its marker at the period's end (the package's date convention); the dashed "
        "line is the release of the case collection."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_growth_timeline(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Timeline of milestones and as-of dates by case."""
    import matplotlib.dates as mdates

    ev = select_cases(timeline_table(), cases, what="dated events")
    all_cases, case_ids, ticks, ypos = _case_rows(ev["case_id"], lang)
    sources = read_table("sources")
    batch = int(all_cases.loc[case_ids[0], "batch"])
    drawn = []
    released = pd.Timestamp(sources.loc[sources["batch"] == batch, "date_published"].iloc[0])

    fig = new_figure("double", height=min(1.2 + 0.19 * len(case_ids), 9.0))
    ax = fig.subplots()
    for c in case_ids:  # a faint line from the first to the last date of each case
        rows = ev[ev["case_id"] == c]
        ax.plot(
            [rows["start"].min(), rows["at"].max()],
            [ypos[c]] * 2,
            color="#E4E4E4",
            linewidth=0.8,
            zorder=0.5,
        )
    offset = _stack_offsets(ev)
    used: list[str] = []
    has_reference = False
    for event_id, row in ev.sort_values(["milestone", "at"]).iterrows():
        y = ypos[int(row["case_id"])] + offset[event_id]
        drawn.append(event_id)
        if row["milestone"]:
            color, marker, _ = _KIND_STYLE[row["kind"]]
            face, edge, size, z = color, color, 5.5, 3
            if row["kind"] not in used:
                used.append(row["kind"])
        else:
            face, marker, _ = _REFERENCE_STYLE
            edge, color, size, z = "#333333", "#333333", 4.0, 2
            has_reference = True
        if row["start"] < row["at"]:
            ax.plot(
                [row["start"], row["at"]],
                [y, y],
                color=color,
                linewidth=2.6 if row["milestone"] else 1.6,
                alpha=0.35,
                solid_capstyle="butt",
                zorder=z - 0.5,
            )
        ax.plot(
            [row["at"]],
            [y],
            linestyle="none",
            marker=marker,
            markersize=size if marker != "*" else size * 1.5,
            markerfacecolor=face,
            markeredgecolor=edge,
            markeredgewidth=0.8,
            zorder=z,
        )
    ax.axvline(released, color=NEUTRAL, linewidth=0.8, linestyle=(0, (3, 2)), zorder=0.4)
    ax.text(
        released,
        -0.9,
        tr(lang, en=f"released {released.date()}", zh=f"{released.date()}发布"),
        ha="right",
        va="bottom",
        color=NEUTRAL,
        fontsize=FONT_SIZE - 1,
    )
    ax.set_yticks(range(len(case_ids)), ticks)
    ax.set_ylim(len(case_ids) - 0.5, -1.3)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    first = ev["start"].min()
    ax.set_xlim(pd.Timestamp(first.year, 1, 1), released + pd.Timedelta(days=45))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.grid(axis="x", which="major", color="#EEEEEE", linewidth=0.6)
    handles = []
    for kind in MILESTONE_KINDS:
        if kind not in used:
            continue
        color, marker, (en, zh) = _KIND_STYLE[kind]
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker=marker,
                markersize=5.5 if marker != "*" else 8,
                markerfacecolor=color,
                markeredgecolor=color,
                label=tr(lang, en=en, zh=zh),
            )
        )
    if has_reference:
        face, marker, (en, zh) = _REFERENCE_STYLE
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker=marker,
                markersize=4,
                markerfacecolor=face,
                markeredgecolor="#333333",
                label=tr(lang, en=en, zh=zh),
            )
        )
    fit_legend(
        fig, handles=handles, loc="outside lower center", ncols=len(handles), columnspacing=1.0
    )
    table = ev.loc[drawn].reset_index()[
        [
            "event_id",
            "case_id",
            "kind",
            "milestone",
            "date",
            "precision",
            "start",
            "at",
            "event_en",
            "event_zh",
        ]
    ]
    return attach_data(fig, table.assign(collection_released=released))


def _stack_offsets(ev: pd.DataFrame, days: int = 60, spread: float = 0.24) -> pd.Series:
    """Vertical offsets that separate a case's events less than ``days`` apart."""
    out = pd.Series(0.0, index=ev.index)
    for _, rows in ev.sort_values("at", kind="stable").groupby("case_id", sort=True):
        clusters: list[list[str]] = []
        last = None
        for event_id, at in rows["at"].items():
            if last is None or (at - last).days >= days:
                clusters.append([])
            clusters[-1].append(event_id)
            last = at
        for members in clusters:
            if len(members) > 1:
                step = 2 * spread / (len(members) - 1)
                for k, event_id in enumerate(members):
                    out[event_id] = -spread + k * step
    return out


# -- figure 3: before and after ---------------------------------------------------------------

#: The before/after comparisons: (case, before id, after id, English, Chinese). An id is an
#: indicator_id or a derived_id.
BEFORE_AFTER: tuple[tuple[int, str, str, str, str], ...] = (
    (
        14,
        "c14_processing_days_before",
        "c14_processing_days_after",
        "Set-up time, days (before → after)",
        "落户办理时间（天，前→后）",
    ),
    (
        7,
        "c07_design_daily_capacity",
        "c07_first_year_daily_throughput",
        "Daily use vs design capacity, first year",
        "首年日均验放量 vs 设计日通关量",
    ),
    (
        14,
        "c14_new_foreign_enterprises_2021",
        "c14_new_foreign_enterprises",
        "New foreign-invested enterprises, 2021 → 2022",
        "新登记外资企业（2021→2022年）",
    ),
    (
        4,
        "c04_insured_end2019",
        "c04_insured_hkmo_residents",
        "Insured person-times, end 2019 → end 2022",
        "参保人次（2019年底→2022年底）",
    ),
    (
        8,
        "c08_institutions_before_second_batch",
        "c08_designated_institutions",
        "Designated institutions, before → after 2nd batch",
        "指定医疗机构（第二批前→后）",
    ),
    (
        3,
        "c03_first_transfer_amount",
        "c03_research_funds_transferred",
        "Research funds, first transfer → total by end 2022",
        "科研资金（首笔→2022年底累计）",
    ),
)


def before_after_table() -> pd.DataFrame:
    """Return the before/after comparisons with the multiple after ÷ before and its bound.

    Returns
    -------
    pandas.DataFrame
        One row per comparison of :data:`BEFORE_AFTER`, with ``before`` and
        ``after`` (:class:`~gba.Bounded`) and the multiple's ``value``,
        ``low``, ``high`` and ``qualifier``.

    Examples
    --------
    >>> t = before_after_table()
    >>> t.loc[t["after_id"] == "c14_processing_days_after", ["value", "qualifier"]].values.tolist()
    [[0.2, 'upper']]
    """
    ind = load_indicators()
    der = derived_indicators()

    def get(key: str) -> Bounded:
        if key in ind.index:
            return indicator_quantity(key, ind.loc[key])
        return _derived_quantity(der.loc[key])

    rows = []
    for case_id, before_id, after_id, en, zh in BEFORE_AFTER:
        before, after = get(before_id), get(after_id)
        m = multiple(before, after)  # refuses two different units
        rows.append(
            {
                "case_id": case_id,
                "before_id": before_id,
                "after_id": after_id,
                "label_en": en,
                "label_zh": zh,
                "before": before,
                "after": after,
                "value": m.value,
                "low": m.low,
                "high": m.high,
                "qualifier": m.qualifier,
            }
        )
    return pd.DataFrame(rows)


@register(
    "growth_before_after",
    description=(
        "Before and after: each comparison the cases allow, as the multiple after ÷ before on "
        "a log axis (1 = no change): set-up time of foreign-invested enterprises, first-year "
        "use of Qingmao Port against its design capacity, new foreign-invested enterprises, "
        "Hong Kong and Macao residents' insurance participations, designated institutions and "
        "cross-boundary research funds; end markers show whether the multiple is exact or a "
        "bound, and labels give the two stated values."
    ),
    notebook=_NOTEBOOK,
    min_width="150mm",
    subsets=True,
)
def fig_growth_before_after(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Multiples after ÷ before on a log axis, with bound markers."""
    t = select_cases(before_after_table(), cases, what="before/after comparison")
    t = t.reset_index(drop=True)
    case_tick = case_ticks(load_cases(), lang)
    n = len(t)
    fig = new_figure("double", height=0.8 + 0.36 * n)
    ax = fig.subplots()
    up, down = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
    label_col = tr(lang, en="label_en", zh="label_zh")
    sign = {"lower": "≥", "upper": "≤", "approx": "≈"}
    ticks = []
    for i, row in t.iterrows():
        color = up if row["value"] >= 1 else down
        ax.plot([1, row["value"]], [i, i], color=color, linewidth=2.4, solid_capstyle="butt")
        _plot_quantity(ax, row["value"], i, row["qualifier"], color, size=5.5, zorder=3)
        mult = f"{sign.get(row['qualifier'], '')}×{row['value']:#.3g}".rstrip(".")
        stated = f"{_stated(row['before'], lang)} → {_stated(row['after'], lang)}"
        ax.text(  # always right of the bar (and of the ×1 line)
            max(row["value"], 1.0) * 1.4,
            i,
            f"{mult}   ({stated})",
            ha="left",
            va="center",
            fontsize=FONT_SIZE - 0.5,
        )
        case = case_tick.loc[int(row["case_id"])]
        ticks.append(f"{row[label_col]}\n{case}")
    ax.axvline(1, color=NEUTRAL, linewidth=0.8, zorder=0.5)
    ax.set_xscale("log")
    ax.set_xlim(0.03, 3e4)
    ax.set_xticks([0.1, 1, 10, 100, 1000, 10000])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"×{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(range(n), ticks, fontsize=FONT_SIZE - 0.5)
    for label in ax.get_yticklabels():
        label.set_linespacing(1.3)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.5)
    ax.set_xlabel(tr(lang, en="After ÷ before (log scale)", zh="后÷前（对数刻度）"))
    fit_legend(
        fig,
        handles=_qualifier_handles(t["qualifier"], lang),
        loc="outside lower center",
        ncols=3,
        handletextpad=0.3,
        columnspacing=1.2,
    )
    table = t[["case_id", "before_id", "after_id", "label_en", "label_zh"]].copy()
    for side in ("before", "after"):
        for attr in ("value", "low", "high", "qualifier", "unit"):
            table[f"{side}_{attr}"] = [getattr(q, attr) for q in t[side]]
    for attr in ("value", "low", "high", "qualifier"):
        table[f"multiple_{attr}"] = t[attr]
    return attach_data(fig, table)


# -- figure 4: shares ---------------------------------------------------------------------


@register(
    "growth_shares",
    description=(
        "Shares the cases allow computing (derived indicators of kind share): Hong Kong and "
        "Macao users of GBA Standards, extraterritorial-law cases using the Guangzhou platform, "
        "engineer recognitions and their Hong Kong/Macao split, green and blue bonds in "
        "Shenzhen's offshore issues, Macao-related notarisations in Hengqin, and Hong Kong "
        "law at the Qianhai court and the SCIA; one bar per share, grouped by case."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_growth_shares(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Horizontal bars of every derived share, grouped by case."""
    der = derived_indicators()
    shares = der[der["kind"] == "share"].sort_values("case_id", kind="stable")
    shares = select_cases(shares, cases, what="shares")
    case_tick = case_ticks(load_cases(), lang)
    label_col = tr(lang, en="label_en", zh="label_zh")
    bars, headers = _grouped_positions(shares["case_id"].astype(int).tolist())
    rows = max(bars) + 1
    fig = new_figure("single", height=0.7 + 0.16 * rows)
    ax = fig.subplots()
    palette = [OKABE_ITO[k] for k in ("blue", "bluish_green", "orange", "reddish_purple")]
    groups = {c: k for k, c in enumerate(headers)}
    for yi, (_, row) in zip(bars, shares.iterrows(), strict=True):
        colour = palette[groups[int(row["case_id"])] % len(palette)]
        ax.barh(yi, row["value"], height=0.72, color=colour, linewidth=0)
        if row["qualifier"] != "exact":
            _plot_quantity(ax, row["value"], yi, row["qualifier"], "#222222", size=4)
        ax.text(
            row["value"] + 1.5,
            yi,
            f"{row['value']:.1f}%",
            va="center",
            ha="left",
            fontsize=FONT_SIZE - 1,
        )
    ticks = [str(s) for s in shares[label_col]]
    for case_id, yh in headers.items():
        ax.text(
            -0.01,
            yh,
            case_tick.loc[case_id],
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="center",
            fontsize=FONT_SIZE,
        )
    ax.set_yticks(bars, ticks, fontsize=FONT_SIZE - 1, color="#444444")
    ax.set_ylim(rows - 0.4, -0.6)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(tr(lang, en="Share of the whole (%)", zh="占整体的比例（%）"))
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.5)
    table = shares.reset_index()[
        [
            "derived_id",
            "case_id",
            "value",
            "low",
            "high",
            "unit",
            "qualifier",
            "formula",
            "inputs",
            "label_en",
            "label_zh",
        ]
    ]
    return attach_data(fig, table.assign(position=bars))


def _grouped_positions(case_ids: Sequence[int]) -> tuple[list[float], dict[int, float]]:
    """Return y positions of bars grouped by case, and of a header row above each group."""
    bars: list[float] = []
    headers: dict[int, float] = {}
    pos = 0.0
    for c in case_ids:
        if c not in headers:
            if headers:
                pos += 0.3  # a little air between groups
            headers[c] = pos
            pos += 1.0
        bars.append(pos)
        pos += 1.0
    return bars, headers
