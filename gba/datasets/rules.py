"""The rule coder: features computed by code from the case texts, units and indicators.

Applies the rules of the codebook (``rule_kind == "rule"``) to the cases: the
submitting units' levels by the patterns of ``codebook_values.csv``, counts of
a pattern in the text, and the indicator features (how many stated quantities,
how many dated). :func:`gba.rule_matches` and :func:`gba.load_features` call
it; it works on the frames passed in and reads no files itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from gba.datasets.cases import split_units
from gba.errors import DataError

__all__ = ["is_dated"]

_UNIT_SEP = "、"  # joins the units of one level in a feature's evidence


def _units(submitted_by_zh: str) -> list[str]:
    return split_units(submitted_by_zh)


def _level_patterns(values: pd.DataFrame) -> list[tuple[str, re.Pattern[str]]]:
    rows = values[values["feature"] == "submitter_level"]
    return [
        (str(v), re.compile(str(p))) for v, p in zip(rows["value"], rows["pattern"], strict=True)
    ]


def _level_of(unit: str, patterns: list[tuple[str, re.Pattern[str]]], row: int) -> str:
    hits = [value for value, pat in patterns if pat.search(unit)]
    if len(hits) != 1:
        raise DataError(
            f"submitting unit {unit!r} matches {len(hits)} submitter_level patterns "
            f"({', '.join(hits) or 'none'})",
            file="cases.csv",
            row=row,
            column="submitted_by_zh",
            expected="a unit matching exactly one submitter_level pattern of codebook_values.csv",
        )
    return hits[0]


def _matches(cases: pd.DataFrame, codebook: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Every match of every rule behind the rule-coded text and unit features."""
    rows: list[dict[str, object]] = []
    # text patterns, one per value (multi-valued features coded from the text)
    text_rules = codebook[(codebook["rule_kind"] == "rule") & (codebook["source"] == "text_zh")]
    for feature in text_rules.index:
        if codebook.loc[feature, "type"] == "count":
            pats = [(pd.NA, re.compile(str(codebook.loc[feature, "pattern"])))]
        else:
            sel = values[values["feature"] == feature]
            pats = [
                (str(v), re.compile(str(p)))
                for v, p in zip(sel["value"], sel["pattern"], strict=True)
            ]
        for case_id, text in cases["text_zh"].items():
            for value, pat in pats:
                for m in pat.finditer(str(text)):
                    rows.append(
                        {
                            "case_id": case_id,
                            "feature": feature,
                            "value": value,
                            "source": "text_zh",
                            "match": m.group(),
                            "start": m.start(),
                            "end": m.end(),
                        }
                    )
    # submitting units
    if "submitter_level" in codebook.index:
        patterns = _level_patterns(values)
        for row_no, (case_id, units) in enumerate(cases["submitted_by_zh"].items(), start=1):
            for unit in _units(str(units)):
                rows.append(
                    {
                        "case_id": case_id,
                        "feature": "submitter_level",
                        "value": _level_of(unit, patterns, row_no),
                        "source": "submitted_by_zh",
                        "match": unit,
                        "start": pd.NA,
                        "end": pd.NA,
                    }
                )
    out = pd.DataFrame(
        rows, columns=["case_id", "feature", "value", "source", "match", "start", "end"]
    )
    return out.astype(
        {
            "case_id": "Int64",
            "feature": "string",
            "value": "string",
            "source": "string",
            "match": "string",
            "start": "Int64",
            "end": "Int64",
        }
    )


def is_dated(indicators: pd.DataFrame) -> pd.Series:
    """Tell which indicators are dated: they refer to a stated date or a closed period.

    The indicators table records where each reference date comes from in
    ``as_of_basis``: ``stated``, ``carried`` or ``implied`` (a level or running
    total at a date: ``as_of``), ``period`` (a flow over a stated period), or
    ``undated`` (目前, 已有, 累计 or 自…以来 without a date, and design figures).
    An indicator is dated unless its basis is ``undated``; a running total
    "since launch" with no end date is therefore undated even though its
    ``period`` has a start.

    Parameters
    ----------
    indicators : pandas.DataFrame
        With an ``as_of_basis`` column (as :func:`gba.load_indicators`).

    Returns
    -------
    pandas.Series
        ``bool``, aligned with ``indicators``.

    Raises
    ------
    DataError
        If the column is missing or holds an unknown basis.

    Examples
    --------
    >>> ind = pd.DataFrame({"as_of_basis": ["stated", "period", "undated", "carried"]})
    >>> is_dated(ind).tolist()
    [True, True, False, True]
    """
    if "as_of_basis" not in indicators.columns:
        raise DataError(
            "the indicators table has no column 'as_of_basis'",
            file="indicators.csv",
            column="as_of_basis",
            expected="the columns of gba.load_indicators()",
        )
    basis = indicators["as_of_basis"]
    known = {"stated", "carried", "implied", "period", "undated"}
    unknown = sorted(set(basis.dropna()) - known)
    if unknown or basis.isna().any():
        raise DataError(
            f"as_of_basis values {unknown or ['<NA>']} are not known",
            file="indicators.csv",
            column="as_of_basis",
            expected=f"one of {', '.join(sorted(known))}",
        )
    return (basis != "undated").astype(bool)


