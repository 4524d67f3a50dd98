"""The master regular expression of the extractor: a number's core, or a date, or a non-quantity.

Private to :mod:`gba.extract._scan` and :mod:`gba.extract._reading`. The pattern
matches only a number's core (digits or Chinese numerals, magnitude, 余/多, unit,
range, suffix); qualifier words before it (超, 近, 约 …) are read in Python by
looking back from the match, so that every match starts with a digit or numeral
and the scan can skip the rest of the text quickly (:data:`LEAD`). :data:`RX` is
:data:`PATTERN` rewritten so that the engine does less work per position
(:mod:`gba.extract._patterntools`); it matches as ``re.compile(PATTERN)`` does.

Examples
--------
>>> RX.match("约30.37万人次", 1).group("la", "lg", "lu")
('30.37', '万', '人次')
"""

from __future__ import annotations

import re

from gba.extract._datepattern import DATE_PATTERN, DAY_OF_MONTH, UNREAD_PART
from gba.extract._lexicon import IDIOMS, SUFFIXES, UNIT_KIND
from gba.extract._numerals import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    INVISIBLE,
    SPACE_RUN,
    SPACES,
    THOUSANDS_SPACES,
)
from gba.extract._patterntools import alternation, first_chars, guard, optional_as_branch

__all__ = ["LEAD", "LEAD_CHARS", "LIST_GAP", "PATTERN", "PCT_ITEM_RX", "RX"]

_S = SPACE_RUN
_D = "0-9０-９"
_Z = INVISIBLE


def _anum(fast: bool) -> str:
    """Match an Arabic number: thousands separators, invisible characters, a decimal part.

    ``fast`` writes ``(?:X)+`` as ``X(?:X)*`` and ``(?:X)*`` as ``(?:X(?:X)*)?``: the same
    matches, but the engine sets up a repeat only once the first X has matched.
    """
    groups = [",[0-9]{3}", f"[{THOUSANDS_SPACES}][0-9]{{3}}", "[,，][０-９]{3}"]
    many = [f"{g}(?:{g})*" if fast else f"(?:{g})+" for g in groups]
    z = f"[{_Z}]+[{_D}]+"
    zs = f"(?:{z}(?:{z})*)?" if fast else f"(?:{z})*"
    return (
        rf"(?:[0-9]{{1,3}}{many[0]}(?![0-9])"
        rf"|[0-9]{{1,3}}{many[1]}(?![0-9])"
        rf"|[０-９]{{1,3}}{many[2]}(?![０-９])"
        rf"|[{_D}]+{zs})(?:[.．][{_D}]+)?"
    )


_ANUM = _anum(fast=False)
_CN_DIGIT = "".join(CN_DIGITS)
# a Chinese numeral, with a decimal part written in digits (十二點四)
_CNUM = f"[{CN_NUMERAL_CHARS}]+(?:[点點][{_CN_DIGIT}]+(?![十百千拾佰仟]))?"


