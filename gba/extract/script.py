"""Simplified to Hong Kong traditional script, with a map that keeps every offset.

Every loader that returns Chinese text or spans takes ``script="simplified"``
(the source's own script, the default) or ``script="traditional"``
(:mod:`gba.datasets.traditional` applies this module to the tables). The
traditional view is produced by OpenCC with its ``s2hk`` configuration
(Simplified Chinese to Traditional Chinese, Hong Kong standard), the
maintained converter pinned in the lock file; nothing here is a hand-written
character table.

Offsets. All offsets in the data refer to the clean simplified text. In the
traditional view, ``start``/``end`` are mapped through a :class:`CharMap` of
the case text, so that ``traditional_text[start:end]`` is the converted span
(the same words). OpenCC converts phrase by phrase and a phrase never crosses
punctuation or white space, so the text is converted in runs cut after
punctuation; in a run whose length the conversion keeps, character *i* maps to
character *i*; in a run whose length changes, the two are aligned character by
character (:class:`difflib.SequenceMatcher`) and offsets inside a changed
stretch map to its start. For the 20 cases of batch 1 no run changes length
(the test suite checks that every span table converts to exactly the text at
its mapped offsets).

Spans are taken from the converted case text at their mapped offsets rather
than converted on their own, so a span and its text can never disagree even
where OpenCC would choose a different character for a phrase out of context.

Examples
--------
>>> to_traditional("跨境理财通")
'跨境理財通'
>>> m = char_map("大湾区律师执业")
>>> m.text
'大灣區律師執業'
>>> m.span(3, 5)
(3, 5)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "OPENCC_CONFIG",
    "SCRIPTS",
    "CharMap",
    "char_map",
    "check_script",
    "converted_text",
    "text_map",
    "to_traditional",
]

#: the OpenCC configuration used: Simplified Chinese to Hong Kong traditional
OPENCC_CONFIG = "s2hk"
#: the scripts every loader accepts
SCRIPTS = ("simplified", "traditional")

# a run ends after punctuation or white space (OpenCC phrases never cross these)
_STOP = r"，。；：！？、“”‘’（）《》「」『』\s,.;:!?()"
_RUN = re.compile(f"[^{_STOP}]*[{_STOP}]*")

Converter = Callable[[str], str]


@lru_cache(maxsize=1)
def _opencc() -> Converter:
    import opencc

    return opencc.OpenCC(OPENCC_CONFIG).convert


def check_script(script: str) -> str:
    """Return ``script`` if it is one of :data:`SCRIPTS`, else raise ValueError.

    Examples
    --------
    >>> check_script("traditional")
    'traditional'
    >>> check_script("hk")
    Traceback (most recent call last):
    ...
    ValueError: script must be 'simplified' or 'traditional', not 'hk'
    """
    if script not in SCRIPTS:
        raise ValueError(f"script must be 'simplified' or 'traditional', not {script!r}")
    return script


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Convert simplified Chinese to Hong Kong traditional script (OpenCC ``s2hk``).

    Examples
    --------
    >>> to_traditional("粤港澳大湾区")
    '粵港澳大灣區'
    """
    return _opencc()(text)


@dataclass(frozen=True)
class CharMap:
    """A text's conversion and the map from its offsets to the converted text's.

    ``offsets[i]`` is the position in :attr:`text` of simplified offset ``i``
    (``len(offsets) == len(source) + 1``).
    """

    source: str
    text: str
    offsets: tuple[int, ...]

    @property
    def same_length(self) -> bool:
        """True when the conversion kept every offset in place."""
        return len(self.source) == len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map simplified offsets ``start``-``end`` to the converted text's.

        Examples
        --------
        >>> char_map("港澳药械通").span(2, 5)
        (2, 5)
        """
        if not 0 <= start <= end <= len(self.source):
            raise ValueError(
                f"offsets {start}-{end} are outside a text of {len(self.source)} characters"
            )
        return self.offsets[start], self.offsets[end]


def _align(src: str, dst: str, convert: Converter) -> list[int]:
    """Offsets (len(src) + 1) of a run whose conversion changed its length."""
    per_char = "".join(convert(ch)[:1] or ch for ch in src)
    out = [0] * (len(src) + 1)
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(
        None, per_char, dst, autojunk=False
    ).get_opcodes():
        for k in range(i1, i2):
            out[k] = j1 + (k - i1) if tag == "equal" else j1
    out[len(src)] = len(dst)
    return out


def char_map(text: str, convert: Converter | None = None) -> CharMap:
    """Convert ``text`` run by run and map every offset into the result.

    Parameters
    ----------
    text : str
        Simplified Chinese text.
    convert : callable, optional
        The converter (default: OpenCC ``s2hk``); a test may pass another.

    Examples
    --------
    >>> m = char_map("甲乙。丙", convert=lambda s: s.replace("乙", "乙乙"))
    >>> m.text, m.span(2, 4)
    ('甲乙乙。丙', (3, 5))
    """
    conv = convert or to_traditional
    pieces: list[str] = []
    offsets: list[int] = []
    base = 0
    for run in _RUN.findall(text):
        if not run:
            continue
        out = conv(run)
        if len(out) == len(run):
            offsets.extend(base + i for i in range(len(run)))
        else:
            offsets.extend(base + i for i in _align(run, out, conv)[:-1])
        pieces.append(out)
        base += len(out)
    offsets.append(base)
    return CharMap(text, "".join(pieces), tuple(offsets))


@lru_cache(maxsize=256)
def text_map(text: str) -> CharMap:
    """Return the (cached) :class:`CharMap` of a text under OpenCC ``s2hk``.

    Examples
    --------
    >>> text_map("港澳").text
    '港澳'
    """
    return char_map(text)


def converted_text(text: str) -> str:
    """Return a case text in traditional script, exactly as its offsets are mapped.

    Examples
    --------
    >>> converted_text("粤港澳三地居民")
    '粵港澳三地居民'
    """
    return text_map(text).text
