"""The cases in English: an unofficial, sentence-aligned translation.

``translation.csv`` holds one row per Chinese sentence of every case text (a
very long sentence is cut at its semicolons), with the sentence's ``start`` and
``end`` offsets into the clean case text, the Chinese span and its English
translation. The English was written for this package; it is **not an
official translation** and carries no authority of the source's publisher.
Official English names are used where they exist (see :mod:`gba.glossary`).

The Chinese spans tile each case text exactly: the first starts at 0, each
starts where the previous ended, the last ends at the end of the text, and
every span is the text between its offsets. ``python -m gba validate`` checks
this (:func:`translation_problems`). The split itself is made by code,
:func:`sentence_spans`, so a new batch is cut the same way before it is
translated.

Examples
--------
>>> tr = load_translation()
>>> row = tr[(tr["case_id"] == 11)].iloc[-1]
>>> row["zh"][:15]
'政策落地以来，截至2022年末'
>>> print(row["en"][:53])
Since the policy was put into effect, as of the end o
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.datasets.tables import read_table
from gba.errors import DataError

__all__ = [
    "LONG_SENTENCE",
    "UNOFFICIAL",
    "check_translation",
    "load_translation",
    "sentence_spans",
    "translation_problems",
]

#: a sentence longer than this (characters) is cut after each of its semicolons
LONG_SENTENCE = 80
#: the status every row of ``translation.csv`` carries
UNOFFICIAL = "unofficial"

_CLOSE = "”’」』）"
_END = re.compile(f"[。！？][{_CLOSE}]*\\s*")
_SEMI = re.compile(f"；[{_CLOSE}]*\\s*")


def sentence_spans(text: str, long: int = LONG_SENTENCE) -> list[tuple[int, int]]:
    """Cut a case text into sentences, returning ``(start, end)`` offsets that tile it.

    A sentence ends after 。, ！ or ？ (with any closing quotation marks and the
    white space that follows, such as a paragraph break). A sentence longer
    than ``long`` characters is cut after each ；.

    Examples
    --------
    >>> sentence_spans("甲乙。丙；丁！")
    [(0, 3), (3, 7)]
    >>> sentence_spans("甲乙。丙；丁！", long=3)
    [(0, 3), (3, 5), (5, 7)]
    """
    ends = [m.end() for m in _END.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    out: list[tuple[int, int]] = []
    start = 0
    for end in ends:
        if end - start > long:
            cut = start
            for m in _SEMI.finditer(text, start, end):
                if m.end() < end:
                    out.append((cut, m.end()))
                    cut = m.end()
            out.append((cut, end))
        elif end > start:
            out.append((start, end))
        start = end
    return out


def load_translation(
    data_dir: str | os.PathLike[str] | None = None, script: str = "simplified"
) -> pd.DataFrame:
    """Load the unofficial English translation, one row per Chinese sentence.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    script : {"simplified", "traditional"}, optional
        ``"traditional"``: the Chinese span in Hong Kong traditional script
        (OpenCC ``s2hk``), its offsets mapped into the converted case text
        (:mod:`gba.datasets.traditional`).

    Returns
    -------
    pandas.DataFrame
        Sorted by case and sentence. Columns:

        ========  ========  =========================================================
        column    dtype     meaning
        ========  ========  =========================================================
        case_id   Int64     case
        sentence  Int64     sentence number within the case, from 1
        start     Int64     offset of the sentence in the clean case text
        end       Int64     offset just past it (``text_zh[start:end] == zh``)
        zh        string    the Chinese sentence verbatim, with its paragraph break
        en        string    its English translation (written for this package)
        status    string    always ``unofficial`` (not by the source's publisher)
        note      string    translator's note, ``term: reason`` joined by ``; ``
        ========  ========  =========================================================

        A note records a name rendered literally, or a glossary term deliberately
        rendered otherwise in the row (:mod:`gba.datasets.glossary` checks the rest).

    Raises
    ------
    DataError
        If the file breaks its schema.

    Examples
    --------
    >>> tr = load_translation()
    >>> len(tr), sorted(tr["status"].unique())
    (154, ['unofficial'])
    >>> from gba.datasets.cases import load_cases
    >>> text = load_cases().loc[7, "text_zh"]
    >>> "".join(tr.loc[tr["case_id"] == 7, "zh"]) == text
    True
    """
    from gba.datasets.traditional import convert_frame

    frame = read_table("translation", data_dir).sort_values(["case_id", "sentence"])
    frame = frame.reset_index(drop=True)
    return convert_frame(frame, script, (), "zh", data_dir)


def translation_problems(
    frame: pd.DataFrame, texts: Mapping[int, str], file: str = "translation.csv"
) -> list[DataError]:
    """Return the ways ``frame`` fails to tile the case ``texts`` exactly.

    Checks, per case: sentences numbered 1, 2, … in order of ``start``; the
    first starts at 0; each starts where the previous ended (no gap, no
    overlap); the last ends at the end of the text; and each ``zh`` is the
    text between its offsets. A case with no rows is not yet translated (a new
    batch) and is not reported.

    Examples
    --------
    >>> rows = pd.DataFrame({"case_id": [1, 1], "sentence": [1, 2], "start": [0, 3],
    ...                      "end": [3, 5], "zh": ["甲乙。", "丙。"]})
    >>> translation_problems(rows, {1: "甲乙。丙。"})
    []
    >>> rows.loc[1, "start"] = 2
    >>> print(translation_problems(rows, {1: "甲乙。丙。"})[0].message)
    case 1 sentence 2 starts at 2, but sentence 1 ended at 3 (an overlap)
    """
    problems: list[DataError] = []

    def bad(row: int, column: str, message: str, expected: str) -> None:
        problems.append(DataError(message, file=file, row=row, column=column, expected=expected))

    positions = {cid: [] for cid in texts}
    for pos, row in enumerate(frame.itertuples(index=False), start=1):
        cid = int(row.case_id)
        if cid not in texts:
            bad(pos, "case_id", f"case {cid} has no text", "a case of cases.csv")
            continue
        positions[cid].append((int(row.start), int(row.sentence), pos, row))
    for cid, rows in positions.items():
        text = texts[cid]
        if not rows:  # a case not yet translated (a new batch)
            continue
        rows.sort(key=lambda r: (r[0], r[1]))
        prev_end, prev_no = 0, 0
        for start, number, pos, row in rows:
            end = int(row.end)
            if number != prev_no + 1:
                bad(
                    pos,
                    "sentence",
                    f"case {cid} sentence {number} follows sentence {prev_no}",
                    f"sentence {prev_no + 1} (numbered 1, 2, … in text order)",
                )
            if start != prev_end:
                kind = "an overlap" if start < prev_end else "a gap"
                where = f"sentence {prev_no} ended at" if prev_no else "the text starts at"
                bad(
                    pos,
                    "start",
                    f"case {cid} sentence {number} starts at {start}, but {where} "
                    f"{prev_end} ({kind})",
                    f"start {prev_end}",
                )
            if not 0 <= start < end <= len(text):
                bad(
                    pos,
                    "end",
                    f"offsets {start}-{end} are outside case {cid}'s text of {len(text)} "
                    "characters or empty",
                    "0 <= start < end <= length of the text",
                )
            elif text[start:end] != row.zh:
                bad(
                    pos,
                    "zh",
                    f"{row.zh[:20]!r}… is not the text at {start}-{end}, which reads "
                    f"{text[start:end][:20]!r}…",
                    "the Chinese sentence exactly as in the case text",
                )
            prev_end, prev_no = end, number
        if prev_end != len(text):
            bad(
                rows[-1][2],
                "end",
                f"case {cid}'s last sentence ends at {prev_end}, but the text has "
                f"{len(text)} characters",
                f"end {len(text)} (the sentences cover the whole text)",
            )
    return problems


def check_translation(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check that the translation's Chinese spans tile every case text exactly."""
    from gba.datasets.spans import case_texts

    folder = _data_dir(data_dir)
    return translation_problems(read_table("translation", folder), case_texts(folder))
