"""Load the extractor matches that are deliberately not indicators or events.

``quantity_exclusions.csv`` lists, with a reason, each number or date the
extractor finds in a case text that is neither an indicator nor an event (an
enumerator such as 一是, a law's article number, ...). The coverage checks of
:mod:`gba.datasets.indicators` and :mod:`gba.datasets.events` read it.
"""

from __future__ import annotations

import os

import pandas as pd

from gba.datasets.tables import read_table

__all__ = ["load_quantity_exclusions"]


def load_quantity_exclusions(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the extractor matches that are deliberately not indicators or events.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).

    Returns
    -------
    pandas.DataFrame
        One row per excluded match, in file order. Columns:

        =======  ======  ===========================================
        column   dtype   meaning
        =======  ======  ===========================================
        case_id  Int64   the case (``cases.csv``)
        span     string  the extractor's match, verbatim
        start    Int64   offset of the match in the clean case text
        end      Int64   offset just past the match
        reason   string  why it is not an indicator or an event
        =======  ======  ===========================================

    Examples
    --------
    >>> exc = load_quantity_exclusions()
    >>> list(exc.columns)
    ['case_id', 'span', 'start', 'end', 'reason']
    """
    return read_table("quantity_exclusions", data_dir)
