"""The bundled CJK font, registered with matplotlib when a figure is drawn.

matplotlib draws Chinese as empty boxes unless a CJK font is available. The
package ships Noto Sans CJK SC Regular (SIL Open Font License 1.1; see
``gba/figures/fonts/README.md`` and ``OFL.txt``) and adds it to matplotlib's
font manager on first use, never at import. The house style lists it after the
Latin family (:data:`FONT_FAMILY`), so Latin text is set in DejaVu Sans and
matplotlib (>= 3.6) falls back to Noto glyph by glyph for CJK characters,
including the traditional characters of Hong Kong and Macao names.

Examples
--------
>>> register_cjk_font()
'Noto Sans CJK SC'
>>> FONT_FAMILY
['DejaVu Sans', 'Noto Sans CJK SC']
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CJK_FAMILY", "CJK_FONT_PATH", "FONT_FAMILY", "LATIN_FAMILY", "register_cjk_font"]

#: The bundled font file.
CJK_FONT_PATH: Path = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular.otf"
#: Its family name.
CJK_FAMILY = "Noto Sans CJK SC"
#: The Latin family (ships with matplotlib).
LATIN_FAMILY = "DejaVu Sans"
#: ``rcParams["font.family"]`` of the house style: Latin first, CJK as fallback.
FONT_FAMILY: list[str] = [LATIN_FAMILY, CJK_FAMILY]


def register_cjk_font() -> str:
    """Add the bundled CJK font to matplotlib's font manager (once); return its family.

    The bundled file is preferred to a system font of the same family, so figures
    look the same on every machine.

    Returns
    -------
    str
        The family name to use in ``rcParams["font.family"]``.

    Raises
    ------
    FileNotFoundError
        If the font file is missing from the installation.

    Examples
    --------
    For your own pyplot figures with Chinese labels, call it once, then use the
    house style sheet (or any style whose ``font.family`` lists the family):

    >>> import matplotlib
    >>> family = register_cjk_font()
    >>> with matplotlib.rc_context({"font.family": ["DejaVu Sans", family]}):
    ...     fig = matplotlib.figure.Figure()
    ...     _ = fig.text(0.5, 0.5, "澳門 香港")
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    path = str(CJK_FONT_PATH)
    if not any(entry.fname == path for entry in manager.ttflist):
        if not CJK_FONT_PATH.is_file():
            raise FileNotFoundError(
                f"{CJK_FONT_PATH}: the bundled CJK font is missing; reinstall gba "
                "(the wheel ships it under gba/figures/fonts/)"
            )
        manager.addfont(path)  # appends it and clears matplotlib's findfont cache
        # Put it first, so that it wins over a same-named system font (findfont keeps
        # the first of equally good matches): the same font on every machine.
        ours = [entry for entry in manager.ttflist if entry.fname == path]
        manager.ttflist[:] = ours + [entry for entry in manager.ttflist if entry.fname != path]
    return CJK_FAMILY
