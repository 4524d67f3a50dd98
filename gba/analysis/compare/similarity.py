"""How alike: Jaccard similarity of the cases, their most similar pairs, and rank correlation.

Jaccard similarity of two cases' sets of 1s in the feature matrix is
``|A ∩ B| / |A ∪ B|`` (two empty rows have similarity 1); the clustering on
``1 − Jaccard`` is in :mod:`gba.analysis.clustering`. Spearman's rank
correlation with a seeded permutation p-value says how alike two paired variables rank.

Examples
--------
>>> sim = jaccard(pd.DataFrame([[1, 1, 0], [1, 0, 0]], index=["a", "b"]))
>>> float(sim.loc["a", "b"])
0.5
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["TIE", "jaccard", "most_similar_pairs", "rank_correlation"]

TIE = 1e-12
"""Similarities, distances or correlations closer than this are ties."""


def jaccard(matrix: pd.DataFrame) -> pd.DataFrame:
    """Pairwise Jaccard similarity of the rows of a 0/1 matrix.

    Parameters
    ----------
    matrix : pandas.DataFrame
        0/1 values, one row per case (e.g. :func:`feature_matrix`).

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, ``float64``, indexed both ways by the matrix's index;
        ``|A ∩ B| / |A ∪ B|``, and 1.0 when both rows are all zero.

    Raises
    ------
    ValueError
        If the matrix holds anything but 0 and 1.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1, 0], [1, 0, 1], [0, 0, 0]], index=["a", "b", "c"])
    >>> jaccard(m).round(3)
           a      b    c
    a  1.000  0.333  0.0
    b  0.333  1.000  0.0
    c  0.000  0.000  1.0
    """
    x = matrix.to_numpy()
    if not np.isin(x, (0, 1)).all():
        raise ValueError("jaccard needs a 0/1 matrix")
    x = x.astype("int64")
    inter = x @ x.T
    size = x.sum(axis=1)
    union = size[:, None] + size[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = np.where(union == 0, 1.0, inter / np.where(union == 0, 1, union))
    return pd.DataFrame(sim, index=matrix.index, columns=matrix.index)


def most_similar_pairs(
    similarity: pd.DataFrame, n: int = 5, labels: Mapping[Any, str] | pd.Series | None = None
) -> pd.DataFrame:
    """Return the ``n`` most similar pairs of cases.

    Parameters
    ----------
    similarity : pandas.DataFrame
        Square similarity matrix (:func:`jaccard`).
    n : int, optional
        How many pairs.
    labels : mapping or pandas.Series, optional
        A label for each case id, e.g. ``gba.load_cases()["short_en"]``; adds
        the columns ``label_a`` and ``label_b``.

    Returns
    -------
    pandas.DataFrame
        Columns ``a`` and ``b`` (the pair, ``a`` first in the matrix order)
        and ``similarity``, by decreasing similarity; ties in matrix order;
        with ``labels``, also ``label_a`` and ``label_b``.

    Raises
    ------
    ValueError
        If ``n`` is negative, or ``labels`` lacks a case of a pair.

    Examples
    --------
    >>> sim = jaccard(pd.DataFrame([[1, 1], [1, 0], [0, 1]], index=[7, 8, 9]))
    >>> most_similar_pairs(sim, 2)
       a  b  similarity
    0  7  8         0.5
    1  7  9         0.5
    >>> most_similar_pairs(sim, 1, labels={7: "Qingmao", 8: "Lawyers", 9: "WMC"})
       a  b  similarity  label_a  label_b
    0  7  8         0.5  Qingmao  Lawyers
    """
    if not isinstance(n, Integral) or n < 0:
        raise ValueError(f"n must be a whole number from 0 up, not {n!r}")
    ids = list(similarity.index)
    x = similarity.to_numpy()
    pairs = [(-x[i, j], i, j) for i in range(len(ids)) for j in range(i + 1, len(ids))]
    top = sorted(pairs)[:n]
    out = pd.DataFrame(
        {
            "a": [ids[i] for _, i, _ in top],
            "b": [ids[j] for _, _, j in top],
            "similarity": [-v for v, _, _ in top],
        }
    )
    if labels is not None:
        names = dict(labels.items()) if isinstance(labels, pd.Series) else dict(labels)
        missing = [c for c in [*out["a"], *out["b"]] if c not in names]
        if missing:
            raise ValueError(f"labels has no label for case {missing[0]!r}")
        out["label_a"] = [names[c] for c in out["a"]]
        out["label_b"] = [names[c] for c in out["b"]]
    return out


def rank_correlation(
    x: Sequence[float] | pd.Series,
    y: Sequence[float] | pd.Series,
    *,
    permutations: int = 9999,
    seed: int = 0,
) -> tuple[float, float]:
    """Spearman rank correlation and its two-sided permutation p-value.

    Spearman's rho is the Pearson correlation of the ranks (ties get their
    average rank). The p-value is the share of random pairings of ``y`` with
    ``x`` whose ``|rho|`` is at least the observed one, counting the observed
    pairing: ``(hits + 1) / (permutations + 1)``. The generator is seeded, so
    the result is reproducible.

    Parameters
    ----------
    x, y : sequence of float
        Paired observations, same length, at least 3, neither constant.
    permutations : int, optional
        Number of random permutations.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    tuple of float
        ``(rho, p)``.

    Raises
    ------
    ValueError
        For unequal lengths, fewer than 3 pairs or a constant variable.

    Examples
    --------
    >>> rho, p = rank_correlation([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5])
    >>> round(rho, 3), p < 0.1
    (0.829, True)
    >>> rank_correlation([1, 2, 3], [3, 2, 1], permutations=99)[0]
    -1.0
    """
    rx = pd.Series(np.asarray(x, dtype=float)).rank().to_numpy()
    ry = pd.Series(np.asarray(y, dtype=float)).rank().to_numpy()
    if len(rx) != len(ry):
        raise ValueError(f"x and y differ in length: {len(rx)} and {len(ry)}")
    if len(rx) < 3:
        raise ValueError(f"a rank correlation needs at least 3 pairs, got {len(rx)}")
    if rx.std() == 0 or ry.std() == 0:
        raise ValueError("a rank correlation needs two non-constant variables")
    rx, ry = rx - rx.mean(), ry - ry.mean()
    scale = math.sqrt(float((rx**2).sum() * (ry**2).sum()))
    rho = float(rx @ ry) / scale
    rng = np.random.default_rng(seed)
    perms = np.array([rng.permutation(ry) for _ in range(permutations)])
    hits = int((np.abs(perms @ rx) / scale >= abs(rho) - TIE).sum())
    return rho, (hits + 1) / (permutations + 1)
