"""Check that curated rows quote the clean case text verbatim, and cover the extractor's matches.

A coder adding a row finds its offsets with :func:`locate_span`.

Every curated row of ``indicators.csv`` and ``events.csv`` carries a ``span``
and its ``start``/``end`` offsets into the clean case text
(``gba.load_cases().loc[case_id, "text_zh"]``), as does every judgement row of
``case_features.csv`` (its ``evidence``). :func:`span_problems` checks
``text[start:end] == span`` for each row. :func:`coverage_problems` checks the
other direction: every match the extractor reports in a case text is a
curated row (same case, start and end) or is listed with a reason in
``quantity_exclusions.csv``.

Only rows whose ``source_id`` is the case's own batch document are checked
against the case text; observations taken from other documents (later
statistics, news) refer to texts the package does not ship. The coverage
check applies to the cases of *curated* documents: a case collection counts
as curated once any row of ``indicators.csv`` or ``events.csv`` cites it
(:func:`curated_case_ids`), so a newly added batch validates before its
quantities are curated, and must be complete from its first curated row on.

Examples
--------
>>> import pandas as pd
>>> texts = {1: "共有12家"}
>>> rows = pd.DataFrame({"case_id": [1], "span": ["12家"], "start": [2], "end": [5]})
>>> span_problems(rows, texts, "x.csv")
[]
>>> rows.loc[0, "start"] = 1
>>> err = span_problems(rows, texts, "x.csv")[0]
>>> err.row, err.column, err.message
(1, 'span', "'12家' is not the text at 1-5, which reads '有12家'")
>>> err.expected
"the span at its offsets; '12家' occurs at 2-5"
>>> span_problems(rows, texts, "x.csv", only=pd.Series([False]))
[]
>>> rows.loc[0, ["start", "end"]] = [4, 7]
>>> err = span_problems(rows, texts, "x.csv")[0]
>>> err.column, err.message
('start', "offsets 4-7 are outside case 1's text of 5 characters")
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from numbers import Integral
from typing import Any

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = [
    "PRECISION_PATTERN",
    "by_offsets",
    "case_texts",
    "coverage_problems",
    "curated_case_ids",
    "curated_matches",
    "date_problem",
    "locate_span",
    "own_source_rows",
    "span_problems",
]

#: how a date of each precision is written (ISO 8601, as :func:`gba.extract_dates` writes it)
PRECISION_PATTERN = {
    "year": r"\d{4}",
    "month": r"\d{4}-\d{2}",
    "day": r"\d{4}-\d{2}-\d{2}",
    "hour": r"\d{4}-\d{2}-\d{2}T\d{2}:00",
    "minute": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}",
    "year_start": r"\d{4}-01-01",
    "year_end": r"\d{4}-12-31",
    "month_start": r"\d{4}-\d{2}-01",
    "month_end": r"\d{4}-\d{2}-(28|29|30|31)",
    "quarter": r"\d{4}-Q[1-4]",
    "half": r"\d{4}-H[12]",
}


def date_problem(date: str, precision: str) -> str | None:
    """Return what is wrong with a date written to a precision, or None if nothing is.

    The date must be written as :data:`PRECISION_PATTERN` says for its
    precision, and name a day of the calendar.

    Examples
    --------
    >>> date_problem("2023-02", "month") is None
    True
    >>> date_problem("2023-02", "day")
    "'2023-02' does not have precision day"
    >>> date_problem("2023-02-30", "day")
    "'2023-02-30' is not a day of the calendar"
    """
    if not re.fullmatch(PRECISION_PATTERN[precision], date):
        return f"{date!r} does not have precision {precision}"
    if len(date) >= 10:
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError:
            return f"{date!r} is not a day of the calendar"
    return None


def case_texts(data_dir: str | os.PathLike[str] | None = None) -> dict[int, str]:
    """Return ``{case_id: clean case text}``, the text all offsets refer to.

    Examples
    --------
    >>> case_texts()[2][374:378]
    '224名'
    """
    from gba.datasets.cases import clean_cases

    return {int(k): v.text_zh for k, v in clean_cases(data_dir).items()}


def own_source_rows(
    frame: pd.DataFrame, data_dir: str | os.PathLike[str] | None = None
) -> pd.Series:
    """Boolean mask of the rows whose ``source_id`` is their case's batch document.

    Those rows quote the clean case text the package ships; rows from other
    documents are not checked against it.
    """
    folder = _data_dir(data_dir)
    cases = read_table("cases", folder, check_foreign_keys=False).set_index("case_id")
    sources = read_table("sources", folder, check_foreign_keys=False)
    source_of_batch = dict(zip(sources["batch"], sources["source_id"], strict=True))
    batch_of_case = dict(zip(cases.index, cases["batch"], strict=True))
    own = frame["case_id"].map(lambda c: source_of_batch.get(batch_of_case.get(c)))
    return (frame["source_id"] == own).fillna(False).astype(bool)


def curated_case_ids(data_dir: str | os.PathLike[str] | None = None) -> set[int]:
    """Return the cases whose batch document is cited by any indicator or event.

    The extractor's matches in these cases must all be curated or excluded.

    Examples
    --------
    >>> sorted(curated_case_ids())[:3], len(curated_case_ids())
    ([1, 2, 3], 20)
    """
    folder = _data_dir(data_dir)
    cited = set()
    for name in ("indicators", "events"):
        cited |= set(read_table(name, folder, check_foreign_keys=False)["source_id"])
    cases = read_table("cases", folder, check_foreign_keys=False)
    sources = read_table("sources", folder, check_foreign_keys=False)
    curated_batches = set(sources.loc[sources["source_id"].isin(cited), "batch"].dropna())
    return {
        int(c)
        for c, b in zip(cases["case_id"], cases["batch"], strict=True)
        if b in curated_batches
    }


def curated_matches(
    texts: Mapping[int, str],
    extract: Callable[[str], pd.DataFrame],
    data_dir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Return an extractor's matches in the texts of the curated cases (:func:`curated_case_ids`).

    Parameters
    ----------
    texts : mapping
        ``{case_id: clean case text}`` (:func:`case_texts`).
    extract : callable
        ``text -> DataFrame`` of matches with ``start`` and ``end`` columns, such
        as :func:`gba.extract_dates`.
    data_dir : path-like, optional
        The data folder (which cases are curated).

    Returns
    -------
    pandas.DataFrame
        The matches of every curated case, by case then position, with a
        ``case_id`` column added.

    Examples
    --------
    >>> from gba.extract.dates import extract_dates
    >>> found = curated_matches({1: "2021年和2022年", 2: "截至2023年2月"}, extract_dates)
    >>> found[["case_id", "text", "start", "end"]].to_numpy().tolist()
    [[1, '2021年', 0, 5], [1, '2022年', 6, 11], [2, '2023年2月', 2, 9]]
    """
    curated = curated_case_ids(data_dir)
    found = [
        extract(text).assign(case_id=case_id)
        for case_id, text in sorted(texts.items())
        if case_id in curated
    ]
    return pd.concat(found, ignore_index=True) if found else extract("").assign(case_id=0)


