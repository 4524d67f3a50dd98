"""Score `gba.extract_quantities` on the real-world corpus in `tests/corpus/` (issue 10).

Prints span precision, recall and F1 and the fully-correct recall (span, value,
value_high, unit and qualifier all right; values compared as exact fractions),
overall, per script and per source type, for the extractor and for a naive
regular-expression baseline. The scoring rules are in `tests/corpus/README.md`;
`tests/test_corpus.py` imports this file to check the corpus and keep a floor
under the scores.

Run: .venv/bin/python benchmarks/eval_extract.py [--errors] [--baseline-errors]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
SCRIPTS = ("simplified", "traditional")
REGIONS = ("mainland", "hongkong", "macao", "taiwan")
SOURCE_TYPES = ("statistics", "government", "newspaper", "research", "other")
QUALIFIERS = ("exact", "lower", "upper", "approx", "range")
PARAGRAPH_COLUMNS = [
    "id",
    "script",
    "region",
    "source_type",
    "publisher",
    "title",
    "date",
    "url",
    "text",
    "note",
]
QUANTITY_COLUMNS = [
    "paragraph_id",
    "span",
    "occurrence",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "dont_care",
    "note",
]


class CorpusError(ValueError):
    """A row of the corpus files is not as `tests/corpus/README.md` says."""


@dataclass(frozen=True)
class Found:
    """One quantity: where it is and how it reads (gold or predicted)."""

    start: int
    end: int
    value: Fraction
    value_high: Fraction | None
    unit: str
    qualifier: str
    dont_care: bool = False
    text: str = ""

    def reading(self) -> tuple[Fraction, Fraction | None, str, str]:
        """What must agree for a fully-correct match."""
        return (self.value, self.value_high, self.unit, self.qualifier)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the corpus with its gold quantities."""

    id: str
    script: str
    region: str
    source_type: str
    url: str
    text: str
    gold: tuple[Found, ...]


def parse_value(s: str, where: str) -> Fraction:
    """Read ``12.5``, ``-3``, ``303700`` or ``200/3`` as an exact fraction.

    >>> parse_value("200/3", "x"), parse_value("0.07", "x")
    (Fraction(200, 3), Fraction(7, 100))
    """
    if re.fullmatch(r"-?\d+/\d+", s):
        p, q = s.split("/")
        if int(q) == 0:
            raise CorpusError(f"{where}: {s!r} divides by zero")
        return Fraction(int(p), int(q))
    if re.fullmatch(r"-?\d+(?:\.\d+)?", s):
        return Fraction(Decimal(s))
    raise CorpusError(f"{where}: expected a decimal or p/q, not {s!r}")


def locate(text: str, span: str, occurrence: int) -> int:
    """Start of the ``occurrence``-th (1-based) place where ``span`` starts in ``text``, or -1.

    >>> locate("3%和3%", "3%", 2)
    3
    """
    starts = [i for i in range(len(text)) if text.startswith(span, i)]
    return starts[occurrence - 1] if 0 < occurrence <= len(starts) else -1


def _read_csv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != columns:
            raise CorpusError(f"{path.name}: columns {reader.fieldnames}, expected {columns}")
        return list(reader)


def _check_choice(value: str, allowed: Iterable[str], where: str, column: str) -> None:
    if value not in allowed:
        raise CorpusError(f"{where}, column {column}: {value!r} is not one of {sorted(allowed)}")


