"""Remember a table computed from a data folder, keyed on the bytes of every file in it.

A figure build, a notebook or the site asks for the same derived table many times
(``derived_indicators`` about ten times in one full figure build). :func:`on_data`
computes it once for each state of the data folder and hands every caller a fresh
copy: the key is the sha256 of every file's path and bytes in the folder (a few
milliseconds for ``data/``) and the function's other arguments, so any edit to any
file is seen at once and no caller can change what another gets.

Examples
--------
>>> calls = []
>>> @on_data
... def rows(data_dir=None):
...     calls.append(1)
...     import pandas as pd
...     return pd.DataFrame({"n": [1, 2]})
>>> first = rows()
>>> first.loc[0, "n"] = 99  # a caller's change stays with that caller
>>> int(rows().loc[0, "n"]), len(calls)
(1, 1)
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from gba._paths import data_dir as _data_dir

__all__ = ["folder_fingerprint", "on_data"]

F = TypeVar("F", bound=Callable[..., Any])

#: states of the data remembered per function (the package's data, a copy or two under test)
STATES = 8


def folder_fingerprint(folder: str | os.PathLike[str]) -> str:
    """Return the sha256 of every file's relative path and bytes in a folder.

    Examples
    --------
    >>> len(folder_fingerprint(_data_dir()))
    64
    """
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _frozen(value: Any) -> Any:
    """Return a hashable form of an argument (lists as tuples); raise TypeError if none."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(_frozen(v) for v in value)
    hash(value)
    return value


def on_data(func: F) -> F:
    """Compute ``func`` once per state of its data folder and arguments; return copies.

    ``func`` takes its data folder as the argument ``data_dir`` and returns a
    DataFrame (or anything with a ``copy(deep=True)`` method). Calls whose other
    arguments cannot be hashed (a DataFrame passed in) are not remembered.
    """
    signature = inspect.signature(func)
    remembered: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        folder = _data_dir(arguments.pop("data_dir"))
        try:
            key = (str(folder), folder_fingerprint(folder), _frozen(tuple(arguments.items())))
        except (TypeError, OSError):
            return func(*args, **kwargs)
        if key in remembered:
            remembered.move_to_end(key)
        else:
            remembered[key] = func(*args, **kwargs)
            while len(remembered) > STATES:
                remembered.popitem(last=False)
        return remembered[key].copy(deep=True)

    wrapper.cache_clear = remembered.clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
