"""Derived indicators: growth measures computed from the stated indicators and events.

The source reports growth unevenly: a stock at one date, a change against a
baseline, a before/after, a first event and a later cumulative total, a
capacity against use, parts of a whole. :func:`derived_indicators` turns these
into comparable measures, each computed by code from rows of
``indicators.csv`` and ``events.csv`` (never typed), with the ids of the rows
it used, a formula that shows the arithmetic and the bound that follows from
how the inputs were stated (see :mod:`gba.analysis.growth`).

Two kinds of rows:

- **Curated measures**, one function each in this module (decorated with
  ``_derive``): implied baselines, CAGRs, reductions, multiples, averages per
  year, utilisation, shares and per-unit ratios.
- **Growth across observations** (:func:`observation_pairs`): when the
  indicators table holds two or more dated observations of the same quantity
  (the same ``case_id``, ``name_en`` and ``unit``, stock or cumulative, with
  different ``as_of``) — typically the same figure from a later document,
  recorded with its own ``source_id`` — each consecutive pair gives an
  absolute change, a percent change and a CAGR.

Dates follow the convention of :mod:`gba.analysis.growth` (a partial date is the end of
its period; decimal years, actual/actual).

Examples
--------
>>> d = derived_indicators()
>>> row = d.loc["c04_insured_end2019"]
>>> round(row["value"]), row["qualifier"], row["formula"]
(152010, 'exact', '303700 / (1 + 99.79 / 100)')
>>> row["inputs"]
'c04_insured_hkmo_residents; c04_insured_growth_since_2019'

Why one module of more than 600 lines: it is the list of recipes (one short
decorated function per derived measure, with its inputs, formula and note),
which reads best as one list beside the engine that evaluates them; the engine
itself (inputs, observation pairs, the frame, the check) is under 300 lines.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.analysis.bounded import Bounded
from gba.analysis.growth import (
    absolute_change,
    annualised,
    cagr,
    implied_baseline,
    multiple,
    per_year,
    percent_change,
    percent_reduction,
    period_end,
    ratio,
    reduction,
    share,
    utilisation,
    years_between,
)
from gba.errors import DataError

__all__ = ["DERIVED_KINDS", "check_derived", "derived_indicators", "observation_pairs"]

#: What a derived row measures.
DERIVED_KINDS = (
    "baseline",
    "cagr",
    "reduction",
    "percent_reduction",
    "multiple",
    "per_year",
    "daily_average",
    "utilisation",
    "share",
    "ratio",
    "difference",
    "change",
    "percent_change",
)

#: Series key of :func:`observation_pairs`: rows with equal values observe one quantity.
SERIES_KEY = ("case_id", "name_en", "unit")


@dataclass(frozen=True)
class _Result:
    quantity: Bounded
    formula: str
    unit_zh: str
    note: str = ""


@dataclass(frozen=True)
class _Spec:
    derived_id: str
    case_id: int
    kind: str
    name_en: str
    name_zh: str
    label: tuple[str, str]
    compute: Callable[[_Inputs], _Result]


_SPECS: list[_Spec] = []


def _derive(
    derived_id: str,
    case_id: int,
    kind: str,
    name_en: str,
    name_zh: str,
    *,
    label: tuple[str, str],
) -> Callable[[Callable[[_Inputs], _Result]], Callable[[_Inputs], _Result]]:
    if kind not in DERIVED_KINDS:  # pragma: no cover - a programming error
        raise ValueError(f"unknown kind {kind!r}")

    def decorator(func: Callable[[_Inputs], _Result]) -> Callable[[_Inputs], _Result]:
        _SPECS.append(_Spec(derived_id, case_id, kind, name_en, name_zh, label, func))
        return func

    return decorator


#: Indicators stated per day although their unit counts a total (设计日通关量: a design
#: capacity *per day* in person-times). :func:`indicator_quantity` gives them the per-day unit.
PER_DAY: frozenset[str] = frozenset({"c07_design_daily_capacity"})


def indicator_quantity(indicator_id: str, row: Mapping[str, Any]) -> Bounded:
    """Return an indicator row as a bounded quantity in the unit it is stated in.

    Parameters
    ----------
    indicator_id : str
        The row's id (rows listed in :data:`PER_DAY` get the unit ``<unit>_per_day``).
    row : mapping
        The row of :func:`gba.load_indicators` (``value``, ``value_high``, ``unit``,
        ``qualifier``).

    Returns
    -------
    Bounded

    Examples
    --------
    >>> from gba import load_indicators
    >>> ind = load_indicators()
    >>> indicator_quantity("c07_design_daily_capacity", ind.loc["c07_design_daily_capacity"]).unit
    'person_time_per_day'
    >>> indicator_quantity("c02_gba_lawyers_certified", ind.loc["c02_gba_lawyers_certified"]).unit
    'person'
    """
    q = Bounded.from_row(dict(row))
    return q.with_unit(f"{q.unit}_per_day") if indicator_id in PER_DAY else q


class _Inputs:
    """Access to indicators and events for one derived row; records the ids used."""

    def __init__(self, derived_id: str, indicators: pd.DataFrame, events: pd.DataFrame) -> None:
        self.derived_id = derived_id
        self.indicators = indicators
        self.events = events
        self.used: list[str] = []

    def _use(self, table: pd.DataFrame, key: str, file: str, column: str) -> pd.Series:
        if key not in table.index:
            raise DataError(
                f"derived indicator {self.derived_id!r} needs {key!r}, which is missing",
                file=file,
                column=column,
                expected=f"a row with {column} {key!r} (see gba/derived.py)",
            )
        if key not in self.used:
            self.used.append(key)
        return table.loc[key]

    def q(self, indicator_id: str) -> Bounded:
        """Return an indicator as a bounded quantity in its unit."""
        row = self._use(self.indicators, indicator_id, "indicators.csv", "indicator_id")
        return indicator_quantity(indicator_id, row.to_dict())

    def unit_zh(self, indicator_id: str) -> str:
        """Return the Chinese unit of an indicator as written."""
        return str(self.indicators.loc[indicator_id, "unit_zh"])

    def date(self, event_id: str) -> tuple[str, str]:
        """Return an event's date and precision."""
        row = self._use(self.events, event_id, "events.csv", "event_id")
        return str(row["date"]), str(row["precision"])