def load_corpus(folder: Path = CORPUS) -> list[Paragraph]:
    """Read `paragraphs.csv` and `quantities.csv`; every span is located in its paragraph.

    Raises `CorpusError` naming file, row and column for anything not as documented.
    """
    prows = _read_csv(folder / "paragraphs.csv", PARAGRAPH_COLUMNS)
    qrows = _read_csv(folder / "quantities.csv", QUANTITY_COLUMNS)
    texts: dict[str, dict[str, str]] = {}
    for n, row in enumerate(prows, start=2):
        where = f"paragraphs.csv row {n}"
        if row["id"] in texts:
            raise CorpusError(f"{where}, column id: {row['id']!r} appears twice")
        _check_choice(row["script"], SCRIPTS, where, "script")
        _check_choice(row["region"], REGIONS, where, "region")
        _check_choice(row["source_type"], SOURCE_TYPES, where, "source_type")
        if not row["url"].startswith(("http://", "https://")):
            raise CorpusError(f"{where}, column url: expected http(s)://…, not {row['url']!r}")
        texts[row["id"]] = row
    gold: dict[str, list[Found]] = {pid: [] for pid in texts}
    for n, row in enumerate(qrows, start=2):
        where = f"quantities.csv row {n}"
        pid = row["paragraph_id"]
        if pid not in texts:
            raise CorpusError(f"{where}, column paragraph_id: no paragraph {pid!r}")
        if not row["occurrence"].isdigit():
            got = row["occurrence"]
            raise CorpusError(f"{where}, column occurrence: expected 1, 2, …, not {got!r}")
        start = locate(texts[pid]["text"], row["span"], int(row["occurrence"]))
        if start < 0:
            raise CorpusError(
                f"{where}, column span: {row['span']!r} does not occur "
                f"{row['occurrence']} time(s) in paragraph {pid}"
            )
        _check_choice(row["qualifier"], QUALIFIERS, where, "qualifier")
        _check_choice(row["dont_care"], ("", "1"), where, "dont_care")
        if row["dont_care"] == "1" and not row["note"]:
            raise CorpusError(f"{where}, column note: a dont_care row needs its reason")
        high = row["value_high"]
        if (row["qualifier"] == "range") != bool(high):
            raise CorpusError(f"{where}, column value_high: set it exactly for a range")
        gold[pid].append(
            Found(
                start,
                start + len(row["span"]),
                parse_value(row["value"], f"{where}, column value"),
                parse_value(high, f"{where}, column value_high") if high else None,
                row["unit"],
                row["qualifier"],
                row["dont_care"] == "1",
                row["span"],
            )
        )
    out = []
    for pid, row in texts.items():
        spans = sorted((g.start, g.end) for g in gold[pid])
        if len(set(spans)) != len(spans):
            raise CorpusError(f"quantities.csv: paragraph {pid} has the same span twice")
        out.append(
            Paragraph(
                pid,
                row["script"],
                row["region"],
                row["source_type"],
                row["url"],
                row["text"],
                tuple(sorted(gold[pid], key=lambda g: g.start)),
            )
        )
    return out


