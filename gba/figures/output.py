"""Render figures to bytes that do not change between runs, and write files atomically.

Byte reproducibility: matplotlib stamps a creation date into PDF and SVG files and
its version into all three formats. :func:`render` removes the dates, replaces the
version strings with a fixed creator (``gba.figures`` and the drawing function),
and saves inside the house style, which fixes ``svg.hashsalt`` (the seed of the
SVG element ids). The same code, data and environment give the same bytes.

Atomic writing: the figure is first rendered in memory; the bytes then go to a
temporary file in the target folder, which is renamed over the target with
:func:`os.replace`. An error or interruption while drawing or writing leaves the
previous file (if any) untouched and no temporary file behind.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> atomic_write_bytes(folder / "a.txt", b"hello")
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gba.figures.style import house_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "atomic_write_bytes", "check_formats", "metadata", "render", "save_figure"]

#: File formats the command writes.
FORMATS: tuple[str, ...] = ("pdf", "svg", "png")


def check_formats(formats: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Parse and check formats: ``"pdf,svg"`` or a list; raise ValueError if unknown.

    Examples
    --------
    >>> check_formats("pdf, png")
    ('pdf', 'png')
    >>> check_formats("jpg")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'jpg'; valid formats: pdf, svg, png
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for item in (x.strip().lower() for x in items):
        if item not in FORMATS:
            raise ValueError(f"unknown format {item!r}; valid formats: {', '.join(FORMATS)}")
        if item not in out:
            out.append(item)
    if not out:
        raise ValueError(f"no format given; valid formats: {', '.join(FORMATS)}")
    return tuple(out)


def metadata(fmt: str, *, title: str, creator: str) -> dict[str, Any]:
    """Return the file metadata for a format: no dates, no library versions.

    Examples
    --------
    >>> metadata("pdf", title="t", creator="c")
    {'Title': 't', 'Creator': 'c', 'Producer': 'matplotlib', 'CreationDate': None}
    """
    if fmt == "pdf":
        return {"Title": title, "Creator": creator, "Producer": "matplotlib", "CreationDate": None}
    if fmt == "svg":
        return {"Title": title, "Creator": f"{creator}; matplotlib", "Date": None}
    if fmt == "png":
        return {"Title": title, "Software": f"{creator}; matplotlib"}
    raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def render(
    fig: Figure,
    fmt: str,
    *,
    title: str = "",
    creator: str = "gba.figures",
    dpi: float | None = None,
) -> bytes:
    """Save a figure into bytes, reproducibly, in the house style.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    fmt : {"pdf", "svg", "png"}
    title : str
        Stored in the file's metadata.
    creator : str
        Stored in the file's metadata instead of matplotlib's version string.
    dpi : float, optional
        Resolution of PNG output (default 300, from the house style).

    Returns
    -------
    bytes
    """
    meta = metadata(fmt, title=title, creator=creator)
    buffer = io.BytesIO()
    with house_style():
        fig.savefig(buffer, format=fmt, metadata=meta, **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder + rename).

    The folder is created if needed. On any error (or KeyboardInterrupt) the
    temporary file is removed and an existing ``path`` keeps its old content.
    The file gets the usual permissions (0o666 minus the umask).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_STALE = re.compile(r"\.(?P<name>.+\.(pdf|svg|png|csv|md))\.[^.]+\.tmp")


def prepare_out_dir(path: str | os.PathLike[str]) -> list[Path]:
    """Check that figures can be written into ``path`` before drawing; tidy what a build left.

    Creates the folder if needed and removes the hidden temporaries
    (``.<name>.<random>.tmp``) of figure, data and index files that an
    interrupted build left there; returns the files removed.

    Raises
    ------
    ValueError
        If ``path`` is an existing file, or the folder cannot be created or
        written to (the message says which and why).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".case_evidence.en.pdf.k2j3.tmp").write_bytes(b"half")
    >>> [p.name for p in prepare_out_dir(folder)]
    ['.case_evidence.en.pdf.k2j3.tmp']
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"--out {folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".gba-write-check.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ValueError(f"--out {folder}: cannot write there ({err.strerror or err})") from None
    stale = sorted(p for p in folder.iterdir() if p.is_file() and _STALE.fullmatch(p.name))
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def save_figure(
    fig: Figure, path: str | os.PathLike[str], *, title: str = "", dpi: float | None = None
) -> Path:
    """Save a figure (your own or a registered one) reproducibly and atomically.

    The format comes from the file's suffix (``.pdf``, ``.svg`` or ``.png``); the
    file has no dates or library versions in it (see :func:`render`), so the same
    figure gives the same bytes on every run.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : path-like
        Target file; its folder is created if needed.
    title : str
        Stored in the file's metadata (default: the file name without suffix).
    dpi : float, optional
        Resolution of PNG output (default 300).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If the suffix is not one of :data:`FORMATS`.

    Examples
    --------
    >>> import tempfile
    >>> from gba.figures.style import house_style, new_figure
    >>> with house_style("zh"):
    ...     fig = new_figure("single", height=1.5)
    ...     _ = fig.subplots().bar(["香港", "澳门"], [3, 2])
    >>> save_figure(fig, Path(tempfile.mkdtemp()) / "mine.svg").name
    'mine.svg'
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(
            f"{target}: cannot tell the format from the suffix {target.suffix!r}; "
            f"use one of {', '.join('.' + f for f in FORMATS)}"
        )
    data = render(fig, fmt, title=title or target.stem, creator="gba.figures.save_figure", dpi=dpi)
    atomic_write_bytes(target, data)
    return target
