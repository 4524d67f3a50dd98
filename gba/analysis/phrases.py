"""Plain-text phrases for notebooks and reports: bounded numbers, tallies, shares, case lists.

The notebooks never type a number into their prose; they print sentences built
from the data. These helpers keep those sentences short and consistent, so that
every notebook says a bound the same way ("at least 116.73"), counts the same
way ("16 lower, 5 approx") and names cases the same way ("Qingmao Port (7)").
They only format: nothing here computes a measure.

Examples
--------
>>> qualified({"value": 116.7347, "qualifier": "lower"}, ".1f")
'at least 116.7'
>>> tally(pd.Series(["lower", "exact", "lower"]))
'2 lower, 1 exact'
>>> n_of(23, 102)
'23 of 102 (23%)'
>>> in_context("截至2022年底，累计已超过3.7亿元。", 12, 19, width=3)
'…累计已【超过3.7亿元】。'

For Markdown output (a notebook's Findings, a reading after a figure):
:func:`markdown` wraps text so that Jupyter renders it (no IPython needed),
:func:`findings` numbers the findings under a heading, :func:`amount` says a
number with the glossary's unit words, :func:`counted` and ``n_of(...,
noun="cases")`` count things in words, :func:`listing` joins names in English,
:func:`table` writes a small table as Markdown.

>>> amount({"value": 3.7e8, "qualifier": "lower"}, "CNY", sig=2)
'at least 370,000,000 yuan'
>>> n_of(18, 20, noun="cases")
'18 of 20 cases (90%)'
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = [
    "NO_BOUND_FACTOR",
    "SOURCE_TYPE_WORDS",
    "Markdown",
    "amount",
    "bullets",
    "case_names",
    "counted",
    "findings",
    "growth_interval",
    "in_context",
    "listing",
    "markdown",
    "markdown_findings",
    "n_of",
    "qualified",
    "round_sig",
    "stated_figure",
    "table",
    "tally",
    "trajectory_sentence",
]

_BOUND_WORD = {"lower": "at least ", "upper": "at most ", "approx": "about "}


def round_sig(x: float, digits: int = 3) -> float:
    """Round ``x`` to ``digits`` significant digits (for printing, never for computing).

    Parameters
    ----------
    x : float
        A finite number.
    digits : int, optional
        Significant digits, at least 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``digits`` < 1 or ``x`` is not finite.

    Examples
    --------
    >>> round_sig(108126501.2), round_sig(0.012345, 2), round_sig(0.0)
    (108000000.0, 0.012, 0.0)
    """
    if digits < 1:
        raise ValueError(f"digits must be at least 1, not {digits}")
    if not math.isfinite(x):
        raise ValueError(f"cannot round a non-finite number: {x!r}")
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _get(x: Any, name: str) -> Any:
    out = x.get(name) if isinstance(x, Mapping | pd.Series) else getattr(x, name, None)
    return None if out is None or (not isinstance(out, str) and pd.isna(out)) else out


def _sig_text(v: float, sig: int) -> str:
    """Format ``v`` rounded to ``sig`` significant digits, with thousands separators."""
    r = round_sig(v, sig)
    if r == int(r):
        return f"{r:,.0f}"
    return f"{r:,.{max(0, sig - 1 - math.floor(math.log10(abs(r))))}f}"


def qualified(x: Any, fmt: str | None = None, *, sig: int | None = None) -> str:
    """Say a number together with how it is bounded.

    Parameters
    ----------
    x : gba.Bounded, mapping or pandas.Series
        Anything with ``value`` and ``qualifier`` (a row of
        :func:`gba.load_indicators` or :func:`gba.derived_indicators`, or a
        :class:`gba.Bounded`). A range needs its ends: ``low`` and ``high``
        (derived rows, ``Bounded``) or ``value`` and ``value_high`` (indicator rows).
    fmt : str, optional
        Format specification for the numbers (``",.2f"``, ``"g"``, ``".0%"`` …).
        Default: ``",.2f"``; with ``sig``, just the decimals that ``sig``
        significant digits need (none for a whole number).
    sig : int, optional
        Round to this many significant digits before formatting (a total
        stated as "超过3.7亿元" does not support nine digits of its average).

    Returns
    -------
    str
        ``"116.73"`` (exact), ``"at least 116.73"`` (lower bound), ``"at most
        942.49"`` (upper bound), ``"about 345,721.69"`` (approximate), ``"5.00 to
        10.00"`` (range) or ``"116.73 (unbounded)"``.

    Raises
    ------
    ValueError
        For a missing value, an unknown qualifier or a range without its ends.

    Examples
    --------
    >>> from gba.analysis.bounded import Bounded
    >>> qualified(Bounded.exact(1.18e8) / Bounded.lower(125200))
    'at most 942.49'
    >>> qualified({"value": 1.08126501e8, "qualifier": "lower"}, ",.0f", sig=3)
    'at least 108,000,000'
    >>> values = (25.9474, 36.0, 13.7, 0.0123456)
    >>> [qualified({"value": v, "qualifier": "exact"}, sig=4) for v in values]
    ['25.95', '36', '13.70', '0.01235']
    >>> qualified({"value": 5.0, "value_high": 10.0, "qualifier": "range"}, "g")
    '5 to 10'
    >>> qualified({"value": 188, "qualifier": "exact"}, "g")
    '188'
    """
    value, qualifier = _get(x, "value"), _get(x, "qualifier")
    if value is None:
        raise ValueError(f"no value to format in {x!r}")
    if qualifier is None:
        raise ValueError(f"no qualifier in {x!r} (expected exact, lower, upper, approx or range)")

    def num(v: float) -> str:
        if sig and fmt is None:
            return _sig_text(float(v), sig)
        return format(round_sig(float(v), sig) if sig else float(v), fmt or ",.2f")

    if qualifier == "exact":
        return num(value)
    if qualifier in _BOUND_WORD:
        return _BOUND_WORD[qualifier] + num(value)
    if qualifier == "unbounded":
        return f"{num(value)} (unbounded)"
    if qualifier == "range":
        if _get(x, "value_high") is not None:  # an indicator row: value-value_high
            low, high = value, _get(x, "value_high")
        else:  # a derived row or a Bounded: low-high
            low, high = _get(x, "low"), _get(x, "high")
        if low is None or high is None:
            raise ValueError(f"a range needs its ends (low/high or value/value_high): {x!r}")
        return f"{num(low)} to {num(high)}"
    expected = "exact, lower, upper, approx, range or unbounded"
    raise ValueError(f"unknown qualifier {qualifier!r} (expected {expected})")


def tally(values: Iterable[Any], labels: Mapping[Any, str] | None = None) -> str:
    """Count the values and say the counts, most frequent first.

    Parameters
    ----------
    values : iterable
        The values to count (a column, say). Missing values are counted as
        ``"missing"``, never dropped.
    labels : mapping, optional
        Display label of each value; a value without one keeps its own name.

    Returns
    -------
    str
        ``"<count> <value>"`` items joined by ``", "``; by decreasing count,
        ties in order of first appearance.

    Examples
    --------
    >>> tally(["b", "a", "b", None, "a", "c"])
    '2 b, 2 a, 1 missing, 1 c'
    >>> tally(["hk", "mo", "hk"], labels={"hk": "Hong Kong"})
    '2 Hong Kong, 1 mo'
    >>> tally([])
    ''
    """
    counts: dict[Any, int] = {}
    for v in values:
        key = "missing" if v is None or (not isinstance(v, str) and pd.isna(v)) else v
        counts[key] = counts.get(key, 0) + 1
    order = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: ties keep first appearance
    labels = labels or {}
    return ", ".join(f"{n} {labels.get(v, v)}" for v, n in order)


def n_of(part: int, whole: int, fmt: str = ".0%", *, noun: str | None = None) -> str:
    """Say a part of a whole with its share: ``"23 of 102 (23%)"``.

    Parameters
    ----------
    part, whole : int
        Counts, ``0 <= part <= whole`` and ``whole > 0``.
    fmt : str, optional
        Format of the share.
    noun : str, optional
        What is counted, in the plural (``"cases"``): ``"18 of 20 cases (90%)"``.

    Raises
    ------
    ValueError
        If the counts do not make a part of a whole.

    Examples
    --------
    >>> n_of(2, 3), n_of(2, 3, ".1%")
    ('2 of 3 (67%)', '2 of 3 (66.7%)')
    >>> n_of(1, 20, noun="cases")
    '1 of 20 cases (5%)'
    """
    part, whole = int(part), int(whole)
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(
            f"{part} of {whole} is not a part of a whole (expected 0 <= part <= whole)"
        )
    whole_text = f"{whole} {noun}" if noun else f"{whole}"
    return f"{part} of {whole_text} ({format(part / whole, fmt)})"


def case_names(ids: Iterable[int], names: Mapping[int, str] | pd.Series | None = None) -> str:
    """Name cases by short label and number, e.g. ``"Qingmao Port (7)"``.

    Parameters
    ----------
    ids : iterable of int
        Case ids, in the order to list them.
    names : mapping or pandas.Series, optional
        Label by case id (default: ``short_en`` of :func:`gba.load_cases`;
        pass ``short_zh`` for Chinese labels).

    Raises
    ------
    ValueError
        For a case id without a label.

    Examples
    --------
    >>> case_names([7, 9])
    'Qingmao Port (7), Extraterritorial law ascertainment (9)'
    >>> case_names([2], {2: "大湾区律师"})
    '大湾区律师 (2)'
    """
    if names is None:
        from gba.datasets.cases import load_cases

        names = load_cases()["short_en"]
    out = []
    for i in ids:
        key = int(i)
        if key not in names:
            raise ValueError(f"no label for case {key}")
        out.append(f"{names[key]} ({key})")
    return ", ".join(out)


def in_context(text: str, start: int, end: int, width: int = 20) -> str:
    """Show ``text[start:end]`` in 【brackets】 with up to ``width`` characters either side.

    An ellipsis marks a side where the text goes on. Offsets are into the clean
    case text, as everywhere in :mod:`gba`.

    Parameters
    ----------
    text : str
        The clean case text.
    start, end : int
        Half-open span, ``0 <= start <= end <= len(text)``.
    width : int, optional
        Characters of context either side.

    Raises
    ------
    ValueError
        If the span is not inside the text.

    Examples
    --------
    >>> in_context("口岸开通一周年验放量已超1000万人次", 10, 19, width=3)
    '…验放量【已超1000万人次】'
    """
    start, end = int(start), int(end)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is not inside a text of length {len(text)}")
    a, b = max(0, start - width), min(len(text), end + width)
    return (
        f"{'…' if a > 0 else ''}{text[a:start]}【{text[start:end]}】"
        f"{text[end:b]}{'…' if b < len(text) else ''}"
    )


def bullets(items: Iterable[str]) -> str:
    """Join sentences into a Markdown bullet list (one ``- item`` per line).

    Examples
    --------
    >>> print(bullets(["one", "two"]))
    - one
    - two
    """
    return "\n".join(f"- {item}" for item in items)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """Say a count with its noun, singular for exactly one: ``"1 case"``, ``"3 cases"``.

    Parameters
    ----------
    n : int
        The count.
    singular : str
        The noun for one.
    plural : str, optional
        The noun for any other count (default: ``singular + "s"``).

    Examples
    --------
    >>> counted(1, "case"), counted(0, "case"), counted(2, "body", "bodies")
    ('1 case', '0 cases', '2 bodies')
    """
    n = int(n)
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def listing(items: Iterable[Any], conjunction: str = "and", *, empty: str = "") -> str:
    """Join items as English prose: ``"a"``, ``"a and b"``, ``"a, b and c"`` (``empty`` if none).

    Examples
    --------
    >>> listing(["Hong Kong"]), listing(["Hong Kong", "Macao"])
    ('Hong Kong', 'Hong Kong and Macao')
    >>> listing(["outcomes", "outputs", "inputs"], "or")
    'outcomes, outputs or inputs'
    >>> listing([]), listing([], empty="no zone")
    ('', 'no zone')
    """
    words = [str(i) for i in items]
    if not words:
        return empty
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def amount(
    x: Any,
    unit: str,
    fmt: str | None = None,
    *,
    sig: int | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> str:
    """Say a number with its bound and the glossary's words for its unit.

    Parameters
    ----------
    x : gba.Bounded, mapping, pandas.Series or number
        What :func:`qualified` accepts; a plain number is exact.
    unit : str
        A unit code (``person_time``, ``CNY_per_year``, …); its words come from
        the glossary (:func:`gba.unit_words`), singular after exactly 1.
    fmt, sig
        As in :func:`qualified`; with neither, a whole number is written without
        decimals and any other with two.
    data_dir : path-like, optional
        The data folder whose glossary to use.

    Raises
    ------
    KeyError
        For a unit code that is not in the glossary.

    Examples
    --------
    >>> amount({"value": 1e7, "qualifier": "lower"}, "person_time", ",.0f")
    'at least 10,000,000 person-times'
    >>> amount(1, "day", "g"), amount(2.5, "CNY_per_year", "g")
    ('1 day', '2.5 yuan per year')
    >>> amount(3169600.0, "CNY"), amount({"value": 99.79, "qualifier": "approx"}, "percent")
    ('3,169,600 yuan', 'about 99.79 percent')
    """
    from gba.datasets.glossary import unit_words

    if isinstance(x, int | float) and not isinstance(x, bool):
        x = {"value": x, "qualifier": "exact"}
    if fmt is None and sig is None:
        ends = [_get(x, k) for k in ("value", "value_high", "low", "high")]
        whole = all(float(v).is_integer() for v in ends if v is not None and math.isfinite(v))
        fmt = ",.0f" if whole else ",.2f"
    text = qualified(x, fmt, sig=sig)
    one = _get(x, "qualifier") == "exact" and float(_get(x, "value")) == 1
    return f"{text} {unit_words(unit, 1 if one else None, data_dir)}"


class Markdown:
    """Text that Jupyter shows as Markdown (``_repr_markdown_``) and a console as plain text.

    The same protocol as ``IPython.display.Markdown``, without importing
    IPython, so that a notebook cell ending in one shows formatted sentences and
    the stored plain-text output is the sentences themselves.

    Examples
    --------
    >>> m = Markdown("Most cases report **outputs**.")
    >>> m._repr_markdown_()
    'Most cases report **outputs**.'
    >>> m
    Most cases report **outputs**.
    >>> str(m) == m.text
    True
    """

    def __init__(self, text: str) -> None:
        self.text = str(text)

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Markdown) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def markdown(*blocks: str) -> Markdown:
    """Join blocks of Markdown (paragraphs, lists) with blank lines, for display.

    Examples
    --------
    >>> markdown("**Reading.** Two paragraphs in every case.", bullets(["one", "two"]))
    **Reading.** Two paragraphs in every case.
    <BLANKLINE>
    - one
    - two
    """
    return Markdown("\n\n".join(str(b).strip("\n") for b in blocks if str(b).strip()))


def findings(items: Iterable[str], title: str = "Findings", level: int = 2) -> Markdown:
    """List the findings, numbered, under a heading, as Markdown.

    Parameters
    ----------
    items : iterable of str
        One sentence (or short paragraph) per finding, already built from the data.
    title : str, optional
        The heading; empty for none.
    level : int, optional
        Heading level (``2`` gives ``## Findings``).

    Raises
    ------
    ValueError
        For no findings, or a level outside 1–6.

    Examples
    --------
    >>> findings(["18 of 20 cases (90%) state a number.", "Few are dated."])
    ## Findings
    <BLANKLINE>
    1. 18 of 20 cases (90%) state a number.
    2. Few are dated.
    """
    lines = [f"{i}. {item.strip()}" for i, item in enumerate(items, start=1)]
    if not lines:
        raise ValueError("no findings to list")
    if not 1 <= level <= 6:
        raise ValueError(f"heading level must be 1 to 6, not {level}")
    head = f"{'#' * level} {title}" if title else ""
    return markdown(head, "\n".join(lines))


def table(frame: pd.DataFrame, index: bool = True, *, missing: str = "–") -> str:
    """Write a small table as a Markdown (pipe) table, cells as printed by ``str``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; keep it small (a summary, not the data).
    index : bool, optional
        Write the index as the first column (its name as the header).
    missing : str, optional
        What a missing cell shows (default an en dash, so that a reader sees it is empty).

    Examples
    --------
    >>> t = pd.DataFrame({"cases": [14, 6]}, index=pd.Index(["Output", "In|put"], name="role"))
    >>> print(table(t))
    | role | cases |
    |---|---|
    | Output | 14 |
    | In\\|put | 6 |
    """

    def cell(x: Any) -> str:
        text = missing if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)
        return text.replace("|", "\\|").replace("\n", " ")

    head = ([cell(frame.index.name or "")] if index else []) + [cell(c) for c in frame.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = ([cell(key)] if index else []) + [cell(x) for x in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# -- growth phrases (notebook 02): bounded rates, multiples and trajectories ----------------------

#: how each source type is said (sources.csv ``source_type``)
SOURCE_TYPE_WORDS = {
    "official_release": "official release",
    "official_statistics": "official statistics",
    "official_media": "official media",
    "media_quoting_official": "media quoting an official",
    "other": "other source",
}


#: an upper end this many times the value bounds nothing a reader can use
NO_BOUND_FACTOR = 100.0


def growth_interval(
    low: float, value: float, high: float, sig: int = 2, unit: str = "", tail: str = ""
) -> str:
    """Say a growth measure by the interval its inputs allow, to ``sig`` significant digits.

    ``low == high`` (at ``sig`` digits): the value; ``high`` infinite: "at
    least <low>"; ``low`` at or below zero, ``high`` finite and ``value``
    positive: "at most <high>"; ``low`` at or below zero and ``high``
    infinite: the value "as stated (the figures bound it in neither
    direction)"; otherwise "<low> to <high>". An upper end more than
    :data:`NO_BOUND_FACTOR` times the value (a rate over the one day a year-dated
    figure allows) is said as no upper bound, a positive lower end below a hundredth
    of the value as zero. ``unit`` follows each number
    (``"%"``), ``tail`` the phrase (``" a year"``).

    Examples
    --------
    >>> growth_interval(43.9, 45.3, math.inf, unit="%", tail=" a year")
    'at least 44% a year'
    >>> growth_interval(71.73, 76.82, 83.14, unit="%", tail=" a year")
    '72% to 83% a year'
    >>> growth_interval(14.09, 14.09, 7.9e22, unit="%", tail=" a year")
    'at least 14% a year'
    >>> growth_interval(-100, 69.17, math.inf, unit="%")
    '69% as stated (the figures bound it in neither direction)'
    >>> growth_interval(1.2, 1.2, 1.2, tail=" years"), growth_interval(0, 942.49, 942.49, sig=3)
    ('1.2 years', 'at most 942')
    """

    def num(v: float) -> str:
        return _sig_text(float(v), sig) + unit

    if high > NO_BOUND_FACTOR * max(abs(value), 1.0):
        high = math.inf
    if 0 < low < value / NO_BOUND_FACTOR:  # as close to zero as a reader can use
        low = 0.0
    if math.isinf(high) and low <= 0:
        return f"{num(value)}{tail} as stated (the figures bound it in neither direction)"
    if math.isinf(high):
        return f"at least {num(low)}{tail}"
    if low == high or num(low) == num(high):
        return num(value) + tail
    if low <= 0 < value <= high:
        return f"at most {num(high)}{tail}"
    return f"{num(low)} to {num(high)}{tail}"


def stated_figure(value: float, qualifier: str, unit_word: str = "", span: str = "") -> str:
    """Say a stated figure as stated (its own digits), with its bound word and unit word.

    An approximate figure whose ``span`` says 近 (将近, 接近) is "nearly", any
    other "about" (see ``docs/manual/growth.md``).

    Examples
    --------
    >>> stated_figure(630, "lower", "people"), stated_figure(164600, "exact")
    ('more than 630 people', '164,600')
    >>> stated_figure(4e10, "approx", "yuan", span="近400亿元")
    'nearly 40,000,000,000 yuan'
    """
    from gba.analysis.bounded import NEARLY

    word = {"lower": "more than ", "upper": "at most ", "approx": "about "}.get(qualifier, "")
    if qualifier == "approx" and span.lstrip().startswith(NEARLY):
        word = "nearly "
    number = f"{value:,.0f}" if float(value) == int(value) else f"{value:,}"
    return f"{word}{number}" + (f" {unit_word}" if unit_word else "")


def trajectory_sentence(row: Mapping[str, Any] | pd.Series, case: str, unit_word: str) -> str:
    """Say how one series grew: from its first to its last observation, with bounds.

    ``row`` is a row of :func:`gba.trajectories` (with ``whole=True`` for a
    whole series); ``case`` names the programme (:func:`case_names`) and
    ``unit_word`` what is counted (:func:`gba.unit_words` of the unit, or the
    series' name). Rates and multiples are
    given to two significant digits (the stated figures have two to four),
    and flows (``measure`` flow) are called a yearly flow.

    Examples
    --------
    >>> import gba
    >>> w = gba.trajectories(whole=True)
    >>> text = trajectory_sentence(w[w["case_id"] == 2].iloc[0], "GBA lawyers (2)", "people")
    >>> text[:72]
    'GBA lawyers (2), people (running total): from 224 (2023-02-28, official '
    >>> text[text.index("×") :]
    '×2.8 in 2.8 years; compound growth at least 44% a year, doubling in at most 1.9 years.'
    >>> text[text.index(", at least ×") :][:16]
    ', at least ×2.8 '
    """
    what = {"cumulative": "running total", "stock": "level", "flow": "yearly flow"}[
        str(row["measure"])
    ]
    first = stated_figure(row["value_from"], str(row["qualifier_from"]))
    last = stated_figure(row["value_to"], str(row["qualifier_to"]))
    src_a = SOURCE_TYPE_WORDS[str(row["source_type_from"])]
    src_b = SOURCE_TYPE_WORDS[str(row["source_type_to"])]
    times = f"{float(row['value_to']) / float(row['value_from']):#.2g}".rstrip(".")
    pair = (str(row["qualifier_from"]), str(row["qualifier_to"]))
    bound = {("exact", "lower"): "at least ", ("lower", "exact"): "at most "}.get(pair, "")
    if pair == ("lower", "lower"):
        times += " as stated"
    rate = growth_interval(row["cagr_low"], row["cagr"], row["cagr_high"], unit="%", tail=" a year")
    years = f"{float(row['years']):#.2g}".rstrip(".")
    text = (
        f"{case}, {unit_word} ({what}): from {first} ({row['date_from']}, {src_a}) to {last} "
        f"({row['date_to']}, {src_b}), {bound}×{times} in {years} years; compound growth {rate}"
    )
    if not pd.isna(row["doubling_years"]) and not math.isinf(row["doubling_high"]):
        doubling = growth_interval(
            row["doubling_low"], row["doubling_years"], row["doubling_high"], tail=" years"
        )
        text += f", doubling in {doubling}"
    return text + "."


def markdown_findings(title: str, items: Iterable[str]) -> str:
    """Return a Markdown section: a bold title line and a bullet list of findings.

    Examples
    --------
    >>> print(markdown_findings("Findings", ["one", "two"]))
    **Findings**
    <BLANKLINE>
    - one
    - two
    """
    return f"**{title}**\n\n{bullets(items)}"
