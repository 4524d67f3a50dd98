"""Load the recipes of the derived measures: ``data/derived.csv``.

A recipe is one row: a measure id, its case, its *kind* (baseline, cagr,
share, ratio …) and the ids of the indicators and events it reads, with
names and labels in English and Chinese. The arithmetic of each kind lives in
:mod:`gba.analysis.kinds`; :func:`gba.derived_indicators` evaluates every row.
A new measure for a new case is a new row, not new code.

Examples
--------
>>> r = load_recipes()
>>> r.loc["c10_recognition_rate", "kind"]
'share'
>>> recipe_inputs(r.loc["c10_recognition_rate"])
['c10_persons_recognised', 'c10_persons_evaluated']
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from gba.datasets.tables import read_table

__all__ = ["INPUT_SEPARATOR", "load_recipes", "recipe_inputs"]

#: how the ``inputs`` column separates ids
INPUT_SEPARATOR = "; "


def load_recipes(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the recipes of the derived measures, one row per measure.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``derived_id`` (``string``), in file order. Columns:

        ========  ======  ==========================================================
        column    dtype   meaning
        ========  ======  ==========================================================
        case_id   Int64   the case whose quantities it uses (cases.csv)
        kind      string  how it is computed: baseline, cagr, share, ratio …
        inputs    string  indicator and event ids, separated by '; '
        name_en   string  what the measure is, in English
        name_zh   string  what the measure is, in Chinese
        label_en  string  short English label for tables and figures
        label_zh  string  short Chinese label for tables and figures
        note      string  how to read the value (added after the dates used)
        ========  ======  ==========================================================

    Examples
    --------
    >>> load_recipes().loc["c04_insured_end2019", "inputs"]
    'c04_insured_hkmo_residents; c04_insured_growth_since_2019'
    """
    return read_table("recipes", data_dir).set_index("derived_id")


def recipe_inputs(row: Any) -> list[str]:
    """Return a recipe's input ids as a list, in the order its kind reads them.

    Examples
    --------
    >>> recipe_inputs({"inputs": "a_1; b_2"})
    ['a_1', 'b_2']
    """
    return str(row["inputs"]).split(INPUT_SEPARATOR)
