"""Paper figures: registry, house style, fonts, the command, reproducible atomic files."""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from gba.__main__ import main
from gba.figures.build import readme_text, write_figures
from gba.figures.data import attach_data
from gba.figures.output import atomic_write_bytes, render
from gba.figures.registry import register, registry
from gba.figures.style import MIN_FONT_SIZE, WIDTHS, house_style, new_figure, tr

# (the function gba.figures.registry shadows the module's name as an attribute)
registry_mod = importlib.import_module("gba.figures.registry")
output_mod = importlib.import_module("gba.figures.output")
REPO = Path(__file__).resolve().parents[1]
# traditional characters of Hong Kong and Macao names, and simplified ones
CJK_SAMPLE = "澳門 香港 灣區 區域 港珠澳大桥 粤港澳大湾区 横琴 前海 南沙 中位数"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **env},
    )


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def scratch_registry(monkeypatch):
    """A copy of the registry that tests may add figures to; restored afterwards."""
    registry()  # import the figure modules first
    monkeypatch.setattr(registry_mod, "_REGISTRY", dict(registry_mod._REGISTRY))
    return registry_mod._REGISTRY


# --- the command ----------------------------------------------------------------------------


def test_command_twice_gives_byte_identical_files(figure_builds):
    # the session's two builds, run side by side (tests/conftest.py): other hash seeds, other
    # font lists, other processes, and still the same bytes
    for build in figure_builds.values():
        assert build.returncode == 0, build.stderr
    first, second = figure_builds["a"].out, figure_builds["b"].out
    stdout = figure_builds["a"].stdout
    names = sorted(registry())
    expected = sorted(
        [
            f"{n}.{lang}.{ext}"
            for n in names
            for lang in ("en", "zh")
            for ext in ("pdf", "svg", "png")
        ]
        + [f"{n}.data.csv" for n in names]
    )
    assert sorted(p.name for p in first.iterdir()) == expected  # nothing else, no temp files
    h1, h2 = _hashes(first), _hashes(second)
    assert h1 == h2
    # one progress line per figure, then a summary with the file count
    lines = stdout.splitlines()
    assert len(lines) == len(names) + 1
    assert lines[-1].startswith(f"figures: wrote {len(expected)} file(s) for {len(names)} ")
    # no dates and no library versions in the files
    for name in expected:
        data = (first / name).read_bytes()
        assert b"CreationDate" not in data
        assert b"<dc:date>" not in data
        assert b"Matplotlib v" not in data and b"Matplotlib version" not in data


def test_only_and_lang_select_files(tmp_path):
    assert main(["figures", "--only", "case_text_length", "--lang", "zh", "--format", "svg",
                 "--out", str(tmp_path)]) == 0  # fmt: skip
    # no index README.md in a folder of one's own (only in the repository's figures/)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "case_text_length.data.csv",
        "case_text_length.zh.svg",
    ]


