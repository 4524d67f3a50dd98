"""Case evidence figure (quantities and claims per case), and the clustered-matrix helpers.

The typology's figures (:mod:`gba.figures.typology`) draw their tree and cluster
outlines with :func:`_clusters_and_tree`.

Examples
--------
>>> fig = fig_case_evidence("en")
>>> len(fig.axes)
2
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gba.analysis import clustering
from gba.analysis.claims import claims
from gba.datasets.cases import load_cases
from gba.datasets.features import load_features
from gba.figures.data import attach_data, select_cases
from gba.figures.registry import register
from gba.figures.style import FONT_SIZE, PALETTE, case_ticks, new_figure, tr

__all__ = ["fig_case_evidence"]

_NOTEBOOK = "notebooks/03_cross_case_comparison.ipynb"
_TILE = LinearSegmentedColormap.from_list("gba_blue", ["#FFFFFF", PALETTE[0]])


def _case_ticks(case_ids: Sequence[int], lang: str) -> list[str]:
    return case_ticks(load_cases().loc[list(case_ids)], lang).tolist()


def _dendrogram(ax: Axes, merges: pd.DataFrame, *, vertical: bool, cut: float) -> None:
    """Draw the tree: leaves at 0, 1, … along the leaf order, height = the merge distance."""
    for xs, ys in clustering.dendrogram_segments(merges):
        if vertical:  # leaves along y, height along x
            ax.plot(ys, xs, color="#333333", linewidth=0.7, solid_capstyle="butt")
        else:
            ax.plot(xs, ys, color="#333333", linewidth=0.7, solid_capstyle="butt")
    line = ax.axvline if vertical else ax.axhline
    line(cut, color=PALETTE[3], linewidth=0.8, linestyle=(0, (3, 2)))
    ax.spines[:].set_visible(False)


def _cluster_bounds(clusters: pd.Series) -> list[tuple[int, int]]:
    """(first, last) positions of each run of one cluster along the leaf order."""
    bounds: list[tuple[int, int]] = []
    values = clusters.tolist()
    start = 0
    for k in range(1, len(values) + 1):
        if k == len(values) or values[k] != values[start]:
            bounds.append((start, k - 1))
            start = k
    return bounds


def _clusters_and_tree(
    fig: Figure,
    axes: tuple[Axes, Axes, Axes],
    image: Any,
    merges: pd.DataFrame,
    clusters: pd.Series,
    cut: float,
    labels: tuple[str, str],
) -> None:
    """Outline the clusters on a case-by-case matrix, draw the tree above it and the colour bar.

    ``axes`` is (matrix, tree, colour bar); ``labels`` the tree's y label and the bar's label.
    """
    ax, ax_tree, cax = axes
    n = len(clusters)
    for first, last in _cluster_bounds(clusters):
        ax.add_patch(
            _square(first - 0.5, last - first + 1, edgecolor="#222222", facecolor="none", lw=0.9)
        )
    _dendrogram(ax_tree, merges, vertical=False, cut=cut)
    ax_tree.set_ylim(0, 1)
    ax_tree.set_yticks([0, 0.5, 1], ["0", "0.5", "1"])
    ax_tree.spines["left"].set_visible(True)
    ax_tree.tick_params(axis="x", bottom=False, labelbottom=False)
    ax_tree.tick_params(axis="y", labelsize=FONT_SIZE - 1.5)
    ax_tree.set_ylabel(labels[0], fontsize=FONT_SIZE - 1)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    bar = fig.colorbar(image, cax=cax)
    bar.set_label(labels[1])
    bar.outline.set_visible(False)


def _square(xy: float, size: int, **kwargs: Any) -> Rectangle:
    """Return a square on the diagonal of a matrix plot, from (xy, xy)."""
    return Rectangle((xy, xy), size, size, **kwargs)


@register(
    "case_evidence",
    description=(
        "Per case, the quantities the text states (gba.load_indicators()), split into dated "
        "ones (a stated reference date or period) and undated ones (gba.features.is_dated), "
        "next to the promotional claims in the text (首创, 率先, 第一, 最高, 全国第N …; "
        "gba.claims.claims()), split into claims with a quantity or date stated in the same "
        "sentence and claims without; cases sorted by dated, then all indicators."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_case_evidence(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Dated and undated indicators per case, beside its claims with and without a figure."""
    wide = select_cases(load_features(form="wide"), cases, what="features")
    found = claims()
    per_case = found.groupby("case_id")["backed_in_sentence"].agg(["size", "sum"])
    ids = wide.index.astype(int)
    frame = pd.DataFrame(
        {
            "dated": wide["n_dated_indicators"].astype(int).to_numpy(),
            "all": wide["n_indicators"].astype(int).to_numpy(),
            "claims": per_case["size"].reindex(ids, fill_value=0).astype(int).to_numpy(),
            "backed": per_case["sum"].reindex(ids, fill_value=0).astype(int).to_numpy(),
            "id": ids,
        },
        index=ids,
    ).sort_values(["dated", "all", "id"], ascending=[False, False, True])
    n = len(frame)
    y = np.arange(n)
    fig = new_figure("single", height=min(1.2 + 0.17 * n, 9.0))
    ax, ax_claim = fig.add_gridspec(1, 2, width_ratios=[3, 1.6], wspace=0.08).subplots(sharey=True)
    dated = frame["dated"].to_numpy()
    undated = (frame["all"] - frame["dated"]).to_numpy()
    ax.barh(
        y, dated, height=0.7, color=PALETTE[0], linewidth=0, label=tr(lang, en="dated", zh="有时点")
    )
    ax.barh(
        y,
        undated,
        left=dated,
        height=0.7,
        color=PALETTE[5],
        linewidth=0,
        label=tr(lang, en="undated", zh="无时点"),
    )
    ax.set_yticks(y, _case_ticks(list(frame.index), lang))
    ax.tick_params(axis="y", length=0, labelsize=FONT_SIZE - 1)
    ax.invert_yaxis()
    ax.spines["left"].set_visible(False)
    ax.set_title(tr(lang, en="Quantities\nstated", zh="文中\n数据项"), fontsize=FONT_SIZE)
    ax.xaxis.get_major_locator().set_params(integer=True)
    backed = frame["backed"].to_numpy()
    bare = (frame["claims"] - frame["backed"]).to_numpy()
    ax_claim.barh(
        y,
        backed,
        height=0.7,
        color=PALETTE[1],
        linewidth=0,
        label=tr(lang, en="claim, figure in sentence", zh="表述，同句有数据"),
    )
    ax_claim.barh(
        y,
        bare,
        left=backed,
        height=0.7,
        color=PALETTE[2],
        linewidth=0,
        label=tr(lang, en="claim, no figure", zh="表述，同句无数据"),
    )
    ax_claim.tick_params(axis="y", left=False, length=0)
    ax_claim.spines["left"].set_visible(False)
    ax_claim.set_title(tr(lang, en="Claims\n", zh="宣传性\n表述"), fontsize=FONT_SIZE)
    ax_claim.xaxis.get_major_locator().set_params(integer=True)
    fig.legend(loc="outside lower center", ncols=2, handlelength=1.0, fontsize=FONT_SIZE - 1)
    data = pd.DataFrame(
        {
            "case_id": frame["id"].to_numpy(),
            "n_indicators": frame["all"].to_numpy(),
            "n_dated_indicators": dated,
            "n_undated_indicators": undated,
            "n_claims": frame["claims"].to_numpy(),
            "n_claims_figure_in_sentence": backed,
            "n_claims_no_figure_in_sentence": bare,
            "position": y,
        }
    )
    return attach_data(fig, data)
