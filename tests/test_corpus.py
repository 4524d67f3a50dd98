"""The real-world quantity corpus (tests/corpus/, issue 10): integrity, scorer, score floor."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import shutil
import sys
from fractions import Fraction
from pathlib import Path

import opencc
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_extract", REPO / "benchmarks/eval_extract.py")
assert _spec is not None and _spec.loader is not None
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_extract"] = ev
_spec.loader.exec_module(ev)

PARAGRAPHS = ev.load_corpus()
T2S = opencc.OpenCC("t2s")

# Scores of gba.extract_quantities on the corpus (.venv/bin/python benchmarks/eval_extract.py),
# truncated to 3 decimals, on the 154-paragraph corpus: before issue 10's fixes they were (on
# its first 143 paragraphs) all (0.778, 0.767), simplified
# (0.795, 0.819), traditional (0.769, 0.739); these are the scores after them. Raise them as
# the extractor improves; never lower them to make a change pass.
FLOOR = {
    # group: (span F1, fully-correct recall)
    "all": (0.990, 0.993),
    "simplified": (0.995, 1.0),
    "traditional": (0.987, 0.989),
}


def test_corpus_size_meets_issue_10() -> None:
    assert len(PARAGRAPHS) >= 60
    hk_mo_traditional = [
        p for p in PARAGRAPHS if p.script == "traditional" and p.region in ("hongkong", "macao")
    ]
    assert len(hk_mo_traditional) >= 25
    official = [p for p in PARAGRAPHS if p.source_type in ("statistics", "government")]
    assert len(official) >= 15
    assert sum(not g.dont_care for p in PARAGRAPHS for g in p.gold) >= 300


@pytest.mark.parametrize("p", PARAGRAPHS, ids=lambda p: p.id)
def test_paragraph(p: ev.Paragraph) -> None:
    assert 60 <= len(p.text) <= 400, f"{p.id}: {len(p.text)} characters"
    assert p.url.startswith(("http://", "https://"))
    if p.script == "simplified":
        assert T2S.convert(p.text) == p.text, f"{p.id} has traditional characters"
    else:
        changed = sum(a != b for a, b in zip(p.text, T2S.convert(p.text), strict=True))
        assert changed >= 3, f"{p.id} is marked traditional but reads as simplified"
    spans = [(g.start, g.end) for g in p.gold]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, f"{p.id}: gold spans overlap"
    for g in p.gold:
        assert p.text[g.start : g.end] == g.text
        assert T2S.convert(g.unit) == g.unit, f"{p.id} {g.text!r}: unit not in simplified script"
        assert g.value_high is None or g.value_high > g.value


def test_locate_counts_occurrences() -> None:
    assert ev.locate("3%和3%及3%", "3%", 3) == 6
    assert ev.locate("3%和3%", "3%", 3) == -1
    assert ev.locate("3%", "3%", 0) == -1


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(ev.CORPUS, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("quantities.csv", "p001,3 662 200人,1,", "p001,3 662 200人,2,", r"row 2, column span"),
        ("quantities.csv", "人,1,3662200", "人,1,3.6e6", r"column value"),
        ("quantities.csv", ",人,exact,,\n", ",人,roughly,,\n", r"column qualifier"),
        ("quantities.csv", "p001,3 662 200人", "p999,3 662 200人", r"no paragraph 'p999'"),
        ("paragraphs.csv", "p001,simplified", "p001,latin", r"paragraphs.csv row 2, column script"),
        ("paragraphs.csv", ",https://sc.isd", ",sc.isd", r"column url"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(ev.CorpusError, match=message):
        ev.load_corpus(folder)


def test_gold_scores_perfectly_and_nothing_scores_zero() -> None:
    def gold(p: ev.Paragraph) -> list[ev.Found]:
        return [g for g in p.gold if not g.dont_care]

    by_text = {p.text: p for p in PARAGRAPHS}
    groups, problems = ev.evaluate(PARAGRAPHS, lambda text: gold(by_text[text]))
    assert problems == []
    assert groups["all"].f1 == 1.0 and groups["all"].correct_recall == 1.0
    groups, problems = ev.evaluate(PARAGRAPHS, lambda text: [])
    assert groups["all"].recall == 0.0 and groups["all"].correct_recall == 0.0
    assert len(problems) == groups["all"].gold


def test_scoring_rules() -> None:
    text = "約3,000人，另有2%及不少於5%，合1/3"
    g = [
        ev.Found(0, 7, Fraction(3000), None, "人", "approx", text="約3,000人"),
        ev.Found(10, 12, Fraction(2), None, "%", "exact", text="2%"),
        ev.Found(13, 18, Fraction(5), None, "%", "lower", text="不少於5%"),
        ev.Found(20, 23, Fraction(100, 3), None, "%", "exact", dont_care=True, text="1/3"),
    ]
    p = ev.Paragraph("x", "traditional", "hongkong", "newspaper", "https://x", text, tuple(g))
    got = [
        ev.Found(0, 7, Fraction(3000), None, "人", "exact"),  # span right, qualifier wrong
        ev.Found(10, 12, Fraction(2), None, "%", "exact"),  # fully right
        ev.Found(16, 18, Fraction(5), None, "%", "exact"),  # span too short: spurious + missed
        ev.Found(20, 21, Fraction(1), None, "", "exact"),  # inside a don't-care span: ignored
    ]
    tally, problems = ev.score_paragraph(p, got)
    assert (tally.gold, tally.predicted, tally.matched, tally.correct) == (3, 3, 2, 1)
    assert sorted(pr.kind for pr in problems) == ["missed", "spurious", "wrong"]


def test_value_parsing() -> None:
    assert ev.parse_value("200/3", "x") == Fraction(200, 3)
    assert ev.parse_value("-0.3", "x") == Fraction(-3, 10)
    with pytest.raises(ev.CorpusError, match="where: expected a decimal"):
        ev.parse_value("1e3", "where")


@functools.cache
def _scores(extract: str) -> dict[str, ev.Tally]:
    return ev.evaluate(PARAGRAPHS, getattr(ev, extract))[0]


@pytest.mark.parametrize("group", sorted(FLOOR))
def test_extractor_scores_do_not_regress(group: str) -> None:
    groups = _scores("gba_extract")
    f1, correct = FLOOR[group]
    assert groups[group].gold >= 100
    assert groups[group].f1 >= f1, f"{group}: span F1 {groups[group].f1:.3f} < floor {f1}"
    assert groups[group].correct_recall >= correct, (
        f"{group}: fully-correct recall {groups[group].correct_recall:.3f} < floor {correct}"
    )


def test_extractor_beats_the_naive_baseline() -> None:
    ours, naive = _scores("gba_extract"), _scores("naive_extract")
    assert naive["all"].correct_recall > 0.3  # the baseline is a real baseline
    assert ours["all"].correct_recall > naive["all"].correct_recall
