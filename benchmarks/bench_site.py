"""How long does `python -m gba site` take? (The issue's budget: under 20 s on 2 cores.)

Builds the whole site into a temporary folder in a fresh interpreter, the way
`make site` does, and prints the wall time and the CPU time of each run (on a
busy shared machine the CPU time is the steadier number). Figures are taken
from the repository's `figures/` when `make figures` has drawn them; the SVGs
missing there are drawn into the site, which is reported (about 2-3 s each).

Run: .venv/bin/python benchmarks/bench_site.py [--runs N] [--no-draw]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile

PROG = """
import resource, sys, time
t = time.perf_counter()
from gba.site.build import build_site
r = build_site(sys.argv[1], draw_missing={draw})
wall = time.perf_counter() - t
cpu = resource.getrusage(resource.RUSAGE_SELF)
print(wall, cpu.ru_utime + cpu.ru_stime, r.figures_drawn, len(r.files), sum(r.files.values()))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-draw", action="store_true", help="do not draw missing figures")
    args = parser.parse_args()
    walls, cpus = [], []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                [sys.executable, "-c", PROG.format(draw=not args.no_draw), f"{tmp}/site"],
                capture_output=True,
                text=True,
                check=True,
            )
        wall, cpu, drawn, n_files, n_bytes = out.stdout.split()
        walls.append(float(wall))
        cpus.append(float(cpu))
        print(
            f"run {i + 1}: {float(wall):.1f} s wall, {float(cpu):.1f} s CPU; "
            f"{n_files} files, {int(n_bytes) / 1e6:.2f} MB; figures drawn: {drawn}"
        )
    print(
        f"site build: median {statistics.median(walls):.1f} s wall, "
        f"{statistics.median(cpus):.1f} s CPU over {args.runs} run(s)"
    )


if __name__ == "__main__":
    main()
