"""Load the events: every date the sources state, milestones and reference dates.

``data/events.csv`` is curated by hand: one row per dated milestone (a launch,
a first transfer, a rule issued, an approval, a bond issue) and per reference
date of the stated quantities (``kind`` ``as_of``, ``baseline`` or
``period``), with the verbatim date expression at its offsets in the clean
case text. ``python -m gba validate`` checks it both ways against
:func:`gba.extract_dates`: every stated row's span is found there at its
offsets with the same date and precision, and every date found there is a row
or is listed in ``quantity_exclusions.csv``. Dates keep the precision they are
stated with (``2023年2月`` is 2023-02, ``2022年底`` is 2022-12-31 with
precision ``year_end``, ``2021年9月8日下午3时`` is 2021-09-08T15:00).

Examples
--------
>>> ev = load_events()
>>> ev.loc["c03_first_transfer", ["date", "precision", "kind"]].tolist()
['2019-07-30', 'day', 'first']
"""

from __future__ import annotations

import os
from pathlib import Path

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
from gba.errors import DataError

__all__ = ["MILESTONE_KINDS", "check_events", "event_problems", "load_events"]

_FILE = "events.csv"

#: kinds that mark something happening (the others are reference dates of quantities)
MILESTONE_KINDS = ("launch", "first", "rule_issued", "approval", "issuance", "milestone")


def load_events(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load every stated date, one row per milestone or reference date.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``event_id`` (``string``), in file order (by case, then
        position in the text). Columns:

        ==========  ======  ==============================================================
        column      dtype   meaning
        ==========  ======  ==============================================================
        case_id     Int64   the case the date is stated in (``cases.csv``)
        source_id   string  the document it is stated in (``sources.csv``)
        date        string  ISO 8601 to its precision: 2019-07-30, 2023-02, 2021, 2022-12-31
        precision   string  year, month, day, hour, year_end (年底) … as gba.extract_dates
        date_basis  string  stated (the span is the date) or implied (computed, see note)
        kind        string  launch, first, rule_issued, approval, issuance, milestone, as_of, …
        event_zh    string  short description in Chinese, close to the source
        event_en    string  short description in English
        span        string  the date expression verbatim from the clean case text
        start       Int64   offset of the span in the clean case text
        end         Int64   offset just past the span
        note        string  time of day, how a date is implied, repeated mentions
        ==========  ======  ==============================================================

        ``kind`` values ``as_of``, ``baseline`` and ``period`` are reference
        dates of quantities, not milestones (:data:`MILESTONE_KINDS` lists the
        others); the vocabularies are defined in ``data/datapackage.json``.

    Raises
    ------
    DataError
        If the file breaks its schema (types, vocabularies, keys, foreign keys
        to cases and sources).

    Examples
    --------
    >>> ev = load_events()
    >>> ev.loc["c07_port_opened", ["span", "date"]].tolist()
    ['2021年9月8日下午3时', '2021-09-08T15:00']
    >>> sorted(ev.loc[ev["kind"] == "launch", "date"])
    ['2021-09-08T15:00', '2022-03-29']
    """
    return read_table("events", data_dir).set_index("event_id")


def event_problems(frame: pd.DataFrame) -> list[DataError]:
    """Return the rows whose columns disagree with each other.

    Checks that ``date`` is written with its ``precision``, that an
    ``event_id`` starts with its case (``c07_``), and that an implied date
    explains itself in ``note``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read by ``read_table("events")``.

    Returns
    -------
    list of DataError
    """
    problems = []
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        why = date_problem(row.date, row.precision)
        if why:
            problems.append(
                DataError(
                    why,
                    file=_FILE,
                    row=pos,
                    column="date",
                    expected=f"a calendar date written {PRECISION_PATTERN[row.precision]}",
                )
            )
        prefix = f"c{int(row.case_id):02d}_"
        if not row.event_id.startswith(prefix):
            problems.append(
                DataError(
                    f"{row.event_id!r}",
                    file=_FILE,
                    row=pos,
                    column="event_id",
                    expected=f"an id starting with {prefix!r}",
                )
            )
        if row.date_basis == "implied" and pd.isna(row.note):
            problems.append(
                DataError(
                    "an implied date without a note",
                    file=_FILE,
                    row=pos,
                    column="note",
                    expected="how the date is implied",
                )
            )
    return problems


def _extractor_problems(frame: pd.DataFrame, folder: Path) -> list[DataError]:
    """Both-way checks against :func:`gba.extract_dates`."""
    from gba.extract.dates import extract_dates

    problems: list[DataError] = []
    texts = case_texts(folder)
    own = own_source_rows(frame, folder)
    problems += span_problems(frame, texts, _FILE, only=own)
    dates = curated_matches(texts, extract_dates, folder)
    by_key = by_offsets(dates)
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        if not own.iloc[pos - 1] or row.date_basis != "stated":
            continue
        hit = by_key.get((int(row.case_id), int(row.start), int(row.end)))
        if hit is None:
            problems.append(
                DataError(
                    f"extract_dates finds no date {row.span!r} at {row.start}-{row.end} "
                    f"in case {row.case_id}",
                    file=_FILE,
                    row=pos,
                    column="span",
                    expected="the extractor to find every stated date at its offsets",
                )
            )
            continue
        for column, got in (("date", hit.date), ("precision", hit.precision)):
            if got != getattr(row, column):
                problems.append(
                    DataError(
                        f"extract_dates reads {row.span!r} as {column} {got!r}, the row has "
                        f"{getattr(row, column)!r}",
                        file=_FILE,
                        row=pos,
                        column=column,
                        expected="the row and the extractor to agree (fix whichever is wrong)",
                    )
                )
    mine = frame[own]
    problems += coverage_problems(
        dates,
        zip(mine["case_id"], mine["start"], mine["end"], strict=True),
        load_quantity_exclusions(folder),
        _FILE,
    )
    return problems


def check_events(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check the events against themselves, the case texts and the extractor."""
    folder = _data_dir(data_dir)
    frame = read_table("events", folder)
    return event_problems(frame) + _extractor_problems(frame, folder)
