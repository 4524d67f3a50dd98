"""Every notebook runs unchanged on a larger batch: the synthetic 21st case of a second batch.

The notebooks take their data where every loader does (``gba._paths.data_dir``): from
``$GBA_DATA_DIR`` when it is set. This test copies the package's data, adds the synthetic
batch-2 case of ``test_extensible.py`` (its own source text and a ``cases.csv`` row), points
``GBA_DATA_DIR`` at the copy and executes each notebook with nbclient in a fresh kernel. A
notebook that picks its examples by a batch-1 id, or assumes 20 cases, fails here; one that
selects by kind, measure or rule carries the new case. Nothing is compared with the stored
outputs (the numbers change with the data; strict nbval checks the shipped data).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from test_extensible import add_batch2_case

import gba
from gba.checks import validate
from gba.datasets.cases import load_cases

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture
def new_batch(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    add_batch2_case(data_copy)
    assert validate(data_copy) == []
    assert len(load_cases(data_copy)) == 21
    monkeypatch.setenv("GBA_DATA_DIR", str(data_copy))  # inherited by the kernel
    return data_copy


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_21_case_data(path: Path, new_batch: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    # the kernel reports the folder it reads, so that a pass cannot come from the shipped data
    nb.cells.insert(
        0,
        nbformat.v4.new_code_cell(
            "import gba as _gba\n"
            "from gba._paths import data_dir as _data_dir\n"
            "print(_data_dir(), len(_gba.load_cases()))"
        ),
    )
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as err:
        failed = next(
            (i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error"
                                                       for o in c.get("outputs", []))),
            None,
        )  # fmt: skip
        source = nb.cells[failed].source if failed is not None else "?"
        pytest.fail(
            f"{path.name} fails on the 21-case data at cell {failed - 1 if failed else '?'} "
            f"(counting from 0 in the stored notebook):\n{source}\n\n{err}",
            pytrace=False,
        )
    first = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert first.split() == [str(new_batch), "21"]
    if path.stem == "01_dataset_tour":  # its Findings count the new case
        findings = "".join(
            "".join(o.get("data", {}).get("text/markdown", "")) for o in nb.cells[2].outputs
        )
        assert (
            "No stated quantity at all: Credit report recognition (1), Test case (21)" in findings
        )
    if path.stem == "03_cross_case_comparison":  # the new case is reported as not yet coded
        prose = "".join(
            "".join(o.get("data", {}).get("text/markdown", "")) for c in nb.cells
            for o in c.get("outputs", [])
        )  # fmt: skip
        assert "**Not yet coded**: Test case (21)" in prose
        assert "Krippendorff's alpha" in prose


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_code_names_no_batch1_id(path: Path) -> None:
    """Examples are picked by kind, measure or rule, never by the id of a batch-1 row."""
    ids = (
        set(gba.load_indicators().index)
        | set(gba.load_events().index)
        | set(gba.derived_indicators().index)
    )
    nb = nbformat.read(path, as_version=4)
    named = [
        f"cell {i}: {token}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for token in sorted(set(re.findall(r"\w+", cell.source)) & ids)
    ]
    assert not named, f"{path.name} names batch-1 ids in code:\n" + "\n".join(named)
    # nor picks a case by its number
    by_number = re.compile(r"case_id\s*==\s*\d|\.loc\[\s*\d|case_names\(\[\s*\d")
    picked = [f"cell {i}" for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and by_number.search(c.source)]  # fmt: skip
    assert not picked, f"{path.name} picks a case by its number: {picked}"
