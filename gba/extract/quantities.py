"""Quantities stated in Chinese text, as exact numbers with unit and qualifier.

The rules (what is read, what is left out, as-of dates) are in ``docs/manual/quantities.md``.

Examples
--------
>>> parse_quantity("30.37万人次")
Quantity(text='30.37万人次', value=Decimal('303700'), value_high=None, unit='人次', \
qualifier='exact', kind='count', currency=None)
>>> q = parse_quantity("超 12萬單")
>>> q.value, q.unit, q.qualifier
(Decimal('120000'), '单', 'lower')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import numpy as np
import pandas as pd

from gba.extract._scancache import frame_per_text, scanned

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
    currency: str | None = None


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
qualifier='lower', kind='multiple', currency=None)
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
    found = scanned(text, whole=True)
    whole = [q for q in found.quantities if q[1] == 0 and q[2] == len(text)]
    if len(found.quantities) == 1 and whole and not found.dates:
        row = whole[0]
        return Quantity(row[0], row[3], row[4], row[5], row[6], row[7], row[8])
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
        currency    string  ISO 4217 code of money (``HKD``, ``USD``, ``MOP``, ``CNY``) or missing
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
    return _quantity_frame(text, as_of_scope)


@frame_per_text
def _quantity_frame(text: str, as_of_scope: str) -> pd.DataFrame:
    found = scanned(text, as_of_scope=as_of_scope).columns
    # each distinct reading's fields once, then taken for every quantity that has it
    codes = np.fromiter(found.codes, dtype=np.intp, count=len(found.codes))
    fields = list(zip(*found.readings, strict=True)) if found.readings else [()] * 7
    return pd.DataFrame(
        {
            "text": _strings(fields[0]).take(codes),
            "start": _int64(found.starts),
            "end": _int64(found.ends),
            "value": pd.Series(_objects(fields[1])[codes], dtype=object),
            "value_high": pd.Series(_objects(fields[2])[codes], dtype=object),
            "unit": _strings(fields[3]).take(codes),
            "qualifier": _strings(fields[4]).take(codes),
            "kind": _strings(fields[5]).take(codes),
            "currency": _strings(fields[6]).take(codes),
            "as_of": _strings(found.as_of),
        }
    )


def _objects(values: tuple[object, ...]) -> np.ndarray:
    """Return a one-dimensional object array of ``values``, element for element.

    >>> _objects((None, 1)).tolist()
    [None, 1]
    """
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _int64(values: tuple[int, ...]) -> pd.api.extensions.ExtensionArray:
    """Return ``pd.array(values, dtype="int64")``, built faster through numpy."""
    return pd.array(np.fromiter(values, dtype=np.int64, count=len(values)), dtype="int64")


def _strings(values: tuple[str | None, ...]) -> pd.api.extensions.ExtensionArray:
    """Return ``pd.array(values, dtype="string")``; a column of missing values built faster.

    >>> _strings((None, None)).equals(pd.array((None, None), dtype="string"))
    True
    """
    if values and values.count(None) == len(values):
        missing = pd.array([None], dtype="string")
        return missing.take(np.zeros(len(values), dtype=np.intp))
    return pd.array(values, dtype="string")
