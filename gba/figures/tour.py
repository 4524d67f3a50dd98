"""Dataset-tour figures, drawn from :func:`gba.load_cases` only.

Examples
--------
>>> fig = fig_case_text_length("en")
>>> ax = fig.axes[0]
>>> len(ax.patches) == len(load_cases())
True
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from gba.datasets.cases import load_cases
from gba.figures.data import attach_data, select_cases
from gba.figures.registry import register
from gba.figures.style import FONT_SIZE, NEUTRAL, PALETTE, case_ticks, fit_legend, new_figure, tr

__all__ = ["fig_case_text_length"]


@register(
    "case_text_length",
    description=(
        "Length of each case's clean Chinese text, in characters (n_chars of "
        "gba.load_cases()), one horizontal bar per case, longest first, labelled with the "
        "case's short name and number; bar colour gives the number of units that submitted "
        "the case; the dashed line marks the median length."
    ),
    notebook="notebooks/01_dataset_tour.ipynb",
    subsets=True,
)
def fig_case_text_length(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Bar chart of the text length of every case."""
    table = select_cases(load_cases(), cases, what="text")
    order = table.assign(_id=table.index).sort_values(["n_chars", "_id"], ascending=[False, True])
    n = len(order)
    ticks = case_ticks(order, lang).tolist()
    units = order["n_units"].astype(int).tolist()
    levels = sorted(set(units))
    colour = {u: PALETTE[k % len(PALETTE)] for k, u in enumerate(levels)}

    fig = new_figure("single", height=min(0.9 + 0.16 * n, 9.0))
    ax = fig.subplots()
    y = list(range(n))
    lengths = order["n_chars"].astype(int).tolist()
    ax.barh(y, lengths, height=0.7, color=[colour[u] for u in units], linewidth=0)
    ax.set_yticks(y, ticks)
    ax.tick_params(axis="y", length=0)
    ax.invert_yaxis()
    ax.spines["left"].set_visible(False)
    for yi, value in zip(y, lengths, strict=True):
        ax.text(
            value - max(lengths) * 0.015,
            yi,
            f"{value}",
            ha="right",
            va="center",
            color="white",
            fontsize=FONT_SIZE - 1,
        )
    median = float(order["n_chars"].median())
    ax.axvline(median, color=NEUTRAL, linewidth=0.8, linestyle=(0, (3, 2)), zorder=0.5)
    ax.text(
        median,
        -0.8,
        tr(lang, en=f"median {median:g}", zh=f"中位数 {median:g}"),
        ha="right",
        va="bottom",
        color=NEUTRAL,
        fontsize=FONT_SIZE - 1,
    )
    ax.set_ylim(n - 0.5, -1.6)
    ax.set_xlim(0, max(lengths) * 1.02)
    # right-aligned: long case names leave a narrow plot area, and a centred label would
    # run past the figure's right edge
    ax.set_xlabel(tr(lang, en="Characters in the case text", zh="案例正文字符数"), loc="right")
    # one-line legend "Submitting units: ■ 1 ■ 2 ■ 3" (the title is a handle-less entry)
    title = Patch(visible=False, label=tr(lang, en="Submitting units:", zh="报送单位数："))
    handles = [title] + [Patch(color=colour[u], label=f"{u}") for u in levels]
    legend = fit_legend(
        fig,
        handles=handles,
        loc="outside lower center",
        ncols=len(handles),
        handlelength=1.0,
        handletextpad=0.4,
        columnspacing=0.9,
    )
    legend.legend_handles[0].set_width(0)  # no blank box before the title text
    data = order[["short_en", "short_zh", "n_chars", "n_units"]].astype({"n_chars": int})
    data = data.assign(median_n_chars=median, position=range(n)).rename_axis("case_id")
    return attach_data(fig, data.reset_index())
