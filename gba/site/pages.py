"""Render the site's HTML pages: home, one reader page per case, data tables, notebooks, figures.

The Jinja2 templates of ``gba/site/templates`` (autoescaped) fill in the records of
:mod:`gba.site.model` (a case's highlights and text pieces), :mod:`gba.site.table_pages`
(the data pages) and the coded features of each case with their evidence.
:func:`render_pages` returns every page as text, keyed by its path in the site;
links between pages are relative (:func:`rel`), so the site works from ``file://``.

Examples
--------
>>> rel("cases/c01.html", "data/indicators.html")
'../data/indicators.html'
>>> to_traditional("港澳律师")
'港澳律師'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from gba.extract import script
from gba.site import model
from gba.site.model import is_missing
from gba.site.notebooks import notebook_meta
from gba.site.table_pages import table_pages

__all__ = ["case_context", "environment", "rel", "render_pages", "to_traditional"]


def rel(page: str, target: str) -> str:
    """Return the link from one site file to another (both relative to the site root)."""
    up = len(PurePosixPath(page).parts) - 1
    return "../" * up + target


@cache
def to_traditional(text: str) -> str:
    """Return ``text`` in traditional script (:func:`gba.extract.script.to_traditional`), cached.

    Applied to each piece of a case text separately (between highlight edges),
    so a highlight covers the same words in both scripts.

    Examples
    --------
    >>> to_traditional("港澳律师")
    '港澳律師'
    """
    return script.to_traditional(text)


def environment() -> Any:
    """Return the Jinja2 environment of the site's templates (autoescape, strict undefined).

    Its filter ``t`` marks simplified text that the script switch shows in traditional
    script, ``num`` writes a number for a reader (:func:`gba.site.model.format_number`).
    """
    import jinja2
    from markupsafe import Markup, escape

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gba.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def script_text(text: Any) -> Markup:
        # simplified text that the script switch turns into traditional (site.js)
        s = str(text)
        return Markup('<span class="t" data-hant="{}">{}</span>').format(
            escape(to_traditional(s)), escape(s)
        )

    env.filters["t"] = script_text
    env.filters["num"] = model.format_number
    return env


def _traditional_view(text: str) -> Callable[[int, int], str]:
    """Return ``(start, end) -> the traditional text of text[start:end]`` for one case text."""
    return lambda start, end: to_traditional(text[start:end])


def _sentences(data: Path) -> dict[int, list[tuple[int, int, str]]]:
    """Return each case's English sentences ``(start, end, en)`` (none without a translation)."""
    import gba

    load = getattr(gba, "load_translation", None)
    if load is None:
        return {}
    out: dict[int, list[tuple[int, int, str]]] = {}
    for r in load(data_dir=data).itertuples():
        out.setdefault(int(r.case_id), []).append((int(r.start), int(r.end), str(r.en)))
    return out


def case_context(
    case_id: int,
    case: Any,
    tables: dict[str, Any],
    ctx: model.Context,
    features: list[dict[str, Any]],
    sentences: list[tuple[int, int, str]] | None,
) -> dict[str, Any]:
    """Return what ``case.html`` shows of one case: its highlights, text blocks and features."""
    text = str(case["text_zh"])
    marks = model.case_marks(case_id, tables, ctx)
    blocks = model.case_blocks(text, marks, sentences=sentences)
    return {
        "case_id": case_id,
        "case": case,
        "marks": marks,
        "blocks": blocks,
        "traditional": _traditional_view(text),
        "has_english": any(b.en for b in blocks),
        "features": features,
        "n_by_table": {
            s.table: sum(1 for m in marks if m.table == s.table) for s in model.MARK_SOURCES
        },
    }


def _feature_evidence(r: Any, matches: Any) -> dict[str, Any]:
    """How a coded feature's evidence reads on the case page: a span, matches or words."""
    if not is_missing(r.start):
        return {"evidence": str(r.evidence), "offsets": f"{int(r.start)}–{int(r.end)}"}
    if not is_missing(r.evidence):  # a rule on the submitting units, not on the text
        return {"evidence": str(r.evidence), "offsets": None, "where": r.source}
    if r.coding == "rule":
        spans = [
            {"text": str(m.match), "offsets": f"{int(m.start)}–{int(m.end)}"}
            for m in matches
            if not is_missing(m.start)
        ]
        if spans:
            return {"evidence": None, "matches": spans}
        return {"evidence": None, "rule_no_span": True}
    return {"evidence": None}


def _features_by_case(
    features: Any, codebook: Any, values: Any, rule_matches: Any
) -> dict[int, list[dict[str, Any]]]:
    labels = {(r.feature, r.value): (r.label_en, r.label_zh) for r in values.itertuples()}
    matches: dict[tuple[int, str], list[Any]] = {}
    for m in rule_matches.itertuples():
        matches.setdefault((int(m.case_id), str(m.feature)), []).append(m)
    out: dict[int, list[dict[str, Any]]] = {}
    for r in features.itertuples():
        f = codebook.loc[r.feature]
        found = [
            m
            for m in matches.get((int(r.case_id), str(r.feature)), [])
            if is_missing(m.value) or str(m.value) == str(r.value)
        ]
        out.setdefault(int(r.case_id), []).append(
            _feature_row(r, f, labels, str(r.coding), _feature_evidence(r, found))
        )
    return out


