"""Cluster the cases: average linkage on ``1 − Jaccard``, the tree, its cut and its stability.

Average-linkage (UPGMA) agglomerative clustering on the distance
``1 − Jaccard`` of :func:`gba.analysis.compare.similarity.jaccard`, implemented here with
numpy (no scipy). At each step the two clusters with the smallest average
pairwise distance merge; ties (distances within 1e-12) go to the pair whose
first leaves come first in the input order. The leaf order (left before right,
the left cluster being the one whose first leaf comes first) puts similar
cases next to each other. :func:`coclustering` over :func:`leave_one_out`
matrices and :func:`cluster_stability` say how much the clusters depend on
any one feature.

Examples
--------
>>> clusters = cluster_cases()
>>> len(clusters), clusters.index.name
(20, 'case_id')
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from gba.analysis.compare.encoding import DESIGN_FEATURES, codebook_parts, feature_matrix
from gba.analysis.compare.labels import column_labels
from gba.analysis.compare.similarity import TIE, jaccard
from gba.analysis.phrases.words import case_names

__all__ = [
    "CUT_HEIGHT",
    "average_linkage",
    "cluster_cases",
    "cluster_profile",
    "cluster_stability",
    "cluster_table",
    "coclustering",
    "cut_tree",
    "dendrogram_segments",
    "leaf_order",
    "leave_one_out",
    "order_cases",
]

CUT_HEIGHT = 0.75
"""Default height at which :func:`cluster_cases` cuts the tree (distance ``1 − Jaccard``).

