"""The loaders ``import gba`` offers refuse data that :func:`gba.validate` rejects.

``gba.load_indicators()``, ``gba.load_cases()`` and the other public loaders
first run :func:`gba.validate` on the data folder and raise the first problem
found in a file they read, so a researcher who never runs ``validate`` never
gets a wrong number from an edited copy. The result is cached on the bytes of
every file in the folder: the checks run once for each state of the data, and
a later call costs a fingerprint of the folder (a few milliseconds); any edit
is seen at once. The checks of a folder that shares most of its bytes with one
checked before reuse the parse of every unchanged table and the scans of
every unchanged case text (:mod:`gba.datasets.tables`,
:mod:`gba.extract._scancache`), both cached on content too.

The functions in ``gba.datasets`` and ``gba.analysis`` that these wrap do not
run the checks: the checks themselves use them, and so can code that has
validated the folder already.

Examples
--------
>>> import gba
>>> gba.load_cases is load_cases
True
>>> int(load_cases().shape[0])
20
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
from collections.abc import Callable
from typing import Any, TypeVar

from gba._paths import data_dir as _data_dir
from gba.analysis import derived as _derived
from gba.analysis import trajectories as _trajectories
from gba.checks import validate
from gba.datasets import cases as _cases
from gba.datasets import codebook as _codebook
from gba.datasets import events as _events
from gba.datasets import exclusions as _exclusions
from gba.datasets import features as _features
from gba.datasets import glossary as _glossary
from gba.datasets import indicators as _indicators
from gba.datasets import recipes as _recipes
from gba.datasets import translation as _translation
from gba.datasets.memo import folder_fingerprint as fingerprint
from gba.errors import DataError

__all__ = [
    "clean_cases",
    "derived_indicators",
    "load_cases",
    "load_codebook",
    "load_codebook_values",
    "load_events",
    "load_features",
    "load_glossary",
    "load_indicators",
    "load_quantity_exclusions",
    "load_recipes",
    "load_translation",
    "trajectories",
]

F = TypeVar("F", bound=Callable[..., Any])

#: files every loader depends on: the descriptor, the sources and their raw texts, the cases
_BASE = ("datapackage.json", "sources.csv", "cases.csv", "raw/")
_CODEBOOK = ("codebook.csv", "codebook_values.csv")
_checking: contextvars.ContextVar[bool] = contextvars.ContextVar("gba_checking", default=False)


@functools.lru_cache(maxsize=16)
def _problems(digest: str, folder: str) -> tuple[DataError, ...]:
    # keyed on the content; the folder is where to read it the first time
    token = _checking.set(True)
    try:
        return tuple(validate(folder))
    finally:
        _checking.reset(token)


def refuse_invalid(data_dir: str | os.PathLike[str] | None, reads: tuple[str, ...]) -> None:
    """Raise the first problem :func:`gba.validate` finds in the files ``reads`` names.

    ``reads`` holds file names relative to the data folder; a name ending in
    ``/`` stands for every file below it. The problems in the loader's own
    files come first, then those in the files every loader depends on
    (sources, cases, raw texts), then the descriptor's; a problem that names
    no file counts for every loader.
    """
    if _checking.get():
        return
    folder = _data_dir(data_dir)
    problems = _problems(fingerprint(folder), str(folder))
    # the most telling first: the loader's own files, then those it depends on, then the
    # descriptor (whose size and hash problems only say that a file changed)
    for wanted in (reads, _BASE[1:], ("datapackage.json",)):
        for problem in problems:
            if _names(problem.file, wanted):
                raise problem
    for problem in problems:
        if not problem.file:
            raise problem


def _names(file: str | None, wanted: tuple[str, ...]) -> bool:
    """Whether ``file`` is one of ``wanted`` (a name ending in ``/`` is a folder)."""
    return bool(file) and any(
        file == w or (w.endswith("/") and file.startswith(w))  # type: ignore[union-attr]
        for w in wanted
    )


def _guarded(func: F, reads: tuple[str, ...]) -> F:
    signature = inspect.signature(func)

    @functools.wraps(func)
    def loader(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        refuse_invalid(bound.arguments.get("data_dir"), reads)
        return func(*args, **kwargs)

    return loader  # type: ignore[return-value]


load_cases = _guarded(_cases.load_cases, ())
clean_cases = _guarded(_cases.clean_cases, ())
load_indicators = _guarded(_indicators.load_indicators, ("indicators.csv",))
load_events = _guarded(_events.load_events, ("events.csv",))
load_quantity_exclusions = _guarded(
    _exclusions.load_quantity_exclusions, ("quantity_exclusions.csv",)
)
load_codebook = _guarded(_codebook.load_codebook, _CODEBOOK)
load_codebook_values = _guarded(_codebook.load_codebook_values, _CODEBOOK)
load_features = _guarded(
    _features.load_features, (*_CODEBOOK, "case_features.csv", "indicators.csv")
)
derived_indicators = _guarded(
    _derived.derived_indicators, ("indicators.csv", "events.csv", "derived.csv")
)
trajectories = _guarded(_trajectories.trajectories, ("indicators.csv", "events.csv", "sources.csv"))
load_recipes = _guarded(_recipes.load_recipes, ("derived.csv", "indicators.csv", "events.csv"))
load_translation = _guarded(_translation.load_translation, ("translation.csv",))
load_glossary = _guarded(_glossary.load_glossary, ("glossary.csv", "translation.csv", *_CODEBOOK))