def _feature_row(
    r: Any, f: Any, labels: dict[Any, tuple[str, str]], coding: str, evidence: dict[str, Any]
) -> dict[str, Any]:
    """One coded value as the case page shows it (codebook feature or typology code)."""
    value_en, value_zh = labels.get((r.feature, r.value), (str(r.value), ""))
    return {
        "feature": r.feature,
        "label_en": f["label_en"],
        "label_zh": f["label_zh"],
        "value": str(r.value),
        "value_en": value_en,
        "value_zh": value_zh,
        "coding": coding,
        "evidence": None,
        "offsets": None,
        "matches": [],
        "rule_no_span": False,
        "where": None,
        **evidence,
        "note": None if is_missing(r.note) else str(r.note),
        "anchor": f"{int(r.case_id)}-{r.feature}-{r.value}",
    }


def _typology_by_case(codes: Any, book: Any, values: Any) -> dict[int, list[dict[str, Any]]]:
    """Return each case's adjudicated typology codes, in the same form as the codebook features."""
    labels = {key: (r["label_en"], r["label_zh"]) for key, r in values.iterrows()}
    out: dict[int, list[dict[str, Any]]] = {}
    for r in codes.itertuples():
        evidence = {
            "evidence": None if is_missing(r.evidence) else str(r.evidence),
            "offsets": None if is_missing(r.start) else f"{int(r.start)}–{int(r.end)}",
        }
        out.setdefault(int(r.case_id), []).append(
            _feature_row(r, book.loc[r.feature], labels, f"typology ({r.decision})", evidence)
        )
    return out


def render_pages(
    data: Path,
    descriptor: dict[str, Any],
    cases: Any,
    gallery: list[dict[str, Any]],
    nb_paths: list[Path],
    bodies: dict[str, Callable[[], str]],
) -> dict[str, str]:
    """Render every page from the data folder, its ``datapackage.json`` and the notebooks.

    ``gallery`` is the figure gallery (:func:`gba.site.gallery.gallery_figures`);
    ``bodies`` gives each notebook's rendered body by name, waited for only when its
    page is rendered. Returns ``{path in the site: HTML}``.
    """
    import gba
    from gba.datasets.codebook import load_codebook, load_codebook_values
    from gba.datasets.typology import (
        load_typology_codebook,
        load_typology_codes,
        load_typology_values,
    )

    env = environment()
    tables = {s.table: s.load(data) for s in model.MARK_SOURCES}
    derived = gba.derived_indicators(data_dir=data)
    ctx = model.Context(derived, lambda code, n=None: gba.unit_words(code, n, data_dir=data))
    features = _features_by_case(
        gba.load_features(data_dir=data),
        load_codebook(data_dir=data),
        load_codebook_values(data_dir=data),
        gba.rule_matches(data_dir=data),
    )
    typology = _typology_by_case(
        load_typology_codes(data_dir=data),
        load_typology_codebook(data_dir=data),
        load_typology_values(data_dir=data),
    )
    for cid, rows in typology.items():
        features.setdefault(cid, []).extend(rows)
    source = gba.source(data_dir=data)
    english = _sentences(data)
    data_tables = table_pages(data, descriptor, derived, tables["claims"])
    notebooks = [notebook_meta(p) for p in nb_paths]

    case_pages = [(int(cid), f"cases/c{int(cid):02d}.html") for cid in cases.index]
    common = {
        "site_title": "GBA rule-alignment cases",
        "cases": cases,
        "case_pages": dict(case_pages),
        "notebooks": notebooks,
        "data_tables": data_tables,
        "qualifiers": model.QUALIFIER_WORDS,
    }
    pages: dict[str, str] = {}

    def page(path: str, template: str, **context: Any) -> None:
        def link(target: str) -> str:
            return rel(path, target)

        pages[path] = env.get_template(template).render(**common, **context, page=path, link=link)

    page(
        "index.html",
        "index.html",
        source=source,
        descriptor=descriptor,
        citation=gba.cite(),
        bibtex=gba.cite("bibtex"),
        downloads=sorted(
            [("datapackage.json", "download/datapackage.json")]
            + [(r["path"], f"download/{r['path']}") for r in descriptor["resources"]]
        ),
        counts={name: int(frame["start"].notna().sum()) for name, frame in tables.items()},
        n_derived=len(derived),
        gallery=gallery,
    )
    ids = [cid for cid, _ in case_pages]
    for i, (cid, path) in enumerate(case_pages):
        neighbours = {
            "prev": case_pages[i - 1][1] if i > 0 else None,
            "next": case_pages[i + 1][1] if i + 1 < len(ids) else None,
        }
        page(
            path,
            "case.html",
            **case_context(
                cid, cases.loc[cid], tables, ctx, features.get(cid, []), english.get(cid)
            ),
            **neighbours,
        )
    for t in data_tables:
        page(f"data/{t['name']}.html", "table.html", table=t)
    for nb in notebooks:
        nb = {**nb, "body": bodies[nb["name"]]()}
        page(f"notebooks/{nb['name']}.html", "notebook.html", notebook=nb)
    page("figures.html", "figures.html", gallery=gallery)
    return pages
