"""What the site shows, as plain data: highlights, text pieces and detail rows.

No HTML here: :mod:`gba.site.build` renders these records with the templates.
Every span highlighted on a case page is one row of a table that carries
offsets into the clean case text (indicators, events, and claims once the
package has them); :func:`case_marks` gathers them and :func:`text_tokens`
cuts the text into pieces so that each row is one highlight, however the
spans nest or cross.

Examples
--------
>>> m = [Mark("a", "indicators", "indicator", "q-exact", 0, 2, "ab"),
...      Mark("b", "events", "event", "ev-launch", 1, 3, "bc")]
>>> [(t.kind, t.text or t.mark.row_id, t.first) for t in text_tokens("abcd", 0, 4, m, set())]
[('open', 'a', True), ('text', 'a', False), ('open', 'b', True), ('text', 'b', False), \
('close', 'b', False), ('close', 'a', False), ('open', 'b', False), ('text', 'c', False), \
('close', 'b', False), ('text', 'd', False)]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "QUALIFIER_WORDS",
    "Block",
    "Detail",
    "Mark",
    "Token",
    "case_blocks",
    "case_marks",
    "format_number",
    "text_tokens",
]

# How each qualifier of indicators.csv reads in words (the legend and the detail panel).
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "exact",
    "lower": "at least (lower bound)",
    "upper": "at most (upper bound)",
    "approx": "about (approximate)",
    "range": "range",
}


@dataclass(frozen=True)
class Detail:
    """One line of a highlight's detail panel: a label, a value, and an optional link."""

    label: str
    value: str
    href: str | None = None
    zh: bool = False


@dataclass(frozen=True)
class Mark:
    """One highlighted row: which table and row, where in the text, how it is styled."""

    row_id: str
    table: str
    kind: str
    style: str
    start: int
    end: int
    span: str
    details: tuple[Detail, ...] = ()
    derived: tuple[Detail, ...] = ()


@dataclass(frozen=True)
class Token:
    """A piece of a text block: ``open``/``close`` a highlight, or ``text``."""

    kind: str
    text: str = ""
    mark: Mark | None = None
    first: bool = False
    start: int = 0
    end: int = 0


