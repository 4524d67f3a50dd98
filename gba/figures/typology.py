"""Typology figures: agreement between the two coders, and the equal-weight distance.

Examples
--------
>>> fig = fig_typology_distance("en")
>>> len(fig.axes)
3
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gba.analysis import typology
from gba.analysis.clustering import average_linkage
from gba.datasets.typology import load_typology_codebook, predecided_cells
from gba.figures.compare import _TILE, _case_ticks, _clusters_and_tree
from gba.figures.data import attach_data
from gba.figures.registry import register
from gba.figures.style import FONT_SIZE, MIN_FONT_SIZE, PALETTE, new_figure, tr

__all__ = ["fig_typology_agreement", "fig_typology_distance"]

_NOTEBOOK = "notebooks/03_cross_case_comparison.ipynb"
_THRESHOLD = 0.667


@register(
    "typology_agreement",
    description=(
        "Krippendorff's alpha (nominal) between the two coders for each case feature of the "
        "typology (gba.typology.agreement), on all 20 cases and on the cases whose value no "
        "codebook example pre-decides; dashed line at 0.667, the usual floor for tentative "
        "conclusions. A feature without variation has no alpha (no bar)."
    ),
    notebook=_NOTEBOOK,
)
def fig_typology_agreement(lang: str = "en") -> Figure:
    """Horizontal bars of alpha per feature, all cells and without pre-decided cells."""
    book = load_typology_codebook()
    every = typology.agreement()
    free = typology.agreement(exclude=predecided_cells())
    every = every[every["value"] == ""].set_index("feature")
    free = free[free["value"] == ""].set_index("feature")
    features = list(every.index)
    labels = [str(book.loc[f, "label_en" if lang == "en" else "label_zh"]) for f in features]
    fig = new_figure("double", height=3.6)
    ax = fig.subplots()
    y = np.arange(len(features))
    for k, (frame, colour, en, zh) in enumerate(
        [
            (every, PALETTE[0], "all cases", "全部案例"),
            (free, PALETTE[1], "cases not pre-decided by an example", "未被示例预先决定的案例"),
        ]
    ):
        values = frame.loc[features, "alpha"].to_numpy(dtype=float)
        ax.barh(
            y + (k - 0.5) * 0.38,
            np.nan_to_num(values),
            height=0.36,
            color=colour,
            label=tr(lang, en=en, zh=zh),
        )
        for yi, v in zip(y + (k - 0.5) * 0.38, values, strict=True):
            text = "n/a" if np.isnan(v) else f"{v:.2f}"
            ax.text((0 if np.isnan(v) else v) + 0.01, yi, text, va="center", fontsize=MIN_FONT_SIZE)
    ax.axvline(_THRESHOLD, color=PALETTE[3], linewidth=0.8, linestyle=(0, (3, 2)))
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel(tr(lang, en="Krippendorff's alpha (nominal)", zh="Krippendorff α（名义）"))
    ax.tick_params(labelsize=FONT_SIZE - 1)
    ax.legend(
        fontsize=FONT_SIZE - 1.5, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False
    )
    ax.spines[["top", "right"]].set_visible(False)
    table = pd.concat(
        [
            frame.loc[features, ["n_cases", "alpha", "percent_agreement"]]
            .reset_index()
            .assign(cells=cells)
            for frame, cells in ((every, "all"), (free, "not_predecided"))
        ],
        ignore_index=True,
    )[["feature", "cells", "n_cases", "alpha", "percent_agreement"]]
    return attach_data(fig, table)  # one row per bar


@register(
    "typology_distance",
    description=(
        "Distance between the 20 cases on the typology's design features and the delivery "
        "tools, each feature weighted equally (gba.typology.feature_distance: 0/1 for a "
        "categorical feature, Jaccard distance for a multi-valued one, averaged), cases in "
        "the leaf order of average-linkage clustering with the tree on top; outlined squares "
        "mark the clusters cut at gba.typology.TYPOLOGY_CUT (dashed line)."
    ),
    notebook=_NOTEBOOK,
)
def fig_typology_distance(lang: str = "en") -> Figure:
    """Distance matrix ordered by the clustering, with the dendrogram above."""
    table = typology.design_table()
    dist = typology.feature_distance(table)
    merges = average_linkage(dist.to_numpy())
    clusters = typology.typology_clusters(table)
    order = list(clusters.index)
    values = dist.loc[order, order].to_numpy()
    n = len(order)
    fig = new_figure("double", height=6.4)
    grid = fig.add_gridspec(2, 2, height_ratios=[1.1, n / 2.6], width_ratios=[n, 1.0], hspace=0.01)
    ax_tree = fig.add_subplot(grid[0, 0])
    ax = fig.add_subplot(grid[1, 0], sharex=ax_tree)
    cax = fig.add_subplot(grid[1, 1])
    image = ax.imshow(
        1 - values, cmap=_TILE, vmin=0, vmax=1, aspect="auto", interpolation="nearest"
    )
    ticks = _case_ticks(order, lang)
    ax.set_xticks(range(n), ticks)
    ax.tick_params(axis="x", rotation=90, length=0, labelsize=FONT_SIZE - 1)
    ax.set_yticks(range(n), ticks)
    ax.tick_params(axis="y", length=0, labelsize=FONT_SIZE - 1)
    ax.spines[:].set_visible(False)
    for i in range(n):
        for j in range(n):
            if i != j and values[i, j] <= 0.5:
                ax.text(
                    j,
                    i,
                    f"{values[i, j]:.2f}".lstrip("0"),
                    ha="center",
                    va="center",
                    fontsize=MIN_FONT_SIZE,
                    color="white" if values[i, j] <= 0.3 else "#222222",
                )
    _clusters_and_tree(
        fig,
        (ax, ax_tree, cax),
        image,
        merges,
        clusters["cluster"],
        typology.TYPOLOGY_CUT,
        (
            tr(lang, en="distance", zh="距离"),
            tr(lang, en="1 − distance (shared design)", zh="1 − 距离（设计相同程度）"),
        ),
    )
    cluster = clusters["cluster"]
    table = pd.DataFrame(
        [
            {
                "case_a": a,
                "case_b": b,
                "distance": float(dist.loc[a, b]),
                "cluster_a": int(cluster[a]),
                "cluster_b": int(cluster[b]),
            }
            for a in order
            for b in order
        ]
    )
    return attach_data(fig, table)  # one row per matrix cell
