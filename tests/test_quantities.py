"""The quantity extractor against a hand-made table, non-quantities and random text.

tests/quantity_cases.csv holds one row per expression with its expected value,
written by hand: rows with a case_id are every quantity of that case's clean
text, in order (so the source test also proves nothing else is returned);
rows without are constructed hard cases in simplified and traditional script.
"""

from __future__ import annotations

import contextlib
import csv
import doctest
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gba
from gba.extract.quantities import Quantity, extract_quantities, parse_quantity

TABLE = Path(__file__).with_name("quantity_cases.csv")


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()
SOURCE = [r for r in ROWS if r["case_id"]]
CONSTRUCTED = [r for r in ROWS if not r["case_id"]]


def _expected(r: dict[str, str]) -> tuple:
    high = Decimal(r["value_high"]) if r["value_high"] else None
    return (Decimal(r["value"]), high, r["unit"], r["qualifier"], r["kind"])


def test_table_is_large_enough():
    assert len(ROWS) >= 150
    assert len(SOURCE) >= 100
    # both scripts among the constructed cases
    assert sum("traditional" in r["note"] for r in CONSTRUCTED) >= 25


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['case_id'] or 'x'}-{r['expr']}" for r in ROWS])
def test_parse_quantity(row):
    q = parse_quantity(row["expr"])
    assert isinstance(q, Quantity)
    assert q.text == row["expr"]
    assert (q.value, q.value_high, q.unit, q.qualifier, q.kind) == _expected(row)
    assert isinstance(q.value, Decimal)


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return gba.load_cases()


@pytest.mark.parametrize("case_id", range(1, 21))
def test_every_quantity_of_every_case(cases, case_id):
    text = cases.loc[case_id, "text_zh"]
    found = extract_quantities(text)
    want = [r for r in SOURCE if int(r["case_id"]) == case_id]
    assert list(found["text"]) == [r["expr"] for r in want]
    for row, (_, got) in zip(want, found.iterrows(), strict=True):
        assert text[got["start"] : got["end"]] == got["text"]
        assert (got["value"], got["value_high"], got["unit"], got["qualifier"], got["kind"]) == (
            _expected(row)
        )
        assert (got["as_of"] if pd.notna(got["as_of"]) else "") == row["as_of"]


def test_offsets_into_the_text_as_given():
    text = "惠及　近 3千家企業，１０萬餘輛兩地牌車輛，約 12 萬 單。"
    found = extract_quantities(text)
    assert list(found["text"]) == ["近 3千家", "１０萬餘輛", "約 12 萬 單"]
    assert list(found["start"]) == [3, 11, 22]
    for _, row in found.iterrows():
        assert text[row["start"] : row["end"]] == row["text"]
    assert list(found["value"]) == [Decimal(3000), Decimal(100000), Decimal(120000)]


def test_column_dtypes_and_missing_values():
    found = extract_quantities("5-10%，超过3.7亿元")
    assert list(found.columns) == [
        "text", "start", "end", "value", "value_high", "unit", "qualifier", "kind", "currency",
        "as_of",
    ]  # fmt: skip
    assert str(found["start"].dtype) == "int64"
    assert found["value"].dtype == object
    assert found["value_high"].tolist() == [Decimal(10), None]
    assert found["value_high"].astype(float).isna().tolist() == [False, True]
    assert found["as_of"].isna().all()
    empty = extract_quantities("没有数字")
    assert list(empty.columns) == list(found.columns) and len(empty) == 0