@dataclass
class Tally:
    """Counts for one group of paragraphs."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def correct_recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


@dataclass(frozen=True)
class Problem:
    """One scoring error: a miss, a false positive, or a wrong reading."""

    paragraph: str
    kind: str  # "missed", "spurious", "wrong"
    gold: Found | None
    predicted: Found | None


def score_paragraph(p: Paragraph, predicted: list[Found]) -> tuple[Tally, list[Problem]]:
    """Compare predictions with the gold quantities of one paragraph."""
    care = [g for g in p.gold if not g.dont_care]
    ignore = [(g.start, g.end) for g in p.gold if g.dont_care]
    by_span = {(g.start, g.end): g for g in care}
    scored = [q for q in predicted if not any(q.start < e and s < q.end for s, e in ignore)]
    tally = Tally(gold=len(care), predicted=len(scored))
    problems: list[Problem] = []
    hit: set[tuple[int, int]] = set()
    for q in scored:
        g = by_span.get((q.start, q.end))
        if g is None or (q.start, q.end) in hit:
            problems.append(Problem(p.id, "spurious", None, q))
            continue
        hit.add((q.start, q.end))
        tally.matched += 1
        if q.reading() == g.reading():
            tally.correct += 1
        else:
            problems.append(Problem(p.id, "wrong", g, q))
    problems += [Problem(p.id, "missed", g, None) for g in care if (g.start, g.end) not in hit]
    return tally, problems


def evaluate(
    paragraphs: list[Paragraph], extract: Callable[[str], list[Found]]
) -> tuple[dict[str, Tally], list[Problem]]:
    """Tallies overall (``all``), per script and per source type, and every problem."""
    groups: dict[str, Tally] = {"all": Tally()}
    for key in [*SCRIPTS, *SOURCE_TYPES]:
        groups[key] = Tally()
    problems: list[Problem] = []
    for p in paragraphs:
        tally, probs = score_paragraph(p, extract(p.text))
        problems += probs
        for key in ("all", p.script, p.source_type):
            groups[key].add(tally)
    return groups, problems


def gba_extract(text: str) -> list[Found]:
    """The quantities `gba.extract_quantities` finds, as `Found` rows."""
    import gba

    df = gba.extract_quantities(text)
    return [
        Found(
            int(r.start),
            int(r.end),
            Fraction(r.value),
            None if r.value_high is None else Fraction(r.value_high),
            str(r.unit),
            str(r.qualifier),
            text=str(r.text),
        )
        for r in df.itertuples()
    ]


# --- naive baseline: what a user writes in half an hour -----------------------------------
_NAIVE_UNITS = (
    "个百分点|個百分點|百分点|百分點|%|％|人次|港元|美元|澳门元|澳門元|元"
    "|人|名|家|项|項|个|個|宗|件|年|岁|歲|天|日|倍|次|间|間|辆|輛|架次"
)
_NAIVE_RX = re.compile(
    r"(?P<q>约|約|近|超过|超過|逾|超)?"
    r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<m>万亿|萬億|万|萬|亿|億)?"
    rf"(?P<u>{_NAIVE_UNITS})?"
)
_NAIVE_MAG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12, "萬億": 10**12}
_NAIVE_SIMPLE = str.maketrans("個項歲間輛點澳門", "个项岁间辆点澳门")
_NAIVE_QUAL = {"约": "approx", "約": "approx", "近": "approx"}


def naive_extract(text: str) -> list[Found]:
    """Digits, an optional 万/亿, an optional unit from a short list, a qualifier before."""
    out = []
    for m in _NAIVE_RX.finditer(text):
        value = Fraction(Decimal(m["n"].replace(",", ""))) * _NAIVE_MAG.get(m["m"] or "", 1)
        unit = (m["u"] or "").translate(_NAIVE_SIMPLE).replace("％", "%")
        if m["u"] in ("年",) and m["n"] and len(m["n"]) == 4:
            continue  # a year
        qualifier = _NAIVE_QUAL.get(m["q"], "lower") if m["q"] else "exact"
        out.append(Found(m.start(), m.end(), value, None, unit, qualifier, text=m[0]))
    return out


# ------------------------------------------------------------------------------------------


def table(groups: dict[str, Tally]) -> list[str]:
    """One line per group: counts and the four scores."""
    lines = [f"{'group':<12} {'gold':>5} {'pred':>5}  {'P':>6} {'R':>6} {'F1':>6}  {'correct':>7}"]
    for key, t in groups.items():
        if t.gold or t.predicted:
            lines.append(
                f"{key:<12} {t.gold:>5} {t.predicted:>5}  {t.precision:6.3f} {t.recall:6.3f} "
                f"{t.f1:6.3f}  {t.correct_recall:7.3f}"
            )
    return lines


def _show(problem: Problem, paragraphs: dict[str, Paragraph]) -> str:
    def fmt(f: Found | None) -> str:
        if f is None:
            return "-"
        text = paragraphs[problem.paragraph].text[f.start : f.end]
        high = f"..{f.value_high}" if f.value_high is not None else ""
        return f"{text!r} {f.value}{high} {f.unit!r} {f.qualifier}"

    gold, got = fmt(problem.gold), fmt(problem.predicted)
    return f"{problem.paragraph} {problem.kind:<8} gold {gold} | got {got}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the extractor's errors")
    parser.add_argument("--baseline-errors", action="store_true", help="list the baseline's errors")
    args = parser.parse_args()
    paragraphs = load_corpus()
    n_gold = sum(1 for p in paragraphs for g in p.gold if not g.dont_care)
    n_dc = sum(1 for p in paragraphs for g in p.gold if g.dont_care)
    print("command: .venv/bin/python benchmarks/eval_extract.py")
    print(
        f"corpus: {len(paragraphs)} paragraphs "
        + ", ".join(f"{s} {sum(p.script == s for p in paragraphs)}" for s in SCRIPTS)
        + f"; {n_gold} quantities scored, {n_dc} don't-care"
    )
    for column, values in (("region", REGIONS), ("source_type", SOURCE_TYPES)):
        counts = [f"{v} {sum(getattr(p, column) == v for p in paragraphs)}" for v in values]
        print(f"paragraphs by {column}: " + ", ".join(counts))
    hk_mo = sum(p.script == "traditional" and p.region in ("hongkong", "macao") for p in paragraphs)
    print(f"traditional script from Hong Kong or Macao: {hk_mo}")
    by_id = {p.id: p for p in paragraphs}
    for name, extract, show in (
        ("gba.extract_quantities", gba_extract, args.errors),
        ("naive regex baseline", naive_extract, args.baseline_errors),
    ):
        groups, problems = evaluate(paragraphs, extract)
        print(f"\n{name}")
        print("\n".join(table(groups)))
        if show:
            print("\n".join(_show(pr, by_id) for pr in problems))


if __name__ == "__main__":
    main()
