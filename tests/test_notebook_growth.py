"""Notebook 02 as research writing: findings first, a reading after every figure, no batch-1 ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import gba

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_growth_indicators.ipynb"


@pytest.fixture(scope="module")
def cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _markdown_output(cell: dict) -> str:
    return "".join(
        "".join(o["data"]["text/markdown"])
        for o in cell.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    )


def test_no_code_cell_names_a_batch1_id(cells):
    ids = set(gba.load_indicators().index) | set(gba.load_events().index)
    ids |= set(gba.load_recipes().index)
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    named = sorted(i for i in ids if re.search(rf"\b{re.escape(i)}\b", code))
    assert named == []


def test_it_opens_with_computed_findings(cells):
    headings = [
        "".join(c["source"]).splitlines()[0]
        for c in cells
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("#")
    ]
    assert headings[1] == "## Findings"
    first = next(i for i, c in enumerate(cells) if "".join(c["source"]) == "## Findings")
    findings = _markdown_output(cells[first + 1])
    assert findings.startswith("**Findings") and findings.count("\n- ") >= 4
    assert headings[-1] == "## 3 · Limits"


def test_every_figure_is_followed_by_a_computed_reading(cells):
    shows = [i for i, c in enumerate(cells) if "show(" in "".join(c["source"])]
    assert len(shows) == 5  # trajectories, reach, timeline, before/after, shares
    for i in shows:
        reading = _markdown_output(cells[i + 1])
        assert re.search(r"\d", reading), "".join(cells[i]["source"])


def test_markdown_prose_types_no_numbers(cells):
    for c in cells:
        if c["cell_type"] != "markdown":
            continue
        text = "".join(c["source"])
        text = re.sub(r"^#+ \d+ ·", "", text, flags=re.M)  # section numbers
        text = re.sub(r"`[^`]*`", "", text)  # code names
        assert not re.search(r"\d", text), text[:200]


def test_unit_codes_are_not_printed(cells):
    out = "\n".join(_markdown_output(c) for c in cells)
    for code in ("person_time", "CNY_per", "percent_per_year"):
        assert code not in out
