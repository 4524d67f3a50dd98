"""Read a match of the master pattern: the quantity (or quantities) it states, or why not.

Private to :mod:`gba.extract._scan`. :func:`read_match` turns a ``q``, ``pct``,
``frac`` or ``half`` match into rows (text, start, end, value, value_high, unit,
qualifier, kind, currency) with exact values, or raises :class:`Rejected`
saying why the number is not a quantity (an ordinal, a year, a figure number …).

Examples
--------
>>> from decimal import localcontext
>>> from gba.extract._pattern import RX
>>> text = "惠及近3千家企業"
>>> with localcontext(EXACT):
...     [row for row, _ in read_match(text, RX.match(text, 3), "q", 0, False)]
[('近3千家', 2, 6, Decimal('3000'), None, '家', 'approx', 'count', None)]
"""

from __future__ import annotations

import contextlib
import re
from decimal import Context, Decimal, Inexact
from fractions import Fraction
from functools import lru_cache

from gba.extract._lexicon import CURRENCY, LOWER, SUFFIXES, UNIT_ALIAS, UNIT_KIND
from gba.extract._numerals import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    SPACE_RUN,
    SPACES,
    ascii_number,
    chinese_number,
    chinese_to_int,
    magnitude,
    tidy,
    to_simplified,
)
from gba.extract._pattern import PCT_ITEM_RX, RX
from gba.extract._qualifiers import GAP_STOP, PREFIX_LAST, combine, prefix

__all__ = [
    "EXACT", "FIGURE_WORDS", "LOUD_AFTER", "LOUD_BEFORE", "PLAIN_GROUPS", "Rejected", "ends_with",
    "gap_word_may_start", "read_match", "unit_of",
]  # fmt: skip

_S = SPACE_RUN
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
FIGURE_WORDS = ("图", "圖", "表", "附件", "附录", "附錄")
_FIGURE_LAST = frozenset(w[-1] for w in FIGURE_WORDS)  # a quick first test
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


# What the reading of a plain match reads (the narrow memo in gba.extract._scan keys on it).
# A ``q`` match is plain when the groups PLAIN_GROUPS[2, 5, 7, 8, 11] (lg, conn, suf, um,
# jiao) are None, _unit(hu or lu) holds no 日, the character c1 before it (or none, at the
# text start) is not in LOUD_BEFORE, and the character after it is not in LOUD_AFTER. Then
# read_match(text, m, "q", floor, whole) reads, besides those groups, only c1, the match text
# and the two characters after it (text[end:end + 2]), and floor only through
# gap_word_may_start; it returns one row starting at the match start or raises. Step by step
# through _quantities: the currency look-back needs c1 in _CURRENCY_END; _figure_number
# reads c1 alone unless it is a space or ends a figure word; prefix reads c1 alone unless it
# is a space or ends a qualifier word (_word_before), and _word_across_gap returns None
# having read c1 unless gap_word_may_start(c1, start - floor); the minus sign, 负/正 and 上
# are in LOUD_BEFORE; without conn no range, _CHANGE or _split; without lg, jiao, um, suf no
# other group and no position inside the match; without 日 no _day_of_month (_DAY_DURATION,
# _HOLIDAY); _bare_number reads text[end], text[end + 1] (whether a digit) and c1 (a space
# is loud: ISO 9001); _renminbi reads text[end] alone unless it is in LOUD_AFTER; 人口 reads
# text[end]. tests/test_scan_memo.py compares the scan with the memo off on fuzzed texts.
PLAIN_GROUPS = ("la", "lc", "lg", "lu", "hu", "conn", "per", "suf", "um", "lm1", "lm2", "jiao")
LOUD_BEFORE = frozenset(SPACES).union(
    _CURRENCY_END, _FIGURE_LAST, PREFIX_LAST, _MINUS, _SIGN_WORD, "上"
)
LOUD_AFTER = _RENMINBI_FIRST


