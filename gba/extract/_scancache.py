"""Remember the scans of recent texts: a validation scans the same case texts many times.

:func:`scanned` returns what :func:`gba.extract._scan.scan` returns for the same
arguments. The result is a pure function of the text and the two options, so it
is cached on them (the text's characters, not where it came from), for at most
:data:`CACHED_SCANS` texts of up to :data:`LONGEST_CACHED` characters each; a
longer text is scanned every time. Every call returns new lists of the cached
rows (tuples of strings, numbers and dates), so no caller can change what the
next one gets.

Examples
--------
>>> first = scanned("共30.37万人次")
>>> first.quantities.clear()
>>> [q[0] for q in scanned("共30.37万人次").quantities]
['30.37万人次']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

from gba.extract._scan import Columns, DRow, Scan, gc_paused, scan

__all__ = ["CACHED_SCANS", "LONGEST_CACHED", "frame_per_text", "scanned"]

F = TypeVar("F", bound=Callable[..., Any])

#: how many (text, options) scans are kept
CACHED_SCANS = 512
#: the longest text whose scan is kept, in characters (a case text has a few thousand)
LONGEST_CACHED = 100_000


def scanned(text: str, *, whole: bool = False, as_of_scope: str = "paragraph") -> Scan:
    """Return ``scan(text, whole=whole, as_of_scope=as_of_scope)``, from the cache if there."""
    if len(text) > LONGEST_CACHED:
        return scan(text, whole=whole, as_of_scope=as_of_scope)
    columns, dates, rejected = _frozen(text, whole, as_of_scope)
    return Scan(columns, list(dates), list(rejected))


@lru_cache(maxsize=CACHED_SCANS)
def _frozen(
    text: str, whole: bool, as_of_scope: str
) -> tuple[Columns, tuple[DRow, ...], tuple[tuple[int, int, str], ...]]:
    found = scan(text, whole=whole, as_of_scope=as_of_scope)
    return found.columns, tuple(found.dates), tuple(found.rejected)


def frame_per_text(build: F) -> F:
    """Keep the frame ``build(text, *options)`` per text as the scans are kept; hand out copies.

    A text longer than :data:`LONGEST_CACHED` is built every time.
    """

    @wraps(build)
    def paused(text: str, *options: Any) -> Any:
        with gc_paused():  # a frame of many rows: see gc_paused
            return build(text, *options)

    kept = lru_cache(maxsize=CACHED_SCANS)(paused)

    @wraps(build)
    def frame(text: str, *options: Any) -> Any:
        if len(text) > LONGEST_CACHED:
            return paused(text, *options)
        return kept(text, *options).copy()

    frame.cache_clear = kept.cache_clear  # type: ignore[attr-defined]
    return frame  # type: ignore[return-value]
