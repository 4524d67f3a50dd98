"""One regular-expression pass over a text that finds quantities and dates.

Private engine of :func:`gba.extract_quantities`, :func:`gba.parse_quantity`
and :func:`gba.extract_dates`. The pattern matches only a number's core
(digits or Chinese numerals, magnitude, 余/多, unit, range, suffix); prefixed
qualifiers (超, 近, 约 …) are read in Python by looking back from the match, so
that every match starts with a digit or numeral and the regular-expression
engine can skip the rest of the text quickly.

Examples
--------
>>> [q[0] for q in scan("截至2022年底，共30.37万人次，近 400 亿元").quantities]
['30.37万人次', '近 400 亿元']
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from decimal import Context, Decimal, Inexact, localcontext
from typing import NamedTuple

from gba.extract._datepattern import DATE_PATTERN, DATE_RX, DAY_OF_MONTH, date_from_groups
from gba.extract._lexicon import (
    APPROX,
    IDIOMS,
    LOWER,
    PREFIX_BLOCKERS,
    PREFIXES,
    SUFFIXES,
    UNIT_KIND,
    UPPER,
    variants,
)
from gba.extract._numerals import (
    CN_NUMERAL_CHARS,
    SPACE_RUN,
    SPACES,
    ascii_number,
    chinese_to_int,
    magnitude,
    tidy,
    to_simplified,
)

__all__ = ["DATE_RX", "RX", "Scan", "scan"]

_S = SPACE_RUN
_D = "0-9０-９"
_ANUM = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])"
    rf"|[０-９]{{1,3}}(?:[,，][０-９]{{3}})+(?![０-９])"
    rf"|[{_D}]+)(?:[.．][{_D}]+)?"
)
_CNUM = f"[{CN_NUMERAL_CHARS}]+"
_MAG = "(?:[十百万萬亿億]|千(?![瓦米克]))"
_MID = "[余餘多]"


def _alternation(words: list[str]) -> str:
    return "|".join(variants(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_UNIT_WORDS = [u for u in UNIT_KIND if u != "日"]
_UNIT = (
    rf"(?:[个個][多余餘](?:月|[小][时時]|星期|工作日)"  # 3个多月: more than 3 months
    rf"|{_alternation(_UNIT_WORDS)}|日(?={_S}(?:以?[内內]|之[内內])))"
)
_PER = _alternation([u for u, k in UNIT_KIND.items() if k in ("duration", "count", "measure")])
_SUFFIX = _alternation(list(SUFFIXES))
_CONN = "[-－~～〜—–至到]"


def _numtok(p: str) -> str:
    """Match a number: digits or numeral, then 余/多 and magnitude in either order."""
    return (
        rf"(?:(?P<{p}a>{_ANUM})|(?P<{p}c>{_CNUM}))"
        rf"(?:{_S}(?P<{p}m1>{_MID}))?(?:{_S}(?P<{p}g>{_MAG}{{1,3}}))?(?P<{p}m2>{_MID})?"
    )


_QUANTITY = (
    rf"{_numtok('l')}(?:{_S}(?P<lu>{_UNIT})(?P<um>{_MID})?)?"
    rf"(?:{_S}(?P<conn>{_CONN}){_S}{_numtok('h')}"
    rf"(?:{_S}(?P<hu>{_UNIT})|(?<=[万萬亿億千百十])))?"
    rf"(?:{_S}[/／]{_S}(?P<per>{_PER}))?"
    rf"(?:{_S}(?P<suf>{_SUFFIX}))?"
)
_PATTERN = (
    rf"(?P<date>{DATE_PATTERN})"
    rf"|(?P<skip>{'|'.join(IDIOMS)}|十[一二三四五六七八九]五"
    rf"|[{_D}]{{1,2}}{_S}月(?:{_S}{DAY_OF_MONTH}{_S}[日号號])?"
    rf"|[{_D}]{{1,2}}{_S}日(?!{_S}(?:以?[内內]|之[内內]))"
    rf"|[{_D}]+{_S}[号號级級])"
    rf"|(?P<time>[{_D}]{{1,2}}{_S}[时時点點](?!{_S}(?:间|間|代|期|段|候|刻|节|節))"
    rf"(?:{_S}[{_D}]{{1,2}}{_S}分)?)"
    rf"|(?P<pct>百分之{_S}(?:(?P<pa>{_ANUM})|(?P<pc>{_CNUM}))(?:{_S}(?P<psuf>{_SUFFIX}))?)"
    rf"|(?P<q>{_QUANTITY})"
)
#: the master pattern
RX = re.compile(_PATTERN)
# every match starts with one of these characters
_LEAD = re.compile(f"[{_D}{CN_NUMERAL_CHARS}]")
#: dates only (for :func:`gba.parse_date`)

_AS_OF_WORDS = ("截至", "截止", "截止到", "截止至", "截至到")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_LEAD = frozenset("第" + CN_NUMERAL_CHARS + "0123456789０１２３４５６７８９.．")
_ARTICLES = frozenset("一壹二贰貳")  # 一个 "a", 二次 "secondary": not counts
_MAG_START = frozenset("百佰千仟万萬亿億")
_INDEFINITE = frozenset("几幾数數")  # 几十家, 数百人
_MINUS = frozenset("-－−")
_CURRENCY = re.compile(r"(HK[$＄]|US[$＄]|MOP[$＄]?|RMB|[¥￥])[ \u3000]?$")
_CURRENCY_UNIT = {"HK$": "港元", "US$": "美元", "MOP$": "澳门元", "MOP": "澳门元", "RMB": "元",
                  "¥": "元", "￥": "元"}  # fmt: skip
_CURRENCY_END = frozenset("$＄PB¥￥ \u3000")
# what may stand before a minus sign (增长-5%, 为-3.2%); elsewhere "-" joins words or ranges
_SIGN_CONTEXT = frozenset("为為了是长長比率：:（(，,、=＝ \u3000\n")
_PREFIX_BY_LEN = sorted(
    ((len(p), variants(p), q) for p, q in PREFIXES.items()), key=lambda t: -t[0]
)
_PREFIX_RX = {
    n: re.compile("|".join(f"(?:{v})" for m, v, _ in _PREFIX_BY_LEN if m == n))
    for n in {t[0] for t in _PREFIX_BY_LEN}
}
_PREFIX_Q = {to_simplified(p): q for p, q in PREFIXES.items()}
_SENTENCE_END = re.compile("[。！？!?\n]")

QRow = tuple[str, int, int, Decimal, Decimal | None, str, str, str, str | None]
DRow = tuple[str, int, int, str, str, object, object, bool]


class Scan(NamedTuple):
    """What one pass found."""

    quantities: list[QRow]
    dates: list[DRow]
    rejected: list[tuple[int, int, str]]


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Yield what ``RX.finditer(text)`` yields, faster.

    The pattern is an alternation, for which the regular-expression engine
    cannot skip ahead to the characters a match can start with; it tries
    every position. Jumping between those characters with a one-class search
    first is about five times faster on Chinese prose.
    """
    search, match = _LEAD.search, RX.match
    pos = 0
    while (lead := search(text, pos)) is not None:
        p = lead.start()
        m = match(text, p)
        if m is None:
            pos = p + 1
        else:
            pos = m.end()
            yield m


