"""One regular-expression pass over a text that finds quantities and dates.

Private engine of :func:`gba.extract_quantities`, :func:`gba.parse_quantity`
and :func:`gba.extract_dates`. The master pattern (:mod:`gba.extract._pattern`)
finds each number's core, a date or a non-quantity; :mod:`gba.extract._reading`
reads each match; this module runs the pass, keeps the reading of each window of
dense text for reuse, carries 截至 dates over to the quantities after them, and
applies a unit or qualifier that governs a list.

Examples
--------
>>> [q[0] for q in scan("截至2022年底，共30.37万人次，近 400 亿元").quantities]
['30.37万人次', '近 400 亿元']
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction
from functools import lru_cache
from itertools import compress, pairwise
from operator import and_
from typing import NamedTuple

from gba.extract._datepattern import DATE_RX, date_from_groups
from gba.extract._lexicon import IDIOMS
from gba.extract._numerals import SPACES
from gba.extract._pattern import LEAD, LEAD_CHARS, LIST_GAP, RX
from gba.extract._reading import (
    EXACT,
    FIGURE_WORDS,
    LOUD_AFTER,
    LOUD_BEFORE,
    PLAIN_GROUPS,
    Rejected,
    ends_with,
    gap_word_may_start,
    read_match,
    unit_of,
)

__all__ = ["DATE_RX", "RX", "Columns", "Scan", "gc_paused", "scan"]

_AS_OF_WORDS = ("截至", "截止", "截止到", "截止至", "截至到")
_SENTENCE_END = re.compile("[。！？!?\n]")

# text, start, end, value, value_high, unit, qualifier, kind, currency, as_of
QRow = tuple[str, int, int, Decimal | Fraction, Decimal | Fraction | None, str, str, str,
             str | None, str | None]  # fmt: skip
# a quantity's reading without its place: text, value, value_high, unit, qualifier, kind, currency
Reading = tuple[str, Decimal | Fraction, Decimal | Fraction | None, str, str, str, str | None]
DRow = tuple[str, int, int, str, str, object, object, bool]


class Columns(NamedTuple):
    """The quantities found, column by column.

    Quantity i is ``readings[codes[i]]`` read at ``starts[i]:ends[i]``, governed by
    the 截至 date ``as_of[i]``. Dense text repeats a few readings many times: kept
    once each, they cost the pass and the frame built from it
    (:func:`gba.extract_quantities`) no new row per quantity.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    codes: tuple[int, ...]
    readings: tuple[Reading, ...]
    as_of: tuple[str | None, ...]

    def rows(self) -> list[QRow]:
        """Return the quantities as rows of ten fields (QRow), in text order."""
        readings = map(self.readings.__getitem__, self.codes)
        places = zip(self.starts, self.ends, readings, self.as_of, strict=True)
        return [(r[0], s, e, r[1], r[2], r[3], r[4], r[5], r[6], a) for s, e, r, a in places]


