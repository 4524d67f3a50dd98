"""The typology of alignment: codebook, each coder's codings, adjudicated codes, agreement.

Tables (``data/``): ``codebook_typology.csv`` and ``codebook_typology_values.csv``
(features, values, decision rules, examples), ``typology_codings.csv`` (one row
per coder, case, feature and value, with the coder's evidence span),
``typology_codes.csv`` (the adjudicated codes), ``indicator_role_codings.csv`` and
``indicator_roles.csv`` (input / output / outcome per indicator).

Agreement between the coders and the distance between cases are computed in
:mod:`gba.analysis.typology`.

Examples
--------
>>> from gba.datasets.typology import load_typology_codes
>>> codes = load_typology_codes()
>>> sorted(codes["feature"].unique())[:2]
['alignment_mode', 'legal_basis']
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = [
    "ABSENCE_VALUES",
    "case_features",
    "check_typology",
    "load_indicator_role_codings",
    "load_indicator_roles",
    "load_typology_codebook",
    "load_typology_codes",
    "load_typology_codings",
    "load_typology_values",
    "predecided_cells",
    "value_label",
]

Path_ = str | os.PathLike[str] | None

#: Values that record an absence; only these may have no evidence span.
ABSENCE_VALUES = frozenset({"not_stated", "none"})

_CASE_EXAMPLE = re.compile(r"^c(\d{2})\b")


def load_typology_codebook(data_dir: Path_ = None) -> pd.DataFrame:
    """Load the typology's features (``codebook_typology.csv``), indexed by feature.

    >>> load_typology_codebook().loc["main_mode", "type"]
    'categorical'
    """
    return read_table("codebook_typology", data_dir).set_index("feature")


def load_typology_values(data_dir: Path_ = None) -> pd.DataFrame:
    """Load the typology's values, rules and examples (``codebook_typology_values.csv``).

    >>> v = load_typology_values()
    >>> v.loc[("alignment_mode", "partner_law"), "label_zh"]
    '适用域外法'
    """
    return read_table("codebook_typology_values", data_dir).set_index(["feature", "value"])


def value_label(feature: str, value: str, data_dir: Path_ = None, lang: str = "en") -> str:
    """Return the display label of one value.

    >>> value_label("scope", "cooperation_zone")
    'Cooperation zone'
    """
    return str(load_typology_values(data_dir).loc[(feature, value), f"label_{lang}"])


def load_typology_codings(data_dir: Path_ = None) -> pd.DataFrame:
    """Each coder's codings (``typology_codings.csv``), one row per coder, case, feature, value.

    >>> codings = load_typology_codings()
    >>> sorted(codings["coder"].unique())[:2]
    ['A', 'B']
    """
    return read_table("typology_codings", data_dir)


def load_typology_codes(data_dir: Path_ = None) -> pd.DataFrame:
    """Load the adjudicated codes (``typology_codes.csv``): one row per case, feature, value.

    >>> codes = load_typology_codes()
    >>> codes.query("case_id == 9 and feature == 'main_mode'")["value"].tolist()
    ['partner_law']
    """
    return read_table("typology_codes", data_dir)


def load_indicator_role_codings(data_dir: Path_ = None) -> pd.DataFrame:
    """Each coder's input / output / outcome tag per indicator (``indicator_role_codings.csv``).

    >>> load_indicator_role_codings().columns.tolist()
    ['coder', 'indicator_id', 'role', 'note']
    """
    return read_table("indicator_role_codings", data_dir)


def load_indicator_roles(data_dir: Path_ = None) -> pd.DataFrame:
    """Load the adjudicated role of each indicator (``indicator_roles.csv``).

    >>> load_indicator_roles().loc["c02_gba_lawyers_certified", "role"]
    'output'
    """
    return read_table("indicator_roles", data_dir).set_index("indicator_id")


def case_features(codes: pd.DataFrame | None = None, data_dir: Path_ = None) -> pd.DataFrame:
    """One row per case, one column per case feature; multi-valued cells are sorted tuples.

    >>> wide = case_features()
    >>> wide.loc[9, "main_partner"], wide.loc[16, "partners_mentioned"]
    ('neither', ('hong_kong', 'macao'))
    """
    if codes is None:
        codes = load_typology_codes(data_dir)
    book = load_typology_codebook(data_dir)
    out = {}
    for feature, group in codes.groupby("feature", sort=False):
        values = group.groupby("case_id")["value"].agg(lambda s: tuple(sorted(s)))
        if book.loc[feature, "type"] == "categorical":
            values = values.map(lambda t: t[0])
        out[feature] = values
    order = [f for f in book.index if f in out]
    return pd.DataFrame(out)[order].sort_index().rename_axis("case_id")


def predecided_cells(data_dir: Path_ = None) -> set[tuple[int, str]]:
    """Return the (case, feature) cells that a codebook example already decides.

    An inclusion or exclusion example that starts ``cNN:`` tells the coders the
    value (or a value it is not) of case NN for that feature, so agreement on
    that cell is not independent evidence of the rule's reliability.

    >>> (9, "main_partner") in predecided_cells()
    True
    """
    values = load_typology_values(data_dir).reset_index()
    cells: set[tuple[int, str]] = set()
    for row in values.itertuples(index=False):
        for example in (row.include_example, row.exclude_example):
            m = _CASE_EXAMPLE.match(str(example))
            if m:
                cells.add((int(m.group(1)), str(row.feature)))
    return cells


# ----------------------------------------------------------------------------- checks


def _span_problems(frame: pd.DataFrame, file: str, texts: dict[int, str]) -> list[DataError]:
    problems = []
    for row, r in enumerate(frame.itertuples(index=False), start=1):
        ev = r.evidence
        if pd.isna(ev) or ev == "":
            if r.value not in ABSENCE_VALUES:
                problems.append(
                    DataError(
                        f"value {r.value!r} has no evidence",
                        file=file,
                        row=row,
                        column="evidence",
                        expected="a verbatim span (only not_stated and none may have none)",
                    )
                )
            elif not (pd.isna(r.start) and pd.isna(r.end)):
                problems.append(
                    DataError(
                        "offsets without evidence",
                        file=file,
                        row=row,
                        column="start",
                        expected="empty start and end when the evidence is empty",
                    )
                )
            continue
        text = texts.get(int(r.case_id), "")
        start, end = r.start, r.end
        if pd.isna(start) or pd.isna(end) or text[int(start) : int(end)] != ev:
            found = text.find(ev)
            problems.append(
                DataError(
                    f"text_zh[{start}:{end}] of case {r.case_id} is not the evidence {ev!r}",
                    file=file,
                    row=row,
                    column="start",
                    expected=(
                        f"start={found}, end={found + len(ev)}"
                        if found >= 0
                        else "evidence quoted verbatim from the clean case text"
                    ),
                )
            )
    return problems


def _shape_problems(
    frame: pd.DataFrame, file: str, book: pd.DataFrame, case_ids: list[int], by: list[str]
) -> list[DataError]:
    """Check the shape of codings.

    Categorical: exactly one row per case; multi-valued: at least one; main_mode
    among the alignment modes; none/not_stated never beside another value.
    """
    problems = []
    features = [f for f in book.index if book.loc[f, "unit"] == "case"]
    for key, group in frame.groupby(by) if by else [((), frame)]:
        who = f" (coder {key[0] if isinstance(key, tuple) else key})" if by else ""
        # rows and value sets per (case, feature), keys sorted, as groupby gives them (a key
        # with a missing part dropped, as groupby drops it)
        counts: dict[tuple[Any, Any], int] = {}
        value_sets: dict[tuple[Any, Any], set[Any]] = {}
        cells = zip(*(group[c].tolist() for c in ("case_id", "feature", "value")), strict=True)
        for case, feature, value in cells:
            if pd.isna(case) or pd.isna(feature):
                continue
            counts[case, feature] = counts.get((case, feature), 0) + 1
            value_sets.setdefault((case, feature), set()).add(value)
        for feature in features:
            single = book.loc[feature, "type"] == "categorical"
            for case in case_ids:
                n = int(counts.get((case, feature), 0))
                if (single and n != 1) or n == 0:
                    problems.append(
                        DataError(
                            f"case {case}, feature {feature!r}{who}: {n} value row(s)",
                            file=file,
                            column="value",
                            expected="exactly one" if single else "at least one",
                        )
                    )
        values = {k: value_sets[k] for k in sorted(value_sets)}
        for (case, feature), vals in values.items():
            if len(vals) > 1 and vals & ABSENCE_VALUES:
                problems.append(
                    DataError(
                        f"case {case}, feature {feature!r}{who}: {sorted(vals)}",
                        file=file,
                        column="value",
                        expected="none / not_stated only alone",
                    )
                )
        for case in case_ids:
            main = values.get((case, "main_mode"), set())
            modes = values.get((case, "alignment_mode"), set())
            if main and not main <= modes:
                problems.append(
                    DataError(
                        f"case {case}{who}: main_mode {sorted(main)} is not among its "
                        f"alignment_mode values {sorted(modes)}",
                        file=file,
                        column="value",
                        expected="a main mode that is one of the case's modes",
                    )
                )
    return problems


def check_typology(data_dir: Path_ = None) -> list[DataError]:
    """Check codings and codes, indicator roles and batch counts.

    Shapes, main mode among modes, spans verbatim; every indicator has a role;
    batch category counts add up to the batch size.
    """
    from gba._paths import data_dir as _data_dir
    from gba.datasets.spans import case_texts

    folder = _data_dir(data_dir)
    book = load_typology_codebook(folder)
    codings = load_typology_codings(folder)
    codes = load_typology_codes(folder)
    texts = case_texts(folder)
    # every case of a batch that has been coded needs its codes; a new batch may be uncoded
    batch_of = read_table("cases", folder, check_foreign_keys=False).set_index("case_id")["batch"]
    coded_batches = set(batch_of.reindex(codings["case_id"].unique()).dropna())
    case_ids = sorted(c for c in texts if batch_of.get(c) in coded_batches)
    problems = _span_problems(codings, "typology_codings.csv", texts)
    problems += _span_problems(codes, "typology_codes.csv", texts)
    problems += _shape_problems(codings, "typology_codings.csv", book, case_ids, ["coder"])
    problems += _shape_problems(codes, "typology_codes.csv", book, case_ids, [])
    # the indicators the coders tagged (a later observation added since needs no role yet)
    tags = load_indicator_role_codings(folder)
    indicators = set(tags["indicator_id"])
    roles = set(load_indicator_roles(folder).index)
    if not indicators <= roles:
        problems.append(
            DataError(
                f"indicators without a role: {sorted(indicators - roles)}",
                file="indicator_roles.csv",
                column="indicator_id",
                expected="one row per indicator of indicators.csv",
            )
        )
    for coder, group in tags.groupby("coder"):
        missing = indicators - set(group["indicator_id"])
        if missing:
            problems.append(
                DataError(
                    f"coder {coder} did not tag {sorted(missing)}",
                    file="indicator_role_codings.csv",
                    column="indicator_id",
                    expected="every coder tags every indicator",
                )
            )
    problems += _check_batches(folder)
    return problems


def _check_batches(folder: Path) -> list[DataError]:
    """Check that sources agree on each batch figure and category counts add up."""
    batches = read_table("batches", folder)
    problems = []
    for batch, group in batches.groupby("batch"):
        cats = group[group["quantity"].str.startswith("n_category_")]
        per = cats.dropna(subset=["value"]).groupby("quantity")["value"].agg(set).to_dict()
        conflicting = [q for q, v in per.items() if len(v) > 1]
        sizes = set(group[group["quantity"] == "n_cases"]["value"].dropna())
        for q in conflicting:
            problems.append(
                DataError(
                    f"batch {batch}: sources disagree on {q}: {sorted(per[q])}",
                    file="batches.csv",
                    column="value",
                    expected="one figure per batch and quantity",
                )
            )
        if len(per) == 4 and len(sizes) == 1 and not conflicting:
            total = sum(int(next(iter(v))) for v in per.values())
            if total != int(next(iter(sizes))):
                problems.append(
                    DataError(
                        f"batch {batch}: category counts add up to {total}",
                        file="batches.csv",
                        column="value",
                        expected=f"n_cases = {next(iter(sizes))}",
                    )
                )
    problems += _check_batch_cases(folder, batches)
    return problems


@lru_cache(maxsize=1)
def _to_simplified() -> Callable[[str], str]:
    """OpenCC's ``t2s`` conversion (its dictionaries load once per process)."""
    import opencc

    return opencc.OpenCC("t2s").convert


