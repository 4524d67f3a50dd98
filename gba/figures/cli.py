"""``python -m gba figures``: draw every registered figure into files.

Usage::

    python -m gba figures [--lang en|zh|both] [--format pdf,svg,png] [--only NAME ...]
                          [--width single|double|<N>mm|<N>in] [--cases ID[,ID...]]
                          [--out DIR] [--[no-]index] [--list] [--index-only]

Writes ``<out>/<name>.<lang>.<ext>`` for each chosen figure, language and format,
and its source data ``<out>/<name>.data.csv``
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
        "--width",
        default=None,
        metavar="WIDTH",
        help="figure width for a journal: single (3.5in), double (7.2in) or a length such as "
        "89mm, 183mm, 90mm, 190mm, 8.9cm, 3.5in; the layout adapts and text keeps its size "
        "(default: each figure's own, single or double column); needs --out",
    )
    p.add_argument(
        "--cases",
        default=None,
        metavar="ID[,ID...]",
        help="draw the figures for these case ids only, e.g. 11,12,16 (figures that support "
        "subsets; figures/README.md says which); needs --out",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="output folder (default: the repository's figures/ in a checkout, else ./figures)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="draw figures in N processes side by side (default 1; same bytes for any N)",
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
    from gba.figures.build import (
        default_out_dir,
        is_repo_figures_dir,
        resolve_names,
        write_figures,
        write_readme,
    )
    from gba.figures.data import CaseSelectionError, check_cases
    from gba.figures.output import check_formats, prepare_out_dir
    from gba.figures.registry import registry
    from gba.figures.style import parse_width

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
        cases = None if args.cases is None else _parse_cases(args.cases)
        if args.cases is not None:
            specs = registry()
            if args.only is None:  # all figures: those that support subsets
                names = [n for n in names if specs[n].subsets]
            refuse = [n for n in names if not specs[n].subsets]
            if refuse:
                raise ValueError(
                    f"figure {refuse[0]!r} cannot be drawn for some cases only: "
                    f"{specs[refuse[0]].no_subsets}"
                )
            check_cases(cases)
        if args.width is not None:
            inches = parse_width(args.width)
            specs = registry()
            if args.only is None:  # all figures: those whose layout fits the width
                for n in [n for n in names if inches < specs[n].min_width - 1e-9]:
                    print(
                        f"figures: skipped {n}: its layout needs at least "
                        f"{specs[n].min_width * 25.4:.0f} mm",
                        flush=True,
                    )
                    names.remove(n)
            too_narrow = [n for n in names if inches < specs[n].min_width - 1e-9]
            if too_narrow:
                raise ValueError(
                    f"figure {too_narrow[0]!r} needs a width of at least "
                    f"{specs[too_narrow[0]].min_width * 25.4:.0f} mm at the house text sizes"
                )
        if (args.cases is not None or args.width is not None) and (
            args.out is None or is_repo_figures_dir(args.out)
        ):
            raise ValueError(
                "--width and --cases draw figures unlike the ones the notebooks and "
                "figures/README.md describe: give a folder of your own with --out DIR"
            )
        for stale in prepare_out_dir(args.out if args.out is not None else default_out_dir()):
            print(f"figures: removed {stale.name}, left by an interrupted build", flush=True)
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
            jobs=args.jobs,
            index=args.index,
            cases=cases,
            width=args.width,
        )
    except CaseSelectionError as err:  # e.g. a chosen case has nothing in one figure
        print(f"figures: {err}", file=sys.stderr)
        return 2
    except Exception:
        traceback.print_exc()
        print("figures: drawing failed (files already written are complete)", file=sys.stderr)
        return 1
    print(f"figures: {report.summary()}")
    return 0


def _parse_cases(text: str) -> list[int]:
    """Parse ``--cases 11,12,16`` (commas and/or spaces); raise ValueError naming a bad item."""
    items = [x for x in text.replace(",", " ").split() if x]
    out = []
    for item in items:
        if not item.isdigit():
            raise ValueError(f"--cases: {item!r} is not a case id (give numbers such as 11,12,16)")
        out.append(int(item))
    if not out:
        raise ValueError("--cases: no case id given (e.g. --cases 11,12,16)")
    return out
