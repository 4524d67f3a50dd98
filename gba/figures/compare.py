"""Cross-case comparison figures, drawn from :func:`gba.load_features` and :mod:`gba.compare`.

Examples
--------
>>> fig = fig_case_feature_matrix("en")
>>> len(fig.axes)
2
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gba.analysis import clustering, compare
from gba.datasets.cases import load_cases
from gba.datasets.features import load_codebook, load_features
from gba.figures.data import attach_data, select_cases
from gba.figures.registry import register
from gba.figures.style import FONT_SIZE, MIN_FONT_SIZE, PALETTE, case_ticks, new_figure, tr

__all__ = [
    "fig_case_evidence",
    "fig_case_feature_matrix",
    "fig_case_similarity",
    "fig_crosstab_domain_partner",
    "fig_crosstab_level_mechanism",
]

_NOTEBOOK = "notebooks/03_cross_case_comparison.ipynb"
_NO_SUBSETS = (
    "its row order, tree and clusters come from clustering all the cases; drawn for some "
    "cases it would show a different clustering from the one discussed (for your own, "
    "pass a filtered table to gba.compare.feature_matrix(features=...))."
)
_EMPTY = "#F3F3F3"
_TILE = LinearSegmentedColormap.from_list("gba_blue", ["#FFFFFF", PALETTE[0]])


def _case_ticks(case_ids: Sequence[int], lang: str) -> list[str]:
    return case_ticks(load_cases().loc[list(case_ids)], lang).tolist()


def _dendrogram(ax: Axes, merges: pd.DataFrame, *, vertical: bool, cut: float) -> None:
    """Draw the tree: leaves at 0, 1, … along the leaf order, height = 1 − Jaccard."""
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


@register(
    "case_feature_matrix",
    description=(
        "Case × feature matrix of the 20 cases: one column per value of the design features "
        "(partner, GBA places, lead submitting level, policy domain, mechanism type, digital "
        "tools, beneficiaries; gba.compare.feature_matrix), a filled cell where the case has "
        "the value, coloured by feature. Rows are ordered by average-linkage clustering on "
        "1 − Jaccard similarity (tree on the right, dashed line at the cut height "
        "gba.clustering.CUT_HEIGHT; horizontal rules separate the clusters)."
    ),
    notebook=_NOTEBOOK,
    min_width="150mm",
    subsets=_NO_SUBSETS,
)
def fig_case_feature_matrix(lang: str = "en") -> Figure:
    """Heatmap of the case × feature-value matrix, rows ordered by similarity."""
    matrix = compare.feature_matrix()
    merges = clustering.average_linkage(1.0 - compare.jaccard(matrix).to_numpy())
    clusters = clustering.cluster_cases(matrix)
    ordered = matrix.loc[clusters.index]
    codebook = load_codebook()
    features = [c.split("=", 1)[0] for c in ordered.columns]
    groups = list(dict.fromkeys(features))
    colour = {f: to_rgb(PALETTE[k % len(PALETTE)]) for k, f in enumerate(groups)}
    empty = to_rgb(_EMPTY)
    values = ordered.to_numpy()
    rgb = np.array(
        [[colour[f] if v else empty for f, v in zip(features, row, strict=True)] for row in values]
    )
    n_rows, n_cols = values.shape

    fig = new_figure("double", height=5.8)
    grid = fig.add_gridspec(1, 2, width_ratios=[n_cols, 9], wspace=0.01)
    ax = fig.add_subplot(grid[0, 0])
    ax_tree = fig.add_subplot(grid[0, 1], sharey=ax)
    ax.imshow(rgb, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(n_cols), compare.column_labels(ordered.columns, lang, with_feature=False))
    ax.tick_params(axis="x", rotation=90, length=0, labelsize=FONT_SIZE - 1.5)
    ax.set_yticks(range(n_rows), _case_ticks(list(ordered.index), lang))
    ax.tick_params(axis="y", length=0, labelsize=FONT_SIZE - 1)
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    # short feature names above their columns, a coloured bracket over each feature's
    # columns, white separators between features
    label_key = f"short_{lang}"
    for f in groups:
        cols = [c for c, g in enumerate(features) if g == f]
        y = -0.75
        ax.plot(
            [cols[0] - 0.4, cols[-1] + 0.4],
            [y, y],
            color=colour[f],
            linewidth=1.6,
            solid_capstyle="butt",
            clip_on=False,
        )
        ax.text(
            (cols[0] + cols[-1]) / 2,
            y - 0.2,
            str(codebook.loc[f, label_key]),
            ha="center",
            va="bottom",
            fontsize=FONT_SIZE - 1,
            clip_on=False,
        )
        if cols[0] > 0:
            ax.axvline(cols[0] - 0.5, color="white", linewidth=2.0)
    for first, _last in _cluster_bounds(clusters["cluster"])[1:]:
        ax.axhline(first - 0.5, color="#222222", linewidth=0.8)
    _dendrogram(ax_tree, merges, vertical=True, cut=clustering.CUT_HEIGHT)
    ax_tree.set_xlim(0, 1)
    ax_tree.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
    ax_tree.tick_params(axis="y", which="both", left=False, labelleft=False)
    ax_tree.tick_params(axis="x", labelsize=FONT_SIZE - 1.5)
    ax_tree.set_xlabel(tr(lang, en="1 − Jaccard", zh="1 − Jaccard"), fontsize=FONT_SIZE - 1)
    ax.set_ylim(n_rows - 0.5, -0.5)
    cells = [
        {
            "case_id": int(case_id),
            "feature": column.split("=", 1)[0],
            "value": column.split("=", 1)[1],
            "present": int(bool(values[i, j])),
            "cluster": int(clusters.loc[case_id, "cluster"]),
            "row": i,
            "col": j,
        }
        for i, case_id in enumerate(ordered.index)
        for j, column in enumerate(ordered.columns)
    ]
    return attach_data(fig, pd.DataFrame(cells))


@register(
    "case_similarity",
    description=(
        "Pairwise Jaccard similarity of the 20 cases on the design features "
        "(gba.compare.jaccard of gba.compare.feature_matrix), cases in the leaf order of "
        "average-linkage clustering with the tree on top; outlined squares mark the clusters "
        "cut at gba.clustering.CUT_HEIGHT (dashed line)."
    ),
    notebook=_NOTEBOOK,
    subsets=_NO_SUBSETS,
)
def fig_case_similarity(lang: str = "en") -> Figure:
    """Similarity matrix ordered by the clustering, with the dendrogram above."""
    matrix = compare.feature_matrix()
    sim = compare.jaccard(matrix)
    merges = clustering.average_linkage(1.0 - sim.to_numpy())
    clusters = clustering.cluster_cases(matrix)
    order = list(clusters.index)
    values = sim.loc[order, order].to_numpy()
    n = len(order)

    fig = new_figure("double", height=6.4)
    grid = fig.add_gridspec(2, 2, height_ratios=[1.1, n / 2.6], width_ratios=[n, 1.0], hspace=0.01)
    ax_tree = fig.add_subplot(grid[0, 0])
    ax = fig.add_subplot(grid[1, 0], sharex=ax_tree)
    cax = fig.add_subplot(grid[1, 1])
    image = ax.imshow(values, cmap=_TILE, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    ticks = _case_ticks(order, lang)
    ax.set_xticks(range(n), ticks)
    ax.tick_params(axis="x", rotation=90, length=0, labelsize=FONT_SIZE - 1)
    ax.set_yticks(range(n), ticks)
    ax.tick_params(axis="y", length=0, labelsize=FONT_SIZE - 1)
    ax.spines[:].set_visible(False)
    for i in range(n):
        for j in range(n):
            if i != j and values[i, j] >= 0.3:
                ax.text(
                    j,
                    i,
                    f"{values[i, j]:.2f}".lstrip("0"),
                    ha="center",
                    va="center",
                    fontsize=MIN_FONT_SIZE,
                    color="white" if values[i, j] >= 0.55 else "#222222",
                )
    _clusters_and_tree(
        fig,
        (ax, ax_tree, cax),
        image,
        merges,
        clusters["cluster"],
        clustering.CUT_HEIGHT,
        (
            tr(lang, en="1 − Jaccard", zh="1 − Jaccard"),
            tr(lang, en="Jaccard similarity", zh="Jaccard 相似度"),
        ),
    )
    cells = [
        {
            "case_a": int(a),
            "case_b": int(b),
            "jaccard": float(values[i, j]),
            "cluster_a": int(clusters.loc[a, "cluster"]),
            "cluster_b": int(clusters.loc[b, "cluster"]),
            "row": i,
            "col": j,
            "cut_height": float(clustering.CUT_HEIGHT),
        }
        for i, a in enumerate(order)
        for j, b in enumerate(order)
    ]
    return attach_data(fig, pd.DataFrame(cells))


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


def _wrap(label: str, lang: str, width_en: int = 14, width_zh: int = 6) -> str:
    """Break a tick label into lines (at spaces in English, every few characters in Chinese)."""
    if lang == "en":
        return textwrap.fill(label, width_en, break_long_words=False)
    return "\n".join(label[k : k + width_zh] for k in range(0, len(label), width_zh))


def _crosstab_panel(
    fig: Figure, row: str, col: str, lang: str, cases: tuple[int, ...] | None = None
) -> tuple[Axes, pd.DataFrame]:
    features = select_cases(load_features(), cases, what="features")
    table = compare.crosstab(row, col, features=features, margins=True)
    body = table.drop(index="cases", columns="cases")
    body = body.loc[table.loc[body.index, "cases"] > 0, table.loc["cases", body.columns] > 0]
    row_labels = compare.column_labels([f"{row}={v}" for v in body.index], lang, with_feature=False)
    col_labels = compare.column_labels(
        [f"{col}={v}" for v in body.columns], lang, with_feature=False
    )
    n_rows, n_cols = body.shape
    ax = fig.subplots()
    counts = body.to_numpy()
    top = max(int(counts.max()), 1)
    ax.imshow(counts, cmap=_TILE, vmin=0, vmax=top, aspect="auto", interpolation="nearest")
    for i in range(n_rows):
        for j in range(n_cols):
            if counts[i, j]:
                ax.text(
                    j,
                    i,
                    str(int(counts[i, j])),
                    ha="center",
                    va="center",
                    fontsize=FONT_SIZE - 0.5,
                    color="white" if counts[i, j] > top / 2 else "#222222",
                )
    open_, close = tr(lang, en=" (", zh="（"), tr(lang, en=")", zh="）")
    ax.set_yticks(
        range(n_rows),
        [
            _wrap(f"{label}{open_}{table.loc[v, 'cases']}{close}", lang, 21, 12)
            for v, label in zip(body.index, row_labels, strict=True)
        ],
    )
    ax.set_xticks(
        range(n_cols),
        [
            f"{_wrap(label, lang, 9, 4)}\n{open_.strip()}{table.loc['cases', v]}{close}"
            for v, label in zip(body.columns, col_labels, strict=True)
        ],
    )
    ax.tick_params(length=0)
    ax.tick_params(labelsize=FONT_SIZE - 1.5)
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="#DDDDDD", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    ax.set_ylabel(compare.column_labels([row], lang)[0])
    ax.set_xlabel(compare.column_labels([col], lang)[0])
    holders = {
        (f, str(v)): set(g["case_id"].astype(int))
        for (f, v), g in features[features["feature"].isin([row, col])].groupby(
            ["feature", "value"]
        )
    }
    cells = []
    for i, a in enumerate(body.index):
        for j, b in enumerate(body.columns):
            ids = sorted(holders.get((row, str(a)), set()) & holders.get((col, str(b)), set()))
            assert len(ids) == int(counts[i, j]), (row, a, col, b)
            cells.append(
                {
                    "row_feature": row,
                    "row_value": str(a),
                    "col_feature": col,
                    "col_value": str(b),
                    "n_cases": int(counts[i, j]),
                    "case_ids": ";".join(map(str, ids)),
                    "row_cases": int(table.loc[a, "cases"]),
                    "col_cases": int(table.loc["cases", b]),
                    "row": i,
                    "col": j,
                }
            )
    attach_data(fig, pd.DataFrame(cells))
    return ax, table


@register(
    "crosstab_domain_partner",
    description=(
        "Number of cases by policy domain and partner jurisdiction (gba.compare.crosstab): a "
        "case with both Hong Kong and Macao as partners counts in both columns; the number "
        "of cases with each value is in brackets."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_crosstab_domain_partner(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Tile chart of the domain × partner crosstab."""
    fig = new_figure("single", height=2.9)
    _crosstab_panel(fig, "domain", "partner", lang, cases)
    return fig


