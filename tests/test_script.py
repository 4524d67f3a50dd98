"""The traditional-script view: converted text, spans at mapped offsets, same words."""

from __future__ import annotations

import pandas as pd
import pytest

import gba
from gba.datasets.spans import case_texts
from gba.datasets.traditional import case_maps
from gba.extract.script import char_map, check_script, to_traditional


@pytest.fixture(scope="module")
def trad_texts() -> dict[int, str]:
    cases = gba.load_cases(script="traditional")
    return {int(i): t for i, t in cases["text_zh"].items()}


def _span_tables() -> dict[str, tuple[pd.DataFrame, str]]:
    features = gba.load_features()
    return {
        "indicators": (gba.load_indicators(origin="cases").reset_index(), "span"),
        "events": (gba.load_events().reset_index(), "span"),
        "features": (features[features["start"].notna()], "evidence"),
        "quantity_exclusions": (gba.load_quantity_exclusions(), "span"),
        "translation": (gba.load_translation(), "zh"),
    }


@pytest.mark.parametrize("table", list(_span_tables()))
def test_every_span_converts_to_the_text_at_its_mapped_offsets(table, trad_texts):
    frame, column = _span_tables()[table]
    maps = case_maps()
    assert len(frame) > 0
    for row in frame.itertuples(index=False):
        span = getattr(row, column)
        start, end = maps[int(row.case_id)].span(int(row.start), int(row.end))
        assert to_traditional(span) == trad_texts[int(row.case_id)][start:end], (table, span)


@pytest.mark.parametrize(
    ("loader", "column"),
    [
        (lambda: gba.load_indicators(script="traditional", origin="cases").reset_index(), "span"),
        (lambda: gba.load_events(script="traditional").reset_index(), "span"),
        (lambda: gba.load_quantity_exclusions(script="traditional"), "span"),
        (lambda: gba.load_translation(script="traditional"), "zh"),
        (lambda: gba.load_features(script="traditional").dropna(subset=["start"]), "evidence"),
    ],
)
def test_traditional_loaders_quote_the_traditional_text(loader, column, trad_texts):
    frame = loader()
    for row in frame.itertuples(index=False):
        assert trad_texts[int(row.case_id)][int(row.start) : int(row.end)] == getattr(row, column)


def test_the_traditional_text_is_hong_kong_script():
    cases = gba.load_cases(script="traditional")
    assert cases.loc[11, "title_zh"] == "“跨境理財通”推動金融市場雙向開放"
    # Hong Kong standard glyphs, e.g. 税 (not the Taiwan 稅)
    assert cases.loc[4, "submitted_by_zh"] == "省人力資源社會保障廳，省税務局"  # the source's ，
    assert cases.loc[7, "short_zh"] == "青茂口岸"
    # every Chinese column converted, lengths (so offsets) kept
    simplified = gba.load_cases()
    for col in ("title_zh", "short_zh", "submitted_by_zh", "text_zh"):
        assert (cases[col] == simplified[col].map(to_traditional)).all()
        assert (cases[col].str.len() == simplified[col].str.len()).all()
    assert (cases["n_chars"] == simplified["n_chars"]).all()
    assert (cases[["short_en", "title_en"]] == simplified[["short_en", "title_en"]]).all().all()


def test_names_and_units_are_converted():
    ind = gba.load_indicators(script="traditional")
    assert ind.loc["c03_research_funds_transferred", "span"] == "超過3.7億元"
    assert {"項", "輛", "場次"} <= set(ind["unit_zh"])
    assert not {"项", "辆", "场次"} & set(ind["unit_zh"])
    assert ind.loc["c02_gba_lawyers_certified", "name_zh"].startswith("申領大灣區律師")
    book = gba.load_codebook(script="traditional")
    assert book.loc["submitter_level", "label_zh"] == "報送單位層級"
    values = gba.load_codebook_values(script="traditional")
    assert "中央駐粵機構" in set(values["label_zh"])


def test_batch_one_keeps_every_offset():
    for cid, cmap in case_maps().items():
        assert cmap.same_length, cid
        assert cmap.offsets == tuple(range(len(cmap.source) + 1))


def test_a_length_changing_conversion_keeps_spans_on_their_words():
    def widen(text: str) -> str:  # a converter that turns one character into two
        return text.replace("区", "區域")

    text = "粤港澳大湾区律师。湾区标准"
    cmap = char_map(text, convert=widen)
    assert cmap.text == "粤港澳大湾區域律师。湾區域标准"
    start = text.index("律师")
    s, e = cmap.span(start, start + 2)
    assert cmap.text[s:e] == "律师"
    s, e = cmap.span(text.index("标准"), len(text))
    assert cmap.text[s:e] == "标准"
    s, e = cmap.span(0, text.index("。") + 1)
    assert cmap.text[s:e] == "粤港澳大湾區域律师。"


def test_offsets_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="outside a text of 3 characters"):
        char_map("甲乙丙").span(1, 4)


def test_unknown_script_is_refused():
    with pytest.raises(ValueError, match="'simplified' or 'traditional'"):
        check_script("hk")
    with pytest.raises(ValueError, match="not 'zh-hk'"):
        gba.load_indicators(script="zh-hk")


def test_the_simplified_view_is_the_default():
    assert gba.load_cases(script="simplified").equals(gba.load_cases())
    texts = case_texts()
    assert gba.load_cases().loc[2, "text_zh"] == texts[2]


def test_the_bundled_font_has_every_traditional_character():
    """The figure decision (docs/bilingual.md) rests on this: no missing glyph, only SC shapes."""
    from fontTools.ttLib import TTFont

    from gba.figures.fonts import CJK_FONT_PATH

    with TTFont(CJK_FONT_PATH, lazy=True) as font:
        cmap = font.getBestCmap()
    cases = gba.load_cases(script="traditional")
    chars = set("".join(cases["text_zh"]) + "".join(cases["title_zh"]) + "".join(cases["short_zh"]))
    chars |= set("".join(gba.load_codebook_values(script="traditional")["label_zh"]))
    missing = {ch for ch in chars if not ch.isspace() and ord(ch) not in cmap}
    assert missing == set()