class Scan:
    """What one pass found: the quantities (by column, and as rows), dates and rejections."""

    __slots__ = ("_rows", "columns", "dates", "rejected")

    def __init__(
        self, columns: Columns, dates: list[DRow], rejected: list[tuple[int, int, str]]
    ) -> None:
        self.columns, self.dates, self.rejected = columns, dates, rejected
        self._rows: list[QRow] | None = None

    @property
    def quantities(self) -> list[QRow]:
        """The quantities as rows (made on first use; a list of this Scan's own)."""
        if self._rows is None:
            self._rows = self.columns.rows()
        return self._rows

    def __repr__(self) -> str:
        q, d, r = self.quantities, self.dates, self.rejected
        return f"Scan(quantities={q!r}, dates={d!r}, rejected={r!r})"


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Yield what ``RX.finditer(text)`` yields, faster.

    The pattern is an alternation, for which the regular-expression engine
    cannot skip ahead to the characters a match can start with; it tries
    every position. Jumping between those characters with a one-class search
    first is about five times faster on Chinese prose.
    """
    search, match = LEAD.search, RX.match
    pos = 0
    while (lead := search(text, pos)) is not None:
        p = lead.start()
        m = match(text, p)
        if m is None:
            pos = p + 1
        else:
            pos = m.end()
            yield m


def scan(text: str, *, whole: bool = False, as_of_scope: str = "paragraph") -> Scan:
    """Find quantities and dates in ``text``.

    Parameters
    ----------
    text : str
        The text.
    whole : bool
        Parse mode (for :func:`gba.parse_quantity`): also accept a bare Chinese
        numeral (``十四``) and a lone ``一`` with a counter (``一个``).
    as_of_scope : {"paragraph", "sentence"}
        How far a 截至 date reaches.
    """
    dates: list[DRow] = []
    rejected: list[tuple[int, int, str]] = []
    with localcontext(EXACT), gc_paused():
        columns = _loop(text, whole, as_of_scope, dates, rejected)
    return Scan(columns, dates, rejected)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector inside the block (if it was running).

    A scan makes hundreds of thousands of small tuples and keeps them: each
    collection would walk all of them, a third of the time of a dense text.
    They form no reference cycles, so nothing is left for the collector to find.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


# How far the reading of a match looks around it, for the memo in _loop. Behind the match
# start: the code reads at most text[floor - 1] through floor-bounded look-backs (prefix,
# _word_before, the currency sign, the minus sign, 上千) and at most _READ_BEHIND characters
# through the fixed ones (_DAY_DURATION 4, _CHANGE 3, ISO 9001 2, the character before;
# counted from the currency sign when one moves the start back, by up to 6: HK$, MOP$);
# _figure_number skips any run of spaces, then reads a word of up to two characters and the
# character before it (_FIGURE_BEHIND). (The words looked for are not part of a match, so
# text[floor - 1:] already holds them; the fixed bounds are a margin no test can tell from
# it.) After the match end: the code reads at most 6
# characters (_HOLIDAY, 人民币 after up to three spaces, 口, the character after); the match
# itself is fixed by the text from lo to its end plus the longest lookahead of the pattern
# as written (PATTERN, 19 characters; its lookbehinds reach one character; RX, whose
# guards look further, matches as PATTERN does): a path through the pattern succeeds or
# fails by the characters it consumes and its lookarounds alone, so if two texts share the
# window and hold a match of the same span, each one's first successful path also succeeds
# in the other: it is the same path, with the same groups. tests/test_scan_memo.py checks
# the reach of the lookarounds and compares memoised and plain readings. The pattern still
# runs at every match: a memo consulted before matching (on the window alone) would need
# every path the engine tries, not only the one that succeeds, to stay inside the window,
# and a per-cent list that runs on past it breaks that (tests/test_scan_fastpath.py).
_READ_BEHIND = 10
_FIGURE_BEHIND = 1 + max(len(w) for w in FIGURE_WORDS)
_READ_AHEAD = 24
_MEMO_SPAN = 48  # longer windows (a long gap since the previous match) are read each time
_MEMO_SIZE = 4096  # windows kept at most (a repeated pattern needs few)
_MEMO_GAP = 4  # the memo serves matches at most this far after the previous one (dense text)
_MEMO_PAUSE = 200_000  # characters read without the memo after it served too few readings


def _refill(memo: dict, hits: int, start: int) -> tuple[int, int]:
    """Empty the full memo; pause it if it served fewer readings than one in eight it kept.

    In text whose windows do not come back (random digits) keeping the memo costs about a
    quarter of the time and saves nothing. The memo never changes what is read, only how
    often: returns (offset before which the memo is not used, hits counted anew).
    """
    paused_until = start + _MEMO_PAUSE if hits < len(memo) // 8 else 0
    memo.clear()
    return paused_until, 0


class _Stops:
    """Where the reach of an as-of date ends, searched once for the whole text (linear)."""

    def __init__(self, text: str, rx: re.Pattern[str]) -> None:
        self.text, self.rx, self.found = text, rx, -1

    def after(self, pos: int) -> int:
        if self.found < pos and self.found != len(self.text):
            m = self.rx.search(self.text, pos)
            self.found = len(self.text) if m is None else m.start()
        return self.found


def _loop(
    text: str,
    whole: bool,
    as_of_scope: str,
    dates: list[DRow],
    rejected: list[tuple[int, int, str]],
) -> Columns:
    as_of: str | None = None
    as_of_until = -1
    stops = _Stops(text, re.compile("\n") if as_of_scope == "paragraph" else _SENTENCE_END)
    floor = 0  # no prefix may reach back before the previous match
    # the quantities by column (see Columns); a reading is kept once per memo entry
    starts: list[int] = []
    ends: list[int] = []
    codes: list[int] = []
    readings: list[Reading] = []
    as_of_runs: list[tuple[int, str | None]] = []  # (first quantity, as_of) where it changes
    pres: dict[int, str] = {}  # quantity → the qualifier read from a word before it, if any
    memo: dict[tuple, str | list[tuple]] = {}  # window → reason rejected, or [(code, s, e, pre)]
    plain: dict[tuple, str | tuple | bool] = {}  # plain match's key → (see _read_plain)
    narrow = _MEMO_SPAN >= 0  # the tests turn both memos off with _MEMO_SPAN = -1
    plain_groups = tuple(RX.groupindex[name] for name in PLAIN_GROUPS)  # by number: faster
    loud_before = LOUD_BEFORE
    n_text = len(text)
    search, match = LEAD.search, RX.match
    add_start, add_end, add_code = starts.append, ends.append, codes.append
    # module constants as locals: read once per call (the tests change _MEMO_SPAN)
    gap, behind, figure_behind = _MEMO_GAP, _READ_BEHIND, _FIGURE_BEHIND
    ahead, span, spaces = _READ_AHEAD, _MEMO_SPAN, SPACES
    hits = 0  # readings served by the memo since it was last emptied
    paused_until = 0  # the memo is not used before this offset (see _refill)
    pos = 0
    while True:  # as _matches does
        if pos < n_text and text[pos] in LEAD_CHARS:
            start = pos  # in dense text the next match often starts right here
        elif pos + 1 < n_text and text[pos + 1] in LEAD_CHARS:
            start = pos + 1  # or after one separator
        else:
            lead = search(text, pos)
            if lead is None:
                break
            start = lead.start()
        m = match(text, start)
        if m is None:
            pos = start + 1
            continue
        kind = m.lastgroup
        end = pos = m.end()
        if kind == "q":
            if as_of is not None and start > as_of_until:
                as_of = None
                as_of_runs.append((len(codes), None))
            if start - floor <= gap and narrow:
                # a plain match (see _reading.PLAIN_GROUPS) reads only its groups, the
                # character before it and the two after it: keyed on those, random dense text
                # repeats. The key holds c1 and the text to end + 2 in one string (NUL, a
                # space and so never plain, marks the text start); an entry is stored only for
                # a plain match, so a key found is one (where no qualifier across a gap can be
                # read: see the test).
                w = text[start - 1 : end + 2] if start else "\0" + text[: end + 2]
                known = False  # two quick tests first: a space or qualifier before, 日 (a day)
                if w[0] not in loud_before and "日" not in w:
                    gs = m.group(*plain_groups)
                    pkey = (gs, w, end - start)
                    known = plain.get(pkey)
                    if known is None:
                        known = _read_plain(text, m, floor, whole, gs, plain, pkey, readings)
                    elif start - floor > 2 and gap_word_may_start(w[0], start - floor):
                        known = False
                if known is not False:
                    floor = end
                    if type(known) is str:
                        rejected.append((start, end, known))
                        continue
                    code, s0, e0, pre = known  # one quantity, offsets less start
                    if pre is not None:
                        pres[len(codes)] = pre
                    add_start(s0 + start)
                    add_end(e0 + start)
                    add_code(code)
                    continue
        elif kind == "date":
            built = date_from_groups(m.groupdict())
            if built is None:
                rejected.append((start, end, "an impossible date"))
            else:
                j = start
                while j > floor and text[j - 1] in SPACES:
                    j -= 1
                is_as_of = any(ends_with(text, j, w) for w in _AS_OF_WORDS)
                dates.append((m.group(), start, end, *built, is_as_of))
                if is_as_of:
                    as_of = built[0]
                    as_of_until = stops.after(end)
                    as_of_runs.append((len(codes), as_of))
            floor = end
            continue
        elif kind in ("time", "skip"):
            reason = _skip_reason(m.group()) if kind == "skip" else "a time of day, not a quantity"
            rejected.append((start, end, reason))
            if reason.startswith("a part of a year") and any(
                ends_with(text, start, w) for w in _AS_OF_WORDS
            ):
                as_of, as_of_until = None, -1  # 截至2023年前三季度: an as-of date not read
                as_of_runs.append((len(codes), None))
            floor = end
            continue
        elif as_of is not None and start > as_of_until:
            as_of = None
            as_of_runs.append((len(codes), None))
        # the reading depends only on text[lo:hi], on where start, end and floor lie in it,
        # and on whether it begins or ends the text (see _READ_AHEAD): read it once per window
        key = None
        lo = 0
        if start - floor <= gap and start >= paused_until:  # dense text: windows may repeat
            # lo = max(0, min(floor - 1, start - _READ_BEHIND, j - _FIGURE_BEHIND)), where j
            # is start less the spaces before it
            lo = start - behind
            if start and text[start - 1] in spaces:
                j = start - 1
                while j > 0 and text[j - 1] in spaces:
                    j -= 1
                if j - figure_behind < lo:
                    lo = j - figure_behind
            if floor - 1 < lo:
                lo = floor - 1
            if lo < 0:
                lo = 0
            hi = end + ahead
            if hi - lo <= span:
                key = (text[lo:hi], start - lo, end - lo, floor - lo, lo == 0, hi >= n_text)
                known = memo.get(key)
                if known is not None:
                    hits += 1
                    floor = end
                    if type(known) is str:
                        rejected.append((start, end, known))
                        continue
                    for code, s0, e0, pre in known:  # offsets kept relative to lo
                        if pre is not None:
                            pres[len(codes)] = pre
                        add_start(s0 + lo)
                        add_end(e0 + lo)
                        add_code(code)
                    continue
        try:
            checked = read_match(text, m, kind, floor, whole)  # type: ignore[arg-type]
        except (Rejected, Inexact) as why:
            reason = _reason(why)
            rejected.append((start, end, reason))
            if key is not None:
                if len(memo) >= _MEMO_SIZE:
                    paused_until, hits = _refill(memo, hits, start)
                memo[key] = reason
            floor = end
            continue
        read = []
        for r, pre in checked:
            code = len(readings)
            readings.append((r[0], r[3], r[4], r[5], r[6], r[7], r[8]))
            if pre is not None:
                pres[len(codes)] = pre
            add_start(r[1])
            add_end(r[2])
            add_code(code)
            read.append((code, r[1] - lo, r[2] - lo, pre))
        if key is not None:
            if len(memo) >= _MEMO_SIZE:
                paused_until, hits = _refill(memo, hits, start)
            memo[key] = read
        floor = end
    _lists(text, starts, ends, codes, readings, pres)
    as_ofs: list[str | None] = []
    for (first, value), (after, _) in pairwise([(0, None), *as_of_runs, (len(codes), None)]):
        as_ofs += [value] * (after - first)
    return Columns(tuple(starts), tuple(ends), tuple(codes), tuple(readings), tuple(as_ofs))


def _read_plain(
    text: str,
    m: re.Match[str],
    floor: int,
    whole: bool,
    gs: tuple,
    plain: dict,
    key: tuple,
    readings: list[Reading],
) -> str | tuple | bool:
    """Read a q match into the memo ``plain`` if it is plain (_reading.PLAIN_GROUPS).

    Returns the reason it was rejected, or (the index of its reading, appended to
    ``readings``; its offsets less its start; the qualifier word's reading), or False
    when it is not plain (then read by the caller as any other match).
    """
    start, end = m.span()
    c1 = text[start - 1] if start else ""
    if gap_word_may_start(c1, start - floor):
        return False  # not stored: another floor may make it plain
    known: str | tuple | bool = False  # False: not plain (the key tells)
    if not (
        c1 in LOUD_BEFORE
        or gs[2] is not None
        or gs[5] is not None
        or gs[7] is not None
        or gs[8] is not None
        or gs[11] is not None
        or text[end : end + 1] in LOUD_AFTER
        or "日" in unit_of(gs[4] or gs[3])
    ):
        try:
            checked = read_match(text, m, "q", floor, whole)
        except (Rejected, Inexact) as why:
            known = _reason(why)
        else:
            if len(checked) != 1:  # not so (a plain match is no range): read as any other
                return False
            ((r, pre),) = checked
            readings.append((r[0], r[3], r[4], r[5], r[6], r[7], r[8]))
            known = (len(readings) - 1, r[1] - start, r[2] - start, pre)
    if len(plain) >= _MEMO_SIZE:
        plain.clear()
    plain[key] = known
    return known


def _reason(why: Exception) -> str:
    """Why a match was not read (Rejected says; Inexact: a number too long to be exact)."""
    return str(why) if isinstance(why, Rejected) else "a number too long to be exact"


def _lists(
    text: str,
    starts: list[int],
    ends: list[int],
    codes: list[int],
    readings: list[Reading],
    pres: dict[int, str],
) -> None:
    """Apply a unit or a qualifier word that governs a list to each item.

    ``1,000及1,200港元``: the bare 1,000 takes 港元 from the item after it;
    ``超過30%、20%及10%``: the later items take the qualifier word of the first.
    ``pres`` holds the qualifier read from a word before a quantity, by its index. A
    changed quantity gets a new reading (appended to ``readings``, once per change).
    """
    n = len(codes)
    made: dict[tuple, int] = {}  # (reading, what changes it) → the changed reading's code
    # From the last item to the first, a bare number (no unit, no upper end) takes the unit
    # of the item after it if that has one (and is no rate) and only a list separator lies
    # between. So a change starts where a bare number comes before a unit in the text as
    # read; from there it may run on backwards over bare numbers. The starts are found
    # first, in C, then followed from the last.
    bare = [r[3] == "" and r[2] is None for r in readings]
    gives = [r[3] != "" and r[5] != "rate" for r in readings]
    if any(bare) and any(gives):
        pairs = map(and_, map(bare.__getitem__, codes), map(gives.__getitem__, codes[1:]))
        for k in reversed(list(compress(range(n - 1), pairs))):
            while k >= 0 and bare[codes[k]] and LIST_GAP.fullmatch(text, ends[k], starts[k + 1]):
                c1, c2 = codes[k], codes[k + 1]
                code = made.get((c1, c2))
                if code is None:
                    r1, r2 = readings[c1], readings[c2]
                    readings.append((r1[0], r1[1], r1[2], r2[3], r1[4], r2[5], r2[6]))
                    bare.append(False)
                    gives.append(True)
                    code = made[c1, c2] = len(readings) - 1
                codes[k] = code
                k -= 1
    # From the first item on, an exact item takes the qualifier word of the item before it
    # (read from a word before that item, or carried to it) when only a separator lies between.
    k = 1
    for first in sorted(pres):
        k = max(k, first + 1)
        while k < n and k not in pres:
            p1 = pres[k - 1]
            c2 = codes[k]
            r2 = readings[c2]
            if not (
                r2[4] == "exact"
                and readings[codes[k - 1]][4] == p1
                and LIST_GAP.fullmatch(text, ends[k - 1], starts[k])
            ):
                break
            code = made.get((c2, p1))
            if code is None:
                readings.append((*r2[:4], p1, *r2[5:]))
                code = made[c2, p1] = len(readings) - 1
            codes[k] = code
            pres[k] = p1
            k += 1


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
def _skip_reason(span: str) -> str:
    if span in IDIOMS:
        return "an idiom, not a quantity"
    if span.startswith("十") and len(span) == 3 and span[2] == "五":
        return "a five-year plan name (十四五), not a quantity"
    if "屆" in span or "届" in span:
        return "a congress or session number (届), not a quantity"
    if span[-1] == "年" and span[-2:-1].isdigit() and len(span) < 8:
        return "a span of years written short (2026至29年), not a quantity"
    if ("年" in span[4:6] and len(span) > 5) or span.endswith("季"):
        return "a part of a year that is not read (前三季度, 1-9月), not a date or quantity"
    if "/" in span or "／" in span or (span[:4].isdigit() and span[4:5] == "-"):
        return "a fiscal or school year, not a quantity"
    if "." in span or "．" in span:
        return "a holiday named by its date (10.1), not a quantity"
    if span[-1].isdigit():
        return "a phone number, not a quantity"
    last = span[-1]
    if last in "月日":
        if any(c in span for c in "-－~～〜—–至到"):
            return "a span of months, not a quantity"
        return "a month or day without a year, not a quantity"
    if last in "号號":
        return "a number or document name (号), not a quantity"
    return "a grade or level (级), not a quantity"
