"""Write regular expressions that Python's engine runs with less work per position.

Private helpers of :mod:`gba.extract._pattern`. Each rewrites a pattern into one
that matches the same text, at the same places, with the same groups
(tests/test_scan_fastpath.py compares the rewritten master pattern with the
plain one at every position of many texts):

- :func:`alternation` writes a list of words as a tree on their first characters
  (``人次|人日|人`` → ``人(?:次|日|)``) behind a lookahead for those characters;
- :func:`optional_as_branch` writes every optional group ``(…)?`` as ``(?:(…)|)``.

Why the second one pays: Python's engine (``re``, ``sre``) runs an optional group of
more than one character as a repeat, which at every try sets up a repeat context
and saves the marks of all capturing groups so far; inside it, each alternation
saves them again. An alternation with an empty second branch tries the group,
then nothing, as a greedy ``?`` does, and saves nothing when it is not inside a
repeat. The master pattern holds about twenty such groups, all tried at every
number.

Examples
--------
>>> alternation(["人次", "人", "万元"])
'(?=[万人萬])(?:[万萬]元|人(?:次|))'
>>> optional_as_branch("a(?:b(c)?)?d")
'a(?:(?:b(?:(c)|))|)d'
"""

from __future__ import annotations

import re

from gba.extract._lexicon import variants

__all__ = ["alternation", "first_chars", "guard", "optional_as_branch"]


def alternation(words: list[str], *, factored: bool = True) -> str:
    """Match any of ``words`` (either script), the longest first.

    ``factored`` writes the same alternation as a tree on shared beginnings,
    behind a lookahead for the first characters: the engine then tests one
    first character per branch instead of one per word, and fails at once where
    no word begins. Both forms match the same text with the same choice: words
    that differ in their first character cannot both match at one place, and
    words that share it keep their order (a shorter word, ``人``, comes after the
    longer ones it begins).
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if not factored:
        return "|".join(variants(w) for w in ordered)
    tree = _tree([[variants(ch) for ch in w] for w in ordered])
    return guard(ordered) + (tree if tree.startswith("(?:") else f"(?:{tree})")


def guard(words: list[str]) -> str:
    """Return a lookahead for the first characters of ``words`` (either script), to fail fast.

    >>> guard(["人次", "万"])
    '(?=[万人萬])'
    """
    return f"(?=[{first_chars(words)}])"


def first_chars(words: list[str]) -> str:
    """Return the first characters of ``words`` in either script, escaped for a character class.

    >>> first_chars(["人次", "万", "-"])
    '\\\\-万人萬'
    """
    firsts = {c for w in words for c in _chars(variants(w[0]))}
    return "".join(re.escape(c) for c in sorted(firsts))


def _chars(token: str) -> str:
    """Return the characters that a token of :func:`gba.extract._lexicon.variants` stands for."""
    return token[1:-1] if token.startswith("[") else token


def _tree(rests: list[list[str]]) -> str:
    """Write the alternation of token sequences ``rests`` as a tree on first tokens."""
    groups: dict[str, list[list[str]]] = {}
    for rest in rests:
        if rest:
            groups.setdefault(rest[0], []).append(rest[1:])
    ends = [k for k, rest in enumerate(rests) if not rest]
    if ends and ends != [len(rests) - 1]:
        raise ValueError(f"a word ends before a longer one that it begins: {rests}")
    firsts = [set(_chars(t)) for t in groups]
    if sum(map(len, firsts)) != len(set().union(*firsts)):
        raise ValueError(f"two first tokens share a character: {list(groups)}")
    branches = [first + _tree(after) for first, after in groups.items()]
    if ends:
        branches.append("")  # the word that ends here, tried last
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def optional_as_branch(pattern: str) -> str:
    """Write every greedy optional group ``(…)?`` of ``pattern`` as ``(?:(…)|)``.

    Lazy (``)??``) and possessive (``)?+``) ones are left as they are.

    >>> optional_as_branch(r"(?P<a>x)?[(?]\\)?(?:y)??")
    '(?:(?P<a>x)|)[(?]\\\\)?(?:y)??'
    """
    opened: list[int] = []
    edits: list[tuple[int, int, str]] = []  # (position, characters replaced, new text)
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            start = opened.pop()
            if pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] not in ("?", "+"):
                edits += [(start, 0, "(?:"), (i + 1, 1, "|)")]
        i += 1
    if opened:
        raise ValueError("unbalanced parentheses")
    out = pattern
    for pos, width, new in sorted(edits, reverse=True):
        out = out[:pos] + new + out[pos + width :]
    return out


def _class_end(pattern: str, i: int) -> int:
    """Index after the character class that opens at ``pattern[i]``."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1  # a ] first in the class is a character
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1
