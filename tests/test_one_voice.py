"""One voice: no English form that the glossary avoids, anywhere a reader sees English.

``data/glossary.csv`` gives each term the English this package uses and, in ``avoid``, the
other English names not to use (``cross-border`` for 跨境, ``foreign law`` for 域外法). This
test reads what a reader sees — the stored outputs and Markdown cells of every notebook,
``figures/README.md``, the English labels of every figure (and the ``*_en`` columns of its
source data), and the English columns of the package's own tables — and finds no avoided form.

Two kinds of avoided form are read differently:

- a name or term (kinds programme, place, body, term): anywhere, as a whole word, in any case;
  a form quoted as a form ('foreign law', "cross-border") is a mention, not a use;
- a unit word (kind unit): only right after a number ("12 persons"), since "law firms" or
  "persons whose ..." are ordinary English, not the unit of a count.

An avoided form that is also the English or an accepted form of another glossary entry
(``visits``: avoided for 人次, the English of 次) cannot be told apart without the Chinese; the
translation, which has its Chinese beside it, is checked sentence by sentence by
``python -m gba validate`` (:func:`gba.datasets.glossary.check_glossary`) and is left out here.

The notebooks also say units in the glossary's words (``person-times``, ``percent per year``),
never as the indicators' unit codes (``person_time``, ``percent_per_year``).
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import gba
from gba.datasets.glossary import CHECKED_KINDS

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
_QUOTES = "'\"‘’“”"


def _avoided() -> list[tuple[str, str, str, bool]]:
    """(avoided form, its term, the English to use, is a unit word) from the glossary."""
    g = gba.load_glossary()
    accepted = {str(e).lower() for e in g["en"]}
    for forms in g["forms"].dropna():
        accepted |= {f.lower() for f in str(forms).split("|") if f}
    out = []
    for row in g.itertuples(index=False):
        if not isinstance(row.avoid, str) or not row.avoid:
            continue
        if row.kind not in (*CHECKED_KINDS, "unit"):
            continue
        for form in row.avoid.split("|"):
            if form and form.lower() not in accepted:
                out.append((form, row.term_zh, row.en, row.kind == "unit"))
    return out


AVOIDED = _avoided()


def find_avoided(text: str) -> list[str]:
    """Return each use of an avoided form in ``text``, with the English to use and its context."""
    found = []
    for form, term, en, unit in AVOIDED:
        before = r"\d[\d,.]*\s*" if unit else r"(?<![\w-])"
        for m in re.finditer(before + "(" + re.escape(form) + r")(?![\w-])", text, re.IGNORECASE):
            a, b = m.start(1), m.end(1)
            if a > 0 and b < len(text) and text[a - 1] in _QUOTES and text[b] in _QUOTES:
                continue  # the form quoted as a form: a mention
            context = text[max(0, a - 40) : b + 20].replace("\n", " ")
            found.append(f"{form!r} (use {en!r} for {term}): …{context}…")
    return found


def _notebook_texts(path: Path) -> Iterator[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            yield f"cell {i} (Markdown)", "".join(cell["source"])
        for out in cell.get("outputs", []):
            if "text" in out:
                yield f"cell {i} output", "".join(out["text"])
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/"):
                    text = "".join(value) if isinstance(value, list) else str(value)
                    if mime == "text/html":
                        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
                    yield f"cell {i} output {mime}", text


def test_the_checker_finds_what_the_glossary_avoids():
    # by hand, from glossary.csv: 跨境 avoids cross-border, 域外法 foreign law, 人 persons
    assert find_avoided("a Cross-border service")
    assert find_avoided("ascertaining foreign law in Guangzhou")
    assert find_avoided("12 persons served")
    assert not find_avoided("a cross-boundary service under extraterritorial law")
    assert not find_avoided("partnership law firms; persons whose qualifications")  # not a unit
    assert not find_avoided("the glossary writes 'foreign law' nowhere")  # a mention
    assert not find_avoided("cross-bordered")  # not the word


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_outputs_speak_with_one_voice(path):
    problems = [
        f"{where}: {p}" for where, text in _notebook_texts(path) for p in find_avoided(text)
    ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_figure_index_speaks_with_one_voice():
    text = (REPO / "figures" / "README.md").read_text(encoding="utf-8")
    assert not find_avoided(text)


def test_figure_labels_speak_with_one_voice(drawn_figures):
    from matplotlib.text import Text

    from gba.figures.data import figure_data

    problems = []
    for name, fig in drawn_figures("en").items():  # laid out: tick labels included
        texts = [t.get_text() for t in fig.findobj(Text)]
        table = figure_data(fig)
        texts += [str(v) for c in table.columns if c.endswith("_en") for v in table[c].dropna()]
        problems += [f"{name}: {p}" for p in find_avoided("\n".join(texts))]
    assert not problems, "\n".join(problems)


def test_the_package_tables_speak_with_one_voice():
    """English columns of every shipped table (glossary and translation: see the module doc)."""
    problems = []
    for path in sorted((REPO / "data").glob("*.csv")):
        if path.name in ("glossary.csv", "translation.csv"):
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for row_no, row in enumerate(csv.DictReader(fh), start=1):
                for column, value in row.items():
                    if column.endswith("_en") and value:
                        problems += [
                            f"{path.name} row {row_no} {column}: {p}" for p in find_avoided(value)
                        ]
    assert not problems, "\n".join(problems)


def _unit_code_pattern() -> re.Pattern[str]:
    """Unit codes a reader cannot read as words: those with '_' and '<unit>_per_<unit>'."""
    g = gba.load_glossary()
    units = sorted(g.loc[g["kind"] == "unit", "unit"], key=len, reverse=True)
    one = "|".join(re.escape(u) for u in units)
    codes = rf"(?:{one})_per_(?:{one})|" + "|".join(re.escape(u) for u in units if "_" in u)
    # a code in `backticks` is named as a code (a column, an argument), not said as a unit
    return re.compile(rf"(?<![\w`])(?:{codes})(?![\w`])")


UNIT_CODE = _unit_code_pattern()


def test_the_unit_code_pattern_by_hand():
    assert UNIT_CODE.findall("9 person_time, 25.95 percent_per_year, 3 CNY_per_person_time")
    assert not UNIT_CODE.findall("9 person-times, 25.95 percent per year; the column `person_time`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_outputs_say_units_in_words(path):
    """Unit words (gba.unit_words), not the indicators' unit codes, in what a notebook shows."""
    problems = [
        f"{where}: {m.group()!r} in …{text[max(0, m.start() - 40) : m.end() + 10]}…"
        for where, text in _notebook_texts(path)
        if "html" not in where  # the same table as its text/plain
        for m in UNIT_CODE.finditer(text)
    ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
