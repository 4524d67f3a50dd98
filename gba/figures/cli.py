"""``python -m gba figures``: draw every registered figure into files.

Usage::

    python -m gba figures [--lang en|zh|both] [--format pdf,svg,png] [--only NAME ...]
                          [--out DIR] [--[no-]index] [--list] [--index-only]

Writes ``<out>/<name>.<lang>.<ext>`` for each chosen figure, language and format
(default: every figure, both languages, PDF+SVG+PNG, into the repository's
``figures/`` when run from a checkout, else ``./figures``). The index
``<out>/README.md`` of all figures is written only into the repository's
``figures/`` (or with ``--index``), never into a folder of yours. Prints one line
per figure and a summary. Exit status 0 on success, 2 for an unknown figure name
or format, 1 if drawing fails.

Examples
--------
>>> from gba.__main__ import main
>>> main(["figures", "--format", "jpg"])  # prints the valid formats to stderr
2
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

__all__ = ["add_parser", "run"]

_LANG_CHOICES = {"en": ("en",), "zh": ("zh",), "both": ("en", "zh")}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``figures`` command to the ``python -m gba`` sub-command parsers."""
    p = subparsers.add_parser(
        "figures",
        help="draw the paper figures",
        description=(
            "Draw every registered figure as <out>/<name>.<lang>.<ext>. Into the repository's "
            "figures/ it also writes the index figures/README.md. Files are written atomically "
            "and are byte-identical between runs."
        ),
    )
    p.add_argument(
        "--lang",
        choices=sorted(_LANG_CHOICES),
        default="both",
        help="label language: en, zh or both (default: both)",
    )
    p.add_argument(
        "--format",
        default="pdf,svg,png",
        metavar="FMT[,FMT...]",
        help="comma-separated file formats among pdf, svg, png (default: pdf,svg,png)",
    )
    p.add_argument(
        "--only",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="draw only these figures (default: all; see --list)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="output folder (default: the repository's figures/ in a checkout, else ./figures)",
    )
    p.add_argument(
        "--index",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the index <out>/README.md of all figures (default: only into the "
        "repository's figures/)",
    )
    p.add_argument("--list", action="store_true", help="list the registered figures and exit")
    p.add_argument(
        "--index-only",
        action="store_true",
        help="only rewrite <out>/README.md (e.g. after a merge conflict in it)",
    )
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit status."""
    from gba.figures.build import resolve_names, write_figures, write_readme
    from gba.figures.output import check_formats
    from gba.figures.registry import registry

    if args.list:
        for name, spec in registry().items():
            print(f"{name}: {spec.description}")
        return 0
    if args.index_only:
        print(f"figures: wrote {write_readme(args.out)}")
        return 0
    try:
        names = resolve_names(args.only)
        formats = check_formats(args.format)
    except ValueError as err:
        print(f"figures: {err}", file=sys.stderr)
        return 2
    try:
        report = write_figures(
            names,
            langs=_LANG_CHOICES[args.lang],
            formats=formats,
            out_dir=args.out,
            progress=lambda line: print(line, flush=True),
            index=args.index,
        )
    except Exception:
        traceback.print_exc()
        print("figures: drawing failed (files already written are complete)", file=sys.stderr)
        return 1
    print(f"figures: {report.summary()}")
    return 0
