"""Figures a researcher can reuse: the shipped style sheet, public style helpers, the index
written only into the repository's figures/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from gba.__main__ import main
from gba.figures.build import readme_text
from gba.figures.style import STYLE_SHEET, style_sheet_text

REPO = Path(__file__).resolve().parents[1]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


# --- the style sheet -------------------------------------------------------------------------


def test_shipped_style_sheet_is_current():
    assert STYLE_SHEET == REPO / "gba" / "house.mplstyle"
    assert STYLE_SHEET.read_text(encoding="utf-8") == style_sheet_text(), (
        "gba/house.mplstyle is stale: run gba.figures.build.write_style_sheet()"
    )


def test_style_sheet_works_in_a_fresh_interpreter_and_matches_the_house_style():
    proc = _run(
        """
        import warnings
        import matplotlib
        import matplotlib.pyplot as plt
        import gba.figures
        from gba.figures.style import house_style

        with house_style("zh"):
            house = matplotlib.rcParams.copy()
        warnings.simplefilter("error")
        gba.figures.register_cjk_font()
        plt.style.use("gba.house")
        now = matplotlib.rcParams
        differ = [k for k in house if k != "figure.constrained_layout.use" and house[k] != now[k]]
        assert not differ, differ
        assert now["figure.constrained_layout.use"] is True
        assert now["font.size"] == 8.0 and now["svg.hashsalt"] == "gba-figures"
        colours = [c.upper() for c in now["axes.prop_cycle"].by_key()["color"]]
        assert colours == gba.figures.PALETTE, colours
        fig, ax = plt.subplots()
        ax.set_title("澳門 香港 粤港澳大湾区")  # no missing-glyph warning (warnings are errors)
        fig.canvas.draw()
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_public_helpers_are_reachable_and_documented():
    import gba.figures

    for name in ("PALETTE", "OKABE_ITO", "NEUTRAL", "register_cjk_font", "save_figure",
                 "house_style", "new_figure", "case_ticks", "tr", "STYLE_NAME"):  # fmt: skip
        assert name in dir(gba.figures), name
        value = getattr(gba.figures, name)
        if callable(value):
            doc = value.__doc__ or ""
            assert "Examples" in doc or "Parameters" in doc, name
    assert gba.figures.STYLE_NAME == "gba.house"
    assert len(gba.figures.PALETTE) == 8 and all(
        re.fullmatch(r"#[0-9A-F]{6}", c) for c in gba.figures.PALETTE
    )


def test_readme_recipe_draws_chinese_in_the_house_style(tmp_path):
    import matplotlib

    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", text, flags=re.S) if "gba.house" in b]
    assert len(blocks) == 1
    namespace: dict[str, object] = {}
    with matplotlib.rc_context():
        exec(compile(blocks[0], "README.md", "exec"), namespace)
    pdf = Path(namespace["mine"]).read_bytes()  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf
    assert b"NotoSansCJKsc-Regular" in pdf  # the Chinese labels use the bundled font
    # 89 mm wide: the PDF's media box is in points
    box = re.search(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]", pdf)
    assert box and abs(float(box.group(1)) - 89 / 25.4 * 72) < 0.01


# --- the index README.md goes only into the repository's figures/ ----------------------------


def test_only_into_own_folder_writes_no_index(tmp_path):
    args = ["figures", "--only", "case_text_length", "--lang", "en", "--format", "png"]
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "case_text_length.data.csv",
        "case_text_length.en.png",
    ]
    assert main([*args, "--out", str(tmp_path / "b"), "--index"]) == 0
    assert (tmp_path / "b" / "README.md").read_text(encoding="utf-8") == readme_text()
