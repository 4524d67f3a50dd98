"""The unofficial English translation: complete, tiled, faithful to hedges, numbers and dates."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

import gba
from gba.datasets.datapackage import write_descriptor
from gba.datasets.spans import case_texts
from gba.datasets.translation import UNOFFICIAL, sentence_spans, translation_problems


@pytest.fixture(scope="module")
def tr() -> pd.DataFrame:
    return gba.load_translation()


def test_all_cases_are_translated_and_cut_by_the_code(tr):
    texts = case_texts()
    assert set(tr["case_id"]) == set(texts)
    for cid, text in texts.items():
        rows = tr[tr["case_id"] == cid]
        assert list(zip(rows["start"], rows["end"], strict=True)) == sentence_spans(text)
        assert "".join(rows["zh"]) == text
        assert list(rows["sentence"]) == list(range(1, len(rows) + 1))
    assert translation_problems(tr, texts) == []


def test_it_says_everywhere_that_it_is_unofficial(tr):
    assert set(tr["status"]) == {UNOFFICIAL}
    import gba.datasets.translation as module

    assert "not an\nofficial translation" in module.__doc__
    assert "unofficial" in gba.load_translation.__doc__
    assert "unofficial translation" in gba.cite()
    assert "unofficial translation" in gba.cite("bibtex")
    descriptor = gba.datasets.tables.resource("translation")
    assert descriptor["description"].startswith("UNOFFICIAL TRANSLATION")


def test_sentences_are_short_enough_to_align(tr):
    long = tr[tr["zh"].str.len() > 160]
    assert len(long) <= 1, long[["case_id", "sentence"]]


# hedges and qualifiers the English must keep (Chinese pattern -> accepted English)
HEDGES = {
    r"近\d": ("nearly",),
    r"超过?\d": ("more than", "exceed"),
    r"\d[\d.]*[万亿]?余|\d+多": ("over", "more than"),
    r"约\d": ("about",),
    r"以上": ("more than", "over"),
    r"以内": ("within",),
}


@pytest.mark.parametrize("pattern", list(HEDGES))
def test_hedges_are_kept(tr, pattern):
    rows = tr[tr["zh"].str.contains(pattern, regex=True)]
    assert len(rows) > 0
    for row in rows.itertuples(index=False):
        n_zh = len(re.findall(pattern, row.zh))
        n_en = sum(row.en.count(word) for word in HEDGES[pattern])
        assert n_en >= n_zh, (row.case_id, row.sentence, pattern, row.en)


def test_years_dates_and_percentages_are_kept(tr):
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
    for row in tr.itertuples(index=False):
        for year in re.findall(r"(20\d\d)年", row.zh):
            assert year in row.en, (row.case_id, row.sentence, year)
        for year, month, day in re.findall(r"(20\d\d)年(\d+)月(?:(\d+)日)?", row.zh):
            assert months[int(month) - 1] in row.en, (row.case_id, row.sentence, month)
            if day:
                assert f"{int(day)} {months[int(month) - 1]} {year}" in row.en
        for pct in re.findall(r"(\d+(?:\.\d+)?)%", row.zh):
            assert f"{pct}%" in row.en, (row.case_id, row.sentence, pct)


def _en_numbers(text: str) -> set[float]:
    out = set()
    for num, scale in re.findall(r"(\d[\d,]*(?:\.\d+)?)(?: (million|billion))?", text):
        value = float(num.replace(",", ""))
        out.add(value * {"": 1, "million": 1e6, "billion": 1e9}[scale])
    return out


def test_every_indicator_value_appears_in_its_sentence(tr):
    """Each stated quantity (base units, indicators.csv) is in the English of its sentence."""
    ind = gba.load_indicators(origin="cases")  # the quantities stated in the case texts
    for iid, row in ind.iterrows():
        sent = tr[(tr["case_id"] == row["case_id"]) & (tr["start"] <= row["start"])].iloc[-1]
        numbers = _en_numbers(sent["en"])
        value = float(row["value"])
        assert any(abs(n - value) < 1e-6 * max(1, value) for n in numbers), (iid, value, sent["en"])


def test_validate_reports_a_gap(data_copy):
    path = data_copy / "translation.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1]["start"] = str(int(rows[1]["start"]) + 1)
    rows[1]["zh"] = rows[1]["zh"][1:]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    write_descriptor(data_copy)
    problems = [p for p in gba.validate(data_copy) if p.file == "translation.csv"]
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (2, "start")
    assert "(a gap)" in problems[0].message


def test_tiling_errors_name_what_is_wrong():
    texts = {1: "甲乙。丙丁。"}
    good = pd.DataFrame({"case_id": [1, 1], "sentence": [1, 2], "start": [0, 3], "end": [3, 6]})
    good["zh"] = ["甲乙。", "丙丁。"]
    assert translation_problems(good, texts) == []
    short = good.copy()
    short.loc[1, ["end", "zh"]] = [5, "丙丁"]
    (err,) = translation_problems(short, texts)
    assert (err.row, err.column) == (2, "end") and "ends at 5" in err.message
    wrong = good.copy()
    wrong.loc[1, "zh"] = "丙戊。"
    (err,) = translation_problems(wrong, texts)
    assert err.column == "zh"
    renumbered = good.copy()
    renumbered.loc[1, "sentence"] = 3
    (err,) = translation_problems(renumbered, texts)
    assert err.column == "sentence"
