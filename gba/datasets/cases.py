"""Load the cases: curated metadata joined with the clean case text.

Examples
--------
>>> cases = load_cases()
>>> len(cases), cases.index.name
(20, 'case_id')
>>> cases.loc[2, "short_en"]
'GBA lawyers'
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.cleaning import RawCase, split_cases
from gba.datasets.provenance import read_raw_text
from gba.datasets.tables import read_table
from gba.errors import DataError
from gba.extract.script import check_script, converted_text, to_traditional

__all__ = ["UNIT_SEPARATORS", "check_cases", "clean_cases", "load_cases", "split_units"]

#: What separates the units of a joint submission in the source's 报送单位 field: it prints
#: 、 (case 7) and ， (case 4), and ``submitted_by_zh`` keeps each case's own form.
UNIT_SEPARATORS = "、，"


def split_units(submitted_by_zh: str) -> list[str]:
    """Split a ``submitted_by_zh`` field into its units, at 、 or ， as the source prints them.

    Examples
    --------
    >>> split_units("省人力资源社会保障厅，省税务局"), split_units("省港澳办、拱北海关")
    (['省人力资源社会保障厅', '省税务局'], ['省港澳办', '拱北海关'])
    """
    return re.split(f"[{UNIT_SEPARATORS}]", submitted_by_zh)


@lru_cache(maxsize=16)
def _split_cached(text: str, name: str) -> tuple[RawCase, ...]:
    # cached on the text itself: an edited raw file is always split again
    return tuple(split_cases(text, path=name))


def clean_cases(data_dir: str | os.PathLike[str] | None = None) -> dict[int, RawCase]:
    """Return every case of the dataset, cut and cleaned from its source text.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    dict
        ``{case_id: RawCase}``; ``RawCase.text_zh`` is the clean text that all
        offsets in the package refer to.

    Raises
    ------
    DataError
        If a case's batch has no source text, or its ``case_no`` is not in it.

    Examples
    --------
    >>> clean_cases()[7].title_zh
    '粤澳新通道（青茂口岸）实施“合作查验 一次放行”自助通关'
    """
    folder = _data_dir(data_dir)
    cases = read_table("cases", folder)
    sources = read_table("sources", folder)
    out: dict[int, RawCase] = {}
    splits: dict[str, tuple[RawCase, ...]] = {}
    path_of_batch: dict[int, object] = {}  # the path of each batch's first row in sources.csv
    for batch, path in zip(sources["batch"].tolist(), sources["path"].tolist(), strict=True):
        if not pd.isna(batch):
            path_of_batch.setdefault(batch, path)
    for row_no, case in enumerate(cases.itertuples(index=False), start=1):
        path_value = path_of_batch.get(case.batch, pd.NA)
        if pd.isna(path_value):
            raise DataError(
                f"batch {case.batch} has no source text",
                file="cases.csv",
                row=row_no,
                column="batch",
                expected="a batch whose row in sources.csv names a raw text in its 'path' column",
            )
        name = str(path_value)
        if name not in splits:  # each raw text is read once per call
            splits[name] = _split_cached(read_raw_text(folder / name, name), name)
        split = splits[name]
        by_no = {c.case_id: c for c in split}
        if case.case_no not in by_no:
            raise DataError(
                f"case_no {case.case_no} is not in {path_value} (it has cases 1-{len(split)})",
                file="cases.csv",
                row=row_no,
                column="case_no",
                expected=f"a case number between 1 and {len(split)}",
            )
        found = by_no[case.case_no]
        out[int(case.case_id)] = RawCase(
            int(case.case_id),
            found.title_zh,
            found.submitted_by_zh,
            found.text_zh,
            found.raw_offsets,
        )
        if case.title_zh != found.title_zh:
            raise DataError(
                f"title_zh {case.title_zh!r} differs from the source's 案例名称 {found.title_zh!r}",
                file="cases.csv",
                row=row_no,
                column="title_zh",
                expected="the title exactly as in the source text",
            )
        if case.submitted_by_zh != found.submitted_by_zh:
            raise DataError(
                f"submitted_by_zh {case.submitted_by_zh!r} differs from the source's 报送单位 "
                f"{found.submitted_by_zh!r}",
                file="cases.csv",
                row=row_no,
                column="submitted_by_zh",
                expected="the units exactly as in the source, with its separators (、 or ，)",
            )
        n_zh = len(split_units(case.submitted_by_zh))
        n_en = case.submitted_by_en.count("; ") + 1
        if n_zh != n_en:
            raise DataError(
                f"{n_zh} unit(s) in submitted_by_zh but {n_en} in submitted_by_en",
                file="cases.csv",
                row=row_no,
                column="submitted_by_en",
                expected=f"{n_zh} English name(s) separated by '; '",
            )
    return out


def load_cases(
    data_dir: str | os.PathLike[str] | None = None, script: str = "simplified"
) -> pd.DataFrame:
    """Load the cases, one row per case, with their clean Chinese text.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: Chinese text in Hong Kong traditional script (OpenCC ``s2hk``)
        (titles, short labels, units, text; OpenCC keeps the length of every batch-1 text,
        so ``n_chars`` and all offsets are unchanged); see :mod:`gba.extract.script`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``case_id`` (``Int64``), sorted. Columns:

        ===============  ========  ==================================================
        column           dtype     meaning
        ===============  ========  ==================================================
        batch            Int64     batch of typical cases (1 = released 2023-04-06)
        case_no          Int64     number in its source document (案例一 = 1)
        title_zh         string    title (案例名称) exactly as in the source
        title_en         string    English title (official programme names)
        short_zh         string    short Chinese label for tables and figures
        short_en         string    short English label for tables and figures
        submitted_by_zh  string    submitting unit(s) (报送单位), split by 、 or ， as printed
        submitted_by_en  string    their English names, same order, separated by ``; ``
        n_units          Int64     number of submitting units
        text_zh          string    clean case text (see :mod:`gba.datasets.cleaning`)
        n_chars          Int64     length of ``text_zh`` in characters
        ===============  ========  ==================================================

        What a case is about is coded in the case features, not here: the
        typology (mode of alignment, who adjusts, scope, partner;
        ``gba.typology``) and ``gba.load_features(feature="domain")``.

    Raises
    ------
    DataError
        If a data file breaks its schema or disagrees with the source text; the
        message names the file, row, column and what was expected.

    Examples
    --------
    >>> cases = load_cases()
    >>> print(cases.loc[11, "title_en"])
    Cross-boundary Wealth Management Connect drives the two-way opening of financial markets
    >>> int(cases["n_units"].max())
    3
    """
    folder = _data_dir(data_dir)
    texts = clean_cases(folder)
    frame = read_table("cases", folder).set_index("case_id").sort_index()
    frame["n_units"] = frame["submitted_by_zh"].map(lambda s: len(split_units(s))).astype("Int64")
    frame["text_zh"] = pd.Series(
        [texts[int(i)].text_zh for i in frame.index], index=frame.index, dtype="string"
    )
    if check_script(script) == "traditional":
        for col in ("title_zh", "short_zh", "submitted_by_zh"):
            frame[col] = frame[col].map(to_traditional).astype("string")
        frame["text_zh"] = frame["text_zh"].map(converted_text).astype("string")
    frame["n_chars"] = frame["text_zh"].str.len().astype("Int64")
    return frame


def check_cases(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Cases agree with their source text (titles, units, case numbers)."""
    folder = _data_dir(data_dir)
    clean_cases(folder)
    return []
