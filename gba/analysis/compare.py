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

Why one module of more than 600 lines: about half of it is docstrings with
hand-checked examples; the encoding, crosstabs, similarity, labels and group
summaries all work on the same long-form features and codebook, and the
clustering lives in :mod:`gba.analysis.clustering`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

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

_TIE = 1e-12


def _codebook_parts(
    codebook: pd.DataFrame | None, values: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    from gba.datasets.features import load_codebook, load_codebook_values

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
    codebook, values = _codebook_parts(codebook, values)
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


def column_labels(
    columns: Sequence[str],
    lang: str = "en",
    *,
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
    with_feature: bool = True,
) -> list[str]:
    """Translate matrix column names into readable labels.

    Parameters
    ----------
    columns : sequence of str
        Column names of :func:`feature_matrix`.
    lang : {"en", "zh"}, optional
        Label language.
    codebook, values : pandas.DataFrame, optional
        Default: the package's.
    with_feature : bool, optional
        Prefix the feature label (``"Policy domain: Legal and judicial"``).

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        If ``lang`` is not "en" or "zh", or a column names a feature or value
        the codebook does not have.

    Examples
    --------
    >>> column_labels(["domain=legal", "n_first_claims>0"])
    ['Policy domain: Legal and judicial', 'Claims of a first > 0']
    >>> column_labels(["lead_level=zone_district"], "zh", with_feature=False)
    ['合作区或区级机构']
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    codebook, values = _codebook_parts(codebook, values)
    key = f"label_{lang}"
    value_label = {
        (f, v): str(lab)
        for f, v, lab in zip(values["feature"], values["value"], values[key], strict=True)
    }
    sep = "：" if lang == "zh" else ": "
    out = []
    for col in columns:
        feature, _, value = col.removesuffix(">0").partition("=")
        if feature not in codebook.index or (value and (feature, value) not in value_label):
            raise ValueError(
                f"{col!r} is not a column of the feature matrix (expected 'feature=value', "
                "'feature' or 'feature>0' with a feature and value of the codebook)"
            )
        flabel = str(codebook.loc[feature, key])
        if col.endswith(">0"):
            out.append(f"{flabel} > 0")
        elif not value:
            out.append(flabel)
        else:
            text = value_label[(feature, value)]
            out.append(f"{flabel}{sep}{text}" if with_feature else text)
    return out


def crosstab(
    row: str,
    col: str,
    features: pd.DataFrame | None = None,
    *,
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
    margins: bool = False,
) -> pd.DataFrame:
    """Count the cases having each pair of values of two features.

    Cell ``(a, b)`` is the number of cases with value ``a`` of ``row`` and value
    ``b`` of ``col``. For multi-valued features a case counts in every cell
    whose two values it has, so the cells can add up to more than the number
    of cases.

    Parameters
    ----------
    row, col : str
        Categorical, multi-valued or binary features.
    features : pandas.DataFrame, optional
        Long-form features (default: :func:`gba.load_features`).
    codebook, values : pandas.DataFrame, optional
        Default: the package's.
    margins : bool, optional
        Add a ``cases`` column and row: the number of cases having the row's
        (column's) value, each case counted once.

    Returns
    -------
    pandas.DataFrame
        ``int64`` counts; rows and columns are all allowed values in codebook
        order (including values no case has).

    Examples
    --------
    >>> long = pd.DataFrame({"case_id": [1, 1, 1, 2, 2, 3, 3],
    ...                      "feature": ["d", "p", "p", "d", "p", "d", "p"],
    ...                      "value": ["law", "hk", "mo", "law", "mo", "fin", "hk"]})
    >>> book = pd.DataFrame({"type": ["categorical", "multi-valued"]}, index=["d", "p"])
    >>> vals = pd.DataFrame({"feature": ["d", "d", "p", "p"],
    ...                      "value": ["law", "fin", "hk", "mo"]})
    >>> crosstab("d", "p", long, codebook=book, values=vals, margins=True)
           hk  mo  cases
    law     1   2      2
    fin     1   0      1
    cases   2   2      3
    """
    codebook, values = _codebook_parts(codebook, values)
    if features is None:
        from gba.datasets.features import load_features

        features = load_features()
    for f in (row, col):
        if f not in codebook.index:
            raise ValueError(f"{f!r} is not a feature of the codebook")
        if codebook.loc[f, "type"] == "count":
            raise ValueError(f"{f!r} is a count: crosstab takes categorical or multi-valued ones")
    kw = {"codebook": codebook, "values": values, "drop_empty": False}
    a = feature_matrix(features, include=[row], **kw)
    b = feature_matrix(features, include=[col], **kw)
    table = pd.DataFrame(
        a.to_numpy().T @ b.to_numpy(),
        index=[c.split("=", 1)[-1] for c in a.columns],
        columns=[c.split("=", 1)[-1] for c in b.columns],
    ).astype("int64")
    if margins:
        table["cases"] = a.sum(axis=0).to_numpy()
        bottom = [*b.sum(axis=0).to_numpy(), int((a.sum(axis=1) > 0).sum())]
        table.loc["cases"] = bottom
    table.index.name = None
    table.columns.name = None
    return table


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


def group_summary(
    by: str,
    features: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    *,
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Summarise the cases and their indicators by the values of one feature.

    Parameters
    ----------
    by : str
        A categorical, multi-valued or binary feature. With a multi-valued
        feature a case is counted in every group whose value it has, so the
        groups overlap.
    features : pandas.DataFrame, optional
        Long-form features (default: :func:`gba.load_features`).
    indicators : pandas.DataFrame, optional
        Indicators with columns ``case_id`` and ``as_of_basis`` (default:
        :func:`gba.load_indicators`); an indicator is dated unless its basis
        is ``undated`` (:func:`gba.datasets.rules.is_dated`).
    codebook, values : pandas.DataFrame, optional
        Default: the package's.

    Returns
    -------
    pandas.DataFrame
        One row per value of ``by`` (codebook order), columns: ``n_cases``,
        ``n_indicators`` and ``n_dated`` (``int64``), ``share_dated``
        (``float64``: n_dated / n_indicators, NaN without indicators),
        ``n_cases_dated`` (``int64``: cases with at least one dated
        indicator) and ``cases`` (``string``: the case ids, comma-separated).

    Raises
    ------
    ValueError
        If ``by`` is not a feature of the codebook, or is a count.

    Examples
    --------
    >>> long = pd.DataFrame({"case_id": [1, 2, 3], "feature": ["d"] * 3,
    ...                      "value": ["law", "law", "fin"]})
    >>> ind = pd.DataFrame({"case_id": [1, 1, 2, 3],
    ...                     "as_of_basis": ["stated", "undated", "undated", "period"]})
    >>> book = pd.DataFrame({"type": ["categorical"]}, index=["d"])
    >>> vals = pd.DataFrame({"feature": ["d", "d"], "value": ["law", "fin"]})
    >>> group_summary("d", long, ind, codebook=book, values=vals)
         n_cases  n_indicators  n_dated  share_dated  n_cases_dated cases
    law        2             3        1     0.333333              1  1, 2
    fin        1             1        1     1.000000              1     3
    """
    codebook, values = _codebook_parts(codebook, values)
    if features is None:
        from gba.datasets.features import load_features

        features = load_features()
    if indicators is None:
        from gba.datasets.indicators import load_indicators

        indicators = load_indicators(origin="cases")
    if by in codebook.index and codebook.loc[by, "type"] == "count":
        raise ValueError(f"{by!r} is a count: group_summary takes categorical or multi-valued ones")
    groups = feature_matrix(
        features, include=[by], codebook=codebook, values=values, drop_empty=False
    )
    from gba.datasets.rules import is_dated

    ids = indicators["case_id"].astype("int64")
    n_ind = ids.value_counts()
    n_dat = ids[is_dated(indicators).to_numpy()].value_counts()
    rows = {}
    for column in groups.columns:
        members = [int(c) for c in groups.index[groups[column] == 1]]
        n_i = int(n_ind.reindex(members, fill_value=0).sum())
        n_d = int(n_dat.reindex(members, fill_value=0).sum())
        rows[column.split("=", 1)[-1]] = {
            "n_cases": len(members),
            "n_indicators": n_i,
            "n_dated": n_d,
            "share_dated": n_d / n_i if n_i else float("nan"),
            "n_cases_dated": int((n_dat.reindex(members, fill_value=0) > 0).sum()),
            "cases": ", ".join(map(str, members)),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    return out.astype(
        {
            "n_cases": "int64",
            "n_indicators": "int64",
            "n_dated": "int64",
            "share_dated": "float64",
            "n_cases_dated": "int64",
            "cases": "string",
        }
    )


def value_labels(
    lang: str = "en", *, feature: str | None = None, values: pd.DataFrame | None = None
) -> dict[Any, str]:
    """Return the display label of every feature value.

    Parameters
    ----------
    lang : {"en", "zh"}, optional
        Label language.
    feature : str, optional
        Only this feature's values, keyed by value alone.
    values : pandas.DataFrame, optional
        The codebook's values (default: the package's).

    Returns
    -------
    dict
        ``{(feature, value): label}``, or ``{value: label}`` with ``feature``.

    Raises
    ------
    ValueError
        For an unknown language or a feature without values.

    Examples
    --------
    >>> value_labels()[("domain", "legal")], value_labels("zh")[("domain", "finance")]
    ('Legal and judicial', '金融保险')
    >>> value_labels(feature="lead_level")["zone_district"]
    'Zone or district'
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    if values is None:
        from gba.datasets.features import load_codebook_values

        values = load_codebook_values()
    labels = {
        (str(f), str(v)): str(lab)
        for f, v, lab in zip(
            values["feature"], values["value"], values[f"label_{lang}"], strict=True
        )
    }
    if feature is None:
        return labels
    own = {v: lab for (f, v), lab in labels.items() if f == feature}
    if not own:
        raise ValueError(f"{feature!r} has no values in the codebook")
    return own


def relabel(
    table: pd.DataFrame,
    rows: str | None = None,
    columns: str | None = None,
    lang: str = "en",
    *,
    values: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Replace the value codes of a table's index and/or columns by their labels.

    For the tables of :func:`crosstab` and :func:`group_summary`, whose index
    and columns are value codes (``social_security_health``). The ``cases``
    margin keeps its name.

    Parameters
    ----------
    table : pandas.DataFrame
    rows, columns : str, optional
        The feature whose values the index (columns) holds; ``None`` leaves it.
    lang : {"en", "zh"}, optional
    values : pandas.DataFrame, optional
        The codebook's values (default: the package's).

    Returns
    -------
    pandas.DataFrame
        A relabelled copy; the data are unchanged.

    Raises
    ------
    ValueError
        If a code is not a value of the feature.

    Examples
    --------
    >>> relabel(crosstab("domain", "lead_level", margins=True), "domain", "lead_level").iloc[:2, :2]
                           Provincial organ  Central agency branch
    Finance and insurance                 0                      2
    Legal and judicial                    2                      0
    """
    labels = value_labels(lang, values=values)

    def names(codes: pd.Index, feature: str) -> list[str]:
        out = []
        for code in codes:
            if code == "cases":
                out.append(str(code))
            elif (feature, str(code)) in labels:
                out.append(labels[(feature, str(code))])
            else:
                raise ValueError(f"{code!r} is not a value of the feature {feature!r}")
        return out

    out = table.copy()
    if rows is not None:
        out.index = names(out.index, rows)
    if columns is not None:
        out.columns = names(out.columns, columns)
    return out


def value_tally(
    features: pd.DataFrame | None = None,
    *,
    include: Sequence[str] | None = DESIGN_FEATURES,
    lang: str = "en",
    codebook: pd.DataFrame | None = None,
    values: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count the cases that have each feature value.

    A case with several values of a multi-valued feature counts once under each.

    Parameters
    ----------
    features : pandas.DataFrame, optional
        Long-form features (default: :func:`gba.load_features`).
    include : sequence of str or None, optional
        Features to count (default :data:`DESIGN_FEATURES`; ``None``: all).
    lang : {"en", "zh"}, optional
        Label language.
    codebook, values : pandas.DataFrame, optional
        Default: the package's.

    Returns
    -------
    pandas.DataFrame
        One row per value that at least one case has, in codebook order;
        columns ``feature`` and ``value`` (``string`` labels) and ``cases``
        (``int64``).

    Examples
    --------
    >>> long = pd.DataFrame({"case_id": [1, 1, 2], "feature": ["p"] * 3,
    ...                      "value": ["hk", "mo", "mo"]})
    >>> book = pd.DataFrame({"type": ["multi-valued"], "label_en": ["Partner"]}, index=["p"])
    >>> vals = pd.DataFrame({"feature": ["p", "p", "p"], "value": ["hk", "mo", "none"],
    ...                      "label_en": ["Hong Kong", "Macao", "None"]})
    >>> value_tally(long, include=["p"], codebook=book, values=vals)
       feature      value  cases
    0  Partner  Hong Kong      1
    1  Partner      Macao      2
    """
    codebook, values = _codebook_parts(codebook, values)
    matrix = feature_matrix(features, include=include, codebook=codebook, values=values)
    out = pd.DataFrame(
        {
            "feature": [
                str(codebook.loc[c.split("=")[0].split(">")[0], f"label_{lang}"])
                for c in matrix.columns
            ],
            "value": column_labels(
                list(matrix.columns), lang, codebook=codebook, values=values, with_feature=False
            ),
            "cases": matrix.sum(axis=0).to_numpy(),
        }
    )
    return out.astype({"feature": "string", "value": "string", "cases": "int64"})


def column_modes(table: pd.DataFrame) -> pd.DataFrame:
    """For each column of a count table, the row(s) with the largest count.

    Parameters
    ----------
    table : pandas.DataFrame
        Counts, e.g. :func:`crosstab` without margins (possibly :func:`relabel`-ed).

    Returns
    -------
    pandas.DataFrame
        Indexed by the table's columns; ``rows`` (``string``: the rows with
        the column's largest count, ties joined by ``" / "`` in table order)
        and ``count`` (``int64``).

    Examples
    --------
    >>> t = pd.DataFrame({"a": [2, 2, 1], "b": [0, 1, 3]}, index=["x", "y", "z"])
    >>> column_modes(t)
        rows  count
    a  x / y      2
    b      z      3
    """
    top = table.max(axis=0)
    out = pd.DataFrame(
        {
            "rows": [" / ".join(map(str, table.index[table[c] == top[c]])) for c in table.columns],
            "count": top.to_numpy(),
        },
        index=table.columns,
    )
    return out.astype({"rows": "string", "count": "int64"})


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
    hits = int((np.abs(perms @ rx) / scale >= abs(rho) - _TIE).sum())
    return rho, (hits + 1) / (permutations + 1)
