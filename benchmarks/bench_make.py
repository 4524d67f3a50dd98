"""How long do the two commands take? Median wall time of `make test` and `make figures`.

Runs each command N times (default 3) from the repository root with a warm `.venv` (one
`make setup` first, not timed) and prints, per command: the command, every run's wall time,
the median, the budget (issue 9: `make test` <= 90 s, `make figures` <= 15 s on an idle
2-core machine) and the 1-minute load average before each run, because the numbers mean
little on a busy machine. `make figures` rewrites figures/ (the same bytes).

Run: .venv/bin/python benchmarks/bench_make.py [--runs N] [--only test|figures]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUDGETS = {"test": 90.0, "figures": 15.0}


def run_once(target: str) -> tuple[float, float]:
    """Return (seconds of wall time, 1-minute load average before) of one `make TARGET`."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(["make", target], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"`make {target}` failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds, load


def main() -> None:
    """Time the commands and print one block per command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(BUDGETS), action="append")
    args = parser.parse_args()
    subprocess.run(["make", "setup"], cwd=REPO, check=True, capture_output=True)
    print(f"{os.cpu_count()} CPU(s); {args.runs} run(s) each, warm .venv")
    for target in args.only or ["test", "figures"]:
        runs = [run_once(target) for _ in range(args.runs)]
        seconds = [s for s, _ in runs]
        med = statistics.median(seconds)
        print(f"make {target}")
        print(f"  runs:   {', '.join(f'{s:.1f} s' for s in seconds)}")
        print(f"  load:   {', '.join(f'{load:.1f}' for _, load in runs)} (1-min average before)")
        verdict = "within" if med <= BUDGETS[target] else "OVER"
        print(f"  median: {med:.1f} s ({verdict} the budget of {BUDGETS[target]:.0f} s)")


if __name__ == "__main__":
    main()