def _prefix(text: str, start: int, floor: int) -> tuple[int, str | None, str]:
    """Look back from ``start`` for a qualifier word: (new start, qualifier, word)."""
    j = start
    while j > floor and start - j < 3 and text[j - 1] in SPACES:
        j -= 1
    for n in (3, 2, 1):
        i = j - n
        if i < floor:
            continue
        word = text[i:j]
        if _PREFIX_RX[n].fullmatch(word):
            word = to_simplified(word)
            if n == 1 and i > 0 and text[i - 1] in PREFIX_BLOCKERS.get(word, ""):
                return start, None, ""
            return i, _PREFIX_Q[word], word
    return start, None, ""


def _number(a: str | None, c: str | None) -> Decimal | None:
    if a is not None:
        if len(a) > _MAX_DIGITS:
            raise _Rejected(f"a number of more than {_MAX_DIGITS} digits")
        return ascii_number(a)
    n = chinese_to_int(c or "")
    return None if n is None else Decimal(n)


def _combine(*quals: str | None) -> str:
    """Qualifiers in reading order → one: the last bound wins, then approx."""
    bounds = [q for q in quals if q in (LOWER, UPPER)]
    if bounds:
        return bounds[-1]
    return APPROX if APPROX in quals else "exact"


def _mid(m1: str | None, m2: str | None) -> str | None:
    return LOWER if (m1 or m2) else None


class _Rejected(Exception):
    pass


# exact arithmetic: numbers have at most _MAX_DIGITS digits, magnitudes at most 亿亿亿 (1e24)
_MAX_DIGITS = 60
_EXACT = Context(prec=100, traps=[Inexact])


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
    quantities: list[QRow] = []
    dates: list[DRow] = []
    rejected: list[tuple[int, int, str]] = []
    with localcontext(_EXACT):
        _loop(text, whole, as_of_scope, quantities, dates, rejected)
    return Scan(quantities, dates, rejected)