Merges up to this average distance are kept: the cases of one cluster share, on
average, at least a quarter of their feature values with each other.
"""


def average_linkage(distance: pd.DataFrame | np.ndarray) -> pd.DataFrame:
    """Cluster by average linkage (UPGMA) on a distance matrix.

    Parameters
    ----------
    distance : pandas.DataFrame or numpy.ndarray
        Square, symmetric, non-negative, zero diagonal (e.g. ``1 - jaccard(m)``).

    Returns
    -------
    pandas.DataFrame
        One row per merge, in order (``n - 1`` rows), with the scipy
        numbering of clusters: leaves are ``0 … n-1`` (input order) and the
        cluster made by merge ``k`` (0-based) is ``n + k``. Columns: ``left``
        and ``right`` (``int64``; left is the cluster whose first leaf comes
        first), ``distance`` (``float64``: the average distance between the
        two clusters' leaves) and ``size`` (``int64``: leaves in the new
        cluster). Ties (within 1e-12) merge the pair whose first leaves come
        first: smallest first leaf of the left cluster, then of the right.

    Raises
    ------
    ValueError
        If the matrix is not square and symmetric with a zero diagonal, or is
        smaller than 2 × 2.

    Examples
    --------
    >>> d = np.array([[0, 2, 6, 10], [2, 0, 5, 9], [6, 5, 0, 4], [10, 9, 4, 0]])
    >>> average_linkage(d)
       left  right  distance  size
    0     0      1       2.0     2
    1     2      3       4.0     2
    2     4      5       7.5     4
    """
    d = np.asarray(distance, dtype="float64")
    n = d.shape[0]
    if d.ndim != 2 or d.shape != (n, n) or n < 2:
        raise ValueError("distance must be a square matrix of at least 2 × 2")
    if not np.allclose(d, d.T) or not np.allclose(np.diag(d), 0) or (d < 0).any():
        raise ValueError("distance must be symmetric, non-negative, with a zero diagonal")
    # active clusters: id -> (first leaf, size); distances between active clusters
    first = {i: i for i in range(n)}
    size = {i: 1 for i in range(n)}
    dist: dict[tuple[int, int], float] = {
        (i, j): float(d[i, j]) for i in range(n) for j in range(i + 1, n)
    }

    def key(a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)

    rows = []
    for step in range(n - 1):
        best = min(dist.values())
        ties = [
            (min(first[a], first[b]), max(first[a], first[b]), a, b)
            for (a, b), v in dist.items()
            if v - best <= TIE
        ]
        _, _, a, b = min(ties)
        left, right = (a, b) if first[a] < first[b] else (b, a)
        new = n + step
        rows.append((left, right, dist[key(a, b)], size[a] + size[b]))
        for c in list(first):
            if c in (a, b):
                continue
            dac, dbc = dist.pop(key(a, c)), dist.pop(key(b, c))
            dist[key(new, c)] = (size[a] * dac + size[b] * dbc) / (size[a] + size[b])
        del dist[key(a, b)]
        first[new] = min(first.pop(a), first.pop(b))
        size[new] = size.pop(a) + size.pop(b)
    out = pd.DataFrame(rows, columns=["left", "right", "distance", "size"])
    return out.astype({"left": "int64", "right": "int64", "distance": "float64", "size": "int64"})


def leaf_order(merges: pd.DataFrame) -> list[int]:
    """Return the leaves (input positions) in dendrogram order, left before right.

    Examples
    --------
    >>> merges = pd.DataFrame({"left": [1, 0], "right": [2, 3], "distance": [0.1, 0.5],
    ...                        "size": [2, 3]})
    >>> leaf_order(merges)
    [0, 1, 2]
    """
    n = len(merges) + 1
    children = {n + k: (int(r.left), int(r.right)) for k, r in enumerate(merges.itertuples())}
    order: list[int] = []
    stack = [2 * n - 2]
    while stack:
        node = stack.pop()
        if node < n:
            order.append(node)
        else:
            left, right = children[node]
            stack.extend([right, left])
    return order


def cut_tree(
    merges: pd.DataFrame, n_clusters: int | None = None, *, height: float | None = None
) -> list[int]:
    """Cut the tree into clusters by undoing the last merges.

    Give either the number of clusters, or a height: then every merge at a
    distance up to ``height`` (within 1e-12) is kept, so that each cluster's
    leaves are on average closer than the height to one another.

    Parameters
    ----------
    merges : pandas.DataFrame
        From :func:`average_linkage`.
    n_clusters : int, optional
        Between 1 and the number of leaves.
    height : float, optional
        Distance at which to cut.

    Returns
    -------
    list of int
        A cluster number for each leaf (input order), numbered 1, 2, … in the
        order the clusters appear along :func:`leaf_order`.

    Raises
    ------
    ValueError
        If neither or both of ``n_clusters`` and ``height`` are given, or
        ``n_clusters`` is out of range.

    Examples
    --------
    >>> d = np.array([[0, 2, 6, 10], [2, 0, 5, 9], [6, 5, 0, 4], [10, 9, 4, 0]])
    >>> cut_tree(average_linkage(d), 2)
    [1, 1, 2, 2]
    >>> cut_tree(average_linkage(d), height=3)
    [1, 1, 2, 3]
    """
    n = len(merges) + 1
    if (n_clusters is None) == (height is None):
        raise ValueError("give exactly one of n_clusters and height")
    if height is not None:
        n_clusters = n - int((merges["distance"] <= height + TIE).sum())
    assert n_clusters is not None
    if not 1 <= n_clusters <= n:
        raise ValueError(f"n_clusters must be between 1 and {n}, not {n_clusters}")
    members = {i: [i] for i in range(n)}
    for k, r in enumerate(merges.itertuples()):
        if k >= n - n_clusters:
            break
        new = n + k
        members[new] = members.pop(int(r.left)) + members.pop(int(r.right))
    label_of_leaf = {}
    for cid, leaves in members.items():
        for leaf in leaves:
            label_of_leaf[leaf] = cid
    numbering: dict[int, int] = {}
    for leaf in leaf_order(merges):
        numbering.setdefault(label_of_leaf[leaf], len(numbering) + 1)
    return [numbering[label_of_leaf[i]] for i in range(n)]


def dendrogram_segments(
    merges: pd.DataFrame,
) -> list[tuple[tuple[float, float, float, float], tuple[float, float, float, float]]]:
    """Return the line coordinates of a dendrogram, one U-shape per merge.

    Leaves sit at ``x = 0, 1, …`` in :func:`leaf_order`, at height 0; a merged
    cluster sits at the mean ``x`` of its two children and at the merge
    distance.

    Returns
    -------
    list
        Per merge, ``(xs, ys)``: the four x and four y coordinates of the
        U (left child top, left at merge height, right at merge height, right
        child top).

    Examples
    --------
    >>> d = np.array([[0, 2, 6, 10], [2, 0, 5, 9], [6, 5, 0, 4], [10, 9, 4, 0]])
    >>> dendrogram_segments(average_linkage(d))[2]
    ((0.5, 0.5, 2.5, 2.5), (2.0, 7.5, 7.5, 4.0))
    """
    n = len(merges) + 1
    pos = {leaf: float(x) for x, leaf in enumerate(leaf_order(merges))}
    height = dict.fromkeys(range(n), 0.0)
    out = []
    for k, r in enumerate(merges.itertuples()):
        a, b, h = int(r.left), int(r.right), float(r.distance)
        out.append(((pos[a], pos[a], pos[b], pos[b]), (height[a], h, h, height[b])))
        pos[n + k] = (pos[a] + pos[b]) / 2
        height[n + k] = h
    return out


def order_cases(matrix: pd.DataFrame | None = None) -> list[int]:
    """Order the cases so that similar ones sit together.

    The leaf order of average-linkage clustering on ``1 − Jaccard`` of the
    feature matrix (default: :func:`feature_matrix` of the design features).

    Returns
    -------
    list of int
        The matrix's index values (case ids, which must be integers) in order.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 0], [0, 1], [1, 1], [0, 1]], index=[1, 2, 3, 4])
    >>> order_cases(m)
    [1, 3, 2, 4]
    """
    if matrix is None:
        matrix = feature_matrix()
    merges = average_linkage(1.0 - jaccard(matrix).to_numpy())
    labels = [int(i) for i in matrix.index]
    return [labels[i] for i in leaf_order(merges)]


def cluster_cases(
    matrix: pd.DataFrame | None = None, *, height: float = CUT_HEIGHT
) -> pd.DataFrame:
    """Cluster the cases and list them in leaf order with their cluster.

    Average-linkage clustering on ``1 − Jaccard`` of the feature matrix, cut at
    ``height`` (:func:`cut_tree`).

    Parameters
    ----------
    matrix : pandas.DataFrame, optional
        0/1 matrix indexed by case id (default: :func:`feature_matrix`).
    height : float, optional
        Cut height (default :data:`CUT_HEIGHT`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``case_id`` in leaf order; columns ``position`` (0, 1, …
        along the leaf order) and ``cluster`` (1, 2, … in leaf order), both
        ``int64``.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 0], [0, 1], [1, 1], [0, 1]], index=[1, 2, 3, 4])
    >>> cluster_cases(m, height=0.25)
             position  cluster
    case_id
    1               0        1
    3               1        2
    2               2        3
    4               3        3
    """
    if matrix is None:
        matrix = feature_matrix()
    merges = average_linkage(1.0 - jaccard(matrix).to_numpy())
    ids = [int(i) for i in matrix.index]
    order = leaf_order(merges)
    labels = cut_tree(merges, height=height)
    out = pd.DataFrame(
        {"position": range(len(order)), "cluster": [labels[i] for i in order]},
        index=pd.Index([ids[i] for i in order], name="case_id"),
    )
    return out.astype("int64")


def cluster_profile(
    matrix: pd.DataFrame, clusters: pd.Series, *, min_share: float = 0.75
) -> pd.DataFrame:
    """List, for each cluster, the feature values most of its cases have.

    Parameters
    ----------
    matrix : pandas.DataFrame
        0/1 matrix indexed by case id (:func:`feature_matrix`).
    clusters : pandas.Series
        Cluster number by case id (e.g. ``cluster_cases()["cluster"]``).
    min_share : float, optional
        Keep values held by at least this share of the cluster's cases.

    Returns
    -------
    pandas.DataFrame
        One row per cluster and kept value, clusters in order of first
        appearance in ``clusters``, values by decreasing share then matrix
        column order. Columns ``cluster`` (``int64``), ``n_cases`` (``int64``:
        cases in the cluster), ``column`` (``string``: the matrix column),
        ``share`` (``float64``) and ``cases`` (``string``: the cluster's cases).

    Examples
    --------
    >>> m = pd.DataFrame({"a=x": [1, 1, 0], "a=y": [0, 1, 1]}, index=[1, 2, 3])
    >>> cluster_profile(m, pd.Series({1: 1, 2: 1, 3: 2}), min_share=1.0)
       cluster  n_cases column  share cases
    0        1        2    a=x    1.0  1, 2
    1        2        1    a=y    1.0     3
    """
    rows = []
    for cluster in pd.unique(clusters):
        members = [int(i) for i in clusters.index[clusters == cluster]]
        share = matrix.loc[members].mean(axis=0)
        order = sorted(range(len(share)), key=lambda k: (-float(share.iloc[k]), k))
        for k in order:
            if share.iloc[k] >= min_share - TIE:
                rows.append(
                    (
                        int(cluster),
                        len(members),
                        str(share.index[k]),
                        float(share.iloc[k]),
                        ", ".join(map(str, members)),
                    )
                )
    out = pd.DataFrame(rows, columns=["cluster", "n_cases", "column", "share", "cases"])
    return out.astype(
        {
            "cluster": "int64",
            "n_cases": "int64",
            "column": "string",
            "share": "float64",
            "cases": "string",
        }
    )


def coclustering(matrices: Sequence[pd.DataFrame], *, height: float = CUT_HEIGHT) -> pd.DataFrame:
    """Share of clusterings in which each pair of cases falls in the same cluster.

    A check on how much the clusters depend on the choice of features: build
    one matrix per feature set (e.g. leaving out one feature at a time),
    cluster each with :func:`cluster_cases` at ``height``, and count.

    Parameters
    ----------
    matrices : sequence of pandas.DataFrame
        0/1 matrices with the same case index.
    height : float, optional
        Cut height.

    Returns
    -------
    pandas.DataFrame
        Square, indexed both ways by case id (the first matrix's order);
        ``float64`` shares between 0 and 1 (1 on the diagonal).

    Examples
    --------
    >>> a = pd.DataFrame([[1, 0], [1, 0], [0, 1]], index=[1, 2, 3])
    >>> b = pd.DataFrame([[1, 0], [0, 1], [0, 1]], index=[1, 2, 3])
    >>> coclustering([a, b], height=0.5)
         1    2    3
    1  1.0  0.5  0.0
    2  0.5  1.0  0.5
    3  0.0  0.5  1.0
    """
    if not matrices:
        raise ValueError("coclustering needs at least one matrix")
    ids = [int(i) for i in matrices[0].index]
    total = np.zeros((len(ids), len(ids)))
    for m in matrices:
        if [int(i) for i in m.index] != ids:
            raise ValueError("every matrix must have the same case index, in the same order")
        labels = cluster_cases(m, height=height)["cluster"].reindex(ids).to_numpy()
        total += labels[:, None] == labels[None, :]
    return pd.DataFrame(total / len(matrices), index=ids, columns=ids)


def cluster_table(
    matrix: pd.DataFrame,
    clusters: pd.Series,
    *,
    min_share: float = 0.5,
    names: pd.Series | None = None,
    lang: str = "en",
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Describe each cluster: its cases by name and the values most of them share.

    Parameters
    ----------
    matrix : pandas.DataFrame
        0/1 matrix indexed by case id (:func:`feature_matrix`).
    clusters : pandas.Series
        Cluster number by case id (``cluster_cases()["cluster"]``).
    min_share : float, optional
        List the values held by at least this share of a cluster's cases.
    names : pandas.Series, optional
        Case label by case id (default: ``short_en`` or ``short_zh`` of
        :func:`gba.load_cases`).
    lang : {"en", "zh"}, optional
        Language of the value labels (and of the default case names).
    codebook, values : pandas.DataFrame, optional
        Default: the package's.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster`` in order of first appearance; columns
        ``n_cases`` (``int64``), ``cases`` (``string``: "name (id)", in the
        order of ``clusters``) and ``shared`` (``string``: "label (share)"
        by decreasing share, ``"; "``-separated).

    Examples
    --------
    >>> m = pd.DataFrame({"p=hk": [1, 1, 0], "p=mo": [0, 1, 1]}, index=[1, 2, 3])
    >>> book = pd.DataFrame({"label_en": ["Partner"]}, index=["p"])
    >>> vals = pd.DataFrame({"feature": ["p", "p"], "value": ["hk", "mo"],
    ...                      "label_en": ["Hong Kong", "Macao"]})
    >>> names = pd.Series({1: "A", 2: "B", 3: "C"})
    >>> t = cluster_table(m, pd.Series({1: 1, 2: 1, 3: 2}), names=names,
    ...                   codebook=book, values=vals)
    >>> t[["n_cases", "cases"]]
             n_cases         cases
    cluster
    1              2  A (1), B (2)
    2              1         C (3)
    >>> t.loc[1, "shared"]
    'Partner: Hong Kong (100%); Partner: Macao (50%)'

    """
    codebook, values = codebook_parts(codebook, values)
    if names is None:
        from gba.datasets.cases import load_cases

        names = load_cases()[f"short_{lang}"]
    profile = cluster_profile(matrix, clusters, min_share=min_share)
    profile["label"] = column_labels(
        list(profile["column"]), lang, codebook=codebook, values=values
    )
    rows = {}
    for cluster in pd.unique(clusters):
        members = [int(i) for i in clusters.index[clusters == cluster]]
        group = profile[profile["cluster"] == cluster]
        rows[int(cluster)] = {
            "n_cases": len(members),
            "cases": case_names(members, names),
            "shared": "; ".join(
                f"{lab} ({share:.0%})"
                for lab, share in zip(group["label"], group["share"], strict=True)
            ),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "cluster"
    return out.astype({"n_cases": "int64", "cases": "string", "shared": "string"})


def leave_one_out(
    features: pd.DataFrame | None = None,
    *,
    include: Sequence[str] = DESIGN_FEATURES,
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
) -> list[pd.DataFrame]:
    """Build one feature matrix per feature left out, for :func:`coclustering`.

    Parameters
    ----------
    features : pandas.DataFrame, optional
        Long-form features (default: :func:`gba.load_features`).
    include : sequence of str, optional
        The full feature set (default :data:`DESIGN_FEATURES`); at least two.
    codebook, values : pandas.DataFrame, optional
        Default: the package's.

    Returns
    -------
    list of pandas.DataFrame
        ``len(include)`` matrices; the k-th leaves out ``include[k]``.

    Examples
    --------
    >>> [m.shape[1] for m in leave_one_out(include=["lead_level", "domain"])]
    [7, 4]
    """
    include = list(include)
    if len(include) < 2:
        raise ValueError("leave_one_out needs at least two features")
    if features is None:
        from gba.datasets.features import load_features

        features = load_features()
    return [
        feature_matrix(
            features,
            include=[f for f in include if f != left_out],
            codebook=codebook,
            values=values,
        )
        for left_out in include
    ]


def cluster_stability(clusters: pd.Series, together: pd.DataFrame) -> pd.DataFrame:
    """Summarise, for each cluster of two or more cases, how often its pairs stay together.

    Parameters
    ----------
    clusters : pandas.Series
        Cluster number by case id (``cluster_cases()["cluster"]``).
    together : pandas.DataFrame
        Share of clusterings in which each pair falls in the same cluster
        (:func:`coclustering`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster`` (clusters of one case left out, order of first
        appearance); columns ``n_cases``, ``n_pairs`` (``int64``) and
        ``together`` (``float64``: the mean share over the cluster's pairs).

    Examples
    --------
    >>> together = pd.DataFrame([[1, .5, 0], [.5, 1, 1], [0, 1, 1]], index=[1, 2, 3],
    ...                         columns=[1, 2, 3])
    >>> cluster_stability(pd.Series({1: 1, 2: 1, 3: 1}), together)
             n_cases  n_pairs  together
    cluster
    1              3        3       0.5
    """
    import itertools

    rows = {}
    for cluster in pd.unique(clusters):
        members = [int(i) for i in clusters.index[clusters == cluster]]
        if len(members) < 2:
            continue
        shares = [float(together.loc[a, b]) for a, b in itertools.combinations(members, 2)]
        rows[int(cluster)] = {
            "n_cases": len(members),
            "n_pairs": len(shares),
            "together": sum(shares) / len(shares),
        }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["n_cases", "n_pairs", "together"])
    out.index.name = "cluster"
    return out.astype({"n_cases": "int64", "n_pairs": "int64", "together": "float64"})
