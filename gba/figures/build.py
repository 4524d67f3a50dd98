"""Draw registered figures into files, and write the figure index figures/README.md.

File names are ``<name>.<lang>.<ext>``, e.g. ``case_text_length.zh.pdf``: the
language is always in the name, so names never depend on the options used.

Examples
--------
>>> fig = draw("case_text_length", "zh")
>>> round(float(fig.get_figwidth()), 1)
3.5
>>> print(readme_text().splitlines()[0])
# Figures
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gba._paths import repo_dir
from gba.figures.data import check_cases, data_csv_bytes, data_file_name, figure_data
from gba.figures.output import FORMATS, atomic_write_bytes, check_formats, render
from gba.figures.registry import LANGS, FigureSpec, check_lang, registry
from gba.figures.style import parse_width

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "BuildReport",
    "default_out_dir",
    "draw",
    "is_repo_figures_dir",
    "readme_text",
    "resolve_names",
    "write_figures",
    "write_readme",
    "write_style_sheet",
]

README = "README.md"


def default_out_dir() -> Path:
    """Return the repository's ``figures/`` in a checkout, else ``./figures``."""
    root = repo_dir()
    return (root if root is not None else Path.cwd()) / "figures"


def resolve_names(names: Iterable[str] | None = None) -> list[str]:
    """Check figure names (all registered figures if None); raise ValueError if unknown.

    Examples
    --------
    >>> resolve_names(["case_text_length"])
    ['case_text_length']
    >>> resolve_names(["nope"])
    Traceback (most recent call last):
    ...
    ValueError: unknown figure 'nope'; valid names: ...case_text_length...
    """
    specs = registry()
    if names is None:
        return list(specs)
    out: list[str] = []
    for name in names:
        if name not in specs:
            raise ValueError(f"unknown figure {name!r}; valid names: {', '.join(specs)}")
        if name not in out:
            out.append(name)
    return out


def _spec(name: str) -> FigureSpec:
    return registry()[resolve_names([name])[0]]


def draw(
    name: str,
    lang: str = "en",
    *,
    cases: Iterable[int] | None = None,
    width: str | float | None = None,
) -> Figure:
    """Draw the registered figure ``name`` with labels in ``lang``.

    Parameters
    ----------
    name : str
        A registered figure (``python -m gba figures --list``).
    lang : {"en", "zh"}
    cases : iterable of int, optional
        Draw it for these case ids only (figures registered with ``subsets=True``;
        figures/README.md says which).
    width : str or float, optional
        Figure width: ``"single"``, ``"double"``, ``"89mm"``, ``"3.5in"`` …
        (:func:`gba.figures.style.parse_width`); the layout adapts, text keeps its size.

    Returns
    -------
    matplotlib.figure.Figure
        Its source data: :func:`gba.figures.data.figure_data`.

    Raises
    ------
    ValueError
        For an unknown figure name, language, case or width, or ``cases`` for a
        figure that cannot be drawn for a subset.

    Examples
    --------
    >>> fig = draw("growth_shares", "zh", cases=[10, 15], width="89mm")
    >>> round(float(fig.get_figwidth()) * 25.4, 3)
    89.0
    >>> sorted(set(figure_data(fig)["case_id"].tolist()))
    [10, 15]
    """
    check_lang(lang)
    return _spec(name).draw(lang, cases=cases, width=width)


