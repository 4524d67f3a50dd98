"""Encode the cases' features as a case × feature-value 0/1 matrix, the input of every comparison.

One row per case, one 0/1 column per feature value, named ``"feature=value"``:
categorical and multi-valued features are one-hot encoded (a multi-valued feature
can have several 1s in a row, or none); a binary feature is one column
``"feature"``; a count becomes one column ``"feature>0"``. It works on the long form
of :func:`gba.load_features` and the codebook, or on any small frame of the same shape.

Examples
--------
>>> m = feature_matrix()
>>> m.shape[0], m.columns[0]
(20, 'lead_level=provincial')
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["DESIGN_FEATURES", "codebook_parts", "feature_matrix"]

DESIGN_FEATURES: tuple[str, ...] = (
    "lead_level",
    "domain",
    "one_stop",
    "digital",
    "beneficiaries",
)
"""Features of ``codebook.csv`` describing a reform, the default for the matrix and similarity.

How a reform aligns rules, who adjusts, its legal basis, scope and partner are
the typology's features; their equal-weight distance and clusters are in
:mod:`gba.analysis.typology`. Left out here: ``submitter_level`` (it repeats
``lead_level`` for 18 of 20 cases), ``n_first_claims`` and the indicator
features, which describe how a case is reported rather than what the reform does.
"""


def codebook_parts(
    codebook: pd.DataFrame | None, values: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the codebook and its values as given, the package's where ``None``."""
    from gba.datasets.codebook import load_codebook, load_codebook_values

    return (
        load_codebook() if codebook is None else codebook,
        load_codebook_values() if values is None else values,
    )


def feature_matrix(
    features: pd.DataFrame | None = None,
    *,
    include: Sequence[str] | None = DESIGN_FEATURES,
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
    drop_empty: bool = True,
) -> pd.DataFrame:
    """Build the case × feature-value 0/1 matrix.

    Parameters
    ----------
    features : pandas.DataFrame, optional
        Long-form features with columns ``case_id``, ``feature``, ``value``
        (default: :func:`gba.load_features`).
    include : sequence of str or None, optional
        Features to encode, in this order (default :data:`DESIGN_FEATURES`;
        ``None``: every feature of the codebook, in codebook order).
    codebook : pandas.DataFrame, optional
        Indexed by feature with a ``type`` column (default: the package's).
    values : pandas.DataFrame, optional
        Columns ``feature`` and ``value`` in display order (default: the
        package's); sets the column order within a feature.
    drop_empty : bool, optional
        Drop columns that no case has (they do not change Jaccard similarity).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``case_id`` (sorted), one ``int64`` 0/1 column per value,
        named ``"feature=value"`` (``"feature"`` for binary, ``"feature>0"``
        for counts).

    Raises
    ------
    ValueError
        If a feature is not in the codebook, or a value not among its values.

    Examples
    --------
    >>> long = pd.DataFrame({"case_id": [1, 1, 2, 2],
    ...                      "feature": ["p", "p", "p", "n"],
    ...                      "value": ["hk", "mo", "mo", "3"]})
    >>> book = pd.DataFrame({"type": ["multi-valued", "count"]}, index=["p", "n"])
    >>> vals = pd.DataFrame({"feature": ["p", "p"], "value": ["hk", "mo"]})
    >>> feature_matrix(long, include=["p", "n"], codebook=book, values=vals)
             p=hk  p=mo  n>0
    case_id
    1           1     1    0
    2           0     1    1
    """
    if features is None:
        from gba.datasets.features import load_features

        features = load_features()
    codebook, values = codebook_parts(codebook, values)
    names = list(codebook.index) if include is None else list(include)
    case_ids = sorted(pd.unique(features["case_id"]))
    index = pd.Index(case_ids, name="case_id", dtype="Int64")
    blocks: list[pd.DataFrame] = []
    for feature in names:
        if feature not in codebook.index:
            raise ValueError(f"{feature!r} is not a feature of the codebook")
        kind = codebook.loc[feature, "type"]
        sel = features[features["feature"] == feature]
        if kind == "count":
            hit = pd.to_numeric(sel.set_index("case_id")["value"]) > 0
            col = hit.groupby(level=0).any().reindex(index, fill_value=False)
            blocks.append(pd.DataFrame({f"{feature}>0": col.astype("int64")}, index=index))
            continue
        if kind == "binary":
            hit = sel.set_index("case_id")["value"] == "true"
            col = hit.groupby(level=0).any().reindex(index, fill_value=False)
            blocks.append(pd.DataFrame({feature: col.astype("int64")}, index=index))
            continue
        allowed = list(values.loc[values["feature"] == feature, "value"])
        unknown = sorted(set(sel["value"]) - set(allowed))
        if unknown:
            raise ValueError(f"{feature!r} has values not in the codebook: {', '.join(unknown)}")
        onehot = pd.crosstab(sel["case_id"], sel["value"]).clip(upper=1)
        onehot = onehot.reindex(index=index, columns=allowed, fill_value=0).astype("int64")
        onehot.columns = [f"{feature}={v}" for v in allowed]
        blocks.append(onehot)
    matrix = pd.concat(blocks, axis=1) if blocks else pd.DataFrame(index=index)
    if drop_empty:
        matrix = matrix.loc[:, matrix.sum(axis=0) > 0]
    matrix.columns.name = None
    return matrix
