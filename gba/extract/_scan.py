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
import gc
import re
from collections.abc import Iterator
from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from gba.extract._datepattern import (
    DATE_PATTERN,
    DATE_RX,
    DAY_OF_MONTH,
    UNREAD_PART,
    date_from_groups,
)
from gba.extract._lexicon import (
    APPROX,
    CURRENCY,
    IDIOMS,
    LOWER,
    NEGATIONS,
    PREFIX_BLOCKERS,
    PREFIXES,
    SUFFIXES,
    UNIT_ALIAS,
    UNIT_KIND,
    UPPER,
    variants,
)
from gba.extract._numerals import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    INVISIBLE,
    SPACE_RUN,
    SPACES,
    THOUSANDS_SPACES,
    ascii_number,
    chinese_number,
    chinese_to_int,
    magnitude,
    tidy,
    to_simplified,
)
from gba.extract._patterntools import alternation, guard, optional_as_branch

__all__ = ["DATE_RX", "RX", "Scan", "gc_paused", "scan"]

_S = SPACE_RUN
_D = "0-9０-９"
_Z = INVISIBLE
_ANUM = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])"
    rf"|[0-9]{{1,3}}(?:[{THOUSANDS_SPACES}][0-9]{{3}})+(?![0-9])"
    rf"|[０-９]{{1,3}}(?:[,，][０-９]{{3}})+(?![０-９])"
    rf"|[{_D}]+(?:[{_Z}]+[{_D}]+)*)(?:[.．][{_D}]+)?"
)
_CN_DIGIT = "".join(CN_DIGITS)
# a Chinese numeral, with a decimal part written in digits (十二點四)
_CNUM = f"[{CN_NUMERAL_CHARS}]+(?:[点點][{_CN_DIGIT}]+(?![十百千拾佰仟]))?"


_MONEY = alternation([u for u, k in UNIT_KIND.items() if k == "money"])
# 百 before 分比/分点 is part of a unit (3百分比); 千 before 瓦/米/克 too; 兆 is 10^12 only
# before a currency (兆瓦 and 兆赫 are units)
_MAG = (
    f"(?:[十万萬亿億]|百(?!分[比点點])|千(?![瓦米克])"
    f"|兆(?={_S}(?:{_MONEY})|[0-9][0-9,]{{0,4}}[亿億]))"
)
_MID = "[余餘多]"
# 成 is a tenth (三成 = 30 %), with a trailing digit or 半 (七成半 = 75 %, 四成二 = 42 %)
_CHENG = (
    f"成(?:半|[几幾]|[{_CN_DIGIT}](?![{CN_NUMERAL_CHARS}]))?"
    "(?![交为為立员員本果功长長绩績熟都效型本年])"
)

_UNIT_WORDS = list(UNIT_KIND)
_UNIT = (
    rf"{guard([*_UNIT_WORDS, '成'])}"
    rf"(?:[个個][多余餘](?:月|[小][时時]|星期|工作日)"  # 3个多月: more than 3 months
    rf"|{alternation(_UNIT_WORDS)}|{_CHENG})"
)
# words that begin with a unit character but are nouns (2011人口普查, 3人民币 is 人民币)
_NOT_UNIT = "人[才士员員]|次[产產][业業]|[项項]目|[单單]位|度[过過]"
_PER = alternation(
    [u for u, k in UNIT_KIND.items() if k in ("duration", "count", "measure")] + ["月"]
)
_SUFFIX = alternation(list(SUFFIXES))
_CONN = "[-－~～〜—–至到]"
_SIGN = r"(?:HK[$＄]|US[$＄]|MOP[$＄]?|[$＄])"


def _numtok(p: str) -> str:
    """Match a number: digits or numeral, then 余/多 and magnitude in either order.

    After 万 or 亿 a second number of up to four digits may follow (1万3千, 2萬6500).
    """
    return (
        rf"(?:(?P<{p}a>{_ANUM})|(?P<{p}c>{_CNUM}))"
        rf"(?:{_S}(?P<{p}m1>{_MID}))?(?:{_S}(?P<{p}g>{_MAG}{{1,3}})"
        rf"(?:(?:(?<=[万萬])(?P<{p}x>[0-9]{{1,4}})(?![0-9.．])(?P<{p}xg>[千百十]?)"
        rf"|(?<=[亿億兆])(?P<{p}y>[0-9],[0-9]{{3}}|[0-9]{{1,4}})(?![0-9.．])"
        rf"(?P<{p}yg>[千百十万萬亿億]?))(?![万萬亿億兆年月日号號]))?"
        rf"(?:{_S}[（(]兆[）)])?)?(?P<{p}m2>{_MID})?"
    )


