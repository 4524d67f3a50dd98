"""Execute any notebook against a given data folder: the synthetic-case notebook tests.

The package reads its data from ``$GBA_DATA_DIR`` when set (``gba._paths.data_dir``),
so a notebook runs unchanged against another copy of the data: :func:`run_notebook`
starts a kernel with that variable pointing at the folder and executes every cell
(an error in any cell fails with the cell and its traceback). :func:`synthetic_21_cases`
builds the folder the tests use: a copy of the package's data with a synthetic
21st case from a second batch (``test_extensible.add_batch2_case``), so that a
notebook proves it carries a new batch without code changes.

Usage (any notebook)::

    from notebook_runner import run_notebook, synthetic_21_cases

    nb = run_notebook("notebooks/01_dataset_tour.ipynb", synthetic_21_cases(tmp_path))
    text = markdown_text(nb)
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from gba._paths import data_dir, repo_dir

__all__ = ["NOTEBOOKS", "markdown_text", "run_notebook", "synthetic_21_cases"]

#: The repository's notebooks folder.
NOTEBOOKS = (repo_dir() or Path.cwd()) / "notebooks"


def synthetic_21_cases(tmp_path: Path) -> Path:
    """Copy the package's data into ``tmp_path / "data"`` and add the synthetic case 21."""
    from test_extensible import add_batch2_case

    target = Path(tmp_path) / "data"
    shutil.copytree(data_dir(), target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    add_batch2_case(target)
    return target


def run_notebook(
    notebook: str | os.PathLike[str], data: str | os.PathLike[str], *, timeout: int = 900
) -> nbformat.NotebookNode:
    """Execute ``notebook`` (a path, or a name in :data:`NOTEBOOKS`) reading its data from ``data``.

    The notebook file is not changed; the executed copy is returned. The kernel runs
    in the notebooks folder, with ``GBA_DATA_DIR=data`` and the Agg backend.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell raises; the message names the cell's code and the error.
    """
    path = Path(notebook)
    if not path.is_file():
        path = NOTEBOOKS / path
    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, "GBA_DATA_DIR": str(Path(data).resolve()), "MPLBACKEND": "Agg"}
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=env)
    return nb


def markdown_text(nb: nbformat.NotebookNode) -> str:
    """All Markdown and plain-text outputs of an executed notebook, joined (to search its prose)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            plain = data.get("text/plain", out.get("text", ""))
            parts.append(str(data.get("text/markdown", plain)))
    return "\n".join(parts)
