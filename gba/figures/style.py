"""The house style of every paper figure, and helpers for figure functions.

The style is an rcParams context (:func:`house_style`), entered by each registered
figure function (see :func:`gba.figures.registry.register`) and again when a figure
is saved; nothing is changed at import, and the context starts from matplotlib's
built-in defaults, so a user's matplotlibrc or earlier ``rcParams`` changes do not
leak into the figures. It gives:

- journal widths: single column 3.5 in, double column 7.2 in (:data:`WIDTHS`);
- 8 pt text (9 pt titles; nothing below :data:`MIN_FONT_SIZE`, 6 pt) in DejaVu
  Sans, with the bundled Noto Sans CJK SC as per-glyph fallback for Chinese
  (:mod:`gba.figures.fonts`);
- the Okabe–Ito colour-blind-safe palette as colour cycle (:data:`PALETTE`);
- no top/right spines, no frame around legends, no background grid by default;
- PNG at 300 dpi; TrueType (Type 42) fonts embedded in PDF; text as paths in
  SVG; a fixed ``svg.hashsalt`` so SVG ids do not change between runs.

Figures are created without pyplot (:func:`new_figure`): no global figure
registry, no backend switching, nothing left open.

Examples
--------
>>> with house_style("zh"):
...     fig = new_figure("single", height=2.0)
...     ax = fig.subplots()
...     _ = ax.set_xlabel(tr("zh", en="Cases", zh="案例"))
>>> fig.get_size_inches().tolist()
[3.5, 2.0]
>>> ax.xaxis.label.get_text()
'案例'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gba.figures.fonts import FONT_FAMILY, register_cjk_font
from gba.figures.lang import check_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FONT_SIZE",
    "MIN_FONT_SIZE",
    "NEUTRAL",
    "OKABE_ITO",
    "PALETTE",
    "STYLE_NAME",
    "STYLE_SHEET",
    "WIDTHS",
    "WIDTH_PRESETS",
    "case_labels",
    "case_ticks",
    "figure_width",
    "fit_legend",
    "house_style",
    "new_figure",
    "parse_width",
    "rc_params",
    "reference_line",
    "style_sheet_text",
    "tr",
]

#: Figure widths in inches.
WIDTHS: dict[str, float] = {"single": 3.5, "double": 7.2}
#: Common journal column widths (single, double), for ``--width``, e.g. ``--width 89mm``;
#: the last pair is this package's own (``single``, ``double``). A journal's author guide
#: has its exact widths.
WIDTH_PRESETS: tuple[tuple[str, str], ...] = (
    ("89mm", "183mm"),
    ("90mm", "190mm"),
    ("3.5in", "7.2in"),
)
#: Narrowest and widest figure ``--width`` accepts, in inches (40 mm and 250 mm).
WIDTH_RANGE: tuple[float, float] = (40 / 25.4, 250 / 25.4)
_WIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)\s*$")
#: Default heights in inches.
_HEIGHTS: dict[str, float] = {"single": 2.6, "double": 3.2}
#: Tallest figure allowed (a journal page's text height is about 9 in).
MAX_HEIGHT = 9.0
#: Base font size in points.
FONT_SIZE = 8.0
#: Smallest font size a figure may use (dense annotations); the tests enforce it.
MIN_FONT_SIZE = 6.0

#: The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design").
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Colour cycle: Okabe–Ito, strongest contrasts first, yellow and black last.
PALETTE: list[str] = [
    OKABE_ITO[k]
    for k in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "reddish_purple",
        "sky_blue",
        "yellow",
        "black",
    )
]
#: Grey for reference lines and secondary text.
NEUTRAL = "#666666"

#: Name of the shipped matplotlib style sheet: ``plt.style.use("gba.house")``.
STYLE_NAME = "gba.house"
#: The style sheet file (``gba/house.mplstyle``); matplotlib >= 3.7 finds it by :data:`STYLE_NAME`.
STYLE_SHEET: Path = Path(__file__).resolve().parents[1] / "house.mplstyle"
#: Settings the style sheet adds to :func:`rc_params`: a figure made with ``plt.subplots``
#: gets the constrained layout that :func:`new_figure` gives the package's own figures.
_SHEET_EXTRAS: dict[str, Any] = {"figure.constrained_layout.use": True}

_depth = 0  # how many house_style contexts are open
_width: float | None = None  # figure width set by figure_width(), in inches


def parse_width(width: str | float) -> float:
    """Return a figure width in inches: ``single``, ``double``, ``89mm``, ``8.9cm``, ``3.5in``.

    A number is taken as inches. Common journal widths are in :data:`WIDTH_PRESETS`.

    Raises
    ------
    ValueError
        For anything else, or a width outside 40–250 mm (:data:`WIDTH_RANGE`).

    Examples
    --------
    >>> parse_width("single"), parse_width("double"), parse_width("3.5in")
    (3.5, 7.2, 3.5)
    >>> round(parse_width("89mm"), 4), round(parse_width("19cm"), 4)
    (3.5039, 7.4803)
    >>> parse_width("89")
    Traceback (most recent call last):
    ...
    ValueError: width must be single, double or a length such as 89mm, 8.9cm or 3.5in; got '89'
    """
    if isinstance(width, bool):
        raise ValueError(f"width must be single, double or a length; got {width!r}")
    if isinstance(width, int | float):
        inches = float(width)
    elif isinstance(width, str) and width.strip() in WIDTHS:
        inches = WIDTHS[width.strip()]
    else:
        m = _WIDTH.match(width) if isinstance(width, str) else None
        if m is None:
            raise ValueError(
                "width must be single, double or a length such as 89mm, 8.9cm or 3.5in; "
                f"got {width!r}"
            )
        inches = float(m.group(1)) / {"mm": 25.4, "cm": 2.54, "in": 1.0}[m.group(2)]
    lo, hi = WIDTH_RANGE
    if not lo - 1e-9 <= inches <= hi + 1e-9:
        raise ValueError(f"width must be between 40 mm and 250 mm; got {width!r}")
    return inches


@contextmanager
def figure_width(inches: float | None) -> Iterator[None]:
    """Make every :func:`new_figure` of the block ``inches`` wide (None: the usual widths).

    Text keeps its size in points; constrained layout then fits the axes to the
    width, so a figure drawn narrower is re-laid out, not scaled down.

    Examples
    --------
    >>> with house_style(), figure_width(parse_width("183mm")):
    ...     round(float(new_figure("single").get_figwidth()) * 25.4, 6)
    183.0
    """
    global _width
    old = _width
    _width = None if inches is None else float(inches)
    try:
        yield
    finally:
        _width = old


def rc_params(lang: str = "en") -> dict[str, Any]:
    """Return the rcParams of the house style.

    Parameters
    ----------
    lang : {"en", "zh"}
        Label language (both use the same fonts: Latin first, CJK as fallback).

    Returns
    -------
    dict

    Examples
    --------
    >>> rc = rc_params()
    >>> rc["figure.figsize"], rc["font.size"], rc["axes.spines.right"]
    ((3.5, 2.6), 8.0, False)
    """
    from cycler import cycler

    check_lang(lang)
    return {
        "figure.figsize": (WIDTHS["single"], _HEIGHTS["single"]),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "font.family": list(FONT_FAMILY),
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE + 1,
        "axes.titlelocation": "left",
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "legend.title_fontsize": FONT_SIZE,
        "figure.titlesize": FONT_SIZE + 1,
        "mathtext.fontset": "dejavusans",
        "axes.unicode_minus": True,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.6,
        "axes.edgecolor": "#222222",
        "axes.axisbelow": True,
        "axes.grid": False,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.5,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 3.0,
        "ytick.major.size": 3.0,
        "lines.linewidth": 1.2,
        "lines.markersize": 4.0,
        "patch.linewidth": 0.5,
        "legend.frameon": False,
        "image.cmap": "viridis",
        "savefig.dpi": 300,
        "savefig.facecolor": "white",
        "savefig.transparent": False,
        "savefig.bbox": "standard",  # keep the exact journal width
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "gba-figures",
    }


def _rc_value(value: Any) -> str:
    """One value as written in a matplotlibrc file (``#`` starts a comment there)."""
    from cycler import Cycler

    if isinstance(value, Cycler):
        keys = value.by_key()
        return ", ".join(
            f"cycler({k!r}, [{', '.join(repr(_rc_value(v)) for v in vs)}])"
            for k, vs in keys.items()
        )
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(_rc_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text[1:] if re.fullmatch(r"#[0-9A-Fa-f]{6}", text) else text


def style_sheet_text() -> str:
    """Return the text of the shipped style sheet ``gba/house.mplstyle``.

    It is :func:`rc_params` (plus constrained layout for ``plt.subplots``) in
    matplotlibrc syntax; a test checks the shipped file equals this text.
    Regenerate the file with :func:`gba.figures.build.write_style_sheet`.

    Examples
    --------
    >>> text = style_sheet_text()
    >>> "font.size: 8" in text.splitlines()
    True
    """
    lines = [
        "# The house style of the gba figures, for your own plots:",
        "#     import matplotlib.pyplot as plt, gba.figures",
        "#     gba.figures.register_cjk_font()  # Chinese labels: the bundled Noto Sans CJK SC",
        f'#     plt.style.use("{STYLE_NAME}")',
        "# Generated from gba.figures.style.rc_params() by gba.figures.build.write_style_sheet();",
        "# do not edit.",
    ]
    rc = {**rc_params("en"), **_SHEET_EXTRAS}
    lines += [f"{key}: {_rc_value(value)}" for key, value in rc.items()]
    return "\n".join(lines) + "\n"


@contextmanager
def house_style(lang: str = "en") -> Iterator[None]:
    """Apply the house style for the duration of a ``with`` block.

    Starts from matplotlib's defaults, registers the bundled CJK font, then sets
    :func:`rc_params`; everything is restored on exit.

    Parameters
    ----------
    lang : {"en", "zh"}

    Raises
    ------
    ValueError
        If ``lang`` is not "en" or "zh".

    Examples
    --------
    >>> import matplotlib
    >>> before = matplotlib.rcParams["font.size"]
    >>> with house_style():
    ...     matplotlib.rcParams["font.size"]
    8.0
    >>> matplotlib.rcParams["font.size"] == before
    True
    """
    import matplotlib.style

    global _depth
    rc = rc_params(lang)
    register_cjk_font()
    with matplotlib.style.context(rc, after_reset=True):
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1


def new_figure(size: str = "single", height: float | None = None) -> Figure:
    """Create an empty figure of a journal width, without pyplot.

    Call it inside a registered figure function (or a :func:`house_style` block).

    Parameters
    ----------
    size : {"single", "double"}
        Single column (3.5 in wide) or double column (7.2 in); inside
        :func:`figure_width` every figure gets that block's width instead.
    height : float, optional
        Height in inches, at most 9 (default 2.6 for single, 3.2 for double).

    Returns
    -------
    matplotlib.figure.Figure
        With constrained layout and an Agg canvas attached.

    Raises
    ------
    ValueError
        For an unknown size or a height outside (0, 9].
    RuntimeError
        If called outside the house style.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if size not in WIDTHS:
        raise ValueError(f"size must be one of {', '.join(map(repr, WIDTHS))}; got {size!r}")
    h = _HEIGHTS[size] if height is None else float(height)
    if not 0 < h <= MAX_HEIGHT:
        raise ValueError(f"height must be in (0, {MAX_HEIGHT:g}] inches; got {height!r}")
    if _depth == 0:
        raise RuntimeError(
            "new_figure() must be called inside the house style: in a function decorated "
            "with gba.figures.registry.register, or in `with house_style(lang):`"
        )
    fig = Figure(figsize=(WIDTHS[size] if _width is None else _width, h), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def fit_legend(fig: Figure, *, ncols: int, **kwargs: Any) -> Any:
    """Add a figure legend of ``ncols`` columns, fewer if it would not fit a changed width.

    At the figure's own width this is exactly ``fig.legend(ncols=ncols, **kwargs)``
    (the default figures do not change); at another width the columns are
    reduced one by one until the legend fits, so the text keeps its size.
    """
    legend = fig.legend(ncols=ncols, **kwargs)
    if _width is None:
        return legend
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.width * 0.98
    while ncols > 1 and legend.get_window_extent(renderer).width > limit:
        legend.remove()
        ncols -= 1
        legend = fig.legend(ncols=ncols, **kwargs)
    return legend


def reference_line(ax: Axes, x: Any, label: str, y: float, zorder: float) -> None:
    """Draw a dashed vertical reference line at ``x`` (a median, a date), labelled at ``y``."""
    ax.axvline(x, color=NEUTRAL, linewidth=0.8, linestyle=(0, (3, 2)), zorder=zorder)
    ax.text(x, y, label, ha="right", va="bottom", color=NEUTRAL, fontsize=FONT_SIZE - 1)


def tr(lang: str, *, en: str, zh: str) -> str:
    """Pick the label for ``lang``.

    Examples
    --------
    >>> tr("zh", en="Number of cases", zh="案例数")
    '案例数'
    >>> tr("EN", en="a", zh="甲")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of 'en', 'zh'; got 'EN'
    """
    return {"en": en, "zh": zh}[check_lang(lang)]


def case_labels(cases: pd.DataFrame, lang: str) -> pd.Series:
    """Return the short case labels in ``lang`` (``short_en`` or ``short_zh``).

    Parameters
    ----------
    cases : pandas.DataFrame
        :func:`gba.load_cases` or a subset of its rows.
    lang : {"en", "zh"}

    Returns
    -------
    pandas.Series
        Plain ``str`` labels, same index as ``cases``.

    Examples
    --------
    >>> import gba
    >>> case_labels(gba.load_cases(), "zh").loc[7]
    '青茂口岸'
    """
    column = tr(lang, en="short_en", zh="short_zh")
    return cases[column].astype(str)


def case_ticks(cases: pd.DataFrame, lang: str) -> pd.Series:
    """Return tick labels "short label (case id)" in ``lang``, the one form every figure uses.

    Parameters
    ----------
    cases : pandas.DataFrame
        :func:`gba.load_cases` or some of its rows, in the order wanted.
    lang : {"en", "zh"}

    Returns
    -------
    pandas.Series
        Plain ``str`` labels, same index as ``cases``.

    Examples
    --------
    >>> import gba
    >>> case_ticks(gba.load_cases().loc[[7, 2]], "zh").tolist()
    ['青茂口岸（7）', '大湾区律师（2）']
    >>> case_ticks(gba.load_cases().loc[[7]], "en").tolist()
    ['Qingmao Port (7)']
    """
    open_, close = tr(lang, en=" (", zh="（"), tr(lang, en=")", zh="）")
    ids = [f"{open_}{int(i)}{close}" for i in cases.index]
    return case_labels(cases, lang).str.cat(ids)