_QUANTITY = (
    rf"{_numtok('l')}(?:{_S}(?!{_NOT_UNIT})(?P<lu>{_UNIT})(?P<um>{_MID})?"
    rf"(?:(?<=元)(?P<jiao>[{_CN_DIGIT}0-9])[角毫])?)?"
    rf"(?:{_S}(?P<conn>{_CONN}){_S}{_SIGN}?{_numtok('h')}"
    rf"(?:{_S}(?!{_NOT_UNIT})(?P<hu>{_UNIT})|(?<=[万萬亿億千百十])))?"
    rf"(?:{_S}(?:[/／]|每){_S}(?P<per>{_PER}))?"
    rf"(?:{_S}(?P<suf>{_SUFFIX}))?"
)
_PCT_ITEM = f"(?:{_ANUM}|{_CNUM})"
_LIST_SEP = "(?:[、及和与與或]|以及)"
_YEAR4 = "(?:1[89]|2[01])[0-9]{2}"
_PATTERN = (
    rf"(?P<date>{DATE_PATTERN})"
    rf"|(?P<skip>{'|'.join(IDIOMS)}|十[一二三四五六七八九]五"
    rf"|[{_D}]{{1,2}}{_S}月(?:{_S}{DAY_OF_MONTH}{_S}(?:[日号號]"
    rf"|{_CONN}{_S}{DAY_OF_MONTH}{_S}[日号號]|(?=[及和、])))?"
    rf"|[{_D}]{{1,2}}{_S}世[纪紀]"
    rf"|[{_D}]+{_S}[号號级級]"
    # a congress or session number: 十四屆人大三次會議
    rf"|(?:[0-9]{{1,2}}|[{CN_NUMERAL_CHARS}]{{1,3}})[届屆](?=[^\W\d_])"
    rf"(?:[^\W\d_]{{1,6}}?[{CN_NUMERAL_CHARS}]{{1,3}}次"
    rf"(?:全[体體])?(?:会议|會議|全会|全會))?"
    # a phone number: (852) 2345 6789, 2345 6789
    rf"|85[23][)）]?{_S}[0-9]{{4}}[ -]?[0-9]{{4}}(?![0-9])|[2-9][0-9]{{3}} [0-9]{{4}}(?![0-9])"
    # a holiday named by its date: 10.1黃金周
    rf"|[0-9]{{1,2}}[.．][0-9]{{1,2}}(?=[黄黃]金|[长長]假|小[长長]假|假期)"
    # a fiscal or school year: 2023/24年度, 2022-23學年
    rf"|(?:{_YEAR4}|[0-9]{{2}})[/／-](?:{_YEAR4}|[0-9]{{2}})"
    rf"(?={_S}(?:年度|[财財]政年度|[学學]年|[财財]年))"
    # a span of years written short (2026至29年) and a span of months (5至6月)
    rf"|{_YEAR4}{_S}{_CONN}{_S}[0-9]{{2}}{_S}年(?!度)"
    rf"|[{_D}]{{1,2}}{_S}{_CONN}{_S}[{_D}]{{1,2}}{_S}月"
    # a year followed by a part of it that is not read (2023年前三季度, 2023年1-9月)
    rf"|{_YEAR4}{_S}年{_S}(?:{UNREAD_PART})(?:{_S}度)?)"
    rf"|(?P<time>[{_D}]{{1,2}}{_S}[时時点點](?!{_S}(?:间|間|代|期|段|候|刻|节|節))"
    rf"(?:{_S}[{_D}]{{1,2}}{_S}分)?)"
    rf"|(?P<pct>(?P<pk>[百千])[分份]之?{_S}(?P<pn>{_PCT_ITEM})(?:{_S}(?P<psuf>{_SUFFIX}))?"
    rf"(?P<plist>(?:{_S}{_LIST_SEP}{_S}(?:百分之)?{_PCT_ITEM}"
    rf"(?=[、及和与與或。；;：:）)」』,，\s]|以及|$))*))"
    rf"|(?P<frac>(?:(?P<fna>[0-9]{{1,3}})[/／](?P<fda>[0-9]{{1,3}})(?![0-9./／年月日]|{_S}[号號])"
    rf"|(?P<fdc>[{CN_NUMERAL_CHARS}]+)[分份]之{_S}(?P<fnc>{_CNUM})"
    # 三分一 (Hong Kong usage): a one-digit denominator, no 之
    rf"|(?P<fdc2>[二三四五六七八九])分(?P<fnc2>[一二三四五六七八九])(?![{CN_NUMERAL_CHARS}点點]))"
    rf"(?:{_S}(?P<fsuf>{_SUFFIX}))?)"
    rf"|(?P<half>半(?:成|(?P<halfu>[个個]月|[个個]?小[时時]|[个個]?星期|年|天|日)))"
    rf"(?:{_S}(?P<hsuf>{_SUFFIX}))?"
    rf"|(?P<q>{_QUANTITY})"
)
#: the master pattern (as written in _PATTERN, run faster: see _patterntools)
RX = re.compile(optional_as_branch(_PATTERN))
# every match starts with one of these characters
_LEAD = re.compile(f"[{_D}{CN_NUMERAL_CHARS}半]")
#: dates only (for :func:`gba.parse_date`)

