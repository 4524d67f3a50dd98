"""Timeline of the cases' milestones and reference dates (figure ``growth_timeline``).

Dates keep their precision: a date stated to the day is a marker on that day;
a month or a year is a period, drawn as a bar over the period with its marker
in the middle. Year labels sit in the middle of each year's span, so the end of
2019 is at the right edge of the band labelled 2019.

Examples
--------
>>> t = timeline_table()
>>> t.loc["c15_first_bond_issue", ["start", "drawn_at", "at"]].dt.date.astype(str).tolist()
['2021-01-01', '2021-07-02', '2021-12-31']
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, NullFormatter

from gba.analysis.growth import period_end, period_start
from gba.datasets.events import MILESTONE_KINDS, load_events
from gba.datasets.tables import read_table
from gba.figures.data import attach_data, select_cases
from gba.figures.marks import case_rows, cluster_offsets
from gba.figures.registry import register
from gba.figures.style import (
    OKABE_ITO,
    fit_legend,
    new_figure,
    reference_line,
    tr,
)

__all__ = ["fig_growth_timeline", "stack_offsets", "timeline_table", "year_axis"]

_NOTEBOOK = "notebooks/02_growth_indicators.ipynb"

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

    ``start`` and ``at`` are the first and last day of the period the date
    stands for (one day for a day-precise date); ``at`` is the date of the
    package's convention (:mod:`gba.growth`: the end of the period).
    ``drawn_at`` is where the marker is drawn: the day itself, or the middle
    of a month, quarter or year (a period is drawn as a bar over the period).

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
    ends = [period_end(d, p) for d, p in zip(ev["date"], ev["precision"], strict=True)]
    starts = [period_start(d, p) for d, p in zip(ev["date"], ev["precision"], strict=True)]
    ev["start"] = pd.Series(starts, index=ev.index, dtype="datetime64[ns]")
    ev["at"] = pd.Series(ends, index=ev.index, dtype="datetime64[ns]")
    ev["drawn_at"] = ev["start"] + (ev["at"] - ev["start"]) / 2
    ev["drawn_at"] = ev["drawn_at"].dt.normalize()
    ev["milestone"] = ev["kind"].isin(MILESTONE_KINDS)
    return ev


@register(
    "growth_timeline",
    description=(
        "Timeline of the cases' dated milestones (rules issued, launches, first instances, "
        "approvals, issuances) and of the as-of and baseline dates of their figures, one row "
        "per case; a date stated only to the month or year is drawn as a bar over that period "
        "with its marker in the middle (a period, not a day), years are labelled in the "
        "middle of their span; the dashed line is the release of the case collection."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_growth_timeline(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Timeline of milestones and as-of dates by case."""
    ev = select_cases(timeline_table(), cases, what="dated events")
    all_cases, case_ids, ticks, ypos = case_rows(ev["case_id"], lang)
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
    offset = stack_offsets(ev)
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
            [row["drawn_at"]],
            [y],
            linestyle="none",
            marker=marker,
            markersize=size if marker != "*" else size * 1.5,
            markerfacecolor=face,
            markeredgecolor=edge,
            markeredgewidth=0.8,
            zorder=z,
        )
    label = tr(lang, en=f"released {released.date()}", zh=f"{released.date()}发布")
    reference_line(ax, released, label, y=-0.9, zorder=0.4)
    ax.set_yticks(range(len(case_ids)), ticks)
    ax.set_ylim(len(case_ids) - 0.5, -1.3)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    first = ev["start"].min()
    ax.set_xlim(pd.Timestamp(first.year, 1, 1), released + pd.Timedelta(days=45))
    year_axis(ax)
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
        fig,
        handles=handles,
        loc="outside lower center",
        ncols=min(4, len(handles)),
        columnspacing=1.0,
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
            "drawn_at",
            "event_en",
            "event_zh",
        ]
    ]
    return attach_data(fig, table.assign(collection_released=released))


def stack_offsets(ev: pd.DataFrame, days: int = 60, spread: float = 0.24) -> pd.Series:
    """Vertical offsets that separate a case's events less than ``days`` apart."""
    return cluster_offsets(ev, "at", lambda a, b: (b - a).days < days, spread)


def year_axis(ax: Axes) -> None:
    """Year boundaries as grid lines, each year's label in the middle of its span.

    A date at the end of 2019 then sits at the right edge of the band labelled
    2019, not on a tick labelled 2020.
    """
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(NullFormatter())
    lo, hi = (mdates.num2date(v).replace(tzinfo=None) for v in ax.get_xlim())
    middles = []  # the middle of each year's visible part
    for year in range(lo.year, hi.year + 1):
        a = max(pd.Timestamp(year, 1, 1), pd.Timestamp(lo))
        b = min(pd.Timestamp(year + 1, 1, 1), pd.Timestamp(hi))
        if (b - a).days >= 60:  # room for a label
            middles.append(mdates.date2num(a + (b - a) / 2))
    ax.xaxis.set_minor_locator(FixedLocator(middles))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", which="minor", length=0)
    ax.tick_params(axis="x", which="major", length=4)
    ax.grid(axis="x", which="major", color="#E6E6E6", linewidth=0.6)
