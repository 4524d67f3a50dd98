"""One place for English names and unit words: the glossary.

``glossary.csv`` lists the recurring terms, programme names, places and bodies
of the cases, the codebook's labels, and the words for the indicators' unit
codes: each with its simplified and Hong Kong traditional form (OpenCC
``s2hk``), the English this package uses, other accepted grammatical forms,
forms to avoid (a second English name for the same thing), and the official
English name with its source (publisher, URL) or an empty official form when
none was found.

Notebooks, figures and tables take their English from here:
:func:`term_en` for a Chinese term, :func:`unit_words` for a unit code.

the check :func:`check_glossary` (run by ``python -m gba validate``) checks that the
traditional forms are OpenCC's; that every codebook label is in the glossary
with the codebook's English; and that the translation uses the glossary: every
sentence whose Chinese contains a term (of kind programme, place, body or
term; an occurrence overlapping a longer term's is that term's, so 湾区标准 is
not read inside 粤港澳大湾区标准化) contains its English or
one of its forms, and none of its forms to avoid, unless the row's ``note``
names the term with a reason.

Examples
--------
>>> term_en("跨境理财通")
'Cross-boundary Wealth Management Connect'
>>> unit_words("person_time")
'person-times'
>>> unit_words("CNY_per_year")
'yuan per year'
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.tables import read_table
from gba.errors import DataError
from gba.extract.script import to_traditional

__all__ = [
    "CHECKED_KINDS",
    "check_glossary",
    "load_glossary",
    "term_en",
    "unit_words",
]

#: kinds whose English the translation must use wherever the Chinese has the term
CHECKED_KINDS = ("programme", "place", "body", "term")
_FILE = "glossary.csv"


def load_glossary(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the glossary, one row per term or unit.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).

    Returns
    -------
    pandas.DataFrame
        Columns:

        ===============  ======  ====================================================
        column           dtype   meaning
        ===============  ======  ====================================================
        term_zh          string  the term in simplified Chinese (a unit: its units)
        term_hk          string  the same in Hong Kong traditional script (s2hk)
        kind             string  programme, place, body, term, label or unit
        unit             string  for a unit: its code in ``indicators.csv``
        en               string  the English this package uses (a unit: plural)
        forms            string  other accepted forms (a unit: singular), ``|``
        avoid            string  other English names not to use, ``|``
        official_en      string  the official English name, where one was found
        official_source  string  its publisher, or "no official form found"
        official_url     string  where the official form was seen
        note             string  remarks
        ===============  ======  ====================================================

        A unit's ``term_zh`` lists the units written for it, joined by 、; a
        ``label`` is a codebook label that the case texts do not use.

    Examples
    --------
    >>> g = load_glossary()
    >>> g.loc[g["term_zh"] == "域外法", "en"].item()
    'extraterritorial law'
    >>> g.loc[g["term_zh"] == "湾区标准", "term_hk"].item()
    '灣區標準'
    """
    return read_table("glossary", data_dir)


@lru_cache(maxsize=8)
def _terms(folder: Path, stamp: float) -> dict[str, str]:
    g = read_table("glossary", folder)
    g = g[g["kind"] != "unit"]
    return dict(zip(g["term_zh"], g["en"], strict=True))


@lru_cache(maxsize=8)
def _units(folder: Path, stamp: float) -> dict[str, tuple[str, str]]:
    g = read_table("glossary", folder)
    g = g[g["kind"] == "unit"]
    return {
        u: (en, forms.split("|")[0] if isinstance(forms, str) and forms else en)
        for u, en, forms in zip(g["unit"], g["en"], g["forms"], strict=True)
    }


def _stamp(folder: Path) -> float:
    path = folder / _FILE
    return path.stat().st_mtime if path.is_file() else 0.0


