"""The glossary: one set of English names and unit words, used by the translation."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import edit_row

import gba
from gba.datasets.datapackage import write_descriptor
from gba.datasets.glossary import check_glossary, translation_glossary_problems


@pytest.fixture(scope="module")
def g() -> pd.DataFrame:
    return gba.load_glossary()


def test_the_data_passes(g):
    assert check_glossary() == []
    assert len(g) == len(g.drop_duplicates(["term_zh", "unit"]))


def test_official_names_carry_their_source(g):
    official = g[g["official_en"].notna()]
    assert len(official) >= 8
    assert official["official_url"].str.match(r"https?://").all()
    assert not official["official_source"].isin(["no official form found", "not applicable"]).any()
    own = g[g["official_en"].isna() & (g["kind"] != "unit")]
    pinyin = own["official_source"] == "place name in Hanyu Pinyin"
    assert (own.loc[pinyin, "kind"] == "place").all() and pinyin.sum() >= 9
    assert (own.loc[~pinyin, "official_source"] == "no official form found").all()
    assert own["official_url"].isna().all()


def test_the_required_names(g):
    en = dict(zip(g["term_zh"], g["en"], strict=False))
    assert en["跨境理财通"] == "Cross-boundary Wealth Management Connect"
    assert en["湾区社保通"] == "GBA Social Insurance Connect"
    assert en["港澳药械通"] == "Hong Kong and Macao Medicine and Equipment Connect"
    assert en["湾区标准"] == "GBA Standards"
    assert en["大湾区律师"] == "GBA lawyers"
    assert en["域外法"] == "extraterritorial law"
    assert en["横琴粤澳深度合作区"] == "Guangdong-Macao In-depth Cooperation Zone in Hengqin"
    assert en["前海深港现代服务业合作区"] == (
        "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone"
    )
    assert {"规则衔接", "机制对接"} <= set(en)


def test_every_programme_named_in_a_title_is_in_the_glossary(g):
    terms = set(g["term_zh"])
    titles = gba.load_cases()["title_zh"]
    quoted = [q for t in titles for q in re.findall(r"“([^”]+)”", t)]
    assert len(quoted) >= 8
    for name in quoted:
        for part in re.split(r"[ 、]", name):
            assert part in terms, part
    for name in ("青茂口岸", "粤澳新通道", "大湾区", "前海", "横琴", "南沙", "专属重疾险"):
        assert any(name in t for t in titles) and name in terms


def test_every_codebook_label_is_in_the_glossary(g):
    labels = pd.concat([gba.load_codebook()[["label_zh", "label_en"]],
                        gba.load_codebook_values()[["label_zh", "label_en"]]])  # fmt: skip
    en = dict(zip(g["term_zh"], g["en"], strict=False))
    for zh, label in zip(labels["label_zh"], labels["label_en"], strict=True):
        assert en[zh].lower() == label.lower(), zh


def test_term_en_reads_both_scripts_and_names_close_entries():
    assert gba.term_en("跨境理財通") == gba.term_en("跨境理财通")
    with pytest.raises(KeyError, match=r"close entries: .*湾区社保通"):
        gba.term_en("社保通")


def test_every_unit_code_has_words():
    codes = set(gba.load_indicators()["unit"]) | set(gba.derived_indicators()["unit"].dropna())
    for code in codes:
        words = gba.unit_words(code)
        assert words and "_" not in words, code
    assert gba.unit_words("person_time") == "person-times"
    assert gba.unit_words("CNY_per_year") == "yuan per year"
    assert gba.unit_words("person", n=1) == "person"
    with pytest.raises(KeyError, match="furlong"):
        gba.unit_words("furlong")


def test_a_translation_row_without_the_glossary_name_is_reported():
    terms = gba.load_glossary()
    tr = gba.load_translation()
    i = tr.index[(tr["case_id"] == 11) & (tr["sentence"] == 1)][0]
    tr.loc[i, "en"] = tr.loc[i, "en"].replace(
        "Cross-boundary Wealth Management Connect", "Cross-border Wealth Management Connect"
    )
    problems = translation_glossary_problems(tr, terms)
    messages = sorted(p.message for p in problems)
    assert messages == [
        "case 11 sentence 1 has 跨境理财通 but not its English "
        "'Cross-boundary Wealth Management Connect'",
        "case 11 sentence 1 uses 'Cross-border Wealth Management Connect', which the glossary "
        "avoids for 跨境理财通",
        # the sentence also has 跨境 on its own (跨境投资), whose avoided form now occurs
        "case 11 sentence 1 uses 'cross-border', which the glossary avoids for 跨境",
    ]
    assert {p.row for p in problems} == {i + 1}
    # a note naming the term with a reason accepts the row
    tr.loc[i, "note"] = "跨境理财通: quoted from a source; 跨境: the same quotation"
    assert translation_glossary_problems(tr, terms) == []


def test_a_codebook_label_off_the_glossary_fails_validation(data_copy):
    path = data_copy / "codebook.csv"
    edit_row(path, "submitter_level", label_en="Submitting level")
    write_descriptor(data_copy)
    problems = [p for p in gba.validate(data_copy) if p.file == "codebook.csv"]
    assert [(p.row, p.column) for p in problems] == [(1, "label_en")]
    assert "'Level of submitting units'" in problems[0].message


def test_a_wrong_traditional_form_fails_validation(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8").replace("跨境理財通", "跨境理财通", 1)
    path.write_text(text, encoding="utf-8")
    write_descriptor(data_copy)
    problems = [p for p in gba.validate(data_copy) if p.file == "glossary.csv"]
    assert [p.column for p in problems] == ["term_hk"]
