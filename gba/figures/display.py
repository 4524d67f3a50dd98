"""Show a registered figure in a Jupyter notebook, with a deterministic stored output.

Notebooks never plot: they call ``gba.figures.show("<name>", lang="en")``, which
draws the figure with the same function as ``python -m gba figures`` and displays
it as a PNG image plus a one-line text description. The notebook then stores two
outputs: ``image/png`` (which strict nbval does not compare) and ``text/plain``
(which it does, and which only depends on the figure's name, language and
description). No SVG or HTML is emitted, so nothing with run-dependent ids ends up
in the notebook. End the cell with ``;`` as usual; ``show`` returns None.

Examples
--------
>>> show("case_text_length", lang="zh")  # outside Jupyter: the text line is printed
[figure case_text_length (zh): Length of each case's clean Chinese text...]
"""

from __future__ import annotations

import base64

from gba.figures.build import _spec
from gba.figures.output import render
from gba.figures.registry import check_lang

__all__ = ["DISPLAY_DPI", "DISPLAY_PX_PER_INCH", "show"]

#: Resolution of the PNG stored in notebooks (displayed slightly downscaled, so it stays sharp).
DISPLAY_DPI = 150
#: Displayed size: pixels per inch of figure width (the PNG is scaled down to it).
DISPLAY_PX_PER_INCH = 130


def show(name: str, lang: str = "en") -> None:
    """Draw the registered figure ``name`` and display it (PNG + text) in Jupyter.

    Parameters
    ----------
    name : str
        A registered figure name (see ``python -m gba figures --list``).
    lang : {"en", "zh"}

    Raises
    ------
    ValueError
        For an unknown figure name or language.
    ImportError
        If IPython is not installed (use :func:`gba.figures.draw` to get the Figure).
    """
    check_lang(lang)
    spec = _spec(name)
    try:
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.display import display
    except ImportError as err:  # pragma: no cover - IPython is a dev dependency
        raise ImportError(
            "gba.figures.show needs IPython (Jupyter); use gba.figures.draw(name, lang) "
            "to get the matplotlib Figure instead"
        ) from err
    fig = spec.draw(lang)
    text = f"[figure {name} ({lang}): {spec.description}]"
    if not InteractiveShell.initialized():  # plain Python: no rich display
        print(text)
        return
    png = render(fig, "png", title=f"{name} ({lang})", creator=spec.qualname, dpi=DISPLAY_DPI)
    bundle = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": text}
    width = round(float(fig.get_figwidth()) * DISPLAY_PX_PER_INCH)
    display(bundle, raw=True, metadata={"image/png": {"width": width}})