def _indicator_counts(indicators: pd.DataFrame, case_ids: list[int]) -> pd.DataFrame:
    """Per case: number of indicators and of dated ones (:func:`is_dated`)."""
    ids = indicators["case_id"].astype("Int64")
    n = ids.value_counts().reindex(case_ids, fill_value=0)
    dated = ids[is_dated(indicators).to_numpy()].value_counts()
    return pd.DataFrame(
        {
            "n_indicators": n.astype("int64"),
            "n_dated_indicators": dated.reindex(case_ids, fill_value=0).astype("int64"),
        },
        index=pd.Index(case_ids, name="case_id"),
    )


def _outcome_evidence(n: int, n_dated: int) -> str:
    if n_dated > 0:
        return "dated_numbers"
    return "undated_numbers" if n > 0 else "description_only"


# one computed value: (case_id, value, evidence, start, end, note)
_Row = tuple[int, str, object, object, object, str]


def _rule_rows(
    cases: pd.DataFrame,
    codebook: pd.DataFrame,
    values: pd.DataFrame,
    indicators: Callable[[], pd.DataFrame],
) -> dict[str, list[_Row]]:
    matches = _matches(cases, codebook, values)
    rows: dict[str, list[_Row]] = {}
    case_ids = [int(i) for i in cases.index]
    rule_features = codebook.index[codebook["rule_kind"] == "rule"]
    counts: pd.DataFrame | None = None
    for feature in rule_features:
        out: list[_Row] = []
        kind = codebook.loc[feature, "type"]
        fm = matches[matches["feature"] == feature]
        if feature == "lead_level":
            patterns = _level_patterns(values)
            for row_no, (case_id, units) in enumerate(cases["submitted_by_zh"].items(), start=1):
                first = _units(str(units))[0]
                level = _level_of(first, patterns, row_no)
                out.append((int(case_id), level, first, pd.NA, pd.NA, "first-listed unit"))
        elif feature == "submitter_level":
            for (case_id, value), grp in fm.groupby(["case_id", "value"], sort=False):
                units = _UNIT_SEP.join(grp["match"])
                note = f"{len(grp)} unit(s)"
                out.append((int(case_id), str(value), units, pd.NA, pd.NA, note))
        elif codebook.loc[feature, "source"] == "text_zh" and kind == "count":
            for case_id in case_ids:
                cm = fm[fm["case_id"] == case_id]
                where = ", ".join(
                    f"{t} [{s}, {e})" for t, s, e in cm[["match", "start", "end"]].to_numpy()
                )
                note = f"{len(cm)} match(es)" + (f": {where}" if where else "")
                out.append((case_id, str(len(cm)), pd.NA, pd.NA, pd.NA, note))
        elif codebook.loc[feature, "source"] == "text_zh":
            for (case_id, value), grp in fm.groupby(["case_id", "value"], sort=False):
                first = grp.iloc[0]
                note = f"{len(grp)} match(es); the first is shown"
                out.append(
                    (int(case_id), str(value), first["match"], first["start"], first["end"], note)
                )
        elif codebook.loc[feature, "source"] == "indicators":
            if counts is None:
                counts = _indicator_counts(indicators(), case_ids)
            for case_id in case_ids:
                n, n_dated = counts.loc[case_id, ["n_indicators", "n_dated_indicators"]]
                if feature == "outcome_evidence":
                    value = _outcome_evidence(int(n), int(n_dated))
                    note = f"{int(n)} indicator(s), {int(n_dated)} dated"
                elif feature in counts.columns:
                    value = str(int(counts.loc[case_id, feature]))
                    note = "rows of gba.load_indicators()" + (
                        " not undated" if feature == "n_dated_indicators" else ""
                    )
                else:
                    raise _unknown_rule(codebook, feature)
                out.append((case_id, value, pd.NA, pd.NA, pd.NA, note))
        else:
            raise _unknown_rule(codebook, feature)
        rows[str(feature)] = out
    return rows


_RULE_FEATURES = {
    "submitter_level",
    "lead_level",
    "digital",
    "n_first_claims",
    "n_indicators",
    "n_dated_indicators",
    "outcome_evidence",
}


def _unknown_rule(codebook: pd.DataFrame, feature: object) -> DataError:
    row = list(codebook.index).index(feature) + 1
    return DataError(
        f"rule-coded feature {feature!r} has no rule in gba.datasets.features",
        file="codebook.csv",
        row=row,
        column="rule_kind",
        expected=f"judgement, or one of the rule features {', '.join(sorted(_RULE_FEATURES))}",
    )
