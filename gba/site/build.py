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
import importlib.util
import io
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
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


# The columns of the claims page (gba.analysis.claims.find_claims, plus the site's row id).
_CLAIM_FIELDS = [
    ("claim_id", "string", "row id on this site: c<case>_claim_<start>"),
    ("case_id", "integer", "the case"),
    ("start", "integer", "offset of the claim in the clean case text"),
    ("end", "integer", "offset just past the claim"),
    ("claim", "string", "the words of the claim (the rule's match)"),
    ("kind", "string", "rank, first, lead, superlative or unique"),
    ("sentence", "string", "the sentence around the claim (up to 。；！？ or a line break)"),
    ("sentence_quantities", "string", "quantities in digits the sentence states, joined by ' / '"),
    ("sentence_dates", "string", "dates the sentence states, joined by ' / '"),
    ("backed_in_sentence", "boolean", "whether the sentence states such a quantity or a date"),
    ("backed_in_paragraph", "boolean", "whether the paragraph states such a quantity or a date"),
]


def _computed_table(
    name: str, title: str, description: str, frame: Any, fields: list[dict[str, str]]
) -> dict[str, Any]:
    frame = frame.reset_index()
    header = [str(c) for c in frame.columns]
    rows = []
    for rec in frame.itertuples(index=False):
        cells = ["" if model_missing(v) else _cell(v) for v in rec]
        rows.append((cells[0], cells))
    return {
        "name": name,
        "title": title,
        "description": description,
        "download": None,
        "fields": fields,
        "header": header,
        "zh": [bool(_ZH_COLUMNS.search(h)) for h in header],
        "rows": rows,
    }


def _table_pages(
    data: Path, descriptor: dict[str, Any], derived: Any, claims: Any
) -> list[dict[str, Any]]:
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
    tables.append(
        _computed_table(
            "derived",
            "Derived measures: growth, baselines, shares (computed, not stored)",
            "Computed by gba.derived_indicators() from the recipes of derived.csv, indicators.csv "
            "and events.csv at build time: each row's formula and inputs (ids) say how; low and "
            "high bound the value as far as the inputs' qualifiers allow.",
            derived,
            _derived_dictionary(),
        )
    )
    tables.append(
        _computed_table(
            "claims",
            "Promotional claims in the case texts (rule-coded, not stored)",
            "Found by gba.claims.claims() in the clean case texts at build time: each match of "
            "the rule gba.claims.CLAIM_PATTERN (首创, 率先, 第一, 最高, 唯一, 全国第N …) with "
            "whether its sentence and paragraph state a quantity in digits or a date. A number "
            "beside a claim is not proof of it, only a figure a reader can check.",
            claims,
            [
                {"name": n, "type": t, "description": d, "constraints": ""}
                for n, t, d in _CLAIM_FIELDS
            ],
        )
    )
    return tables


def model_missing(value: Any) -> bool:
    """Return True for None, NaN and pandas.NA."""
    return not model._present(value)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def _import_nbconvert() -> None:
    """Import nbformat and nbconvert, without the grammar jsonschema builds for 'iri'.

    jsonschema (imported by nbformat) compiles the grammars of ``rfc3987_syntax``
    at import when that package is installed (about 1.5 s), for an optional
    format check that reading notebooks never uses; it skips it on ImportError.
    """
    block = "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules
    if block:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import nbconvert  # noqa: F401
        import nbformat  # noqa: F401
    finally:
        if block and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


@cache
def _exporter() -> Any:
    """One nbconvert HTML exporter per process: its templates are compiled once, not per notebook.

    Its output for a notebook does not depend on what it converted before.
    """
    _import_nbconvert()
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic")