def _n(x: Bounded | float) -> str:
    """Format a number for a formula: integers in full, else 10 significant digits."""
    v = x.value if isinstance(x, Bounded) else float(x)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.10g}"


def _day(date: str, precision: str) -> str:
    return period_end(date, precision).date().isoformat()


def _years(inp: _Inputs, start_event: str, end_event: str) -> tuple[float, str]:
    start, end = inp.date(start_event), inp.date(end_event)
    years = years_between(start[0], end[0], start[1], end[1])
    note = (
        f"{_n(years)} years from {_day(*start)} to {_day(*end)} "
        "(each date the end of its period; decimal years, actual/actual)"
    )
    return years, note


def _share(inp: _Inputs, part_id: str, whole_id: str) -> _Result:
    part, whole = inp.q(part_id), inp.q(whole_id)
    return _Result(share(part, whole), f"{_n(part)} / {_n(whole)} * 100", "%")


def _ratio(inp: _Inputs, amount_id: str, count_id: str) -> _Result:
    amount, count = inp.q(amount_id), inp.q(count_id)
    unit_zh = f"{inp.unit_zh(amount_id)}/{inp.unit_zh(count_id)}"
    return _Result(ratio(amount, count), f"{_n(amount)} / {_n(count)}", unit_zh)


# -- case 4: Social Insurance Connect -------------------------------------------------


@_derive(
    "c04_insured_end2019",
    4,
    "baseline",
    "Hong Kong and Macao residents insured in Guangdong at the end of 2019 (person-times), "
    "implied by the end-2022 level and its growth",
    "2019年底港澳居民参加广东社会保险人次（由2022年底人次及增长率推算）",
    label=("Insured person-times, end 2019 (implied)", "2019年底参保人次（推算）"),
)
def _c04_baseline(inp: _Inputs) -> _Result:
    level, growth = inp.q("c04_insured_hkmo_residents"), inp.q("c04_insured_growth_since_2019")
    return _Result(
        implied_baseline(level, growth),
        f"{_n(level)} / (1 + {_n(growth)} / 100)",
        inp.unit_zh("c04_insured_hkmo_residents"),
    )


