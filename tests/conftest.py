"""Shared fixtures: a temporary copy of the data folder to break or extend, and the figure builds.

The full figure command is expensive, so a test session runs it twice, once, side by side: as
soon as collection finds a test that asks for :func:`figure_builds`, two ``python -m gba
figures`` processes start in the background (different ``PYTHONHASHSEED``; the second in two
processes, with every system font hidden from matplotlib and missing-glyph warnings raised as
errors). Under pytest-xdist the first worker to get there starts them; all wait for the same files.
The first build also records what importing and drawing did to the interpreter (no matplotlib
at import, no style applied, no pyplot): a fresh process that draws every figure anyway.

Tests that inspect the drawn figures share one drawing per figure and language and process
(:func:`drawn_figures`), instead of drawing every figure again.
"""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from gba._paths import data_dir

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the package's data folder."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return target


def edit_row(path: Path, key: str, **changes: str) -> None:
    """Change some cells of the row whose first column is ``key`` in a CSV file."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    id_column = next(iter(rows[0]))
    matched = [row for row in rows if row[id_column] == key]
    assert len(matched) == 1, f"{key!r} is not one row of {path.name}"
    matched[0].update(changes)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- the order of the files ------------------------------------------------------------------

# `make test` runs the files on two workers (`-n 2 --dist loadfile --no-loadscope-reorder`): a
# worker takes the next unit (a file, or the files of DRAWN_FIGURE_FILES together) when it has
# two tests or fewer left. Long files first, so that no long file starts last while the other
# worker idles (the longest job first: a good schedule for two machines). The session's two
# figure builds (started at collection) draw meanwhile. The figure files come next, as one unit
# on one worker: those that read only the drawn figures first; by the time test_figures.py
# waits for the builds they are done or nearly so. The many short files follow and fill both
# workers to the end; last, the short font file, which also waits for the builds.
SLOW_FIRST = (
    "tests/test_site.py",
    "tests/test_notebooks_new_batch.py",
    "tests/test_bad_input.py",
    "notebooks/02_growth_indicators.ipynb",
    "notebooks/03_cross_case_comparison.ipynb",
    "tests/test_features.py",
    "notebooks/01_dataset_tour.ipynb",
    "tests/test_validate.py",
    "tests/test_observations.py",
)
# The files that read :func:`drawn_figures` go to one worker as one unit, so that every figure is
# drawn once per session (about 12 s of CPU per worker that draws them), not once per worker;
# the two that also read the figure builds last.
DRAWN_FIGURE_FILES = (
    "tests/test_one_voice.py",
    "tests/test_growth_figures.py",
    "tests/test_figures.py",
    "tests/test_figure_data.py",
)
LAST = ("tests/test_figure_fonts.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    order = {path: i for i, path in enumerate(SLOW_FIRST)}
    order.update({path: 100 + i for i, path in enumerate(DRAWN_FIGURE_FILES)})
    order.update({path: 1000 + i for i, path in enumerate(LAST)})
    items.sort(key=lambda item: order.get(item.nodeid.split("::", 1)[0], 500))


@pytest.hookimpl(optionalhook=True)  # (a hook of pytest-xdist: unknown under -p no:xdist)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """With ``--dist loadfile``: one unit per file, except :data:`DRAWN_FIGURE_FILES` (one unit)."""
    if config.getoption("dist", None) != "loadfile":
        return None  # xdist's own scheduler
    from xdist.scheduler import LoadFileScheduling

    class SharedFigures(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return DRAWN_FIGURE_FILES[0] if path in DRAWN_FIGURE_FILES else path

    return SharedFigures(config, log)


# --- the figure builds, once per session ----------------------------------------------------

FIGURE_ARGS = ["figures", "--lang", "both", "--format", "pdf,svg,png"]
# build "b": only matplotlib's own fonts, so Chinese must come from the bundled font
HIDE_SYSTEM_FONTS = textwrap.dedent(
    """
    import sys, warnings
    import matplotlib
    from matplotlib import font_manager
    fm = font_manager.fontManager
    fm.ttflist = [f for f in fm.ttflist if f.fname.startswith(matplotlib.get_data_path())]
    fm.afmlist = []
    fm._findfont_cached.cache_clear()
    warnings.filterwarnings("error", message=".*missing from font")
    from gba.__main__ import main
    status = main(sys.argv[1:])
    # (with --jobs 2 the drawing happened in worker processes: ask the house style here)
    from gba.figures.style import house_style
    with house_style("zh"):
        found = font_manager.findfont(font_manager.FontProperties(family="Noto Sans CJK SC"))
    print(f"cjk font: {found}", file=sys.stderr)
    sys.exit(status)
    """
)
# build "a": the command itself, in a fresh interpreter that first and last records (on stderr)
# what importing and drawing changed: nothing, and no pyplot
CHECKED_COMMAND = textwrap.dedent(
    """
    import sys
    problems = []
    import gba, gba.figures
    if "matplotlib" in sys.modules:
        problems.append("import gba.figures imported matplotlib")
    gba.load_cases()
    if "matplotlib" in sys.modules:
        problems.append("load_cases imported matplotlib")
    import matplotlib
    before = matplotlib.rcParams.copy()  # (dict() would resolve the backend via pyplot)
    gba.figures.registry()
    if matplotlib.rcParams.copy() != before:
        problems.append("importing figure modules changed rcParams")
    from gba.__main__ import main
    status = main(sys.argv[1:])
    if matplotlib.rcParams.copy() != before:
        problems.append("drawing changed rcParams")
    if "matplotlib.pyplot" in sys.modules:
        problems.append("a figure module uses pyplot")
    print("interpreter checks: " + ("; ".join(problems) or "ok"), file=sys.stderr)
    sys.exit(status)
    """
)
_STARTED: list[subprocess.Popen[bytes]] = []


@dataclass(frozen=True)
class FigureBuild:
    """One finished run of the figure command."""

    out: Path
    returncode: int
    stdout: str
    stderr: str


def _builds_root(config: pytest.Config) -> Path:
    # the parent of a worker's basetemp is shared by all workers of the session
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    return (base.parent if hasattr(config, "workerinput") else base) / "figure-builds"


def _start_builds(root: Path) -> None:
    try:
        root.mkdir(parents=True)
    except FileExistsError:
        return  # another worker started them
    for run, seed, prefix in (
        ("a", "1", ["-c", CHECKED_COMMAND]),
        ("b", "2", ["-c", HIDE_SYSTEM_FONTS]),
    ):
        folder = root / run
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLCONFIGDIR": str(folder / "mplconfig")}
        # "b" also draws in two processes: the bytes must not depend on --jobs
        jobs = ["--jobs", "2"] if run == "b" else []
        command = [sys.executable, *prefix, *FIGURE_ARGS, *jobs, "--out", str(folder / "out")]
        script = (
            f"{subprocess.list2cmdline(command)} >{folder / 'stdout'} 2>{folder / 'stderr'}; "
            f"echo $? >{folder / 'rc.tmp'} && mv {folder / 'rc.tmp'} {folder / 'rc'}"
        )
        _STARTED.append(subprocess.Popen(["sh", "-c", script], cwd=REPO, env=env))


def pytest_collection_finish(session: pytest.Session) -> None:
    if any("figure_builds" in getattr(item, "fixturenames", ()) for item in session.items):
        _start_builds(_builds_root(session.config))


def pytest_unconfigure(config: pytest.Config) -> None:
    for proc in _STARTED:
        if proc.poll() is None:
            proc.wait(timeout=900)


@pytest.fixture(scope="session")
def figure_builds(pytestconfig: pytest.Config) -> dict[str, FigureBuild]:
    """The two full figure builds of this session, ``"a"`` and ``"b"``, waited for."""
    root = _builds_root(pytestconfig)
    _start_builds(root)  # if collection did not (e.g. a test selected by keyword)
    deadline = time.monotonic() + 1800
    builds = {}
    for run in ("a", "b"):
        rc = root / run / "rc"
        while not rc.is_file():
            assert time.monotonic() < deadline, f"figure build {run} did not finish"
            time.sleep(0.5)
        builds[run] = FigureBuild(
            out=root / run / "out",
            returncode=int(rc.read_text()),
            stdout=(root / run / "stdout").read_text(encoding="utf-8"),
            stderr=(root / run / "stderr").read_text(encoding="utf-8"),
        )
    return builds


# --- drawn figures, once per process ----------------------------------------------------------


@pytest.fixture(scope="session")
def drawn_figures() -> Callable[[str], dict[str, Figure]]:
    """Every registered figure drawn in a language, once per test process: ``drawn_figures("en")``.

    Drawn (and laid out, as for saving) with every warning raised as an error, so a test that
    reads the figures also fails on a warning while drawing. The figures are shared: tests read
    them and must not change them.
    """
    from gba.figures.registry import registry

    done: dict[str, dict[str, Figure]] = {}

    def get(lang: str) -> dict[str, Figure]:
        if lang not in done:
            figures = {}
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                for name, spec in registry().items():
                    fig = spec.draw(lang)
                    fig.draw_without_rendering()  # tick labels and layout as in the files
                    figures[name] = fig
            done[lang] = figures
        return done[lang]

    return get


# --- the wheel, built once per session ------------------------------------------------------


@pytest.fixture(scope="session")
def wheel(pytestconfig: pytest.Config) -> Path:
    """The package's wheel, built from this checkout once per test session (shared by workers)."""
    root = _builds_root(pytestconfig).parent / "wheel"
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the others wait, then reuse
        dist = root / "dist"
        if not dist.is_dir():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "hatchling",
                    "build",
                    "-t",
                    "wheel",
                    "-d",
                    str(root / "tmp"),
                ],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            (root / "tmp").rename(dist)
    (found,) = dist.glob("gba_rule_alignment-*.whl")
    return found
