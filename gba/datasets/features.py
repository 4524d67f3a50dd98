"""Case features for cross-case comparison: every case's values, judged or computed; their check.

The case features that are not part of the typology of alignment
(:mod:`gba.datasets.typology`: mode of alignment, who adjusts, legal basis,
scope, partner) are defined in ``data/codebook.csv`` (one
row per feature) and ``data/codebook_values.csv`` (one row per allowed value),
loaded by :mod:`gba.datasets.codebook`.
A feature is coded in one of two ways, recorded in the codebook's ``rule_kind``:

``judgement``
    A person read the case text and chose the values following the coding rule.
    Each value is a row of ``data/case_features.csv`` with the verbatim evidence
    span and its offsets in the clean case text, so a reviewer can check every
    code against the text (:func:`validate <gba.checks.validate>` checks that
    ``text_zh[start:end] == evidence``).
``rule``
    Code computes the value, never a person: from the clean text with the
    regular expressions stored in the codebook (``digital``,
    ``n_first_claims``), from the submitting units in ``cases.csv``
    (``submitter_level``, ``lead_level``), or from the indicators table
    (``n_indicators``, ``n_dated_indicators``, ``outcome_evidence``). Rule
    values are not stored; the rule coder is :mod:`gba.datasets.rules`, and
    :func:`rule_matches` lists every match behind them.

:func:`load_features` returns all values, both kinds, in long or wide form;
:func:`check_features` checks the codebook and the judgement codes (the offsets
of an evidence span: :func:`gba.datasets.spans.locate_span`).

Examples
--------
>>> codebook = load_codebook()
>>> codebook.loc["one_stop", ["type", "rule_kind"]].tolist()
['binary', 'judgement']
>>> wide = load_features(form="wide")
>>> wide.loc[7, ["domain", "lead_level"]].tolist(), bool(wide.loc[7, "one_stop"])
(['mobility_logistics', 'provincial'], True)
>>> int(wide.loc[4, "n_first_claims"])
6
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.codebook import (
    MULTI_SEP,
    codebook_problems,
    load_codebook,
    load_codebook_values,
)
from gba.datasets.memo import on_data
from gba.datasets.rules import _matches, _rule_rows, is_dated
from gba.datasets.spans import locate_span, span_problems
from gba.datasets.tables import read_table
from gba.errors import DataError

# locate_span (gba.datasets.spans) and is_dated (gba.datasets.rules) stay importable from
# here, as README.md and the figure case_evidence say: gba.features.locate_span, .is_dated
__all__ = [
    "MULTI_SEP",
    "check_features",
    "is_dated",
    "load_features",
    "locate_span",
    "rule_matches",
]


def rule_matches(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """List every match behind the rule-coded text and submitting-unit features.

    The audit trail of the rules: each row is one regex match in a clean case
    text (``digital`` values, ``n_first_claims`` tokens) or one submitting unit
    classified by level.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    pandas.DataFrame
        Sorted by case, feature (codebook order) and position. Columns:

        ========  ========  ======================================================
        column    dtype     meaning
        ========  ========  ======================================================
        case_id   Int64     case
        feature   string    rule-coded feature
        value     string    value the match assigns (``<NA>`` for a count token)
        source    string    text_zh or submitted_by_zh
        match     string    the matched text, or the submitting unit
        start     Int64     offset in the clean case text (``<NA>`` for units)
        end       Int64     offset just past the match (``<NA>`` for units)
        ========  ========  ======================================================

    Examples
    --------
    >>> m = rule_matches()
    >>> firsts = m[(m["case_id"] == 1) & (m["feature"] == "n_first_claims")]
    >>> firsts[["match", "start", "end"]].to_numpy().tolist()
    [['首次', 179, 181], ['首笔', 457, 459]]
    >>> units = m[(m["case_id"] == 7) & (m["feature"] == "submitter_level")]
    >>> units[["match", "value"]].to_numpy().tolist()
    [['省港澳办', 'provincial'], ['拱北海关', 'central_branch'], ['珠海边检总站', 'central_branch']]
    """
    folder = _data_dir(data_dir)
    from gba.datasets.cases import load_cases

    codebook = load_codebook(folder)
    out = _matches(load_cases(folder), codebook, load_codebook_values(folder))
    order = {f: i for i, f in enumerate(codebook.index)}
    key = out["feature"].map(order).astype("int64")
    pos = out["start"].fillna(-1).astype("int64")
    sorter = pd.DataFrame({"c": out["case_id"], "f": key, "p": pos}).sort_values(
        ["c", "f", "p"], kind="stable"
    )
    return out.loc[sorter.index].reset_index(drop=True)


# ----------------------------------------------------------------------------- loader

_LONG_COLUMNS = {
    "case_id": "Int64",
    "feature": "string",
    "value": "string",
    "coding": "string",
    "source": "string",
    "evidence": "string",
    "start": "Int64",
    "end": "Int64",
    "note": "string",
}


def _load_indicators(folder: Path) -> pd.DataFrame:
    from gba.datasets.indicators import load_indicators

    return load_indicators(folder, origin="cases")


@on_data  # computed once per state of the data folder; callers get copies
def load_features(
    form: str = "long",
    data_dir: str | os.PathLike[str] | None = None,
    script: str = "simplified",
    *,
    feature: str | Sequence[str] | None = None,
    value: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Load every case's features: judgement codes with evidence and rule-computed values.

    The features (``gba.load_codebook()`` defines each, with its values):
    ``submitter_level`` and ``lead_level`` (level of the submitting units),
    ``domain`` (policy domain), ``one_stop`` (a one-stop or single window),
    ``digital`` (digital tools, matched by words), ``n_first_claims`` (claims of
    a first), ``beneficiaries``, ``n_indicators``, ``n_dated_indicators`` and
    ``outcome_evidence``. How a reform aligns rules, who adjusts, on what legal
    basis, where and with which partner are the typology's features
    (:func:`gba.datasets.typology.case_features`). A case's domain is a feature,
    not a column of :func:`gba.load_cases`: ``load_features(feature="domain")``.

    Parameters
    ----------
    form : {"long", "wide"}, optional
        ``"long"`` (default): one row per case, feature and value.
        ``"wide"``: one row per case, one column per feature.
    data_dir : path-like, optional
        The data folder.
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: Chinese text in Hong Kong traditional script (OpenCC ``s2hk``),
        the evidence re-read at its offsets mapped into the converted case text (long form
        only); see :mod:`gba.datasets.traditional`.
    feature : str or list of str, optional
        Keep only these features (long form: their rows; wide form: their
        columns).
    value : str or list of str, optional
        Long form only: keep only rows with one of these values.

    Returns
    -------
    pandas.DataFrame
        The long form, sorted by case, feature (codebook order) and value
        (codebook order), has these columns:

        ========  ========  ======================================================
        column    dtype     meaning
        ========  ========  ======================================================
        case_id   Int64     case
        feature   string    feature (codebook)
        value     string    one value; a count is written as its decimal number
        coding    string    rule (computed by code) or judgement (by a person)
        source    string    text_zh, submitted_by_zh or indicators
        evidence  string    supporting text: the judgement span, first rule match
        start     Int64     offset of the evidence in the clean case text
        end       Int64     offset just past it (``text_zh[start:end] == evidence``)
        note      string    coder's note, or how the rule value was computed
        ========  ========  ======================================================

        A multi-valued feature has one row per value and none when a case has
        no value (possible only for rule-coded features, e.g. no digital
        tool); categorical and count features have exactly one row per case; a
        judgement-coded binary feature (``one_stop``) has a ``true`` row with its
        evidence, and none when false.
        Rule evidence: for a submitting-unit rule, the unit(s) (no offsets);
        for a count, none (the note lists every match; see
        :func:`rule_matches`).

        The wide form is indexed by ``case_id`` with one column per feature of
        the codebook, in codebook order: categorical features as ``string``,
        multi-valued ones as ``string`` holding the values in codebook order
        joined by ``|`` (:data:`MULTI_SEP`; ``""`` when none; split with
        ``.str.split("|")``), counts as ``Int64`` and binary features as
        ``boolean``.

    Raises
    ------
    ValueError
        If ``form`` is neither ``"long"`` nor ``"wide"``, a feature is not in
        the codebook, a value is not a value of the chosen features, or
        ``value`` is given with the wide form.
    DataError
        If a data file breaks its schema.

    Examples
    --------
    >>> legal = load_features(feature="domain", value="legal")
    >>> sorted(set(legal["feature"])), len(legal) > 0
    (['domain'], True)
    >>> long = load_features()
    >>> row = long[(long["case_id"] == 7) & (long["feature"] == "one_stop")].iloc[0]
    >>> row["value"], row["coding"], row["evidence"]
    ('true', 'judgement', '旅客只需“在一个大厅、排一次队、集中接受一次检查”')
    >>> from gba.datasets.cases import load_cases
    >>> text = load_cases().loc[7, "text_zh"]
    >>> text[row["start"]:row["end"]] == row["evidence"]
    True
    >>> load_features(form="wide").loc[17, "digital"]
    'online_service|video|e_document|blockchain|ai_smart|data_sharing|self_service'
    """
    if form not in ("long", "wide"):
        raise ValueError(f"form must be 'long' or 'wide', not {form!r}")
    if value is not None and form == "wide":
        raise ValueError("value= filters rows of the long form; use form='long'")
    folder = _data_dir(data_dir)
    from gba.datasets.cases import load_cases

    cases = load_cases(folder)
    codebook = load_codebook(folder)
    values = load_codebook_values(folder)
    long = _long(cases, codebook, values, read_table("case_features", folder), folder)
    features = _chosen(feature, list(codebook.index), "feature", "the codebook's features")
    if form == "wide":
        wide = _wide(long, codebook, values, list(cases.index))
        return wide if features is None else wide[features]
    if features is not None:
        long = long[long["feature"].isin(features)]
    chosen_features = features or list(codebook.index)
    allowed = values[values["feature"].isin(chosen_features)]["value"]
    if value is not None and (codebook.loc[chosen_features, "type"] == "count").any():
        asked = [value] if isinstance(value, str) else list(value)
        allowed = [*allowed, *(v for v in asked if str(v).isdigit())]  # a count: any whole number
    chosen = _chosen(value, list(dict.fromkeys(allowed)), "value", "a value of these features")
    if chosen is not None:
        long = long[long["value"].isin(chosen)]
    long = long.reset_index(drop=True)
    from gba.datasets.traditional import convert_frame

    return convert_frame(long, script, (), "evidence", folder)