@register(
    "crosstab_level_mechanism",
    description=(
        "Number of cases by mechanism type (rows) and the level of the lead submitting unit "
        "(columns; gba.compare.crosstab): a case with several mechanism types counts in "
        "each; the number of cases with each value is in brackets."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_crosstab_level_mechanism(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Tile chart of the mechanism × lead level crosstab."""
    fig = new_figure("single", height=3.4)
    _crosstab_panel(fig, "mechanism", "lead_level", lang, cases)
    return fig


@register(
    "case_evidence",
    description=(
        "Per case, the quantities the text states (gba.load_indicators()), split into dated "
        "ones (a stated reference date or period) and undated ones (gba.features.is_dated), "
        "next to the number of 'first' claims in the text (n_first_claims of "
        "gba.load_features()); cases sorted by dated, then all indicators."
    ),
    notebook=_NOTEBOOK,
    subsets=True,
)
def fig_case_evidence(lang: str = "en", cases: tuple[int, ...] | None = None) -> Figure:
    """Bars of dated and undated indicators per case, beside the count of 'first' claims."""
    wide = select_cases(load_features(form="wide"), cases, what="features")
    frame = pd.DataFrame(
        {
            "dated": wide["n_dated_indicators"].astype(int),
            "all": wide["n_indicators"].astype(int),
            "firsts": wide["n_first_claims"].astype(int),
            "id": wide.index.astype(int),
        },
        index=wide.index.astype(int),
    ).sort_values(["dated", "all", "id"], ascending=[False, False, True])
    n = len(frame)
    y = np.arange(n)
    fig = new_figure("single", height=min(1.2 + 0.17 * n, 9.0))
    ax, ax_first = fig.add_gridspec(1, 2, width_ratios=[3, 1.4], wspace=0.08).subplots(sharey=True)
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
    fig.legend(loc="outside lower center", ncols=2, handlelength=1.0)
    firsts = frame["firsts"].to_numpy()
    ax_first.barh(y, firsts, height=0.7, color=PALETTE[1], linewidth=0)
    ax_first.tick_params(axis="y", left=False, length=0)
    ax_first.spines["left"].set_visible(False)
    ax_first.set_title(tr(lang, en="'First'\nclaims", zh="“首创”\n类表述"), fontsize=FONT_SIZE)
    ax_first.xaxis.get_major_locator().set_params(integer=True)
    data = pd.DataFrame(
        {
            "case_id": frame["id"].to_numpy(),
            "n_indicators": frame["all"].to_numpy(),
            "n_dated_indicators": dated,
            "n_undated_indicators": undated,
            "n_first_claims": firsts,
            "position": y,
        }
    )
    return attach_data(fig, data)