def gap_word_may_start(c1: str, since_floor: int) -> bool:
    """Whether a qualifier word across a gap could end before c1 (_word_across_gap reads on).

    >>> gap_word_may_start("有", 5), gap_word_may_start("有", 2), gap_word_may_start("、", 5)
    (True, False, False)
    """
    return since_floor > 2 and c1.isalpha() and not c1.isascii() and c1 not in GAP_STOP


def _number(a: str | None, c: str | None) -> Decimal | None:
    if a is not None:
        if len(a) > _MAX_DIGITS:
            raise Rejected(f"a number of more than {_MAX_DIGITS} digits")
        return ascii_number(a)
    return chinese_number(c or "")


def _mid(m1: str | None, m2: str | None) -> str | None:
    return LOWER if (m1 or m2) else None


class Rejected(Exception):
    pass


# exact arithmetic: numbers have at most _MAX_DIGITS digits; larger values are not read
_MAX_DIGITS = 60
_TOO_LARGE = Decimal(10) ** _MAX_DIGITS
EXACT = Context(prec=200, traps=[Inexact])


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
        raise Rejected(f"a number of more than {_MAX_DIGITS} digits")
    return tidy(value)


def read_match(text: str, m: re.Match[str], kind: str, floor: int, whole: bool) -> list[tuple]:
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


def ends_with(text: str, j: int, word: str) -> bool:
    """Whether ``text[:j]`` ends with ``word``."""
    return j >= len(word) and text.startswith(word, j - len(word))


@lru_cache(maxsize=4096)  # a pure function of a few short strings, called per match
def _unit(raw: str | None) -> str:
    """Return the unit in simplified script, aliases resolved (港幣 → 港元)."""
    if not raw:
        return ""
    unit = to_simplified(raw).replace("％", "%")
    return UNIT_ALIAS.get(unit, unit)


unit_of = _unit  # for the plain-match test in gba.extract._scan


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
    s0, pre, _ = prefix(text, start, floor)
    out = []
    first = True
    for item in PCT_ITEM_RX.finditer(text, m.start("pn"), m.end()):
        c = item.group("c")
        value = Decimal(100) if c in ("百", "佰") else _number(item.group("a"), c)
        if value is None:
            if first:
                raise Rejected("not a well-formed Chinese numeral")
            break
        suf = item.group("suf")
        qual = combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
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
            raise Rejected("a half that is not a quantity (上半年, 一半, 大半年)")
        s0, pre, _ = prefix(text, start, floor)
        unit = _unit(m.group("halfu")) if m.group("halfu") else "%"
        value = Decimal(5) if unit == "%" else Decimal("0.5")
        suf = m.group("hsuf")
        if suf and to_simplified(suf) == "内" and unit == "%":
            end = m.start("hsuf")
            suf = None
        qual = combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
        return [(text[s0:end], s0, end, value, None, unit, qual, _kind(unit), None, pre)]
    if m.group("fna") is not None:
        before = text[start - 1] if start else ""
        if before and (before in _NOT_LEAD or before in "/／"):
            raise Rejected("mid-number")
        num, den = int(m.group("fna")), int(m.group("fda"))
        if not 0 < num < den:
            raise Rejected("a date or a ratio (n/m), not a share")
    else:
        num_d = chinese_number(m.group("fnc") or m.group("fnc2"))
        den_i = chinese_to_int(m.group("fdc") or m.group("fdc2"))
        if num_d is None or den_i is None or den_i == 0:
            raise Rejected("not a well-formed Chinese fraction")
        return _share_row(text, m, floor, Fraction(num_d) / den_i)
    return _share_row(text, m, floor, Fraction(num, den))