def _check_batch_cases(folder: Path, batches: pd.DataFrame) -> list[DataError]:
    """Check the later batches' case titles against the batch sizes and each other.

    A title's number is at most the batch's number of cases (``n_cases`` in
    ``batches.csv``), a row that gives a title has a number, and two listings of
    one case give the same title once both are in simplified script (OpenCC
    ``t2s``: a traditional-script reprint and a simplified report agree).
    """
    to_simplified = _to_simplified()
    titles = read_table("batch_cases", folder)
    sizes = batches[batches["quantity"] == "n_cases"].dropna(subset=["value"])
    size_of = {int(b): int(v) for b, v in zip(sizes["batch"], sizes["value"], strict=True)}
    problems = []
    for i, row in titles.iterrows():
        batch, number, title = row["batch"], row["case_no"], row["title"]
        if pd.notna(title) and pd.isna(number):
            problems.append(
                DataError(
                    f"batch {batch}: title {title!r} has no case number",
                    file="batch_cases.csv",
                    row=i + 1,
                    column="case_no",
                    expected="the case's number in the listing",
                )
            )
        if pd.notna(number) and batch in size_of and number > size_of[batch]:
            problems.append(
                DataError(
                    f"batch {batch}: case number {number} beyond "
                    f"the batch's {size_of[batch]} cases",
                    file="batch_cases.csv",
                    row=i + 1,
                    column="case_no",
                    expected=f"1 to {size_of[batch]} (n_cases in batches.csv)",
                )
            )
    given = titles.dropna(subset=["case_no", "title"])
    for (batch, number), group in given.groupby(["batch", "case_no"]):
        simplified = {to_simplified(str(t)) for t in group["title"]}
        if len(simplified) > 1:
            problems.append(
                DataError(
                    f"batch {batch}, case {number}: listings disagree on the title: "
                    f"{sorted(simplified)}",
                    file="batch_cases.csv",
                    column="title",
                    expected="one title per case (compared in simplified script)",
                )
            )
    return problems
