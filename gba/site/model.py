"""What the site shows, as plain data: highlights, text pieces and detail rows.

No HTML here: :mod:`gba.site.pages` renders these records with the templates.
Every span highlighted on a case page is one row of a table that carries
offsets into the clean case text: the indicators, the events and the claims
(:mod:`gba.analysis.claims`), one :class:`MarkSource` each in
:data:`MARK_SOURCES`. :func:`case_marks` gathers them and :func:`text_tokens`
cuts the text into pieces so that each row is one highlight, however the
spans nest or cross; marks that share characters know each other
(``Mark.overlaps``), so the page can frame them and the panel can list them.

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

import dataclasses
import functools
import itertools
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "CLAIM_KIND_WORDS",
    "MARK_SOURCES",
    "QUALIFIER_WORDS",
    "Block",
    "Context",
    "Detail",
    "Mark",
    "MarkSource",
    "Token",
    "case_blocks",
    "case_marks",
    "claim_id",
    "derived_inputs",
    "format_number",
    "is_missing",
    "load_claims",
    "text_tokens",
]

# How each qualifier reads in words (the legend and the detail panel), said once.
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "exact",
    "lower": "at least",
    "upper": "at most",
    "approx": "about",
    "range": "range",
}

# What each kind of claim of gba.analysis.claims asserts.
CLAIM_KIND_WORDS: dict[str, str] = {
    "rank": "a rank (全国第N, 居…第N, 前N)",
    "first": "a first (首创, 首次, 首个, 开创, 第一笔 …)",
    "lead": "leading (率先, 领先, 领跑)",
    "superlative": "a superlative (最高, 最大, 最快 …)",
    "unique": "uniqueness (唯一)",
}


@dataclass(frozen=True)
class Detail:
    """One line of a highlight's detail panel: a label, a value, and an optional link.

    ``zh``: the value is Chinese text (``lang`` set, follows the script switch);
    ``convert``: English with Chinese words in it, which follow the script switch.
    """

    label: str
    value: str
    href: str | None = None
    zh: bool = False
    convert: bool = False


@dataclass(frozen=True)
class Mark:
    """One highlighted row: which table and row, where in the text, how it is styled.

    ``overlaps`` lists ``(key, row_id, kind)`` of the other highlights that share
    characters with this one (filled in by :func:`case_marks`).
    """

    row_id: str
    table: str
    kind: str
    style: str
    start: int
    end: int
    span: str
    details: tuple[Detail, ...] = ()
    derived: tuple[Detail, ...] = ()
    overlaps: tuple[tuple[str, str, str], ...] = ()

    @property
    def key(self) -> str:
        """The highlight's id on the page: ``<table>-<row id>``."""
        return f"{self.table}-{self.row_id}"


@dataclass(frozen=True)
class Context:
    """What turning a row into a :class:`Mark` needs besides the row itself."""

    derived: pd.DataFrame
    unit_words: Callable[[str, float | None], str] = lambda code, n=None: code

    @functools.cached_property
    def uses(self) -> dict[str, list[str]]:
        """Each input id -> the derived measures that use it (in the frame's order)."""
        out: dict[str, list[str]] = {}
        for derived_id, inputs in self.derived["inputs"].fillna("").items():
            for row_id in dict.fromkeys(str(inputs).split("; ")):
                out.setdefault(row_id, []).append(str(derived_id))
        return out


@dataclass(frozen=True)
class MarkSource:
    """A table whose rows are highlighted: its name, how to load it, how a row becomes a Mark.

    ``load(data_dir)`` returns a frame indexed by row id with ``case_id``,
    ``start`` and ``end`` (rows without offsets are not in the case text).
    """

    table: str
    load: Callable[[str | os.PathLike[str] | None], pd.DataFrame]
    make: Callable[[str, pd.Series, Context], Mark]


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
    """Write a value in base units for a reader: thousands separators, no float noise.

    Examples
    --------
    >>> format_number(3169600.0), format_number(99.79), format_number(float("inf"))
    ('3,169,600', '99.79', '∞')
    >>> format_number(12345.6), format_number(0.1 + 0.2), format_number(-2.0)
    ('12,345.6', '0.3', '-2')
    """
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return format(round(float(value), 6), ",")


def _present(value: Any) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
    )


def is_missing(value: Any) -> bool:
    """Return True for None, NaN and pandas.NA: a cell the site leaves empty.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(pd.NA), is_missing(0)
    (True, True, False)
    """
    return not _present(value)


def derived_inputs(derived: pd.DataFrame, row_id: str) -> pd.DataFrame:
    """Return the derived measures with ``row_id`` among their inputs.

    The same rows as ``gba.derived_indicators(uses=row_id)``, taken from a frame
    computed once (each call of that function computes every measure again).
    """
    uses = derived["inputs"].fillna("").str.split("; ").map(lambda ids: row_id in ids)
    return derived[uses.astype(bool)]


def _derived_links(row_id: str, ctx: Context) -> tuple[Detail, ...]:
    from gba.analysis.phrases.amounts import qualified

    out = []
    for derived_id in ctx.uses.get(row_id, []):
        d = ctx.derived.loc[derived_id]
        value = qualified(d, sig=4)
        unit = ctx.unit_words(str(d["unit"]), float(d["value"]))
        out.append(
            Detail(str(d["label_en"]), f"{value} {unit}", href=f"../data/derived.html#{derived_id}")
        )
    return tuple(out)