@_derive(
    "c04_insured_cagr_2019_2022",
    4,
    "cagr",
    "Compound annual growth of Hong Kong and Macao residents insured in Guangdong, "
    "end 2019 to end 2022",
    "港澳居民参加广东社会保险人次年均复合增长率（2019年底至2022年底）",
    label=("Insured person-times, CAGR 2019–2022", "参保人次年均复合增长率"),
)
def _c04_cagr(inp: _Inputs) -> _Result:
    growth = inp.q("c04_insured_growth_since_2019")
    years, note = _years(inp, "c04_baseline_insured", "c04_as_of_insured")
    return _Result(
        annualised(growth, years),
        f"((1 + {_n(growth)} / 100) ** (1 / {_n(years)}) - 1) * 100",
        "%/年",
        note,
    )


# -- case 14: business registration ----------------------------------------------------


@_derive(
    "c14_processing_days_saved",
    14,
    "reduction",
    "Days saved in setting up a Hong Kong, Macao or overseas-invested enterprise "
    "(average 45 days before, within 9 days after)",
    "港澳及海外投资落户全流程办理时间缩短天数",
    label=("Set-up days saved", "落户办理缩短天数"),
)
def _c14_days_saved(inp: _Inputs) -> _Result:
    before, after = inp.q("c14_processing_days_before"), inp.q("c14_processing_days_after")
    return _Result(
        reduction(before, after),
        f"{_n(before)} - {_n(after)}",
        inp.unit_zh("c14_processing_days_before"),
    )


@_derive(
    "c14_processing_time_cut",
    14,
    "percent_reduction",
    "Reduction of the set-up time of a Hong Kong, Macao or overseas-invested enterprise, "
    "in percent",
    "港澳及海外投资落户全流程办理时间压缩比例",
    label=("Set-up time cut", "落户办理时间压缩比例"),
)
def _c14_time_cut(inp: _Inputs) -> _Result:
    before, after = inp.q("c14_processing_days_before"), inp.q("c14_processing_days_after")
    return _Result(
        percent_reduction(before, after),
        f"(1 - {_n(after)} / {_n(before)}) * 100",
        "%",
        "the case states 压缩80%, the lower bound computed here",
    )


@_derive(
    "c14_new_foreign_enterprises_2021",
    14,
    "baseline",
    "Newly registered foreign-invested enterprises in 2021, implied by the 2022 count "
    "and its year-on-year growth",
    "2021年新登记外资企业数（由2022年户数及同比增长率推算）",
    label=("New foreign-invested enterprises, 2021 (implied)", "2021年新登记外资企业（推算）"),
)
def _c14_baseline(inp: _Inputs) -> _Result:
    count, growth = (
        inp.q("c14_new_foreign_enterprises"),
        inp.q("c14_new_foreign_enterprises_growth"),
    )
    return _Result(
        implied_baseline(count, growth),
        f"{_n(count)} / (1 + {_n(growth)} / 100)",
        inp.unit_zh("c14_new_foreign_enterprises"),
        "not a whole number because the count and the rate are rounded as printed",
    )


# -- case 3: cross-boundary research funds ----------------------------------------------


@_derive(
    "c03_funds_multiple_of_first",
    3,
    "multiple",
    "Cumulative research funds transferred to Hong Kong and Macao universities by the end "
    "of 2022, as a multiple of the first transfer",
    "截至2022年底跨境拨付科研资金累计金额相当于首笔拨付金额的倍数",
    label=("Funds by end 2022 ÷ first transfer", "累计拨付÷首笔拨付"),
)
def _c03_multiple(inp: _Inputs) -> _Result:
    first, total = inp.q("c03_first_transfer_amount"), inp.q("c03_research_funds_transferred")
    return _Result(multiple(first, total), f"{_n(total)} / {_n(first)}", "倍")


