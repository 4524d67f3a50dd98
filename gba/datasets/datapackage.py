"""Build ``data/datapackage.json`` from the hand-written metadata in ``data/schemas/``.

``data/schemas/package.json`` holds the package-level metadata; every other
``data/schemas/<name>.json`` describes one resource (path, title, description,
licence and, for tables, the Table Schema). :func:`build_descriptor` adds each
file's ``bytes`` and ``hash`` and lists the resources by name; ``python -m gba
datapackage`` writes the result, and ``python -m gba validate`` fails when the
written descriptor is stale. Hand-edit the schema files, never the descriptor.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from gba._paths import data_dir as _data_dir
from gba.errors import DataError

__all__ = [
    "build_descriptor",
    "check_descriptor",
    "descriptor_text",
    "file_hash",
    "write_descriptor",
]


def file_hash(path: Path) -> str:
    """Return ``"sha256:<hex>"`` of a file, the Frictionless hash notation.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> file_hash(p)[:20]
    'sha256:ba7816bf8f01c'
    """
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def build_descriptor(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Assemble the descriptor from ``schemas/`` and the data files' sizes and hashes.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    dict
    """
    folder = _data_dir(data_dir)
    schemas = folder / "schemas"
    package = _read(schemas / "package.json")
    resources = []
    for spec in sorted(schemas.glob("*.json")):
        if spec.name == "package.json":
            continue
        res = _read(spec)
        if res.get("name") != spec.stem:
            raise DataError(
                f"resource name {res.get('name')!r} differs from the file name",
                file=f"schemas/{spec.name}",
                column="name",
                expected=f"name {spec.stem!r}",
            )
        path = folder / res["path"]
        if not path.is_file():
            raise DataError(
                "the resource's file does not exist",
                file=f"schemas/{spec.name}",
                column="path",
                expected=f"a file at data/{res['path']}",
            )
        res["bytes"] = path.stat().st_size
        res["hash"] = file_hash(path)
        resources.append(res)
    package["resources"] = resources
    return package


def descriptor_text(descriptor: dict[str, Any]) -> str:
    """Serialise a descriptor the one way the package writes it."""
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def write_descriptor(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Rebuild and write ``datapackage.json``; return its path."""
    folder = _data_dir(data_dir)
    target = folder / "datapackage.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(descriptor_text(build_descriptor(folder)), encoding="utf-8")
    os.replace(tmp, target)
    return target


def _read(path: Path, name: str | None = None) -> dict[str, Any]:
    name = name or f"schemas/{path.name}"
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(f"not valid UTF-8 JSON: {err}", file=name) from None
    if not isinstance(value, dict):
        raise DataError(f"a JSON {type(value).__name__}, not an object", file=name)
    return value


def check_descriptor(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check that ``datapackage.json`` matches ``schemas/`` and every file's size and hash.

    A silent edit of any data file is caught here. Raises :class:`~gba.errors.DataError` for
    the first difference.
    """
    folder = _data_dir(data_dir)
    written = _read(folder / "datapackage.json", "datapackage.json")
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
    # the same test as descriptor_text(written) != descriptor_text(built): both texts are written
    # from the same sequence of keys and values, and the compact one is made by the C encoder
    if _compact(written) != _compact(built):
        raise DataError(
            "the descriptor is stale against schemas/",
            file="datapackage.json",
            expected="the output of `python -m gba datapackage`",
        )
    return []


def _compact(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, separators=(",", ":"))
