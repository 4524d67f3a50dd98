"""Labels for the comparison tables: feature values and matrix columns in English or Chinese.

The codebook gives every feature and value a label in both languages
(``codebook.csv``, ``codebook_values.csv``); these functions put them on the
columns of :func:`~gba.analysis.compare.encoding.feature_matrix` and on the value
codes of crosstabs and group summaries.

Examples
--------
>>> column_labels(["domain=legal"])
['Policy domain: Legal and judicial']
>>> value_labels("zh", feature="domain")["legal"]
'法律司法'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from gba.analysis.compare.encoding import codebook_parts

__all__ = ["column_labels", "relabel", "value_labels"]


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
    codebook, values = codebook_parts(codebook, values)
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
        from gba.datasets.codebook import load_codebook_values

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
    >>> from gba.analysis.compare.crosstabs import crosstab
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
