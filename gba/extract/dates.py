"""Dates stated in Chinese text: ``2023年2月``, ``2019年7月30日``, ``2022年底``.

A stated date keeps its precision: ``2023年2月`` is the month 2023-02, not a
day in it. :func:`extract_dates` finds every date in a text, with offsets into
the text as given, and flags the as-of dates introduced by ``截至``/``截止``
("as at"), which :func:`gba.extract_quantities` carries over to the quantities
that follow them.

==============  ==================  ==============  ==============  ==============
written         ``date``            ``precision``   ``first_day``   ``last_day``
==============  ==================  ==============  ==============  ==============
2021年          2021                year            2021-01-01      2021-12-31
2023年 2月      2023-02             month           2023-02-01      2023-02-28
2019年7月30日   2019-07-30          day             2019-07-30      2019-07-30
2022年底/年末   2022-12-31          year_end        2022-12-31      2022-12-31
2023年初        2023-01-01          year_start      2023-01-01      2023-01-01
2023年2月底     2023-02-28          month_end       2023-02-28      2023-02-28
…8日下午3时     2021-09-08T15:00    hour            2021-09-08      2021-09-08
2023-02-22      2023-02-22          day             2023-02-22      2023-02-22
==============  ==================  ==============  ==============  ==============

Years are read from 1800 to 2199 (a four-digit number before 年 outside that
range, or after a qualifier, is a duration). Month-and-day without a year
(``3月29日``) is not resolved: it is neither a date nor a quantity.

Examples
--------
>>> parse_date("2019年 7月 30日")
StatedDate(text='2019年 7月 30日', date='2019-07-30', precision='day', \
first_day=datetime.date(2019, 7, 30), last_day=datetime.date(2019, 7, 30))
>>> parse_date("２０２２年末").date
'2022-12-31'
>>> extract_dates("截至2023年2月，已有224名港澳律师")[["text", "date", "precision", "as_of"]]
        text     date precision  as_of
0  2023年2月  2023-02     month   True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from gba.extract._datepattern import DATE_PATTERN, DATE_RX, DAY_OF_MONTH, date_from_groups
from gba.extract._scancache import frame_per_text, scanned

__all__ = [
    "DATE_PATTERN",
    "DAY_OF_MONTH",
    "StatedDate",
    "date_from_groups",
    "extract_dates",
    "parse_date",
]


@dataclass(frozen=True)
class StatedDate:
    """A date as the text states it.

    Attributes
    ----------
    text : str
        The expression as written.
    date : str
        ISO 8601 to the stated precision: ``2021``, ``2023-02``,
        ``2019-07-30``, ``2021-09-08T15:00``.
    precision : str
        ``year``, ``month``, ``day``, ``hour``, ``minute``, ``year_start``,
        ``year_end``, ``month_start`` or ``month_end``.
    first_day, last_day : datetime.date
        The first and last day the statement covers.

    Examples
    --------
    >>> d = parse_date("2023年2月")
    >>> d.date, d.precision, d.first_day.isoformat(), d.last_day.isoformat()
    ('2023-02', 'month', '2023-02-01', '2023-02-28')
    """

    text: str
    date: str
    precision: str
    first_day: dt.date
    last_day: dt.date


def parse_date(s: str) -> StatedDate:
    """Read one stated date.

    Parameters
    ----------
    s : str
        Exactly one date, e.g. ``2023年2月``; surrounding spaces are ignored.

    Returns
    -------
    StatedDate

    Raises
    ------
    TypeError
        If ``s`` is not a str.
    ValueError
        If ``s`` is not exactly one date (or is an impossible date).

    Examples
    --------
    >>> parse_date("2022年底").precision
    'year_end'
    >>> parse_date("2023年2月30日")
    Traceback (most recent call last):
    ...
    ValueError: '2023年2月30日' is not a valid date
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_date expects a str, not {type(s).__name__}")
    text = s.strip()
    m = DATE_RX.fullmatch(text)
    if m is None or m.group("d_year0"):
        raise ValueError(
            f"{s!r} is not one date (expected e.g. '2023年2月', '2019年7月30日', '2022年底')"
        )
    built = date_from_groups(m.groupdict())
    if built is None:
        raise ValueError(f"{s!r} is not a valid date")
    return StatedDate(text, *built)


def extract_dates(text: str) -> pd.DataFrame:
    """Find every stated date in a text.

    Parameters
    ----------
    text : str
        Any text; offsets refer to it exactly as given.

    Returns
    -------
    pandas.DataFrame
        One row per date, in text order. Columns:

        =========  ==============  ==================================================
        column     dtype           meaning
        =========  ==============  ==================================================
        text       string          the date as written (``text[start:end]``)
        start      int64           offset of its first character
        end        int64           offset after its last character
        date       string          ISO 8601 to the stated precision (``2023-02``)
        precision  string          ``year``, ``month``, ``day``, ``year_end`` …
        first_day  datetime64[ns]  first day the statement covers
        last_day   datetime64[ns]  last day the statement covers
        as_of      bool            introduced by ``截至``/``截止`` ("as at")
        =========  ==============  ==================================================

    Examples
    --------
    >>> extract_dates("2021年和2022年两次发行；截至2022年末，共有")[["text", "date", "as_of"]]
          text        date  as_of
    0    2021年        2021  False
    1    2022年        2022  False
    2  2022年末  2022-12-31   True
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_dates expects a str, not {type(text).__name__}")
    return _date_frame(text)


@frame_per_text
def _date_frame(text: str) -> pd.DataFrame:
    rows = scanned(text).dates
    cols = list(zip(*rows, strict=True)) if rows else [()] * 8
    return pd.DataFrame(
        {
            "text": pd.array(cols[0], dtype="string"),
            "start": pd.array(cols[1], dtype="int64"),
            "end": pd.array(cols[2], dtype="int64"),
            "date": pd.array(cols[3], dtype="string"),
            "precision": pd.array(cols[4], dtype="string"),
            "first_day": pd.to_datetime(pd.Series(cols[5], dtype=object)).astype("datetime64[ns]"),
            "last_day": pd.to_datetime(pd.Series(cols[6], dtype=object)).astype("datetime64[ns]"),
            "as_of": pd.array(cols[7], dtype="bool"),
        }
    )
