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

__all__ = ["TRANSLATION_NOTE", "check_raw_texts", "cite", "read_raw_text", "source"]

#: how the package's English translation must be cited: it is not the publisher's
TRANSLATION_NOTE = (
    "The English translation of the case texts (translation.csv, gba.load_translation) is an "
    "unofficial translation written for the gba package; it is not by the source's publisher "
    "and has no official standing. Quote the Chinese original."
)


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
    origin = _origin(folder)
    text = read_raw_text(folder / "raw" / origin["path"], f"raw/{origin['path']}")
    return {"origin": origin, "text": text}


_ORIGIN_KEYS = ("id", "path", "title_zh", "title_en", "issuer_zh", "issuer_en", "date_published")


def _origin(folder: Path) -> dict[str, Any]:
    """Read ``raw/origin.json``, with a clear error naming it if it is not a usable record."""
    try:
        origin = json.loads((folder / "raw" / "origin.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(
            f"cannot read the origin record: {err}",
            file="raw/origin.json",
            expected="a UTF-8 JSON object",
        ) from None
    if not isinstance(origin, dict):
        raise DataError("not a JSON object", file="raw/origin.json", expected="a JSON object")
    missing = [k for k in _ORIGIN_KEYS if not isinstance(origin.get(k), str)]
    if missing:
        raise DataError(
            "missing or not text",
            file="raw/origin.json",
            column=missing[0],
            expected=f"the text fields {', '.join(_ORIGIN_KEYS)}",
        )
    return origin


PACKAGE_TITLE = "gba: the Greater Bay Area rule-alignment typical cases as data"
"""The package's title, the same in ``cite()``, ``CITATION.cff`` and README."""
PACKAGE_RELEASED = "2026-12-01"
"""Release date of this version (``date-released`` in ``CITATION.cff``)."""


def cite(style: str = "text", data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return citations of the source document and of this package.

    Both citations are built from one record each (``data/raw/origin.json``
    and :data:`PACKAGE_TITLE`), so the titles agree everywhere.

    Parameters
    ----------
    style : {"text", "bibtex"}
        Plain text (one paragraph per work) or BibTeX ``@misc`` entries, which
        plain BibTeX and biblatex both accept.
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
    >>> bib = cite("bibtex")
    >>> "@misc{gba_office_2023_batch1" in bib and "year = {2023}" in bib
    True
    """
    if style not in ("text", "bibtex"):
        raise ValueError(f"unknown citation style {style!r}; expected 'text' or 'bibtex'")
    o = source(data_dir)["origin"]
    year = o["date_published"][:4]
    pkg_year = PACKAGE_RELEASED[:4]
    if style == "text":
        return (
            f"{o['issuer_zh']}. {o['title_zh']}[R]. 广州, {o['date_published']}. "
            f"[{o['issuer_en']}. {o['title_en']}. Guangzhou, {o['date_published']}.] "
            f"Report of the release: {o['url']}\n\n"
            f"gba developers ({pkg_year}). {PACKAGE_TITLE} (version {__version__}) "
            "[Python package and data set].\n\n"
            f"{TRANSLATION_NOTE}\n"
        )
    return (
        "@misc{gba_office_2023_batch1,\n"
        f"  author = {{{{{o['issuer_zh']}}}}},\n"
        f"  title = {{{o['title_zh']} [{o['title_en']}]}},\n"
        f"  year = {{{year}}},\n"
        f"  month = {{{int(o['date_published'][5:7])}}},\n"
        "  address = {Guangzhou},\n"
        "  howpublished = {Released at a press conference of the People's Government of "
        "Guangdong Province},\n"
        f"  url = {{{o['url']}}},\n"
        f"  note = {{Released {o['date_published']}; in Chinese. URL: report of the release}}\n"
        "}\n\n"
        "@misc{gba_package,\n"
        "  author = {{gba developers}},\n"
        f"  title = {{{PACKAGE_TITLE}}},\n"
        f"  year = {{{pkg_year}}},\n"
        f"  note = {{Python package and data set, version {__version__}. {TRANSLATION_NOTE}}}\n"
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
    origin = _origin(folder)
    by_id = sources.set_index("source_id")
    if origin["id"] in by_id.index:
        row = by_id.loc[origin["id"]]
        for field in ("title_zh", "title_en", "date_published", "url"):
            value = row[field]
            if field == "date_published" and not pd.isna(value):
                value = pd.Timestamp(value).strftime("%Y-%m-%d")
            if str(value) != str(origin.get(field)):
                raise DataError(
                    f"the origin record's {field} {origin.get(field)!r} differs from sources.csv",
                    file="sources.csv",
                    row=int(list(by_id.index).index(origin["id"])) + 1,
                    column=field,
                    expected=f"{origin.get(field)!r}, as in raw/origin.json (one title everywhere)",
                )
    recorded = by_id["sha256"].get(origin["id"])
    if recorded != origin["sha256"]:
        raise DataError(
            f"the origin record's sha256 differs from sources.csv for {origin['id']!r}",
            file="raw/origin.json",
            column="sha256",
            expected=f"{recorded}",
        )
    return []
