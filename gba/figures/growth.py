"""Growth figures of the case texts: reach by unit, before and after, shares.

Every figure is drawn from the loaders only (:func:`gba.load_indicators`,
:func:`gba.derived_indicators`, :func:`gba.load_cases`) and marks how each
number is stated with the markers of :mod:`gba.figures.marks`. The timeline is
in :mod:`gba.figures.timeline`, the trajectories across later documents in
:mod:`gba.figures.trajectory`.

Examples
--------
>>> fig = fig_growth_before_after("en")
>>> len(fig.axes)
1
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from gba.analysis.bounded import Bounded
from gba.analysis.derived import derived_indicators, indicator_quantity
from gba.analysis.growth import multiple, period_end
from gba.datasets.cases import load_cases
from gba.datasets.glossary import unit_words
from gba.datasets.indicators import load_indicators
from gba.figures.data import attach_data, select_cases
from gba.figures.marks import (
    QUALIFIER_MARKERS,
    cluster_offsets,
    derived_quantity,
    human,
    log_ticks,
    plot_quantity,
    qualifier_handles,
    stated_label,
    thin_log_ticks,
    tick_label,
)
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
from gba.figures.timeline import fig_growth_timeline, timeline_table

__all__ = [
    "BEFORE_AFTER",
    "QUALIFIER_MARKERS",
    "before_after_table",
    "fig_growth_before_after",
    "fig_growth_reach",
    "fig_growth_shares",
    "fig_growth_timeline",
    "human",
    "reach_table",
    "significant",
    "tick_label",
    "timeline_table",
]

_NOTEBOOK = "notebooks/02_growth_indicators.ipynb"


# -- figure 1: reach, one panel per unit -------------------------------------------------------


#: Panel titles in Chinese for the units of the reach figure (English: gba.unit_words).
_UNIT_ZH = {
    "person": "人数（人、名、位）",
    "person_time": "人次",
    "CNY": "金额（元）",
    "institution": "机构（个、家）",
    "enterprise": "企业（家、户）",
    "site": "网点（个）",
    "case": "案件（件、宗）",
    "item": "事项（项、部、份等）",
    "order": "单",
    "vehicle": "车辆（辆）",
    "visit": "访问（次）",
    "session": "场次",
    "batch": "批次（个）",
}
#: Measures that say how far a reform reaches (levels and totals, not rates or durations).
_REACH_MEASURES = ("stock", "cumulative", "flow")
#: Colour of a figure by the year of its as-of date (the date convention: end of its period).
_AS_OF_COLOURS: tuple[tuple[str, str, str], ...] = (
    # key, colour, (English, Chinese) label built in _as_of_label
    ("2023", OKABE_ITO["blue"], ""),
    ("2022", OKABE_ITO["vermillion"], ""),
    ("earlier", OKABE_ITO["orange"], ""),
    ("undated", "#9A9A9A", ""),
)


def reach_table() -> pd.DataFrame:
    """Return the indicators drawn in the reach figure, with the year of their as-of date.

    Levels and totals (stock, cumulative and flow measures) stated in the case
    texts, in the units of :data:`_UNIT_ZH`; rates, durations and capacities are
    left out. ``as_of_group`` is ``2023``, ``2022``, ``earlier`` or
    ``undated``.

    Examples
    --------
    >>> t = reach_table()
    >>> t.loc["c04_insured_hkmo_residents", ["unit", "as_of_group"]].tolist()
    ['person_time', '2022']
    """
    ind = load_indicators(origin="cases")
    out = ind[ind["measure"].isin(_REACH_MEASURES) & ind["unit"].isin(list(_UNIT_ZH))].copy()
    groups = []
    for as_of, precision in zip(out["as_of"], out["as_of_precision"], strict=True):
        if pd.isna(as_of):
            groups.append("undated")
            continue
        year = period_end(as_of, precision).year
        groups.append(str(year) if year >= 2022 else "earlier")
    out["as_of_group"] = pd.Series(groups, index=out.index, dtype="string")
    return out


def _as_of_label(key: str, lang: str) -> str:
    if key == "undated":
        return tr(lang, en="no as-of date", zh="未注明统计时间")
    if key == "earlier":
        return tr(lang, en="as of 2021 or earlier", zh="截至2021年或更早")
    return tr(lang, en=f"as of {key}", zh=f"截至{key}年")


def _unit_title(unit: str, lang: str) -> str:
    return tr(lang, en=unit_words(unit).capitalize(), zh=_UNIT_ZH[unit])


@register(
    "growth_reach",
    description=(
        "Reach of each reform: every level or total the case texts state (stock, cumulative "
        "and flow indicators), one panel per unit (persons and person-times apart, yuan, "
        "institutions, enterprises, sites, cases, items …), one row per case with a figure in "
        "that unit, on log axes; the colour gives the year of the figure's as-of date (grey: "
        "none stated), the marker shape whether it is exact, a lower bound, an upper bound, "
        "approximate or a range; markers of one case that would overlap are set apart "
        "vertically."
    ),
    notebook=_NOTEBOOK,
    min_width="180mm",
    subsets=True,
)
def fig_growth_reach(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Dot plot of every stated level or total, one panel per unit, on log axes."""
    data = select_cases(reach_table(), cases, what="levels or totals")
    labels = case_ticks(load_cases(), lang)
    counts = data.groupby("unit")["case_id"].nunique()
    units = sorted(counts.index, key=lambda u: (-int(counts[u]), list(_UNIT_ZH).index(u)))
    # two columns of panels, each panel as tall as its rows (plus title and axis)
    sizes = {u: int(counts[u]) + 3 for u in units}
    columns: list[list[str]] = [[], []]
    for u in units:
        shorter = min((0, 1), key=lambda c: sum(sizes[v] for v in columns[c]))
        columns[shorter].append(u)
    grid_rows = max(sum(sizes[u] for u in col) for col in columns)
    fig = new_figure("double", height=min(0.9 + 0.16 * grid_rows, 9.0))
    outer = fig.add_gridspec(1, 2)
    colour = {k: c for k, c, _ in _AS_OF_COLOURS}
    marks = []
    for half, col in zip(outer, columns, strict=True):
        inner = half.subgridspec(len(col), 1, height_ratios=[sizes[u] for u in col])
        panels = [fig.add_subplot(inner[k, 0]) for k in range(len(col))]
        for ax, unit in zip(panels, col, strict=True):
            part = data[data["unit"] == unit]
            case_ids = sorted(int(x) for x in part["case_id"].unique())
            ypos = {cid: i for i, cid in enumerate(case_ids)}
            offsets = _overlap_offsets(part)
            for iid, row in part.iterrows():
                q = Bounded.from_row(row.to_dict())
                y = ypos[int(row["case_id"])] + offsets[iid]
                col_ = colour[str(row["as_of_group"])]
                marks.append((iid, q.low, q.high))
                if q.qualifier == "range":
                    ax.plot([q.low, q.high], [y, y], color=col_, linewidth=1.0)
                plot_quantity(ax, q.value, y, q.qualifier, col_, alpha=0.95)
            ax.set_xscale("log")
            lo, hi = part["value"].min(), part[["value", "value_high"]].max().max()
            ax.set_xlim(
                10 ** (math.floor(math.log10(lo) - 0.3)), 10 ** (math.ceil(math.log10(hi) + 0.3))
            )
            ax.xaxis.set_major_locator(LogLocator(base=10, numticks=12))
            ax.xaxis.set_major_formatter(log_ticks(lang))
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.tick_params(axis="x", labelsize=FONT_SIZE - 1, pad=1)
            ax.set_title(_unit_title(unit, lang), fontsize=FONT_SIZE, loc="left", pad=2)
            ax.set_yticks(range(len(case_ids)), [labels.loc[i] for i in case_ids])
            ax.tick_params(axis="y", length=0, labelsize=FONT_SIZE - 1)
            ax.set_ylim(len(case_ids) - 0.5, -0.5)
            ax.grid(axis="y", color="#EEEEEE", linewidth=0.5)
            ax.grid(axis="x", which="major", color="#F2F2F2", linewidth=0.5)
            ax.spines["left"].set_visible(False)
            thin_log_ticks(ax)
    handles = qualifier_handles(data["qualifier"], lang)
    for key, col_, _ in _AS_OF_COLOURS:
        if (data["as_of_group"] == key).any():
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="s",
                    markersize=5,
                    color=col_,
                    label=_as_of_label(key, lang),
                )
            )
    fit_legend(
        fig,
        handles=handles,
        loc="outside lower center",
        ncols=4,
        handletextpad=0.3,
        columnspacing=1.0,
    )
    _freeze_layout(fig)
    ids, low, high = zip(*marks, strict=True)
    table = data.loc[list(ids)].reset_index()[
        [
            "indicator_id",
            "case_id",
            "unit",
            "measure",
            "qualifier",
            "value",
            "value_high",
            "as_of",
            "as_of_precision",
            "as_of_group",
            "name_en",
            "name_zh",
        ]
    ]
    return attach_data(fig, table.assign(low=low, high=high))


