"""The site's figure gallery: which SVGs to take as they are, and drawing the others.

Every registered figure (:func:`gba.figures.registry.registry`) is shown in English
and Chinese. Its two SVGs are taken from a folder (the repository's ``figures/``, the
build cache) when both are newer than everything a figure is drawn from
(:func:`newest_input`); the others are drawn by :func:`draw_svg`, one task per
figure and language, in the build's workers (:mod:`gba.site.workers`).

Examples
--------
>>> from gba._paths import data_dir
>>> gallery, files, to_draw, notes = gallery_figures(data_dir(), [], draw_missing=False)
>>> gallery[0]["files"], files, to_draw, notes
({}, {}, [], [])
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from gba._paths import package_dir

__all__ = ["draw_svg", "gallery_figures", "newest_input"]


def newest_input(data: Path) -> float:
    """Return the newest modification time among what a figure is drawn from.

    The package's code (all but the site), its fonts and style, the data folder, and
    the installed matplotlib: an SVG older than this may be out of date.
    """
    import matplotlib

    root = package_dir()
    paths = [
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.relative_to(root).parts[0] != "site"
    ]
    paths += [p for p in data.rglob("*") if p.is_file()]
    paths.append(Path(matplotlib.__file__))
    return max(p.stat().st_mtime for p in paths)


def draw_svg(task: tuple[str, str]) -> dict[str, bytes]:
    """Draw one figure in one language as SVG (run in a worker process).

    One task per language, not per figure: the slowest figure's two halves run side
    by side, so the last worker to finish waits less for the other.
    """
    from gba.figures.output import render
    from gba.figures.registry import file_name, registry

    name, lang = task
    spec = registry()[name]
    fig = spec.draw(lang)
    data = render(fig, "svg", title=f"{name} ({lang})", creator=spec.qualname)
    return {f"figures/{file_name(name, lang, 'svg')}": data}


def gallery_figures(
    data: Path, folders: list[Path], draw_missing: bool
) -> tuple[list[dict[str, Any]], dict[str, bytes], list[str], list[str]]:
    """Return the gallery, the SVGs found current in ``folders``, the figures to draw, and notes.

    A figure's two SVGs are taken from the first folder that has both newer than
    every input of the figures (:func:`newest_input`); the others are drawn (or,
    without ``draw_missing``, left out and noted). The notes name the folders whose
    SVGs were too old to use.
    """
    from gba.figures.registry import file_name, registry

    specs = registry()
    files: dict[str, bytes] = {}
    newest = newest_input(data) if folders else 0.0
    to_draw: list[str] = []
    stale: set[Path] = set()
    gallery = []
    for name, spec in specs.items():
        names = {lang: file_name(name, lang, "svg") for lang in ("en", "zh")}
        found: dict[str, bytes] = {}
        for folder in folders:
            paths = [folder / f for f in names.values()]
            if all(p.is_file() for p in paths):
                if all(p.stat().st_mtime >= newest for p in paths):
                    found = {f"figures/{p.name}": p.read_bytes() for p in paths}
                    break
                stale.add(folder)
        if found:
            files.update(found)
        elif draw_missing:
            to_draw.append(name)
        built = bool(found) or draw_missing
        gallery.append(
            {
                "name": name,
                "description": spec.description,
                "notebook": PurePosixPath(spec.notebook).stem,
                "files": {lang: f"figures/{f}" for lang, f in names.items()} if built else {},
            }
        )
    notes = [
        f"SVGs in {folder} older than the code or data were not used" for folder in sorted(stale)
    ]
    return gallery, files, to_draw, notes
