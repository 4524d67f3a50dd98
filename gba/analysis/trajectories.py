"""Trajectories: growth between consecutive dated observations of one quantity.

When ``indicators.csv`` holds two or more dated observations of the same
quantity (same ``case_id``, ``name_en`` and ``unit``: a *series*, see
:mod:`gba.analysis.observations`), each consecutive pair gives four measures,
computed by the kinds of :mod:`gba.analysis.kinds` (no recipe row needed):

- ``change`` (new - old), ``percent_change``, ``cagr`` (compound annual
  growth) and, when the quantity grew, ``doubling_time`` (years to double at
  that rate).

A running total (``measure`` cumulative) does not fall: its change, percent
change and CAGR have the floor 0 (``python -m gba validate`` reports a
series that falls).

Bounds follow how each figure was stated (超过 a lower bound, 近 at or just
below the figure, 约 about: ``docs/manual/growth.md``) and how precisely it
was dated: a figure as of a month may refer to any day of it, so the elapsed
time, and with it a CAGR or a doubling time, lies in an interval.
:func:`derived_indicators` lists these rows after the recipes;
:func:`trajectories` gives one row per pair, with both ends and their
source types side by side.

Examples
--------
>>> t = trajectories()
>>> lawyers = t[t["case_id"] == 2]
>>> [int(v) for v in lawyers["value_to"]]
[341, 372, 580, 630]
>>> lawyers.iloc[0][["date_from", "date_to"]].tolist()
['2023-02-28', '2023-07-24']
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.analysis.bounded import Bounded
from gba.analysis.kinds import Inputs, evaluate
from gba.analysis.observations import SERIES_KEY, series
from gba.datasets.memo import on_data
from gba.errors import DataError

__all__ = ["TRAJECTORY_KINDS", "observation_pairs", "trajectories", "trajectory_records"]

#: the measures each consecutive pair gives (doubling_time only when the quantity grew)
TRAJECTORY_KINDS = ("change", "percent_change", "cagr", "doubling_time")

_WORDS = {
    # kind: (English before the name, short English, Chinese after the name, short Chinese, unit)
    "change": ("Change in", "Change", "变化量", "变化量", None),
    "percent_change": ("Percent change in", "Percent change", "变化率", "变化率", "percent"),
    "cagr": ("Compound annual growth of", "CAGR", "年均复合增长率", "年均复合增长率", None),
    "doubling_time": ("Doubling time of", "Doubling time", "翻倍时间", "翻倍时间", "year"),
}


def observation_pairs(
    indicators: pd.DataFrame, key: Sequence[str] = SERIES_KEY
) -> list[tuple[str, str]]:
    """Return consecutive pairs of dated observations of the same quantity.

    Observations are indicator rows measured as ``stock`` or ``cumulative``
    with an ``as_of`` date, or ``flow`` rows over like periods; rows with
    equal values in the ``key`` columns (``case_id``, ``name_en``, ``unit``)
    observe the same quantity, whatever document (``source_id``) they come
    from. To add a later official figure for a measure, add its document to
    ``sources.csv`` and a row to ``indicators.csv`` with its own
    ``indicator_id``, ``source_id`` and ``as_of``, and the same ``case_id``,
    ``name_en`` and ``unit``.

    Raises
    ------
    DataError
        If two observations of one quantity have the same date.

    Examples
    --------
    >>> from gba.datasets.indicators import load_indicators
    >>> observation_pairs(load_indicators())[0]
    ('c02_gba_lawyers_certified', 'c02_gba_lawyers_certified_2023_07_24')
    """
    if tuple(key) != SERIES_KEY:  # pragma: no cover - kept for callers passing the default
        raise ValueError(f"observation_pairs groups by {SERIES_KEY}")
    pairs: list[tuple[str, str]] = []
    for group in series(indicators):
        dup = group["when"][group["when"].duplicated(keep=False)]
        if len(dup):
            raise DataError(
                f"observations {', '.join(dup.index)} of one quantity share the as-of date "
                f"{dup.iloc[0].date()}",
                file="indicators.csv",
                column="as_of",
                expected="different as-of dates for rows with the same "
                + ", ".join(key)
                + " (or a note starting 'set aside (' on the row you set aside)",
            )
        pairs.extend(itertools.pairwise(group.index.tolist()))
    return pairs


def _dated(indicators: pd.DataFrame) -> pd.DataFrame:
    """Give flow rows the end of their period as a day (like periods compare end to end)."""
    from gba.analysis.growth import period_end

    out = indicators.copy()
    flow = ((out["measure"] == "flow") & out["as_of"].isna() & out["period"].notna()).to_numpy()
    if flow.any():
        periods = out.loc[flow, "period"].tolist()
        ends = [period_end(str(p).split("/")[-1]).date().isoformat() for p in periods]
        out.loc[flow, "as_of"] = ends
        out.loc[flow, "as_of_precision"] = "day"
    return out


def _first_last(indicators: pd.DataFrame) -> list[tuple[str, str]]:
    """Return the first and the last observation of every series (after the same checks)."""
    pairs = observation_pairs(indicators)
    out: dict[str, tuple[str, str]] = {}
    starts = {b: a for a, b in pairs}
    for a, b in pairs:
        first = a
        while first in starts:
            first = starts[first]
        out[first] = (first, b)
    return list(out.values())


def trajectory_records(
    indicators: pd.DataFrame,
    events: pd.DataFrame,
    pairs: list[tuple[str, str]] | None = None,
) -> list[dict[str, object]]:
    """Return the derived rows of every consecutive pair (the rows of :func:`derived_indicators`).

    ``pairs`` (earlier id, later id) replaces the consecutive pairs.
    """
    dated = _dated(indicators)
    records: list[dict[str, object]] = []
    rows: dict[tuple[str, str], Any] = {}  # the input rows, looked up once
    for earlier, later in observation_pairs(indicators) if pairs is None else pairs:
        for iid in (earlier, later):
            if ("indicators.csv", iid) not in rows:
                rows["indicators.csv", iid] = dated.loc[iid]
        a, b = rows["indicators.csv", earlier], rows["indicators.csv", later]
        running_total = a["measure"] == b["measure"] == "cumulative"
        what_en = str(b["name_en"])
        what_en = what_en[:1].lower() + what_en[1:]
        inp0 = Inputs("", dated, events, rows)
        da, db = inp0.date(earlier), inp0.date(later)
        from gba.analysis.growth import period_end

        ea, eb = period_end(*da).date(), period_end(*db).date()
        span_en, span_zh = f"{ea} to {eb}", f"{ea}至{eb}"
        years_label = f"{ea.year}–{eb.year}" if ea.year != eb.year else str(ea.year)
        for kind in TRAJECTORY_KINDS:
            derived_id = f"{later}_{kind}_since_{earlier}"
            inp = Inputs(derived_id, dated, events, rows)
            if kind == "doubling_time" and not inp.q(later).value > inp.q(earlier).value:
                continue
            result = evaluate(kind, inp, [earlier, later])
            before, short, zh, zh_short, unit = _WORDS[kind]
            q: Bounded = result.quantity
            if unit is not None or kind == "change":
                q = q.with_unit(unit or str(b["unit"]))
            if running_total and kind != "doubling_time" and q.low < 0 <= q.value:
                q = replace(q, low=0.0)  # a running total does not fall
            sources = f"{ea} ({a['source_id']}) to {eb} ({b['source_id']})"
            records.append(
                {
                    "derived_id": derived_id,
                    "case_id": int(b["case_id"]),
                    "kind": kind,
                    "name_en": f"{before} {what_en}, {span_en}",
                    "name_zh": f"{b['name_zh']}{zh}（{span_zh}）",
                    "label_en": f"{short}, {years_label}",
                    "label_zh": f"{zh_short}（{years_label}）",
                    "quantity": q,
                    "unit_zh": result.unit_zh,
                    "formula": result.formula,
                    "inputs": f"{earlier}; {later}",
                    "note": "; ".join(n for n in (sources, result.note) if n),
                }
            )
    return records


@on_data  # computed once per state of the data folder; callers get copies
def trajectories(
    data_dir: str | os.PathLike[str] | None = None, *, whole: bool = False
) -> pd.DataFrame:
    """Return one row per consecutive pair of dated observations, both ends side by side.

    The measures are those of :func:`gba.derived_indicators` (kinds change,
    percent_change, cagr, doubling_time; ``derived_id`` ``<to>_<kind>_since_<from>``),
    spread into columns, with the two observations, their dates and the
    source types of their documents.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    whole : bool, default False
        One row per series instead: its first observation against its last
        (the growth over everything observed).

    Returns
    -------
    pandas.DataFrame
        One row per pair, ordered by series and date; a ``RangeIndex``. Columns:

        ==================  ========  ======================================================
        column              dtype     meaning
        ==================  ========  ======================================================
        case_id             Int64     the case (programme) the series belongs to
        name_en             string    what is counted (the series' name_en)
        name_zh             string    what is counted, in Chinese
        unit                string    the series' unit code (gba.unit_words gives words)
        measure             string    stock, cumulative or flow
        from_id             string    the earlier observation (indicator_id)
        to_id               string    the later observation (indicator_id)
        date_from           string    the day the earlier figure stands for (end of period)
        date_to             string    the day the later figure stands for (end of period)
        value_from          float64   the earlier figure
        value_to            float64   the later figure
        qualifier_from      string    how the earlier figure was stated (exact, lower …)
        qualifier_to        string    how the later figure was stated
        source_type_from    string    the earlier document's source type (sources.csv)
        source_type_to      string    the later document's source type
        years               float64   years between the two days
        change              float64   value_to - value_from
        change_low          float64   the lowest change the bounds allow
        change_high         float64   the highest change the bounds allow
        cagr                float64   compound annual growth, percent per year
        cagr_low            float64   the lowest CAGR the bounds (values and dates) allow
        cagr_high           float64   the highest CAGR they allow
        cagr_qualifier      string    exact, lower, upper, approx, range or unbounded
        doubling_years      float64   years to double at the CAGR (NaN if it did not grow)
        doubling_low        float64   the shortest doubling time the bounds allow
        doubling_high       float64   the longest doubling time the bounds allow
        ==================  ========  ======================================================

    Examples
    --------
    >>> t = trajectories()
    >>> {"cumulative", "flow"} <= set(t["measure"])  # running totals and yearly flows
    True
    >>> w = trajectories(whole=True)
    >>> w.loc[w["case_id"] == 2, ["value_from", "value_to"]].values.tolist()
    [[224.0, 630.0]]
    """
    from gba.datasets.events import load_events
    from gba.datasets.indicators import load_indicators
    from gba.datasets.tables import read_table

    folder = _data_dir(data_dir)
    indicators = load_indicators(folder)
    dated = _dated(indicators)
    sources = read_table("sources", folder, check_foreign_keys=False).set_index("source_id")
    events = load_events(folder)
    pairs = _first_last(indicators) if whole else observation_pairs(indicators)
    derived = {
        str(r["derived_id"]): r["quantity"] for r in trajectory_records(indicators, events, pairs)
    }
    rows = []
    inp = Inputs("", dated, events)
    from gba.analysis.growth import period_end, years_between

    for earlier, later in pairs:
        a, b = indicators.loc[earlier], indicators.loc[later]
        da, db = period_end(*inp.date(earlier)), period_end(*inp.date(later))

        def get(kind: str, col: str, earlier: str = earlier, later: str = later) -> object:
            q = derived.get(f"{later}_{kind}_since_{earlier}")
            if not isinstance(q, Bounded):
                return float("nan") if col != "qualifier" else pd.NA
            return getattr(q, col)

        rows.append(
            {
                "case_id": int(b["case_id"]),
                "name_en": b["name_en"],
                "name_zh": b["name_zh"],
                "unit": b["unit"],
                "measure": b["measure"],
                "from_id": earlier,
                "to_id": later,
                "date_from": da.date().isoformat(),
                "date_to": db.date().isoformat(),
                "value_from": float(a["value"]),
                "value_to": float(b["value"]),
                "qualifier_from": a["qualifier"],
                "qualifier_to": b["qualifier"],
                "source_type_from": sources.loc[a["source_id"], "source_type"],
                "source_type_to": sources.loc[b["source_id"], "source_type"],
                "years": years_between(da, db),
                "change": get("change", "value"),
                "change_low": get("change", "low"),
                "change_high": get("change", "high"),
                "cagr": get("cagr", "value"),
                "cagr_low": get("cagr", "low"),
                "cagr_high": get("cagr", "high"),
                "cagr_qualifier": get("cagr", "qualifier"),
                "doubling_years": get("doubling_time", "value"),
                "doubling_low": get("doubling_time", "low"),
                "doubling_high": get("doubling_time", "high"),
            }
        )
    frame = pd.DataFrame(rows)
    floats = ["value_from", "value_to", "years", "change", "change_low", "change_high"]
    floats += ["cagr", "cagr_low", "cagr_high", "doubling_years", "doubling_low", "doubling_high"]
    strings = [c for c in frame.columns if c not in floats and c != "case_id"]
    for col in strings:
        frame[col] = frame[col].astype("string")
    frame["case_id"] = frame["case_id"].astype("Int64")
    frame[floats] = frame[floats].astype("float64")
    return frame
