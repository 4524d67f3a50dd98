"""The codebook, the judgement codes with evidence, the rules, and their validation."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from gba.checks import validate
from gba.datasets.cases import load_cases
from gba.datasets.codebook import load_codebook, load_codebook_values
from gba.datasets.datapackage import write_descriptor
from gba.datasets.features import load_features, locate_span, rule_matches

JUDGEMENT = ["domain", "one_stop", "beneficiaries"]


@pytest.fixture(scope="module")
def wide() -> pd.DataFrame:
    return load_features(form="wide")


@pytest.fixture(scope="module")
def long() -> pd.DataFrame:
    return load_features()


def first_pattern() -> re.Pattern[str]:
    return re.compile(load_codebook().loc["n_first_claims", "pattern"])


def test_codebook_kinds():
    book = load_codebook()
    assert sorted(book.index[book["rule_kind"] == "judgement"]) == sorted(JUDGEMENT)
    assert book.loc["beneficiaries", "type"] == "multi-valued"
    assert book.loc["domain", "type"] == "categorical"
    assert book.loc["one_stop", "type"] == "binary"
    assert book.loc["n_first_claims", "type"] == "count"
    values = load_codebook_values()
    assert values.loc[values["feature"] == "one_stop", "value"].tolist() == ["true", "false"]
    # the old mixed features are retired: the typology (codebook_typology.csv) replaces them
    assert not {"partner", "places", "mechanism"} & set(book.index)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("实现了四个“首创”：一是首创粤澳社保", ["首创"]),  # the heading is not counted
        ("形成三个首创经验", []),
        ("实现多项首创。一是首次实现", ["首次"]),
        ("开设全国首个“粤澳社保一窗通”专窗", ["全国首个"]),  # one token, not 全国首 + 首个
        ("在全国首创“政银医”合作模式", ["全国首创"]),
        ("内地首个非营利港人子弟学校", ["内地首个"]),
        ("在全国率先实现第一笔省级科研资金跨境拨付", ["率先"]),  # 第一 is not counted
        ("开创内地地方政府赴境外发债先河", ["先河"]),
        ("数量居全国仲裁机构首位", []),  # a rank
        ("首先，居全国法院第一，跃居亚洲第一", []),
        ("首款产品成功备案，并实现首单保单落地", ["首款", "首单"]),
        ("这是我国首个、也是唯一一个区域性重疾发生率表", ["我国首个"]),
    ],
)
def test_first_claim_pattern(text, tokens):
    assert [m.group() for m in first_pattern().finditer(text)] == tokens


def test_first_claim_counts_by_case(wide):
    # counted by hand in the 20 texts (see the codebook's coding rule)
    expected = dict.fromkeys(range(1, 21), 0)
    expected.update({1: 2, 3: 2, 4: 6, 10: 1, 11: 1, 12: 5, 14: 1, 15: 4, 16: 2, 18: 1, 20: 1})
    assert wide["n_first_claims"].to_dict() == expected
    m = rule_matches()
    case4 = m[(m["case_id"] == 4) & (m["feature"] == "n_first_claims")]
    assert case4["match"].tolist() == ["首创", "全国首个", "首创", "首创", "全国首个", "首创"]
    text = load_cases().loc[4, "text_zh"]
    assert all(text[s:e] == t for t, s, e in case4[["match", "start", "end"]].to_numpy())


def test_submitting_unit_levels(wide):
    expected = (
        ["provincial"] * 10
        + ["central_branch"] * 3
        + ["city_government"] * 4
        + ["zone_district"] * 3
    )
    assert wide["lead_level"].tolist() == expected
    # 省税务局 is the State Taxation Administration's Guangdong service, not a provincial department
    assert wide.loc[4, "submitter_level"] == "provincial|central_branch"
    assert wide.loc[7, "submitter_level"] == "provincial|central_branch"


def test_digital_rules(wide):
    assert wide.loc[17, "digital"].split("|") == [
        "online_service",
        "video",
        "e_document",
        "blockchain",
        "ai_smart",
        "data_sharing",
        "self_service",
    ]
    assert wide.loc[6, "digital"] == ""  # 平台 in "平台+智库+人才" is not an online platform
    assert wide.loc[18, "digital"] == "online_service"  # its 平台 are service centres
    assert wide.loc[9, "digital"] == "online_platform|ai_smart"


def test_long_form_evidence_is_verbatim(long):
    texts = load_cases()["text_zh"]
    spans = long[long["start"].notna()]
    # every judgement row has offsets, and so do the digital matches
    assert len(spans) > (long["coding"] == "judgement").sum() > 60
    for row in spans.itertuples():
        assert texts[row.case_id][row.start : row.end] == row.evidence
    judged = long[long["coding"] == "judgement"]
    assert set(judged["feature"]) == set(JUDGEMENT)
    assert judged["evidence"].notna().all()
    # every case has exactly one domain and at least one beneficiary; one_stop stores only true
    counts = judged.groupby(["case_id", "feature"]).size().unstack()
    assert counts.shape[0] == 20
    assert (counts["domain"] == 1).all() and (counts["beneficiaries"] >= 1).all()
    assert set(judged.loc[judged["feature"] == "one_stop", "value"]) == {"true"}


def test_wide_form_agrees_with_long_form(long, wide):
    assert list(wide.columns) == list(load_codebook().index)
    # values in codebook order, not file order
    order = load_codebook_values().query("feature == 'beneficiaries'")["value"].tolist()
    for case_id in wide.index:
        got = long[(long["case_id"] == case_id) & (long["feature"] == "beneficiaries")]["value"]
        assert wide.loc[case_id, "beneficiaries"] == "|".join(sorted(got, key=order.index))
    # a judged binary feature: a row is true, no row is false
    window = set(long.loc[long["feature"] == "one_stop", "case_id"])
    assert str(wide["one_stop"].dtype) == "boolean" and wide["one_stop"].notna().all()
    assert set(wide.index[wide["one_stop"]]) == window and 0 < len(window) < 20
    assert str(wide["n_first_claims"].dtype) == "Int64"
    with pytest.raises(ValueError, match="long"):
        load_features(form="tall")


def test_locate_span():
    assert locate_span("甲乙甲乙", "甲乙", occurrence=2) == (2, 4)
    with pytest.raises(ValueError, match="1 time"):
        locate_span("甲乙", "甲乙", occurrence=2)
    with pytest.raises(ValueError, match="not in the text"):
        locate_span("甲乙", "丙")
    # a wrong argument is refused, not turned into offsets (-1, 0) or (0, 0)
    with pytest.raises(ValueError, match="occurrence must be a whole number from 1 up, not 0"):
        locate_span("甲乙", "甲", occurrence=0)
    with pytest.raises(ValueError, match="occurrence must be a whole number"):
        locate_span("甲乙", "甲", occurrence=1.5)
    with pytest.raises(ValueError, match="empty"):
        locate_span("甲乙", "")


# --- validation of broken copies


def _rewrite(path: Path, edit) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _messages(folder: Path) -> str:
    write_descriptor(folder)
    return "\n".join(map(str, validate(folder)))


def _shift_span(rows):
    rows[1][4] = str(int(rows[1][4]) + 1)  # start of the first coded value
    return rows


def _typed_rule(rows):
    rows.append(["3", "digital", "video", rows[1][3], rows[1][4], rows[1][5], ""])
    return rows


def _drop_domain(rows):
    return [r for r in rows if not (r[0] == "20" and r[1] == "domain")]


def _two_domains(rows):
    extra = next(r for r in rows if r[0] == "20" and r[1] == "domain")
    return [*rows, [extra[0], extra[1], "legal", *extra[3:]]]


def _unknown_value(rows):
    rows[1][2] = "taiwan"
    return rows


def _false_window(rows):
    rows[2] = [rows[2][0], "one_stop", "false", *rows[2][3:]]  # a beneficiaries row's span
    return rows


@pytest.mark.parametrize(
    ("edit", "fragments"),
    [
        (_shift_span, ["case_features.csv", "row 1", "'evidence'", "occurs at 31"]),
        (_typed_rule, ["case_features.csv", "'feature'", "computed, not typed"]),
        (_drop_domain, ["case_features.csv", "case 20 has 0 value(s)", "'domain'"]),
        (_two_domains, ["case 20 has 2 value(s)", "exactly one value"]),
        (_unknown_value, ["case_features.csv", "row 1", "domain, taiwan", "codebook_values.csv"]),
        (_false_window, ["case_features.csv", "'one_stop' stores only true", "row 2"]),
    ],
    ids=[
        "shifted span",
        "typed rule value",
        "missing value",
        "two categories",
        "unknown value",
        "stored false",
    ],
)
def test_broken_case_features_are_rejected(data_copy, edit, fragments):
    _rewrite(data_copy / "case_features.csv", edit)
    text = _messages(data_copy)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"


def test_codebook_disagreements_are_rejected(data_copy):
    def edit(rows):
        for r in rows:
            if r[0] == "domain":
                r[8] = "finance|legal"
        return rows

    _rewrite(data_copy / "codebook.csv", edit)
    text = _messages(data_copy)
    assert "codebook.csv" in text and "'allowed_values'" in text
    listed = load_codebook().loc["domain", "allowed_values"]  # the values codebook_values.csv has
    assert listed.startswith("finance|legal|") and f"'{listed}'" in text


def test_bad_patterns_are_rejected(data_copy):
    def edit(rows):
        for r in rows:
            if r[:2] == ["digital", "video"]:
                r[5] = "视频("
            if r[:2] == ["domain", "legal"]:
                r[5] = "法律"
        return rows

    _rewrite(data_copy / "codebook_values.csv", edit)
    text = _messages(data_copy)
    assert "digital=video: the pattern is not a valid regular expression" in text
    assert "domain=legal has a pattern but is not coded by a pattern rule" in text


def test_a_unit_of_unknown_level_is_rejected(data_copy):
    def edit(rows):
        for r in rows:
            if r[:2] == ["submitter_level", "city_government"]:
                r[5] = "市政府$"
        return rows

    _rewrite(data_copy / "codebook_values.csv", edit)
    text = _messages(data_copy)
    assert "cases.csv" in text and "'submitted_by_zh'" in text
    assert "'广州市人民政府' matches 0 submitter_level patterns" in text


def test_a_rule_feature_without_code_is_rejected(data_copy):
    def edit(rows):
        return [
            *rows,
            [
                "pilot",
                "Pilot",
                "试点",
                "Pilot",
                "试点",
                "binary",
                "rule",
                "text_zh",
                "true|false",
                "d",
                "r",
                "",
            ],
        ]

    def values(rows):
        return [
            *rows,
            ["pilot", "true", "Yes", "是", "d", "试点"],
            ["pilot", "false", "No", "否", "d", ""],
        ]

    _rewrite(data_copy / "codebook.csv", edit)
    _rewrite(data_copy / "codebook_values.csv", values)
    text = _messages(data_copy)
    assert "'pilot' has no rule in gba.datasets.features" in text


def test_an_uncoded_new_batch_is_valid_but_a_half_coded_one_is_not(data_copy):
    from test_extensible import add_batch2_case

    add_batch2_case(data_copy)
    assert validate(data_copy) == []
    wide = load_features(form="wide", data_dir=data_copy)
    assert wide.loc[21, "lead_level"] == "provincial"
    assert pd.isna(wide.loc[21, "domain"])

    def code_one(rows):
        return [*rows, ["21", "domain", "legal", "截至", "0", "2", ""]]

    _rewrite(data_copy / "case_features.csv", code_one)
    text = _messages(data_copy)
    assert "case 21 has 0 value(s) for the multi-valued feature 'beneficiaries'" in text


def test_evidence_features(wide):
    # case 1's text states no quantity at all
    assert wide.loc[1, ["n_indicators", "outcome_evidence"]].tolist() == [0, "description_only"]
    # case 19: every figure follows 截至2023年2月
    assert wide.loc[19, "n_indicators"] == wide.loc[19, "n_dated_indicators"] > 0
    # case 17: 据统计，自服务专区启用以来 … no date for any figure
    assert wide.loc[17, "n_dated_indicators"] == 0 and wide.loc[17, "n_indicators"] > 0
    assert wide.loc[17, "outcome_evidence"] == "undated_numbers"
    # case 9: running totals "since launch" (自上线以来) have a start but no reference date
    assert wide.loc[9, "outcome_evidence"] == "undated_numbers"
    assert wide["outcome_evidence"].isin(["dated_numbers", "undated_numbers"]).sum() == 19


def test_is_dated_rejects_unknown_bases():
    from gba.datasets.rules import is_dated
    from gba.errors import DataError

    assert is_dated(pd.DataFrame({"as_of_basis": ["implied", "undated"]})).tolist() == [True, False]
    with pytest.raises(DataError, match="as_of_basis"):
        is_dated(pd.DataFrame({"as_of_basis": ["guessed"]}))
    with pytest.raises(DataError, match="no column"):
        is_dated(pd.DataFrame({"as_of": ["2023-02"]}))


def test_load_features_filters_by_feature_and_value():
    long = load_features()
    who = load_features(feature="beneficiaries")
    assert set(who["feature"]) == {"beneficiaries"}
    assert len(who) == (long["feature"] == "beneficiaries").sum()
    firms = load_features(feature="beneficiaries", value="enterprises")
    expected = long[(long["feature"] == "beneficiaries") & (long["value"] == "enterprises")]
    assert list(firms["case_id"]) == list(expected["case_id"])
    both = load_features(feature=["beneficiaries", "domain"], value=["enterprises", "legal"])
    assert set(both["value"]) == {"enterprises", "legal"}
    wide = load_features("wide", feature=["domain", "beneficiaries"])
    assert list(wide.columns) == ["domain", "beneficiaries"]


def test_load_features_refuses_unknown_names_clearly():
    with pytest.raises(ValueError, match=r"unknown feature 'domian'.*domain"):
        load_features(feature="domian")
    with pytest.raises(ValueError, match=r"unknown value 'enterprise'.*enterprises"):
        load_features(feature="beneficiaries", value="enterprise")
    with pytest.raises(ValueError, match="long form"):
        load_features("wide", value="macao")


def test_load_features_docstring_names_every_feature():
    doc = load_features.__doc__ or ""
    for feature in load_codebook().index:
        assert f"``{feature}``" in doc, f"load_features' docstring does not name {feature}"
