"""Rows that say one thing twice: one span counted as two rows, one measure in two units.

A copied row with a new id but the same span and offsets would count the
same words twice; validate refuses it unless the data says why. Two rows of
``indicators.csv`` may share a span only when one is a part of the other
(``part_of``); two rows of ``events.csv`` may share a date span only when they
date events of different kinds (one date in a sentence that reports two
things). Within a case, the observations of one measure (``name_en``) must
have one unit, so a unit swapped in one observation shows.

What no check can see: a unit swapped for another unit that the same Chinese
counter allows (``家``: ``enterprise`` or ``institution``) in a measure with a
single observation; the name says what is counted, and only a reader can tell
whether it names enterprises.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"indicator_id": ["a", "b"], "source_id": ["s", "s"], "case_id": [1, 1],
...                      "start": [3, 3], "end": [6, 6], "span": ["12家", "12家"],
...                      "part_of": [None, None]})
>>> print(shared_span_problems(rows, "indicators.csv", "indicator_id")[0].message)
the same words '12家' (offsets 3-6) are already row 1 (a)
>>> rows.loc[1, "part_of"] = "a"
>>> shared_span_problems(rows, "indicators.csv", "indicator_id")
[]
"""

from __future__ import annotations

import os

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = ["check_duplicates", "shared_span_problems", "unit_problems"]


def shared_span_problems(
    rows: pd.DataFrame, fname: str, id_column: str, *, allowed_by: str = "part_of"
) -> list[DataError]:
    """Return a problem for each row whose span and offsets repeat an earlier row's.

    ``allowed_by`` names the column that says why two rows share words: for
    ``part_of`` the later row must name the earlier one (or the reverse); for
    ``kind`` the two rows must differ in it.
    """
    problems = []
    seen: dict[tuple, int] = {}
    for pos, row in enumerate(rows.itertuples(index=False), start=0):
        key = (row.source_id, row.case_id, row.start, row.end)
        if any(pd.isna(k) for k in key):
            continue
        if key not in seen:
            seen[key] = pos
            continue
        first = rows.iloc[seen[key]]
        this = rows.iloc[pos]
        if allowed_by == "part_of":
            why = _same(this["part_of"], first[id_column]) or _same(
                first["part_of"], this[id_column]
            )
        else:
            why = not _same(this[allowed_by], first[allowed_by])
        if not why:
            problems.append(
                DataError(
                    f"the same words {this['span']!r} (offsets {this['start']}-{this['end']}) "
                    f"are already row {seen[key] + 1} ({first[id_column]})",
                    file=fname,
                    row=pos + 1,
                    column="span",
                    expected=(
                        "one row per stated quantity; a second row for the same words only as "
                        "a part of the other (part_of)"
                        if allowed_by == "part_of"
                        else "one row per dated event; two rows share a date only for events "
                        "of different kinds"
                    ),
                )
            )
    return problems


def _same(a: object, b: object) -> bool:
    return not pd.isna(a) and not pd.isna(b) and bool(a == b)


def unit_problems(rows: pd.DataFrame, fname: str) -> list[DataError]:
    """Return a problem for each observation of a measure whose unit differs from its first."""
    problems = []
    first: dict[tuple, tuple[int, str]] = {}
    for pos, row in enumerate(rows.itertuples(index=False), start=1):
        key = (row.case_id, row.name_en)
        if key not in first:
            first[key] = (pos, row.unit)
        elif row.unit != first[key][1]:
            problems.append(
                DataError(
                    f"unit {row.unit!r}, but row {first[key][0]} gives {row.name_en!r} "
                    f"of case {row.case_id} in {first[key][1]!r}",
                    file=fname,
                    row=pos,
                    column="unit",
                    expected="one unit for every observation of a measure",
                )
            )
    return problems


def check_duplicates(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """No span counted twice by accident; one unit per measure."""
    folder = _data_dir(data_dir)
    indicators = read_table("indicators", folder, check_foreign_keys=False)
    events = read_table("events", folder, check_foreign_keys=False)
    return [
        *shared_span_problems(indicators, "indicators.csv", "indicator_id"),
        *shared_span_problems(events, "events.csv", "event_id", allowed_by="kind"),
        *unit_problems(indicators, "indicators.csv"),
    ]