_AS_OF_WORDS = ("截至", "截止", "截止到", "截止至", "截至到")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_LEAD = frozenset("第" + CN_NUMERAL_CHARS + "0123456789０１２３４５６７８９.．")
_ARTICLES = frozenset("一壹二贰貳")  # 一个 "a", 二次 "secondary": not counts
_MAG_START = frozenset("百佰千仟万萬亿億")
_INDEFINITE = frozenset("几幾数數")  # 几十家, 数百人
_MINUS = frozenset("-－−")
_CURRENCY = re.compile(r"(HK[$＄]|US[$＄]|MOP[$＄]?|RMB|[¥￥$＄])[ \u3000]?$")
_CURRENCY_UNIT = {"HK$": "港元", "US$": "美元", "MOP$": "澳门元", "MOP": "澳门元", "RMB": "元",
                  "¥": "元", "￥": "元", "$": "港元"}  # fmt: skip
_CURRENCY_END = frozenset("$＄PB¥￥ \u3000")
_RENMINBI = re.compile(f"{_S}(?:人民[币幣]|RMB)")
_RENMINBI_FIRST = frozenset(SPACES + "人R")
# what may stand before a minus sign (增长-5%, 为-3.2%); elsewhere "-" joins words or ranges
_SIGN_CONTEXT = frozenset("为為了是长長比率：:（(，,、=＝ \u3000\n")
_SIGN_WORD = {"负": -1, "負": -1, "正": 1}
_SHARES = frozenset(("percent", "percentage_point"))
# before a number without unit: a figure, table or annex number (圖3, 表 2)
_FIGURE_WORDS = ("图", "圖", "表", "附件", "附录", "附錄")
_FIGURE_LAST = frozenset(w[-1] for w in _FIGURE_WORDS)  # a quick first test
_ENUM_AFTER = frozenset("、．.")
_ENUM_BEFORE = frozenset("\n：:；;。，,）)」 \u3000\t")
_BRACKETS = {"[": "]", "［": "］", "【": "】"}
# words before 日 that make it a duration (连续三日, 提前二十日); otherwise a small whole
# number of 日 is a day of the month (5日上午)
_DAY_DURATION = re.compile(
    "(?:连续|連續|为期|為期|历时|歷時|需时|需時|提前|延长|延長|长达|長達|耗时|耗時|一连|一連"
    "|每|共|需|需要|用|等候|轮候|輪候|停留|逗留|最长|最長|最短|仅|僅|只|足足|过去|過去)$"
)
_CHANGE = re.compile(
    "(?:增加|增长|增長|上升|下降|下跌|减少|減少|回落|回升|提高|降低|升|跌|降|增|减|減)$"
)
# 8日长假, 一連八日的「國慶黃金周」: a number of days of a holiday
_HOLIDAY = re.compile("[黄黃]金[周週]|[长長]假|假期")
_DAY_DATE_AFTER = frozenset("起上下晚凌早中夜前后後电電讯訊")
_LIST_GAP = re.compile(f"{_S}{_LIST_SEP}{_S}")
_PCT_ITEM_RX = re.compile(
    f"(?:百分之{_S})?(?:(?P<a>{_ANUM})|(?P<c>{_CNUM}))(?:{_S}(?P<suf>{_SUFFIX}))?"
)
_PREFIX_BY_LEN = sorted(
    ((len(p), variants(p), q) for p, q in PREFIXES.items()), key=lambda t: -t[0]
)
_PREFIX_RX = {
    n: re.compile("|".join(f"(?:{v})" for m, v, _ in _PREFIX_BY_LEN if m == n))
    for n in {t[0] for t in _PREFIX_BY_LEN}
}
_PREFIX_LENS = sorted(_PREFIX_RX, reverse=True)
# the last characters of the qualifier words, in either script (a quick first test)
_PREFIX_LAST = frozenset(ch for p in PREFIXES for ch in re.sub(r"[\[\]]", "", variants(p[-1])))
_PREFIX_Q = {to_simplified(p): q for p, q in PREFIXES.items()}
_NEG_RX = {
    n: re.compile("|".join(variants(w) for w in NEGATIONS if len(w) == n))
    for n in {len(w) for w in NEGATIONS}
}
_FLIP = {LOWER: UPPER, UPPER: LOWER}
# letters that end a qualifier's reach (最多的3个 is "the 3 with the most")
_GAP_STOP = frozenset("的之是为為年月日时時")
_SENTENCE_END = re.compile("[。！？!?\n]")

# text, start, end, value, value_high, unit, qualifier, kind, currency, as_of
QRow = tuple[str, int, int, Decimal | Fraction, Decimal | Fraction | None, str, str, str,
             str | None, str | None]  # fmt: skip
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


