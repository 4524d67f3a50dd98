"""Quantities stated in Chinese text, as exact numbers with unit and qualifier.

``30.37万人次`` is 303,700 person-times; ``超过3.7亿元`` is more than
370,000,000 yuan; ``5-10%`` is the range 5 to 10 per cent. The extractor reads
simplified and traditional script, full-width digits, thousands separators
and stray spaces, and returns offsets into the text exactly as given.

What it reads
-------------
- **value** in base units with exact decimal arithmetic: ``0.07万`` is exactly
  700, ``316.96万元`` is 3,169,600 元. Percentages and multiples keep the number
  as written (``99.79%`` → 99.79, unit ``%``; ``3倍`` → 3, unit ``倍``).
- **unit**: the counter or unit after the magnitude, in simplified script
  (``輛`` → ``辆``), ``%`` for ``％``; a rate joins two units (``元/年``);
  empty for a bare number.
- **qualifier**: ``exact``; ``lower`` (超, 超过, 逾, 多于, 至少, 不少于, 余/餘 or 多
  before or after the magnitude, 多 after a duration as in ``3年多``, 以上, and 上
  before a bare magnitude as in ``上千家``); ``upper`` (不到, 不足, 不超过, 少于,
  最多, 以下, 以内, 之内, 内 after a duration); ``approx`` (近, 将近, 接近, 约/約,
  大约, 左右); ``range`` (``5-10%``, ``10%至20%``, ``5%~10%``, ``3至5年``; also
  ``5-10万`` = 50,000 to 100,000). A bound beats approx, and of two bounds the
  later-written one wins (``近10余万`` is lower); a range stays a range. ``近``
  before a duration means "the last" (``近5年``), so it is not read as approx.
  A qualifier word may be separated from the number by up to three spaces.
- **sign**: a minus sign right before the number after 增长, 为, 是, 了, 比, 率,
  punctuation or a space is read (``同比增长-5.3%`` → -5.3); a hyphen between
  numbers is a range, never a sign.
- **bare magnitudes** after a qualifier: ``逾千家`` → 1000, ``近万人`` → 10,000.
- **currency signs** before the number: ``HK$`` → 港元, ``US$`` → 美元,
  ``MOP``/``MOP$`` → 澳门元, ``RMB``/``¥``/``￥`` → 元 (``HK$30億`` → 3,000,000,000 港元).
- **kind** from the unit: ``money``, ``count``, ``percent``,
  ``percentage_point``, ``multiple``, ``duration``, ``measure``, ``rate``, or
  ``number`` (no unit).

What it leaves out (never returned as quantities)
-------------------------------------------------
- dates (``2023年2月``; see :func:`gba.extract_dates`) and times of day
  (``下午3时``, ``3点``); month-days without a year (``3月29日``);
- enumerators (``一是``, ``（1）``), ordinals and ranks (``第二批``,
  ``全国第二``, ``首笔``), five-year plan names (``十四五``), numbers in names
  and codes (``5G``, ``3号``, ``5级``), idioms (``三位一体``);
- a Chinese numeral without a unit (``三地``, ``九市``), a lone ``一``/``二``
  before a counter, which reads as an article or adjective (``一个突破``,
  ``一次放行``, ``二次安检``), numeral words without a leading digit or
  qualifier (``千万``, ``百家``, ``成千上万``) and indefinite numbers (``几十家``,
  ``数百人``, ``十几个``). Write ``1个`` to state a count of one. A number
  without a unit right after letters is part of a code (``ISO 9001``, ``G20``).
- fractions (``三分之一``) and 成 (``三成``) are not read; numbers of more than
  60 digits are not read.

:func:`parse_quantity` reads one expression and is more lenient: it also
accepts a bare Chinese numeral (``十四``) and ``一个``.

As-of dates
-----------
``截至``/``截止`` + date ("as at") sets the ``as_of`` of every quantity after it
up to the end of its paragraph (a line break), or until the next 截至 date.
With ``as_of_scope="sentence"`` it stops at the end of the sentence (。！？).
Quantities before it, or in other paragraphs, have no ``as_of``.

Examples
--------
>>> parse_quantity("30.37万人次")
Quantity(text='30.37万人次', value=Decimal('303700'), value_high=None, unit='人次', \
qualifier='exact', kind='count')
>>> q = parse_quantity("超 12萬單")
>>> q.value, q.unit, q.qualifier
(Decimal('120000'), '单', 'lower')
>>> parse_quantity("0.07万").value
Decimal('700')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd

from gba.extract._scan import scan

__all__ = ["Quantity", "extract_quantities", "parse_quantity"]


@dataclass(frozen=True)
class Quantity:
    """One quantity as stated.

    Attributes
    ----------
    text : str
        The expression as written, qualifier words included.
    value : decimal.Decimal
        The (lower end of the) number in base units, exact.
    value_high : decimal.Decimal or None
        The upper end of a range, else None.
    unit : str
        Counter or unit as written, in simplified script (``""`` if none).
    qualifier : str
        ``exact``, ``lower``, ``upper``, ``approx`` or ``range``.
    kind : str
        ``money``, ``count``, ``percent``, ``percentage_point``,
        ``multiple``, ``duration``, ``measure``, ``rate`` or ``number``.

    Examples
    --------
    >>> q = parse_quantity("5-10万元")
    >>> q.value, q.value_high, q.unit, q.qualifier, q.kind
    (Decimal('50000'), Decimal('100000'), '元', 'range', 'money')
    """

    text: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    qualifier: str
    kind: str


def parse_quantity(s: str) -> Quantity:
    """Read exactly one quantity expression.

    Parameters
    ----------
    s : str
        One expression such as ``近 400 亿元``, ``10万余辆`` or ``5-10%``;
        spaces around it are ignored.

    Returns
    -------
    Quantity

    Raises
    ------
    ValueError
        If ``s`` is not exactly one quantity; the message says what it is
        instead (a date, an ordinal, two quantities, no number …).

    Examples
    --------
    >>> parse_quantity("3倍以上")
    Quantity(text='3倍以上', value=Decimal('3'), value_high=None, unit='倍', \
qualifier='lower', kind='multiple')
    >>> parse_quantity("10%至20%").value_high
    Decimal('20')
    >>> parse_quantity("十四").value
    Decimal('14')
    >>> parse_quantity("第二批")
    Traceback (most recent call last):
    ...
    ValueError: '第二批' is not a quantity: an ordinal (第…), not a quantity
    >>> parse_quantity("2023年2月")
    Traceback (most recent call last):
    ...
    ValueError: '2023年2月' is a date, not a quantity (use gba.parse_date)
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_quantity expects a str, not {type(s).__name__}")
    text = s.strip()
    found = scan(text, whole=True)
    whole = [q for q in found.quantities if q[1] == 0 and q[2] == len(text)]
    if len(found.quantities) == 1 and whole and not found.dates:
        row = whole[0]
        return Quantity(row[0], row[3], row[4], row[5], row[6], row[7])
    if any(d[1] == 0 and d[2] == len(text) for d in found.dates):
        raise ValueError(f"{s!r} is a date, not a quantity (use gba.parse_date)")
    if len(found.quantities) > 1:
        spans = ", ".join(repr(q[0]) for q in found.quantities)
        raise ValueError(f"{s!r} holds {len(found.quantities)} quantities ({spans}), not one")
    if found.rejected and not found.quantities:
        first = found.rejected[0]
        if (first[0] == 0 and first[1] == len(text)) or len(found.rejected) == 1:
            raise ValueError(f"{s!r} is not a quantity: {first[2]}")
    if found.quantities:
        q = found.quantities[0]
        raise ValueError(
            f"{s!r} is not exactly one quantity: it holds {q[0]!r} at {q[1]}-{q[2]} and other text"
        )
    raise ValueError(f"{s!r} is not a quantity: no number in it")


