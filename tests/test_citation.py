"""One title, a year and a URL for every work cited; entries plain BibTeX accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from conftest import edit_row

import gba
from gba.checks import validate
from gba.datasets.provenance import PACKAGE_RELEASED, PACKAGE_TITLE

REPO = Path(__file__).resolve().parents[1]
ORIGIN = json.loads((REPO / "data" / "raw" / "origin.json").read_text(encoding="utf-8"))
# the entry types of the standard BibTeX styles (plain, alpha, ...): biblatex's @software is not one
BIBTEX_TYPES = {
    "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings",
    "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
}  # fmt: skip


def _entries(bib: str) -> dict[str, tuple[str, str]]:
    """Key -> (entry type, body) of each BibTeX entry."""
    return {
        key: (kind, body)
        for kind, key, body in re.findall(r"@(\w+)\{([^,]+),\n(.*?)\n\}", bib, flags=re.S)
    }


def test_the_source_title_is_the_same_everywhere():
    title = ORIGIN["title_en"]
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert title in cff["references"][0]["title"]
    assert title in gba.cite("text")
    assert title in gba.cite("bibtex")
    sources = gba.read_table("sources").set_index("source_id")
    assert sources.loc[ORIGIN["id"], "title_en"] == title


def test_bibtex_entries_are_plain_bibtex_with_year_and_the_source_url():
    entries = _entries(gba.cite("bibtex"))
    assert set(entries) == {"gba_office_2023_batch1", "gba_package"}
    for kind, body in entries.values():
        assert kind in BIBTEX_TYPES
        assert re.search(r"^\s*year = \{\d{4}\},$", body, flags=re.M), body
    source_body = entries["gba_office_2023_batch1"][1]
    assert f"url = {{{ORIGIN['url']}}}" in source_body
    assert ORIGIN["url"].startswith("https://")


def test_citation_cff_agrees_with_the_package():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == PACKAGE_TITLE
    assert str(cff["version"]) == gba.__version__
    assert str(cff["date-released"]) == PACKAGE_RELEASED
    assert f"({PACKAGE_RELEASED[:4]}). {PACKAGE_TITLE}" in gba.cite("text")


def test_validate_names_a_title_that_differs_from_the_origin_record(data_copy: Path):
    edit_row(data_copy / "sources.csv", ORIGIN["id"], title_en="Another title")
    problems = [str(p) for p in validate(data_copy)]
    assert any("sources.csv" in p and "title_en" in p and "one title" in p for p in problems)