def _word_before(text: str, j: int, floor: int) -> tuple[int, str, str] | None:
    """Return the qualifier word ending at ``j``: (its start, qualifier, word), or None."""
    if j <= floor or text[j - 1] not in _PREFIX_LAST:
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
                return outer[0], _combine(outer[1], _PREFIX_Q[word]), word
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
        if not ch.isalpha() or ch.isascii() or ch in _GAP_STOP:
            return None
        if text[k - 1] not in _PREFIX_LAST:
            continue
        found = _word_before(text, k, floor)
        if found is not None and len(found[2]) >= 2:
            return found
    return None


def _prefix(text: str, start: int, floor: int) -> tuple[int, str | None, str]:
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
        i, qual = outer[0], _combine(outer[1], qual)
    if qual in _FLIP and word.lstrip("~")[0] not in "不未没":
        for n in (2, 1):
            if i - n >= floor and _NEG_RX[n].fullmatch(text, i - n, i):
                i, qual = i - n, _FLIP[qual]
                break
    return i, qual, word


def _number(a: str | None, c: str | None) -> Decimal | None:
    if a is not None:
        if len(a) > _MAX_DIGITS:
            raise _Rejected(f"a number of more than {_MAX_DIGITS} digits")
        return ascii_number(a)
    return chinese_number(c or "")


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
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


# exact arithmetic: numbers have at most _MAX_DIGITS digits; larger values are not read
_MAX_DIGITS = 60
_TOO_LARGE = Decimal(10) ** _MAX_DIGITS
_EXACT = Context(prec=200, traps=[Inexact])