@dataclass
class Block:
    """A stretch of the case text shown as one row (a paragraph, or a sentence with its English)."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    en: str | None = None
    para_end: bool = True


def format_number(value: float) -> str:
    """Write a value in base units without float noise: integers with thousands separators.

    Examples
    --------
    >>> format_number(3169600.0), format_number(99.79), format_number(float("inf"))
    ('3,169,600', '99.79', '∞')
    """
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return repr(round(float(value), 6))


def _present(value: Any) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
    )


def _derived_links(row_id: str, derived: pd.DataFrame) -> tuple[Detail, ...]:
    out = []
    for derived_id, d in derived.iterrows():
        inputs = [s.strip() for s in str(d["inputs"]).split(";")]
        if row_id in inputs:
            value = f"{format_number(d['value'])} {d['unit']}"
            out.append(
                Detail(
                    str(d["label_en"]),
                    f"{value} ({d['qualifier']})",
                    href=f"../data/derived.html#{derived_id}",
                )
            )
    return tuple(out)


def _indicator_mark(row_id: str, r: pd.Series, derived: pd.DataFrame) -> Mark:
    value = format_number(r["value"])
    if _present(r["value_high"]):
        value = f"{value} – {format_number(r['value_high'])}"
    when = r["as_of"] if _present(r["as_of"]) else None
    details = [
        Detail("What", str(r["name_en"])),
        Detail("原文", str(r["name_zh"]), zh=True),
        Detail("Value (base units)", value),
        Detail("Unit", f"{r['unit']} ({r['unit_zh']})"),
        Detail("Qualifier", f"{r['qualifier']}: {QUALIFIER_WORDS.get(r['qualifier'], '')}"),
        Detail("As of", str(when) if when else "not stated"),
    ]
    if _present(r["period"]):
        details.append(Detail("Period", str(r["period"])))
    details.append(Detail("Measure", str(r["measure"])))
    details.append(Detail("Row", row_id, href=f"../data/indicators.html#{row_id}"))
    return Mark(
        row_id=row_id,
        table="indicators",
        kind="indicator",
        style=f"q-{r['qualifier']}",
        start=int(r["start"]),
        end=int(r["end"]),
        span=str(r["span"]),
        details=tuple(details),
        derived=_derived_links(row_id, derived),
    )


def _event_mark(row_id: str, r: pd.Series, derived: pd.DataFrame) -> Mark:
    details = (
        Detail("Event", str(r["event_en"])),
        Detail("原文", str(r["event_zh"]), zh=True),
        Detail("Date", f"{r['date']} ({r['precision']}, {r['date_basis']})"),
        Detail("Kind", str(r["kind"])),
        Detail("Row", row_id, href=f"../data/events.html#{row_id}"),
    )
    return Mark(
        row_id=row_id,
        table="events",
        kind="event",
        style=f"ev-{r['kind']}",
        start=int(r["start"]),
        end=int(r["end"]),
        span=str(r["span"]),
        details=details,
        derived=_derived_links(row_id, derived),
    )


# Each source of highlights: (loader name in gba, how a row becomes a Mark). A table the
# package does not have yet (claims) is simply absent; adding it is one entry here.
MarkSource = tuple[str, Callable[[str, pd.Series, pd.DataFrame], Mark]]
MARK_SOURCES: tuple[MarkSource, ...] = (
    ("load_indicators", _indicator_mark),
    ("load_events", _event_mark),
)


def case_marks(case_id: int, tables: dict[str, pd.DataFrame], derived: pd.DataFrame) -> list[Mark]:
    """Return the highlights of one case, ordered by start, longest first, then table order.

    ``tables`` maps a loader name of :data:`MARK_SOURCES` to its frame (indexed by row id).
    """
    marks = []
    for loader, make in MARK_SOURCES:
        frame = tables.get(loader)
        if frame is None:
            continue
        rows = frame[frame["case_id"] == case_id]
        if "start" in rows:  # later observations quote other documents: no mark in the case text
            rows = rows[rows["start"].notna()]
        for row_id, r in rows.iterrows():
            marks.append(make(str(row_id), r, derived))
    order = {m.row_id: i for i, m in enumerate(marks)}
    return sorted(marks, key=lambda m: (m.start, -m.end, order[m.row_id]))


def text_tokens(
    text: str, start: int, end: int, marks: Sequence[Mark], opened: set[str]
) -> list[Token]:
    """Cut ``text[start:end]`` into text pieces and properly nested highlight open/close tokens.

    A highlight that crosses another, or the edge of the block, is closed and reopened;
    only its first piece (``first=True``; recorded in ``opened``) is the focusable one.
    """
    inside = [
        (max(m.start, start), min(m.end, end), m) for m in marks if m.start < end and m.end > start
    ]
    cuts = sorted({start, end} | {a for a, _, _ in inside} | {b for _, b, _ in inside})
    tokens: list[Token] = []
    stack: list[Mark] = []
    for a, b in itertools.pairwise(cuts):
        active = [m for lo, hi, m in inside if lo <= a and hi >= b]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            tokens.append(Token("close", mark=stack.pop()))
        for m in active[keep:]:
            first = m.row_id not in opened
            opened.add(m.row_id)
            tokens.append(Token("open", mark=m, first=first))
            stack.append(m)
        tokens.append(Token("text", text=text[a:b], start=a, end=b))
    while stack:
        tokens.append(Token("close", mark=stack.pop()))
    return tokens


def _paragraphs(text: str) -> list[tuple[int, int, str | None]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line:
            out.append((pos, pos + len(line), None))
        pos += len(line) + 1
    return out


def case_blocks(
    text: str, marks: Sequence[Mark], sentences: Iterable[tuple[int, int, str]] | None = None
) -> list[Block]:
    """Cut a case text into blocks (paragraphs, or aligned sentences with their English).

    ``sentences`` are ``(start, end, english)`` rows of a sentence-aligned translation;
    without them each paragraph is a block with no English.
    """
    rows = list(sentences) if sentences is not None else _paragraphs(text)
    opened: set[str] = set()
    blocks = []
    for a, b, en in rows:
        para_end = text[a:b].endswith("\n") or b >= len(text)
        b = b - 1 if text[a:b].endswith("\n") else b
        blocks.append(Block(a, b, text_tokens(text, a, b, marks, opened), en, para_end))
    missing = [m.row_id for m in marks if m.row_id not in opened]
    if missing:
        raise ValueError(f"spans outside every block of the text: {', '.join(missing)}")
    return blocks
