"""Trajectories: every series of dated observations, one panel each (``growth_trajectories``).

A series is the rows of ``indicators.csv`` that observe one quantity (same
case, ``name_en`` and unit): the case collection's figure and the later
figures of other documents (:mod:`gba.analysis.observations`). Each panel
draws the observations on a log axis against time (equal slopes are equal
growth rates), with the marker of how each figure was stated
(:mod:`gba.figures.marks`), its colour the type of its source, and a bar over
the month or year a figure dated to the month or year may refer to. The text
in each panel gives the growth from the first to the last observation
(:func:`gba.trajectories` with ``whole=True``), rounded to two significant
figures and bounded as the inputs allow.

Examples
--------
>>> t = trajectory_table()
>>> sorted(set(t["source_type"]))[:2]
['media_quoting_official', 'official_media']
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from gba.analysis.bounded import Bounded
from gba.analysis.growth import period_end, period_start
from gba.analysis.observations import series
from gba.analysis.phrases.growth import NO_BOUND_FACTOR
from gba.analysis.trajectories import trajectories
from gba.datasets.cases import load_cases
from gba.datasets.glossary import unit_words
from gba.datasets.indicators import load_indicators
from gba.datasets.tables import read_table
from gba.figures.data import attach_data, select_cases
from gba.figures.growth import significant
from gba.figures.marks import human, plot_quantity, qualifier_handles
from gba.figures.registry import register
from gba.figures.style import FONT_SIZE, OKABE_ITO, case_ticks, fit_legend, new_figure, tr
from gba.figures.timeline import year_axis

__all__ = ["SOURCE_TYPE_COLOURS", "fig_growth_trajectories", "growth_words", "trajectory_table"]

_NOTEBOOK = "notebooks/02_growth_indicators.ipynb"

#: Colour and legend words of each source type (sources.csv ``source_type``).
SOURCE_TYPE_COLOURS: dict[str, tuple[str, str, str]] = {
    "official_release": (OKABE_ITO["blue"], "official release", "官方发布"),
    "official_statistics": (OKABE_ITO["bluish_green"], "official statistics", "官方统计"),
    "official_media": (OKABE_ITO["orange"], "official media", "官方媒体"),
    "media_quoting_official": (
        OKABE_ITO["reddish_purple"],
        "media quoting an official",
        "媒体引述官方",
    ),
    "other": ("#8C8C8C", "other", "其他"),
}
_UNIT_ZH = {
    "person": "人数",
    "person_time": "人次",
    "CNY": "金额（元）",
    "item": "项数",
    "case": "案件数",
    "institution": "机构数",
    "enterprise": "企业数",
    "site": "网点数",
    "vehicle": "车辆数",
    "order": "单数",
    "visit": "访问次数",
}
_MEASURE_WORDS = {
    "cumulative": ("running total", "累计"),
    "stock": ("level", "存量"),
    "flow": ("per calendar year", "全年"),
}


def trajectory_table() -> pd.DataFrame:
    """Return every observation of every series, one row per marker of the figure.

    Columns: the indicator's ``indicator_id``, ``case_id``, ``name_en``,
    ``name_zh``, ``unit``, ``measure``, ``value``, ``low``, ``high``,
    ``qualifier`` (with 近/约 read as in :mod:`gba.analysis.bounded`), the day
    it stands for (``at``, the end of its period), the first day it may refer
    to (``from``), its ``source_id`` and ``source_type``, and ``series`` (the
    position of its series, 0 first).

    Examples
    --------
    >>> t = trajectory_table()
    >>> t.loc[t["case_id"] == 2, "value"].astype(int).tolist()
    [224, 341, 372, 580, 630]
    """
    ind = load_indicators()
    sources = read_table("sources", check_foreign_keys=False).set_index("source_id")
    rows = []
    for k, group in enumerate(series(ind)):
        for iid, row in group.iterrows():
            q = Bounded.from_row(row.to_dict())
            if row["measure"] == "flow":
                period = str(row["period"]).split("/")[-1]
                start, end = period_start(period), period_end(period)
                start = end  # a yearly flow is the whole year's total: one point at its end
            else:
                start = period_start(row["as_of"], row["as_of_precision"])
                end = period_end(row["as_of"], row["as_of_precision"])
            rows.append(
                {
                    "indicator_id": iid,
                    "case_id": int(row["case_id"]),
                    "series": k,
                    "name_en": row["name_en"],
                    "name_zh": row["name_zh"],
                    "unit": row["unit"],
                    "measure": row["measure"],
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "qualifier": q.qualifier,
                    "from": start,
                    "at": end,
                    "source_id": row["source_id"],
                    "source_type": sources.loc[row["source_id"], "source_type"],
                }
            )
    return pd.DataFrame(rows)


def growth_words(row: pd.Series, lang: str) -> str:
    """Say the growth of one whole series (a row of ``gba.trajectories(whole=True)``).

    The multiple last ÷ first and the CAGR, to two significant figures, with
    the direction the bounds allow (≥, ≤) or "no bound" when the stated
    figures bound neither way.

    Examples
    --------
    >>> w = trajectories(whole=True)
    >>> growth_words(w[w["case_id"] == 2].iloc[0], "en")
    '≥×2.8 in 2.8 years, ≥44% a year'
    """
    times = significant(row["value_to"] / row["value_from"], 2)
    pair = (str(row["qualifier_from"]), str(row["qualifier_to"]))
    times_sign = {("exact", "lower"): "≥", ("lower", "exact"): "≤", ("exact", "upper"): "≤"}
    times = times_sign.get(pair, "") + "×" + times
    years = significant(row["years"], 2)
    lo, hi, v = row["cagr_low"], row["cagr_high"], row["cagr"]
    if hi > NO_BOUND_FACTOR * max(abs(v), 1.0):  # as the notebook's phrases say it
        hi = math.inf
    approx = "≈" if row["cagr_qualifier"] == "approx" else ""
    if math.isinf(hi) and lo <= 0:
        rate_en = f"{significant(v, 2)}% a year as stated (no bound)"
        rate_zh = f"按所述年均{significant(v, 2)}%（无界）"
    elif math.isinf(hi):
        rate_en, rate_zh = f"≥{significant(lo, 2)}% a year", f"年均≥{significant(lo, 2)}%"
    elif lo <= 0 < v:
        rate_en, rate_zh = f"≤{significant(hi, 2)}% a year", f"年均≤{significant(hi, 2)}%"
    elif lo == hi:
        rate_en, rate_zh = (
            f"{approx}{significant(v, 2)}% a year",
            f"年均{approx}{significant(v, 2)}%",
        )
    else:
        span = f"{significant(lo, 2)}–{significant(hi, 2)}%"
        rate_en, rate_zh = f"{approx}{span} a year", f"年均{approx}{span}"
    return tr(
        lang,
        en=f"{times} in {years} years, {rate_en}",
        zh=f"{years}年{times}，{rate_zh}",
    )


def _value_ticks(lang: str) -> FuncFormatter:
    def fmt(v: float, _pos: int) -> str:
        if v <= 0:
            return ""
        lead = v / 10 ** math.floor(math.log10(v) + 1e-9)
        return human(v, lang) if round(lead, 6) in (1.0, 2.0, 5.0) else ""

    return FuncFormatter(fmt)


@register(
    "growth_trajectories",
    description=(
        "Trajectories: every quantity observed at two or more dates (the case collection's "
        "figure and later figures from other public documents), one panel per series, value "
        "on a log axis against time; the marker says whether a figure is exact or a bound, "
        "its colour the type of its source, a bar the month a figure dated to the month may "
        "refer to (marker at its end, the date used in the growth rates); the text gives the "
        "growth from the first to the last observation (multiple and CAGR, two significant "
        "figures, bounded as the stated figures allow)."
    ),
    notebook=_NOTEBOOK,
    min_width="150mm",
    subsets=True,
)
def fig_growth_trajectories(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Small multiples of every series of dated observations, on log axes against time."""
    data = select_cases(trajectory_table(), cases, what="series of dated observations")
    whole = trajectories(whole=True).set_index("to_id")
    ticks = case_ticks(load_cases(), lang)
    keys = list(dict.fromkeys(data["series"]))
    ncols = 2 if len(keys) > 1 else 1
    nrows = math.ceil(len(keys) / ncols)
    fig = new_figure("double", height=min(0.7 + 1.9 * nrows, 9.0))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    drawn = []
    firsts = data.drop_duplicates("series")
    twins = firsts.groupby(["case_id", "unit", "measure"]).size().to_dict()
    for ax, key in zip(axes, keys, strict=False):
        part = data[data["series"] == key].sort_values("at", kind="stable")
        ax.plot(part["at"], part["value"], color="#BBBBBB", linewidth=0.9, zorder=1)
        for _, row in part.iterrows():
            colour = SOURCE_TYPE_COLOURS[str(row["source_type"])][0]
            if row["from"] < row["at"]:
                ax.plot(
                    [row["from"], row["at"]],
                    [row["value"], row["value"]],
                    color=colour,
                    linewidth=2.4,
                    alpha=0.4,
                    solid_capstyle="butt",
                    zorder=2,
                )
            plot_quantity(ax, row["at"], row["value"], row["qualifier"], colour, size=5, zorder=3)
            drawn.append(row.name)
        first = part.iloc[0]
        unit = unit_words(str(first["unit"]))
        m_en, m_zh = _MEASURE_WORDS.get(str(first["measure"]), ("", ""))
        case = ticks.loc[int(first["case_id"])]
        unit_zh = _UNIT_ZH.get(str(first["unit"]), str(first["unit"]))
        title = tr(lang, en=f"{case}: {unit}, {m_en}", zh=f"{case}：{unit_zh}（{m_zh}）")
        if twins[(int(first["case_id"]), str(first["unit"]), str(first["measure"]))] > 1:
            # two series of one case in one unit: say which (its name, shortened)
            name = str(first[tr(lang, en="name_en", zh="name_zh")])
            title += "\n" + (name if len(name) <= 60 else name[:58].rstrip() + "…")
        ax.set_title(title, fontsize=FONT_SIZE, loc="left", pad=3)
        last_id = part.iloc[-1]["indicator_id"]
        if last_id in whole.index:
            ax.text(
                0.02,
                0.96,
                growth_words(whole.loc[last_id], lang),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=FONT_SIZE - 1,
            )
        ax.set_yscale("log")
        lo, hi = part["value"].min(), part["value"].max()
        ax.set_ylim(lo / 1.6, hi * 2.6)
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0), numticks=12))
        ax.yaxis.set_major_formatter(_value_ticks(lang))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.tick_params(axis="both", labelsize=FONT_SIZE - 1)
        start = min(part["from"].min(), part["at"].min())
        end = part["at"].max()
        right = max(pd.Timestamp(end.year + 1, 1, 1), end + pd.Timedelta(days=75))
        ax.set_xlim(pd.Timestamp(start.year, 1, 1), right)
        year_axis(ax)
        ax.grid(axis="y", which="major", color="#F0F0F0", linewidth=0.5)
    for ax in axes[len(keys) :]:
        ax.set_visible(False)
    handles = qualifier_handles(data["qualifier"], lang)
    for stype, (colour, en, zh) in SOURCE_TYPE_COLOURS.items():
        if (data["source_type"] == stype).any():
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="s",
                    markersize=5,
                    color=colour,
                    label=tr(lang, en=en, zh=zh),
                )
            )
    fit_legend(fig, handles=handles, loc="outside lower center", ncols=4, columnspacing=1.0)
    table = data.loc[drawn].reset_index(drop=True)
    table["from"] = table["from"].dt.date.astype(str)
    table["at"] = table["at"].dt.date.astype(str)
    return attach_data(fig, table)
