"""Time `gba.validate` on a fresh copy of the data folder, cold and warm.

cold: a fresh interpreter imports gba and validates a copy (the time from
before ``import gba`` to the end of the call, measured inside the subprocess;
interpreter start-up itself is not counted). warm: in one process, validate a
copy, then time validate on another copy of the same bytes (a new folder, so
the loaders' cache on the whole folder does not apply; what is cached on the
content of single files may). Prints the median of ``--runs`` runs of each,
wall-clock and CPU time of the
process (CPU time varies less on a shared machine). Not a test: timings depend
on the machine and its load (the load average is printed before and after).

Run: .venv/bin/python benchmarks/bench_validate.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_COLD = """
import sys, time
start, cpu = time.perf_counter(), time.process_time()
import gba
problems = gba.validate(sys.argv[1])
print(time.perf_counter() - start, time.process_time() - cpu, len(problems))
"""


def fresh_copy(root: Path, name: str) -> Path:
    """A copy of the package's data folder under ``root``."""
    from gba._paths import data_dir

    target = root / name
    shutil.copytree(data_dir(), target)
    return target


def cold(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of import + first validate in a fresh interpreter, one per run."""
    wall, cpu = [], []
    for i in range(runs):
        folder = fresh_copy(root, f"cold{i}")
        out = subprocess.run(
            [sys.executable, "-c", _COLD, str(folder)], check=True, capture_output=True, text=True
        ).stdout.split()
        if out[2] != "0":
            raise SystemExit(f"the data copy has {out[2]} problems")
        wall.append(float(out[0]))
        cpu.append(float(out[1]))
    return wall, cpu


def warm(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of validate on a new copy after one validate in the same process."""
    import gba

    gba.validate(fresh_copy(root, "warm_first"))
    wall, cpu = [], []
    for i in range(runs):
        folder = fresh_copy(root, f"warm{i}")
        start, start_cpu = time.perf_counter(), time.process_time()
        problems = gba.validate(folder)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if problems:
            raise SystemExit(f"the data copy has {len(problems)} problems")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        c = cold(root, args.runs)
        w = warm(root, args.runs)
    for label, (wall, cpu) in (("cold", c), ("warm", w)):
        runs = " ".join(f"{t:.2f}" for t in wall)
        print(
            f"{label}: median {statistics.median(wall):.2f} s wall ({runs}), "
            f"{statistics.median(cpu):.2f} s CPU, of {len(wall)} runs"
        )
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
