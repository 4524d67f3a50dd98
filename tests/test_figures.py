"""Paper figures: registry, house style, fonts, the command, reproducible atomic files."""

from __future__ import annotations

import pytest

from gba.__main__ import main
from gba.figures.build import readme_text
from gba.figures.registry import registry


def test_every_registered_figure_draws_in_both_languages():
    from matplotlib.figure import Figure

    specs = registry()
    assert "case_text_length" in specs
    for spec in specs.values():
        for lang in ("en", "zh"):
            fig = spec.draw(lang)
            assert isinstance(fig, Figure)
            assert round(float(fig.get_figwidth()), 2) in (3.5, 7.2)


def test_unknown_figure_name_and_format_exit_2(capsys, tmp_path):
    assert main(["figures", "--only", "nope", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown figure 'nope'" in err and "case_text_length" in err
    assert main(["figures", "--format", "pdf,gif", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown format 'gif'" in err and "pdf, svg, png" in err
    assert list(tmp_path.iterdir()) == []


def test_committed_figure_index_is_current():
    from gba._paths import repo_dir

    committed = (repo_dir() / "figures" / "README.md").read_text(encoding="utf-8")
    assert committed == readme_text(), "figures/README.md is stale: run `make figures`"
    for name in registry():
        assert f"## {name}\n" in committed


@pytest.mark.parametrize("lang", ["fr", "", None])
def test_bad_lang_is_rejected(lang):
    spec = registry()["case_text_length"]
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'"):
        spec.draw(lang)
