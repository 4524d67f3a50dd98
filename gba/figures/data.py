"""The tidy table behind each figure (its source data), and subsets of cases.

Many journals ask for a source-data file for every figure: the numbers behind each
mark. Every registered figure function attaches the table it plots to the figure
it returns (:func:`attach_data`), one row per mark (bar, point, cell, marker), with
the ids that trace the row to ``data/indicators.csv`` (``indicator_id``),
``data/events.csv`` (``event_id``), ``data/case_features.csv`` (``case_id`` with
``feature`` and ``value``) or the derived measures (``derived_id``,
:func:`gba.derived_indicators`), and the bounds (``low``, ``high``) where a bound
is drawn. ``python -m gba figures`` writes it as ``<name>.data.csv``
(:func:`data_csv_bytes`: UTF-8, ``\\n`` line ends, ISO dates, no index), once per
figure whatever the label language: the table is language-independent (columns
such as ``label_en`` and ``label_zh`` carry both languages).

A figure that can be drawn for some of the cases (``register(..., subsets=True)``)
takes ``cases=`` and filters its table with :func:`select_cases`.

Examples
--------
>>> import gba.figures
>>> fig = gba.figures.draw("case_text_length", "en")
>>> table = figure_data(fig)
>>> len(table) == len(fig.axes[0].patches)
True
>>> data_file_name("case_text_length")
'case_text_length.data.csv'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "CaseSelectionError",
    "attach_data",
    "check_cases",
    "data_csv_bytes",
    "data_file_name",
    "figure_data",
    "select_cases",
]

_ATTR = "_gba_data"


class CaseSelectionError(ValueError):
    """A selection of cases that a figure cannot be drawn for (unknown case, no rows)."""


def data_file_name(name: str) -> str:
    """Return the file name of a figure's source data: ``<name>.data.csv``."""
    return f"{name}.data.csv"


def attach_data(fig: Figure, table: pd.DataFrame) -> Figure:
    """Attach the tidy table a figure plots (one row per mark) to the figure; return the figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    table : pandas.DataFrame
        Plain columns (the index is dropped when written), with ids back to the
        data files and no language-specific column names.

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.
    ValueError
        If it is empty or has duplicate column names.
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"attach_data needs a pandas.DataFrame, got {type(table).__name__}")
    if table.empty:
        raise ValueError("attach_data: the table is empty (a figure plots at least one mark)")
    if table.columns.duplicated().any():
        dup = table.columns[table.columns.duplicated()].tolist()
        raise ValueError(f"attach_data: duplicate column names {dup}")
    setattr(fig, _ATTR, table.reset_index(drop=True))
    return fig


def figure_data(fig: Figure) -> pd.DataFrame:
    """Return the table attached to a figure by :func:`attach_data`.

    Raises
    ------
    LookupError
        If the figure has none (its function does not call :func:`attach_data`).
    """
    table = getattr(fig, _ATTR, None)
    if table is None:
        raise LookupError(
            "this figure has no source data attached: its function must end with "
            "`return attach_data(fig, table)` (gba.figures.data)"
        )
    return table.copy()


def data_csv_bytes(table: pd.DataFrame) -> bytes:
    """Return a table as CSV bytes that do not change between runs.

    UTF-8 without BOM, ``\\n`` line ends, no index, dates as ``YYYY-MM-DD``,
    missing values as empty fields, floats in their shortest round-trip form.

    Examples
    --------
    >>> import pandas as pd
    >>> data_csv_bytes(pd.DataFrame({"case_id": [7], "value": [0.25]}))
    b'case_id,value\\n7,0.25\\n'
    """
    text = table.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return text.encode("utf-8")


def check_cases(cases: Iterable[int] | None) -> tuple[int, ...] | None:
    """Check a selection of case ids against :func:`gba.load_cases`; return them sorted.

    Raises
    ------
    ValueError
        If the selection is empty, not integers, or names a case that does not exist.

    Examples
    --------
    >>> check_cases([16, 11, 12, 11])
    (11, 12, 16)
    >>> check_cases([99])
    Traceback (most recent call last):
    ...
    ValueError: cases: no case 99; case ids are 1–20
    """
    if cases is None:
        return None
    from gba.datasets.cases import load_cases

    if isinstance(cases, str | bytes) or not isinstance(cases, Iterable):
        raise ValueError(f"cases must be a list of case ids (integers); got {cases!r}")
    ids = list(cases)
    if not ids:
        raise ValueError("cases: the selection is empty; give at least one case id")
    bad = [c for c in ids if isinstance(c, bool) or not isinstance(c, int)]
    if bad:
        raise ValueError(f"cases must be integers (case ids); got {bad[0]!r}")
    known = [int(c) for c in load_cases().index]
    missing = [c for c in ids if c not in known]
    if missing:
        raise ValueError(
            f"cases: no case {', '.join(map(str, missing))}; case ids are {min(known)}–{max(known)}"
        )
    return tuple(sorted(set(ids)))


def select_cases(
    table: pd.DataFrame, cases: Iterable[int] | None, *, column: str = "case_id", what: str = ""
) -> pd.DataFrame:
    """Keep the rows of ``table`` whose ``column`` is one of ``cases`` (all rows if None).

    Parameters
    ----------
    table : pandas.DataFrame
    cases : iterable of int, optional
        Case ids (checked with :func:`check_cases`).
    column : str
        The column (or index name) holding the case id.
    what : str
        What the rows are, for the error message (e.g. "stated levels or totals").

    Raises
    ------
    CaseSelectionError
        If a chosen case has no row in the table (the figure would have no mark for
        it); a subclass of ValueError.
    """
    chosen = check_cases(cases)
    if chosen is None:
        return table
    import pandas as pd

    source = table.index if column == table.index.name else table[column]
    ids = pd.Series(source, dtype="Int64").astype(int).tolist()
    absent = [c for c in chosen if c not in set(ids)]
    if absent:
        present = sorted(set(ids))
        raise CaseSelectionError(
            f"cases: case {', '.join(map(str, absent))} has no {what or 'rows'} in this figure; "
            f"cases with some: {', '.join(map(str, present))}"
        )
    return table[[c in chosen for c in ids]]
