"""The codebook of the case features: what each feature and value means, and its consistency.

``data/codebook.csv`` has one row per feature (its labels, type, how it is coded:
by ``rule`` or by ``judgement``, and the coding rule) and ``data/codebook_values.csv``
one row per allowed value (labels, definition, the pattern a rule assigns it by).
:func:`codebook_problems` checks that the two agree and that every pattern a rule
needs is there and compiles; :func:`gba.datasets.features.check_features` runs it.

Examples
--------
>>> codebook = load_codebook()
>>> codebook.loc["one_stop", ["type", "rule_kind"]].tolist()
['binary', 'judgement']
>>> codebook_problems(codebook, load_codebook_values())
[]
"""

from __future__ import annotations

import os
import re

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.rules import _RULE_FEATURES, _unknown_rule
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = ["MULTI_SEP", "codebook_problems", "load_codebook", "load_codebook_values"]

MULTI_SEP = "|"
"""Separator of the values in ``allowed_values`` and of a multi-valued feature in the wide form."""

_COUNT_ALLOWED = "non-negative integer"


def load_codebook(
    data_dir: str | os.PathLike[str] | None = None, script: str = "simplified"
) -> pd.DataFrame:
    """Load the codebook, one row per feature, in display order.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: Chinese text in Hong Kong traditional script (OpenCC ``s2hk``)
        (labels); see :mod:`gba.datasets.traditional`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``feature`` (``string``). Columns:

        ==============  ========  ==================================================
        column          dtype     meaning
        ==============  ========  ==================================================
        label_en        string    English label for tables and figures
        label_zh        string    Chinese label for tables and figures
        short_en        string    short English label for crowded figure headers
        short_zh        string    short Chinese label for crowded figure headers
        type            string    binary, categorical, multi-valued or count
        rule_kind       string    rule (computed by code) or judgement (by a person)
        source          string    text_zh, submitted_by_zh or indicators
        allowed_values  string    values separated by ``|`` (counts: non-negative)
        definition      string    what the feature records
        coding_rule     string    how a value is assigned
        pattern         string    regex counted, for a count coded from the text
        ==============  ========  ==================================================

    Examples
    --------
    >>> load_codebook().loc["domain", "allowed_values"].split("|")[:2]
    ['finance', 'legal']
    """
    from gba.datasets.traditional import convert_frame

    frame = read_table("codebook", _data_dir(data_dir))
    return convert_frame(frame, script, ["label_zh", "short_zh"]).set_index("feature")


def load_codebook_values(
    data_dir: str | os.PathLike[str] | None = None, script: str = "simplified"
) -> pd.DataFrame:
    """Load the allowed values of every categorical or multi-valued feature.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder.
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: Chinese text in Hong Kong traditional script (OpenCC ``s2hk``)
        (labels); see :mod:`gba.datasets.traditional`.

    Returns
    -------
    pandas.DataFrame
        One row per feature and value, in display order. Columns:

        ==========  ========  ====================================================
        column      dtype     meaning
        ==========  ========  ====================================================
        feature     string    feature (codebook)
        value       string    value identifier
        label_en    string    English label for tables and figures
        label_zh    string    Chinese label for tables and figures
        definition  string    what the value means (coders' guidance)
        pattern     string    regex assigning the value, for rule-coded features
        ==========  ========  ====================================================

    Examples
    --------
    >>> values = load_codebook_values()
    >>> values.loc[values["feature"] == "digital", "value"].tolist()[:3]
    ['online_platform', 'online_service', 'video']
    """
    from gba.datasets.traditional import convert_frame

    return convert_frame(read_table("codebook_values", _data_dir(data_dir)), script, ["label_zh"])


def codebook_problems(codebook: pd.DataFrame, values: pd.DataFrame) -> list[DataError]:
    """Return what is wrong with the codebook: values that disagree, patterns missing or invalid."""
    problems: list[DataError] = []
    by_feature = values.groupby("feature", sort=False)["value"].agg(list)
    for row, (feature, entry) in enumerate(codebook.iterrows(), start=1):
        listed = by_feature.get(feature, [])
        if entry["type"] == "count":
            expected = _COUNT_ALLOWED
            if listed:
                problems.append(
                    DataError(
                        f"count feature {feature!r} has values in codebook_values.csv",
                        file="codebook_values.csv",
                        column="feature",
                        expected="no value rows for a count",
                    )
                )
        else:
            expected = MULTI_SEP.join(listed)
            if entry["type"] == "binary" and sorted(listed) != ["false", "true"]:
                expected = "true|false"
        if entry["allowed_values"] != expected:
            problems.append(
                DataError(
                    f"allowed_values {entry['allowed_values']!r} disagrees with the feature's "
                    "values in codebook_values.csv",
                    file="codebook.csv",
                    row=row,
                    column="allowed_values",
                    expected=repr(expected) if expected else "at least one value row",
                )
            )
        if entry["rule_kind"] == "rule" and feature not in _RULE_FEATURES:
            problems.append(_unknown_rule(codebook, feature))
        needs_pattern = (
            entry["rule_kind"] == "rule"
            and entry["source"] == "text_zh"
            and entry["type"] == "count"
        )
        problems += _check_pattern(entry["pattern"], needs_pattern, "codebook.csv", row, feature)
    for row, (feature, value, pattern) in enumerate(
        zip(values["feature"], values["value"], values["pattern"], strict=True), start=1
    ):
        entry = codebook.loc[feature]
        needs = entry["rule_kind"] == "rule" and (
            entry["source"] == "text_zh" or feature == "submitter_level"
        )
        problems += _check_pattern(pattern, needs, "codebook_values.csv", row, f"{feature}={value}")
    return problems


def _check_pattern(
    pattern: object, needed: bool, file: str, row: int, what: str
) -> list[DataError]:
    if pd.isna(pattern):
        if needed:
            return [
                DataError(
                    f"{what} is rule-coded from text but has no pattern",
                    file=file,
                    row=row,
                    column="pattern",
                    expected="a Python regular expression",
                )
            ]
        return []
    if not needed:
        return [
            DataError(
                f"{what} has a pattern but is not coded by a pattern rule",
                file=file,
                row=row,
                column="pattern",
                expected="an empty pattern (judgement-coded or derived values)",
            )
        ]
    try:
        re.compile(str(pattern))
    except re.error as err:
        return [
            DataError(
                f"{what}: the pattern is not a valid regular expression ({err})",
                file=file,
                row=row,
                column="pattern",
                expected="a Python regular expression",
            )
        ]
    return []
