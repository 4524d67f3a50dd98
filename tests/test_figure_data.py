"""Source data of the figures (one row per mark, ids back to the data), journal widths,
subsets of cases."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gba
from gba.__main__ import main
from gba.datasets.typology import load_typology_codebook
from gba.figures.build import draw, readme_text, write_figures
from gba.figures.data import data_csv_bytes, figure_data
from gba.figures.registry import registry
from gba.figures.style import MIN_FONT_SIZE

REPO = Path(__file__).resolve().parents[1]


def _points(fig) -> list[float]:
    """x of every single-point marker (a stated quantity or a dated event) in the figure."""
    return [
        float(line.get_xdata(orig=False)[0])
        for ax in fig.axes
        for line in ax.lines
        if len(line.get_xdata(orig=False)) == 1
    ]


def _image_cells(fig) -> int:
    (image,) = [im for ax in fig.axes for im in ax.images]
    rows, cols = image.get_array().shape[:2]
    return rows * cols


# How many marks each figure draws, counted on the drawn figure (never from its table).
# A new figure needs a line here: say what one row of its .data.csv is a mark of.
MARKS = {
    "case_text_length": lambda fig: len(fig.axes[0].patches),  # one paragraph segment per row
    # two stacked claim bars per row (a figure in the sentence or not)
    "case_evidence": lambda fig: len(fig.axes[1].patches) // 2,
    "growth_reach": lambda fig: len(_points(fig)),  # one marker per stated quantity
    "growth_timeline": lambda fig: len(_points(fig)),  # one marker per event
    "growth_before_after": lambda fig: len(_points(fig)),  # one end marker per comparison
    "growth_shares": lambda fig: len(fig.axes[0].patches),  # one bar per share
    "growth_trajectories": lambda fig: len(_points(fig)),  # one marker per observation
    "typology_agreement": lambda fig: len(fig.axes[0].patches),  # one bar per feature and cells
    "typology_distance": _image_cells,  # one cell per pair of cases
}


@pytest.fixture(scope="module")
def drawn(drawn_figures):
    return drawn_figures("en")  # every figure, drawn once per process (tests/conftest.py)


def test_every_figure_has_one_row_per_mark(drawn):
    assert set(MARKS) == set(drawn), "add a mark counter to MARKS for each new figure"
    for name, fig in drawn.items():
        table = figure_data(fig)
        assert len(table) == MARKS[name](fig) > 0, name
        # language-independent: a column in one language comes with the other
        en = {c[:-3] for c in table.columns if c.endswith("_en")}
        zh = {c[:-3] for c in table.columns if c.endswith("_zh")}
        assert en == zh, name


def test_marks_show_the_numbers_of_their_rows(drawn):
    ax = drawn["case_text_length"].axes[0]
    table = figure_data(drawn["case_text_length"])
    assert [int(p.get_width()) for p in ax.patches] == table["paragraph_chars"].tolist()
    first = table[table["paragraph"] == 1]
    assert first["case_id"].tolist() == [
        int(re.search(r"\((\d+)\)$", t.get_text()).group(1)) for t in ax.get_yticklabels()
    ]
    per_case = table.groupby("case_id")["paragraph_chars"].sum()
    assert per_case.to_dict() == first.set_index("case_id")["text_chars"].to_dict()
    for name in ("growth_reach",):
        table = figure_data(drawn[name])
        assert sorted(_points(drawn[name])) == pytest.approx(sorted(table["value"]))
    table = figure_data(drawn["growth_before_after"])
    assert sorted(_points(drawn["growth_before_after"])) == pytest.approx(
        sorted(table["multiple_value"])
    )
    shares = figure_data(drawn["growth_shares"])
    assert [p.get_width() for p in drawn["growth_shares"].axes[0].patches] == pytest.approx(
        shares["value"].tolist()
    )
    evidence = figure_data(drawn["case_evidence"])
    bars = [p.get_width() for p in drawn["case_evidence"].axes[1].patches]
    n = len(evidence)
    assert bars[:n] == evidence["n_claims_figure_in_sentence"].tolist()
    assert bars[n:] == evidence["n_claims_no_figure_in_sentence"].tolist()


def test_ids_trace_every_row_to_the_data(drawn):
    indicators = gba.load_indicators()
    events = gba.load_events()
    derived = gba.derived_indicators()
    features = gba.load_features()
    have = set(zip(features["case_id"].astype(int), features["feature"], features["value"],
                   strict=True))  # fmt: skip
    cases = set(gba.load_cases().index.astype(int))
    for name, fig in drawn.items():
        table = figure_data(fig)
        traced = False
        for column, known in (("indicator_id", indicators.index), ("event_id", events.index),
                              ("derived_id", derived.index)):  # fmt: skip
            if column in table:
                assert set(table[column]) <= set(known), (name, column)
                traced = True
        for column in ("case_id", "case_a", "case_b"):
            if column in table:
                assert set(table[column].astype(int)) <= cases, name
                traced = True
        for ids in ("before_id", "after_id"):
            if ids in table:
                assert set(table[ids]) <= set(indicators.index) | set(derived.index), name
        if {"feature", "value", "present"} <= set(table.columns):
            for row in table.itertuples():
                assert ((row.case_id, row.feature, row.value) in have) == bool(row.present)
        if "case_ids" in table:  # a tile lists the cases it counts
            for row in table.itertuples():
                ids = {int(x) for x in str(row.case_ids if row.n_cases else "").split(";") if x}
                holders = {c for c in cases if (c, row.row_feature, row.row_value) in have
                           and (c, row.col_feature, row.col_value) in have}  # fmt: skip
                assert ids == holders, (name, row)
            traced = True
        if {"feature", "cells"} <= set(table.columns):  # agreement per typology feature
            book = load_typology_codebook()
            assert set(table["feature"]) <= set(book.index), name
            traced = True
        assert traced, f"{name}: no id column traces its rows to the data"
    reach = figure_data(drawn["growth_reach"]).set_index("indicator_id")
    assert (reach["value"] == indicators.loc[reach.index, "value"]).all()
    bounded = reach["qualifier"] != "exact"
    assert (reach.loc[~bounded, "low"] == reach.loc[~bounded, "high"]).all()
    assert (reach.loc[reach["qualifier"] == "lower", "high"] == np.inf).all()


def test_data_files_are_written_reproducibly_and_listed(figure_builds, drawn):
    # the session's two full builds (tests/conftest.py) wrote every figure's source data
    for name, fig in drawn.items():
        first = (figure_builds["a"].out / f"{name}.data.csv").read_bytes()
        assert first == (figure_builds["b"].out / f"{name}.data.csv").read_bytes(), name
        assert b"\r" not in first and first.endswith(b"\n")
        back = pd.read_csv(io.BytesIO(first))
        assert len(back) == len(figure_data(fig)), name
        assert f"`{name}.data.csv`" in readme_text()
    assert data_csv_bytes(pd.DataFrame({"at": pd.to_datetime(["2023-04-06"])})) == (
        b"at\n2023-04-06\n"
    )


def test_a_figure_without_source_data_is_not_written(tmp_path, monkeypatch):
    import importlib

    from gba.figures.registry import register
    from gba.figures.style import new_figure

    registry_mod = importlib.import_module("gba.figures.registry")
    registry()
    monkeypatch.setattr(registry_mod, "_REGISTRY", dict(registry_mod._REGISTRY))

    @register("nodata", description="No table.", notebook="notebooks/99_test.ipynb")
    def fig_nodata(lang: str = "en"):
        fig = new_figure()
        fig.subplots().plot([1, 2])
        return fig

    with pytest.raises(LookupError, match=r"nodata.*attach_data"):
        write_figures(["nodata"], langs=["en"], formats="png", out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- journal widths ---------------------------------------------------------------------------


def _texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_width_89mm_gives_89mm_files_with_house_text_sizes(tmp_path):
    assert main(["figures", "--only", "growth_timeline", "case_text_length", "--width", "89mm",
                 "--format", "pdf,png", "--out", str(tmp_path)]) == 0  # fmt: skip
    from PIL import Image

    for name in ("growth_timeline", "case_text_length"):
        for lang in ("en", "zh"):
            png = Image.open(tmp_path / f"{name}.{lang}.png")
            assert png.size[0] == round(89 / 25.4 * 300), (name, png.size)
            pdf = (tmp_path / f"{name}.{lang}.pdf").read_bytes()
            box = re.search(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]", pdf)
            assert box and abs(float(box.group(1)) - 89 / 25.4 * 72) < 0.01


@pytest.mark.parametrize("width", ["89mm", "183mm"])
def test_every_figure_adapts_to_a_journal_width(width):
    inches = float(width[:-2]) / 25.4
    for name, spec in registry().items():
        if inches < spec.min_width:
            with pytest.raises(ValueError, match=f"{name}.*needs a width of at least"):
                spec.draw("zh", width=width)
            assert 89 / 25.4 < spec.min_width <= 183 / 25.4, name  # double column at least
            continue
        fig = spec.draw("zh", width=width)
        assert fig.get_figwidth() == pytest.approx(inches), name
        fig.draw_without_rendering()  # the layout as for saving, without painting pixels
        for t in _texts(fig):
            assert t.get_fontsize() >= MIN_FONT_SIZE, (name, t.get_text())
        # nothing drawn sticks out of the figure (tick labels, legends, annotations)
        x0, y0, x1, y1 = fig.get_tightbbox(fig.canvas.get_renderer()).extents
        w, h = fig.get_size_inches()
        assert x0 >= -0.01 and y0 >= -0.01 and x1 <= w + 0.01 and y1 <= h + 0.01, (
            name, width, (x0, y0, x1, y1), (w, h))  # fmt: skip


def test_bad_width_is_refused(capsys, tmp_path):
    assert (
        main(["figures", "--only", "growth_reach", "--width", "89mm", "--out", str(tmp_path)]) == 2
    )
    assert "growth_reach' needs a width of at least 180 mm" in capsys.readouterr().err
    for bad in ("89", "wide", "10mm", "3m"):
        assert main(["figures", "--width", bad, "--out", str(tmp_path)]) == 2
        assert "width must be" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --- subsets ------------------------------------------------------------------------------------


def test_subset_draws_only_the_chosen_cases(drawn):
    fig = draw("growth_reach", "zh", cases=[11, 12, 16])
    table = figure_data(fig)
    assert sorted(set(table["case_id"])) == [11, 12, 16]
    reach = figure_data(drawn["growth_reach"])  # (the rows do not depend on the language)
    assert len(table) == (reach["case_id"].isin([11, 12, 16])).sum() == len(_points(fig))
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [int(re.search(r"（(\d+)）$", t).group(1)) for t in ticks] == [11, 12, 16]
    for name, spec in registry().items():
        if not spec.subsets:
            continue
        full = figure_data(drawn[name])
        if "case_id" in full:
            one = int(full["case_id"].iloc[-1])
            one_fig = spec.draw("en", cases=[one])
            sub = figure_data(one_fig)
            assert set(sub["case_id"]) == {one}, name
            assert len(sub) == (full["case_id"] == one).sum() == MARKS[name](one_fig)
        else:  # crosstabs: a tile counts only the chosen case
            sub = figure_data(spec.draw("en", cases=[12]))
            assert set(";".join(sub["case_ids"].fillna("")).replace(";", " ").split()) == {"12"}
            assert sub["n_cases"].sum() >= 1


def test_subset_errors_name_the_problem(capsys, tmp_path):
    with pytest.raises(ValueError, match="cannot be drawn for some cases only: its row order"):
        draw("typology_distance", cases=[1, 2])
    with pytest.raises(ValueError, match="no case 99"):
        draw("growth_reach", cases=[99])
    with pytest.raises(ValueError, match="case 1 has no shares"):
        draw("growth_shares", cases=[1, 6])
    assert main(["figures", "--cases", "11,12", "--only", "growth_reach"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["figures", "--cases", "11,x", "--out", str(tmp_path)]) == 2
    assert "'x' is not a case id" in capsys.readouterr().err
    assert (
        main(["figures", "--cases", "2", "--only", "typology_distance", "--out", str(tmp_path)])
        == 2
    )
    assert "its row order" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cases_option_writes_the_figures_that_support_subsets(tmp_path):
    assert main(["figures", "--cases", "10", "--lang", "en", "--format", "png", "--only",
                 "growth_shares", "case_text_length", "--out", str(tmp_path)]) == 0  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "case_text_length.data.csv", "case_text_length.en.png",
        "growth_shares.data.csv", "growth_shares.en.png",
    ]  # fmt: skip
    table = pd.read_csv(tmp_path / "growth_shares.data.csv")
    assert set(table["case_id"]) == {10}
    # a chosen case with nothing in a figure: a clear error, exit 2
    assert (
        main(["figures", "--cases", "12", "--only", "growth_shares", "--out", str(tmp_path / "x")])
        == 2
    )


def test_readme_lists_which_figures_take_subsets():
    text = readme_text()
    for name, spec in registry().items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        if spec.subsets:
            assert "- Subsets of cases: yes" in section, name
        else:
            assert f"- Subsets of cases: no: {spec.no_subsets}" in section, name
