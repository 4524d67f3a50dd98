"""Split the raw source document into cases and clean each case's text.

The source is text extracted from the published PDF. It carries three kinds of
debris that this module removes, deterministically and nothing else:

1. **Hard line breaks.** The PDF broke every line at the page width, in the
   middle of words and numbers ("50" / "亿元"). Lines of one paragraph are
   joined with nothing between them (Chinese uses no spaces between words).
   A paragraph ends after a line that ends in sentence-final punctuation
   (``。！？；``) when that line is visibly short (at least two full-width
   characters narrower than the case's median line) or the next line is
   indented (at least 1.5 narrower: the PDF indents a paragraph's first line by
   two characters). Widths count a full-width character as 1 and an ASCII
   character as 0.5, as laid out in the PDF. Paragraphs are separated by a
   single ``"\\n"`` in the clean text.
2. **Page numbers.** Lines holding nothing but one to three digits (the "5" and
   "10" between cases) are dropped.
3. **Stray spaces.** The PDF left ASCII spaces around numbers ("超 12万单",
   "2023年 2月", "近 400 亿元") and after full-width punctuation ("同时， 创新").
   A run of spaces is removed when at least one neighbour is an Arabic digit or
   full-width punctuation and neither neighbour is a Latin letter. Spaces that
   separate Latin words from Chinese ("ISO 注册", "5G 跨境") or two Chinese phrases
   in an official name ("合作查验 一次放行") are kept.

Every offset used anywhere in :mod:`gba` (indicators, events, evidence spans)
refers to the clean case text returned here. Each clean character also keeps
the offset of the raw-file character it came from, so any span can be traced
back to the published text with :func:`raw_span`.

Examples
--------
>>> clean_body(["截至 2023年 2月，已有 224名港澳律师申领了大湾区", "律师执业证。"])
'截至2023年2月，已有224名港澳律师申领了大湾区律师执业证。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gba.errors import DataError
from gba.extract._numerals import chinese_to_int

__all__ = [
    "RawCase",
    "clean_body",
    "raw_span",
    "split_cases",
]

_CASE_HEADING = re.compile(r"^\s*案例([一二三四五六七八九十百零〇]+)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_TITLE = "案例名称："
_SUBMITTER = "报送单位："
_SENTENCE_END = "。！？；"
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》【】—…·％"
# how much narrower than the median line a paragraph's last / first line is (full-width chars)
_SHORT_LAST_LINE = 2.0
_INDENTED_FIRST_LINE = 1.5


@dataclass(frozen=True)
class RawCase:
    """One case as cut from the raw document.

    Attributes
    ----------
    case_id : int
        The case number (案例一 → 1).
    title_zh : str
        The 案例名称 field, lines joined.
    submitted_by_zh : str
        The 报送单位 field as written (units separated by ``、`` or ``，``).
    text_zh : str
        The clean body text (see the module docstring for the rules).
    raw_offsets : tuple of int
        For each character of ``text_zh``, its offset in the raw document
        (``-1`` for the ``"\\n"`` inserted between paragraphs).
    """

    case_id: int
    title_zh: str
    submitted_by_zh: str
    text_zh: str
    raw_offsets: tuple[int, ...] = field(repr=False)


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _drop_space(before: str, after: str) -> bool:
    if _is_latin(before) or _is_latin(after):
        return False
    return any(_is_digit(c) or c in _FULLWIDTH_PUNCT for c in (before, after))


def _clean_line(line: str, start: int) -> tuple[str, list[int]]:
    """Strip a line and remove stray spaces; return text and raw offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    stripped = line.strip(" ")
    base = start + (len(line) - len(line.lstrip(" ")))
    i = 0
    while i < len(stripped):
        ch = stripped[i]
        if ch == " ":
            j = i
            while j < len(stripped) and stripped[j] == " ":
                j += 1
            before = chars[-1] if chars else ""
            after = stripped[j] if j < len(stripped) else ""
            if not _drop_space(before, after):
                chars.extend(stripped[i:j])
                offsets.extend(range(base + i, base + j))
            i = j
            continue
        chars.append(ch)
        offsets.append(base + i)
        i += 1
    return "".join(chars), offsets


