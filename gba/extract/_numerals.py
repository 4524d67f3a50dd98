"""Numerals and script: full-width digits, Chinese numerals, traditional → simplified.

Private helpers of :mod:`gba.extract.quantities` and :mod:`gba.extract.dates`.

Examples
--------
>>> ascii_number("１，５００．５")
Decimal('1500.5')
>>> chinese_to_int("两千"), chinese_to_int("十四"), chinese_to_int("三千五")
(2000, 14, 3500)
>>> chinese_to_int("万一") is None  # "in case", not 10001
True
>>> to_simplified("萬輛種")
'万辆种'
>>> tidy(Decimal("3169600.00")), tidy(Decimal("99.790"))
(Decimal('3169600'), Decimal('99.79'))
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "INVISIBLE",
    "MAX_NUMERAL_CHARS",
    "SPACES",
    "SPACE_RUN",
    "THOUSANDS_SPACES",
    "ascii_digits",
    "ascii_number",
    "chinese_number",
    "chinese_to_int",
    "magnitude",
    "tidy",
    "to_simplified",
]

#: invisible characters (zero-width space, non-joiner and joiner, LRM/RLM, word joiner, BOM,
#: soft hyphen, NUL): read as nothing, also inside a number (``1\u200b5`` is 15)
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\x00"
#: spaces that may stand between number, magnitude and unit (tab, no-break, thin, narrow
#: no-break, ideographic space, and the invisible characters)
SPACES = " \t\u3000\u00a0\u2009\u202f" + INVISIBLE
#: regular expression of the (up to three) spaces allowed inside a number or a date
SPACE_RUN = f"[{SPACES}]{{0,3}}"
#: spaces used as a thousands separator (``4 500``, ``12\u2009345``)
THOUSANDS_SPACES = " \u00a0\u2009\u202f"

_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("．"): ord("."), ord("，"): ord(","), ord("％"): ord("%")})
_DROP = {ord(ch): None for ch in ", \u00a0\u2009\u202f" + INVISIBLE}

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: 兆 as a magnitude (before a currency only: 兆元 = 10^12, as in Hong Kong and Taiwan usage)
_MAGNITUDES = {**_SMALL_UNITS, **_BIG_UNITS, "兆": 10**12}
#: longest Chinese numeral read (longer chains of magnitudes are not numbers)
MAX_NUMERAL_CHARS = 24
#: every character a Chinese numeral is written with
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *_SMALL_UNITS, *_BIG_UNITS, "廿", "卅"])

# traditional → simplified for the characters of units, qualifiers and magnitudes
_T2S = str.maketrans(
    {
        "萬": "万", "億": "亿", "兩": "两", "輛": "辆", "種": "种", "項": "项", "個": "个",
        "條": "条", "筆": "笔", "單": "单", "戶": "户", "間": "间", "臺": "台", "張": "张",
        "隻": "只", "週": "周", "鐘": "钟", "時": "时", "場": "场", "類": "类", "門": "门",
        "屆": "届", "歲": "岁", "噸": "吨", "畝": "亩", "頃": "顷", "約": "约", "餘": "余",
        "內": "内", "過": "过", "於": "于", "將": "将", "點": "点", "幣": "币", "鎊": "镑",
        "冊": "册", "層": "层", "棟": "栋", "對": "对", "雙": "双", "顆": "颗", "頭": "头",
        "組": "组", "隊": "队", "處": "处", "塊": "块", "頁": "页", "級": "级", "號": "号",
        "標": "标", "艙": "舱", "輪": "轮", "貨": "货", "櫃": "柜", "裡": "里", "釐": "厘",
        "與": "与", "歐": "欧", "圓": "圆", "國": "国", "％": "%", "／": "/",
        "會": "会", "應": "应", "並": "并", "沒": "没", "長": "长", "達": "达", "碼": "码",
        "為": "为", "節": "节", "無": "无", "攝": "摄",
    }
)  # fmt: skip


def to_simplified(s: str) -> str:
    """Map the traditional characters of units and qualifiers to simplified ones."""
    return s.translate(_T2S)


def ascii_digits(s: str) -> str:
    """Replace full-width digits and ``．，％`` by their ASCII forms."""
    return s.translate(_FULLWIDTH)


def ascii_number(s: str) -> Decimal:
    """Read an Arabic number (full-width digits, thousands separators, invisible characters).

    >>> ascii_number("12 345"), ascii_number("1\u200b5")
    (Decimal('12345'), Decimal('15'))
    """
    plain = s.replace(",", "")
    if plain.replace(".", "", 1).isdigit() and plain.isascii():
        return Decimal(plain)  # the common case, fast
    return Decimal(s.translate(_FULLWIDTH).translate(_DROP))


def tidy(d: Decimal) -> Decimal:
    """Drop trailing zeros without exponent notation (``3169600.00`` → ``3169600``)."""
    if d == d.to_integral_value():
        return Decimal(int(d))
    return d.normalize()


@lru_cache(maxsize=64)
def magnitude(chars: str) -> Decimal:
    """Return the multiplier written by magnitude characters (``万`` → 10000, ``千万`` → 1e7)."""
    out = 1
    for ch in chars:
        out *= _MAGNITUDES[ch]
    return Decimal(out)


@lru_cache(maxsize=1024)
def chinese_to_int(s: str) -> int | None:
    """Read a Chinese numeral, or return None if it is not a well-formed one.

    Accepts ``十四``, ``二十三``, ``一百零五``, ``两千``, ``三千五`` (= 3500),
    ``一亿二千万``, financial and traditional forms. Rejects strings that
    are words rather than numbers: a leading ``百``/``千``/``万``/``亿``
    (``千方百计``, ``万一``), two digits in a row (``一一``, ``二零二三``), or
    magnitudes out of order. ``廿`` and ``卅`` are twenty and thirty.

    >>> chinese_to_int("廿"), chinese_to_int("卅五")
    (20, 35)
    """
    if "廿" in s or "卅" in s:
        s = s.replace("廿", "二十").replace("卅", "三十")
    if not s or s[0] in "百佰千仟万萬亿億零〇○" or len(s) > MAX_NUMERAL_CHARS:
        return None
    total = 0  # the part at or above 万
    section = 0  # the current section below 万
    digit: int | None = None
    last_small = 10**5  # small units must decrease within a section
    last_big = 0
    prev = ""  # kind of the previous character: digit, zero, small, big
    prev_unit = 0  # value of the last unit character
    for ch in s:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                if prev in ("digit", "zero"):
                    return None
                prev = "zero"
                continue
            if digit is not None:
                return None
            digit, prev = d, "digit"
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if digit is None:
                if unit != 10 or prev not in ("", "zero"):
                    return None
                digit = 1
            section += digit * unit
            digit, last_small, prev, prev_unit = None, unit, "small", unit
        else:  # 万 or 亿
            unit = _BIG_UNITS[ch]
            value = section + (digit or 0)
            if unit == 10**4:
                if value == 0 or last_big == 10**4:
                    return None
                total += value * unit
            else:
                if value + total == 0 or last_big == 10**8:
                    return None
                total = (total + value) * unit
            section, digit, last_small, last_big = 0, None, 10**5, unit
            prev, prev_unit = "big", unit
    if digit is not None:
        before = s[-2] if len(s) > 1 else ""
        if before and before not in CN_DIGITS and prev_unit >= 100:
            # a trailing digit right after a unit counts in the next lower unit (三千五 = 3500)
            digit *= prev_unit // 10
        section += digit
    return total + section


def chinese_number(s: str) -> Decimal | None:
    """Read a Chinese numeral with an optional decimal part (``十二點四`` → 12.4).

    >>> chinese_number("十二點四"), chinese_number("零点五"), chinese_number("三十")
    (Decimal('12.4'), Decimal('0.5'), Decimal('30'))
    >>> chinese_number("一点十") is None
    True
    """
    whole, point, frac = (
        s.replace("點", "点").replace("廿", "二十").replace("卅", "三十").partition("点")
    )
    if len(whole) > 1 and all(ch in CN_DIGITS for ch in whole):
        # digit by digit (二一○ = 210), but not 三四 ("three or four") or 一一
        if len(whole) < 3 and not any(CN_DIGITS[ch] == 0 for ch in whole[1:]):
            return None
        if CN_DIGITS[whole[0]] == 0 or len(whole) > MAX_NUMERAL_CHARS:
            return None
        n: int | None = int("".join(str(CN_DIGITS[ch]) for ch in whole))
    else:
        n = 0 if whole in ("零", "〇", "○") else chinese_to_int(whole)
    if n is None:
        return None
    if not point:
        return Decimal(n)
    if not frac or any(ch not in CN_DIGITS for ch in frac) or len(frac) > MAX_NUMERAL_CHARS:
        return None
    return Decimal(f"{n}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")