def by_offsets(found: pd.DataFrame) -> dict[tuple[int, int, int], Any]:
    """Index matches by ``(case_id, start, end)``; the values are the rows as namedtuples.

    Examples
    --------
    >>> found = pd.DataFrame({"case_id": [1], "start": [2], "end": [5], "text": ["12家"]})
    >>> by_offsets(found)[(1, 2, 5)].text
    '12家'
    """
    return {(int(r.case_id), int(r.start), int(r.end)): r for r in found.itertuples(index=False)}


def span_problems(
    frame: pd.DataFrame,
    texts: Mapping[int, str],
    file: str,
    *,
    only: pd.Series | None = None,
    column: str = "span",
) -> list[DataError]:
    """Return a problem for each row whose quoted span is not ``text[start:end]``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The whole table, rows in file order, with ``case_id``, ``start``,
        ``end`` and the quoted span in ``column``; row numbers in messages are
        ``position + 1`` (the table's data rows).
    texts : mapping
        ``{case_id: clean case text}``.
    file : str
        File name for the messages.
    only : pandas.Series of bool, optional
        Check only the rows marked True (e.g. :func:`own_source_rows`), aligned
        with ``frame`` by position; the row numbers stay those of the table.
    column : str, default "span"
        The column holding the quoted text (``"evidence"`` in
        ``case_features.csv``).

    Returns
    -------
    list of DataError
    """
    problems = []
    quoted = frame[column].tolist()
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        if only is not None and not only.iloc[pos - 1]:
            continue
        text = texts.get(int(row.case_id))
        if text is None:
            problems.append(
                DataError(
                    f"case {row.case_id} has no clean text",
                    file=file,
                    row=pos,
                    column="case_id",
                    expected="a case_id of cases.csv",
                )
            )
            continue
        span, start, end = quoted[pos - 1], int(row.start), int(row.end)
        if not 0 <= start < end <= len(text):
            problems.append(
                DataError(
                    f"offsets {start}-{end} are outside case {row.case_id}'s text of "
                    f"{len(text)} characters",
                    file=file,
                    row=pos,
                    column="start",
                    expected="0 <= start < end <= the length of the clean case text",
                )
            )
            continue
        found = text[start:end]
        if found != span:
            where = text.find(span)
            hint = (
                f"; {span!r} occurs at {where}-{where + len(span)}"
                if where >= 0
                else f"; {span!r} does not occur in case {row.case_id}"
            )
            problems.append(
                DataError(
                    f"{span!r} is not the text at {start}-{end}, which reads {found!r}",
                    file=file,
                    row=pos,
                    column=column,
                    expected="the span at its offsets" + hint,
                )
            )
    return problems