# 成 is a tenth (三成 = 30 %), with a trailing digit or 半 (七成半 = 75 %, 四成二 = 42 %)
_CHENG = (
    f"成(?:半|[几幾]|[{_CN_DIGIT}](?![{CN_NUMERAL_CHARS}]))?"
    "(?![交为為立员員本果功长長绩績熟都效型本年])"
)
_MID = "[余餘多]"
_UNIT_WORDS = list(UNIT_KIND)
# words that begin with a unit character but are nouns (2011人口普查, 3人民币 is 人民币)
_NOT_UNIT = "人[才士员員]|次[产產][业業]|[项項]目|[单單]位|度[过過]"
_PER_WORDS = [u for u, k in UNIT_KIND.items() if k in ("duration", "count", "measure")] + ["月"]
_CONN = "[-－~～〜—–至到]"
_SIGN = r"(?:HK[$＄]|US[$＄]|MOP[$＄]?|[$＄])"
_PCT_ITEM = f"(?:{_ANUM}|{_CNUM})"
_LIST_SEP = "(?:[、及和与與或]|以及)"
_YEAR4 = "(?:1[89]|2[01])[0-9]{2}"
# Every way to match a date, a non-quantity (skip), a time, a per cent or a fraction that
# starts with a digit has the digits followed, after up to three spaces, by one of
# _AFTER_DIGITS (a phone number: by a space and its second block), or by a connector (-, 至)
# and more digits and 年, 月 or a fiscal year's word (2019-2021年, 5至6月, 2022-23學年), or
# is a date written 2023-02-22, or starts 852/853 (a phone number written without spaces):
# the fast pattern tries those five only where this holds
_AFTER_DIGITS = "".join(re.escape(c) for c in "年月世号號级級届屆.．/／时時点點)）")
_NOT_Q_GUARD = (
    f"(?=[^{_D}]|85[23]|[{_D}]{{4}}[-/][{_D}]{{1,2}}[-/]|[{_D}]+(?:[{SPACES}]{{0,3}}[{_AFTER_DIGITS}]"
    f"| [0-9]|{_S}{_CONN}{_S}[{_D}]+{_S}[年月财財学學]))"
)


def _numtok(p: str, mag: str, fast: bool) -> tuple[str, str]:
    """Match a number: digits or numeral, then 余/多 and magnitude in either order.

    After 万 or 亿 a second number of up to four digits may follow (1万3千, 2萬6500).
    Returned in two parts: the digits or numeral, and the rest (all optional).
    """
    mag_guard = "(?=[十万萬亿億百千兆])" if fast else ""  # the first characters of mag
    core = rf"(?:(?P<{p}a>{_anum(fast)})|(?P<{p}c>{_CNUM}))"
    rest = (
        rf"(?:{_S}(?P<{p}m1>{_MID}))?(?:{_S}{mag_guard}(?P<{p}g>{mag}{{1,3}})"
        rf"(?:(?:(?<=[万萬])(?P<{p}x>[0-9]{{1,4}})(?![0-9.．])(?P<{p}xg>[千百十]?)"
        rf"|(?<=[亿億兆])(?P<{p}y>[0-9],[0-9]{{3}}|[0-9]{{1,4}})(?![0-9.．])"
        rf"(?P<{p}yg>[千百十万萬亿億]?))(?![万萬亿億兆年月日号號]))?"
        rf"(?:{_S}[（(]兆[）)])?)?(?P<{p}m2>{_MID})?"
    )
    return core, rest


