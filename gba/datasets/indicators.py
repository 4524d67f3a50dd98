"""Load the indicators: every quantity the sources state, with provenance.

``data/indicators.csv`` is curated by hand: one row per quantity stated in a
case text (dates are in ``events.csv``), with the value in base units, what was
counted, its unit, qualifier, measure, reference date or period, and the
verbatim span at its offsets in the clean case text. ``python -m gba validate``
checks it mechanically both ways:

- ``span == text[start:end]`` in the clean case text;
- :func:`gba.parse_quantity` of the span gives the row's ``value``,
  ``value_high``, ``unit_zh`` and ``qualifier``;
- every quantity :func:`gba.extract_quantities` finds in a case text is a row
  (same start and end), or is listed with a reason in
  ``quantity_exclusions.csv``; and every row is found by the extractor;
- ``as_of`` agrees with the 截至 dates the extractor assigns (see below);
- the columns agree with each other (see :func:`indicator_problems`).

Reference dates (``as_of``) follow one rule, recorded per row in
``as_of_basis``: a date written for the quantity (截至… earlier in the same
sentence) is ``stated``; a 截至… in an earlier sentence of the same paragraph,
or later in the same sentence, is ``carried``; a date computed from a stated
one (口岸开通一周年) is ``implied``; flows have a ``period`` instead; anything
else (目前, 已有, 累计 without a date, features of a design) is ``undated``:
``as_of`` stays empty, never filled with the release date, and ``note`` starts
with ``undated (`` and the reason, e.g. ``undated (目前)``.

Examples
--------
>>> ind = load_indicators()
>>> row = ind.loc["c04_insured_hkmo_residents"]
>>> print(row["span"], int(row["value"]), row["unit"], row["as_of"])
30.37万人次 303700 person_time 2022-12-31
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.exclusions import load_quantity_exclusions
from gba.datasets.spans import (
    PRECISION_PATTERN,
    by_offsets,
    case_texts,
    coverage_problems,
    curated_matches,
    date_problem,
    own_source_rows,
    span_problems,
)
from gba.datasets.tables import read_table
from gba.errors import DataError, listing

__all__ = ["UNIT_KIND", "UNIT_ZH", "check_indicators", "indicator_problems", "load_indicators"]

_FILE = "indicators.csv"

#: the English units each written unit or counter may stand for
UNIT_ZH: dict[str, frozenset[str]] = {
    "元": frozenset({"CNY"}),
    "人": frozenset({"person"}),
    "名": frozenset({"person"}),
    "位": frozenset({"person"}),
    "人次": frozenset({"person_time"}),
    "家": frozenset({"enterprise", "institution"}),
    "户": frozenset({"enterprise"}),
    "个": frozenset({"item", "site", "institution", "batch"}),
    "项": frozenset({"item"}),
    "种": frozenset({"item"}),
    "病种": frozenset({"item"}),
    "款": frozenset({"item"}),
    "部": frozenset({"item"}),
    "份": frozenset({"item"}),
    "件": frozenset({"case"}),
    "宗": frozenset({"case"}),
    "辆": frozenset({"vehicle"}),
    "单": frozenset({"order"}),
    "次": frozenset({"visit"}),
    "场次": frozenset({"session"}),
    "批次": frozenset({"batch"}),
    "条": frozenset({"lane"}),
    "%": frozenset({"percent"}),
    "倍": frozenset({"multiple"}),
    "秒": frozenset({"second"}),
    "分钟": frozenset({"minute"}),
    "小时": frozenset({"hour"}),
    "天": frozenset({"day"}),
    "日": frozenset({"day"}),
    "个月": frozenset({"month"}),
    "年": frozenset({"year"}),
}

_COUNTED = "person person_time enterprise institution item case vehicle"
_COUNTED += " order visit session batch site lane"
#: the kind of each controlled unit, in the extractor's words (:attr:`gba.Quantity.kind`)
_DURATIONS = "second minute hour day month year"
UNIT_KIND: dict[str, str] = {
    "CNY": "money",
    **dict.fromkeys(_COUNTED.split(), "count"),
    "percent": "percent",
    "multiple": "multiple",
    **dict.fromkeys(_DURATIONS.split(), "duration"),
}


def load_indicators(
    data_dir: str | os.PathLike[str] | None = None,
    script: str = "simplified",
    *,
    origin: str = "all",
) -> pd.DataFrame:
    """Load every stated quantity, one row per quantity, with its provenance.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: Chinese text in Hong Kong traditional script (OpenCC ``s2hk``),
        the span re-read at its offsets mapped into the converted case text; see
        :mod:`gba.datasets.traditional`.
    origin : {"all", "cases", "later"}
        Which rows: all of them; only those quoting a case text (``source_id``
        is the case's own collection, ``span`` at ``start``/``end``); or only
        the later observations taken from other documents
        (``docs/later_observations.md``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``indicator_id`` (``string``), in file order (by case, then
        position in the text). Columns:

        ===============  =======  ================================================================
        column           dtype    meaning
        ===============  =======  ================================================================
        case_id          Int64    the case the quantity is stated in (``cases.csv``)
        source_id        string   the document it is stated in (``sources.csv``)
        name_zh          string   what is counted, in Chinese close to the source
        name_en          string   what is counted, in English, standing alone in a table
        value            float64  the number in base units (30.37万人次 is 303700); a bound's bound
        value_high       float64  high end of a range (qualifier ``range``), else NaN
        unit             string   controlled unit: CNY, person, person_time, enterprise, …
        unit_zh          string   the unit or counter as written (元, 人次, 家 …)
        kind             string   money, count, percent, multiple or duration (from ``unit``)
        qualifier        string   exact, lower, upper, approx or range
        measure          string   stock, cumulative, flow, change, difference, duration, …
        direction        string   increase or decrease, for change and difference
        as_of            string   reference date, ISO partial (2023-02; 2022-12-31), or <NA>
        as_of_precision  string   month, year_end, day … (the precisions of gba.extract_dates)
        as_of_basis      string   stated, carried, implied, period or undated
        period           string   period covered, ISO date or interval (2020/2023-01; 2022-03-29/..)
        part_of          string   indicator_id of the whole this is a part of (其中 …)
        span             string   the quantity expression verbatim from the clean case text
        start            Int64    offset of the span in the clean case text
        end              Int64    offset just past the span
        note             string   how to read the row (why undated, what a bound covers)
        ===============  =======  ================================================================

        The unit, measure, qualifier and as-of vocabularies are defined in the
        field descriptions of ``data/datapackage.json``. ``unit_zh`` is the
        unit as the extractor returns it (:attr:`gba.Quantity.unit`: 元, 人次);
        ``unit`` is its controlled English name (CNY, person_time), chosen
        among those :data:`UNIT_ZH` allows for the written unit (家 is an
        enterprise or an institution, by what is counted). ``kind`` is derived
        from ``unit`` (:data:`UNIT_KIND`) with the extractor's names, so money
        is ``kind == "money"`` and the currency is ``unit`` (CNY).

    Raises
    ------
    DataError
        If the file breaks its schema (types, vocabularies, keys, foreign keys
        to cases, sources and ``part_of``).

    Examples
    --------
    >>> ind = load_indicators()
    >>> row = ind.loc["c03_research_funds_transferred"]
    >>> row["span"], float(row["value"]), row["qualifier"]
    ('超过3.7亿元', 370000000.0, 'lower')
    >>> ind.loc["c06_declared_users_hkmo", "part_of"]
    'c06_declared_users'
    >>> later = load_indicators(origin="later")
    >>> later.loc["c02_gba_lawyers_certified_2025_12_05", ["span", "qualifier"]].tolist()
    ['超过630名', 'lower']
    """
    if origin not in ("all", "cases", "later"):
        raise ValueError(f"origin must be 'all', 'cases' or 'later', not {origin!r}")
    from gba.datasets.traditional import convert_frame

    frame = read_table("indicators", data_dir)
    if origin != "all":
        own = own_source_rows(frame, data_dir)
        frame = frame[own if origin == "cases" else ~own]
    kind = frame["unit"].map(UNIT_KIND).astype("string")
    frame.insert(int(frame.columns.get_loc("unit_zh")) + 1, "kind", kind)
    frame = convert_frame(frame, script, ["name_zh", "unit_zh"], "span", data_dir)
    return frame.set_index("indicator_id")


def indicator_problems(frame: pd.DataFrame) -> list[DataError]:
    """Return the rows whose columns disagree with each other.

    Checks that a range has a ``value_high`` above ``value`` (and only a
    range); ``direction`` is set exactly for change and difference; ``as_of``
    matches its precision; ``as_of_basis`` agrees with ``as_of`` (empty for
    period and undated); an undated row says why in ``note``; a flow has a
    period; ``unit_zh`` can stand for
    ``unit`` (:data:`UNIT_ZH`); an ``indicator_id`` starts with the case
    (``c04_``); a part is in the same case and unit as its whole and no
    larger, and the exact parts of a whole do not add up to more than it.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read by ``read_table("indicators")`` (``indicator_id`` a
        column, rows in file order).

    Returns
    -------
    list of DataError
    """
    problems: list[DataError] = []

    def bad(pos: int, column: str, message: str, expected: str) -> None:
        problems.append(DataError(message, file=_FILE, row=pos, column=column, expected=expected))

    by_id = frame.set_index("indicator_id")
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        has_high = not pd.isna(row.value_high)
        if row.qualifier == "range" and not (has_high and row.value_high > row.value):
            bad(pos, "value_high", "a range needs value_high", "a value_high above value")
        if row.qualifier != "range" and has_high:
            bad(pos, "value_high", f"value_high with qualifier {row.qualifier}", "empty")
        needs_direction = row.measure in ("change", "difference")
        if needs_direction == pd.isna(row.direction):
            bad(
                pos,
                "direction",
                f"direction {row.direction!r} with measure {row.measure}",
                "increase or decrease for change and difference, else empty",
            )
        _check_as_of(row, pos, bad)
        allowed = UNIT_ZH.get(row.unit_zh)
        if allowed is None:
            known = "a unit listed in gba.datasets.indicators.UNIT_ZH"
            bad(pos, "unit_zh", f"unknown unit {row.unit_zh!r}", known)
        elif row.unit not in allowed:
            bad(
                pos,
                "unit",
                f"{row.unit!r} for {row.unit_zh!r}",
                f"one of {', '.join(sorted(allowed))}",
            )
        prefix = f"c{int(row.case_id):02d}_"
        if not row.indicator_id.startswith(prefix):
            bad(pos, "indicator_id", f"{row.indicator_id!r}", f"an id starting with {prefix!r}")
        if not pd.isna(row.part_of) and row.part_of not in by_id.index:
            bad(pos, "part_of", f"{row.part_of!r} is not a row", "the indicator_id of the whole")
        elif not pd.isna(row.part_of):
            whole = by_id.loc[row.part_of]
            if whole["case_id"] != row.case_id or whole["unit"] != row.unit:
                bad(pos, "part_of", f"{row.part_of!r} is another case or unit", "the same")
            elif whole["qualifier"] in ("exact", "upper") and row.value > whole["value"]:
                bad(
                    pos,
                    "value",
                    f"{row.value:g} is larger than its whole {row.part_of} ({whole['value']:g})",
                    "a part no larger than its whole",
                )
    parts = frame[frame["part_of"].isin(by_id.index) & frame["qualifier"].isin(["exact", "lower"])]
    for whole_id, group in parts.groupby("part_of"):
        whole = by_id.loc[whole_id]
        if whole["qualifier"] in ("exact", "upper") and group["value"].sum() > whole["value"]:
            pos = int(frame.index[frame["indicator_id"] == whole_id][0]) + 1
            bad(
                pos,
                "value",
                f"its parts {listing(group['indicator_id'])} add up to "
                f"{group['value'].sum():g}, more than {whole['value']:g}",
                "parts that add up to no more than the whole",
            )
    return problems


def _check_as_of(row: Any, pos: int, bad: Callable[[int, str, str, str], None]) -> None:
    as_of, precision, basis = row.as_of, row.as_of_precision, row.as_of_basis
    dated = not pd.isna(as_of)
    if dated != (not pd.isna(precision)):
        bad(pos, "as_of_precision", "as_of and as_of_precision must be set together", "both")
    elif dated and (why := date_problem(as_of, precision)):
        bad(pos, "as_of", why, f"a calendar date written {PRECISION_PATTERN[precision]}")
    if basis in ("period", "undated") and dated:
        bad(pos, "as_of", f"as_of {as_of!r} with as_of_basis {basis}", "an empty as_of")
    if basis not in ("period", "undated") and not dated:
        bad(pos, "as_of", f"no as_of with as_of_basis {basis}", "a date")
    if basis == "period" and pd.isna(row.period):
        bad(pos, "period", "as_of_basis period needs a period", "a period")
    if basis == "undated" and not str(row.note).startswith("undated ("):
        bad(pos, "note", "an undated row must say why", "a note starting 'undated (' + reason")
    if row.measure == "flow" and basis != "period":
        bad(pos, "as_of_basis", f"a flow with as_of_basis {basis}", "period")


def _extractor_problems(frame: pd.DataFrame, folder: Path) -> list[DataError]:
    """Both-way checks against :func:`gba.parse_quantity` and :func:`gba.extract_quantities`."""
    from gba.extract.quantities import parse_quantity

    problems: list[DataError] = []
    texts = case_texts(folder)
    own = own_source_rows(frame, folder)
    problems += span_problems(frame, texts, _FILE, only=own)
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        if not own.iloc[pos - 1]:
            continue
        try:
            q = parse_quantity(row.span)
        except ValueError as err:
            problems.append(
                DataError(str(err), file=_FILE, row=pos, column="span", expected="one quantity")
            )
            continue
        got = {
            "value": float(q.value),
            "value_high": None if q.value_high is None else float(q.value_high),
            "unit_zh": q.unit,
            "qualifier": q.qualifier,
        }
        want = {
            "value": row.value,
            "value_high": None if pd.isna(row.value_high) else row.value_high,
            "unit_zh": row.unit_zh,
            "qualifier": row.qualifier,
        }
        for column, value in want.items():
            if got[column] != value:
                problems.append(
                    DataError(
                        f"parse_quantity({row.span!r}) gives {column} {got[column]!r}, "
                        f"the row has {value!r}",
                        file=_FILE,
                        row=pos,
                        column=column,
                        expected="the row and the extractor to agree (fix whichever is wrong)",
                    )
                )
    exclusions = load_quantity_exclusions(folder)
    problems += span_problems(exclusions, texts, "quantity_exclusions.csv")
    found_all = curated_matches(texts, _quantities_with_sentence_as_of, folder)
    mine = frame[own]
    problems += coverage_problems(
        found_all,
        zip(mine["case_id"], mine["start"], mine["end"], strict=True),
        exclusions,
        _FILE,
    )
    by_key = by_offsets(found_all)
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        if not own.iloc[pos - 1]:
            continue
        hit = by_key.get((int(row.case_id), int(row.start), int(row.end)))
        if hit is None:
            problems.append(
                DataError(
                    f"extract_quantities does not find {row.span!r} at {row.start}-{row.end} "
                    f"in case {row.case_id}",
                    file=_FILE,
                    row=pos,
                    column="span",
                    expected="the extractor to find every indicator at its offsets",
                )
            )
            continue
        problem = _as_of_problem(row, hit.as_of_sentence, hit.as_of)
        if problem:
            problems.append(
                DataError(problem[0], file=_FILE, row=pos, column="as_of", expected=problem[1])
            )
    return problems


def _quantities_with_sentence_as_of(text: str) -> pd.DataFrame:
    """Return :func:`gba.extract_quantities` with ``as_of_sentence``: the as_of in its sentence."""
    from gba.extract.quantities import extract_quantities

    in_sentence = extract_quantities(text, as_of_scope="sentence")["as_of"]
    return extract_quantities(text).assign(as_of_sentence=in_sentence.to_numpy())


def _as_of_problem(row: Any, in_sentence: Any, in_paragraph: Any) -> tuple[str, str] | None:
    """Compare a row's as_of with the 截至 dates the extractor assigns.

    ``stated`` means the extractor's sentence-scope as_of; ``carried`` from an
    earlier sentence means its paragraph-scope as_of where the sentence scope
    has none. ``carried`` where the extractor has none (a 截至 later in the
    same sentence), ``implied``, ``period`` and ``undated`` rows must not fall
    under a 截至 date.
    """
    sentence = None if pd.isna(in_sentence) else str(in_sentence)
    paragraph = None if pd.isna(in_paragraph) else str(in_paragraph)
    as_of = None if pd.isna(row.as_of) else row.as_of
    if sentence is not None:
        if row.as_of_basis != "stated" or as_of != sentence:
            return (
                f"截至 {sentence} governs {row.span!r} in its sentence, but the row has as_of "
                f"{as_of!r} ({row.as_of_basis})",
                f"as_of {sentence!r} with as_of_basis stated",
            )
    elif row.as_of_basis == "stated":
        return (
            f"as_of_basis stated, but no 截至 date precedes {row.span!r} in its sentence",
            "carried, implied, period or undated",
        )
    elif paragraph is not None and (row.as_of_basis != "carried" or as_of != paragraph):
        return (
            f"截至 {paragraph} in an earlier sentence governs {row.span!r}, but the row has "
            f"as_of {as_of!r} ({row.as_of_basis})",
            f"as_of {paragraph!r} with as_of_basis carried",
        )
    return None


def check_indicators(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check the indicators against themselves, the case texts and the extractor."""
    folder = _data_dir(data_dir)
    frame = read_table("indicators", folder)
    return indicator_problems(frame) + _extractor_problems(frame, folder)
