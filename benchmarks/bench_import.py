"""How light is `import gba`, and how long does the first `load_cases()` take?

Prints medians over fresh interpreters (so nothing is cached in-process):
- wall time of `import pandas` and of `import gba`, and their ratio
  (gba imports pandas lazily, so the ratio shows what the package itself adds);
- the first `gba.load_cases()` in a fresh interpreter, with and without the
  pandas import it triggers (reading and checking the CSVs, cleaning the raw text).

Run: .venv/bin/python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SNIPPETS = {
    "python": "pass",
    "import pandas": "import pandas",
    "import gba": "import gba",
    "import gba + load_cases()": "import gba; gba.load_cases()",
}


def time_snippet(code: str, setup: str = "") -> float:
    """Seconds of wall time of a snippet (after setup), inside a fresh interpreter."""
    prog = f"{setup}\nimport time; t = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    med = {
        label: statistics.median(time_snippet(code) for _ in range(args.runs))
        for label, code in SNIPPETS.items()
    }
    for label, seconds in med.items():
        print(f"{label:<28} {seconds * 1000:8.1f} ms  (median of {args.runs})")
    print(f"import gba / import pandas   {med['import gba'] / med['import pandas']:8.2f} x")
    first_load = med["import gba + load_cases()"] - med["import gba"]
    own = statistics.median(
        time_snippet("gba.load_cases()", setup="import pandas, gba") for _ in range(args.runs)
    )
    print(f"first load_cases()           {first_load * 1000:8.1f} ms  (incl. importing pandas)")
    print(f"first load_cases()           {own * 1000:8.1f} ms  (pandas already imported)")


if __name__ == "__main__":
    main()