def _width(line: str) -> float:
    """Visual width of a raw line: full-width characters 1, ASCII 0.5."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line.strip(" "))


def _join(lines: list[tuple[str, list[int]]], widths: list[float]) -> tuple[str, list[int]]:
    """Join cleaned lines into paragraphs (see module docstring)."""
    if not lines:
        return "", []
    median = sorted(widths)[len(widths) // 2]
    out: list[str] = []
    offsets: list[int] = []
    for k, (text, offs) in enumerate(lines):
        if k and text and _is_digit(out[-1][-1]) and _is_digit(text[0]):
            raise DataError(
                f"a line break between two digits ({out[-1]!r} / {text[:8]!r}) would merge "
                "two numbers",
                expected="a line that does not start with a digit after one ending with a digit",
            )
        if (
            k
            and out[-1][-1:] in tuple(_SENTENCE_END)
            and (
                widths[k - 1] <= median - _SHORT_LAST_LINE
                or widths[k] <= median - _INDENTED_FIRST_LINE
            )
        ):
            out.append("\n")
            offsets.append(-1)
        out.append(text)
        offsets.extend(offs)
    return "".join(out), offsets


def clean_body(lines: list[str]) -> str:
    """Clean a list of raw body lines into paragraph text.

    Parameters
    ----------
    lines : list of str
        Raw lines of one case body (blank lines and page numbers allowed).

    Returns
    -------
    str
        The clean text; paragraphs separated by ``"\\n"``.

    Examples
    --------
    >>> clean_body(["同时， 创新建立“跨境", "5", "理财通”联合反洗钱机制。"])
    '同时，创新建立“跨境理财通”联合反洗钱机制。'
    """
    kept = [line for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    return _join([_clean_line(line, 0) for line in kept], [_width(line) for line in kept])[0]


def split_cases(raw: str, *, path: str = "raw text") -> list[RawCase]:
    """Split the whole raw document into cases.

    Parameters
    ----------
    raw : str
        The raw document text (as read from ``data/raw``).
    path : str, optional
        The file name used in error messages.

    Returns
    -------
    list of RawCase
        In document order. The number of cases is whatever the document holds;
        case numbers must run 1, 2, 3, … without gaps.

    Raises
    ------
    DataError
        If a case heading, 案例名称 or 报送单位 line is missing, or case numbers
        are out of sequence.

    Examples
    --------
    >>> doc = "案例一\\n案例名称：甲\\n报送单位：省司法厅\\n截至 2023年 2月，已有 224名。\\n"
    >>> case = split_cases(doc)[0]
    >>> case.case_id, case.title_zh, case.submitted_by_zh, case.text_zh
    (1, '甲', '省司法厅', '截至2023年2月，已有224名。')
    """
    lines: list[tuple[int, str]] = []  # (offset of line start, line)
    pos = 0
    for line in raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    headings = [i for i, (_, line) in enumerate(lines) if _CASE_HEADING.match(line)]
    if not headings:
        raise DataError("no case heading (案例一, 案例二, …) found", file=path)
    cases: list[RawCase] = []
    for n, first in enumerate(headings):
        last = headings[n + 1] if n + 1 < len(headings) else len(lines)
        numeral = _CASE_HEADING.match(lines[first][1]).group(1)  # type: ignore[union-attr]
        case_id = chinese_to_int(numeral)
        if case_id is None:
            raise DataError(
                f"case heading 案例{numeral} does not hold a Chinese numeral",
                file=path,
                row=first + 1,
                expected=f"案例 number {n + 1} in Chinese numerals",
            )
        if case_id != n + 1:
            raise DataError(
                f"case heading 案例{numeral} is case {case_id}, out of sequence",
                file=path,
                row=first + 1,
                expected=f"案例 number {n + 1}",
            )
        cases.append(_parse_case(case_id, lines[first + 1 : last], path, first + 2))
    return cases


def _parse_case(
    case_id: int, lines: list[tuple[int, str]], path: str, first_line_no: int
) -> RawCase:
    content = [(off, line) for off, line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    if not content or not content[0][1].strip().startswith(_TITLE):
        raise DataError(
            f"case {case_id} has no {_TITLE} line after its heading",
            file=path,
            row=first_line_no,
            expected=f"a line starting with {_TITLE}",
        )
    title_parts: list[str] = []
    k = 0
    while k < len(content) and not content[k][1].strip().startswith(_SUBMITTER):
        title_parts.append(content[k][1].strip())
        k += 1
    if k == len(content):
        raise DataError(
            f"case {case_id} has no {_SUBMITTER} line",
            file=path,
            row=first_line_no,
            expected=f"a line starting with {_SUBMITTER} after {_TITLE}",
        )
    title = "".join(title_parts)[len(_TITLE) :].strip()
    submitter = content[k][1].strip()[len(_SUBMITTER) :].strip()
    body = [_clean_line(line, off) for off, line in content[k + 1 :]]
    try:
        text, offsets = _join(body, [_width(line) for _, line in content[k + 1 :]])
    except DataError as err:
        raise DataError(f"case {case_id}: {err.message}", file=path) from None
    if not title or not submitter or not text:
        raise DataError(
            f"case {case_id} has an empty title, submitting unit or body",
            file=path,
            row=first_line_no,
            expected="non-empty 案例名称, 报送单位 and text",
        )
    return RawCase(case_id, title, submitter, text, tuple(offsets))


def raw_span(case: RawCase, start: int, end: int) -> tuple[int, int]:
    """Map a span of a case's clean text back to offsets in the raw document.

    Parameters
    ----------
    case : RawCase
        The case the span belongs to.
    start, end : int
        A half-open span of ``case.text_zh``.

    Returns
    -------
    tuple of int
        ``(raw_start, raw_end)``: the raw text between them holds the same
        characters plus any line breaks, page numbers and spaces the cleaning removed.

    Examples
    --------
    >>> doc = "案例一\\n案例名称：甲\\n报送单位：乙\\n共 50\\n亿元。\\n"
    >>> case = split_cases(doc)[0]
    >>> case.text_zh
    '共50亿元。'
    >>> s, e = raw_span(case, 1, 5)
    >>> doc[s:e]
    '50\\n亿元'
    """
    if not 0 <= start < end <= len(case.text_zh):
        raise ValueError(
            f"span [{start}, {end}) is not inside case {case.case_id}'s text "
            f"of length {len(case.text_zh)}"
        )
    inside = [o for o in case.raw_offsets[start:end] if o >= 0]
    return inside[0], inside[-1] + 1