def _loop(
    text: str,
    whole: bool,
    as_of_scope: str,
    quantities: list[QRow],
    dates: list[DRow],
    rejected: list[tuple[int, int, str]],
) -> None:
    as_of: str | None = None
    as_of_until = -1
    floor = 0  # no prefix may reach back before the previous match
    for m in _matches(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "q":
            if start > as_of_until:
                as_of = None
            try:
                rows = _quantities(text, m, floor, whole)
            except _Rejected as why:
                rejected.append((start, end, str(why)))
                floor = end
                continue
            for row in rows:
                quantities.append((*row, as_of))
        elif kind == "date":
            built = date_from_groups(m.groupdict())
            if built is None:
                rejected.append((start, end, "an impossible date"))
            else:
                j = start
                while j > floor and text[j - 1] in SPACES:
                    j -= 1
                is_as_of = any(_ends_with(text, j, w) for w in _AS_OF_WORDS)
                dates.append((m.group(), start, end, *built, is_as_of))
                if is_as_of:
                    as_of = built[0]
                    stop = (
                        text.find("\n", end)
                        if as_of_scope == "paragraph"
                        else (s.start() if (s := _SENTENCE_END.search(text, end)) else -1)
                    )
                    as_of_until = len(text) if stop < 0 else stop
        elif kind == "pct":
            if start > as_of_until:
                as_of = None
            try:
                value = _number(m.group("pa"), m.group("pc"))
            except _Rejected as why:
                rejected.append((start, end, str(why)))
                floor = end
                continue
            if value is None:
                rejected.append((start, end, "not a well-formed Chinese numeral"))
            else:
                s0, pre, _ = _prefix(text, start, floor)
                suf = m.group("psuf")
                qual = _combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
                quantities.append((text[s0:end], s0, end, tidy(value), None, "%", qual,
                                   "percent", as_of))  # fmt: skip
        elif kind == "time":
            rejected.append((start, end, "a time of day, not a quantity"))
        else:
            rejected.append((start, end, _skip_reason(m.group())))
        floor = end


def _ends_with(text: str, j: int, word: str) -> bool:
    """Whether ``text[:j]`` ends with ``word``."""
    return j >= len(word) and text.startswith(word, j - len(word))


def _skip_reason(span: str) -> str:
    if span in IDIOMS:
        return "an idiom, not a quantity"
    if span.startswith("十"):
        return "a five-year plan name (十四五), not a quantity"
    last = span[-1]
    if last in "月日":
        return "a month or day without a year, not a quantity"
    if last in "号號":
        return "a number or document name (号), not a quantity"
    return "a grade or level (级), not a quantity"


def _quantities(text: str, m: re.Match[str], floor: int, whole: bool) -> list[tuple]:
    """Build the quantity (or, for a broken range, the two quantities) of a ``q`` match."""
    g = m.group
    start, end = m.span()
    la, lc = g("la"), g("lc")
    before = text[start - 1] if start else ""
    if before in _NOT_LEAD:
        raise _Rejected("an ordinal (第…), not a quantity" if before == "第" else "mid-number")
    currency = None
    if la is not None and before in _CURRENCY_END:
        # HK$30億, MOP 500, RMB100萬, ￥5
        cur = _CURRENCY.search(text, max(floor, start - 6), start)
        if cur is not None:
            currency, start = _CURRENCY_UNIT[cur.group(1).replace("＄", "$")], cur.start()
            before = text[start - 1] if start else ""
    if la is not None and before in _LATIN and currency is None:
        raise _Rejected("part of a code or name (letters before the number)")
    if lc is not None and before in _INDEFINITE:
        raise _Rejected(f"an indefinite number ({before}{lc}), not a quantity")
    s0, pre, word = _prefix(text, start, floor)
    if lc is not None and lc[0] in _MAG_START:
        # 逾千家, 近万人, 上千家: a bare magnitude after a qualifier; else a word (千万, 百家)
        if (
            pre is None
            and before == "上"
            and start - 1 >= floor
            and (start < 2 or text[start - 2] not in "千百")  # 成千上万, 成百上千
        ):
            s0, pre = start - 1, LOWER
        if pre is None or not all(ch in _MAG_START for ch in lc):
            raise _Rejected("a numeral word without a leading digit (千万, 百家)")
        lo = magnitude(lc)
    else:
        lo = _number(la, lc)
    if lo is None:
        raise _Rejected(f"{lc!r} is not a well-formed Chinese numeral")
    if (
        pre is None
        and la is not None
        and before in _MINUS
        and start - 1 > floor - 1
        and (start < 2 or text[start - 2] in _SIGN_CONTEXT)
    ):
        s0, lo = start - 1, -lo  # 增长-5%
    lu, hu, conn = g("lu"), g("hu"), g("conn")
    unit_raw = hu or lu
    if lc is not None and not whole:
        if unit_raw is None and not conn:
            raise _Rejected("a Chinese numeral without a unit (e.g. 一是, 三地)")
        if lc in _ARTICLES:
            raise _Rejected(f"{lc}{unit_raw} reads as an article or adjective, not a count")
    if la is not None and unit_raw is None and not g("lg") and end < len(text):
        after = text[end]
        if after in _LATIN:
            raise _Rejected("part of a code or name (letters after the number, as in 5G)")
        if currency is None and before in SPACES and start >= 2 and text[start - 2] in _LATIN:
            raise _Rejected("part of a code or name (as in ISO 9001)")
        if (before in "（(" and after in "）)") or (
            after in "、．.)）" and (start == 0 or before == "\n")
        ):
            raise _Rejected("an enumerator, not a quantity")
    lg = g("lg")
    if conn:
        hi = _number(g("ha"), g("hc"))
        hg = g("hg")
        lu_n = to_simplified(lu).replace("％", "%") if lu else None
        hu_n = to_simplified(hu).replace("％", "%") if hu else None
        split = hi is None or (lu_n is not None and hu_n is not None and lu_n != hu_n)
        if not split:
            lo_v = lo * magnitude(lg or hg) if (lg or hg) else lo
            hi_v = hi * magnitude(hg) if hg else hi  # type: ignore[operator]
            split = lo_v >= hi_v
        if split:
            return _split(text, m, floor, whole)
        unit = hu_n or lu_n or ""
        if currency and unit in ("", "元"):
            unit = currency
        if g("per"):
            unit = f"{unit}/{to_simplified(g('per'))}"
        end = _end(text, m, unit)
        return [(text[s0:end], s0, end, tidy(lo_v), tidy(hi_v), unit, "range", _kind(unit))]
    value = lo * magnitude(lg) if lg else lo
    unit = to_simplified(unit_raw).replace("％", "%") if unit_raw else ""
    more = None
    if "多" in unit or "余" in unit:  # 3个多月
        unit, more = unit.replace("多", "").replace("余", ""), LOWER
    if currency and unit in ("", "元"):
        unit = currency
    if g("per"):
        unit = f"{unit}/{to_simplified(g('per'))}"
    if word == "近" and _kind(unit) == "duration" and not (lc and lc[0] in _MAG_START):
        s0, pre = start, None  # 近5年 is "the last five years", not "nearly"
    end = _end(text, m, unit)
    suf = g("suf") if end == m.end() else None
    if g("um") and end > m.start("um"):
        more = LOWER  # 3年多: 多 after a duration
    qual = _combine(
        _mid(g("lm1"), g("lm2")), more, pre, SUFFIXES[to_simplified(suf)] if suf else None
    )
    return [(text[s0:end], s0, end, tidy(value), None, unit, qual, _kind(unit))]


def _end(text: str, m: re.Match[str], unit: str) -> int:
    """End of the quantity: drop a trailing 多/余 or 内 unless the unit is a duration."""
    if m.group("um") and _kind(unit) != "duration":
        return m.end("lu")
    suf = m.group("suf")
    if suf is None or to_simplified(suf) != "内" or _kind(unit) == "duration":
        return m.end()
    end = m.start("suf")
    while text[end - 1] in SPACES:
        end -= 1
    return end


def _kind(unit: str) -> str:
    if "/" in unit:
        return "rate"
    return UNIT_KIND.get(unit, "number") if unit else "number"


def _split(text: str, m: re.Match[str], floor: int, whole: bool) -> list[tuple]:
    """Read both sides of a broken range ("45天至9天", "5万元至10万人") on their own."""
    out: list[tuple] = []
    left = RX.match(text, m.start(), m.start("conn"))
    if left is not None and left.lastgroup == "q":
        with contextlib.suppress(_Rejected):
            out.extend(_quantities(text, left, floor, whole))
    hstart = m.start("ha") if m.group("ha") is not None else m.start("hc")
    right = RX.match(text, hstart, m.end())
    if right is not None and right.lastgroup == "q":
        with contextlib.suppress(_Rejected):
            out.extend(_quantities(text, right, m.start("conn") + 1, whole))
    return out
