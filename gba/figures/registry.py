"""The registry of paper figures: one function per figure, registered by name.

A figure is a function ``fig_<name>(lang="en", cases=None) -> matplotlib.figure.Figure``
in a module under ``gba/figures/``, built only from the package's loaders. ``lang`` is
``"en"`` or ``"zh"``; ``cases`` (only for figures registered with ``subsets=True``) draws
those case ids only. Decorate it with :func:`register` and add its module to
``_FIGURE_MODULES`` below. Its docstring is one line: what the figure *is* goes into
``description=`` (printed by ``--list`` and in ``figures/README.md``), so it is written once::

    from gba.figures.registry import register
    from gba.figures.style import new_figure, tr

    @register("case_text_length", description="...", notebook="notebooks/01_cases.ipynb")
    def fig_case_text_length(lang: str = "en") -> Figure:
        '''Bar chart of the text length of every case.'''
        fig = new_figure("single", height=3.6)
        ax = fig.subplots()
        ...
        return fig

:func:`register` wraps the function so that it always runs inside the house
style (:func:`gba.figures.style.house_style`, which also registers the bundled
CJK font) and checks ``lang``; the module-level name ``fig_<name>`` is the
wrapped function, so calling it directly gives the same figure as the command.

This module imports neither matplotlib nor the figure modules: ``import
gba.figures`` stays light, and :func:`registry` imports the figure modules on
first use.

Examples
--------
>>> specs = registry()
>>> spec = specs["case_text_length"]
>>> spec.qualname
'gba.figures.tour.fig_case_text_length'
>>> spec.files("zh", ("pdf", "png"))
['case_text_length.zh.pdf', 'case_text_length.zh.png']
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from gba.figures.lang import LANGS, check_lang

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["LANGS", "FigureSpec", "check_lang", "file_name", "register", "registry"]

#: Modules that define figures; :func:`registry` imports them in this order.
#: Figure modules of other topics are appended here (one line each).
_FIGURE_MODULES: list[str] = [
    "gba.figures.tour",
    "gba.figures.growth",
    "gba.figures.timeline",
    "gba.figures.trajectory",
    "gba.figures.compare",
    "gba.figures.typology",
]

#: Label languages every figure supports.

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_NOTEBOOK = re.compile(r"^notebooks/\d\d_[A-Za-z0-9_]+\.ipynb$")
_REGISTRY: dict[str, FigureSpec] = {}


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure.

    Attributes
    ----------
    name : str
        Figure name, used in file names (``<name>.<lang>.<ext>``) and ``--only``.
    func : callable
        The (style-wrapped) figure function, ``func(lang) -> Figure``.
    description : str
        One or two sentences saying what the figure shows (goes to figures/README.md).
    notebook : str
        The notebook that discusses it, relative to the repository root.
    subsets : bool
        Whether it can be drawn for some of the cases (``draw(..., cases=[...])``).
    no_subsets : str
        If not, why not.
    min_width : float
        The narrowest width (inches) its layout fits at the house text sizes.
    """

    name: str
    func: Callable[..., Figure]
    description: str
    notebook: str
    subsets: bool = False
    no_subsets: str = ""
    min_width: float = 0.0

    @property
    def qualname(self) -> str:
        """Dotted path of the function that draws the figure."""
        return f"{self.func.__module__}.{self.func.__name__}"

    def draw(
        self,
        lang: str = "en",
        *,
        cases: Iterable[int] | None = None,
        width: str | float | None = None,
    ) -> Figure:
        """Draw the figure with labels in ``lang`` ("en" or "zh").

        ``cases`` draws it for these case ids only (if :attr:`subsets`);
        ``width`` sets the figure width (see :func:`gba.figures.style.parse_width`).
        """
        return self.func(lang, cases=cases, width=width)

    def files(self, lang: str, formats: Iterable[str]) -> list[str]:
        """File names of this figure in one language, one per format."""
        return [file_name(self.name, lang, fmt) for fmt in formats]


def file_name(name: str, lang: str, fmt: str) -> str:
    """Return the file name of a figure: ``<name>.<lang>.<ext>``.

    The language is always part of the name, whatever ``--lang`` is given, so a
    file name never depends on how the command was called.

    Examples
    --------
    >>> file_name("case_text_length", "en", "pdf")
    'case_text_length.en.pdf'
    """
    return f"{name}.{lang}.{fmt}"