def _exact(value: Decimal | Fraction) -> Decimal | Fraction:
    """Return the value as a Decimal, or as a Fraction when it is not a finite decimal."""
    if type(value) is not Decimal and isinstance(value, Fraction):  # isinstance is slow here
        den = value.denominator
        for p in (2, 5):
            while den % p == 0:
                den //= p
        if den != 1:
            return value
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if value.adjusted() >= _MAX_DIGITS and abs(value) >= _TOO_LARGE:  # adjusted(): fast
        raise _Rejected(f"a number of more than {_MAX_DIGITS} digits")
    return tidy(value)


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
    with localcontext(_EXACT), gc_paused():
        _loop(text, whole, as_of_scope, quantities, dates, rejected)
    return Scan(quantities, dates, rejected)


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
# start: the code reads at most text[floor - 1] through floor-bounded look-backs (_prefix,
# _word_before, the currency sign, the minus sign, 上千) and at most _READ_BEHIND characters
# through the fixed ones (_DAY_DURATION 4, _CHANGE 3, ISO 9001 2, the character before;
# counted from the currency sign when one moves the start back, by up to 6: HK$, MOP$);
# _figure_number skips any run of spaces, then reads a word of up to two characters and the
# character before it (_FIGURE_BEHIND). (The words looked for are not part of a match, so
# text[floor - 1:] already holds them; the fixed bounds are a margin no test can tell from
# it.) After the match end: the code reads at most 6
# characters (_HOLIDAY, 人民币 after up to three spaces, 口, the character after); the match
# itself is fixed by the text from lo to its end plus the longest lookahead of RX (19
# characters; its lookbehinds reach one character): a path through the pattern succeeds or
# fails by the characters it consumes and its lookarounds alone, so if two texts share the
# window and hold a match of the same span, each one's first successful path also succeeds
# in the other: it is the same path, with the same groups. tests/test_scan_memo.py checks
# the reach of the lookarounds and compares memoised and plain readings.
_READ_BEHIND = 10
_FIGURE_BEHIND = 1 + max(len(w) for w in _FIGURE_WORDS)
_READ_AHEAD = 24
_MEMO_SPAN = 48  # longer windows (a long gap since the previous match) are read each time
_MEMO_SIZE = 4096  # windows kept at most (a repeated pattern needs few)
_MEMO_GAP = 4  # the memo serves matches at most this far after the previous one (dense text)


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
    quantities: list[QRow],
    dates: list[DRow],
    rejected: list[tuple[int, int, str]],
) -> None:
    as_of: str | None = None
    as_of_until = -1
    stops = _Stops(text, re.compile("\n") if as_of_scope == "paragraph" else _SENTENCE_END)
    floor = 0  # no prefix may reach back before the previous match
    rows: list[tuple] = []  # (row without as_of, qualifier from a prefix word)
    memo: dict[tuple, str | tuple[int, list[tuple]]] = {}  # window → reason rejected, or (lo, rows)
    n_text = len(text)
    for m in _matches(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "date":
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
                    as_of_until = stops.after(end)
            floor = end
            continue
        if kind in ("time", "skip"):
            reason = _skip_reason(m.group()) if kind == "skip" else "a time of day, not a quantity"
            rejected.append((start, end, reason))
            if reason.startswith("a part of a year") and any(
                _ends_with(text, start, w) for w in _AS_OF_WORDS
            ):
                as_of, as_of_until = None, -1  # 截至2023年前三季度: an as-of date not read
            floor = end
            continue
        if start > as_of_until:
            as_of = None
        # the reading depends only on text[lo:hi], on where start, end and floor lie in it,
        # and on whether it begins or ends the text (see _READ_AHEAD): read it once per window
        key = None
        lo = hi = 0
        if start - floor <= _MEMO_GAP:  # dense text, where windows may come back
            j = start
            while j > 0 and text[j - 1] in SPACES:
                j -= 1
            lo = floor - 1  # max(0, min(floor - 1, start - _READ_BEHIND, j - _FIGURE_BEHIND))
            if start - _READ_BEHIND < lo:
                lo = start - _READ_BEHIND
            if j - _FIGURE_BEHIND < lo:
                lo = j - _FIGURE_BEHIND
            if lo < 0:
                lo = 0
            hi = end + _READ_AHEAD
        if 0 < hi - lo <= _MEMO_SPAN:
            key = (text[lo:hi], start - lo, end - lo, floor - lo, lo == 0, hi >= n_text)
            read = memo.get(key)
            if read is not None:
                if type(read) is str:
                    rejected.append((start, end, read))
                else:
                    shift = lo - read[0]
                    for row, pre in read[1]:
                        rows.append(
                            ((row[0], row[1] + shift, row[2] + shift, *row[3:]), pre, as_of)
                        )
                floor = end
                continue
        try:
            checked = _read(text, m, kind, floor, whole)  # type: ignore[arg-type]
        except (_Rejected, Inexact) as why:
            reason = str(why) if isinstance(why, _Rejected) else "a number too long to be exact"
            rejected.append((start, end, reason))
            if key is not None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = reason
            floor = end
            continue
        if key is not None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()  # text that does not repeat: keep the memo (and its cost) small
            memo[key] = (lo, checked)
        for row, pre in checked:
            rows.append((row, pre, as_of))
        floor = end
    _lists(text, rows)
    quantities.extend((*row, as_of) for row, _, as_of in rows)


def _read(text: str, m: re.Match[str], kind: str, floor: int, whole: bool) -> list[tuple]:
    """Read a q, pct, frac or half match: [(row of nine fields, qualifier word's reading)]."""
    if kind == "q":
        found = _quantities(text, m, floor, whole)
    elif kind == "pct":
        found = _percentages(text, m, floor)
    else:
        found = _share(text, m, floor)
    return [(_checked(row), row[9]) for row in found]


def _checked(row: tuple) -> tuple:
    """Return the row's first nine fields, values made exact (Decimal, or Fraction for a third)."""
    high = row[4]
    return (row[0], row[1], row[2], _exact(row[3]), None if high is None else _exact(high),
            row[5], row[6], row[7], row[8])  # fmt: skip


def _lists(text: str, rows: list[tuple]) -> None:
    """Apply a unit or a qualifier word that governs a list to each item.

    ``1,000及1,200港元``: the bare 1,000 takes 港元 from the item after it;
    ``超過30%、20%及10%``: the later items take the qualifier word of the first.
    """
    for k in range(len(rows) - 2, -1, -1):
        (r1, p1, a1), (r2, p2, a2) = rows[k], rows[k + 1]
        if (
            r1[5] == ""
            and r2[5] != ""
            and r1[4] is None
            and r2[7] != "rate"
            and _LIST_GAP.fullmatch(text, r1[2], r2[1])  # the cheap tests first
        ):
            rows[k] = ((*r1[:5], r2[5], r1[6], r2[7], r2[8]), p1, a1)
    for k in range(1, len(rows)):
        (r1, p1, a1), (r2, p2, a2) = rows[k - 1], rows[k]
        if (
            p1 is not None
            and p2 is None
            and r2[6] == "exact"
            and r1[6] == p1
            and _LIST_GAP.fullmatch(text, r1[2], r2[1])
        ):
            rows[k] = ((*r2[:6], p1, *r2[7:]), p1, a2)


def _ends_with(text: str, j: int, word: str) -> bool:
    """Whether ``text[:j]`` ends with ``word``."""
    return j >= len(word) and text.startswith(word, j - len(word))


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


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
def _unit(raw: str | None) -> str:
    """Return the unit in simplified script, aliases resolved (港幣 → 港元)."""
    if not raw:
        return ""
    unit = to_simplified(raw).replace("％", "%")
    return UNIT_ALIAS.get(unit, unit)


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
def _currency(unit: str, stated: str | None) -> str | None:
    """ISO 4217 code of a money unit (a bare 元 states no currency unless 人民币 does)."""
    base = unit.split("/")[0]
    if UNIT_KIND.get(base) != "money":
        return None
    return stated or CURRENCY.get(base)


def _percentages(text: str, m: re.Match[str], floor: int) -> list[tuple]:
    """百分之三十 (and a list it governs: 百分之三十、十二點五及八) → rows in %."""
    unit = "%" if m.group("pk") == "百" else "‰"
    start = m.start()
    s0, pre, _ = _prefix(text, start, floor)
    out = []
    first = True
    for item in _PCT_ITEM_RX.finditer(text, m.start("pn"), m.end()):
        c = item.group("c")
        value = Decimal(100) if c in ("百", "佰") else _number(item.group("a"), c)
        if value is None:
            if first:
                raise _Rejected("not a well-formed Chinese numeral")
            break
        suf = item.group("suf")
        qual = _combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
        i0 = s0 if first else item.start()
        out.append((text[i0 : item.end()], i0, item.end(), value, None, unit, qual, "percent",
                    None, pre))  # fmt: skip
        first = False
    return out


def _share(text: str, m: re.Match[str], floor: int) -> list[tuple]:
    """三分之二 (200/3 %), 1/4 (25 %), 半成 (5 %): a share in per cent."""
    start, end = m.span()
    if m.group("half"):
        before = text[start - 1] if start else ""
        if before and before in "上下一大多过過前后後":
            raise _Rejected("a half that is not a quantity (上半年, 一半, 大半年)")
        s0, pre, _ = _prefix(text, start, floor)
        unit = _unit(m.group("halfu")) if m.group("halfu") else "%"
        value = Decimal(5) if unit == "%" else Decimal("0.5")
        suf = m.group("hsuf")
        if suf and to_simplified(suf) == "内" and unit == "%":
            end = m.start("hsuf")
            suf = None
        qual = _combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
        return [(text[s0:end], s0, end, value, None, unit, qual, _kind(unit), None, pre)]
    if m.group("fna") is not None:
        before = text[start - 1] if start else ""
        if before and (before in _NOT_LEAD or before in "/／"):
            raise _Rejected("mid-number")
        num, den = int(m.group("fna")), int(m.group("fda"))
        if not 0 < num < den:
            raise _Rejected("a date or a ratio (n/m), not a share")
    else:
        num_d = chinese_number(m.group("fnc") or m.group("fnc2"))
        den_i = chinese_to_int(m.group("fdc") or m.group("fdc2"))
        if num_d is None or den_i is None or den_i == 0:
            raise _Rejected("not a well-formed Chinese fraction")
        return _share_row(text, m, floor, Fraction(num_d) / den_i)
    return _share_row(text, m, floor, Fraction(num, den))


def _share_row(text: str, m: re.Match[str], floor: int, share: Fraction) -> list[tuple]:
    s0, pre, _ = _prefix(text, m.start(), floor)
    suf = m.group("fsuf")
    qual = _combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
    end = m.end()
    return [(text[s0:end], s0, end, share * 100, None, "%", qual, "percent", None, pre)]


def _cheng(value: Decimal, unit_raw: str) -> Decimal:
    """三成 → 30, 七成半 → 75, 四成二 → 42 (per cent)."""
    rest = unit_raw[1:]
    if rest in ("几", "幾"):
        return value * 10
    extra = Decimal(5) if rest == "半" else Decimal(CN_DIGITS[rest]) if rest else Decimal(0)
    return value * 10 + extra


def _quantities(text: str, m: re.Match[str], floor: int, whole: bool) -> list[tuple]:
    """Build the quantity (or, for a broken range, the two quantities) of a ``q`` match."""
    g = m.group
    start, end = m.span()
    # the groups read on every match, fetched in one call
    la, lc, lg, lu, hu, conn, per, suf, um, lm1, lm2 = g(
        "la", "lc", "lg", "lu", "hu", "conn", "per", "suf", "um", "lm1", "lm2"
    )
    before = text[start - 1] if start else ""
    if before in _NOT_LEAD:
        raise _Rejected("an ordinal (第…), not a quantity" if before == "第" else "mid-number")
    currency = stated = None
    if la is not None and before in _CURRENCY_END:
        # HK$30億, MOP 500, RMB100萬, ￥5, $25萬
        cur = _CURRENCY.search(text, max(floor, start - 6), start)
        if cur is not None:
            sign = cur.group(1).replace("＄", "$")
            currency, start = _CURRENCY_UNIT[sign], cur.start()
            stated = "CNY" if currency == "元" else None
            before = text[start - 1] if start else ""
    if la is not None and before in _LATIN and currency is None:
        raise _Rejected("part of a code or name (letters before the number)")
    if la is not None and currency is None and _figure_number(text, start):
        raise _Rejected("a figure or table number, not a quantity")
    if lc is not None and before in _INDEFINITE:
        raise _Rejected(f"an indefinite number ({before}{lc}), not a quantity")
    if lc is not None and before == "初":
        raise _Rejected("a day of the lunar month (初六), not a quantity")
    big = lc is not None and (any(ch in "万萬亿億" for ch in lc) or bool(lg and any(
        ch in "万萬亿億" for ch in lg)))  # fmt: skip
    if big:
        whole = True  # 二億八千萬, 十多萬, 约十万: a numeral with 万 or 亿 needs no unit
    if lc is not None and not whole and lc[0] not in _MAG_START and not (lu or conn):
        raise _Rejected("a Chinese numeral without a unit (e.g. 一是, 三地)")
    s0, pre, word = _prefix(text, start, floor)
    if word.startswith("~") and (lm1 or lm2 or um or suf):
        s0, pre = start, None  # 最多涵盖130余病种: the number states its own bound
    if lc is not None and lc[0] in _MAG_START:
        # 逾千家, 近万人, 上千家: a bare magnitude after a qualifier; else a word (千万, 百家)
        if (
            pre is None
            and before == "上"
            and start - 1 >= floor
            and (start < 2 or text[start - 2] not in "千百")  # 成千上万, 成百上千
        ):
            s0, pre = start - 1, LOWER
        tail = lc[1:] if len(lc) == 2 and lc[1] in CN_DIGITS and CN_DIGITS[lc[1]] else ""
        if pre is None or not all(ch in _MAG_START for ch in lc[: len(lc) - len(tail)]):
            raise _Rejected("a numeral word without a leading digit (千万, 百家)")
        whole = True  # 逾千三展位: a qualified magnitude needs no unit
        lo = magnitude(lc[0]) if tail else magnitude(lc)
        if tail:  # 逾千三 = 1300
            lo += lo / 10 * CN_DIGITS[tail]
    else:
        lo = _number(la, lc)
    if lo is None:
        raise _Rejected(f"{lc!r} is not a well-formed Chinese numeral")
    sign_start = None
    if (
        pre is None
        and la is not None
        and before in _MINUS
        and start - 1 > floor - 1
        and (start < 2 or text[start - 2] in _SIGN_CONTEXT)
    ):
        s0, lo = start - 1, -lo  # 增长-5%
    elif pre is None and before in _SIGN_WORD and start - 1 >= floor:
        sign_start = start - 1  # 負21個百分比, applied below if the unit is a share
    unit_raw = hu or lu
    if lc is not None and not whole:
        if unit_raw is None and not conn:
            raise _Rejected("a Chinese numeral without a unit (e.g. 一是, 三地)")
        if lc in _ARTICLES and pre is None and not (unit_raw or "").startswith("成"):
            raise _Rejected(f"{lc}{unit_raw} reads as an article or adjective, not a count")
    if la is not None and unit_raw is None and not lg:
        _bare_number(text, start, m.end(), la, before, currency, pre, conn)
    if conn:
        hi = _number(g("ha"), g("hc"))
        hg = g("hg")
        lu_n, hu_n = _unit(lu) or None, _unit(hu) or None
        split = hi is None or (lu_n is not None and hu_n is not None and lu_n != hu_n)
        # 减少2 700人至115 700人: "fell by … to …", two quantities
        split = split or (
            lu_n is not None
            and conn in "至到"
            and bool(_CHANGE.search(text, max(0, start - 3), start))
        )
        if not split:
            lo_v = _scaled(lo, lg or hg, g("lx") or g("ly"), g("lxg") or g("lyg"))
            hi_v = _scaled(hi, hg, g("hx") or g("hy"), g("hxg") or g("hyg"))  # type: ignore[arg-type]
            if unit_raw and unit_raw.startswith("成"):
                lo_v, hi_v = _cheng(lo_v, lu or unit_raw[:1]), _cheng(hi_v, unit_raw)
            split = lo_v >= hi_v
        if split:
            return _split(text, m, floor, whole)
        unit = "%" if (unit_raw or "").startswith("成") else (hu_n or lu_n or "")
        if currency and unit in ("", "元"):
            unit = currency
        if per:
            unit = f"{unit}/{_unit(per)}"
        end = _end(text, m, unit)
        if unit == "日":
            _day_of_month(text, m, start, hi_v, pre)  # 14至17日
        cur = _currency(unit, stated or _renminbi(text, end))
        return [(text[s0:end], s0, end, lo_v, hi_v, unit, "range", _kind(unit), cur, pre)]
    value = _scaled(lo, lg, g("lx") or g("ly"), g("lxg") or g("lyg")) if lg else lo
    unit = _unit(unit_raw)
    more = None
    if unit.startswith("成"):
        if unit[1:] in ("几", "幾"):
            more = LOWER  # 三成幾: thirty-odd per cent
        value, unit = _cheng(value, unit), "%"
    if g("jiao"):
        value += Decimal(CN_DIGITS.get(g("jiao")) or int(g("jiao"))) / 10  # 五元五角
    if "多" in unit or "余" in unit:  # 3个多月
        unit, more = unit.replace("多", "").replace("余", ""), LOWER
    if currency and unit in ("", "元"):
        unit = currency
    if per:
        unit = f"{unit}/{_unit(per)}"
    if word == "近" and _kind(unit) == "duration" and not (lc and lc[0] in _MAG_START):
        s0, pre = start, None  # 近5年 is "the last five years", not "nearly"
    if unit == "日" and not whole:
        _day_of_month(text, m, start, value, pre)
    if unit == "人" and text[m.end() : m.end() + 1] == "口" and la is not None and not lg:
        _bare_number(text, start, m.end() - 1, la, before, currency, pre, conn)  # 2011人口普查
    if sign_start is not None and _kind(unit) in _SHARES:
        s0 = sign_start
        value *= _SIGN_WORD[text[sign_start]]
    end = _end(text, m, unit)
    suf = suf if end == m.end() else None
    if um and end > m.start("um"):
        more = LOWER  # 3年多: 多 after a duration
    qual = _combine(_mid(lm1, lm2), more, pre, SUFFIXES[to_simplified(suf)] if suf else None)
    cur = _currency(unit, stated or _renminbi(text, end))
    return [(text[s0:end], s0, end, value, None, unit, qual, _kind(unit), cur, pre)]


def _renminbi(text: str, end: int) -> str | None:
    """CNY if 人民币 follows the unit (億元人民幣), else None."""
    if text[end : end + 1] not in _RENMINBI_FIRST:
        return None  # neither a space nor the first letter of 人民币 or RMB
    return "CNY" if _RENMINBI.match(text, end) else None


def _scaled(n: Decimal, mag: str | None, extra: str | None, extra_mag: str | None) -> Decimal:
    """Return n × magnitude, plus a second number after 万/亿 (1万3千 = 13000)."""
    if not mag:
        return n
    big = magnitude(mag)
    value = n * big
    if extra:
        tail = ascii_number(extra) * (magnitude(extra_mag) if extra_mag else 1)
        unit = magnitude(mag[-1]) if mag[-1] in "万萬亿億" else big
        if tail >= unit:
            raise _Rejected("a second number after 万/亿 that is not smaller than it")
        value += tail
    return value


def _bare_number(
    text: str,
    start: int,
    end: int,
    la: str,
    before: str,
    currency: str | None,
    pre: str | None,
    conn: str | None,
) -> None:
    """Reject Arabic numbers without unit or magnitude that are names, not quantities."""
    after = text[end] if end < len(text) else "\n"
    if after in _LATIN:
        raise _Rejected("part of a code or name (letters after the number, as in 5G)")
    if currency is None and before in SPACES and start >= 2 and text[start - 2] in _LATIN:
        raise _Rejected("part of a code or name (as in ISO 9001)")
    if (before in "（(" and after in "）)") or (
        after in "、．.)）" and (start == 0 or before == "\n")
    ):
        raise _Rejected("an enumerator, not a quantity")
    if currency is not None or pre is not None:
        return
    if _BRACKETS.get(before) == after:
        raise _Rejected("a citation mark ([1]), not a quantity")
    short = la.isdigit() and len(la) <= 2
    if (
        short
        and after in _ENUM_AFTER
        and not text[end + 1 : end + 2].isdigit()
        and (start == 0 or before in _ENUM_BEFORE)
    ):
        raise _Rejected("an enumerator, not a quantity")
    if la.isdigit() and _figure_number(text, start):
        raise _Rejected("a figure or table number, not a quantity")
    if la.isdigit() and len(la) >= 5 and after in ")）":
        raise _Rejected("a code (a postal code, a number in brackets), not a quantity")
    if (
        not conn
        and len(la) == 4
        and la.isdigit()
        and 1900 <= int(la) <= 2100
        and after not in "%％"
    ):
        raise _Rejected("a year, not a quantity")


def _figure_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows 圖, 表, 附件 … at a clause start (見圖3)."""
    j = start
    while j > 0 and text[j - 1] in SPACES:
        j -= 1
    if j == 0 or text[j - 1] not in _FIGURE_LAST:
        return False  # no figure word ends at j
    for w in _FIGURE_WORDS:
        if _ends_with(text, j, w):
            i = j - len(w)
            return i == 0 or not text[i - 1].isalpha() or text[i - 1] in "见見如附下上及和与與"
    return False


def _day_of_month(text: str, m: re.Match[str], start: int, value: Decimal, pre: str | None) -> None:
    """Reject 5日 (a day of the month) but keep 連續三日, 提前二十日, 1.5日, 30日內."""
    if pre is not None or m.group("suf") or value != int(value) or value > 31:
        return
    after = text[m.end() : m.end() + 1]
    before = text[start - 1] if start else ""
    if (before and before in "月号號") or after in _DAY_DATE_AFTER:
        raise _Rejected("a month or day without a year, not a quantity")
    if not _DAY_DURATION.search(text, max(0, start - 4), start) and not _HOLIDAY.search(
        text, m.end(), m.end() + 6
    ):
        raise _Rejected("a month or day without a year, not a quantity")


def _end(text: str, m: re.Match[str], unit: str) -> int:
    """End of the quantity: drop a trailing 多/余 or 内 unless the unit is a duration."""
    if m.group("um") and _kind(unit) not in ("duration", "percent"):
        return m.end("lu")
    suf = m.group("suf")
    if suf is None or to_simplified(suf) != "内" or _kind(unit) == "duration":
        return m.end()
    end = m.start("suf")
    while text[end - 1] in SPACES:
        end -= 1
    return end


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
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