def _notebook_body(path: Path) -> str:
    """Render one notebook from its stored outputs (no execution) into HTML."""
    _import_nbconvert()
    import nbformat

    nb = nbformat.read(path, as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    return str(body)


def _notebook_bodies(paths: list[Path]) -> dict[str, str]:
    """Render notebooks one after the other with one exporter: ``{stem: body}``."""
    return {p.stem: _notebook_body(p) for p in paths}


def _notebook_meta(path: Path) -> dict[str, str]:
    """Return a notebook's name, title (its first '# ' heading) and file name."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    lines = (
        line
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
    )
    title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("# ")), path.stem)
    return {"name": path.stem, "title": title, "source": path.name}


def _cached_notebooks(paths: list[Path], cache_dir: Path | None) -> dict[str, Callable[[], str]]:
    """Return the cached notebook bodies newer than the notebook, nbconvert and this file."""
    if cache_dir is None or not paths:
        return {}
    spec = importlib.util.find_spec("nbconvert")
    tools = [Path(__file__)] + ([Path(spec.origin)] if spec and spec.origin else [])
    tool_time = max(p.stat().st_mtime for p in tools)
    out: dict[str, Callable[[], str]] = {}
    for p in paths:
        cached = cache_dir / "notebooks" / f"{p.stem}.html"
        if cached.is_file() and cached.stat().st_mtime >= max(tool_time, p.stat().st_mtime):
            body = cached.read_text(encoding="utf-8")
            out[p.stem] = lambda body=body: body
    return out


def _notebook_paths(root: Path | None) -> list[Path]:
    if root is None or not (root / "notebooks").is_dir():
        return []
    return sorted((root / "notebooks").glob("*.ipynb"))


def _may_fork() -> bool:
    """Whether worker processes may be forked here: several cores, fork, no other thread.

    Forking a process that runs other threads (a browser driver, say) is unsafe.
    """
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    return (os.cpu_count() or 1) >= 2 and can_fork and threading.active_count() == 1


def _run_and_send(func: Callable[[Any], Any], arg: Any, conn: Any) -> None:
    """Run ``func(arg)`` in a child process and send ``(ok, result or error)`` back."""
    try:
        outcome = (True, func(arg))
    except BaseException as err:  # sent back and raised in the parent
        outcome = (False, err)
    try:
        conn.send(outcome)
    except Exception as err:  # an unpicklable error: say what it was
        conn.send((False, RuntimeError(repr(outcome[1] if not outcome[0] else err))))
    finally:
        conn.close()


class _Job:
    """One slow step (rendering the notebooks) started in a forked child process at once.

    It runs while this process validates the data and renders the pages, before the
    figure workers (:class:`_Work`) are forked; a plain process and a pipe, no thread,
    so forking those workers later stays safe. Without fork it runs here when its
    result is asked for.
    """

    def __init__(self, func: Callable[[Any], Any], arg: Any) -> None:
        self._func, self._arg = func, arg
        self._proc: Any = None
        self._result: tuple[bool, Any] | None = None
        if _may_fork():
            context = multiprocessing.get_context("fork")
            self._conn, send = context.Pipe(duplex=False)
            self._proc = context.Process(target=_run_and_send, args=(func, arg, send), daemon=True)
            self._proc.start()
            send.close()

    def result(self) -> Any:
        """Return the step's result (waiting for it, or running it here)."""
        if self._result is None:
            if self._proc is None:
                self._result = (True, self._func(self._arg))
            else:
                try:
                    self._result = self._conn.recv()
                except EOFError:
                    self._result = (False, RuntimeError("the site's notebook worker died"))
                self.close()
        ok, value = self._result
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child process if it still runs."""
        if self._proc is not None:
            if self._proc.is_alive() and self._result is None:
                self._proc.terminate()
            self._proc.join()
            self._conn.close()
            self._proc = None


class _Work:
    """Slow, independent steps (drawing a figure in one language) run side by side.

    With two or more tasks on a machine with several cores, two worker processes
    (forked, so they inherit the loaded package, data and fonts) run them while
    the main process renders the pages; otherwise each runs here when its result
    is asked for. Each task runs whole in one process, so the output bytes do not
    depend on where it ran.
    """

    def __init__(self, tasks: list[tuple[Callable[[Any], Any], Any]]) -> None:
        self._tasks = tasks
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Any] = []
        self._done: dict[int, Any] = {}
        workers = min(2, os.cpu_count() or 1, len(tasks))
        if workers >= 2 and _may_fork():
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
            self._futures = [self._pool.submit(f, arg) for f, arg in tasks]

    def __len__(self) -> int:
        return len(self._tasks)

    def result(self, i: int) -> Any:
        """Return the result of task ``i`` (waiting for it, or running it here)."""
        if i not in self._done:
            if self._pool is None:
                f, arg = self._tasks[i]
                self._done[i] = f(arg)
            else:
                self._done[i] = self._futures[i].result()
        return self._done[i]

    def close(self) -> None:
        """Stop the workers (tasks not started are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


def _newest_input(data: Path) -> float:
    """Return the newest modification time among what a figure is drawn from.

    The package's code (all but the site), its fonts and style, the data folder, and
    the installed matplotlib: an SVG older than this may be out of date.
    """
    import matplotlib

    root = package_dir()
    paths = [
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.relative_to(root).parts[0] != "site"
    ]
    paths += [p for p in data.rglob("*") if p.is_file()]
    paths.append(Path(matplotlib.__file__))
    return max(p.stat().st_mtime for p in paths)


def _draw_svg(task: tuple[str, str]) -> dict[str, bytes]:
    """Draw one figure in one language as SVG (run in a worker process).

    One task per language, not per figure: the slowest figure's two halves run side
    by side, so the last worker to finish waits less for the other.
    """
    from gba.figures.output import render
    from gba.figures.registry import file_name, registry

    name, lang = task
    spec = registry()[name]
    fig = spec.draw(lang)
    data = render(fig, "svg", title=f"{name} ({lang})", creator=spec.qualname)
    return {f"figures/{file_name(name, lang, 'svg')}": data}


def _figures(
    data: Path, folders: list[Path], draw_missing: bool, report: SiteReport
) -> tuple[list[dict[str, Any]], dict[str, bytes], list[str]]:
    """Return the gallery, the SVGs found current in ``folders``, and the figures to draw.

    A figure's two SVGs are taken from the first folder that has both newer than
    every input of the figures (:func:`_newest_input`); the others are drawn (or,
    without ``draw_missing``, left out and noted).
    """
    from gba.figures.registry import file_name, registry

    specs = registry()
    files: dict[str, bytes] = {}
    newest = _newest_input(data) if folders else 0.0
    to_draw: list[str] = []
    stale: set[Path] = set()
    gallery = []
    for name, spec in specs.items():
        names = {lang: file_name(name, lang, "svg") for lang in ("en", "zh")}
        found: dict[str, bytes] = {}
        for folder in folders:
            paths = [folder / f for f in names.values()]
            if all(p.is_file() for p in paths):
                if all(p.stat().st_mtime >= newest for p in paths):
                    found = {f"figures/{p.name}": p.read_bytes() for p in paths}
                    break
                stale.add(folder)
        if found:
            files.update(found)
        elif draw_missing:
            to_draw.append(name)
        built = bool(found) or draw_missing
        gallery.append(
            {
                "name": name,
                "description": spec.description,
                "notebook": PurePosixPath(spec.notebook).stem,
                "files": {lang: f"figures/{f}" for lang, f in names.items()} if built else {},
            }
        )
    for folder in sorted(stale):
        report.notes.append(f"SVGs in {folder} older than the code or data were not used")
    report.figures_drawn = 2 * len(to_draw)
    return gallery, files, to_draw


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


def _font_key(chars: set[str]) -> str:
    """Return the sha256 that names a font subset: of the characters, the font and the code.

    The subset is a function of the sorted characters, the bundled font's bytes, this
    file (the subsetting options) and the versions of fontTools and brotli, and of
    nothing else, so a subset found under this name in the cache is the one a build
    would make.
    """
    import hashlib

    import fontTools

    digest = hashlib.sha256()
    for part in (
        "".join(sorted(chars)).encode("utf-8", "surrogatepass"),
        hashlib.sha256(_FONT_SOURCE.read_bytes()).digest(),
        hashlib.sha256(Path(__file__).read_bytes()).digest(),
        f"fontTools {fontTools.version}; brotli {brotli.version}".encode(),
    ):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _subset_font(chars: set[str], cache_dir: Path | None) -> bytes:
    """Return the WOFF2 subset for ``chars``: from ``cache_dir/fonts`` when there, else made.

    A subset made is kept there for the next build (under :func:`_font_key`).
    """
    if cache_dir is None:
        return _font(chars)
    from gba.figures.output import atomic_write_bytes

    cached = cache_dir / "fonts" / f"{_font_key(chars)}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    data = _font(chars)
    atomic_write_bytes(cached, data)
    return data


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
    ctx: model.Context,
    features: list[dict[str, Any]],
    sentences: list[tuple[int, int, str]] | None,
) -> dict[str, Any]:
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
    if not model_missing(r.start):
        return {"evidence": str(r.evidence), "offsets": f"{int(r.start)}–{int(r.end)}"}
    if not model_missing(r.evidence):  # a rule on the submitting units, not on the text
        return {"evidence": str(r.evidence), "offsets": None, "where": r.source}
    if r.coding == "rule":
        spans = [
            {"text": str(m.match), "offsets": f"{int(m.start)}–{int(m.end)}"}
            for m in matches
            if not model_missing(m.start)
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
            if model_missing(m.value) or str(m.value) == str(r.value)
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
        "note": None if model_missing(r.note) else str(r.note),
        "anchor": f"{int(r.case_id)}-{r.feature}-{r.value}",
    }


def _typology_by_case(codes: Any, book: Any, values: Any) -> dict[int, list[dict[str, Any]]]:
    """Return each case's adjudicated typology codes, in the same form as the codebook features."""
    labels = {key: (r["label_en"], r["label_zh"]) for key, r in values.iterrows()}
    out: dict[int, list[dict[str, Any]]] = {}
    for r in codes.itertuples():
        evidence = {
            "evidence": None if model_missing(r.evidence) else str(r.evidence),
            "offsets": None if model_missing(r.start) else f"{int(r.start)}–{int(r.end)}",
        }
        out.setdefault(int(r.case_id), []).append(
            _feature_row(r, book.loc[r.feature], labels, f"typology ({r.decision})", evidence)
        )
    return out


def _render(
    data: Path,
    folders: list[Path],
    draw_missing: bool,
    report: SiteReport,
    cache_dir: Path | None,
) -> dict[str, bytes]:
    import gba

    # the notebooks need neither the data nor the figures: a child process renders them from
    # the start, while this one validates the data and finds the figures to draw
    nb_paths = _notebook_paths(repo_dir() if data == _data_dir() else None)
    bodies = _cached_notebooks(nb_paths, cache_dir)
    todo = [p for p in nb_paths if p.stem not in bodies]
    notebooks = _Job(_notebook_bodies, todo) if todo else None
    for p in todo:
        bodies[p.stem] = lambda stem=p.stem: notebooks.result()[stem]  # type: ignore[union-attr]
    try:
        cases = gba.load_cases(data_dir=data)  # validates the data once, before the workers fork
        # figures next: workers draw them while this process renders the other pages
        gallery, files, to_draw = _figures(data, folders, draw_missing, report)
        work = _Work([(_draw_svg, (n, lang)) for n in to_draw for lang in ("en", "zh")])
        try:
            out = _render_pages(
                data, report, cases, gallery, files, work, nb_paths, bodies, cache_dir
            )
        finally:
            work.close()
    finally:
        if notebooks is not None:
            notebooks.close()
    if cache_dir is not None:
        from gba.figures.output import atomic_write_bytes
        from gba.figures.registry import file_name

        for name in to_draw:
            for lang in ("en", "zh"):
                f = file_name(name, lang, "svg")
                atomic_write_bytes(cache_dir / f, out[f"figures/{f}"])
        for p in todo:
            body = str(bodies[p.stem]()).encode("utf-8")
            atomic_write_bytes(cache_dir / "notebooks" / f"{p.stem}.html", body)
    return out


def _render_pages(
    data: Path,
    report: SiteReport,
    cases: Any,
    gallery: list[dict[str, Any]],
    files: dict[str, bytes],
    work: _Work,
    nb_paths: list[Path],
    bodies: dict[str, Callable[[], str]],
    cache_dir: Path | None,
) -> dict[str, bytes]:
    import gba
    from gba.datasets.features import load_codebook, load_codebook_values
    from gba.datasets.typology import (
        load_typology_codebook,
        load_typology_codes,
        load_typology_values,
    )

    env = _environment()
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
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
    data_tables = _table_pages(data, descriptor, derived, tables["claims"])
    notebooks = [_notebook_meta(p) for p in nb_paths]

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
            **_case_context(
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
    if not notebooks:
        report.notes.append("no notebooks/ folder beside the data: notebook pages not built")

    static = package_dir() / "site" / "static"
    css = (static / "site.css").read_text(encoding="utf-8") + "\n" + _pygments_css() + "\n"
    files["static/site.css"] = css.encode("utf-8")
    files["static/site.js"] = (static / "site.js").read_bytes()
    files["static/OFL.txt"] = (_FONT_SOURCE.parent / "OFL.txt").read_bytes()
    files[FONT_FILE] = _subset_font(_font_chars([*pages.values(), css]), cache_dir)
    files.update(_downloads(data, descriptor))
    for i in range(len(work)):
        files.update(work.result(i))
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
    cache_dir: str | os.PathLike[str] | None = None,
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
        ``figures/`` after ``make figures`` (default: the repository's ``figures/``);
        an SVG older than the code or data it is drawn from is not used.
    draw_missing : bool
        Draw the SVGs not found current (about 0.4-3 s of CPU per figure and
        language, in two worker processes; the notebooks meanwhile in a third);
        if False the gallery says which figures were not built.
    cache_dir : path-like, optional
        A folder that keeps what this build draws and renders, for the next build:
        SVGs are taken from ``figures_dir``, then from ``cache_dir``, if newer than
        the package's code, its data and matplotlib; notebook pages if newer than
        the notebook, nbconvert and this file; the font subset under the sha256 of
        its characters, the bundled font and this file (``make site`` uses
        ``build/site-cache``); default: no cache.
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
    folders = [Path(f) for f in (figures_dir, cache_dir) if f is not None]
    cache = Path(cache_dir) if cache_dir is not None else None
    files = _render(data, folders, draw_missing, report, cache)
    _write_tree(Path(out_dir), files)
    report.files = {p: len(files[p]) for p in sorted(files)}
    report.seconds = time.perf_counter() - start
    if progress is not None:
        for note in report.notes:
            progress(note)
    return report