@_derive(
    "c03_funds_per_year",
    3,
    "per_year",
    "Average research funds transferred per year to Hong Kong and Macao universities, "
    "from the first transfer to the end of 2022",
    "首笔拨付至2022年底年均跨境拨付科研资金",
    label=("Funds transferred per year", "年均跨境拨付科研资金"),
)
def _c03_per_year(inp: _Inputs) -> _Result:
    total = inp.q("c03_research_funds_transferred")
    years, note = _years(inp, "c03_first_transfer", "c03_as_of_funds")
    return _Result(
        per_year(total, years),
        f"{_n(total)} / {_n(years)}",
        f"{inp.unit_zh('c03_research_funds_transferred')}/年",
        note + "; the cumulative total includes the first transfer",
    )


# -- case 7: Qingmao Port -----------------------------------------------------------------


def _first_year_days(inp: _Inputs) -> tuple[int, str]:
    start, end = inp.date("c07_port_opened"), inp.date("c07_first_anniversary")
    a, b = period_end(*start), period_end(*end)
    days = (b - a).days
    return days, f"{days} days from the opening on {a.date()} to the first anniversary {b.date()}"


@_derive(
    "c07_first_year_daily_throughput",
    7,
    "daily_average",
    "Average daily throughput of Qingmao Port in its first year (person-times per day)",
    "青茂口岸开通首年日均验放量",
    label=("Daily throughput, first year", "首年日均验放量"),
)
def _c07_daily(inp: _Inputs) -> _Result:
    total = inp.q("c07_first_year_throughput")
    days, note = _first_year_days(inp)
    daily = ratio(total, Bounded.exact(days, "day"))
    return _Result(
        daily, f"{_n(total)} / {days}", f"{inp.unit_zh('c07_first_year_throughput')}/天", note
    )


@_derive(
    "c07_first_year_utilisation",
    7,
    "utilisation",
    "Qingmao Port's average daily throughput in its first year as a percent of its design "
    "daily capacity",
    "青茂口岸开通首年日均验放量占设计日通关量的比例",
    label=("First-year use of design capacity", "首年设计通关能力利用率"),
)
def _c07_utilisation(inp: _Inputs) -> _Result:
    total = inp.q("c07_first_year_throughput")
    days, note = _first_year_days(inp)
    capacity = inp.q("c07_design_daily_capacity")  # per day (PER_DAY)
    daily = ratio(total, Bounded.exact(days, "day"))
    return _Result(
        utilisation(daily, capacity), f"{_n(total)} / {days} / {_n(capacity)} * 100", "%", note
    )


# -- case 15: offshore RMB bonds ------------------------------------------------------------


@_derive(
    "c15_green_share_2021",
    15,
    "share",
    "Green bonds as a share of Shenzhen's 2021 offshore RMB bond issue in Hong Kong",
    "2021年深圳赴港发行离岸人民币债券中绿色债券占比",
    label=("Green bonds, 2021 issue", "2021年绿色债券占比"),
)
def _c15_green_2021(inp: _Inputs) -> _Result:
    return _share(inp, "c15_green_bonds_2021", "c15_bond_issue_2021")


@_derive(
    "c15_green_share_2022",
    15,
    "share",
    "Green bonds as a share of Shenzhen's 2022 offshore RMB bond issue in Hong Kong",
    "2022年深圳赴港发行离岸人民币债券中绿色债券占比",
    label=("Green bonds, 2022 issue", "2022年绿色债券占比"),
)
def _c15_green_2022(inp: _Inputs) -> _Result:
    return _share(inp, "c15_green_bonds_2022", "c15_bond_issue_2022")


@_derive(
    "c15_blue_share_2022",
    15,
    "share",
    "Blue bonds as a share of Shenzhen's 2022 offshore RMB bond issue in Hong Kong",
    "2022年深圳赴港发行离岸人民币债券中蓝色债券占比",
    label=("Blue bonds, 2022 issue", "2022年蓝色债券占比"),
)
def _c15_blue_2022(inp: _Inputs) -> _Result:
    return _share(inp, "c15_blue_bonds_2022", "c15_bond_issue_2022")


@_derive(
    "c15_green_blue_share_2022",
    15,
    "share",
    "Green and blue bonds together as a share of Shenzhen's 2022 offshore RMB bond issue "
    "in Hong Kong",
    "2022年深圳赴港发行离岸人民币债券中绿色和蓝色债券合计占比",
    label=("Green and blue bonds, 2022 issue", "2022年绿色和蓝色债券占比"),
)
def _c15_green_blue_2022(inp: _Inputs) -> _Result:
    green, blue = inp.q("c15_green_bonds_2022"), inp.q("c15_blue_bonds_2022")
    whole = inp.q("c15_bond_issue_2022")
    return _Result(
        share(green + blue, whole), f"({_n(green)} + {_n(blue)}) / {_n(whole)} * 100", "%"
    )


