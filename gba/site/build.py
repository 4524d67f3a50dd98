"""Build the static case-reader site from the package's data, notebooks and figures.

Everything is rendered in memory first (Jinja2 templates with autoescape), then
written into a temporary folder beside the target, which replaces the target in
one rename: an error leaves the previous site untouched. The output depends only
on the code, data and environment: files are written in sorted order, no dates,
and the font subset keeps the bundled font's own timestamp, so two builds give
byte-identical folders.

Layout of the output::

    index.html                 home: the cases, source, citation, downloads, links
    cases/c01.html …           one reader page per case
    data/<table>.html          data dictionary + sortable rows, one per table (+ derived)
    notebooks/<name>.html      the notebooks from their stored outputs (no execution)
    figures.html, figures/     the figure gallery (SVG, en and zh)
    download/                  the CSV files, raw text and datapackage.json
    static/                    site.css, site.js, the subset font (WOFF2) and its licence

Examples
--------
>>> rel("cases/c01.html", "data/indicators.html")
'../data/indicators.html'
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from unittest import mock

import brotli

from gba._paths import data_dir as _data_dir
from gba._paths import package_dir, repo_dir
from gba.site import model

__all__ = ["FONT_FAMILY", "SiteReport", "build_site", "rel"]

FONT_FAMILY = "GBA Noto Sans CJK"
FONT_FILE = "static/gba-cjk.woff2"
_FONT_SOURCE = package_dir() / "figures" / "fonts" / "NotoSansCJKsc-Regular.otf"
_STATIC = ("site.css", "site.js")
_ZH_COLUMNS = re.compile(r"(_zh|^span|^evidence|^pattern)$")


@dataclass
class SiteReport:
    """What a build wrote: each file with its size, and how long it took."""

    out_dir: Path
    files: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    figures_drawn: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: counts, size, time, where."""
        pages = sum(1 for f in self.files if f.endswith(".html"))
        return (
            f"wrote {len(self.files)} file(s) ({pages} page(s)), "
            f"{sum(self.files.values()) / 1e6:.2f} MB, in {self.seconds:.1f} s into {self.out_dir}"
        )


def rel(page: str, target: str) -> str:
    """Return the link from one site file to another (both relative to the site root)."""
    up = len(PurePosixPath(page).parts) - 1
    return "../" * up + target


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("s2hk")


@cache
def to_traditional(text: str) -> str:
    """Return ``text`` in traditional script (Hong Kong standard, OpenCC ``s2hk``).

    Applied to each piece of a case text separately (between highlight edges),
    so a highlight covers the same words in both scripts.

    Examples
    --------
    >>> to_traditional("港澳律师")
    '港澳律師'
    """
    return _converter().convert(text)


def _environment() -> Any:
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


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _derived_dictionary() -> list[dict[str, str]]:
    # the column table of derived_indicators' docstring is the dictionary of that table
    from gba.analysis.derived import derived_indicators

    doc = derived_indicators.__doc__ or ""
    lines = [ln.strip() for ln in doc.splitlines()]
    rules = [i for i, ln in enumerate(lines) if ln.startswith("=====")]
    fields = []
    for ln in lines[rules[1] + 1 : rules[2]]:
        name, dtype, meaning = ln.split(None, 2)
        fields.append({"name": name, "type": dtype, "description": meaning, "constraints": ""})
    return fields


def _constraints(f: dict[str, Any]) -> str:
    c = f.get("constraints", {})
    words = [k for k in ("required", "unique") if c.get(k)]
    words += [f"{k} {c[k]}" for k in ("minimum", "maximum", "pattern") if k in c]
    if "enum" in c:
        words.append("one of " + ", ".join(map(str, c["enum"])))
    return "; ".join(words)


def _table_pages(data: Path, descriptor: dict[str, Any], derived: Any) -> list[dict[str, Any]]:
    tables = []
    for res in sorted(descriptor["resources"], key=lambda r: r["name"]):
        if res.get("format") != "csv":
            continue
        header, rows = _read_csv(data / res["path"])
        key = res["schema"].get("primaryKey", header[0])
        key = [key] if isinstance(key, str) else list(key)
        idx = [header.index(k) for k in key]
        fields = [
            {
                "name": f["name"],
                "type": f.get("type", ""),
                "description": f.get("description", ""),
                "constraints": _constraints(f),
            }
            for f in res["schema"]["fields"]
        ]
        tables.append(
            {
                "name": res["name"],
                "title": res.get("title", res["name"]),
                "description": res.get("description", ""),
                "download": f"download/{res['path']}",
                "fields": fields,
                "header": header,
                "zh": [bool(_ZH_COLUMNS.search(h)) for h in header],
                "rows": [("-".join(r[i] for i in idx), r) for r in rows],
            }
        )
    frame = derived.reset_index()
    header = [str(c) for c in frame.columns]
    rows = []
    for rec in frame.itertuples(index=False):
        cells = ["" if model_missing(v) else _cell(v) for v in rec]
        rows.append((cells[0], cells))
    tables.append(
        {
            "name": "derived",
            "title": "Derived measures: growth, baselines, shares (computed, not stored)",
            "description": (
                "Computed by gba.derived_indicators() from the recipes of derived.csv, "
                "indicators.csv and events.csv at build time: each row's formula and inputs (ids) "
                "say how; low and high bound the value "
                "as far as the inputs' qualifiers allow."
            ),
            "download": None,
            "fields": _derived_dictionary(),
            "header": header,
            "zh": [bool(_ZH_COLUMNS.search(h)) for h in header],
            "rows": rows,
        }
    )
    return tables