@dataclass
class BuildReport:
    """What :func:`write_figures` wrote."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    n_bytes: int = 0
    seconds: float = 0.0
    n_figures: int = 0
    index: Path | None = None

    def summary(self) -> str:
        """One line: counts, size, time, where."""
        return (
            f"wrote {len(self.files)} file(s) for {self.n_figures} figure(s), "
            f"{self.n_bytes / 1e6:.2f} MB, in {self.seconds:.1f} s into {self.out_dir}"
            + (f" (index: {self.index.name})" if self.index is not None else "")
        )


def is_repo_figures_dir(out_dir: str | Path) -> bool:
    """Whether ``out_dir`` is the ``figures/`` folder of a repository checkout.

    Examples
    --------
    >>> is_repo_figures_dir("/tmp")
    False
    """
    root = repo_dir()
    return root is not None and Path(out_dir).resolve() == (root / "figures").resolve()


def write_figures(
    names: Iterable[str] | None = None,
    langs: Sequence[str] = LANGS,
    formats: str | Sequence[str] = FORMATS,
    out_dir: str | Path | None = None,
    progress: Callable[[str], object] | None = None,
    jobs: int = 1,
    index: bool | None = None,
    cases: Iterable[int] | None = None,
    width: str | float | None = None,
) -> BuildReport:
    """Draw figures and write them, one file per figure, language and format.

    Parameters
    ----------
    names : iterable of str, optional
        Figures to draw (default: every registered figure).
    langs : sequence of {"en", "zh"}
    formats : str or sequence of str
        Among "pdf", "svg", "png" (a comma-separated string is accepted).
    out_dir : path-like, optional
        Target folder (default: :func:`default_out_dir`); created if needed.
    progress : callable, optional
        Called with one line of text per figure, in the order of ``names``.
    jobs : int, optional
        Worker processes drawing figures side by side (each figure is drawn
        whole by one process, so the files are the same bytes for any ``jobs``).
    index : bool, optional
        Also write the index ``README.md`` of all figures. Default: only when
        ``out_dir`` is the ``figures/`` of a repository checkout, never into a
        folder of yours.
    cases : iterable of int, optional
        Draw the figures for these case ids only (every chosen figure must
        support subsets; see :func:`draw`).
    width : str or float, optional
        Figure width for every chosen figure (see :func:`draw`).

    Returns
    -------
    BuildReport

    Raises
    ------
    ValueError
        For an unknown figure name, language, format, case or width, or a figure
        that cannot be drawn for a subset (before anything is drawn).
    LookupError
        If a figure function attaches no source data (nothing is written for it).
    """
    start = time.perf_counter()
    chosen = resolve_names(names)
    langs = [check_lang(lang) for lang in dict.fromkeys(langs)]
    fmts = check_formats(formats)
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    report = BuildReport(out_dir=out)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    specs = registry()
    if cases is not None:
        cases = check_cases(cases)
        refuse = [n for n in chosen if not specs[n].subsets]
        if refuse:
            raise ValueError(
                f"figure(s) {', '.join(refuse)} cannot be drawn for some cases only "
                f"({specs[refuse[0]].no_subsets}); choose others with --only"
            )
    if width is not None:
        inches = parse_width(width)
        narrow = [n for n in chosen if inches < specs[n].min_width - 1e-9]
        if narrow:
            raise ValueError(
                f"figure {narrow[0]!r} needs a width of at least "
                f"{specs[narrow[0]].min_width * 25.4:.0f} mm at the house text sizes; got {width!r}"
            )
    case_list = None if cases is None else tuple(cases)
    tasks = [(name, tuple(langs), tuple(fmts), out, case_list, width) for name in chosen]
    if jobs == 1 or len(tasks) < 2:
        results: Iterable[tuple[list[Path], int, float]] = map(_build_one, tasks)
        pool = None
    else:
        # fork: the workers inherit the registry and the registered font, no start-up cost
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(tasks)), mp_context=multiprocessing.get_context(method)
        )
        results = pool.map(_build_one, tasks)
    try:
        for i, (name, (files, n_bytes, seconds)) in enumerate(
            zip(chosen, results, strict=True), start=1
        ):
            report.files.extend(files)
            report.n_bytes += n_bytes
            report.n_figures += 1
            if progress is not None:
                progress(
                    f"[{i}/{len(chosen)}] {name}: {len(files)} file(s) "
                    f"({'/'.join(langs)} × {'/'.join(fmts)}), "
                    f"{n_bytes / 1e3:.0f} kB, {seconds:.1f} s"
                )
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if index or (index is None and is_repo_figures_dir(out)):
        report.index = write_readme(out)
    report.seconds = time.perf_counter() - start
    return report


def _build_one(
    task: tuple[
        str, tuple[str, ...], tuple[str, ...], Path, tuple[int, ...] | None, str | float | None
    ],
) -> tuple[list[Path], int, float]:
    """Draw one figure in every language, write every format and its source data.

    Returns the files written, their bytes and the seconds it took.
    """
    name, langs, fmts, out, cases, width = task
    t0 = time.perf_counter()
    spec = registry()[name]
    files: list[Path] = []
    n_bytes = 0
    table = None
    for lang in langs:
        fig = spec.draw(lang, cases=cases, width=width)
        try:
            drawn = figure_data(fig)
        except LookupError as err:
            raise LookupError(f"figure {name!r} ({spec.qualname}): {err}") from None
        if table is None:
            table = drawn
        elif not table.equals(drawn):
            raise ValueError(
                f"figure {name!r}: its source data differ between languages; the table "
                "attached with attach_data must not depend on lang"
            )
        for fmt in fmts:
            data = render(fig, fmt, title=f"{name} ({lang})", creator=spec.qualname)
            target = out / spec.files(lang, [fmt])[0]
            atomic_write_bytes(target, data)
            files.append(target)
            n_bytes += len(data)
    if table is not None:
        data = data_csv_bytes(table)
        target = out / data_file_name(name)
        atomic_write_bytes(target, data)
        files.append(target)
        n_bytes += len(data)
    return files, n_bytes, time.perf_counter() - t0


def readme_text() -> str:
    """Return the text of figures/README.md: every registered figure, in both languages.

    It lists what the full command (``--lang both --format pdf,svg,png``) writes,
    whatever options a particular run used, so it only changes when the registry
    changes.
    """
    specs = registry()
    lines = [
        "# Figures",
        "",
        "<!-- Generated by `python -m gba figures` (gba/figures/build.py); do not edit. -->",
        "",
        "Regenerate every figure with `make figures` (or `python -m gba figures`; see",
        "`python -m gba figures --help`). Each figure is drawn by one function in `gba/figures/`",
        "from the package's data loaders only, with English (`.en.`) and Chinese (`.zh.`) labels,",
        "as PDF (fonts embedded), SVG (text as paths) and PNG (300 dpi):",
        "`<name>.<lang>.<ext>`, and with its source data: `<name>.data.csv`, the tidy table",
        "the figure plots (one row per mark, both languages in one file, with the ids that",
        "trace each row to `data/indicators.csv` (`indicator_id`), `data/events.csv`",
        "(`event_id`), `data/case_features.csv` (`case_id` with `feature`/`value`) or the",
        "derived measures (`derived_id`, `gba.derived_indicators()`), and the bounds `low`,",
        "`high` where a bound is drawn). Two runs with the same code, data and environment",
        "give byte-identical files. The figure files are not committed to git; this index is.",
        "",
        "For a journal: `--width single|double|<N>mm|<N>in` draws every figure at that width",
        "(text keeps its size; e.g. 89/183 mm, 90/190 mm, 3.5/7.2 in), and `--cases 11,12,16`",
        "draws the figures that support it for those cases only (both need `--out DIR`).",
        "",
        f"{len(specs)} figure(s):",
        "",
    ]
    lines += [f"- [`{name}`](#{name})" for name in specs]
    for name, spec in specs.items():
        files = [f"`{f}`" for lang in LANGS for f in spec.files(lang, FORMATS)]
        lines += [
            "",
            f"## {name}",
            "",
            spec.description,
            "",
            f"- Drawn by: `{spec.qualname}(lang)` (`{spec.func.__module__.replace('.', '/')}.py`)",
            f"- Discussed in: [`{spec.notebook}`](../{spec.notebook})",
            f"- In a notebook: `gba.figures.show({name!r}, lang='en')`",
            f"- Files: {', '.join(files)}; source data `{data_file_name(name)}`",
            "- Narrowest `--width`: "
            + (
                f"{spec.min_width * 25.4:.0f} mm"
                if spec.min_width
                else "none declared (tested at 89 and 183 mm)"
            ),
            "- Subsets of cases: "
            + (
                f"yes, `gba.figures.draw({name!r}, cases=[...])`, `--cases`"
                if spec.subsets
                else f"no: {spec.no_subsets}"
            ),
        ]
    return "\n".join(lines) + "\n"


def write_readme(out_dir: str | Path | None = None) -> Path:
    """Write :func:`readme_text` to ``<out_dir>/README.md`` atomically; return its path."""
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    target = out / README
    atomic_write_bytes(target, readme_text().encode("utf-8"))
    return target


def write_style_sheet() -> Path:
    """Write :func:`gba.figures.style.style_sheet_text` to ``gba/house.mplstyle``; return its path.

    Run it after changing :func:`gba.figures.style.rc_params` (a test checks the
    shipped file is current)::

        python -c "from gba.figures.build import write_style_sheet; write_style_sheet()"
    """
    from gba.figures.style import STYLE_SHEET, style_sheet_text

    atomic_write_bytes(STYLE_SHEET, style_sheet_text().encode("utf-8"))
    return STYLE_SHEET