# -- case 8: Hong Kong and Macao Medicine and Equipment Connect -----------------------------


@_derive(
    "c08_institutions_before_second_batch",
    8,
    "difference",
    "Designated medical institutions approved before the second batch (2023-02-22)",
    "第二批获批前的“港澳药械通”指定医疗机构数",
    label=("Institutions before the second batch", "第二批前指定医疗机构数"),
)
def _c08_before(inp: _Inputs) -> _Result:
    second, total = inp.q("c08_second_batch_hospitals"), inp.q("c08_designated_institutions")
    return _Result(
        absolute_change(second, total),
        f"{_n(total)} - {_n(second)}",
        inp.unit_zh("c08_designated_institutions"),
    )


# -- shares ---------------------------------------------------------------------------------


@_derive(
    "c06_hkmo_share_of_declared_users",
    6,
    "share",
    "Hong Kong and Macao organisations as a share of declared users of GBA Standards",
    "“湾区标准”声明使用单位中港澳单位占比",
    label=("HK/Macao declared users", "港澳声明使用单位"),
)
def _c06_share(inp: _Inputs) -> _Result:
    return _share(inp, "c06_declared_users_hkmo", "c06_declared_users")


@_derive(
    "c10_recognition_rate",
    10,
    "share",
    "Engineers whose qualification was mutually recognised, as a share of those evaluated",
    "实现资格互认人数占开展专业能力水平评价人数的比例",
    label=("Evaluated engineers recognised", "评价人员实现互认"),
)
def _c10_rate(inp: _Inputs) -> _Result:
    return _share(inp, "c10_persons_recognised", "c10_persons_evaluated")


@_derive(
    "c10_hk_share_of_recognitions",
    10,
    "share",
    "Recognitions with Hong Kong as a share of all qualification recognitions",
    "资格互认人数中对港互认占比",
    label=("Recognitions with Hong Kong", "对港互认"),
)
def _c10_hk(inp: _Inputs) -> _Result:
    return _share(inp, "c10_hk_persons_recognised", "c10_persons_recognised")


@_derive(
    "c10_macao_share_of_recognitions",
    10,
    "share",
    "Recognitions with Macao as a share of all qualification recognitions",
    "资格互认人数中对澳互认占比",
    label=("Recognitions with Macao", "对澳互认"),
)
def _c10_macao(inp: _Inputs) -> _Result:
    return _share(inp, "c10_macao_persons_recognised", "c10_persons_recognised")


@_derive(
    "c18_macao_share_of_notarisations",
    18,
    "share",
    "Macao-related notarisations as a share of all notarisations by the Hengqin Notary Office",
    "横琴公证处办理公证案件中涉澳公证占比",
    label=("Macao-related notarisations", "涉澳公证"),
)
def _c18_share(inp: _Inputs) -> _Result:
    return _share(inp, "c18_macao_notarisations", "c18_notarisations")


@_derive(
    "c19_qianhai_court_hk_law_share",
    19,
    "share",
    "Cases tried under Hong Kong law as a share of the Qianhai court's extraterritorial-law cases",
    "前海法院适用域外法审理案件中适用香港法的占比",
    label=("HK law, Qianhai court cases", "前海法院适用香港法"),
)
def _c19_court(inp: _Inputs) -> _Result:
    return _share(inp, "c19_qianhai_court_hk_law_cases", "c19_qianhai_court_foreign_law_cases")


@_derive(
    "c19_scia_hk_law_share",
    19,
    "share",
    "Cases under Hong Kong law as a share of the Shenzhen Court of International "
    "Arbitration's extraterritorial-law cases",
    "深圳国际仲裁院适用域外法案件中适用香港法的占比",
    label=("HK law, SCIA cases", "深国仲适用香港法"),
)
def _c19_scia(inp: _Inputs) -> _Result:
    return _share(inp, "c19_scia_hk_law_cases", "c19_scia_foreign_law_cases")


