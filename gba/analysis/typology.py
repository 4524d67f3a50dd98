"""Agreement between the typology's coders, distance between cases, and the batches.

Agreement is Krippendorff's alpha (nominal, from the ``krippendorff`` library)
and percent agreement, per feature; a multi-valued feature is also scored per
value as presence or absence. The distance weighs every feature equally
(Gower's coefficient for nominal and set-valued features).

Examples
--------
>>> from gba.analysis.typology import agreement
>>> table = agreement()
>>> int(table.query("feature == 'scope' and value == ''")["n_cases"].iloc[0])
20
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from gba.datasets.tables import read_table
from gba.datasets.typology import (
    case_features,
    load_indicator_role_codings,
    load_typology_codebook,
    load_typology_codes,
    load_typology_codings,
    load_typology_values,
)

__all__ = ["agreement", "batch_categories", "feature_distance", "role_agreement"]

Path_ = str | os.PathLike[str] | None


def _alpha(data: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) for a coders x units array of integer codes.

    NaN when every code is the same (alpha is undefined without variation).
    """
    import krippendorff

    if len(np.unique(data[~np.isnan(data)])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _score(cells: pd.DataFrame) -> tuple[float, float, int]:
    """(alpha, percent agreement, units) for a units x coders frame of hashable codes."""
    codes = {v: i for i, v in enumerate(sorted(set(cells.to_numpy().ravel()), key=str))}
    data = cells.apply(lambda col: col.map(codes)).to_numpy(dtype=float).T
    agree = float((cells.nunique(axis=1) == 1).mean()) if len(cells) else float("nan")
    return _alpha(data), agree, len(cells)


def agreement(
    codings: pd.DataFrame | None = None,
    *,
    exclude: set[tuple[int, str]] | None = None,
    data_dir: Path_ = None,
) -> pd.DataFrame:
    """Agreement between coders per feature, and per value of multi-valued features.

    Parameters
    ----------
    codings : DataFrame, optional
        Rows like ``typology_codings.csv`` (default: the stored codings).
    exclude : set of (case_id, feature), optional
        Cells left out (e.g. :func:`predecided_cells`).

    Returns
    -------
    DataFrame
        One row per feature (``value`` empty: a categorical value, or the whole
        value set of a multi-valued feature, as one nominal code) and, for
        multi-valued features, one row per value (presence or absence): columns
        ``feature, value, n_cases, n_coders, alpha, percent_agreement``. Alpha is
        NaN when all codes are the same.

    Examples
    --------
    >>> table = agreement()
    >>> bool((table["percent_agreement"] <= 1).all())
    True
    """
    if codings is None:
        codings = load_typology_codings(data_dir)
    book = load_typology_codebook(data_dir)
    coders = sorted(codings["coder"].unique())
    rows = []
    for feature in [f for f in book.index if book.loc[f, "unit"] == "case"]:
        sub = codings[codings["feature"] == feature]
        sets = sub.groupby(["case_id", "coder"])["value"].agg(lambda s: "|".join(sorted(s)))
        cells = sets.unstack("coder").reindex(columns=coders)
        if exclude:
            cells = cells[[(int(c), feature) not in exclude for c in cells.index]]
        cells = cells.dropna()
        alpha, agree, n = _score(cells)
        rows.append((feature, "", n, len(coders), alpha, agree))
        if book.loc[feature, "type"] == "multi-valued":
            for value in str(book.loc[feature, "allowed_values"]).split("|"):
                has = cells.apply(lambda col, v=value: col.map(lambda s: v in s.split("|")))
                alpha, agree, n = _score(has)
                rows.append((feature, value, n, len(coders), alpha, agree))
    return pd.DataFrame(
        rows, columns=["feature", "value", "n_cases", "n_coders", "alpha", "percent_agreement"]
    )


def role_agreement(data_dir: Path_ = None) -> tuple[float, float, int]:
    """(alpha, percent agreement, indicators) for the indicator role tags.

    >>> import gba
    >>> alpha, agree, n = role_agreement()
    >>> n == len(gba.load_indicators(origin="cases"))
    True
    """
    tags = load_indicator_role_codings(data_dir)
    cells = tags.pivot(index="indicator_id", columns="coder", values="role").dropna()
    return _score(cells)


def feature_distance(
    wide: pd.DataFrame | None = None, features: list[str] | None = None
) -> pd.DataFrame:
    """Distance between cases that weighs every feature equally (Gower for nominal data).

    Per feature, a categorical feature contributes 0 (same value) or 1, a
    multi-valued feature the Jaccard distance between the two value sets; the
    distance is the mean over the features, so a feature with many values counts
    no more than one with two.

    >>> d = feature_distance()
    >>> float(d.loc[1, 1]), bool(((d >= 0) & (d <= 1)).all().all())
    (0.0, True)
    """
    if wide is None:
        wide = case_features()
    features = list(features or wide.columns)
    ids = list(wide.index)
    total = np.zeros((len(ids), len(ids)))
    for feature in features:
        col = wide[feature].tolist()
        part = np.zeros_like(total)
        for i, a in enumerate(col):
            for j, b in enumerate(col):
                if isinstance(a, tuple):
                    sa, sb = set(a), set(b)
                    part[i, j] = 1 - len(sa & sb) / len(sa | sb) if sa | sb else 0.0
                else:
                    part[i, j] = float(a != b)
        total += part
    return pd.DataFrame(total / len(features), index=ids, columns=ids)


def batch_categories(data_dir: Path_ = None) -> pd.DataFrame:
    """Count cases per official category and batch, published and as coded here.

    The published counts come from ``batches.csv``; batch 1's coded categories
    from ``typology_codes.csv``.

    Returns a frame indexed by category with one column per batch (published,
    NaN where not found) and ``batch 1 coded`` (this package's coding of the 20
    texts; the official assignment of batch-1 cases is not published).

    >>> t = batch_categories()
    >>> int(t["batch 1 coded"].sum())
    20
    """
    batches = read_table("batches", data_dir)
    cats = [v for f, v in load_typology_values(data_dir).index if f == "official_category"]
    out = pd.DataFrame(index=pd.Index(cats, name="category"))
    for batch, group in batches.groupby("batch"):
        counts = {}
        for cat in cats:
            hit = group[group["quantity"] == f"n_category_{cat}"]["value"].dropna()
            counts[cat] = float(hit.iloc[0]) if len(hit) else float("nan")
        out[f"batch {batch}"] = pd.Series(counts)
    codes = load_typology_codes(data_dir)
    coded = codes[codes["feature"] == "official_category"]["value"].value_counts()
    out["batch 1 coded"] = coded.reindex(cats).fillna(0).astype(int)
    return out


#: Typology features that describe a reform's design (used for the distance);
#: official_category (the office's classification) and partners_mentioned (every
#: mention) are compared against the clusters, not used to build them.
DESIGN_FEATURES = (
    "alignment_mode",
    "main_mode",
    "who_adjusts",
    "legal_basis",
    "rule_or_mechanism",
    "scope",
    "main_partner",
)

#: Delivery tools, kept as their own features: the word-matched digital tools
#: (rule-coded) and a one-stop window (judgement-coded), both of gba.load_features.
DELIVERY_FEATURES = ("digital", "one_stop")

#: Cut height on the equal-weight distance: cases in one cluster differ, on
#: average over the features, by at most half.
TYPOLOGY_CUT = 0.5


def design_table(*, delivery: bool = True, data_dir: Path_ = None) -> pd.DataFrame:
    """Return the design features per case, with the delivery tools when ``delivery``.

    ``digital`` is the tuple of digital-tool values matched by words in the text
    (empty when none); ``one_stop`` is ``"yes"`` when the case's judgement codes
    include a one-stop or single window, else ``"no"``.

    >>> table = design_table()
    >>> list(table.columns[-2:])
    ['digital', 'one_stop']
    """
    from gba.datasets.features import load_features

    table = case_features(data_dir=data_dir)[list(DESIGN_FEATURES)].copy()
    if delivery:
        long = load_features(data_dir=data_dir)
        digital = long[long["feature"] == "digital"].groupby("case_id")["value"]
        digital = digital.agg(lambda s: tuple(sorted(s)))
        table["digital"] = [digital.get(c, ()) for c in table.index]
        window = long[(long["feature"] == "one_stop") & (long["value"] == "true")]
        one_stop = set(window["case_id"])
        table["one_stop"] = ["yes" if c in one_stop else "no" for c in table.index]
    return table


def typology_clusters(
    table: pd.DataFrame | None = None, *, height: float = TYPOLOGY_CUT
) -> pd.DataFrame:
    """Cluster the cases by average linkage on :func:`feature_distance`, cut at ``height``.

    Returns a frame in leaf order, indexed by case_id, with ``cluster``
    (numbered 1, 2, … in leaf order).

    >>> clusters = typology_clusters()
    >>> int(clusters["cluster"].min())
    1
    """
    from gba.analysis.clustering import average_linkage, cut_tree, leaf_order

    if table is None:
        table = design_table()
    dist = feature_distance(table)
    merges = average_linkage(dist.to_numpy())
    labels = cut_tree(merges, height=height)
    order = leaf_order(merges)
    ids = list(dist.index)
    renumber: dict[int, int] = {}
    for pos in order:
        renumber.setdefault(labels[pos], len(renumber) + 1)
    return pd.DataFrame(
        {"cluster": [renumber[labels[pos]] for pos in order]},
        index=pd.Index([ids[pos] for pos in order], name="case_id"),
    )


def rand_index(a: pd.Series, b: pd.Series) -> float:
    """Share of case pairs on which two clusterings agree (together in both or apart in both).

    >>> rand_index(pd.Series([1, 1, 2]), pd.Series([1, 1, 1]))
    0.3333333333333333
    """
    b = b.reindex(a.index)
    x, y = a.to_numpy(), b.to_numpy()
    same = 0
    pairs = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            pairs += 1
            same += int((x[i] == x[j]) == (y[i] == y[j]))
    return float(same / pairs) if pairs else float("nan")


def cluster_sensitivity(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How the clusters change when one feature (or the digital tools) is left out.

    One row per variant: ``left_out`` (a feature name), ``n_clusters`` and
    ``rand`` (:func:`rand_index` against the clustering on all features).

    >>> s = cluster_sensitivity()
    >>> bool(((s["rand"] >= 0) & (s["rand"] <= 1)).all())
    True
    """
    if table is None:
        table = design_table()
    full = typology_clusters(table)["cluster"]
    rows = []
    for feature in table.columns:
        other = typology_clusters(table.drop(columns=feature))["cluster"]
        rows.append((feature, int(other.nunique()), rand_index(full, other)))
    return pd.DataFrame(rows, columns=["left_out", "n_clusters", "rand"])
