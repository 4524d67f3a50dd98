"""Qualifier words before a number: 超过 (more than), 不到 (less than), 约 (about) ….

Private to :mod:`gba.extract._reading`: :func:`prefix` looks back from the start
of a number for a qualifier word, combines two in a row and turns a bound round
after a negation; :func:`combine` merges the qualifiers of one quantity.

Examples
--------
>>> text = "不得超过30%"
>>> prefix(text, 4, 0)
(0, 'upper', '超过')
>>> combine("approx", "lower")
'lower'
"""

from __future__ import annotations

import re
from functools import lru_cache

from gba.extract._lexicon import (
    APPROX,
    LOWER,
    NEGATIONS,
    PREFIX_BLOCKERS,
    PREFIXES,
    UPPER,
    variants,
)
from gba.extract._numerals import SPACES, to_simplified

__all__ = ["GAP_STOP", "PREFIX_LAST", "combine", "prefix"]

_PREFIX_BY_LEN = sorted(
    ((len(p), variants(p), q) for p, q in PREFIXES.items()), key=lambda t: -t[0]
)
_PREFIX_RX = {
    n: re.compile("|".join(f"(?:{v})" for m, v, _ in _PREFIX_BY_LEN if m == n))
    for n in {t[0] for t in _PREFIX_BY_LEN}
}
_PREFIX_LENS = sorted(_PREFIX_RX, reverse=True)
# the last characters of the qualifier words, in either script (a quick first test)
PREFIX_LAST = frozenset(ch for p in PREFIXES for ch in re.sub(r"[\[\]]", "", variants(p[-1])))
_PREFIX_Q = {to_simplified(p): q for p, q in PREFIXES.items()}
_NEG_RX = {
    n: re.compile("|".join(variants(w) for w in NEGATIONS if len(w) == n))
    for n in {len(w) for w in NEGATIONS}
}
_FLIP = {LOWER: UPPER, UPPER: LOWER}
# letters that end a qualifier's reach (最多的3个 is "the 3 with the most")
GAP_STOP = frozenset("的之是为為年月日时時")


def _word_before(text: str, j: int, floor: int) -> tuple[int, str, str] | None:
    """Return the qualifier word ending at ``j``: (its start, qualifier, word), or None."""
    if j <= floor or text[j - 1] not in PREFIX_LAST:
        return None
    for n in _PREFIX_LENS:
        i = j - n
        if i < floor:
            continue
        word = text[i:j]
        if _PREFIX_RX[n].fullmatch(word):
            word = to_simplified(word)
            if i > 0 and text[i - 1] in PREFIX_BLOCKERS.get(word, ""):
                # 高超 "superb" is not 超, but 最高超 is 最高 + 超
                outer = _word_before(text, i, floor)
                if outer is None:
                    return None
                return outer[0], combine(outer[1], _PREFIX_Q[word]), word
            return i, _PREFIX_Q[word], word
    return None


def _word_across_gap(text: str, j: int, floor: int) -> tuple[int, str, str] | None:
    """Find a qualifier word of two or more characters one or two letters before ``j``.

    ``約有60萬``, ``最多申請16項``, ``不到全国0.6%``: the words between are letters
    (not punctuation, digits or 的).
    """
    for gap in (1, 2):
        k = j - gap
        if k - 2 < floor:
            return None
        ch = text[k]
        if not ch.isalpha() or ch.isascii() or ch in GAP_STOP:
            return None
        if text[k - 1] not in PREFIX_LAST:
            continue
        found = _word_before(text, k, floor)
        if found is not None and len(found[2]) >= 2:
            return found
    return None


def prefix(text: str, start: int, floor: int) -> tuple[int, str | None, str]:
    """Look back from ``start`` for a qualifier word: (new start, qualifier, word).

    Two qualifier words in a row combine (最高超: the later bound wins); a
    negation right before a bound turns it round (不得超过 is upper).
    """
    j = start
    while j > floor and start - j < 3 and text[j - 1] in SPACES:
        j -= 1
    found = _word_before(text, j, floor)
    if found is None:
        found = _word_across_gap(text, j, floor)
        if found is None:
            return start, None, ""
        found = (found[0], found[1], "~" + found[2])  # marked: read across a gap
    i, qual, word = found
    outer = _word_before(text, i, floor)
    if outer is not None and not (qual == APPROX and outer[1] in _FLIP):
        i, qual = outer[0], combine(outer[1], qual)
    if qual in _FLIP and word.lstrip("~")[0] not in "不未没":
        for n in (2, 1):
            if i - n >= floor and _NEG_RX[n].fullmatch(text, i - n, i):
                i, qual = i - n, _FLIP[qual]
                break
    return i, qual, word


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
def combine(*quals: str | None) -> str:
    """Qualifiers in reading order → one: the last bound wins, then approx."""
    bounds = [q for q in quals if q in (LOWER, UPPER)]
    if bounds:
        return bounds[-1]
    return APPROX if APPROX in quals else "exact"
