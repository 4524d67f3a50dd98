"""Check every data file against the descriptor and the domain rules.

``python -m gba validate`` runs :func:`validate` and exits non-zero when any
check fails, printing one line per problem that names the file, row, column and
what was expected. Checks:

- ``datapackage.json`` is up to date with ``schemas/`` and every file's
  ``bytes`` and ``hash`` (a silent edit of any data file is caught);
- every raw source text matches the sha256 recorded for it in ``sources.csv``
  (and the origin record agrees): raw texts are never edited;
- every table reads under its Table Schema (columns, types, required values,
  enums, patterns, ranges, unique and primary keys, foreign keys);
- the domain checks that modules register with :func:`register` (e.g. cases
  agree with the source text's titles and submitting units).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.errors import DataError

__all__ = ["register", "validate", "validate_data"]

Check = Callable[[Path], Iterable[DataError]]
_CHECKS: list[Check] = []
# modules whose import registers domain checks
_CHECK_MODULES = [
    "gba.cases",
    "gba.indicators",
    "gba.observations",
    "gba.events",
    "gba.derived",
    "gba.features",
]


def register(check: Check) -> Check:
    """Register a domain check (a function of the data folder yielding problems).

    Use as a decorator in the module that owns the data; list the module in
    ``_CHECK_MODULES`` so that :func:`validate` imports it.
    """
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def validate(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Run every check on a data folder.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's data).

    Returns
    -------
    list of DataError
        Empty when the data is valid.

    Examples
    --------
    >>> import gba
    >>> gba.validate_data()
    []
    """
    import importlib

    from gba._datapackage import build_descriptor, descriptor_text
    from gba.tables import read_table

    folder = _data_dir(data_dir)
    problems: list[DataError] = []

    def run(fn: Callable[[], object]) -> bool:
        try:
            fn()
        except DataError as err:
            problems.append(err)
            return False
        return True

    # 1. descriptor up to date, sizes and hashes match
    def check_descriptor() -> None:
        written = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        built = build_descriptor(folder)
        by_name = {r["name"]: r for r in written.get("resources", [])}
        for res in built["resources"]:
            old = by_name.get(res["name"])
            if old is None:
                raise DataError(
                    f"resource {res['name']!r} is missing",
                    file="datapackage.json",
                    expected="run `python -m gba datapackage` after editing schemas/",
                )
            for key in ("bytes", "hash"):
                if old.get(key) != res[key]:
                    raise DataError(
                        f"{res['path']} has {key} {res[key]} but the descriptor records "
                        f"{old.get(key)} (the file was edited)",
                        file="datapackage.json",
                        column=key,
                        expected="the recorded value; if the edit is intended, run "
                        "`python -m gba datapackage`",
                    )
        if descriptor_text(written) != descriptor_text(built):
            raise DataError(
                "the descriptor is stale against schemas/",
                file="datapackage.json",
                expected="the output of `python -m gba datapackage`",
            )

    run(check_descriptor)

    # 2. raw texts unchanged: each source's file against its recorded sha256
    def check_raw() -> None:
        sources = read_table("sources", folder, check_foreign_keys=False)
        for row_no, src in enumerate(sources.itertuples(index=False), start=1):
            if pd.isna(src.path):
                continue
            if pd.isna(src.sha256):
                raise DataError(
                    "a source with a raw text has no sha256",
                    file="sources.csv",
                    row=row_no,
                    column="sha256",
                    expected=f"the sha256 of data/{src.path}",
                )
            raw = folder / src.path
            if not raw.is_file():
                raise DataError(
                    "the raw text does not exist",
                    file="sources.csv",
                    row=row_no,
                    column="path",
                    expected=f"a file at data/{src.path}",
                )
            digest = hashlib.sha256(raw.read_bytes()).hexdigest()
            if digest != src.sha256:
                raise DataError(
                    f"sha256 {digest} differs from the one recorded in sources.csv row {row_no}",
                    file=str(src.path),
                    column="sha256",
                    expected=f"{src.sha256} (a raw text must never be edited)",
                )
        origin = json.loads((folder / "raw" / "origin.json").read_text(encoding="utf-8"))
        recorded = sources.set_index("source_id")["sha256"].get(origin["id"])
        if recorded != origin["sha256"]:
            raise DataError(
                f"the origin record's sha256 differs from sources.csv for {origin['id']!r}",
                file="raw/origin.json",
                column="sha256",
                expected=f"{recorded}",
            )

    run(check_raw)

    # 3. every table under its schema
    from gba.tables import descriptor

    try:
        names = [r["name"] for r in descriptor(folder)["resources"] if "schema" in r]
    except DataError as err:
        return [*problems, err]
    for name in names:
        run(lambda name=name: read_table(name, folder))

    # 4. domain checks
    for module in _CHECK_MODULES:
        importlib.import_module(module)
    for check in _CHECKS:
        try:
            problems.extend(check(folder))
        except DataError as err:
            problems.append(err)
    return _unique(problems)


def _unique(problems: list[DataError]) -> list[DataError]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


# ``gba.validate`` is this module (its checks register here), so the package exports the
# function under a name of its own.
validate_data = validate
