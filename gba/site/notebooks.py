"""Render the notebooks into the site's pages from their stored outputs (nothing is executed).

A notebook page shows what the notebook printed when it was last run and checked
(``nbval``), converted by nbconvert's ``basic`` HTML template; :func:`notebook_meta`
gives its title for the menus. A page rendered before is reused from the build
cache while it is newer than the notebook, nbconvert and this file
(:func:`cached_notebooks`).

Examples
--------
>>> from gba._paths import repo_dir
>>> paths = notebook_paths(repo_dir())
>>> notebook_meta(paths[0])["source"] == paths[0].name
True
>>> notebook_paths(None)
[]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["cached_notebooks", "notebook_bodies", "notebook_meta", "notebook_paths"]


def _import_nbconvert() -> None:
    """Import nbformat and nbconvert, without the grammar jsonschema builds for 'iri'.

    jsonschema (imported by nbformat) compiles the grammars of ``rfc3987_syntax``
    at import when that package is installed (about 1.5 s), for an optional
    format check that reading notebooks never uses; it skips it on ImportError.
    """
    block = "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules
    if block:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import nbconvert  # noqa: F401
        import nbformat  # noqa: F401
    finally:
        if block and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


@cache
def _exporter() -> Any:
    """One nbconvert HTML exporter per process: its templates are compiled once, not per notebook.

    Its output for a notebook does not depend on what it converted before.
    """
    _import_nbconvert()
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic")


def _notebook_body(path: Path) -> str:
    """Render one notebook from its stored outputs (no execution) into HTML."""
    _import_nbconvert()
    import nbformat

    nb = nbformat.read(path, as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    return str(body)


def notebook_bodies(paths: list[Path]) -> dict[str, str]:
    """Render notebooks one after the other with one exporter: ``{stem: body}``."""
    return {p.stem: _notebook_body(p) for p in paths}


def notebook_meta(path: Path) -> dict[str, str]:
    """Return a notebook's name, title (its first '# ' heading) and file name."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    lines = (
        line
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
    )
    title = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("# ")), path.stem)
    return {"name": path.stem, "title": title, "source": path.name}


def cached_notebooks(paths: list[Path], cache_dir: Path | None) -> dict[str, Callable[[], str]]:
    """Return the cached notebook bodies newer than the notebook, nbconvert and this file."""
    if cache_dir is None or not paths:
        return {}
    spec = importlib.util.find_spec("nbconvert")
    tools = [Path(__file__)] + ([Path(spec.origin)] if spec and spec.origin else [])
    tool_time = max(p.stat().st_mtime for p in tools)
    out: dict[str, Callable[[], str]] = {}
    for p in paths:
        cached = cache_dir / "notebooks" / f"{p.stem}.html"
        if cached.is_file() and cached.stat().st_mtime >= max(tool_time, p.stat().st_mtime):
            body = cached.read_text(encoding="utf-8")
            out[p.stem] = lambda body=body: body
    return out


def notebook_paths(root: Path | None) -> list[Path]:
    """Return the notebooks of the checkout at ``root``, sorted (none without a checkout)."""
    if root is None or not (root / "notebooks").is_dir():
        return []
    return sorted((root / "notebooks").glob("*.ipynb"))
