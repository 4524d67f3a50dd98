"""Compare the cases: feature matrix, crosstabs, Jaccard similarity, labels, group summaries.

Everything here works on the long form of :func:`gba.load_features` (one row per
case, feature and value) and the codebook, and so on any small frame of the same
shape, which is how the tests check the arithmetic by hand.

Feature matrix
    One row per case, one 0/1 column per feature value, named
    ``"feature=value"``: categorical and multi-valued features are one-hot
    encoded (a multi-valued feature can have several 1s in a row, or none);
    a binary feature is one column ``"feature"``; a count becomes one column
    ``"feature>0"``.
Crosstab
    For two features, the number of cases having both values of each pair. A
    case with several values of a multi-valued feature is counted in every cell
    it belongs to, so cells can add up to more than the number of cases; the
    ``cases`` margins count each case once per value.
Similarity
    Jaccard similarity of the cases' sets of 1s: ``|A ∩ B| / |A ∪ B|`` (two empty
    rows have similarity 1).
Clustering of the cases on ``1 − Jaccard`` is in :mod:`gba.analysis.clustering`.

Examples
--------
>>> m = feature_matrix()
>>> m.shape[0], m.columns[0]
(20, 'lead_level=provincial')
>>> ct = crosstab("domain", "lead_level")
>>> int(ct.loc["legal", "provincial"])
2

The names above are ``gba.compare.<name>``; each is defined in the module of its job:
:mod:`.encoding` (the matrix, :data:`DESIGN_FEATURES`), :mod:`.crosstabs`
(crosstabs, tallies, group summaries, modes), :mod:`.similarity` (Jaccard, most
similar pairs, rank correlation) and :mod:`.labels` (labels of values and columns).
"""

from __future__ import annotations

from gba.analysis.compare.crosstabs import column_modes, crosstab, group_summary, value_tally
from gba.analysis.compare.encoding import DESIGN_FEATURES, feature_matrix
from gba.analysis.compare.labels import column_labels, relabel, value_labels
from gba.analysis.compare.similarity import jaccard, most_similar_pairs, rank_correlation

__all__ = [
    "DESIGN_FEATURES",
    "column_labels",
    "column_modes",
    "crosstab",
    "feature_matrix",
    "group_summary",
    "jaccard",
    "most_similar_pairs",
    "rank_correlation",
    "relabel",
    "value_labels",
    "value_tally",
]