def term_en(zh: str, data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return the English this package uses for a Chinese term.

    Accepts simplified or traditional script.

    Raises
    ------
    KeyError
        If the term is not in the glossary (the message names close entries).

    Examples
    --------
    >>> term_en("湾区社保通")
    'GBA Social Insurance Connect'
    >>> term_en("港澳藥械通")
    'Hong Kong and Macao Medicine and Equipment Connect'
    """
    folder = _data_dir(data_dir)
    terms = _terms(folder, _stamp(folder))
    if zh in terms:
        return terms[zh]
    by_hk = {to_traditional(k): v for k, v in terms.items()}
    if zh in by_hk:
        return by_hk[zh]
    close = [k for k in terms if zh in k or k in zh]
    hint = f"; close entries: {', '.join(close[:5])}" if close else ""
    raise KeyError(f"{zh!r} is not in glossary.csv{hint}")


def unit_words(
    code: str, n: float | None = None, data_dir: str | os.PathLike[str] | None = None
) -> str:
    """Return the English words for a unit code of the indicators or derived measures.

    Parameters
    ----------
    code : str
        A unit code: ``person_time``, ``CNY``, … or a compound
        ``<unit>_per_<unit>`` (``CNY_per_person_time``, ``percent_per_year``).
    n : number, optional
        The count the words follow: exactly 1 gives the singular; otherwise
        (and by default) the plural. The second part of a compound is singular.

    Raises
    ------
    KeyError
        For a code that is not in the glossary.

    Examples
    --------
    >>> unit_words("person_time"), unit_words("person_time", n=1)
    ('person-times', 'person-time')
    >>> unit_words("CNY_per_person_time")
    'yuan per person-time'
    >>> unit_words("percent_per_year")
    'percent per year'
    """
    folder = _data_dir(data_dir)
    units = _units(folder, _stamp(folder))
    if code in units:
        plural, singular = units[code]
        return singular if n == 1 else plural
    for known in sorted(units, key=len, reverse=True):
        prefix = f"{known}_per_"
        if code.startswith(prefix):
            rest = code[len(prefix) :]
            return f"{unit_words(known, n, folder)} per {unit_words(rest, 1, folder)}"
    raise KeyError(f"unit code {code!r} is not in glossary.csv (kind 'unit')")


def _forms(en: str, forms: object) -> list[str]:
    out = [en]
    if isinstance(forms, str) and forms:
        out += forms.split("|")
    return [f.lower() for f in out]


def _has(text: str, form: str) -> bool:
    """``form`` occurs in ``text`` (lower case), also as its plural or singular."""
    return form in text or (form.endswith("s") and form[:-1] in text)


def _excepted(note: object) -> set[str]:
    if not isinstance(note, str):
        return set()
    return {part.split(":", 1)[0].strip() for part in note.split(";") if ":" in part}


def translation_glossary_problems(
    translation: pd.DataFrame, terms: pd.DataFrame, file: str = "translation.csv"
) -> list[DataError]:
    """Rows of the translation that do not use the glossary's English.

    Examples
    --------
    >>> terms = pd.DataFrame({"term_zh": ["域外法"], "kind": ["term"],
    ...     "en": ["extraterritorial law"], "forms": [""], "avoid": ["foreign law"]})
    >>> tr = pd.DataFrame({"case_id": [9], "sentence": [1], "zh": ["查明域外法"],
    ...     "en": ["ascertaining foreign law"], "note": [pd.NA]})
    >>> for err in translation_glossary_problems(tr, terms):
    ...     print(err.message)
    case 9 sentence 1 has 域外法 but not its English 'extraterritorial law'
    case 9 sentence 1 uses 'foreign law', which the glossary avoids for 域外法
    """
    checked = terms[terms["kind"].isin(CHECKED_KINDS)]
    entries = sorted(
        zip(checked["term_zh"], checked["en"], checked["forms"], checked["avoid"], strict=True),
        key=lambda e: -len(e[0]),
    )
    patterns = {term: re.compile(re.escape(term)) for term, *_ in entries}
    problems: list[DataError] = []
    for pos, row in enumerate(translation.itertuples(index=False), start=1):
        zh, en = row.zh, row.en.lower()
        excepted = _excepted(row.note)
        covered = [False] * len(zh)
        for term, term_en_, forms, avoid in entries:
            starts = [m.start() for m in patterns[term].finditer(zh)] if term in zh else []
            free = [s for s in starts if not any(covered[s : s + len(term)])]
            for s in starts:
                covered[s : s + len(term)] = [True] * len(term)
            if not free or term in excepted:
                continue
            where = f"case {row.case_id} sentence {row.sentence}"
            if not any(_has(en, f) for f in _forms(term_en_, forms)):
                problems.append(
                    DataError(
                        f"{where} has {term} but not its English {term_en_!r}",
                        file=file,
                        row=pos,
                        column="en",
                        expected=f"{term_en_!r} (or a form listed in glossary.csv), or a note "
                        f"'{term}: reason'",
                    )
                )
            for bad in avoid.split("|") if isinstance(avoid, str) and avoid else []:
                if bad.lower() in en:
                    problems.append(
                        DataError(
                            f"{where} uses {bad!r}, which the glossary avoids for {term}",
                            file=file,
                            row=pos,
                            column="en",
                            expected=f"{term_en_!r}",
                        )
                    )
    return problems


def check_glossary(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check the glossary against OpenCC, the codebook and the translation.

    Examples
    --------
    >>> check_glossary()
    []
    """
    folder = _data_dir(data_dir)
    g = read_table("glossary", folder)
    problems: list[DataError] = []
    for pos, row in enumerate(g.itertuples(index=False), start=1):
        if row.term_hk != to_traditional(row.term_zh):
            problems.append(
                DataError(
                    f"term_hk {row.term_hk!r} is not OpenCC's s2hk form of {row.term_zh!r}",
                    file=_FILE,
                    row=pos,
                    column="term_hk",
                    expected=repr(to_traditional(row.term_zh)),
                )
            )
        if (row.kind == "unit") != isinstance(row.unit, str):
            problems.append(
                DataError(
                    "a unit row needs a unit code and only a unit row has one",
                    file=_FILE,
                    row=pos,
                    column="unit",
                    expected="a code for kind 'unit', empty otherwise",
                )
            )
    by_zh = {z: e for z, e, k in zip(g["term_zh"], g["en"], g["kind"], strict=True) if k != "unit"}
    for name in ("codebook", "codebook_values"):
        table = read_table(name, folder)
        for pos, (zh, en) in enumerate(zip(table["label_zh"], table["label_en"], strict=True), 1):
            if zh not in by_zh:
                problems.append(
                    DataError(
                        f"codebook label {zh!r} is not in the glossary",
                        file=f"{name}.csv",
                        row=pos,
                        column="label_zh",
                        expected="a term_zh of glossary.csv",
                    )
                )
            elif by_zh[zh].lower() != en.lower():
                problems.append(
                    DataError(
                        f"label_en {en!r} differs from the glossary's {by_zh[zh]!r} for {zh}",
                        file=f"{name}.csv",
                        row=pos,
                        column="label_en",
                        expected=repr(by_zh[zh]),
                    )
                )
    if (folder / "translation.csv").is_file():
        problems += translation_glossary_problems(read_table("translation", folder), g)
    return problems
