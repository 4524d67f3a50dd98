"""Promotional claims in the case texts (首创, 率先, 第一, 最高, 唯一, 全国第N …), rule-coded.

A *claim* is a phrase asserting primacy, precedence, rank, a superlative or
uniqueness. The rule (:data:`CLAIM_PATTERN`) is applied to the clean case text;
each match is one claim with its offsets. For each claim the module records
whether the same sentence and the same paragraph state a quantity written in
digits or a date (:func:`gba.extract_quantities`, :func:`gba.extract_dates`).
Quantities in Chinese numerals (两个支撑, 四个“首创”) enumerate the text's own
points and do not count; a stated number beside a claim is not proof of it,
only a figure a reader can check.

Not claims under this rule: names (最高人民法院, 第一医院), batch ordinals
(第二批), 最多 meaning "up to", and words of novelty without rank (创新, 突破).

Examples
--------
>>> [m.group() for m in CLAIM_PATTERN.finditer("在全国率先实现第一笔拨付，居全国法院第一")]
['率先', '第一笔', '居全国法院第一']
"""

from __future__ import annotations

import os
import re

import pandas as pd

from gba.datasets.memo import on_data

__all__ = ["CLAIM_PATTERN", "claim_kind", "claims", "find_claims"]

_N = "[一二三四五六七八九十0-9]+"
_SCOPE = "(?:全国|国内|我国|内地|亚洲|全球|世界)"

#: One alternative per kind of claim; the first that matches at a position wins.
CLAIM_PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<rank>居[^，。；、]{{0,8}}?(?:第{_N}|首位)|{_SCOPE}第{_N}"
            rf"|{_SCOPE}前{_N}|首位)",
            r"(?P<first>首(?:创|次|个|笔|单|款|家|例|张)|开创|第一[笔单个家例])",
            r"(?P<lead>率先|领先|领跑)",
            r"(?P<superlative>最(?:高|大|快|早|先|优|强|佳|低|短)(?!人民))",
            r"(?P<unique>唯一)",
        ]
    )
)

_SENTENCE_END = re.compile(r"[。；！？\n]")
_DIGIT = re.compile(r"[0-9]")


def claim_kind(match: re.Match[str]) -> str:
    """Return the kind of a :data:`CLAIM_PATTERN` match: rank, first, lead, superlative, unique.

    >>> claim_kind(CLAIM_PATTERN.search("唯一一个"))
    'unique'
    """
    return str(match.lastgroup)


def _bounds(text: str, pos: int, ends: re.Pattern[str]) -> tuple[int, int]:
    starts = [m.end() for m in ends.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    after = ends.search(text, pos)
    return start, after.start() if after else len(text)


def _inside(frame: pd.DataFrame, a: int, b: int, own: tuple[int, int]) -> list[str]:
    """Texts of the rows of ``frame`` within ``[a, b)`` that do not overlap ``own``."""
    if frame.empty:
        return []
    hit = frame[(frame["start"] >= a) & (frame["end"] <= b)]
    hit = hit[(hit["end"] <= own[0]) | (hit["start"] >= own[1])]
    return hit["text"].tolist()


def find_claims(text: str) -> pd.DataFrame:
    """Find the claims in one text, with what the same sentence and paragraph state.

    Returns
    -------
    DataFrame
        One row per claim: ``start, end, claim, kind``, the ``sentence`` (up to
        。；！？ or a line break), ``sentence_quantities`` and ``sentence_dates``
        (the stated quantities in digits and dates of the sentence, joined by
        " / "), ``backed_in_sentence`` and ``backed_in_paragraph`` (whether the
        sentence or the paragraph states such a quantity or a date).

    Examples
    --------
    >>> found = find_claims("2022年口岸已成为验放量全国第二的陆路口岸。另起一句首创。")
    >>> found[["claim", "kind", "backed_in_sentence"]].values.tolist()
    [['全国第二', 'rank', True], ['首创', 'first', False]]
    >>> find_claims("没有表述。")["backed_in_sentence"].dtype
    dtype('bool')
    """
    from gba.extract.dates import extract_dates
    from gba.extract.quantities import extract_quantities

    quantities = extract_quantities(text)
    quantities = quantities[quantities["text"].map(lambda s: bool(_DIGIT.search(s)))]
    dates = extract_dates(text)
    rows = []
    for m in CLAIM_PATTERN.finditer(text):
        s0, s1 = _bounds(text, m.start(), _SENTENCE_END)
        p0, p1 = _bounds(text, m.start(), re.compile(r"\n"))

        own = (m.start(), m.end())
        sq, sd = _inside(quantities, s0, s1, own), _inside(dates, s0, s1, own)
        backed_p = bool(_inside(quantities, p0, p1, own) or _inside(dates, p0, p1, own))
        rows.append(
            {
                "start": m.start(),
                "end": m.end(),
                "claim": m.group(),
                "kind": claim_kind(m),
                "sentence": text[s0:s1],
                "sentence_quantities": " / ".join(sq),
                "sentence_dates": " / ".join(sd),
                "backed_in_sentence": bool(sq or sd),
                "backed_in_paragraph": backed_p,
            }
        )
    columns = [
        "start",
        "end",
        "claim",
        "kind",
        "sentence",
        "sentence_quantities",
        "sentence_dates",
        "backed_in_sentence",
        "backed_in_paragraph",
    ]
    # typed even when empty, so that the claims of many texts concatenate to bool and int columns
    types = {"start": int, "end": int, "backed_in_sentence": bool, "backed_in_paragraph": bool}
    return pd.DataFrame(rows, columns=columns).astype(types)


@on_data  # computed once per state of the data folder; callers get copies
def claims(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Find the claims in every case text (:func:`find_claims`), with a ``case_id`` column.

    Examples
    --------
    >>> found = claims()
    >>> found.query("case_id == 19")["claim"].tolist()
    ['居全国法院第一', '居亚洲第一', '全球前三']
    """
    from gba.datasets.spans import case_texts

    parts = []
    for case_id, text in sorted(case_texts(data_dir).items()):
        found = find_claims(text)
        found.insert(0, "case_id", case_id)
        parts.append(found)
    return pd.concat(parts, ignore_index=True)
