"""Promotional claims: every claim of the 20 texts, listed by hand from reading them."""

from __future__ import annotations

from gba.analysis.claims import claims, find_claims

# Read from the clean texts (data/raw via gba.load_cases), in text order. Not claims:
# 最高人民法院 (c09, a name), 第一医院 and 第二批 (c08), 最多涵盖 (c12, "up to"),
# 突破 and 创新 (novelty without rank).
EXPECTED = [
    (1, "开创"),  # 一是开创性
    (1, "首次"),  # 首次定义跨境信用
    (1, "首笔"),  # 授予首笔跨境信贷额度
    (3, "率先"),  # 二是率先实现跨境拨付
    (3, "率先"),  # 在全国率先实现
    (3, "第一笔"),  # 第一笔省级科研资金跨境拨付
    (4, "首创"),  # 四个“首创”
    (4, "首创"),  # 一是首创
    (4, "首个"),  # 全国首个“粤澳社保一窗通”
    (4, "首创"),  # 二是首创
    (4, "首创"),  # 三是首创
    (4, "首个"),  # 全国首个税务智能柜台
    (4, "首创"),  # 四是首创
    (6, "首创"),  # 三个首创经验
    (7, "最高"),  # 国内电子化、智能化程度最高的口岸
    (7, "全国第二"),  # 验放量全国第二的陆路口岸
    (10, "首次"),  # 首次制定省级社会组织主导的…标准文件
    (11, "首次"),  # 首次打通了境内外银行理财
    (12, "首创"),  # 实现多项首创
    (12, "首次"),  # 一是首次实现
    (12, "首个"),  # 我国首个
    (12, "唯一"),  # 也是唯一一个
    (12, "首款"),  # 首款大湾区专属重疾险产品
    (12, "首单"),  # 首单保单落地
    (12, "首个"),  # 全国首个新定义重疾险产品
    (14, "率先"),  # 黄埔区率先推出
    (15, "开创"),  # 开创内地地方政府赴境外发债先河
    (15, "首次"),  # 三是首次发行绿色和蓝色债券品种
    (15, "首次"),  # 我国内地政府首次在境外发行绿色债券
    (15, "首次"),  # 首次发行蓝色债券
    (16, "率先"),  # 在全国率先开展
    (16, "首创"),  # 在全国首创“政银医”合作模式
    (18, "率先"),  # 面向澳门投资者率先开展
    (18, "居全国仲裁机构首位"),
    (19, "居全国法院第一"),
    (19, "居亚洲第一"),  # 跃居亚洲第一
    (19, "全球前三"),
    (20, "首个"),  # 内地首个非营利港人子弟学校
]


def test_every_claim_in_the_twenty_texts() -> None:
    found = claims()
    assert list(zip(found["case_id"], found["claim"], strict=True)) == EXPECTED


def test_cases_7_and_19_claim_ranks() -> None:
    # the sentence issue 12 removed: "cases 7 and 19 document dated results without
    # claiming anything"
    found = claims()
    assert set(found.query("kind == 'rank'")["case_id"]) >= {7, 19}


def test_backing_in_the_sentence() -> None:
    found = claims().set_index(["case_id", "claim"])
    # c07: 2022年青茂口岸已成为验放量全国第二的陆路口岸 -> a date in the sentence
    assert found.loc[(7, "全国第二"), "sentence_dates"] == "2022年"
    # c19: 其中适用香港法审理117件（居全国法院第一）
    assert "117件" in found.loc[(19, "居全国法院第一"), "sentence_quantities"]
    # c18: 办理涉澳门案件数量居全国仲裁机构首位 -> the count itself is not stated
    assert not found.loc[(18, "居全国仲裁机构首位"), "backed_in_sentence"]


def test_chinese_numeral_enumerations_do_not_back_a_claim() -> None:
    found = find_claims("实现了四个“首创”。")
    assert found["claim"].tolist() == ["首创"]
    assert not found.loc[0, "backed_in_sentence"]


def test_names_and_up_to_are_not_claims() -> None:
    assert find_claims("获得最高人民法院肯定，中山大学附属第一医院获批第二批，最多涵盖").empty


def test_kinds() -> None:
    found = find_claims("在全国率先实现第一笔拨付，验放量全国第二，是唯一一个，程度最高的口岸")
    assert found[["claim", "kind"]].values.tolist() == [
        ["率先", "lead"],
        ["第一笔", "first"],
        ["全国第二", "rank"],
        ["唯一", "unique"],
        ["最高", "superlative"],
    ]
