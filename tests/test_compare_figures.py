"""The comparison figures show what gba.analysis.compare computes."""

from __future__ import annotations

from gba import clustering, compare
from gba.datasets.cases import load_cases
from gba.figures.compare import (
    fig_case_feature_matrix,
    fig_case_similarity,
    fig_crosstab_domain_partner,
    fig_crosstab_level_mechanism,
)


def _tick_texts(ax, axis: str) -> list[str]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def test_feature_matrix_rows_follow_the_clustering():
    fig = fig_case_feature_matrix("en")
    ax = fig.axes[0]
    order = clustering.order_cases()
    short = load_cases()["short_en"]
    assert _tick_texts(ax, "y") == [f"{short[i]} ({i})" for i in order]
    assert len(_tick_texts(ax, "x")) == compare.feature_matrix().shape[1]


def test_similarity_matrix_is_ordered_and_labelled_in_chinese():
    fig = fig_case_similarity("zh")
    ax = fig.axes[1]
    short = load_cases()["short_zh"]
    assert _tick_texts(ax, "y") == [f"{short[i]}（{i}）" for i in clustering.order_cases()]


def test_crosstab_tiles_show_the_crosstab():
    for fig, (row, col) in [
        (fig_crosstab_domain_partner("en"), ("domain", "partner")),
        (fig_crosstab_level_mechanism("zh"), ("mechanism", "lead_level")),
    ]:
        ax = fig.axes[0]
        shown = sum(int(t.get_text()) for t in ax.texts)
        assert shown == int(compare.crosstab(row, col).to_numpy().sum())


def test_evidence_bars_add_up_to_the_indicators():
    from gba.datasets.indicators import load_indicators
    from gba.figures.compare import fig_case_evidence

    fig = fig_case_evidence("en")
    ax = fig.axes[0]
    total = sum(p.get_width() for p in ax.patches)
    assert total == len(load_indicators(origin="cases"))
