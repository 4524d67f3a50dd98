"""Dataset-tour figures, drawn from :func:`gba.load_cases` only.

Examples
--------
>>> fig = fig_case_text_length("en")
>>> ax = fig.axes[0]
>>> len(ax.patches) == 2 * len(load_cases())  # two paragraphs in every case text
True
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from gba.datasets.cases import load_cases
from gba.figures.data import attach_data, select_cases
from gba.figures.registry import register
from gba.figures.style import (
    FONT_SIZE,
    NEUTRAL,
    PALETTE,
    case_ticks,
    fit_legend,
    new_figure,
    reference_line,
    tr,
)

__all__ = ["fig_case_text_length"]


@register(
    "case_text_length",
    description=(
        "Length of each case's clean Chinese text in characters, split into its paragraphs "
        "(text_zh of gba.load_cases() cut at its line breaks, which are not counted), one "
        "horizontal bar per case, longest first, labelled with the case's short name and "
        "number; colour gives the paragraph (first, second, ...), the number at the end of "
        "the bar is the case's total; the dashed line marks the median total."
    ),
    notebook="notebooks/01_dataset_tour.ipynb",
    subsets=True,
)
def fig_case_text_length(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Stacked bars of the paragraphs of every case text."""
    table = select_cases(load_cases(), cases, what="text")
    paragraphs = table["text_zh"].str.split("\n").map(lambda ps: [len(p) for p in ps])
    table = table.assign(text_chars=paragraphs.map(sum), _id=table.index)
    order = table.sort_values(["text_chars", "_id"], ascending=[False, True])
    n = len(order)
    ticks = case_ticks(order, lang).tolist()
    most = max(len(paragraphs[i]) for i in order.index)

    fig = new_figure("single", height=min(0.9 + 0.16 * n, 9.0))
    ax = fig.subplots()
    y = list(range(n))
    rows = []
    for k in range(most):  # one barh per paragraph number: the k-th paragraph of every case
        widths = [paragraphs[i][k] if k < len(paragraphs[i]) else 0 for i in order.index]
        left = [sum(paragraphs[i][:k]) for i in order.index]
        ax.barh(y, widths, left=left, height=0.7, color=PALETTE[k % len(PALETTE)], linewidth=0)
        rows += [
            (pos, int(i), k + 1, w)
            for pos, (i, w) in enumerate(zip(order.index, widths, strict=True))
            if k < len(paragraphs[i])
        ]
    ax.set_yticks(y, ticks)
    ax.tick_params(axis="y", length=0)
    ax.invert_yaxis()
    ax.spines["left"].set_visible(False)
    totals = order["text_chars"].astype(int).tolist()
    for yi, value in zip(y, totals, strict=True):
        ax.text(
            value + max(totals) * 0.012,
            yi,
            f"{value}",
            ha="left",
            va="center",
            color=NEUTRAL,
            fontsize=FONT_SIZE - 1,
        )
    median = float(order["text_chars"].median())
    label = tr(lang, en=f"median {median:g}", zh=f"中位数 {median:g}")
    reference_line(ax, median, label, y=-0.8, zorder=0.5)
    ax.set_ylim(n - 0.5, -1.6)
    ax.set_xlim(0, max(totals) * 1.1)  # room for the totals
    # right-aligned: long case names leave a narrow plot area, and a centred label would
    # run past the figure's right edge
    ax.set_xlabel(tr(lang, en="Characters in the case text", zh="案例正文字符数"), loc="right")
    # one-line legend "Paragraph: ■ 1 ■ 2" (the title is a handle-less entry)
    title = Patch(visible=False, label=tr(lang, en="Paragraph:", zh="段落："))
    handles = [title] + [
        Patch(color=PALETTE[k % len(PALETTE)], label=f"{k + 1}") for k in range(most)
    ]
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
    data = pd.DataFrame(rows, columns=["position", "case_id", "paragraph", "paragraph_chars"])
    data = data.sort_values(["paragraph", "position"], kind="stable")  # the order of the bars
    names = order.set_index("_id")[["short_en", "short_zh", "text_chars"]].astype(
        {"text_chars": int}
    )
    data = data.join(names, on="case_id").assign(median_text_chars=median)
    columns = ["case_id", "short_en", "short_zh", "paragraph", "paragraph_chars", "text_chars"]
    return attach_data(
        fig, data[[*columns, "median_text_chars", "position"]].reset_index(drop=True)
    )
