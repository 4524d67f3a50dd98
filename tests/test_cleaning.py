import pytest

from gba.datasets.cases import clean_cases, load_cases
from gba.datasets.cleaning import clean_body, raw_span, split_cases
from gba.datasets.provenance import source
from gba.errors import DataError
from gba.extract._numerals import chinese_to_int


@pytest.fixture(scope="module")
def raw() -> str:
    return source()["text"]


@pytest.fixture(scope="module")
def cases():
    return split_cases(source()["text"])


def test_twenty_cases_in_order(cases):
    assert [c.case_id for c in cases] == list(range(1, 21))


def test_no_line_breaks_inside_paragraphs(cases):
    # the PDF lays out each case as a description paragraph and a results paragraph
    for c in cases:
        paragraphs = c.text_zh.split("\n")
        assert len(paragraphs) == 2, c.case_id
        assert all(p.endswith(("。", "；")) for p in paragraphs), c.case_id


def test_page_numbers_dropped(raw, cases):
    # "5" and "10" stand alone between cases in the raw text
    assert "\n5\n" in raw and "\n10\n" in raw
    assert cases[3].text_zh.endswith("社会保障合作日益密切。")
    assert cases[8].text_zh.endswith("其中有10件使用该平台查找获取域外法。")


@pytest.mark.parametrize(
    ("case_id", "clean"),
    [
        (5, "超12万单"),  # "超 12万单"
        (2, "截至2023年2月，已有224名港澳律师"),
        (12, "提供重疾风险保障近400亿元"),  # "近 400 亿元" across spaces
        (15, "再次在香港成功发行50亿元离岸人民币"),  # "50" / "亿元" across a line break
        (19, "总争议金额人民币1272亿元"),  # across a line break
        (11, "同时，创新建立"),  # space after full-width comma
        (4, "5G 跨境联办"),  # Latin + CJK keeps its space
        (10, "ISO 注册标准"),
    ],
)
def test_spaces_and_breaks(cases, case_id, clean):
    assert clean in cases[case_id - 1].text_zh


def test_title_spanning_two_lines_keeps_official_space(cases):
    assert cases[6].title_zh == "粤澳新通道（青茂口岸）实施“合作查验 一次放行”自助通关"
    assert cases[6].submitted_by_zh == "省港澳办、拱北海关、珠海边检总站"


def test_cleaning_is_deterministic(raw):
    a = [(c.text_zh, c.raw_offsets) for c in split_cases(raw)]
    b = [(c.text_zh, c.raw_offsets) for c in split_cases(raw)]
    assert a == b


def test_raw_offsets_point_at_the_same_characters(raw, cases):
    for c in cases:
        for i, ch in enumerate(c.text_zh):
            o = c.raw_offsets[i]
            assert (o == -1 and ch == "\n") or raw[o] == ch


def test_raw_span_round_trip(raw, cases):
    c = cases[14]
    i = c.text_zh.index("50亿元离岸")
    s, e = raw_span(c, i, i + 4)
    assert raw[s:e].replace("\n", "").replace(" ", "") == "50亿元"
    with pytest.raises(ValueError, match="not inside case 15"):
        raw_span(c, 10, 10_000)


def test_case_numerals_are_read_by_the_one_numeral_parser():
    assert [chinese_to_int(n) for n in ["一", "十", "十四", "二十", "二十一"]] == [
        1,
        10,
        14,
        20,
        21,
    ]
    for bad in ["", "零", "一二", "百"]:
        assert chinese_to_int(bad) is None


def test_a_case_heading_without_a_numeral_is_named():
    with pytest.raises(DataError, match="案例零 does not hold a Chinese numeral"):
        split_cases("案例零\n案例名称：x\n报送单位：y\n正文。")


def test_digits_split_across_lines_are_refused():
    with pytest.raises(DataError, match="merge two numbers"):
        clean_body(["共有 12", "3家企业。"])


def test_missing_headers_are_named():
    with pytest.raises(DataError, match="no 案例名称："):
        split_cases("案例一\n报送单位：乙\n正文。\n", path="x.txt")
    with pytest.raises(DataError, match="no 报送单位："):
        split_cases("案例一\n案例名称：甲\n正文。\n", path="x.txt")
    with pytest.raises(DataError, match="out of sequence"):
        split_cases("案例二\n案例名称：甲\n报送单位：乙\n正文。\n", path="x.txt")


def test_clean_cases_match_loader():
    texts = clean_cases()
    cases = load_cases()
    assert all(cases.loc[i, "text_zh"] == texts[i].text_zh for i in cases.index)


def test_submitting_units_are_printed_as_in_the_raw_text():
    """submitted_by_zh keeps the source's own separator: 、 in case 7, ， in case 4."""
    import re

    import gba
    from gba.datasets.cases import load_cases, split_units

    raw = gba.source()["text"]
    # one 报送单位 line per case, in case order, read straight from the extracted PDF text
    printed = [line.strip() for line in re.findall(r"报送单位：(.+)", raw)]
    cases = load_cases()
    batch1 = cases[cases["batch"] == 1].sort_values("case_no")
    assert batch1["submitted_by_zh"].tolist() == printed
    assert "，" in printed[3] and "、" in printed[6]
    assert cases.loc[4, "n_units"] == len(split_units(printed[3])) == 2
    assert cases.loc[7, "n_units"] == 3