def _chosen(
    wanted: str | Sequence[str] | None, known: list[str], what: str, expected: str
) -> list[str] | None:
    """Return the names asked for, checked against ``known`` (``None`` when none were)."""
    if wanted is None:
        return None
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}; expected {expected}: {', '.join(known)}")
    return names


def _long(
    cases: pd.DataFrame,
    codebook: pd.DataFrame,
    values: pd.DataFrame,
    coded: pd.DataFrame,
    folder: Path,
) -> pd.DataFrame:
    judged = coded[coded["feature"].isin(codebook.index[codebook["rule_kind"] == "judgement"])]
    parts = [
        pd.DataFrame(
            {
                "case_id": judged["case_id"],
                "feature": judged["feature"],
                "value": judged["value"],
                "coding": "judgement",
                "source": judged["feature"].map(codebook["source"]),
                "evidence": judged["evidence"],
                "start": judged["start"],
                "end": judged["end"],
                "note": judged["note"],
            }
        )
    ]
    rules = _rule_rows(cases, codebook, values, lambda: _load_indicators(folder))
    for feature, rows in rules.items():
        frame = pd.DataFrame(rows, columns=["case_id", "value", "evidence", "start", "end", "note"])
        frame.insert(1, "feature", feature)
        frame.insert(3, "coding", "rule")
        frame.insert(4, "source", codebook.loc[feature, "source"])
        parts.append(frame)
    long = pd.concat([p.astype(_LONG_COLUMNS) for p in parts if len(p)], ignore_index=True)
    f_order = {f: i for i, f in enumerate(codebook.index)}
    v_order = {
        (f, v): i for i, (f, v) in enumerate(zip(values["feature"], values["value"], strict=True))
    }
    key = pd.DataFrame(
        {
            "c": long["case_id"],
            "f": long["feature"].map(f_order),
            "v": [
                v_order.get((f, v), -1) for f, v in zip(long["feature"], long["value"], strict=True)
            ],
        }
    )
    order = key.sort_values(["c", "f", "v"], kind="stable").index
    return long.loc[order].reset_index(drop=True)[list(_LONG_COLUMNS)]