def coverage_problems(
    found: pd.DataFrame,
    curated: Iterable[tuple[int, int, int]],
    exclusions: pd.DataFrame,
    what: str,
) -> list[DataError]:
    """Return a problem for each extractor match that is neither curated nor excluded.

    Parameters
    ----------
    found : pandas.DataFrame
        The extractor's matches with ``case_id``, ``text``, ``start``, ``end``.
    curated : iterable of (case_id, start, end)
        Offsets of the curated rows.
    exclusions : pandas.DataFrame
        :func:`gba.load_quantity_exclusions`.
    what : str
        The curated file's name, for the message (e.g. ``"indicators.csv"``).

    Returns
    -------
    list of DataError

    Examples
    --------
    >>> found = pd.DataFrame({"case_id": [1, 1], "text": ["12家", "一是"],
    ...                       "start": [2, 9], "end": [5, 11]})
    >>> exc = pd.DataFrame({"case_id": [1], "span": ["一是"], "start": [9], "end": [11],
    ...                     "reason": ["enumerator"]})
    >>> [str(p) for p in coverage_problems(found, [(1, 2, 5)], exc, "x.csv")]
    []
    >>> print(coverage_problems(found, [], exc, "x.csv")[0].message)
    case 1: the extractor finds '12家' at 2-5, which is not a row
    """
    known = {(int(c), int(s), int(e)) for c, s, e in curated}
    known |= {
        (int(c), int(s), int(e))
        for c, s, e in zip(
            exclusions["case_id"], exclusions["start"], exclusions["end"], strict=True
        )
    }
    problems = []
    for row in found.itertuples(index=False):
        key = (int(row.case_id), int(row.start), int(row.end))
        if key not in known:
            problems.append(
                DataError(
                    f"case {row.case_id}: the extractor finds {row.text!r} at "
                    f"{row.start}-{row.end}, which is not a row",
                    file=what,
                    expected="a row with these offsets, or a line in quantity_exclusions.csv "
                    "with a reason",
                )
            )
    return problems


def locate_span(text: str, evidence: str, occurrence: int = 1) -> tuple[int, int]:
    """Return the ``(start, end)`` offsets of an evidence span in a text.

    A helper for coders adding rows to ``case_features.csv``.

    Parameters
    ----------
    text : str
        The clean case text.
    evidence : str
        The span, verbatim.
    occurrence : int, optional
        Which occurrence to locate when the span occurs more than once (1 = first).

    Returns
    -------
    tuple of int

    Raises
    ------
    ValueError
        If the span is empty, ``occurrence`` is less than 1, or the span does
        not occur that many times.

    Examples
    --------
    >>> text = "合作查验、一次放行。一次放行。"
    >>> locate_span(text, "一次放行")
    (5, 9)
    >>> locate_span(text, "一次放行", occurrence=2)
    (10, 14)
    """
    if not evidence:
        raise ValueError("the evidence span is empty (expected the text quoted verbatim)")
    if not isinstance(occurrence, Integral) or occurrence < 1:
        raise ValueError(f"occurrence must be a whole number from 1 up, not {occurrence!r}")
    start = -1
    for _ in range(occurrence):
        start = text.find(evidence, start + 1)
        if start < 0:
            found = text.count(evidence)
            raise ValueError(
                f"{evidence!r} occurs {found} time(s) in the text, not {occurrence}"
                if found
                else f"{evidence!r} is not in the text"
            )
    return start, start + len(evidence)
