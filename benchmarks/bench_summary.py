"""汇总 at scale: N files through `perfdesk summary` vs single `perfdesk check` runs, and memory.

    .venv/bin/python benchmarks/bench_summary.py [N] [--checks K]

Writes N tables (five different documents of 30 to 120 indicators, renamed,
one in 50 broken) to a temporary folder, then times, in this one run:
- K fresh `perfdesk check FILE --json` processes (median): the cost of one file read alone;
- one `perfdesk summary FOLDER --json` process over all N files.
Prints the ratio summary / single check (aim for N = 1,000: ≤ 25) and the peak
memory of the summary process and of its largest worker (rows only are kept,
so the parent's memory should barely grow with N; try N = 10000).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfdesk.core.files.storage import save_document  # noqa: E402
from perfdesk.core.rules.profile import TemplateLibrary  # noqa: E402
from tests.core.xlsx_samples import generated_document  # noqa: E402

MEASURE = """
import resource, runpy, sys
sys.argv = ["perfdesk", *sys.argv[1:]]
try:
    runpy.run_module("perfdesk", run_name="__main__")
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"PEAK {own} {children}", file=sys.stderr)
"""


def write_folder(folder: Path, n: int) -> Path:
    profile = TemplateLibrary().get("national-2020")
    sources = []
    for i, size in enumerate((30, 50, 70, 90, 120)):
        doc = generated_document(profile, size, seed=i)
        path = folder / f"source{i}.pdesk"
        save_document(doc, path)
        sources.append(path.read_bytes())
    for i in range(n):
        sub = folder / f"单位{i // 100:03}"
        sub.mkdir(exist_ok=True)
        data = b"{ broken" if i % 50 == 49 else sources[i % len(sources)]
        (sub / f"表{i:05}.pdesk").write_bytes(data)
    for i in range(len(sources)):
        (folder / f"source{i}.pdesk").unlink()
    return folder


def run(*args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode not in (0, 1):
        raise SystemExit(f"perfdesk {' '.join(args)} failed: {out.stderr[-2000:]}")
    return elapsed, out.stderr


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    checks = int(sys.argv[sys.argv.index("--checks") + 1]) if "--checks" in sys.argv else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp), n)
        one = next(folder.rglob("表00000.pdesk"))
        run("check", str(one), "--json")  # warm the bytecode cache
        singles = [run("check", str(one), "--json")[0] for _ in range(checks)]
        single = statistics.median(singles)
        total, err = run("summary", str(folder), "--json")
        peak = next(line for line in err.splitlines() if line.startswith("PEAK")).split()
        print(f"files: {n}  cores: {os.cpu_count()}")
        print(f"single check (median of {checks}): {single * 1000:.0f} ms")
        print(f"summary of {n} files: {total:.2f} s = {total / single:.1f} single checks "
              f"({total / n * 1000:.1f} ms per file)")
        print(f"peak memory: summary process {int(peak[1]) / 1024:.0f} MB, largest worker {int(peak[2]) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
