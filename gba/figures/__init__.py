"""Paper figures: one registered function per figure, one house style, one command.

``import gba.figures`` is light (it imports neither matplotlib nor the figure
modules) and changes no matplotlib setting. Public names:

- :func:`registry`, :func:`register`, :class:`FigureSpec` (:mod:`gba.figures.registry`);
- :func:`draw` (a registered figure as a matplotlib Figure), :func:`write_figures`,
  :func:`readme_text` (:mod:`gba.figures.build`);
- :func:`show` (display a figure in a notebook, :mod:`gba.figures.display`);
- the house style in :mod:`gba.figures.style` (:func:`~gba.figures.style.new_figure`,
  :func:`~gba.figures.style.tr`, :data:`~gba.figures.style.PALETTE`, ...);
- the command ``python -m gba figures`` (:mod:`gba.figures.cli`).

Examples
--------
>>> import gba.figures
>>> "case_text_length" in gba.figures.registry()
True
"""

from __future__ import annotations

import importlib
from typing import Any

from gba.figures.registry import LANGS, FigureSpec, register, registry

_LAZY: dict[str, str] = {
    "draw": "gba.figures.build",
    "write_figures": "gba.figures.build",
    "readme_text": "gba.figures.build",
    "show": "gba.figures.display",
    "FORMATS": "gba.figures.output",
}

__all__ = [
    "FORMATS",
    "LANGS",
    "FigureSpec",
    "draw",
    "readme_text",
    "register",
    "registry",
    "show",
    "write_figures",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gba.figures' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
