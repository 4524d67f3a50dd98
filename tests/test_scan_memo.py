"""The extractor reads each window of text once (issue 15's worst case): the memo changes nothing.

`gba.extract._scan._loop` keeps the reading of a match (its rows, or why it was
rejected) under the text of a window around it and reuses it where the same
window comes back; a plain match's reading is kept under a narrower key (its groups,
the character before it and the two after it: `_reading.PLAIN_GROUPS`). These tests
compare both with the plain reading (both memos off: `_MEMO_SPAN = -1`) on real and
constructed texts built to put the same window or key in different surroundings, check
that the pattern's lookarounds stay inside the window the memo assumes, and that a plain
match reads the same when all but its key changes.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse

import pytest

import gba
from gba.extract import _pattern, _reading, _scan

REPO = Path(__file__).resolve().parents[1]
if "eval_extract" in sys.modules:  # loaded by tests/test_corpus.py in the same session
    eval_extract = sys.modules["eval_extract"]
else:
    _spec = importlib.util.spec_from_file_location(
        "eval_extract", REPO / "benchmarks/eval_extract.py"
    )
    assert _spec is not None and _spec.loader is not None
    eval_extract = importlib.util.module_from_spec(_spec)
    sys.modules["eval_extract"] = eval_extract
    _spec.loader.exec_module(eval_extract)

# pieces that change how a number nearby reads: qualifiers before and after, ordinals, figure
# and table words, currency signs, signs, day-of-month and duration words, list separators,
# as-of dates, units, ranges, spaces (one and many) and line breaks
PIECES = [
    "1", "3", "12", "2022", "5", "30", "1,000", "1.5", "三", "十", "千", "万", "亿", "半",
    "成", "人", "元", "日", "天", "年", "月", "%", "个", "家", "口", "分之", "百分之",
    "至", "-", "、", "及", "，", "。", "；", "\n", " ", "      ", "约", "超过", "近", "不少于",
    "最高超", "不", "逾", "上", "第", "图", "表 ", "附件", "HK$", "MOP$", "RMB", "人民币",
    "增长", "减少", "连续", "提前", "黄金周", "截至", "截至2022年底，", "底", "以上", "左右",
    "多", "余", "ISO ", "G", "(", ")", "[", "]", "负", "/", "初", "数",
]  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(15)
    texts = ["\n".join(gba.load_cases()["text_zh"]), _edges()]
    texts += [p.text for p in eval_extract.load_corpus()]
    for unit in ("1,", "3成", "1-2", "30万至", "约1.5亿元；", "截至2022年底，共5人", "三分之",
                 "2-1万元", "HK$5日", "图 3，", "增长-5%，"):  # fmt: skip
        texts.append(unit * (3000 // len(unit)))
    for _ in range(40):
        # few pieces, so that the same window comes back often, in other surroundings
        alphabet = rng.sample(PIECES, 12)
        texts.append("".join(rng.choice(alphabet) for _ in range(1500)))
    return texts


# contexts read at the edge of the window: before a number (as far as the code looks back:
# duration and change words, currency signs, figure words after spaces, qualifiers and their
# negations and blockers, signs) and after it (a holiday up to 6 characters on, 人民币 after
# spaces, 口, a decimal or enumerator, a letter)
BEFORE = [
    "", "连续", "一連", "需时", "过去", "增长", "增加", "HK$", "MOP$ ", "图", "附件 ", "表  ",
    "ISO ", "上", "最高超", "不得超过", "合約", "約", "-", "为-", "负", "第", "数", "初",
]  # fmt: skip
CORES = ["5日", "5", "10人", "3成", "5%", "千家", "8", "20至30"]
AFTER = [
    "", "黄金周", "a黄金周", "ab黄金周", "ab黄金", "abc黄金周", "abc黄金", "abcd黄金周",
    "人民币", "   人民币", "  人民", "口", ".", "、", "G", "）",
]  # fmt: skip


def _edges() -> str:
    """Every context before and after every core, each after a match (so the window is short).

    The same twelve characters before each part make the same window come back.
    """
    parts = [f"{'。' * 12}3人{b}{c}{a}，" for b in BEFORE for c in CORES for a in AFTER]
    random.Random(15).shuffle(parts)
    return "".join(parts)


def _plain(text: str, scope: str, monkeypatch: pytest.MonkeyPatch) -> _scan.Scan:
    with monkeypatch.context() as patch:
        patch.setattr(_scan, "_MEMO_SPAN", -1)
        return _scan.scan(text, as_of_scope=scope)


@pytest.mark.parametrize("scope", ["paragraph", "sentence"])
def test_memo_reads_as_the_plain_reading(scope: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reused = 0
    for text in _texts():
        plain = _plain(text, scope, monkeypatch)
        memo = _scan.scan(text, as_of_scope=scope)
        assert repr(memo) == repr(plain), text[:200]
        reused += len(plain.quantities) + len(plain.rejected)
    assert reused > 10_000  # many readings compared


def test_scan_for_parse_quantity_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    for s in ("一个", "十四", "半成", "HK$5日", "1,000及1,200港元", "超過30%、20%及10%"):
        with monkeypatch.context() as patch:
            patch.setattr(_scan, "_MEMO_SPAN", -1)
            plain = _scan.scan(s, whole=True)
        assert repr(_scan.scan(s, whole=True)) == repr(plain)


def _lookarounds(items: sre_parse.SubPattern) -> tuple[int, int]:
    """(longest read ahead of any lookahead, nested ones added up; widest lookbehind)."""
    ahead = behind = 0
    for op, av in items:
        subs: list[sre_parse.SubPattern] = []
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, sub = av
            width = sub.getwidth()[1]
            assert width < sre.MAXREPEAT, "a lookaround of unbounded width"
            inner_ahead, inner_behind = _lookarounds(sub)
            if direction == 1:
                ahead = max(ahead, width + inner_ahead)
            else:
                behind = max(behind, width)
            behind = max(behind, inner_behind)
            continue
        if op is sre.SUBPATTERN:
            subs = [av[3]]
        elif op is sre.BRANCH:
            subs = list(av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            subs = [av[2]]
        elif op is sre.ATOMIC_GROUP:
            subs = [av]
        else:  # a back-reference ((?P=d_sep)) consumes text inside the match: no read beyond
            assert op is not sre.GROUPREF_EXISTS, "a conditional: not analysed"
        for sub in subs:
            a, b = _lookarounds(sub)
            ahead, behind = max(ahead, a), max(behind, b)
    return ahead, behind


def test_window_holds_every_lookaround() -> None:
    # the pattern as written: the fast RX matches as it does (tests/test_scan_fastpath.py),
    # but its guards look ahead without bound
    ahead, behind = _lookarounds(sre_parse.parse(_pattern.PATTERN))
    assert ahead == 19  # as stated in _scan; change both together
    assert ahead <= _scan._READ_AHEAD
    assert _scan._READ_AHEAD > 6  # the Python reading looks 6 characters past the match
    assert behind <= _scan._READ_BEHIND


# the plain-match memo (_scan._read_plain, _reading.PLAIN_GROUPS) keys a reading on the
# match's groups, the character before it and the two after it: contexts that differ only
# further out must read alike, and texts built to meet the same key in other surroundings
# must read as with the memo off
FAR = [
    "", "约有", "最多申請", "不到全国", "見圖", "附件 ", "HK$", "MOP", "RMB", "ISO", "连续",
    "增长", "減少", "为-", "负", "上", "第", "初", "数", "几", "截至2022年底，", "\n", "（",
    "[", "超过", "近", "逾", "不得超过", "图", "表", "2022年", "三", "十", "1", "、", "，", "成",
    "回", "上", "。。",
]  # fmt: skip
NEAR_BEFORE = [
    "", "、", "，", ",", "成", "有", "人", "5", "A", "。", "\n", "（", "(", "[", "的", "落", "升",
]  # fmt: skip
CORES_PLAIN = [
    "5", "12", "2022", "1.5", "3成", "3成半", "四成二", "三成", "5人", "5家", "10%", "5个", "8倍",
    "1,000", "一个", "二次", "两人", "5元", "30余", "3G", "5.", "9001",
    # not plain (a range, a magnitude, 角, a suffix, 多, 日): never served by this memo
    "1-2", "20至30", "2人至5人", "5万至10万", "2-1万元", "3至5成", "5日", "3万", "30余万",
    "5元5角", "10天以内", "3年多",
]  # fmt: skip
NEAR_AFTER = ["", "、", ".", "1", "，", ",", "）", ")", "]", "口", "G", "成", "人民币", " 人民币",
              "%", "日", "黄金周", "年"]  # fmt: skip


def _plain_texts(rng: random.Random, n: int) -> list[str]:
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            parts.append(rng.choice(FAR) + rng.choice(NEAR_BEFORE) + rng.choice(CORES_PLAIN))
            parts.append(rng.choice(NEAR_AFTER) + rng.choice(FAR))
        texts.append("".join(parts))
    return texts


def test_plain_memo_reads_as_the_plain_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1501)
    texts = _plain_texts(rng, 3000)
    # the same plain key in many surroundings, one scan each (the memo lives per scan)
    texts += ["。".join(_plain_texts(rng, 400)) for _ in range(5)]
    for seed in range(5):  # random dense text, as in benchmarks/bench_extract_worst.py
        digits = random.Random(seed)
        seps = digits.choice(["成,、", "成，、人", "%、,", "成 、", "成,、约", "人家成、"])
        texts.append("".join(f"{digits.randrange(10)}{digits.choice(seps)}" for _ in range(20_000)))
    served = 0
    for text in texts:
        plain = _plain(text, "paragraph", monkeypatch)
        memo = _scan.scan(text)
        assert repr(memo) == repr(plain), text[:200]
        served += len(plain.quantities)
    assert served > 100_000


def _read_plain(text: str, m: re.Match[str], floor: int) -> object:
    """What _scan._read_plain keeps for a match: the reason, or its reading and places."""
    readings: list = []
    gs = m.group(*_reading.PLAIN_GROUPS)
    known = _scan._read_plain(text, m, floor, False, gs, {}, (), readings)
    if isinstance(known, tuple):  # (code, start, end, qualifier word): the reading itself
        code, *places = known
        return (readings[code], *places)
    return known


def test_plain_reading_reads_no_further_than_its_key() -> None:
    # what _reading.PLAIN_GROUPS states, checked on the reading itself: a plain match keeps
    # its reading (offsets moved) when everything but its groups, the character before it and
    # the two after it changes (and the floor, where no qualifier across a gap can be read)
    rng = random.Random(1502)
    checked = 0
    for _ in range(20_000):
        before = rng.choice(FAR) + rng.choice(NEAR_BEFORE)
        core = rng.choice(CORES_PLAIN)
        after = rng.choice(NEAR_AFTER) + rng.choice(FAR)
        text = before + core + after
        start = len(before)
        m = _pattern.RX.match(text, start)
        if m is None or m.lastgroup != "q":
            continue
        floor = rng.randint(max(0, start - 4), start)
        first = _read_plain(text, m, floor)
        if first is False:
            continue
        end = m.end()
        kept = text[max(0, start - 1) : end + 2]
        for _ in range(3):
            # other text before (not at the text start if the match was not) and after
            other_before = rng.choice(FAR) + rng.choice(FAR) + kept[0] if start else ""
            text2 = other_before + kept[1 if start else 0 :] + rng.choice(FAR)
            if len(kept) - (1 if start else 0) < end + 2 - start:  # the text ended there
                text2 = other_before + kept[1 if start else 0 :]
            start2 = len(other_before)
            m2 = _pattern.RX.match(text2, start2)
            if m2 is None or m2.span() != (start2, start2 + end - start):
                continue
            if m2.group(*_reading.PLAIN_GROUPS) != m.group(*_reading.PLAIN_GROUPS):
                continue  # other groups: another key
            # any floor, but one that lets a qualifier across a gap be read: the memo serves
            # such a key only this close to the previous match
            near = start and _reading.gap_word_may_start(kept[0], 3)
            floor2 = start2 - rng.randint(0, min(2, start2) if near else start2)
            second = _read_plain(text2, m2, floor2)
            assert second == first, (text, floor, text2, floor2)
            checked += 1
    assert checked > 5_000
