"""Later observations: figures from documents other than the case collections, and series.

A *later observation* is a row of ``indicators.csv`` whose ``source_id`` is
not its case's own batch document: a dated figure for a batch-1 programme
from a press release, a LegCo reply, a government work report or a news
report (see ``docs/later_observations.md`` for what was searched and what
could not be confirmed). The package does not ship those texts, so such a row
carries the shortest verbatim phrase stating the figure (``span``, at most
:data:`MAX_SPAN` characters) instead of offsets, and its document in
``sources.csv`` carries a URL and a ``source_type``.

Rows with the same ``case_id``, ``name_en`` and ``unit`` observe one quantity
(a *series*, :data:`SERIES_KEY`), whatever document they come from. The
checks here (run by ``python -m gba validate``):

- :func:`later_observation_problems`: each later row's document has a URL;
  its phrase is short and :func:`gba.parse_quantity` reads it as the row's
  value (and its qualifier, unless the qualifier word stands outside the
  shortest phrase: then ``note`` says where it comes from); its date is not
  after its document's publication; it has no offsets; it continues a
  series of its case (same ``name_en`` as a case-collection row) or its
  ``note`` starts ``new measure (`` and says what it measures;
- :func:`series_problems`: a cumulative quantity never decreases over time,
  and two rows of one series on the same date (or, for flows, the same
  period) agree. Either is a data problem: resolve it, or record it by
  starting the ``note`` of the row you set aside with ``set aside (`` and the
  reason: a set-aside row stays in the data (traceable) but leaves its series.

Examples
--------
>>> from gba.datasets.indicators import load_indicators
>>> ind = load_indicators()
>>> later = ind[later_rows(ind)]
>>> int(later.loc["c02_gba_lawyers_certified_2025_12_05", "value"])
630
>>> later.loc["c02_gba_lawyers_certified_2025_12_05", "span"]
'超过630名'
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.spans import own_source_rows
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = [
    "MAX_SPAN",
    "NEW_MEASURE",
    "SERIES_KEY",
    "SET_ASIDE",
    "check_observations",
    "later_observation_problems",
    "later_rows",
    "series",
    "series_problems",
]

_FILE = "indicators.csv"

#: the longest phrase of a third-party document a row may carry
MAX_SPAN = 40
#: a later row that starts a series of its own says so at the start of its note
NEW_MEASURE = "new measure ("
#: a row taken out of its series (a conflict recorded, not silently dropped)
SET_ASIDE = "set aside ("
#: rows with equal values in these columns observe one quantity
SERIES_KEY = ("case_id", "name_en", "unit")


def later_rows(
    indicators: pd.DataFrame, data_dir: str | os.PathLike[str] | None = None
) -> pd.Series:
    """Boolean mask of the rows taken from documents other than their case collection.

    Parameters
    ----------
    indicators : pandas.DataFrame
        :func:`gba.load_indicators` (indexed by ``indicator_id``) or the raw table.
    data_dir : path-like, optional
        The data folder (default: the package's data).

    Returns
    -------
    pandas.Series of bool, aligned with ``indicators``.
    """
    own = own_source_rows(indicators, data_dir)
    return ~pd.Series(own.to_numpy(), index=indicators.index)


def _set_aside(note: Any) -> bool:
    return isinstance(note, str) and note.startswith(SET_ASIDE)


def series(indicators: pd.DataFrame) -> list[pd.DataFrame]:
    """Return the series of dated observations, each sorted by date.

    A series is the rows with equal :data:`SERIES_KEY`, at least two of them,
    leaving out rows set aside (``note`` starting ``set aside (``). Stocks and
    cumulative totals are dated by ``as_of``; flows by the end of their
    ``period`` (a flow series compares like periods: rows of a series should
    cover periods of equal length). Each frame gains ``when`` (the day the
    row refers to) and keeps the index of ``indicators``.

    Examples
    --------
    >>> from gba.datasets.indicators import load_indicators
    >>> lawyers = [s for s in series(load_indicators()) if 2 in set(s["case_id"])][0]
    >>> [int(v) for v in lawyers["value"]]
    [224, 341, 372, 580, 630]
    """
    rows = indicators[~indicators["note"].map(_set_aside)]
    stock = rows["measure"].isin(["stock", "cumulative"]) & rows["as_of"].notna()
    flow = (rows["measure"] == "flow") & rows["period"].notna()
    observed = rows[stock | flow]
    # the rows of each key, in file order; the keys sorted, as groupby(sort=True) gives them
    # (a key with a missing part is no series, as groupby drops it)
    positions: dict[tuple[Any, ...], list[int]] = {}
    cells = zip(*(observed[c].tolist() for c in SERIES_KEY), strict=True)
    for pos, key in enumerate(cells):
        if not any(pd.isna(k) for k in key):
            positions.setdefault(key, []).append(pos)
    when_cells = list(zip(*(observed[c].tolist() for c in _WHEN_COLUMNS), strict=True))
    out = []
    for key in sorted(positions):
        if len(positions[key]) < 2:
            continue
        where = np.asarray(positions[key])
        when = pd.Series(
            [_when(dict(zip(_WHEN_COLUMNS, when_cells[p], strict=True))) for p in where],
            index=observed.index[where],
        )
        dated = when.notna().to_numpy()  # a date off the calendar is reported by the row checks
        if dated.sum() >= 2:
            when = when[dated]
            order = np.argsort(when.to_numpy(), kind="stable")  # as sort_values(kind="stable")
            out.append(observed.iloc[where[dated][order]].assign(when=when.iloc[order]))
    return out


#: the cells :func:`_when` reads
_WHEN_COLUMNS = ("measure", "period", "as_of", "as_of_precision")


def _when(row: Any) -> pd.Timestamp | None:
    from gba.analysis.growth import period_end

    try:
        if row["measure"] == "flow":
            return period_end(str(row["period"]).split("/")[-1])
        return period_end(row["as_of"], row["as_of_precision"])
    except ValueError:
        return None


def _bounds(row: Any) -> tuple[float, float]:
    v = float(row["value"])
    q = row["qualifier"]
    if q == "range":
        return v, float(row["value_high"])
    if q == "lower":
        return v, float("inf")
    if q == "upper":
        return float("-inf"), v
    return v, v


def series_problems(indicators: pd.DataFrame) -> list[DataError]:
    """Return the series that decrease where they cannot, or disagree on one date.

    A cumulative quantity decreases when a later row's highest possible value
    is below an earlier row's lowest (``超过580名`` then ``超过630名`` is fine;
    ``372`` then ``341`` is not). Two rows of one series on one date (for flows,
    one period) must describe the same number: their bounds must overlap.
    ``approx`` values are taken as stated.

    Parameters
    ----------
    indicators : pandas.DataFrame
        :func:`gba.load_indicators` (indexed by ``indicator_id``).

    Returns
    -------
    list of DataError, naming both rows.

    Examples
    --------
    >>> from gba.datasets.indicators import load_indicators
    >>> series_problems(load_indicators())
    []
    """
    position = {iid: pos for pos, iid in enumerate(indicators.index, start=1)}
    problems = []
    dated = indicators[indicators["as_of"].notna() | (indicators["measure"] == "flow")]
    for iid, row in dated.iterrows():
        if _when(row) is None:
            what = row["period"] if row["measure"] == "flow" else row["as_of"]
            problems.append(
                DataError(
                    f"{iid}: not a date of the calendar: {what!r}, so its series cannot be ordered",
                    file=_FILE,
                    row=position[iid],
                    column="period" if row["measure"] == "flow" else "as_of",
                    expected="a date of the calendar written to its precision",
                )
            )
    for s in series(indicators):
        ids = list(s.index)
        rows = {iid: s.loc[iid] for iid in ids}  # each row looked up once
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                ra, rb = rows[a], rows[b]
                (alo, ahi), (blo, bhi) = _bounds(ra), _bounds(rb)
                same_date = ra["when"] == rb["when"]
                if same_date and (bhi < alo or ahi < blo):
                    problems.append(
                        DataError(
                            f"{a} ({ra['source_id']}) and {b} ({rb['source_id']}) disagree on "
                            f"{rb['when'].date()}: {ra['value']:g} against {rb['value']:g}",
                            file=_FILE,
                            row=position[b],
                            column="value",
                            expected="one figure per date; resolve it, or record the conflict "
                            f"by starting the note of the row you set aside with {SET_ASIDE!r}",
                        )
                    )
                elif not same_date and ra["measure"] == "cumulative" and bhi < alo:
                    problems.append(
                        DataError(
                            f"the cumulative {ra['name_en']!r} falls from {ra['value']:g} "
                            f"({a}, {ra['when'].date()}) to {rb['value']:g} "
                            f"({b}, {rb['when'].date()})",
                            file=_FILE,
                            row=position[b],
                            column="value",
                            expected="a running total that never decreases; resolve it, or "
                            f"record the conflict with a note starting {SET_ASIDE!r}",
                        )
                    )
    return problems


def later_observation_problems(
    frame: pd.DataFrame, data_dir: str | os.PathLike[str] | None = None
) -> list[DataError]:
    """Check the rows taken from documents other than the case collections.

    Parameters
    ----------
    frame : pandas.DataFrame
        The indicators as read by ``read_table("indicators")`` (``indicator_id`` a column).
    data_dir : path-like, optional
        The data folder (default: the package's data).

    Returns
    -------
    list of DataError, each naming the row and column.
    """
    from gba.extract.quantities import parse_quantity

    folder = _data_dir(data_dir)
    sources = read_table("sources", folder, check_foreign_keys=False).set_index("source_id")
    later = later_rows(frame, folder).to_numpy()
    curated_names = set(
        zip(frame.loc[~later, "case_id"], frame.loc[~later, "name_en"], strict=True)
    )
    problems: list[DataError] = []
    source_rows: dict[Any, pd.Series] = {}

    def bad(pos: int, column: str, message: str, expected: str) -> None:
        problems.append(DataError(message, file=_FILE, row=pos, column=column, expected=expected))

    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        has_offsets = not (pd.isna(row.start) and pd.isna(row.end))
        if not later[pos - 1]:
            if pd.isna(row.start) or pd.isna(row.end):
                bad(pos, "start", "a row from a case collection without offsets", "start and end")
            continue
        where = f"{row.indicator_id}: "
        if has_offsets:
            bad(
                pos,
                "start",
                where + f"offsets on a row from {row.source_id}, whose text is not shipped",
                "empty start and end",
            )
        if row.source_id not in source_rows:  # each document's row looked up once
            source_rows[row.source_id] = sources.loc[row.source_id]
        src = source_rows[row.source_id]
        if pd.isna(src["url"]):
            bad(pos, "source_id", where + f"{row.source_id} has no URL", "a URL in sources.csv")
        if len(row.span) > MAX_SPAN:
            bad(
                pos,
                "span",
                where + f"a phrase of {len(row.span)} characters",
                f"the shortest phrase stating the figure, at most {MAX_SPAN} characters",
            )
        note = "" if pd.isna(row.note) else str(row.note)
        try:
            q = parse_quantity(row.span)
        except ValueError as err:
            bad(pos, "span", where + str(err), "a phrase gba.parse_quantity reads")
        else:
            high = None if q.value_high is None else float(q.value_high)
            want_high = None if pd.isna(row.value_high) else float(row.value_high)
            if float(q.value) != float(row.value) or high != want_high:
                bad(
                    pos,
                    "value",
                    where + f"parse_quantity({row.span!r}) gives {q.value}, the row has "
                    f"{row.value:g}",
                    "the value the phrase states, in base units",
                )
            if q.qualifier != row.qualifier and not (q.qualifier == "exact" and note):
                bad(
                    pos,
                    "qualifier",
                    where + f"parse_quantity({row.span!r}) gives {q.qualifier}, the row has "
                    f"{row.qualifier}",
                    "the phrase's qualifier, or a note saying where the qualifier word stands",
                )
            if q.unit and q.unit != row.unit_zh:
                bad(
                    pos,
                    "unit_zh",
                    where + f"the phrase's unit {q.unit!r} is not the row's {row.unit_zh!r}",
                    "the unit as written in the phrase",
                )
        if not pd.isna(row.as_of):
            try:  # the first day the date can stand for
                begins = pd.Timestamp(str(row.as_of)[:10])
            except ValueError:  # off the calendar: reported by the indicators' own check
                begins = pd.NaT
            published = pd.Timestamp(src["date_published"])
            if not pd.isna(begins) and begins > published:
                bad(
                    pos,
                    "as_of",
                    where + f"as of {row.as_of}, after its document's date {published.date()}",
                    "a date no later than the publication",
                )
        if (row.case_id, row.name_en) not in curated_names and not note.startswith(NEW_MEASURE):
            bad(
                pos,
                "name_en",
                where + f"{row.name_en!r} names no quantity of case {row.case_id}'s collection",
                "the name_en of the indicator it continues, or a note starting "
                f"{NEW_MEASURE!r} that says what the new measure counts",
            )
    return problems


def check_observations(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check the later observations and every series (one entry of :data:`gba.checks.CHECKS`)."""
    from gba.datasets.indicators import load_indicators

    folder = _data_dir(data_dir)
    frame = read_table("indicators", folder)
    problems = later_observation_problems(frame, folder)
    return problems + series_problems(load_indicators(folder))