NOT_QUANTITIES = [
    "一是开创性，二是市场性，三是实用性",  # enumerators
    "澳门银行已为江门企业授予首笔跨境信贷额度",  # 首笔
    "验放量全国第二的陆路口岸",  # rank
    "获批成为第二批指定医疗机构",  # ordinal + counter
    "实现第一笔省级科研资金跨境拨付",
    "第3批试点，第十二批名单",
    "“十四五”规划",  # plan name
    "十三五时期",
    "以“平台+智库+人才”三位一体提供",  # idiom with a counter
    "建设“深港e站通”5G 跨境联办",  # code
    "于2021年9月8日下午3时正式开通",  # date and time of day
    "下午3点开会，3点半结束，12點",
    "3月29日上线",  # month-day without a year
    "一个突破，一次放行，二次安检",  # lone 一/二: article, adjective
    "粤港澳三地，内地九市，一国两制",  # numeral without counter
    "千方百计，万一，千万不要",  # numeral words
    "地铁5号线，5级台风，ISO 9001，G20",
    "（1）开展试点",
    "1、开展试点",
    "截至2023年2月",
    "2019-2021年",
    "全國第一，首個，第二批",  # traditional
    "「十四五」規劃",
    "於2021年9月8日下午3時開通",
    "一國兩制，兩地三方",
    "跃居亚洲第一、全球前三",
    "数十家企业，几十个项目，十几家机构，成千上万家庭",  # indefinite numbers
    "數十家企業，幾十個項目",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert extract_quantities(text).empty


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("第二批", "ordinal"),
        ("十四五", "plan"),
        ("三位一体", "idiom"),
        ("下午3时", "time of day"),
        ("2023年2月", "date"),
        ("3月29日", "month or day"),
        ("", "no number"),
        ("港澳律师", "no number"),
        ("224名港澳律师", "other text"),
        ("12件，10件", "2 quantities"),
        ("5G", "code"),
    ],
)
def test_parse_quantity_errors_say_why(text, why):
    with pytest.raises(ValueError, match=why):
        parse_quantity(text)


@pytest.mark.parametrize(
    "func", [parse_quantity, extract_quantities, gba.extract_dates, gba.parse_date]
)
def test_functions_need_a_string(func):
    with pytest.raises(TypeError, match="expects a str"):
        func(224)


def test_broken_ranges_are_two_quantities():
    found = extract_quantities("从平均45天压缩至9天以内；由45天至9天；5万元至10万人")
    assert list(found["text"]) == ["45天", "9天以内", "45天", "9天", "5万元", "10万人"]
    assert list(found["qualifier"]) == ["exact", "upper", "exact", "exact", "exact", "exact"]


def test_qualifier_words_that_belong_to_other_words():
    found = extract_quantities("最近3年，签订合约5份，赶超10家")
    assert list(found["text"]) == ["3年", "5份", "10家"]
    assert set(found["qualifier"]) == {"exact"}


def test_context_words():
    found = extract_quantities("近5年来增长-5.3%，线上3家，比上年增长10%，5家-3家")
    assert list(found["text"]) == ["5年", "-5.3%", "3家", "10%", "5家", "3家"]
    assert [str(v) for v in found["value"]] == ["5", "-5.3", "3", "10", "5", "3"]
    assert set(found["qualifier"]) == {"exact"}


def test_inner_suffix_only_after_a_duration():
    found = extract_quantities("30日内办结，3家内地企业")
    assert list(found["text"]) == ["30日内", "3家"]
    assert list(found["qualifier"]) == ["upper", "exact"]


TWO_PARAGRAPHS = "截至2022年末，共64家。其中12家在港。\n另有5家。"


@pytest.mark.parametrize(
    ("text", "scope", "as_of"),
    [
        (TWO_PARAGRAPHS, "paragraph", ["2022-12-31", "2022-12-31", None]),
        (TWO_PARAGRAPHS, "sentence", ["2022-12-31", None, None]),
        ("此前3家；截至2023年1月，7家，截止2023年2月底9家", "paragraph",
         [None, "2023-01", "2023-02-28"]),
        ("较2019年底增长了5家", "paragraph", [None]),
    ],
)  # fmt: skip
def test_as_of_rule(text, scope, as_of):
    found = extract_quantities(text, as_of_scope=scope)
    assert [None if pd.isna(v) else v for v in found["as_of"]] == as_of


def test_as_of_scope_is_checked():
    with pytest.raises(ValueError, match="as_of_scope"):
        extract_quantities("1家", as_of_scope="page")  # type: ignore[arg-type]