def _freeze_layout(fig: Figure, digits: int = 5) -> None:
    """Run the constrained layout once and fix the panels where it put them, rounded.

    With many panels the layout solver's last digits depend on what was drawn before
    in the same process; rounded, the file is the same whatever was.
    """
    fig.draw_without_rendering()  # the layout, without painting pixels
    fig.set_layout_engine("none")
    for ax in fig.axes:
        ax.set_position([round(v, digits) for v in ax.get_position().bounds])


def _overlap_offsets(part: pd.DataFrame, factor: float = 1.45, spread: float = 0.22) -> pd.Series:
    """Vertical offsets that set apart one case's markers closer than ``factor`` on the axis."""
    return cluster_offsets(part, "value", lambda a, b: b / a < factor, spread)


# -- figure 3: before and after ---------------------------------------------------------------

#: The before/after comparisons: (case, before id, after id, English, Chinese). An id is an
#: indicator_id or a derived_id. Only true before/after pairs of one quantity: the same
#: quantity measured before and after a reform or a date. A capacity against its use
#: (Qingmao Port) and a running total against its first instalment (research funds) are
#: not growth of one quantity; they stay derived measures (utilisation, multiple).
BEFORE_AFTER: tuple[tuple[int, str, str, str, str], ...] = (
    (
        14,
        "c14_processing_days_before",
        "c14_processing_days_after",
        "Set-up time, days (before → after)",
        "落户办理时间（天，前→后）",
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
        return derived_quantity(der.loc[key])

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
        "Before and after: the same quantity measured before and after a reform or a date, as "
        "the multiple after ÷ before on a log axis (1 = no change): set-up time of "
        "foreign-invested enterprises, new foreign-invested enterprises 2021 → 2022, Hong Kong "
        "and Macao residents' insurance participations end 2019 → end 2022 and designated "
        "institutions before and after the second batch; end markers show whether the "
        "multiple is exact or a bound; labels give the two values, an implied one (≈) rounded "
        "to what its inputs support."
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
        plot_quantity(ax, row["value"], i, row["qualifier"], color, size=5.5, zorder=3)
        mult = f"{sign.get(row['qualifier'], '')}×{significant(row['value'], 2)}"
        ends = [_end_label(row[s], row[f"{s}_id"], lang) for s in ("before", "after")]
        stated = " → ".join(ends)
        ax.text(  # always right of the bar (and of the ×1 line)
            max(row["value"], 1.0) * 1.25,
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
    lo, hi = min(t["value"].min(), 1.0) / 1.6, max(t["value"].max(), 1.0) * 8
    ax.set_xlim(lo, hi)
    ax.set_xticks([v for v in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100) if lo <= v <= hi / 4])
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
        handles=qualifier_handles(t["qualifier"], lang),
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


def significant(x: float, digits: int) -> str:
    """Print ``x`` to ``digits`` significant figures, without a trailing point.

    Whole numbers of more digits are rounded and printed with thousands separators.

    Examples
    --------
    >>> significant(0.2, 2), significant(1.0990, 2), significant(3.8, 2), significant(171.06, 3)
    ('0.20', '1.1', '3.8', '171')
    >>> significant(1566.55, 2), significant(-45.3, 2), significant(0, 2)
    ('1,600', '-45', '0')
    """
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    magnitude = math.floor(math.log10(abs(x)))
    if magnitude >= digits - 1:
        return f"{round(x, digits - 1 - magnitude):,.0f}"
    return f"{x:#.{digits}g}".rstrip(".")


def _end_label(q: Bounded, key: str, lang: str) -> str:
    """Return a before or after value: as stated, or (implied by a rate) ≈ to 3 figures."""
    if key in _indicator_ids() or derived_indicators().loc[key, "kind"] != "baseline":
        return stated_label(q, lang)
    return "≈" + human(float(significant(q.value, 3).replace(",", "")), lang)


def _indicator_ids() -> set[str]:
    return set(load_indicators().index)


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
            plot_quantity(ax, row["value"], yi, row["qualifier"], "#222222", size=4)
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