def _pattern(fast: bool) -> str:
    """Write the master pattern; ``fast`` adds what only makes it quicker (see _patterntools)."""

    def words(ws: list[str]) -> str:
        return alternation(ws, factored=fast)

    money = words([u for u, k in UNIT_KIND.items() if k == "money"])
    # 百 before 分比/分点 is part of a unit (3百分比); 千 before 瓦/米/克 too; 兆 is 10^12 only
    # before a currency (兆瓦 and 兆赫 are units)
    mag = (
        f"(?:[十万萬亿億]|百(?!分[比点點])|千(?![瓦米克])"
        f"|兆(?={_S}(?:{money})|[0-9][0-9,]{{0,4}}[亿億]))"
    )
    unit = (
        rf"{guard([*_UNIT_WORDS, '成']) if fast else ''}"
        rf"(?:[个個][多余餘](?:月|[小][时時]|星期|工作日)"  # 3个多月: more than 3 months
        rf"|{words(_UNIT_WORDS)}|{_CHENG})"
    )
    suffix = words(list(SUFFIXES))
    low, low_rest = _numtok("l", mag, fast)
    conn_guard = ""
    if fast:
        # the upper end of a range needs a unit or a magnitude after it: look for one past
        # the characters a number (digits, numerals, separators, magnitudes, spaces) is made of
        unit_or_magnitude = first_chars([*_UNIT_WORDS, "个", "成", *"十百千万亿"])
        conn_guard = (
            f"(?={_S}{_CONN}{_S}{_SIGN}?"
            f"[{_D},，.．{SPACES}{CN_NUMERAL_CHARS}点點余餘多兆（()）]*[{unit_or_magnitude}])"
        )
    after = (
        rf"{low_rest}(?:{_S}(?!{_NOT_UNIT})(?P<lu>{unit})(?P<um>{_MID})?"
        rf"(?:(?<=元)(?P<jiao>[{_CN_DIGIT}0-9])[角毫])?)?"
        rf"(?:{conn_guard}{_S}(?P<conn>{_CONN}){_S}{_SIGN}?{''.join(_numtok('h', mag, fast))}"
        rf"(?:{_S}(?!{_NOT_UNIT})(?P<hu>{unit})|(?<=[万萬亿億千百十])))?"
        rf"(?:{_S}(?:[/／]|每){_S}(?P<per>{words(_PER_WORDS)}))?"
        rf"(?:{_S}(?P<suf>{suffix}))?"
    )
    if fast:
        # everything after the number is optional and each part starts, after up to three
        # spaces, with one of these characters: where none follows, all of it is empty
        firsts = first_chars(
            [*_UNIT_WORDS, *SUFFIXES, *"个成余多/／每", *"十万萬亿億百千兆", *"-－~～〜—–至到"]
        )
        after = f"(?:(?=[{SPACES}]{{0,3}}[{firsts}]){after}|)"
    quantity = low + after
    not_q = (
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
        rf"|(?P<pct>(?P<pk>[百千])[分份]之?{_S}(?P<pn>{_PCT_ITEM})(?:{_S}(?P<psuf>{suffix}))?"
        rf"(?P<plist>(?:{_S}{_LIST_SEP}{_S}(?:百分之)?{_PCT_ITEM}"
        rf"(?=[、及和与與或。；;：:）)」』,，\s]|以及|$))*))"
        rf"|(?P<frac>(?:(?P<fna>[0-9]{{1,3}})[/／](?P<fda>[0-9]{{1,3}})"
        rf"(?![0-9./／年月日]|{_S}[号號])"
        rf"|(?P<fdc>[{CN_NUMERAL_CHARS}]+)[分份]之{_S}(?P<fnc>{_CNUM})"
        # 三分一 (Hong Kong usage): a one-digit denominator, no 之
        rf"|(?P<fdc2>[二三四五六七八九])分(?P<fnc2>[一二三四五六七八九])(?![{CN_NUMERAL_CHARS}点點]))"
        rf"(?:{_S}(?P<fsuf>{suffix}))?)"
    )
    rest = (
        rf"|(?P<half>半(?:成|(?P<halfu>[个個]月|[个個]?小[时時]|[个個]?星期|年|天|日)))"
        rf"(?:{_S}(?P<hsuf>{suffix}))?"
        rf"|(?P<q>{quantity})"
    )
    if fast:
        return f"(?:{_NOT_Q_GUARD}(?:{not_q}){rest})"
    return not_q + rest


#: the master pattern as written
PATTERN = _pattern(fast=False)
#: the master pattern, run faster: it matches as ``re.compile(PATTERN)`` does (see _patterntools)
RX = re.compile(optional_as_branch(_pattern(fast=True)))
#: every match starts with one of these characters
LEAD_CHARS = frozenset("0123456789０１２３４５６７８９" + CN_NUMERAL_CHARS + "半")
LEAD = re.compile(f"[{_D}{CN_NUMERAL_CHARS}半]")
LIST_GAP = re.compile(f"{_S}{_LIST_SEP}{_S}")
PCT_ITEM_RX = re.compile(
    f"(?:百分之{_S})?(?:(?P<a>{_ANUM})|(?P<c>{_CNUM}))"
    f"(?:{_S}(?P<suf>{alternation(list(SUFFIXES))}))?"
)
