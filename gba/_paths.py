"""Where the package finds its data, whether run from the repository or installed.

The canonical data lives in the repository's top-level ``data/`` folder. A built
wheel carries a copy of it as ``gba/data``. ``GBA_DATA_DIR`` in the environment,
or the ``data_dir`` argument every loader takes, points the package at another
copy (a researcher's edited data, a test's temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "package_dir", "repo_dir"]


def package_dir() -> Path:
    """Return the folder of the installed ``gba`` package."""
    return Path(__file__).resolve().parent


def repo_dir() -> Path | None:
    """Return the repository root when running from a checkout, else None."""
    root = package_dir().parent
    return root if (root / "pyproject.toml").is_file() and (root / "data").is_dir() else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder to read.

    Parameters
    ----------
    override : path-like, optional
        A folder to use instead; it must hold a ``datapackage.json``.

    Returns
    -------
    pathlib.Path
        ``override`` if given, else ``$GBA_DATA_DIR`` if set, else the data
        shipped inside the installed package, else the repository's ``data/``.

    Raises
    ------
    FileNotFoundError
        If the chosen folder has no ``datapackage.json``.
    TypeError
        If ``override`` is not a path (``load_cases(5)``).

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    if override is not None:
        if not isinstance(override, str | os.PathLike):
            raise TypeError(
                f"data_dir must be a folder path (str or pathlib.Path), not "
                f"{type(override).__name__} {override!r}"
            )
        chosen = Path(override)
        source = "the data_dir argument"
    elif os.environ.get("GBA_DATA_DIR"):
        chosen = Path(os.environ["GBA_DATA_DIR"])
        source = "$GBA_DATA_DIR"
    elif (package_dir() / "data" / "datapackage.json").is_file():
        return package_dir() / "data"
    elif repo_dir() is not None:
        chosen = repo_dir() / "data"  # type: ignore[operator]
        source = "the repository"
    else:  # pragma: no cover - a broken install
        raise FileNotFoundError("gba cannot find its data: reinstall the package")
    if not (chosen / "datapackage.json").is_file():
        raise FileNotFoundError(
            f"{chosen}: no datapackage.json in the data folder given by {source} "
            "(expected a copy of the package's data/ folder)"
        )
    return chosen
