"""Command line: ``python -m gba <command>`` (also installed as ``gba``).

Commands
--------
validate
    Check every data file; exit 1 and print the problems if any.
datapackage
    Rewrite ``data/datapackage.json`` from ``data/schemas/`` and the files.
figures
    Draw the paper figures (see ``python -m gba figures --help``).
site
    Build the static case-reader site (see ``python -m gba site --help``).

A problem with the data or the paths given is printed as one message naming
the file (and row and column where there is one), never as a traceback; the
exit status is then 1.

Examples
--------
>>> main(["validate", "--data-dir", "/nonexistent"])  # prints the problem to stderr
1
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gba import __version__
from gba.errors import DataError
from gba.figures.cli import add_parser as add_figures
from gba.site.cli import add_parser as add_site

_DESCRIPTION = (
    "gba: the first batch of 20 Greater Bay Area rule-alignment typical cases as data. "
    "Validate the data, rebuild its descriptor, draw the paper figures or build the site."
)


def _validate(args: argparse.Namespace) -> int:
    from gba.checks import validate

    problems = validate(args.data_dir)
    for p in problems:
        print(f"ERROR {p}", file=sys.stderr)
    if problems:
        print(f"validate: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("validate: all data files are valid")
    return 0


def _datapackage(args: argparse.Namespace) -> int:
    from gba.datasets.datapackage import write_descriptor

    print(f"wrote {write_descriptor(args.data_dir)}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gba", description=_DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"gba {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_help = "data folder: a copy of the package's data/ (default: the package's own)"
    p = sub.add_parser(
        "validate",
        help="check every data file",
        description=(
            "Check every data file against its schema, the source text and the other tables "
            "(spans, offsets, units, dates, hashes). Exit 0 when all is valid; else print one "
            "line per problem, naming file, row and column, and exit 1. Changes no file."
        ),
    )
    p.add_argument("--data-dir", default=None, help=data_help)
    p.set_defaults(run=_validate)
    p = sub.add_parser(
        "datapackage",
        help="rewrite data/datapackage.json",
        description=(
            "Rewrite datapackage.json in the data folder from the hand-written schemas in "
            "schemas/ and the current size and sha256 of every data file. Run it after "
            "editing a data file or a schema, then run validate."
        ),
    )
    p.add_argument("--data-dir", default=None, help=data_help)
    p.set_defaults(run=_datapackage)
    add_figures(sub)
    add_site(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (DataError, OSError) as err:
        print(f"python -m gba {args.command}: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