def register(
    name: str,
    *,
    description: str,
    notebook: str,
    subsets: bool | str = False,
    min_width: str | None = None,
) -> Callable[[Callable[..., Figure]], Callable[..., Figure]]:
    """Register a figure function under ``name``.

    Parameters
    ----------
    name : str
        Lower-case identifier; the function must be called ``fig_<name>``.
    description : str
        What the figure shows (for figures/README.md and ``--list``).
    notebook : str
        The notebook discussing it, e.g. ``"notebooks/01_cases.ipynb"``.
    subsets : bool or str
        ``True`` if the function takes ``cases=`` (a tuple of case ids, or None
        for all) and draws only those; otherwise a sentence saying why a subset
        does not make sense for this figure (shown in figures/README.md and in
        the error for ``cases=``).
    min_width : str, optional
        The narrowest ``width=`` its layout fits without shrinking text, e.g.
        ``"150mm"`` (default: any width ``parse_width`` accepts).

    Returns
    -------
    callable
        A decorator. It returns the function wrapped so that each call
        ``wrapped(lang, *, cases=None, width=None)`` checks ``lang`` and
        ``cases``, runs inside :func:`gba.figures.style.house_style` (at
        ``width`` if given, :func:`gba.figures.style.figure_width`) and checks
        that a :class:`matplotlib.figure.Figure` comes back.

    Notes
    -----
    The function must attach the tidy table it plots, one row per mark with the
    ids that trace it to the data (:func:`gba.figures.data.attach_data`);
    ``python -m gba figures`` writes it as ``<name>.data.csv``.

    Raises
    ------
    ValueError
        If the name, function name, description or notebook path is malformed,
        or another function already has this name.
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"figure name must match {_NAME.pattern}; got {name!r}")
    if not description or not description.strip():
        raise ValueError(f"figure {name!r}: description must not be empty")
    if subsets is not True and (not isinstance(subsets, str) or not subsets.strip()):
        subsets = "it has not been written to draw a subset of the cases."
    if not _NOTEBOOK.match(notebook):
        raise ValueError(
            f"figure {name!r}: notebook must look like 'notebooks/NN_topic.ipynb'; got {notebook!r}"
        )

    narrowest = 0.0
    if min_width is not None:
        from gba.figures.style import parse_width

        narrowest = parse_width(min_width)

    def decorator(func: Callable[..., Figure]) -> Callable[..., Figure]:
        if func.__name__ != f"fig_{name}":
            raise ValueError(
                f"figure {name!r} must be drawn by a function named 'fig_{name}', "
                f"not {func.__name__!r}"
            )

        @functools.wraps(func)
        def wrapper(
            lang: str = "en",
            *,
            cases: Iterable[int] | None = None,
            width: str | float | None = None,
        ) -> Figure:
            from matplotlib.figure import Figure

            from gba.figures.data import check_cases
            from gba.figures.style import figure_width, house_style, parse_width

            check_lang(lang)
            if cases is not None and subsets is not True:
                raise ValueError(f"figure {name!r} cannot be drawn for some cases only: {subsets}")
            chosen = check_cases(cases)
            inches = None if width is None else parse_width(width)
            if inches is not None and inches < narrowest - 1e-9:
                raise ValueError(
                    f"figure {name!r} needs a width of at least {narrowest * 25.4:.0f} mm at the "
                    f"house text sizes; got {width!r}"
                )
            with house_style(lang), figure_width(inches):
                fig = func(lang) if chosen is None else func(lang, cases=chosen)
            if not isinstance(fig, Figure):
                raise TypeError(
                    f"{func.__module__}.{func.__name__} returned {type(fig).__name__}, "
                    "expected a matplotlib.figure.Figure"
                )
            return fig

        spec = FigureSpec(
            name,
            wrapper,
            " ".join(description.split()),
            notebook,
            subsets is True,
            "" if subsets is True else " ".join(str(subsets).split()),
            narrowest,
        )
        old = _REGISTRY.get(name)
        if old is not None and old.qualname != spec.qualname:
            raise ValueError(f"figure {name!r} is already registered by {old.qualname}")
        _REGISTRY[name] = spec
        return wrapper

    return decorator


def registry() -> Mapping[str, FigureSpec]:
    """Return every registered figure, ``{name: FigureSpec}``, sorted by name.

    Imports the figure modules listed in ``_FIGURE_MODULES`` first.

    Examples
    --------
    >>> "case_text_length" in registry()
    True
    """
    for module in _FIGURE_MODULES:
        importlib.import_module(module)
    return MappingProxyType(dict(sorted(_REGISTRY.items())))