_COLUMNS = ["text", "start", "end", "value", "value_high", "unit", "qualifier", "kind", "as_of"]


def extract_quantities(
    text: str, *, as_of_scope: Literal["paragraph", "sentence"] = "paragraph"
) -> pd.DataFrame:
    """Find every quantity stated in a text.

    Parameters
    ----------
    text : str
        Any text, in simplified or traditional script; nothing is normalised
        before matching, so offsets refer to the text exactly as given.
    as_of_scope : {"paragraph", "sentence"}
        How far a ``截至`` date reaches (see the module notes).

    Returns
    -------
    pandas.DataFrame
        One row per quantity, in text order; ``text[start:end] == row.text``.
        The value columns hold exact :class:`decimal.Decimal` numbers (use
        ``.astype(float)`` for plotting). Columns:

        ==========  ======  ============================================================
        column      dtype   meaning
        ==========  ======  ============================================================
        text        string  the expression as written, qualifier words included
        start       int64   offset of its first character in ``text``
        end         int64   offset after its last character
        value       object  Decimal in base units (lower end of a range)
        value_high  object  Decimal upper end of a range, else None
        unit        string  counter or unit, simplified (``人次``, ``元``, ``%``, ``元/年``)
        qualifier   string  ``exact``, ``lower``, ``upper``, ``approx`` or ``range``
        kind        string  ``money``, ``count``, ``percent``, ``duration``, ``rate`` …
        as_of       string  ISO date of the governing 截至 date, else missing
        ==========  ======  ============================================================

    Examples
    --------
    >>> text = "截至2022年底，港澳居民参加广东社会保险共30.37万人次，较2019年底增长了99.79%。"
    >>> extract_quantities(text)[["text", "value", "unit", "qualifier", "as_of"]]
            text   value unit qualifier       as_of
    0  30.37万人次  303700   人次     exact  2022-12-31
    1     99.79%   99.79    %     exact  2022-12-31
    >>> df = extract_quantities("惠及近3千家企業，10萬餘輛車")
    >>> df[["text", "start", "end", "value", "unit", "qualifier"]]
        text  start  end   value unit qualifier
    0   近3千家      2    6    3000    家    approx
    1  10萬餘輛      9   14  100000    辆     lower
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_quantities expects a str, not {type(text).__name__}")
    if as_of_scope not in ("paragraph", "sentence"):
        raise ValueError(f"as_of_scope must be 'paragraph' or 'sentence', not {as_of_scope!r}")
    rows = scan(text, as_of_scope=as_of_scope).quantities
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(_COLUMNS)
    return pd.DataFrame(
        {
            "text": pd.array(cols[0], dtype="string"),
            "start": pd.array(cols[1], dtype="int64"),
            "end": pd.array(cols[2], dtype="int64"),
            "value": pd.Series(cols[3], dtype=object),
            "value_high": pd.Series(cols[4], dtype=object),
            "unit": pd.array(cols[5], dtype="string"),
            "qualifier": pd.array(cols[6], dtype="string"),
            "kind": pd.array(cols[7], dtype="string"),
            "as_of": pd.array(cols[8], dtype="string"),
        }
    )
