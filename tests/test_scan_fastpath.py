"""The extractor's fast paths change nothing: the fast master pattern, the scan, the frame.

Issue 15 asks that no input under 1 MB take over 2 s. The speed comes from a master
pattern rewritten so that the regular-expression engine does less work per position
(`gba.extract._patterntools`: alternations as trees behind a lookahead, optional
groups as branches, guards that let the engine give up early), from a scan that pauses
the garbage collector, and from faster construction of the frame's columns. Each is
compared here with the plain form kept beside it: `_pattern.PATTERN` (the pattern as
written, compiled as it is) at every position of many texts, the plain word lists, the
plain pandas constructors.
"""

from __future__ import annotations

import gc
import random
import re

import numpy as np
import pandas as pd
import pytest

import gba
from gba.extract import _pattern, _patterntools, _scan, quantities
from gba.extract._lexicon import SUFFIXES, UNIT_KIND

PLAIN = re.compile(_pattern.PATTERN)

# every way the guards of the fast pattern could go wrong: each alternative that a guard
# lets through only after digits (dates, phone numbers, fiscal years, spans, times,
# fractions, 届), numbers followed by each kind of tail, and near misses of each
EDGES = [
    "2023年2月28日下午3时30分", "2019年 7月 30日", "２０２２年末", "2023-02-22", "2023/02/22",
    "2019-2021年", "2019至2021年", "二〇二三年", "2023年第一季度", "2023年上半年", "2023年首季",
    "2023年前三季度", "2023年1-9月", "2023年春季", "2023年中，", "3月29日", "5至6月", "5-6月",
    "3月29日及", "21世纪", "3号文件", "5级", "十四届人大三次会议", "14屆", "(852) 2345 6789",
    "852 2345 6789", "85223456789", "853-2345-6789", "2345 6789", "10.1黄金周", "10.1假期",
    "2023/24年度", "2022-23学年", "2022-23財年", "2026至29年", "8时", "8時30分", "8点钟", "8点",
    "1/4", "3/4以上", "12/31", "1/2/3", "三分之一", "三分一", "百分之三十、二十及十", "千分之五",
    "1,000", "1,2", "1,234,567,8", "12 345", "12 3456", "１，０００", "1\u200b5", "1\u200b",
    "3.5万", "3.5", "3.", "十二點四", "1万3千", "2萬6500", "3亿2,000万", "5兆元", "5兆瓦",
    "30万至50万元", "5-10%", "5~10%", "10%至20%", "HK$5,000", "MOP 500", "RMB100萬",
    "3个多月", "3年多", "5元5角", "3人次", "3人口", "2011人口普查", "3人民币", "3成半", "三成",
    "3/年", "5元/人", "每人", "10天以内", "3倍以上", "30左右", "4内", "1 2", "1  -  2", "1\t万",
    "3\u3000成", "5 日", "1-", "1至", "-1", "—1", "1—2", "1－2", "1～2", "1〜2", "1–2", "1到2",
    "1/", "1／2", "1每", "1余", "1多", "1兆", "1十", "1百分点", "1个百分点", "1千瓦", "1千米",
]  # fmt: skip
PIECES = [
    "1", "3", "12", "2022", "5", "30", "1,000", "1.5", "三", "十", "千", "万", "亿", "半",
    "成", "人", "元", "日", "天", "年", "月", "%", "个", "家", "分之", "百分之", "至", "-",
    "—", "~", "/", "、", "及", "，", "。", " ", "\u3000", "\u200b", "约", "超过", "第", "图",
    "HK$", "号", "级", "届", "时", "点", "分", "世纪", "季度", "前三", "以上", "左右", "内",
    "黄金周", "年度", "85", "2", "4", "9", "２", "０", "．", ")", "（",
]  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(1515)
    texts = ["\n".join(gba.load_cases()["text_zh"]), "。".join(EDGES), *EDGES]
    for _ in range(600):  # few pieces each, so that they meet in many orders
        alphabet = rng.sample(PIECES, 10)
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(5, 80))))
    for unit in ("1,", "3成", "1-2", "1、", "2-1万元", "5日", "图3，", "30万至", "约1.5亿元；"):
        texts.append(unit * (600 // len(unit)))
    digits = random.Random(15)
    texts.append("".join(f"{digits.randrange(10)}{digits.choice('成,、')}" for _ in range(3000)))
    return texts


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.regs == b.regs and a.lastgroup == b.lastgroup


def test_fast_pattern_matches_as_the_plain_one() -> None:
    assert _scan.RX is _pattern.RX
    assert _pattern.RX.groupindex == PLAIN.groupindex  # same groups, same numbers
    assert _pattern.RX.pattern != PLAIN.pattern  # the fast one is rewritten
    compared = 0
    for text in _texts():
        for p in range(len(text)):
            fast, plain = _pattern.RX.match(text, p), PLAIN.match(text, p)
            assert _same(fast, plain), (text[p : p + 30], fast, plain)
            compared += plain is not None
    assert compared > 10_000  # many matches compared, not only failures


def test_alternation_tree_matches_as_the_word_list() -> None:
    for words in (list(UNIT_KIND), list(SUFFIXES), ["人次", "人", "人日", "万元", "万"]):
        tree = re.compile(_patterntools.alternation(words))
        flat = re.compile(_patterntools.alternation(words, factored=False))
        text = "。".join(words) + "".join(words) + "人民币人才万人次"
        for p in range(len(text)):
            assert _same(tree.match(text, p), flat.match(text, p)), text[p : p + 10]


def test_alternation_tree_refuses_what_it_cannot_keep_in_order() -> None:
    with pytest.raises(ValueError, match="ends before a longer one"):
        _patterntools._tree([["a"], ["a", "b"]])
    with pytest.raises(ValueError, match="share a character"):
        _patterntools._tree([["[ab]"], ["b", "c"]])


@pytest.mark.parametrize(
    "pattern",
    [
        r"a(?:b(c)?)?d",
        r"(?P<x>\d+)?(?:,(\d{3}))?(?:\s*(?P<u>[元人]))?",
        r"(?:(a)|(b))?(?:c(?:d)?)?\)?[(?]?",
        r"(?:x(?=y)|x)?(?:y)??z",
    ],
)
def test_optional_as_branch_matches_as_written(pattern: str) -> None:
    rewritten = re.compile(_patterntools.optional_as_branch(pattern))
    written = re.compile(pattern)
    rng = random.Random(pattern)
    for _ in range(2000):
        text = "".join(rng.choice("abcdxyz0123,元人 ()?") for _ in range(rng.randint(0, 10)))
        for p in range(len(text) + 1):
            assert _same(rewritten.match(text, p), written.match(text, p)), (pattern, text)


def test_optional_as_branch_leaves_lazy_possessive_and_escaped_alone() -> None:
    rewrite = _patterntools.optional_as_branch
    assert rewrite(r"(?:a)??(?:b)?+\)?[)?]") == r"(?:a)??(?:b)?+\)?[)?]"
    assert rewrite(r"[]?)](a)?") == r"[]?)](?:(a)|)"
    with pytest.raises(ValueError, match="unbalanced"):
        rewrite("(a")


def _plain(text: str, monkeypatch: pytest.MonkeyPatch) -> _scan.Scan:
    with monkeypatch.context() as patch:
        patch.setattr(_scan, "_MEMO_SPAN", -1)
        return _scan.scan(text)


def test_memo_still_runs_the_pattern_where_the_window_repeats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same 32 characters after 百 in both halves, but a per-cent list that continues
    # far beyond them only in the second: a memo that skipped the match on a repeated
    # window (instead of keying the reading on the match found) would read it as the first
    head = "。" * 12 + "5人百分之三、"
    text = head + "1" * 40 + "x" + head + "1" * 40 + "。"
    found = _scan.scan(text)
    assert repr(found) == repr(_plain(text, monkeypatch))
    assert [(q[0][:4], q[5]) for q in found.quantities][-2:] == [("百分之三", "%"), ("1111", "%")]


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _scan.gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with _scan.gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
    gba.extract_quantities("共30.37万人次" * 10)
    assert gc.isenabled()


@pytest.mark.parametrize(
    "values",
    [(), (None,), (None, None, None), ("HKD", None), ("人", "%", "元"), ("", None)],
)
def test_fast_columns_equal_the_plain_constructors(values: tuple) -> None:
    fast = quantities._strings(values)
    plain = pd.array(values, dtype="string")
    assert fast.dtype == plain.dtype and fast.equals(plain) and len(fast) == len(plain)
    ints = tuple(range(len(values)))
    assert quantities._int64(ints).equals(pd.array(ints, dtype="int64"))
    assert quantities._int64(ints).dtype == pd.array(ints, dtype="int64").dtype


def test_quantity_frame_as_the_plain_constructors_build_it() -> None:
    text = "截至2022年底，共30.37万人次，近 400 亿元；HK$5,000及" + "1,3成2-1万元5日" * 50
    frame = gba.extract_quantities(text)
    rows = _scan.scan(text).quantities
    cols = list(zip(*rows, strict=True))
    names = list(frame.columns)
    plain = pd.DataFrame(
        {
            name: pd.Series(col, dtype=object)
            if name in ("value", "value_high")
            else pd.array(col, dtype="int64" if name in ("start", "end") else "string")
            for name, col in zip(names, cols, strict=True)
        }
    )
    pd.testing.assert_frame_equal(frame, plain)
    assert np.array_equal(frame["currency"].isna(), [r[8] is None for r in rows])


def test_chinese_twenty_and_thirty_in_a_fraction_do_not_raise() -> None:
    # 廿 and 卅 are numerals (廿五 = 25) but chinese_to_int met them only as a denominator
    found = gba.extract_quantities("廿分之三，卅分之六人次")
    assert found["text"].tolist() == ["廿分之三", "卅分之六"]
    assert found["value"].tolist() == [15, 20]
    assert gba.parse_quantity("廿分之三").value == 15


def test_lead_characters_are_those_of_the_lead_pattern() -> None:
    every = (chr(i) for i in range(0x30000) if not 0xD800 <= i < 0xE000)
    assert {c for c in every if _pattern.LEAD.match(c)} == _pattern.LEAD_CHARS


def test_memo_paused_in_text_that_does_not_repeat_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # random ranges (not plain matches: read through the window memo) fill the memo with
    # windows that never come back: it is paused, then used again in the repeated part;
    # neither changes what is read
    rng = random.Random(15)
    noise = "".join(
        f"{rng.randrange(10)}-{rng.randrange(10)}{rng.choice('成,、')}" for _ in range(24_000)
    )
    repeats = "约1.5亿元；3成，5日" * 2_000  # hits: a memo filled after them is not paused
    text = noise[:48_000] + repeats + noise[48_000:] + "截至2022年底，共5人" * 500
    refills: list[int] = []
    refill = _scan._refill

    def counted(memo: dict, hits: int, start: int) -> tuple[int, int]:
        paused_until, hits = refill(memo, hits, start)
        refills.append(paused_until)
        return paused_until, hits

    with monkeypatch.context() as patch:
        patch.setattr(_scan, "_MEMO_PAUSE", 10_000)
        patch.setattr(_scan, "_refill", counted)
        found = _scan.scan(text)
    assert any(refills) and not all(refills)  # paused in the noise, not in the repeats
    assert repr(found) == repr(_plain(text, monkeypatch))


def _lists_as_written(text: str, rows: list[tuple], pres: list[str | None]) -> list[tuple]:
    """The list rules of _scan._lists as first written, on rows of ten fields, item by item."""
    rows = list(rows)
    pres = list(pres)
    for k in range(len(rows) - 2, -1, -1):
        r1, r2 = rows[k], rows[k + 1]
        bare_then_unit = r1[5] == "" and r1[4] is None and r2[5] != "" and r2[7] != "rate"
        if bare_then_unit and _pattern.LIST_GAP.fullmatch(text, r1[2], r2[1]):
            rows[k] = (*r1[:5], r2[5], r1[6], r2[7], r2[8], r1[9])
    for k in range(1, len(rows)):
        p1 = pres[k - 1]
        if p1 is not None and pres[k] is None:
            r1, r2 = rows[k - 1], rows[k]
            if r2[6] == "exact" and r1[6] == p1 and _pattern.LIST_GAP.fullmatch(text, r1[2], r2[1]):
                rows[k] = (*r2[:6], p1, *r2[7:])
                pres[k] = p1
    return rows


LIST_PIECES = [
    "1", "1,000", "30", "2.5", "三", "十", "5万", "港元", "元", "人", "%", "成", "倍", "亿元",
    "家", "、", "及", "和", "，", ",", "与", "或", " ", "至", "-", "超过", "超過", "约", "近", "逾",
    "不少于", "以上", "余", "。", "\n", "截至2022年底，", "每年", "/年",
]  # fmt: skip


def test_list_rules_apply_as_first_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # _lists finds where a unit can start moving backwards in C and follows each chain, and
    # carries qualifier words from each word read; it must give what the item-by-item loop
    # gives, on texts dense in lists, bare numbers, units and qualifier words
    rng = random.Random(1503)
    texts = ["1,000及1,200港元", "超過30%、20%及10%", "1、2、3及4万元", "约3、4成", "超过5、6及7倍"]
    for _ in range(1500):
        alphabet = rng.sample(LIST_PIECES, rng.randint(5, 14))
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(5, 300))))
    seen: list[tuple] = []
    lists = _scan._lists

    def watched(text, starts, ends, codes, readings, pres):  # the arguments of _lists
        before = [
            (r[0], s, e, r[1], r[2], r[3], r[4], r[5], r[6])
            for s, e, r in zip(starts, ends, map(readings.__getitem__, codes), strict=True)
        ]
        kept = [pres.get(k) for k in range(len(codes))]
        lists(text, starts, ends, codes, readings, pres)
        seen.append((text, before, kept))

    changed = 0
    for text in texts:
        with monkeypatch.context() as patch:
            patch.setattr(_scan, "_lists", watched)
            rows = _scan.scan(text).quantities
        _, before, kept = seen.pop()
        as_of = [r[9] for r in rows]
        expected = _lists_as_written(
            text, [(*r, a) for r, a in zip(before, as_of, strict=True)], kept
        )
        assert rows == expected, text
        changed += sum(r != (*b, a) for r, b, a in zip(rows, before, as_of, strict=True))
    assert changed > 300  # the rules did change many items
