"""Derived indicators: growth measures computed from the stated indicators and events.

The source reports growth unevenly: a stock at one date, a change against a
baseline, a before/after, a first event and a later cumulative total, a
capacity against use, parts of a whole. :func:`derived_indicators` turns these
into comparable measures, each computed by code from rows of
``indicators.csv`` and ``events.csv`` (never typed), with the ids of the rows
it used, a formula that shows the arithmetic and the bound that follows from
how the inputs were stated (see :mod:`gba.analysis.growth`).

Two kinds of rows:

- **Recipes**, one row each in ``data/derived.csv``
  (:func:`gba.datasets.recipes.load_recipes`): a measure id, its case, its
  kind and its inputs. One function per kind (:data:`gba.analysis.kinds.KINDS`)
  computes it; a new measure is a new row.
- **Trajectories** (:mod:`gba.analysis.trajectories`): when the indicators
  table holds two or more dated observations of the same quantity, each
  consecutive pair gives a change, a percent change, a CAGR and (for growth)
  a doubling time, computed by the same kinds.

Dates follow the convention of :mod:`gba.analysis.growth` (a partial date is the end of
its period; decimal years, actual/actual).

Examples
--------
>>> d = derived_indicators()
>>> row = d.loc["c04_insured_end2019"]
>>> round(row["value"]), row["qualifier"], row["formula"]
(152010, 'exact', '303700 / (1 + 99.79 / 100)')
>>> row["inputs"]
'c04_insured_hkmo_residents; c04_insured_growth_since_2019'
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from typing import Any, cast

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.analysis.bounded import Bounded
from gba.analysis.kinds import KINDS, Inputs, evaluate, form_problem, indicator_quantity
from gba.analysis.trajectories import observation_pairs, trajectory_records
from gba.datasets.memo import on_data
from gba.datasets.recipes import INPUT_SEPARATOR, load_recipes, recipe_inputs
from gba.errors import DataError

__all__ = [
    "DERIVED_KINDS",
    "check_derived",
    "check_recipes",
    "derived_indicators",
    "indicator_quantity",
    "observation_pairs",
]

#: What a derived row measures (the kinds of :data:`gba.analysis.kinds.KINDS`).
DERIVED_KINDS = tuple(KINDS)


def _recipe_records(
    recipes: pd.DataFrame, indicators: pd.DataFrame, events: pd.DataFrame
) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    rows: dict[tuple[str, str], Any] = {}  # the input rows, looked up once
    for pos, (derived_id, spec) in enumerate(recipes.iterrows(), start=1):
        ids = recipe_inputs(spec)
        problem = form_problem(str(spec["kind"]), ids, indicators, events)
        if problem is not None:
            raise DataError(
                f"derived indicator {derived_id!r}: {problem}",
                file="derived.csv",
                row=pos,
                column="inputs",
                expected=f"inputs that fit the kind {spec['kind']!r} (see gba.analysis.kinds)",
            )
        inp = Inputs(str(derived_id), indicators, events, rows)
        result = evaluate(str(spec["kind"]), inp, ids)
        notes = [n for n in (result.note, spec["note"]) if isinstance(n, str) and n]
        records.append(
            {
                "derived_id": derived_id,
                "case_id": int(spec["case_id"]),
                "kind": spec["kind"],
                "name_en": spec["name_en"],
                "name_zh": spec["name_zh"],
                "label_en": spec["label_en"],
                "label_zh": spec["label_zh"],
                "quantity": result.quantity,
                "unit_zh": result.unit_zh,
                "formula": result.formula,
                "inputs": INPUT_SEPARATOR.join(ids),
                "note": "; ".join(notes),
            }
        )
    return records


# -- the table ----------------------------------------------------------------------------


@on_data  # computed once per state of the data folder; callers get copies
def derived_indicators(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    uses: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Return every derived indicator, computed from the indicators and events.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    uses : str or list of str, optional
        Keep only the measures that use one of these indicator or event ids
        as an input (``derived_indicators(uses="c04_insured_hkmo_residents")``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``derived_id`` (``string``): the curated measures in the
        order of ``data/derived.csv``, then the trajectories (:mod:`gba.analysis.trajectories`).
        Columns:

        =========  ========  =============================================================
        column     dtype     meaning
        =========  ========  =============================================================
        case_id    Int64     the case the inputs are stated in
        kind       string    baseline, cagr, reduction, percent_reduction, multiple, …
        name_en    string    what the measure is, in English
        name_zh    string    what the measure is, in Chinese
        label_en   string    short English label for tables and figures
        label_zh   string    short Chinese label for tables and figures
        value      float64   the value computed from the stated numbers
        low        float64   the lowest value the inputs' bounds allow (may be -inf)
        high       float64   the highest value the inputs' bounds allow (may be inf)
        unit       string    the indicators' unit vocabulary, percent, percent_per_year …
        unit_zh    string    the unit in Chinese (元/人次, %, 天 …)
        qualifier  string    exact, lower, upper, approx, range or unbounded (gba.analysis.growth)
        formula    string    the arithmetic on the input values (evaluates to ``value``)
        inputs     string    the indicator and event ids used, separated by ``; ``
        note       string    dates and years used, and how to read the value
        =========  ========  =============================================================

    Raises
    ------
    DataError
        If an input row is missing, or the inputs are impossible (a part
        larger than its whole, a zero baseline …); the message names the
        derived indicator and the input.

    Examples
    --------
    >>> d = derived_indicators()
    >>> row = d.loc["c16_fund_payment_per_benefit"]
    >>> print(f"{row['value']:.2f} {row['qualifier']} {row['unit']}")
    942.49 upper CNY_per_person_time
    >>> list(derived_indicators(uses="c16_benefit_person_times").index)[:1]
    ['c16_fund_payment_per_benefit']
    """
    from gba.datasets.events import load_events
    from gba.datasets.indicators import load_indicators

    folder = _data_dir(data_dir)
    indicators = load_indicators(folder)
    events = load_events(folder)
    records = _recipe_records(load_recipes(folder), indicators, events)
    records.extend(trajectory_records(indicators, events))
    frame = _frame(records)
    if uses is None:
        return frame
    wanted = {uses} if isinstance(uses, str) else set(uses)
    known = set(indicators.index) | set(events.index)
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(f"uses: {unknown[0]!r} is not an indicator_id or event_id")
    used = frame["inputs"].fillna("").str.split("; ").map(lambda ids: bool(wanted & set(ids)))
    return frame[used.astype(bool)]


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    qs = [cast(Bounded, r["quantity"]) for r in records]
    frame = pd.DataFrame(
        {
            "case_id": pd.array([r["case_id"] for r in records], dtype="Int64"),
            "kind": pd.array([r["kind"] for r in records], dtype="string"),
            "name_en": pd.array([r["name_en"] for r in records], dtype="string"),
            "name_zh": pd.array([r["name_zh"] for r in records], dtype="string"),
            "label_en": pd.array([r["label_en"] for r in records], dtype="string"),
            "label_zh": pd.array([r["label_zh"] for r in records], dtype="string"),
            "value": [q.value for q in qs],
            "low": [q.low for q in qs],
            "high": [q.high for q in qs],
            "unit": pd.array([q.unit for q in qs], dtype="string"),
            "unit_zh": pd.array([r["unit_zh"] for r in records], dtype="string"),
            "qualifier": pd.array([q.qualifier for q in qs], dtype="string"),
            "formula": pd.array([r["formula"] for r in records], dtype="string"),
            "inputs": pd.array([r["inputs"] for r in records], dtype="string"),
            "note": pd.array([r["note"] or pd.NA for r in records], dtype="string"),
        },
        index=pd.Index([r["derived_id"] for r in records], dtype="string", name="derived_id"),
    )
    for col in ("value", "low", "high"):
        frame[col] = frame[col].astype("float64")
    return frame


