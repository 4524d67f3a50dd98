"""Throughput of `gba.extract_quantities`: characters per second and seconds per MB, one core.

The text is the 20 clean case texts joined by line breaks and repeated until it
holds at least the given number of million characters ("MB" below: 10^6
characters). For each size (default 0.1, 1 and 10) it prints the best of
`--runs` runs (one run at 10 MB and above; time.perf_counter around one call,
DataFrame included) for both as-of scopes, in seconds per MB and characters per
second, and the ratio to the budget of 1,000,000 chars/s set in issue 3. Time is
linear in the length of the text (issue 15), so seconds per MB should not grow
with the size. Not a test: timings depend on the machine and its load.

Two texts of each size: the case texts repeated as they are ("repeated"), and the same with
every digit replaced by a seeded random digit ("fresh"). The extractor keeps the reading of a
match per window of dense text (gba/extract/_scan.py) and each scanned text (up to 100,000
characters, gba/extract/_scancache.py); in the repeated text the same windows come back, so the
fresh text is the fairer figure for new documents. The scan cache is emptied before every run.

Run: .venv/bin/python benchmarks/bench_extract.py [--runs N] [--mb M ...]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import time

import gba
from gba.extract import _scancache

BUDGET = 1_000_000  # chars/s


def build_text(n_chars: int, fresh: bool = False) -> str:
    """Repeat the source's case texts until the text holds at least ``n_chars`` characters.

    With ``fresh``, every ASCII digit is replaced by a random one (seeded), so that numbers
    differ from one repetition to the next.
    """
    base = "\n".join(gba.load_cases()["text_zh"])
    text = "\n".join([base] * (n_chars // (len(base) + 1) + 1))
    if fresh:
        rng = random.Random(2026)
        text = re.sub("[0-9]", lambda m: str(rng.randrange(10)), text)
    return text


def best_seconds(text: str, runs: int, scope: str) -> tuple[float, int]:
    """Best time of ``runs`` calls, and the number of quantities found."""
    times, found = [], 0
    for _ in range(runs):
        _scancache._frozen.cache_clear()  # a run reads the text anew
        start = time.perf_counter()
        found = len(gba.extract_quantities(text, as_of_scope=scope))  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--mb", type=float, nargs="+", default=[0.1, 1.0, 10.0], help="million characters"
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    gba.extract_quantities(build_text(10_000))  # warm up: compile the pattern, import pandas
    print(
        f"{'text':>8} {'MB':>6} {'scope':>9} {'chars':>12} {'found':>9} {'s/MB':>7} "
        f"{'chars/s':>11} budget"
    )
    for fresh in (False, True):
        for mb in args.mb:
            text = build_text(int(mb * 1_000_000), fresh=fresh)
            runs = 1 if mb >= 10 else args.runs
            for scope in ("paragraph", "sentence"):
                best, found = best_seconds(text, runs, scope)
                rate = len(text) / best
                print(
                    f"{'fresh' if fresh else 'repeated':>8} {mb:>6g} {scope:>9} {len(text):>12,} "
                    f"{found:>9,} {best / len(text) * 1e6:>7.3f} {rate:>11,.0f} "
                    f"{rate / BUDGET:.2f}x"
                )


if __name__ == "__main__":
    main()
