"""Build the static case-reader site: put its parts together and write the folder in one step.

The parts have their own modules: :mod:`.pages` renders the HTML (with the records of
:mod:`.model` and :mod:`.table_pages`), :mod:`.gallery` finds or draws the figure SVGs,
:mod:`.notebooks` renders the notebooks, :mod:`.fonts` subsets the font and
:mod:`.workers` runs the slow steps side by side. Everything is rendered in memory
first, then written into a temporary folder beside the target, which replaces the
target in one rename: an error leaves the previous site untouched. The output depends
only on the code, data and environment: files are written in sorted order, no dates,
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
>>> SiteReport(Path("site"), {"index.html": 2_000_000, "static/site.js": 500_000}).summary()
'wrote 2 file(s) (1 page(s)), 2.50 MB, in 0.0 s into site'
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gba._paths import data_dir as _data_dir
from gba._paths import package_dir, repo_dir
from gba.site.fonts import FONT_FILE, FONT_SOURCE, font_chars, subset_font
from gba.site.gallery import draw_svg, gallery_figures
from gba.site.notebooks import cached_notebooks, notebook_bodies, notebook_paths
from gba.site.pages import render_pages
from gba.site.workers import Job, Work

__all__ = ["SiteReport", "build_site"]


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
    nb_paths = notebook_paths(repo_dir() if data == _data_dir() else None)
    bodies = cached_notebooks(nb_paths, cache_dir)
    todo = [p for p in nb_paths if p.stem not in bodies]
    notebooks = Job(notebook_bodies, todo) if todo else None
    for p in todo:
        bodies[p.stem] = lambda stem=p.stem: notebooks.result()[stem]  # type: ignore[union-attr]
    try:
        cases = gba.load_cases(data_dir=data)  # validates the data once, before the workers fork
        # figures next: workers draw them while this process renders the other pages
        gallery, files, to_draw, notes = gallery_figures(data, folders, draw_missing)
        report.notes.extend(notes)
        report.figures_drawn = 2 * len(to_draw)
        work = Work([(draw_svg, (n, lang)) for n in to_draw for lang in ("en", "zh")])
        try:
            descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
            pages = render_pages(data, descriptor, cases, gallery, nb_paths, bodies)
            if not nb_paths:
                report.notes.append(
                    "no notebooks/ folder beside the data: notebook pages not built"
                )
            out = _files(data, descriptor, pages, files, work, cache_dir)
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


def _files(
    data: Path,
    descriptor: dict[str, Any],
    pages: dict[str, str],
    files: dict[str, bytes],
    work: Work,
    cache_dir: Path | None,
) -> dict[str, bytes]:
    """Add the static files, the font subset, the downloads and the drawn figures to the pages."""
    static = package_dir() / "site" / "static"
    css = (static / "site.css").read_text(encoding="utf-8") + "\n" + _pygments_css() + "\n"
    files["static/site.css"] = css.encode("utf-8")
    files["static/site.js"] = (static / "site.js").read_bytes()
    files["static/OFL.txt"] = (FONT_SOURCE.parent / "OFL.txt").read_bytes()
    files[FONT_FILE] = subset_font(font_chars([*pages.values(), css]), cache_dir)
    files.update(_downloads(data, descriptor))
    for i in range(len(work)):
        files.update(work.result(i))
    for path, text in pages.items():
        files[path] = text.encode("utf-8")
    return files


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


def _downloads(data: Path, descriptor: dict[str, Any]) -> dict[str, bytes]:
    files = {"download/datapackage.json": (data / "datapackage.json").read_bytes()}
    for res in descriptor["resources"]:
        files[f"download/{res['path']}"] = (data / res["path"]).read_bytes()
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
        the notebook, nbconvert and :mod:`gba.site.notebooks`; the font subset under
        the sha256 of its characters, the bundled font and :mod:`gba.site.fonts`
        (``make site`` uses ``build/site-cache``); default: no cache.
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
