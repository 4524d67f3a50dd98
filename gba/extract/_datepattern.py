"""The grammar of a stated date: the pattern and the reading of its groups.

Shared by :mod:`gba.extract._scan` (which finds dates in a text) and
:mod:`gba.extract.dates` (which reads one); it imports neither.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from gba.extract._numerals import SPACE_RUN, ascii_digits

__all__ = ["DATE_PATTERN", "DATE_RX", "DAY_OF_MONTH", "date_from_groups"]

_S = SPACE_RUN
_D = "[0-9０-９]"
_YEAR = "(?:[1１][89８９]|[2２][01０１])[0-9０-９]{2}"
_MON = "(?:[1１][0-2０-２]|[0０]?[1-9１-９])"
#: day of the month, 1-31 (also used by :mod:`gba.extract._scan` for month-days without a year)
DAY_OF_MONTH = "(?:[3３][01０１]|[12１２][0-9０-９]|[0０]?[1-9１-９])"
_AMPM = "上午|下午|中午|晚上|凌晨|早上|傍晚|夜间|夜間"
_TIME = (
    rf"(?P<d_ampm>{_AMPM})?{_S}(?P<d_hour>{_D}{{1,2}}){_S}[时時点點]"
    rf"(?:{_S}(?P<d_min>{_D}{{1,2}}){_S}分)?"
)
#: regular expression of a stated date (named groups start with ``d_``)
DATE_PATTERN = (
    rf"(?P<d_year>{_YEAR}){_S}年"
    rf"(?:{_S}(?P<d_month>{_MON}){_S}月"
    rf"(?:{_S}(?P<d_day>{DAY_OF_MONTH}){_S}[日号號](?:{_S}{_TIME})?|(?P<d_medge>底|末|初))?"
    rf"|(?P<d_yedge>底|末|初))?"
    # the first year of "2019-2021年"
    rf"|(?P<d_year0>{_YEAR})(?={_S}[-－~～〜—–至到]{_S}{_YEAR}{_S}年)"
    rf"|(?P<d_iy>{_YEAR})(?P<d_sep>[-/])(?P<d_im>{_MON})(?P=d_sep)(?P<d_id>{DAY_OF_MONTH})(?!{_D})"
)
_AM = {"上午", "凌晨", "早上"}


def date_from_groups(g: dict[str, str | None]) -> tuple[str, str, dt.date, dt.date] | None:
    """Build ``(date, precision, first_day, last_day)`` from the groups of a date match.

    Returns None for an impossible date (``2023年2月30日``).
    """
    if g.get("d_iy"):
        year, month, day = (int(ascii_digits(g[k] or "")) for k in ("d_iy", "d_im", "d_id"))
        edge = hour = None
    elif g.get("d_year0"):
        year, month, day, edge, hour = int(ascii_digits(g["d_year0"] or "")), 0, 0, None, None
    else:
        year = int(ascii_digits(g["d_year"] or ""))
        month = int(ascii_digits(g["d_month"])) if g.get("d_month") else 0
        day = int(ascii_digits(g["d_day"])) if g.get("d_day") else 0
        edge = g.get("d_medge") or g.get("d_yedge")
        hour = int(ascii_digits(g["d_hour"])) if g.get("d_hour") else None
    if not month:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if edge is None:
            return f"{year:04d}", "year", first, last
        if edge == "初":
            return first.isoformat(), "year_start", first, first
        return last.isoformat(), "year_end", last, last
    n_days = calendar.monthrange(year, month)[1]
    if not day:
        first, last = dt.date(year, month, 1), dt.date(year, month, n_days)
        if edge is None:
            return f"{year:04d}-{month:02d}", "month", first, last
        if edge == "初":
            return first.isoformat(), "month_start", first, first
        return last.isoformat(), "month_end", last, last
    if day > n_days:
        return None
    the_day = dt.date(year, month, day)
    if hour is None:
        return the_day.isoformat(), "day", the_day, the_day
    ampm = g.get("d_ampm")
    if ampm and ampm not in _AM and ampm != "中午" and hour < 12:
        hour += 12
    if hour > 24:
        return None
    minute = g.get("d_min")
    stamp = f"{the_day.isoformat()}T{hour:02d}:{int(ascii_digits(minute or '0')):02d}"
    return stamp, "minute" if minute else "hour", the_day, the_day


#: compiled :data:`DATE_PATTERN`
DATE_RX = re.compile(DATE_PATTERN)