def _indicator_mark(row_id: str, r: pd.Series, ctx: Context) -> Mark:
    value = format_number(r["value"])
    if _present(r["value_high"]):
        value = f"{value} – {format_number(r['value_high'])}"
    one = float(r["value"]) if not _present(r["value_high"]) else None
    when = r["as_of"] if _present(r["as_of"]) else None
    details = [
        Detail("What", str(r["name_en"])),
        Detail("原文", str(r["name_zh"]), zh=True),
        Detail("Value", value),
        Detail("Unit", f"{ctx.unit_words(str(r['unit']), one)} ({r['unit_zh']})", convert=True),
        Detail("Qualifier", QUALIFIER_WORDS.get(str(r["qualifier"]), str(r["qualifier"]))),
        Detail("As of", str(when) if when else "not stated"),
    ]
    if _present(r["period"]):
        details.append(Detail("Period", str(r["period"])))
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
        derived=_derived_links(row_id, ctx),
    )


def _event_mark(row_id: str, r: pd.Series, ctx: Context) -> Mark:
    details = (
        Detail("Event", str(r["event_en"])),
        Detail("原文", str(r["event_zh"]), zh=True),
        Detail("Date", f"{r['date']} (to the {r['precision']}; {r['date_basis']})"),
        Detail("Kind", str(r["kind"]).replace("_", " ")),
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
        derived=_derived_links(row_id, ctx),
    )


def claim_id(case_id: int, start: int) -> str:
    """Return the row id of a claim: its case and where it starts in the clean text.

    >>> claim_id(3, 228)
    'c03_claim_228'
    """
    return f"c{int(case_id):02d}_claim_{int(start)}"


def load_claims(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return every claim of :func:`gba.analysis.claims.claims`, indexed by :func:`claim_id`.

    >>> load_claims().loc["c03_claim_228", "claim"]
    '率先'
    """
    from gba.analysis.claims import claims

    frame = claims(data_dir)
    ids = [claim_id(c, s) for c, s in zip(frame["case_id"], frame["start"], strict=True)]
    return frame.set_axis(pd.Index(ids, name="claim_id"))


def _claim_mark(row_id: str, r: pd.Series, ctx: Context) -> Mark:
    def backed(flag: Any, found: str, where: str) -> str:
        if not bool(flag):
            return f"no: no quantity in digits and no date in the {where}"
        return f"yes: {found}" if found else f"yes: a quantity in digits or a date in the {where}"

    stated = " / ".join(s for s in (str(r["sentence_quantities"]), str(r["sentence_dates"])) if s)
    details = (
        Detail("Claim", str(r["claim"]), zh=True),
        Detail("Kind", CLAIM_KIND_WORDS.get(str(r["kind"]), str(r["kind"])), convert=True),
        Detail("Sentence", str(r["sentence"]), zh=True),
        Detail(
            "Backed in the sentence",
            backed(r["backed_in_sentence"], stated, "sentence"),
            convert=True,
        ),
        Detail("Backed in the paragraph", backed(r["backed_in_paragraph"], "", "paragraph")),
        Detail("Row", row_id, href=f"../data/claims.html#{row_id}"),
    )
    return Mark(
        row_id=row_id,
        table="claims",
        kind="claim",
        style=f"cl-{r['kind']}",
        start=int(r["start"]),
        end=int(r["end"]),
        span=str(r["claim"]),
        details=details,
    )


def _load(name: str) -> Callable[[str | os.PathLike[str] | None], pd.DataFrame]:
    def load(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
        import gba

        return getattr(gba, name)(data_dir=data_dir)

    load.__name__ = name
    return load


# Each table of highlights. A new kind of highlighted span is one entry here (and one
# in HIGHLIGHTED of tests/test_site.py, which counts them on every case page).
MARK_SOURCES: tuple[MarkSource, ...] = (
    MarkSource("indicators", _load("load_indicators"), _indicator_mark),
    MarkSource("events", _load("load_events"), _event_mark),
    MarkSource("claims", load_claims, _claim_mark),
)


def case_marks(case_id: int, tables: dict[str, pd.DataFrame], ctx: Context) -> list[Mark]:
    """Return the highlights of one case, ordered by start, longest first, then table order.

    ``tables`` maps a table name of :data:`MARK_SOURCES` to its frame (indexed by
    row id). Each mark's ``overlaps`` lists the marks it shares characters with.
    """
    marks = []
    for source in MARK_SOURCES:
        frame = tables.get(source.table)
        if frame is None:
            continue
        rows = frame[frame["case_id"] == case_id]
        rows = rows[rows["start"].notna()]  # later observations quote other documents
        for row_id, r in rows.iterrows():
            marks.append(source.make(str(row_id), r, ctx))
    order = {m.key: i for i, m in enumerate(marks)}
    marks.sort(key=lambda m: (m.start, -m.end, order[m.key]))
    return [
        dataclasses.replace(
            m,
            overlaps=tuple(
                (o.key, o.row_id, o.kind)
                for o in marks
                if o is not m and o.start < m.end and m.start < o.end
            ),
        )
        for m in marks
    ]


def text_tokens(
    text: str, start: int, end: int, marks: Sequence[Mark], opened: set[str]
) -> list[Token]:
    """Cut ``text[start:end]`` into text pieces and properly nested highlight open/close tokens.

    A highlight that crosses another, or the edge of the block, is closed and reopened;
    only its first piece (``first=True``; its key recorded in ``opened``) is the focusable one.
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
            first = m.key not in opened
            opened.add(m.key)
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
    missing = [m.key for m in marks if m.key not in opened]
    if missing:
        raise ValueError(f"spans outside every block of the text: {', '.join(missing)}")
    return blocks
