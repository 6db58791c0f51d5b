"""First-open analysis of the 500-indicator table, this checkout against another, process by process.

The shared development machine alternates between spells at full speed and spells about 1.6×
slower, each lasting seconds, whatever else runs. A pytest-benchmark run (half a second) falls
into one of them; so does each process here. Running the checkouts in turn, one fresh process
each, several times, shows both in the same spells: compare the lines of one round.

    .venv/bin/python benchmarks/compare_analysis.py [--against DIR] [--python EXE] [--rounds N]

`--python` runs each checkout also under another interpreter (of the same Python version, with the
core's libraries importable, e.g. Debian's /usr/bin/python3 beside a pyenv build): an interpreter
built without profile-guided optimisation runs the same code measurably slower.

Each process builds `bench_core.big_document`, analyses it once, then times 15 analyses with
the parse caches cleared and a new `KeptRows` (as a file just opened in a window) and prints
their median and best. A checkout from before `KeptRows` analyses without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_TIMED = r"""
import gc, sys, time
sys.path.insert(0, "benchmarks")
from bench_core import _clear, big_document
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
try:
    from perfdesk.core.rules.scoring import KeptRows
except ImportError:  # before the session kept the rows
    KeptRows = None
profile = TemplateLibrary().default()
doc = big_document(profile)
analyse(doc, profile)
for _ in range(15):
    _clear()
    gc.collect()
    args = (doc, profile) if KeptRows is None else (doc, profile, KeptRows())
    start = time.perf_counter()
    analyse(*args)
    print(time.perf_counter() - start)
"""


def timed(checkout: Path, python: str) -> list[float]:
    """Seconds of each cold analysis in one fresh process of `checkout` run by `python`."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
    out = subprocess.run([python, "-c", _TIMED], cwd=checkout, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{checkout}: the analysis failed:\n{out.stderr[-2000:]}")
    return [float(line) for line in out.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout, run in turn with this one")
    parser.add_argument("--python", help="another interpreter, run in turn with this one")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    checkouts = [ROOT] + ([options.against.resolve()] if options.against else [])
    pythons = [sys.executable] + ([options.python] if options.python else [])
    for round_ in range(1, options.rounds + 1):
        for checkout in checkouts:
            for python in pythons:
                times = [t * 1e3 for t in timed(checkout, python)]
                print(f"round {round_}  {str(checkout):24s} {python:28s} median {statistics.median(times):5.2f} ms"
                      f"  best {min(times):5.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
