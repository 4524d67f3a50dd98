"""The source document and how to cite it and this package (``gba.source``, ``gba.cite``).

The module is not called ``source`` so that importing it never hides the function
``gba.source``.

Examples
--------
>>> src = source()
>>> src["origin"]["date_published"], src["origin"]["n_cases"]
('2023-04-06', 20)
>>> src["text"].lstrip().startswith("案例一")
True
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from gba import __version__
from gba._paths import data_dir as _data_dir
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = ["check_raw_texts", "cite", "read_raw_text", "source"]


def read_raw_text(path: Path, name: str | None = None) -> str:
    """Read a raw source text file as UTF-8, with a clear error if it is not.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    name : str, optional
        The name used in error messages (default: the file name).

    Returns
    -------
    str
    """
    name = name or path.name
    if not path.is_file():
        raise DataError("file not found", file=name, expected=f"the raw source text at {path}")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            f"byte {err.start} is not valid UTF-8 ({err.reason})",
            file=name,
            row=raw[: err.start].count(b"\n") + 1,
            expected="UTF-8 text",
        ) from None


def source(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return the origin record of the source document and its raw text.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    dict
        ``{"origin": dict, "text": str}``: the record in ``data/raw/origin.json``
        (title and issuer in Chinese and English, release date, batch, how the
        text was obtained, sha256, licence) and the raw text, unmodified.

    Raises
    ------
    DataError
        If the origin record or the raw text cannot be read.

    Examples
    --------
    >>> src = source()
    >>> src["origin"]["issuer_en"].endswith("(Guangdong GBA Office)")
    True
    >>> len(src["origin"]["sha256"])
    64
    """
    folder = _data_dir(data_dir)
    path = folder / "raw" / "origin.json"
    try:
        origin = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(
            f"cannot read the origin record: {err}",
            file="raw/origin.json",
            expected="a UTF-8 JSON object",
        ) from None
    text = read_raw_text(folder / "raw" / origin["path"], f"raw/{origin['path']}")
    return {"origin": origin, "text": text}


def cite(style: str = "text", data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return citations of the source document and of this package.

    Parameters
    ----------
    style : {"text", "bibtex"}
        Plain text (one paragraph per work) or BibTeX entries.
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For an unknown style.

    Examples
    --------
    >>> print(cite().splitlines()[0][:20])
    广东省推进粤港澳大湾区建设领导小组办公室
    >>> "@misc{gba_office_2023_batch1" in cite("bibtex")
    True
    """
    if style not in ("text", "bibtex"):
        raise ValueError(f"unknown citation style {style!r}; expected 'text' or 'bibtex'")
    o = source(data_dir)["origin"]
    year = o["date_published"][:4]
    if style == "text":
        return (
            f"{o['citation']}\n\n"
            f"gba developers. gba: the Greater Bay Area rule-alignment typical cases as data "
            f"(version {__version__}) [Python package and data set].\n"
        )
    return (
        "@misc{gba_office_2023_batch1,\n"
        f"  author = {{{{{o['issuer_zh']}}}}},\n"
        f"  title = {{{o['title_zh']} [{o['title_en']}]}},\n"
        f"  year = {{{year}}},\n"
        f"  date = {{{o['date_published']}}},\n"
        "  address = {Guangzhou},\n"
        "  language = {chinese},\n"
        "  note = {Released at a press conference of the People's Government of Guangdong "
        "Province}\n"
        "}\n\n"
        "@software{gba_package,\n"
        "  author = {{gba developers}},\n"
        "  title = {gba: the Greater Bay Area rule-alignment typical cases as data},\n"
        f"  version = {{{__version__}}},\n"
        "}\n"
    )


def check_raw_texts(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check every raw source text against the sha256 recorded in ``sources.csv``.

    Raw texts are never edited; the origin record must agree with ``sources.csv``. Raises
    :class:`~gba.errors.DataError` for the first difference.
    """
    folder = _data_dir(data_dir)
    sources = read_table("sources", folder, check_foreign_keys=False)
    for row_no, src in enumerate(sources.itertuples(index=False), start=1):
        if pd.isna(src.path):
            continue
        if pd.isna(src.sha256):
            raise DataError(
                "a source with a raw text has no sha256",
                file="sources.csv",
                row=row_no,
                column="sha256",
                expected=f"the sha256 of data/{src.path}",
            )
        raw = folder / src.path
        if not raw.is_file():
            raise DataError(
                "the raw text does not exist",
                file="sources.csv",
                row=row_no,
                column="path",
                expected=f"a file at data/{src.path}",
            )
        digest = hashlib.sha256(raw.read_bytes()).hexdigest()
        if digest != src.sha256:
            raise DataError(
                f"sha256 {digest} differs from the one recorded in sources.csv row {row_no}",
                file=str(src.path),
                column="sha256",
                expected=f"{src.sha256} (a raw text must never be edited)",
            )
    origin = json.loads((folder / "raw" / "origin.json").read_text(encoding="utf-8"))
    recorded = sources.set_index("source_id")["sha256"].get(origin["id"])
    if recorded != origin["sha256"]:
        raise DataError(
            f"the origin record's sha256 differs from sources.csv for {origin['id']!r}",
            file="raw/origin.json",
            column="sha256",
            expected=f"{recorded}",
        )
    return []
