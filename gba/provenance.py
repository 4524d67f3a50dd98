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

import json
import os
from typing import Any

from gba import __version__
from gba._paths import data_dir as _data_dir
from gba.cases import read_raw_text
from gba.errors import DataError

__all__ = ["TRANSLATION_NOTE", "cite", "source"]

#: how the package's English translation must be cited: it is not the publisher's
TRANSLATION_NOTE = (
    "The English translation of the case texts (translation.csv, gba.load_translation) is an "
    "unofficial translation written for the gba package; it is not by the source's publisher "
    "and has no official standing. Quote the Chinese original."
)


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
            f"(version {__version__}) [Python package and data set].\n\n"
            f"{TRANSLATION_NOTE}\n"
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
        f"  note = {{{TRANSLATION_NOTE}}},\n"
        "}\n"
    )
