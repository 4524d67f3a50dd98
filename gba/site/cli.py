"""``python -m gba site``: build the static case-reader site.

Usage::

    python -m gba site [--out DIR] [--figures DIR] [--cache DIR | --no-cache] [--no-draw]

Writes the site into ``DIR`` (default ``build/site``), replacing it as a whole once
the new site is complete, and prints one line with the files, size and time.
Figure SVGs and notebook pages are reused from ``--figures`` and the cache
(default ``build/site-cache`` of the repository) when newer than the code and data,
and the font subset from the cache when made for the same characters and font;
the others are drawn or rendered, in worker processes.
Open ``DIR/index.html`` in a browser; it works from ``file://`` and any static host.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``site`` command to the ``python -m gba`` sub-command parsers."""
    p = subparsers.add_parser(
        "site",
        help="build the static case-reader site",
        description=(
            "Build the static site (home, one page per case, data tables, notebooks, figure "
            "gallery) into --out. Needs the 'site' extra: Jinja2, nbconvert, fontTools, brotli."
        ),
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("build/site"),
        metavar="DIR",
        help="output folder (default: build/site)",
    )
    p.add_argument(
        "--figures",
        type=Path,
        default=None,
        metavar="DIR",
        help="take figure SVGs from DIR when newer than the code and data (default: the "
        "repository's figures/)",
    )
    p.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the SVGs drawn for the next build in DIR (default: build/site-cache "
        "of the repository)",
    )
    p.add_argument(
        "--no-cache", action="store_true", help="draw every figure not current in --figures"
    )
    p.add_argument(
        "--no-draw",
        action="store_true",
        help="do not draw figures missing from --figures (the gallery says so)",
    )
    p.add_argument("--data-dir", default=None, help="data folder (default: the package's)")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit status."""
    try:
        from gba.site.build import build_site
    except ImportError as err:  # pragma: no cover - depends on the installation
        print(f"site: {err}; install the 'site' extra: pip install 'gba[site]'", file=sys.stderr)
        return 1
    from gba._paths import repo_dir

    cache = args.cache
    if cache is None and not args.no_cache and repo_dir() is not None:
        cache = repo_dir() / "build" / "site-cache"  # type: ignore[operator]
    report = build_site(
        args.out,
        data_dir=args.data_dir,
        figures_dir=args.figures,
        draw_missing=not args.no_draw,
        cache_dir=None if args.no_cache else cache,
        progress=lambda line: print(f"site: {line}"),
    )
    print(f"site: {report.summary()} (figures drawn: {report.figures_drawn})")
    print(f"site: open {(args.out / 'index.html').resolve().as_uri()}")
    return 0