def model_missing(value: Any) -> bool:
    """Return True for None, NaN and pandas.NA."""
    return not model._present(value)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def _notebooks(root: Path | None) -> list[dict[str, str]]:
    if root is None or not (root / "notebooks").is_dir():
        return []
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    out = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        title = next(
            (
                line.lstrip("# ").strip()
                for cell in nb.cells
                if cell.cell_type == "markdown"
                for line in cell.source.splitlines()
                if line.startswith("# ")
            ),
            path.stem,
        )
        out.append({"name": path.stem, "title": title, "body": body, "source": path.name})
    return out


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


def _figures(
    figures_dir: Path | None, draw_missing: bool, report: SiteReport
) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    from gba.figures.registry import file_name, registry

    specs = registry()
    files: dict[str, bytes] = {}
    gallery = []
    for name, spec in specs.items():
        entry: dict[str, Any] = {
            "name": name,
            "description": spec.description,
            "notebook": PurePosixPath(spec.notebook).stem,
            "files": {},
        }
        for lang in ("en", "zh"):
            fname = file_name(name, lang, "svg")
            src = figures_dir / fname if figures_dir is not None else None
            if src is not None and src.is_file():
                files[f"figures/{fname}"] = src.read_bytes()
            elif draw_missing:
                from gba.figures.output import render

                fig = spec.draw(lang)
                files[f"figures/{fname}"] = render(
                    fig, "svg", title=f"{name} ({lang})", creator=spec.qualname
                )
                report.figures_drawn += 1
            else:
                continue
            entry["files"][lang] = f"figures/{fname}"
        gallery.append(entry)
    return gallery, files


def _downloads(data: Path, descriptor: dict[str, Any]) -> dict[str, bytes]:
    files = {"download/datapackage.json": (data / "datapackage.json").read_bytes()}
    for res in descriptor["resources"]:
        files[f"download/{res['path']}"] = (data / res["path"]).read_bytes()
    return files


class _Brotli9:
    """brotli for fontTools' WOFF2 writer at quality 9 instead of 11.

    fontTools compresses at brotli's maximum quality and has no option for it; on a
    2-core machine that takes 3-8 s for the subset font, quality 9 about 0.1 s for a
    file 8 % larger. Output stays deterministic.
    """

    MODE_FONT = brotli.MODE_FONT
    error = brotli.error

    @staticmethod
    def compress(data: bytes, mode: int = brotli.MODE_GENERIC, **_: Any) -> bytes:
        return brotli.compress(data, mode=mode, quality=9)