# ---- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision", "first", "last"),
    [
        ("2023年 2月", "2023-02", "month", "2023-02-01", "2023-02-28"),
        ("2024年2月", "2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2019年 7月 30日", "2019-07-30", "day", "2019-07-30", "2019-07-30"),
        ("2022年底", "2022-12-31", "year_end", "2022-12-31", "2022-12-31"),
        ("2022年末", "2022-12-31", "year_end", "2022-12-31", "2022-12-31"),
        ("2023年初", "2023-01-01", "year_start", "2023-01-01", "2023-01-01"),
        ("2023年2月底", "2023-02-28", "month_end", "2023-02-28", "2023-02-28"),
        ("2021年", "2021", "year", "2021-01-01", "2021-12-31"),
        ("２０２１年９月８日", "2021-09-08", "day", "2021-09-08", "2021-09-08"),
        ("2021年9月8日下午3时", "2021-09-08T15:00", "hour", "2021-09-08", "2021-09-08"),
        ("2021年9月8日上午9時30分", "2021-09-08T09:30", "minute", "2021-09-08", "2021-09-08"),
        ("2023-02-22", "2023-02-22", "day", "2023-02-22", "2023-02-22"),
    ],
)
def test_parse_date(text, date, precision, first, last):
    d = gba.parse_date(text)
    assert (d.text, d.date, d.precision) == (text, date, precision)
    assert (d.first_day.isoformat(), d.last_day.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["2023年2月30日", "3月29日", "十四五", "224名", "2023年2月，3月"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match="date"):
        gba.parse_date(text)


def test_extract_dates_in_the_source(cases):
    found = gba.extract_dates(cases.loc[3, "text_zh"])
    assert list(found["date"]) == ["2019-01", "2019-07-30", "2021-08", "2022-12-31"]
    assert list(found["as_of"]) == [False, False, False, True]
    text = cases.loc[7, "text_zh"]
    first = found = gba.extract_dates(text).iloc[0]
    assert text[first["start"] : first["end"]] == "2021年9月8日下午3时"
    assert first["date"] == "2021-09-08T15:00"


def test_year_range_gives_two_years():
    found = gba.extract_dates("2019-2021年")
    assert list(found["text"]) == ["2019", "2021年"]
    assert list(found["date"]) == ["2019", "2021"]


# ---- properties --------------------------------------------------------------------

ALPHABET = (
    "0123456789０１２３４５６７８９.．,，%％-－~～至到/／ 　\n。；"
    "一二两兩三四五六七八九十百千万萬亿億零第首是"
    "年月日号底末初时時点點下午个個家项項件人次元天秒倍余餘多超过過逾近约約以上下内內左右"
    "截止截至不到足最多少百分之GgA（）、"
    "成半分兆岁歲或有负負正每季度上〇○屆会议口[]图表$\u200b\u2009\t\x00角申请"
)
TOKENS = [
    "0", "1", "12", "2023", "316.96", "1,500", "１２", "３．５", "0.07", "一", "两", "三", "十",
    "十四", "五", "百", "千", "万", "萬", "亿", "億", "余", "餘", "多", "超", "超过", "近", "约",
    "約", "逾", "不到", "最多", "以上", "以下", "以内", "以內", "内", "左右", "个", "個", "家",
    "人次", "元", "天", "年", "个月", "月", "日", "号", "级", "时", "点", "下午", "%", "％",
    "倍", "/", "／", "-", "－", "~", "至", "到", "第", "首", "截至", "截止", "底", "末", "初",
    "百分之", "个百分点", "G", "（", "）", "、", " ", "　", "，", "。", "；", "\n", "是",
    "三位一体", "十四五", "千瓦", "辆", "輛", "种", "種", "名", "位", "HK$", "MOP", "RMB", "￥",
    "ISO ", "−", "上", "成", "几", "数", "最", "合",
    "成", "七成半", "半成", "三分之二", "1/4", "兆", "兆瓦", "兆元", "萬億（兆）元", "岁", "歲",
    "或以上", "及以下", "有余", "負", "正", "个百分比", "每", "元/月", "平方米", "家次", "季度",
    "第三季度", "上半年", "二〇二三年", "○", "點", "十二點四", "十四屆", "三次會議", "人口",
    "[", "]", "圖", "表", "852", " ", "2345 6789", "\u200b", "\u2009", "\u202f", "\t", "\x00",
    "$", "黃金周", "年度", "/", "角", "申請", "不得", "突破", "约有", "就业不足", "减少", "连续",
    "、", "及", "港元", "人民幣", "4 500", "1万3千",
]  # fmt: skip
# random text, and random sequences of the extractor's own building blocks
TEXT = st.text(alphabet=ALPHABET, max_size=60) | st.lists(st.sampled_from(TOKENS), max_size=14).map(
    "".join
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_never_raises_and_spans_hold(text):
    from gba.extract._pattern import LIST_GAP as _LIST_GAP

    found = extract_quantities(text)
    rows = list(found.itertuples(index=False))
    for k, row in enumerate(rows):
        assert text[row.start : row.end] == row.text
        assert row.start < row.end
        # an item of a list may take its unit or qualifier from its neighbours (1,000及1,200港元)
        in_list = any(
            0 <= k + d < len(rows)
            and _LIST_GAP.fullmatch(text, *sorted((rows[k + d].end, row.start) if d < 0
                                                  else (row.end, rows[k + d].start)))
            for d in (-1, 1)
        )  # fmt: skip
        if not in_list and not row.text.endswith("日"):  # 日 alone may be a day of the month
            q = parse_quantity(row.text)
            assert (q.value, q.value_high, q.unit, q.qualifier, q.kind) == (
                row.value,
                row.value_high,
                row.unit,
                row.qualifier,
                row.kind,
            )
        assert row.qualifier != "range" or row.value < row.value_high
    starts = list(found["start"])
    assert starts == sorted(starts)
    assert all(a <= b for a, b in zip(found["end"][:-1], found["start"][1:], strict=False))
    for d in gba.extract_dates(text).itertuples(index=False):
        assert text[d.start : d.end] == d.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_quantity_raises_only_value_error(text):
    # anything else than ValueError fails the test
    with contextlib.suppress(ValueError):
        parse_quantity(text)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "万", "亿", "萬", "億", "千"]),
    st.sampled_from(["元", "人次", "家", "%", "辆", "輛"]),
)
def test_value_is_exact(number, magnitude, unit):
    factor = {"": 1, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 1000}[magnitude]
    q = parse_quantity(f"{number}{magnitude}{unit}")
    assert q.value == number * factor


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fast_scan_equals_finditer(text):
    from gba.extract._scan import RX, _matches

    assert [m.span() for m in _matches(text)] == [m.span() for m in RX.finditer(text)]


