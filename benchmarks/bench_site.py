"""How long does `python -m gba site` take? (The issue's budget: under 20 s on 2 cores.)

Builds the whole site into a temporary folder, each run in a fresh interpreter the
way `make site` does, and prints per run the wall time (interpreter start-up
included), the CPU time of the build and its worker processes (all of it, then
split: the build process's own ``time.process_time`` and its children's
``RUSAGE_CHILDREN``), and the load average of the machine before the run (the
machine may be shared: CPU time is the steadier number). Then the median of the
runs and the size of every page.

Two cases:

- warm (default): the figure SVGs and notebook pages are current in the cache
  (``--cache``), as on every build after the first; one unmeasured build fills it.
- ``--cold``: a fresh clone: an empty cache and no ``figures/``, so every figure
  SVG is drawn (two worker processes) and every notebook rendered.

Run: .venv/bin/python benchmarks/bench_site.py [--runs 3] [--cold]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROG = """
import resource, sys, time
t = time.perf_counter()
from gba.site.build import build_site
r = build_site(sys.argv[1], figures_dir=sys.argv[2], cache_dir=sys.argv[3])
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = f"{time.process_time()} {ru.ru_utime + ru.ru_stime}"
print(f"{time.perf_counter() - t} {r.figures_drawn} {cpu}")
for path, size in r.files.items():
    print(f"{size} {path}")
"""


def _cpu_children() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _build(
    out: Path, figures: Path, cache: Path
) -> tuple[float, float, float, int, tuple[float, float], dict]:
    cpu0, t0 = _cpu_children(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROG, str(out), str(figures), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = time.perf_counter() - t0, _cpu_children() - cpu0
    lines = done.stdout.splitlines()
    inside, drawn, main_cpu, worker_cpu = lines[0].split()
    files = {path: int(size) for size, path in (ln.split(" ", 1) for ln in lines[1:])}
    return wall, cpu, float(inside), int(drawn), (float(main_cpu), float(worker_cpu)), files


def _kb(n: int) -> str:
    return f"{n / 1e3:,.0f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="empty cache, every figure drawn")
    args = parser.parse_args()
    walls, cpus = [], []
    files: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "figures").mkdir()  # never the repository's figures/: no make figures assumed
        if not args.cold:
            _build(root / "site", root / "figures", root / "cache")  # fills the cache
        for i in range(args.runs):
            cache = root / (f"cache{i}" if args.cold else "cache")
            load = os.getloadavg()[0]
            wall, cpu, inside, drawn, (main, workers), files = _build(
                root / "site", root / "figures", cache
            )
            walls.append(wall)
            cpus.append(cpu)
            print(
                f"run {i + 1}: {wall:.1f} s wall ({inside:.1f} s in build_site), "
                f"{cpu:.1f} s CPU with workers (build process {main:.1f} s, its workers "
                f"{workers:.1f} s); load average {load:.2f} before; figures drawn: {drawn}"
            )
    mode = "cold (every figure drawn)" if args.cold else "warm (figures and notebooks cached)"
    print(
        f"site build, {mode}: median {statistics.median(walls):.1f} s wall, "
        f"{statistics.median(cpus):.1f} s CPU over {args.runs} run(s) on {os.cpu_count()} core(s)"
    )
    pages = {p: n for p, n in files.items() if p.endswith(".html")}
    print(f"\n{len(files)} files, {_kb(sum(files.values()))}; {len(pages)} pages:")
    for path, size in sorted(pages.items()):
        print(f"  {size:>9,} B  {path}")
    groups: dict[str, list[int]] = {}
    for path, size in files.items():
        if not path.endswith(".html"):
            groups.setdefault(path.split("/")[0], []).append(size)
    for group, sizes in sorted(groups.items()):
        print(f"  {_kb(sum(sizes)):>9}  {group}/ ({len(sizes)} files)")


if __name__ == "__main__":
    main()