def test_unknown_figure_name_and_format_exit_2(capsys, tmp_path):
    assert main(["figures", "--only", "nope", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown figure 'nope'" in err and "case_text_length" in err
    assert main(["figures", "--format", "pdf,gif", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown format 'gif'" in err and "pdf, svg, png" in err
    with pytest.raises(SystemExit) as exc:
        main(["figures", "--lang", "fr", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_index_only_writes_just_the_index(tmp_path):
    assert main(["figures", "--index-only", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme_text()


def test_list_prints_every_figure(capsys):
    assert main(["figures", "--list"]) == 0
    out = capsys.readouterr().out
    assert [line.split(":")[0] for line in out.splitlines()] == list(registry())


def test_committed_figure_index_is_current():
    committed = (REPO / "figures" / "README.md").read_text(encoding="utf-8")
    assert committed == readme_text(), "figures/README.md is stale: run `make figures`"
    for name, spec in registry().items():
        section = committed.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert spec.description in section
        assert f"`{spec.qualname}(lang)`" in section
        assert spec.notebook in section
        for lang in ("en", "zh"):
            for ext in ("pdf", "svg", "png"):
                assert f"`{name}.{lang}.{ext}`" in section


def test_figure_files_are_ignored_by_git_but_the_index_is_not():
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "figures/x.en.pdf", "figures/x.zh.svg",
         "figures/x.en.png", "figures/x.data.csv", "figures/README.md"],
        capture_output=True, text=True, cwd=REPO,
    ).stdout.split()  # fmt: skip
    assert ignored == ["figures/x.en.pdf", "figures/x.zh.svg", "figures/x.en.png",
                       "figures/x.data.csv"]  # fmt: skip


# --- atomic writing -------------------------------------------------------------------------


def test_error_while_drawing_leaves_old_file_and_no_temp_file(scratch_registry, tmp_path, capsys):
    @register("boom", description="Fails half-way.", notebook="notebooks/99_test.ipynb")
    def fig_boom(lang: str = "en"):
        fig = new_figure()
        fig.subplots().plot([1, 2])
        raise RuntimeError("drawing failed half-way")

    (tmp_path / "boom.en.pdf").write_bytes(b"old figure")
    assert main(["figures", "--only", "boom", "--out", str(tmp_path)]) == 1
    assert "drawing failed half-way" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boom.en.pdf"]
    assert (tmp_path / "boom.en.pdf").read_bytes() == b"old figure"


def test_error_while_saving_leaves_no_file(scratch_registry, tmp_path):
    @register("badtex", description="Breaks at save time.", notebook="notebooks/99_test.ipynb")
    def fig_badtex(lang: str = "en"):
        fig = new_figure()
        fig.subplots().set_title(r"$\notacommand{x}$")  # mathtext fails when rendered
        return attach_data(fig, pd.DataFrame({"x": [1]}))

    with pytest.raises(ValueError):
        write_figures(["badtex"], langs=["en"], formats="png", out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exc", [OSError("disk full"), KeyboardInterrupt()])
def test_atomic_write_failure_keeps_old_content(monkeypatch, tmp_path, exc):
    target = tmp_path / "fig.en.png"
    target.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise exc

    monkeypatch.setattr(output_mod.os, "replace", fail)
    with pytest.raises(type(exc)):
        atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["fig.en.png"]


def test_atomic_write_creates_folder_and_normal_permissions(tmp_path):
    target = tmp_path / "a" / "b" / "f.svg"
    atomic_write_bytes(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


# --- figures and house style ----------------------------------------------------------------


def _all_texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_registered_figure_draws_in_house_style(lang, drawn_figures):
    from matplotlib.figure import Figure

    drawn = drawn_figures(lang)  # drawn with warnings raised as errors (tests/conftest.py)
    assert "case_text_length" in drawn and set(drawn) == set(registry())
    for name, fig in drawn.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            png = render(fig, "png", dpi=50)
        assert isinstance(fig, Figure), name
        assert png.startswith(b"\x89PNG"), name
        assert round(float(fig.get_figwidth()), 2) in WIDTHS.values(), name
        assert 0 < fig.get_figheight() <= 9, name
        texts = _all_texts(fig)
        assert texts, name
        for t in texts:
            assert t.get_fontsize() >= MIN_FONT_SIZE, (name, t.get_text())
        for ax in fig.axes:
            assert not ax.spines["top"].get_visible(), name
            assert not ax.spines["right"].get_visible(), name
        joined = "".join(t.get_text() for t in texts)
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in joined)
        assert has_cjk == (lang == "zh"), (name, "labels must be in the figure's language")


def test_case_text_length_shows_every_case_with_its_paragraphs():
    import gba

    cases = gba.load_cases()
    fig = registry()["case_text_length"].draw("zh")
    ax = fig.axes[0]
    # one bar segment per paragraph: every case text has two, cut at its one line break
    assert len(ax.patches) == 2 * len(cases)
    totals: dict[float, float] = {}
    for p in ax.patches:
        y = round(p.get_y(), 6)
        totals[y] = totals.get(y, 0) + p.get_width()
    expected = cases["n_chars"].astype(int) - cases["text_zh"].str.count("\n")
    assert sorted(int(t) for t in totals.values()) == sorted(expected)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "离岸人民币债券（15）"  # case 15 has the longest text
    assert set(labels) == {f"{r.short_zh}（{i}）" for i, r in cases.iterrows()}
    # median of the 20 lengths without line breaks: (465 + 471) / 2, the 10th and 11th
    # sorted values (n_chars 466 and 472, each with one line break)
    assert any(t.get_text() == "中位数 468" for t in ax.texts)
    en = registry()["case_text_length"].draw("en").axes[0]
    assert "Offshore RMB bonds (15)" in [t.get_text() for t in en.get_yticklabels()]
    # case 11: 134 characters before its line break, 195 after (counted in the source text)
    row = [t.get_text() for t in en.get_yticklabels()].index("Wealth Management Connect (11)")
    at_row = [p for p in en.patches if abs(p.get_y() + p.get_height() / 2 - row) < 1e-9]
    assert [(p.get_x(), p.get_width()) for p in at_row] == [(0, 134), (134, 195)]


def test_new_figure_sizes_and_errors():
    with house_style():
        assert new_figure("double", height=3).get_size_inches().tolist() == [7.2, 3.0]
        with pytest.raises(ValueError, match="size must be one of 'single', 'double'"):
            new_figure("triple")
        with pytest.raises(ValueError, match="height must be in"):
            new_figure("single", height=12)
    with pytest.raises(RuntimeError, match="inside the house style"):
        new_figure()


@pytest.mark.parametrize("lang", ["fr", "", None, "ZH"])
def test_bad_lang_is_rejected(lang):
    spec = registry()["case_text_length"]
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'"):
        spec.draw(lang)
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'"):
        tr(lang, en="a", zh="甲")


def test_register_rejects_malformed_figures(scratch_registry):
    def fig_other(lang="en"):
        return None

    with pytest.raises(ValueError, match="named 'fig_thing'"):
        register("thing", description="d", notebook="notebooks/01_x.ipynb")(fig_other)
    with pytest.raises(ValueError, match="figure name must match"):
        register("Bad-Name", description="d", notebook="notebooks/01_x.ipynb")
    with pytest.raises(ValueError, match="notebook must look like"):
        register("thing", description="d", notebook="01_x.ipynb")
    with pytest.raises(ValueError, match="description must not be empty"):
        register("thing", description=" ", notebook="notebooks/01_x.ipynb")

    def fig_case_text_length(lang="en"):
        return None

    with pytest.raises(ValueError, match=r"already registered by gba\.figures\.tour"):
        register("case_text_length", description="d", notebook="notebooks/01_x.ipynb")(
            fig_case_text_length
        )

    @register("returns_none", description="d", notebook="notebooks/01_x.ipynb")
    def fig_returns_none(lang="en"):
        return None

    with pytest.raises(
        TypeError, match=r"returned NoneType, expected a matplotlib\.figure\.Figure"
    ):
        fig_returns_none("en")


def test_drawing_leaves_rcparams_untouched():
    import matplotlib

    old = matplotlib.rcParams["font.size"]
    matplotlib.rcParams["font.size"] = 13.0  # a user's own setting survives, and is not used
    try:
        before = matplotlib.rcParams.copy()  # (a copy: comparing it does not resolve the backend)
        fig = registry()["case_text_length"].draw("zh")
        render(fig, "svg")
        assert matplotlib.rcParams.copy() == before
        assert {t.get_fontsize() for t in _all_texts(fig)} <= {7.0, 8.0, 9.0}
    finally:
        matplotlib.rcParams["font.size"] = old


def test_importing_applies_no_style_and_draws_without_pyplot(figure_builds):
    # build "a" of the session (tests/conftest.py) is the figure command in a fresh interpreter
    # that checks, around drawing every figure in both languages: importing gba, gba.figures and
    # the figure modules imports no matplotlib and changes no rcParams, load_cases needs no
    # matplotlib, drawing leaves rcParams as they were and never imports pyplot
    build = figure_builds["a"]
    assert build.returncode == 0, build.stderr
    assert "interpreter checks: ok" in build.stderr.splitlines(), build.stderr
    assert (
        len(list(build.out.glob("*.en.pdf")))
        == len(list(build.out.glob("*.zh.pdf")))
        == len(registry())
    )


def test_figure_functions_have_one_line_docstrings():
    # what a figure is, is written once: in its registered description (issue 9)
    for name, spec in registry().items():
        doc = (spec.func.__wrapped__.__doc__ or "").strip()
        assert doc and "\n" not in doc, f"{name}: docstring should be one line, got {doc!r}"
        assert len(spec.description) > len(doc), name


def test_every_file_that_reads_the_drawn_figures_shares_one_worker():
    # conftest.DRAWN_FIGURE_FILES go to one worker so the figures are drawn once per session;
    # a new file that asks for drawn_figures and is missing there would draw them all again
    from conftest import DRAWN_FIGURE_FILES

    readers = {
        f"tests/{path.name}"
        for path in (REPO / "tests").glob("test_*.py")
        if re.search(r"def test_\w+\([^)]*\bdrawn_figures\b", path.read_text(encoding="utf-8"))
    }
    assert readers, "no test reads drawn_figures: the pattern above is out of date"
    assert readers <= set(DRAWN_FIGURE_FILES), sorted(readers - set(DRAWN_FIGURE_FILES))