def _wide(
    long: pd.DataFrame, codebook: pd.DataFrame, values: pd.DataFrame, case_ids: list[object]
) -> pd.DataFrame:
    index = pd.Index(case_ids, name="case_id", dtype="Int64")
    wide = pd.DataFrame(index=index)
    for feature, kind in codebook["type"].items():
        sel = long[long["feature"] == feature]
        by_case = sel.groupby("case_id", sort=False)["value"].agg(MULTI_SEP.join)
        col = by_case.reindex(index)
        if kind == "count":
            wide[feature] = pd.to_numeric(col).astype("Int64")
        elif kind == "binary":  # a judged binary feature stores only true: no row is false
            col = col.map({"true": True, "false": False})
            if codebook.loc[feature, "rule_kind"] == "judgement":
                col = col.fillna(False)
            wide[feature] = col.astype("boolean")
        elif kind == "multi-valued":
            wide[feature] = col.fillna("").astype("string")
        else:
            wide[feature] = col.astype("string")
    return wide


# ----------------------------------------------------------------------------- checks


def check_features(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check the codebook, and that judgement codes use it and quote the text exactly."""
    folder = _data_dir(data_dir)
    codebook = load_codebook(folder)
    values = load_codebook_values(folder)
    problems = codebook_problems(codebook, values)
    if problems:
        return problems
    from gba.datasets.cases import load_cases

    cases = load_cases(folder)
    problems += _check_coded(read_table("case_features", folder), codebook, cases)
    try:
        _matches(cases, codebook, values)  # every unit has exactly one level
    except DataError as err:
        problems.append(err)
    return problems


def _check_coded(
    coded: pd.DataFrame, codebook: pd.DataFrame, cases: pd.DataFrame
) -> list[DataError]:
    file = "case_features.csv"
    problems: list[DataError] = []
    is_judged = coded["feature"].map(codebook["rule_kind"]).eq("judgement").fillna(False)
    for row, feature in enumerate(coded["feature"], start=1):
        if not is_judged.iloc[row - 1]:
            problems.append(
                DataError(
                    f"{feature!r} is rule-coded: its values are computed, not typed",
                    file=file,
                    row=row,
                    column="feature",
                    expected="a judgement-coded feature of codebook.csv",
                )
            )
    texts = {int(c): str(t) for c, t in cases["text_zh"].items()}
    problems += span_problems(coded, texts, file, only=is_judged, column="evidence")
    judged = codebook[codebook["rule_kind"] == "judgement"]
    n = coded.groupby(["case_id", "feature"]).size()
    # coding is done batch by batch: a batch with any coded case must be complete
    coded_batches = set(cases.loc[cases.index.isin(coded["case_id"]), "batch"])
    for feature, kind in judged["type"].items():
        if kind == "binary":  # only true is stored, with its evidence; no row is false
            rows = coded.index[(coded["feature"] == feature) & (coded["value"] != "true")]
            problems += [
                DataError(
                    f"the binary feature {feature!r} stores only true (no row is false)",
                    file=file,
                    row=int(pos) + 1,
                    column="value",
                    expected="true",
                )
                for pos in rows
            ]
            continue
        for case_id in cases.index[cases["batch"].isin(coded_batches)]:
            k = int(n.get((case_id, feature), 0))
            if k == 0 or (kind == "categorical" and k != 1):
                problems.append(
                    DataError(
                        f"case {case_id} has {k} value(s) for the {kind} feature {feature!r}",
                        file=file,
                        column="value",
                        expected="exactly one value"
                        if kind == "categorical"
                        else "at least one value",
                    )
                )
    return problems
