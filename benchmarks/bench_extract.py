"""Throughput of `gba.extract_quantities` in characters per second, on one core.

The text is the 20 clean case texts joined by line breaks and repeated until it
holds at least `--mb` million characters (default 1). Prints the best of
`--runs` runs (time.perf_counter around one call, DataFrame included) and its
ratio to the budget of 1,000,000 chars/s set in issue 3. Not a test: timings
depend on the machine.

Run: .venv/bin/python benchmarks/bench_extract.py [--runs N] [--mb M]
"""

from __future__ import annotations

import argparse
import os
import time

import gba

BUDGET = 1_000_000  # chars/s


def build_text(n_chars: int) -> str:
    """Repeat the source's case texts until the text holds at least ``n_chars`` characters."""
    base = "\n".join(gba.load_cases()["text_zh"])
    return "\n".join([base] * (n_chars // (len(base) + 1) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=1.0, help="million characters of text")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    text = build_text(int(args.mb * 1_000_000))
    gba.extract_quantities(text[:10_000])  # warm up: compile the pattern, import pandas
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        found = gba.extract_quantities(text)
        times.append(time.perf_counter() - start)
    best = min(times)
    rate = len(text) / best
    print(f"text: {len(text):,} characters, {len(found):,} quantities found")
    print(f"best of {args.runs}: {best:.3f} s  ->  {rate:,.0f} chars/s")
    print(f"budget {BUDGET:,} chars/s: {rate / BUDGET:.2f}x")


if __name__ == "__main__":
    main()
