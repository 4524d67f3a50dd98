"""Count the cases by feature values: crosstabs, tallies, group summaries and their modes.

A case with several values of a multi-valued feature is counted under each of
them, so the cells of a crosstab can add up to more than the number of cases;
the ``cases`` margins count each case once per value.

Examples
--------
>>> ct = crosstab("domain", "lead_level")
>>> int(ct.loc["legal", "provincial"])
2
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gba.analysis.compare.encoding import DESIGN_FEATURES, codebook_parts, feature_matrix
from gba.analysis.compare.labels import column_labels

__all__ = ["column_modes", "crosstab", "group_summary", "value_tally"]


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
    codebook, values = codebook_parts(codebook, values)
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
    codebook, values = codebook_parts(codebook, values)
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
    codebook, values = codebook_parts(codebook, values)
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