@_derive(
    "c09_platform_use_share",
    9,
    "share",
    "Guangzhou extraterritorial-law cases that used the Extraterritorial Law Ascertainment "
    "Connect platform, as a share of all extraterritorial-law cases since its launch",
    "广州法院适用域外法裁判案件中使用“域外法查明通”平台的占比",
    label=("Extraterritorial-law cases using the platform", "使用平台查明域外法的案件"),
)
def _c09_share(inp: _Inputs) -> _Result:
    return _share(inp, "c09_cases_using_platform", "c09_foreign_law_cases")


# -- per-unit ratios -------------------------------------------------------------------------


@_derive(
    "c11_funds_per_investor",
    11,
    "ratio",
    "Funds moved across the boundary per investor in Cross-boundary Wealth Management Connect",
    "“跨境理财通”人均跨境资金金额",
    label=("Funds per investor", "人均跨境资金"),
)
def _c11_ratio(inp: _Inputs) -> _Result:
    return _ratio(inp, "c11_cross_boundary_funds", "c11_investors")


@_derive(
    "c12_sum_insured_per_person_time",
    12,
    "ratio",
    "Critical-illness cover per insured person-time of the GBA critical illness products",
    "大湾区专属重疾险每承保人次的重疾风险保障金额",
    label=("Cover per insured person-time", "每承保人次保障金额"),
)
def _c12_ratio(inp: _Inputs) -> _Result:
    return _ratio(inp, "c12_sum_insured", "c12_insured_person_times")


@_derive(
    "c16_fund_payment_per_benefit",
    16,
    "ratio",
    "Medical insurance fund payment per benefit instance (person-time) for Hong Kong, Macao "
    "and Taiwan insured persons in Zhuhai",
    "港澳台参保人每人次享受医保待遇的统筹基金支付金额",
    label=("Fund payment per benefit", "每人次统筹基金支付"),
)
def _c16_ratio(inp: _Inputs) -> _Result:
    return _ratio(inp, "c16_fund_payments", "c16_benefit_person_times")


# -- growth across observations ------------------------------------------------------------


def observation_pairs(
    indicators: pd.DataFrame, key: Sequence[str] = SERIES_KEY
) -> list[tuple[str, str]]:
    """Return consecutive pairs of dated observations of the same quantity.

    Observations are indicator rows measured as ``stock`` or ``cumulative``
    with an ``as_of`` date; rows with equal values in the ``key`` columns
    (default: ``case_id``, ``name_en``, ``unit``) observe the same quantity,
    whatever document (``source_id``) they come from. To add a later official
    figure for a measure, add its document to ``sources.csv`` and a row to
    ``indicators.csv`` with its own ``indicator_id``, ``source_id`` and
    ``as_of``, and the same ``case_id``, ``name_en`` and ``unit``.

    Parameters
    ----------
    indicators : pandas.DataFrame
        :func:`gba.datasets.indicators.load_indicators` (indexed by ``indicator_id``).
    key : sequence of str
        The columns that identify a quantity.

    Returns
    -------
    list of (str, str)
        ``(earlier_id, later_id)`` for each consecutive pair, ordered by series
        and date.

    Raises
    ------
    DataError
        If two observations of one quantity have the same as-of date, or an
        as-of date is not a date of the calendar.

    Examples
    --------
    >>> from gba.datasets.indicators import load_indicators
    >>> observation_pairs(load_indicators())[0]
    ('c02_gba_lawyers_certified', 'c02_gba_lawyers_certified_2023_07_24')
    """
    from gba.analysis.observations import series

    if tuple(key) != SERIES_KEY:  # pragma: no cover - kept for callers passing the default
        raise ValueError(f"observation_pairs groups by {SERIES_KEY}")
    pairs: list[tuple[str, str]] = []
    for group in series(indicators):
        group = group[group["measure"].isin(["stock", "cumulative"])]
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