def _share_row(text: str, m: re.Match[str], floor: int, share: Fraction) -> list[tuple]:
    s0, pre, _ = prefix(text, m.start(), floor)
    suf = m.group("fsuf")
    qual = combine(pre, SUFFIXES[to_simplified(suf)] if suf else None)
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
        raise Rejected("an ordinal (第…), not a quantity" if before == "第" else "mid-number")
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
        raise Rejected("part of a code or name (letters before the number)")
    if la is not None and currency is None and _figure_number(text, start):
        raise Rejected("a figure or table number, not a quantity")
    if lc is not None and before in _INDEFINITE:
        raise Rejected(f"an indefinite number ({before}{lc}), not a quantity")
    if lc is not None and before == "初":
        raise Rejected("a day of the lunar month (初六), not a quantity")
    big = lc is not None and (any(ch in "万萬亿億" for ch in lc) or bool(lg and any(
        ch in "万萬亿億" for ch in lg)))  # fmt: skip
    if big:
        whole = True  # 二億八千萬, 十多萬, 约十万: a numeral with 万 or 亿 needs no unit
    if lc is not None and not whole and lc[0] not in _MAG_START and not (lu or conn):
        raise Rejected("a Chinese numeral without a unit (e.g. 一是, 三地)")
    s0, pre, word = prefix(text, start, floor)
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
            raise Rejected("a numeral word without a leading digit (千万, 百家)")
        whole = True  # 逾千三展位: a qualified magnitude needs no unit
        lo = magnitude(lc[0]) if tail else magnitude(lc)
        if tail:  # 逾千三 = 1300
            lo += lo / 10 * CN_DIGITS[tail]
    else:
        lo = _number(la, lc)
    if lo is None:
        raise Rejected(f"{lc!r} is not a well-formed Chinese numeral")
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
            raise Rejected("a Chinese numeral without a unit (e.g. 一是, 三地)")
        if lc in _ARTICLES and pre is None and not (unit_raw or "").startswith("成"):
            raise Rejected(f"{lc}{unit_raw} reads as an article or adjective, not a count")
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
    qual = combine(_mid(lm1, lm2), more, pre, SUFFIXES[to_simplified(suf)] if suf else None)
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
            raise Rejected("a second number after 万/亿 that is not smaller than it")
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
        raise Rejected("part of a code or name (letters after the number, as in 5G)")
    if currency is None and before in SPACES and start >= 2 and text[start - 2] in _LATIN:
        raise Rejected("part of a code or name (as in ISO 9001)")
    if (before in "（(" and after in "）)") or (
        after in "、．.)）" and (start == 0 or before == "\n")
    ):
        raise Rejected("an enumerator, not a quantity")
    if currency is not None or pre is not None:
        return
    if _BRACKETS.get(before) == after:
        raise Rejected("a citation mark ([1]), not a quantity")
    short = la.isdigit() and len(la) <= 2
    if (
        short
        and after in _ENUM_AFTER
        and not text[end + 1 : end + 2].isdigit()
        and (start == 0 or before in _ENUM_BEFORE)
    ):
        raise Rejected("an enumerator, not a quantity")
    if la.isdigit() and _figure_number(text, start):
        raise Rejected("a figure or table number, not a quantity")
    if la.isdigit() and len(la) >= 5 and after in ")）":
        raise Rejected("a code (a postal code, a number in brackets), not a quantity")
    if (
        not conn
        and len(la) == 4
        and la.isdigit()
        and 1900 <= int(la) <= 2100
        and after not in "%％"
    ):
        raise Rejected("a year, not a quantity")


def _figure_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows 圖, 表, 附件 … at a clause start (見圖3)."""
    j = start
    while j > 0 and text[j - 1] in SPACES:
        j -= 1
    if j == 0 or text[j - 1] not in _FIGURE_LAST:
        return False  # no figure word ends at j
    for w in FIGURE_WORDS:
        if ends_with(text, j, w):
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
        raise Rejected("a month or day without a year, not a quantity")
    if not _DAY_DURATION.search(text, max(0, start - 4), start) and not _HOLIDAY.search(
        text, m.end(), m.end() + 6
    ):
        raise Rejected("a month or day without a year, not a quantity")


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
        with contextlib.suppress(Rejected):
            out.extend(_quantities(text, left, floor, whole))
    hstart = m.start("ha") if m.group("ha") is not None else m.start("hc")
    right = RX.match(text, hstart, m.end())
    if right is not None and right.lastgroup == "q":
        with contextlib.suppress(Rejected):
            out.extend(_quantities(text, right, m.start("conn") + 1, whole))
    return out
