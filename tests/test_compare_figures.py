"""The case evidence figure shows what the indicators and the claims rule find."""

from __future__ import annotations

from gba.analysis.claims import claims
from gba.datasets.indicators import load_indicators
from gba.figures.compare import fig_case_evidence


def test_evidence_bars_add_up_to_the_indicators_and_the_claims():
    fig = fig_case_evidence("en")
    ax, ax_claims = fig.axes
    total = sum(p.get_width() for p in ax.patches)
    assert total == len(load_indicators(origin="cases"))
    found = claims()
    widths = [p.get_width() for p in ax_claims.patches]
    half = len(widths) // 2
    assert sum(widths) == len(found)
    assert sum(widths[:half]) == int(found["backed_in_sentence"].sum())


def test_evidence_bars_of_a_subset_count_only_its_cases():
    found = claims()
    fig = fig_case_evidence("zh", cases=(4, 12))
    widths = [p.get_width() for p in fig.axes[1].patches]
    assert sum(widths) == int(found["case_id"].isin([4, 12]).sum())
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(ticks) == 2 and all(t.endswith("）") for t in ticks)
