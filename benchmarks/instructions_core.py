"""Instructions of analysing the 500-indicator table (issue 8), counted by valgrind.

Wall time on this shared machine moves with other people's work; the instructions a piece of
code executes do not. Every figure is the difference between two processes run under
callgrind that do the same thing (import PerfDesk, build `bench_core.big_document`) except
for the part measured, so start-up and building the table cancel out:

- first open: the first `analyse` in a fresh process (the value reader's patterns are
  compiled on first use, see values.lazy_pattern, so they are part of it);
- cold: `analyse` after one first analysis and `bench_core._clear` (parse caches emptied; a
  new `KeptRows`, as a new document session has): what `pytest benchmarks/bench_core.py
  --benchmark-enable` times as test_analyse_500_cold, whose rounds after the first have the
  patterns compiled;
- `--warm` adds one live edit to a table analysed with `KeptRows`, as a document session
  does (the first row's actual changed, caches and kept rows kept, so only that row is read,
  scored and checked again), as test_analyse_500_warm_one_edit.

What an analysis leaves behind (its results, the rows its session keeps) is freed when the
process ends, and that is counted too. `--no-exit`
ends every process with os._exit right after its last step, leaving out what Python does on
the way out (freeing what is left, its last collection): the work of the analyses alone.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/instructions_core.py [--warm] [--no-exit]

Hash seeds are fixed, so two runs count alike (to ±0.1 M).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SETUP = """
import sys
sys.path.insert(0, {bench!r})
from bench_core import _clear, big_document
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.rules.scoring import KeptRows
profile = TemplateLibrary().default()
doc = big_document(profile)
"""
# Each analysis of a new session, with the rows it keeps (named, so not freed at once).
_FIRST = "first = KeptRows()\nanalyse(doc, profile, first)\n"
_ANALYSE = "kept = KeptRows()\nanalyse(doc, profile, kept)\n"
_AGAIN = "analyse(doc, profile, kept)\n"
_CLEAR = "_clear()\n"
_EDIT = "doc.level1[0].groups[0].indicators[0].actual = '1人'\n"


def instructions(code: str, out_dir: str) -> int:
    """Instructions the whole process executes running `code` (valgrind's callgrind)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_dir}/callgrind.out",
                          sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"python under valgrind failed (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("needs valgrind (apt-get install valgrind)")
    setup = _SETUP.format(bench=str(ROOT / "benchmarks"))
    opened = setup + _FIRST + _CLEAR
    runs = {"setup": setup, "opened": opened, "cold": opened + _ANALYSE}
    if "--warm" in sys.argv[1:]:
        runs |= {"edited": setup + _ANALYSE + _EDIT, "warm": setup + _ANALYSE + _EDIT + _AGAIN}
    end = "import os\nos._exit(0)\n" if "--no-exit" in sys.argv[1:] else ""
    with tempfile.TemporaryDirectory() as out_dir:
        counted = {name: instructions(code + end, out_dir) for name, code in runs.items()}
    print("instructions (callgrind) of analyse on the 500-indicator table of bench_core"
          + (", the ends of the processes left out:" if end else ":"))
    print(f"  first open, patterns compiled on the way: {(counted['opened'] - counted['setup']) / 1e6:.1f} M")
    print(f"  cold (caches cleared, patterns compiled): {(counted['cold'] - counted['opened']) / 1e6:.1f} M")
    if "warm" in counted:
        print(f"  warm, one edited cell (live editing):     {(counted['warm'] - counted['edited']) / 1e6:.1f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
