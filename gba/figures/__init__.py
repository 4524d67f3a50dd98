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

The house style for your own figures: the style sheet ``plt.style.use("gba.house")``
(:data:`STYLE_NAME`, the file ``gba/house.mplstyle``), the palette :data:`PALETTE`
(Okabe–Ito, colour-blind safe; :data:`OKABE_ITO` by name, :data:`NEUTRAL` grey),
:func:`register_cjk_font` (call it once before drawing Chinese labels),
:func:`save_figure` (reproducible bytes, atomic write); or, without pyplot,
``with house_style(lang): fig = new_figure("single")``.

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
    "save_figure": "gba.figures.output",
    "render": "gba.figures.output",
    "PALETTE": "gba.figures.style",
    "OKABE_ITO": "gba.figures.style",
    "NEUTRAL": "gba.figures.style",
    "STYLE_NAME": "gba.figures.style",
    "house_style": "gba.figures.style",
    "new_figure": "gba.figures.style",
    "tr": "gba.figures.style",
    "case_ticks": "gba.figures.style",
    "register_cjk_font": "gba.figures.fonts",
}

__all__ = [
    "FORMATS",
    "LANGS",
    "NEUTRAL",
    "OKABE_ITO",
    "PALETTE",
    "STYLE_NAME",
    "FigureSpec",
    "case_ticks",
    "draw",
    "house_style",
    "new_figure",
    "readme_text",
    "register",
    "register_cjk_font",
    "registry",
    "render",
    "save_figure",
    "show",
    "tr",
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
