"""Command line: ``python -m gba <command>``.

Commands
--------
validate
    Check every data file; exit 1 and print the problems if any.
datapackage
    Rebuild ``data/datapackage.json`` from ``data/schemas/`` and the files.
figures
    Draw the paper figures (see ``python -m gba figures --help``).
site
    Build the static case-reader site (see ``python -m gba site --help``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gba.figures.cli import add_parser as add_figures
from gba.site.cli import add_parser as add_site


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m gba", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every data file")
    p.add_argument("--data-dir", default=None, help="data folder (default: the package's)")
    p.set_defaults(run=_validate)
    p = sub.add_parser("datapackage", help="rebuild data/datapackage.json")
    p.add_argument("--data-dir", default=None, help="data folder (default: the package's)")
    p.set_defaults(run=_datapackage)
    add_figures(sub)
    add_site(sub)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