# ---- documentation -----------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


HEADING = "## Extract quantities from your own text"


def _sections() -> dict[str, str]:
    """The section in docs/extract_quantities.md and, once pasted there, in README.md."""
    out = {}
    for name in ("docs/extract_quantities.md", "README.md"):
        path = REPO / name
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if HEADING in text:
            section = text.split(HEADING, 1)[1]
            out[name] = re.split(r"\n## ", section, maxsplit=1)[0]
    return out


def test_readme_section_exists():
    assert _sections(), f"no {HEADING!r} in docs/extract_quantities.md or README.md"


@pytest.mark.parametrize("name", sorted(_sections()))
def test_readme_section_examples_run_as_shown(name):
    """The examples of the section show real outputs."""
    blocks = re.findall(r"```pycon\n(.*?)```", _sections()[name], flags=re.S)
    assert len(blocks) == 2
    assert "澳門" in blocks[1] and "港资" in blocks[0]  # one example per script
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    # the blocks run in order in one namespace, as a reader would type them
    test = parser.get_doctest("\n".join(blocks), {}, name, None, 0)
    assert len(test.examples) == 7
    result = runner.run(test)
    assert result.failed == 0 and result.attempted == 7


@pytest.mark.parametrize(
    ("func", "sample"),
    [(extract_quantities, "截至2022年末，超过3.7亿元，5-10%"), (gba.extract_dates, "截至2022年末")],
)
def test_data_dictionaries(func, sample):
    from test_dictionaries import dictionary

    frame = func(sample)
    assert len(frame) > 0
    assert dictionary(func) == {c: str(t) for c, t in frame.dtypes.items()}
    assert dictionary(func) == {c: str(t) for c, t in func("").dtypes.items()}