def _font(chars: Iterable[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont, woff2

    options = subset.Options()
    options.flavor = "woff2"
    # no OpenType layout closure: 'locl' and 'vert' alone would pull in thousands of the
    # Japanese, Korean and vertical variant glyphs of the pan-CJK font
    options.layout_features = []
    buffer = io.BytesIO()
    with TTFont(_FONT_SOURCE, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
        subsetter.subset(font)
        font.flavor = "woff2"
        with mock.patch.object(woff2, "brotli", _Brotli9):
            font.save(buffer)
    return buffer.getvalue()


def _font_chars(texts: Iterable[str]) -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for t in texts:
        chars.update(html.unescape(t))
    return {c for c in chars if c.isprintable() or c == "\u3000"}


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


def _case_context(
    case_id: int,
    case: Any,
    tables: dict[str, Any],
    derived: Any,
    features: list[dict[str, Any]],
    sentences: list[tuple[int, int, str]] | None,
) -> dict[str, Any]:
    text = str(case["text_zh"])
    marks = model.case_marks(case_id, tables, derived)
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
            t: sum(1 for m in marks if m.table == t) for t in dict.fromkeys(m.table for m in marks)
        },
    }


def _features_by_case(features: Any, codebook: Any, values: Any) -> dict[int, list[dict[str, Any]]]:
    labels = {(r.feature, r.value): (r.label_en, r.label_zh) for r in values.itertuples()}
    out: dict[int, list[dict[str, Any]]] = {}
    for r in features.itertuples():
        f = codebook.loc[r.feature]
        value_en, value_zh = labels.get((r.feature, r.value), (str(r.value), ""))
        out.setdefault(int(r.case_id), []).append(
            {
                "feature": r.feature,
                "label_en": f["label_en"],
                "label_zh": f["label_zh"],
                "value": str(r.value),
                "value_en": value_en,
                "value_zh": value_zh,
                "coding": r.coding,
                "evidence": None if model_missing(r.evidence) else str(r.evidence),
                "offsets": None if model_missing(r.start) else f"{int(r.start)}–{int(r.end)}",
                "note": None if model_missing(r.note) else str(r.note),
                "anchor": f"{int(r.case_id)}-{r.feature}-{r.value}",
            }
        )
    return out


def _render(
    data: Path, figures_dir: Path | None, draw_missing: bool, report: SiteReport
) -> dict[str, bytes]:
    import gba
    from gba.datasets.features import load_codebook, load_codebook_values

    env = _environment()
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    cases = gba.load_cases(data_dir=data)
    tables = {loader: getattr(gba, loader)(data_dir=data) for loader, _ in model.MARK_SOURCES}
    derived = gba.derived_indicators(data_dir=data)
    features = _features_by_case(
        gba.load_features(data_dir=data),
        load_codebook(data_dir=data),
        load_codebook_values(data_dir=data),
    )
    source = gba.source(data_dir=data)
    english = _sentences(data)
    notebooks = _notebooks(repo_dir() if data == _data_dir() else None)
    gallery, files = _figures(figures_dir, draw_missing, report)
    data_tables = _table_pages(data, descriptor, derived)

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
        counts={loader: len(frame) for loader, frame in tables.items()},
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
            **_case_context(
                cid, cases.loc[cid], tables, derived, features.get(cid, []), english.get(cid)
            ),
            **neighbours,
        )
    for t in data_tables:
        page(f"data/{t['name']}.html", "table.html", table=t)
    for nb in notebooks:
        page(f"notebooks/{nb['name']}.html", "notebook.html", notebook=nb)
    page("figures.html", "figures.html", gallery=gallery)
    if not notebooks:
        report.notes.append("no notebooks/ folder beside the data: notebook pages not built")

    static = package_dir() / "site" / "static"
    css = (static / "site.css").read_text(encoding="utf-8") + "\n" + _pygments_css() + "\n"
    files["static/site.css"] = css.encode("utf-8")
    files["static/site.js"] = (static / "site.js").read_bytes()
    files["static/OFL.txt"] = (_FONT_SOURCE.parent / "OFL.txt").read_bytes()
    files[FONT_FILE] = _font(_font_chars([*pages.values(), css]))
    files.update(_downloads(data, descriptor))
    for path, text in pages.items():
        files[path] = text.encode("utf-8")
    return files


def _write_tree(out: Path, files: dict[str, bytes]) -> None:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    old = None
    try:
        for path in sorted(files):
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        for p in sorted(tmp.rglob("*")):
            p.chmod(0o755 if p.is_dir() else 0o644)
        tmp.chmod(0o755)
        if out.exists():
            old = out.with_name(f".{out.name}.old.{os.getpid()}")
            os.replace(out, old)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not out.exists():
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    out_dir: str | os.PathLike[str],
    *,
    data_dir: str | os.PathLike[str] | None = None,
    figures_dir: str | os.PathLike[str] | None = None,
    draw_missing: bool = True,
    progress: Callable[[str], object] | None = None,
) -> SiteReport:
    """Build the site into ``out_dir`` (replaced as a whole) and return what was written.

    Parameters
    ----------
    out_dir : path-like
        Target folder; an existing one is replaced only once the new site is complete.
    data_dir : path-like, optional
        The data folder (default: the package's). Notebook pages are built only
        from the repository's own data, whose outputs they show.
    figures_dir : path-like, optional
        Where to take figure SVGs (``<name>.<lang>.svg``) from, e.g. the repository's
        ``figures/`` after ``make figures`` (default: the repository's ``figures/``).
    draw_missing : bool
        Draw the SVGs not found in ``figures_dir`` (about 2-3 s per figure); if
        False the gallery says which figures were not built.
    progress : callable, optional
        Called with one line of text per step.

    Returns
    -------
    SiteReport
    """
    start = time.perf_counter()
    data = _data_dir(data_dir)
    if figures_dir is None and repo_dir() is not None:
        figures_dir = repo_dir() / "figures"  # type: ignore[operator]
    report = SiteReport(out_dir=Path(out_dir))
    files = _render(data, Path(figures_dir) if figures_dir else None, draw_missing, report)
    _write_tree(Path(out_dir), files)
    report.files = {p: len(files[p]) for p in sorted(files)}
    report.seconds = time.perf_counter() - start
    if progress is not None:
        for note in report.notes:
            progress(note)
    return report
