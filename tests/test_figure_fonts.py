"""Chinese labels without system fonts (the bundled Noto Sans CJK SC), the wheel that ships
the font, and figures shown in notebooks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings
import zipfile
from pathlib import Path

from gba.figures.fonts import CJK_FAMILY, CJK_FONT_PATH
from gba.figures.output import render
from gba.figures.style import house_style, new_figure

REPO = Path(__file__).resolve().parents[1]
# traditional characters of Hong Kong and Macao names, and simplified ones
CJK_SAMPLE = "澳門 香港 灣區 區域 港珠澳大桥 粤港澳大湾区 横琴 前海 南沙 中位数"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, env={**os.environ, **env}
    )


# --- Chinese without system fonts -----------------------------------------------------------


def test_chinese_renders_with_the_bundled_font_and_no_warning():
    from matplotlib import font_manager

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with house_style("zh"):
            fig = new_figure()
            ax = fig.subplots()
            ax.set_title(CJK_SAMPLE)
            ax.set_xlabel("Macao 澳門 123")
        found = font_manager.findfont(font_manager.FontProperties(family=CJK_FAMILY))
        pdf = render(fig, "pdf")
        render(fig, "png")
        render(fig, "svg")
    assert Path(found) == CJK_FONT_PATH
    # the PDF embeds a subset of the bundled CJK font next to DejaVu Sans
    assert b"NotoSansCJKsc-Regular" in pdf and b"DejaVuSans" in pdf


def test_bundled_font_covers_every_chinese_label():
    from matplotlib.ft2font import FT2Font

    import gba

    font = FT2Font(str(CJK_FONT_PATH))
    assert font.family_name == CJK_FAMILY
    cases = gba.load_cases()
    text = CJK_SAMPLE + "".join(cases["short_zh"]) + "".join(cases["title_zh"])
    text += "".join(cases["submitted_by_zh"])
    missing = sorted({ch for ch in text if not ch.isspace() and font.get_char_index(ord(ch)) == 0})
    assert missing == []


def test_chinese_renders_with_system_fonts_hidden(tmp_path, figure_builds):
    """With only matplotlib's own fonts, Chinese labels draw from the bundled font, without a
    missing-glyph warning: the session's build "b" ran so (tests/conftest.py), with that warning
    raised as an error. The control here shows the warning does fire without the bundled font."""
    control = textwrap.dedent(
        """
        import io, warnings
        import matplotlib
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font
        fm = font_manager.fontManager
        fm.ttflist = [f for f in fm.ttflist if f.fname.startswith(matplotlib.get_data_path())]
        fm.afmlist = []
        fm._findfont_cached.cache_clear()
        # matplotlib's LastResort font maps every code point to a placeholder box
        real = [f.fname for f in fm.ttflist if "LastResort" not in f.fname]
        cjk = [f for f in real if FT2Font(f).get_char_index(ord("澳"))]
        assert real and cjk == [], cjk
        from matplotlib.figure import Figure
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        warnings.filterwarnings("error", message=".*missing from font")
        fig = Figure(); FigureCanvasAgg(fig); fig.text(0.5, 0.5, "澳門")
        try:
            fig.savefig(io.BytesIO(), format="png")
        except UserWarning as err:
            print("warned:", err)
        """
    )
    proc = _run(["-c", control], MPLCONFIGDIR=str(tmp_path / "mplconfig"))
    assert proc.returncode == 0, proc.stderr
    assert "missing from font" in proc.stdout
    build = figure_builds["b"]
    assert build.returncode == 0, build.stderr
    assert f"cjk font: {CJK_FONT_PATH}" in build.stderr.splitlines()
    assert len(list(build.out.glob("*.zh.*"))) == 3 * len(list(build.out.glob("*.en.pdf")))


def test_wheel_ships_the_font_and_its_licence(tmp_path, wheel):
    with zipfile.ZipFile(wheel) as zf:
        info = {i.filename: i for i in zf.infolist()}
        zf.extractall(tmp_path / "site")
    font = "gba/figures/fonts/NotoSansCJKsc-Regular.otf"
    assert info[font].file_size == CJK_FONT_PATH.stat().st_size
    licence = (tmp_path / "site" / "gba/figures/fonts/OFL.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    assert "gba/figures/fonts/README.md" in info
    # the installed package draws Chinese from its own copy of the font, outside the repo
    code = (
        "import warnings; warnings.simplefilter('error'); import gba.figures as f; "
        "from gba.figures.output import render; render(f.draw('case_text_length', 'zh'), 'png'); "
        "from gba.figures.fonts import CJK_FONT_PATH; print(CJK_FONT_PATH)"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "GBA_DATA_DIR"}
    env.update(PYTHONPATH=str(tmp_path / "site"), MPLCONFIGDIR=str(tmp_path / "mplconfig"))
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(tmp_path / "site" / font)


# --- notebooks ------------------------------------------------------------------------------


def test_show_stores_png_and_deterministic_text_in_a_notebook(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    outputs = []
    for _ in range(2):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell(
                "import gba.figures\ngba.figures.show('case_text_length', lang='zh');"
            )
        ]
        NotebookClient(
            nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
        (out,) = nb.cells[0].outputs
        outputs.append(out)
    for out in outputs:
        assert out.output_type == "display_data"
        assert set(out.data) == {"image/png", "text/plain"}
        assert out.data["text/plain"].startswith("[figure case_text_length (zh): Length of")
        assert out.metadata["image/png"]["width"] == round(3.5 * 130)
    assert outputs[0].data["text/plain"] == outputs[1].data["text/plain"]
    json.dumps(outputs[0])  # storable