def _pair_rows(indicators: pd.DataFrame, earlier: str, later: str) -> list[dict[str, object]]:
    a, b = indicators.loc[earlier], indicators.loc[later]
    qa, qb = Bounded.from_row(a.to_dict()), Bounded.from_row(b.to_dict())
    da = period_end(a["as_of"], a["as_of_precision"])
    db = period_end(b["as_of"], b["as_of_precision"])
    years = years_between(da, db)
    note = (
        f"{da.date()} ({a['source_id']}) to {db.date()} ({b['source_id']}); "
        f"{_n(years)} years (decimal years, actual/actual)"
    )
    what_en = str(b["name_en"])
    what_en = what_en[:1].lower() + what_en[1:]
    what_zh = str(b["name_zh"])
    span_en, span_zh = f"{da.date()} to {db.date()}", f"{da.date()}至{db.date()}"
    years_label = f"{da.year}–{db.year}" if da.year != db.year else str(da.year)
    measures = [
        # kind, quantity, unit, unit_zh, formula, English and Chinese words
        (
            "change",
            absolute_change(qa, qb),
            str(b["unit"]),
            str(b["unit_zh"]),
            f"{_n(qb)} - {_n(qa)}",
            ("Change in", "Change"),
            ("变化量", "变化量"),
        ),
        (
            "percent_change",
            percent_change(qa, qb),
            "percent",
            "%",
            f"({_n(qb)} / {_n(qa)} - 1) * 100",
            ("Percent change in", "Percent change"),
            ("变化率", "变化率"),
        ),
        (
            "cagr",
            cagr(qa, qb, years),
            "percent_per_year",
            "%/年",
            f"(({_n(qb)} / {_n(qa)}) ** (1 / {_n(years)}) - 1) * 100",
            ("Compound annual growth of", "CAGR"),
            ("年均复合增长率", "年均复合增长率"),
        ),
    ]
    rows = []
    for kind, q, unit, unit_zh, formula, words_en, words_zh in measures:
        rows.append(
            {
                "derived_id": f"{later}_{kind}_since_{earlier}",
                "case_id": int(b["case_id"]),
                "kind": kind,
                "name_en": f"{words_en[0]} {what_en}, {span_en}",
                "name_zh": f"{what_zh}{words_zh[0]}（{span_zh}）",
                "label_en": f"{words_en[1]}, {years_label}",
                "label_zh": f"{words_zh[1]}（{years_label}）",
                "quantity": q.with_unit(unit),
                "unit_zh": unit_zh,
                "formula": formula,
                "inputs": f"{earlier}; {later}",
                "note": note,
            }
        )
    return rows


# -- the table ----------------------------------------------------------------------------