def check_derived(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Every derived indicator can be computed from the data, and its formula is right."""
    folder = _data_dir(data_dir)
    if not (folder / "indicators.csv").is_file():  # pragma: no cover - partial data folders
        return []
    frame = derived_indicators(folder)
    problems = []
    rows = zip(frame.index, frame["formula"].tolist(), frame["value"].tolist(), strict=True)
    for derived_id, formula, value in rows:
        got = _evaluate(str(formula))
        if not math.isclose(got, float(value), rel_tol=1e-8):
            problems.append(
                DataError(
                    f"derived indicator {derived_id!r}: formula {formula!r} gives {got!r}, "
                    f"not the computed {value!r}",
                    file="derived.csv",
                    expected="a formula that shows the computation",
                )
            )
    return problems


def _evaluate(formula: str) -> float:
    """Evaluate a formula of numbers, + - * / ** ( ) and ``log`` (natural) only."""
    allowed = set("0123456789.e+-*/() ")
    if not set(re.sub(r"\blog\(", "(", formula)) <= allowed:
        raise ValueError(f"formula has characters other than numbers and operators: {formula!r}")
    return float(eval(formula, {"__builtins__": {}, "log": math.log}, {}))


def check_recipes(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Every recipe of ``derived.csv`` names a known kind and inputs that fit it.

    The inputs exist (indicators or events), are of the sort the kind reads
    (a date, a rate in percent, a dated level) and, where the kind compares
    quantities, share one unit.
    """
    from gba.datasets.events import load_events
    from gba.datasets.indicators import load_indicators

    folder = _data_dir(data_dir)
    if not (folder / "derived.csv").is_file():  # pragma: no cover - partial data folders
        return []
    indicators, events = load_indicators(folder), load_events(folder)
    problems = []
    for pos, (derived_id, spec) in enumerate(load_recipes(folder).iterrows(), start=1):
        problem = form_problem(str(spec["kind"]), recipe_inputs(spec), indicators, events)
        if problem is not None:
            problems.append(
                DataError(
                    f"derived indicator {derived_id!r}: {problem}",
                    file="derived.csv",
                    row=pos,
                    column="inputs",
                    expected=f"inputs that fit the kind {spec['kind']!r} (see gba.analysis.kinds)",
                )
            )
    return problems