def derived_indicators(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    uses: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Return every derived indicator, computed from the indicators and events.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's own data).
    uses : str or list of str, optional
        Keep only the measures that use one of these indicator or event ids
        as an input (``derived_indicators(uses="c04_insured_hkmo_residents")``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``derived_id`` (``string``): the curated measures in the
        order of this module, then growth across observations. Columns:

        =========  ========  =============================================================
        column     dtype     meaning
        =========  ========  =============================================================
        case_id    Int64     the case the inputs are stated in
        kind       string    baseline, cagr, reduction, percent_reduction, multiple, …
        name_en    string    what the measure is, in English
        name_zh    string    what the measure is, in Chinese
        label_en   string    short English label for tables and figures
        label_zh   string    short Chinese label for tables and figures
        value      float64   the value computed from the stated numbers
        low        float64   the lowest value the inputs' bounds allow (may be -inf)
        high       float64   the highest value the inputs' bounds allow (may be inf)
        unit       string    the indicators' unit vocabulary, percent, percent_per_year …
        unit_zh    string    the unit in Chinese (元/人次, %, 天 …)
        qualifier  string    exact, lower, upper, approx, range or unbounded (gba.analysis.growth)
        formula    string    the arithmetic on the input values (evaluates to ``value``)
        inputs     string    the indicator and event ids used, separated by ``; ``
        note       string    dates and years used, and how to read the value
        =========  ========  =============================================================

    Raises
    ------
    DataError
        If an input row is missing, or the inputs are impossible (a part
        larger than its whole, a zero baseline …); the message names the
        derived indicator and the input.

    Examples
    --------
    >>> d = derived_indicators()
    >>> row = d.loc["c16_fund_payment_per_benefit"]
    >>> print(f"{row['value']:.2f} {row['qualifier']} {row['unit']}")
    942.49 upper CNY_per_person_time
    >>> list(derived_indicators(uses="c16_benefit_person_times").index)[:1]
    ['c16_fund_payment_per_benefit']
    """
    from gba.datasets.events import load_events
    from gba.datasets.indicators import load_indicators

    folder = _data_dir(data_dir)
    indicators = load_indicators(folder)
    events = load_events(folder)
    records: list[dict[str, object]] = []
    for spec in _SPECS:
        inp = _Inputs(spec.derived_id, indicators, events)
        try:
            result = spec.compute(inp)
        except ValueError as err:
            if isinstance(err, DataError):
                raise
            raise DataError(
                f"derived indicator {spec.derived_id!r}: {err}",
                file="indicators.csv",
                column="value",
                expected=f"possible values for {', '.join(inp.used)}",
            ) from None
        records.append(
            {
                "derived_id": spec.derived_id,
                "case_id": spec.case_id,
                "kind": spec.kind,
                "name_en": spec.name_en,
                "name_zh": spec.name_zh,
                "label_en": spec.label[0],
                "label_zh": spec.label[1],
                "quantity": result.quantity,
                "unit_zh": result.unit_zh,
                "formula": result.formula,
                "inputs": "; ".join(inp.used),
                "note": result.note,
            }
        )
    for earlier, later in observation_pairs(indicators):
        records.extend(_pair_rows(indicators, earlier, later))
    frame = _frame(records)
    if uses is None:
        return frame
    wanted = {uses} if isinstance(uses, str) else set(uses)
    known = set(indicators.index) | set(events.index)
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(f"uses: {unknown[0]!r} is not an indicator_id or event_id")
    used = frame["inputs"].fillna("").str.split("; ").map(lambda ids: bool(wanted & set(ids)))
    return frame[used.astype(bool)]


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    qs = [cast(Bounded, r["quantity"]) for r in records]
    frame = pd.DataFrame(
        {
            "case_id": pd.array([r["case_id"] for r in records], dtype="Int64"),
            "kind": pd.array([r["kind"] for r in records], dtype="string"),
            "name_en": pd.array([r["name_en"] for r in records], dtype="string"),
            "name_zh": pd.array([r["name_zh"] for r in records], dtype="string"),
            "label_en": pd.array([r["label_en"] for r in records], dtype="string"),
            "label_zh": pd.array([r["label_zh"] for r in records], dtype="string"),
            "value": [q.value for q in qs],
            "low": [q.low for q in qs],
            "high": [q.high for q in qs],
            "unit": pd.array([q.unit for q in qs], dtype="string"),
            "unit_zh": pd.array([r["unit_zh"] for r in records], dtype="string"),
            "qualifier": pd.array([q.qualifier for q in qs], dtype="string"),
            "formula": pd.array([r["formula"] for r in records], dtype="string"),
            "inputs": pd.array([r["inputs"] for r in records], dtype="string"),
            "note": pd.array([r["note"] or pd.NA for r in records], dtype="string"),
        },
        index=pd.Index([r["derived_id"] for r in records], dtype="string", name="derived_id"),
    )
    for col in ("value", "low", "high"):
        frame[col] = frame[col].astype("float64")
    return frame


def check_derived(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Every derived indicator can be computed from the data, and its formula is right."""
    folder = _data_dir(data_dir)
    if not (folder / "indicators.csv").is_file():  # pragma: no cover - partial data folders
        return []
    frame = derived_indicators(folder)
    problems = []
    for derived_id, row in frame.iterrows():
        got = _evaluate(str(row["formula"]))
        if not math.isclose(got, float(row["value"]), rel_tol=1e-8):
            problems.append(
                DataError(
                    f"derived indicator {derived_id!r}: formula {row['formula']!r} gives {got!r}, "
                    f"not the computed {row['value']!r}",
                    file="gba/analysis/derived.py",
                    expected="a formula that shows the computation",
                )
            )
    return problems


def _evaluate(formula: str) -> float:
    """Evaluate a formula of numbers and + - * / ** ( ) only."""
    allowed = set("0123456789.e+-*/() ")
    if not set(formula) <= allowed:
        raise ValueError(f"formula has characters other than numbers and operators: {formula!r}")
    return float(eval(formula, {"__builtins__": {}}, {}))
