"""Hostile files: is every reader linear, and how long does the worst allowed file take?

    .venv/bin/python benchmarks/bench_hostile_files.py

Part 1 doubles the size of each hostile input (256 KB … 4 MB) and fits the
growth exponent of the time to refuse it (least squares on log time against
log size): 1 is linear, 2 quadratic (the JSON pre-scan once was: 90 KB took
19.6 s). The script exits 1 if any exponent is above 1.5, so a regression
shows without a timed test. A workbook past a limit is refused before the
costly parse, so its time stops growing (an exponent below 1).

Part 2 times files just inside the limits (the most a hostile file may hold
and still be read) in units of one single-file check: `perfdesk check` on the
worked example, as a user runs it.
"""

from __future__ import annotations

import functools
import io
import json
import math
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfdesk.core.export.xlsx import render_xlsx  # noqa: E402
from perfdesk.core.files import schema, storage, workbook_limits  # noqa: E402
from perfdesk.core.files.errors import DocumentFileError  # noqa: E402
from perfdesk.core.files.opening import open_document  # noqa: E402
from perfdesk.core.model.document import MAX_INDICATORS  # noqa: E402
from perfdesk.core.model.factory import new_document  # noqa: E402
from perfdesk.core.rules.profile import TemplateLibrary  # noqa: E402
from tests.core.xlsx_samples import generated_document  # noqa: E402

SIZES = [256 * 1024 * 2**k for k in range(5)]  # 256 KB … 4 MB
MAX_EXPONENT = 1.5
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PROFILE = TemplateLibrary().default()
VALID = json.loads(storage.dumps(new_document(PROFILE)))
EXPORT = render_xlsx(new_document(PROFILE), PROFILE)


def _best(run: Callable[[], object], repeats: int = 5) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            run()
        except DocumentFileError:
            pass
        best = min(best, time.perf_counter() - start)
    return best


def _pdesk_with(mutate: Callable[[dict], None]) -> str:
    data = json.loads(json.dumps(VALID))
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


def _workbook(folder: Path, entry: str, data: bytes) -> Path:
    path = folder / f"hostile-{len(data)}.xlsx"
    with zipfile.ZipFile(io.BytesIO(EXPORT)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, data if info.filename == entry else source.read(info))
    return path


def _sheet(rows: str) -> bytes:
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def _shared(count: int) -> bytes:
    return f'<sst xmlns="{MAIN_NS}">{"".join(f"<si><t>{i}</t></si>" for i in range(count))}</sst>'.encode()


def _more(entry: str, after: str, record: str, count: int) -> bytes:
    """An entry of the export with `count` records inserted after `after`."""
    with zipfile.ZipFile(io.BytesIO(EXPORT)) as source:
        text = source.read(entry).decode()
    at = text.index(">", text.index(after)) + 1  # after the start tag `after` begins
    return (text[:at] + "".join(record.format(i=i, j=i + 10) for i in range(count)) + text[at:]).encode()


def _families(folder: Path) -> dict[str, Callable[[int], Callable[[], object]]]:
    """Name -> (size in bytes -> a call reading a hostile input of about that size, built beforehand)."""

    def text(build: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
        return lambda n: (lambda t: lambda: storage.loads(t))(build(n))

    def book(entry: str, build: Callable[[int], bytes]) -> Callable[[int], Callable[[], object]]:
        return lambda n: (lambda p: lambda: open_document(p))(_workbook(folder, entry, build(n)))

    return {
        "JSON: unterminated string of \\\"": text(lambda n: '{"a": "' + '\\"' * (n // 2)),
        "JSON: deep brackets": text(lambda n: "[" * n),
        ".pdesk: funds rows": text(lambda n: _pdesk_with(lambda d: d["document"]["funds"].__setitem__(
            "rows", [{"key": f"r{i}"} for i in range(n // 14)]))),
        ".pdesk: unknown list": text(lambda n: _pdesk_with(lambda d: d["document"].__setitem__("x", [0] * (n // 2)))),
        "xlsx: shared strings": book("xl/sharedStrings.xml", lambda n: _shared(n // 20)),
        "xlsx: rows": book("xl/worksheets/sheet2.xml", lambda n: _sheet("".join(
            f'<row r="{i}"/>' for i in range(1, n // 16)))),
    }


def _slope(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def growth(folder: Path) -> bool:
    print(f"{'family':34}" + "".join(f"{s // 1024:>9} KB" for s in SIZES) + "   exponent")
    linear = True
    for name, make in _families(folder).items():
        times = [_best(make(size)) for size in SIZES]
        exponent = _slope([math.log(s) for s in SIZES], [math.log(t) for t in times])
        linear &= exponent <= MAX_EXPONENT
        print(f"{name:34}" + "".join(f"{t * 1000:>10.1f}ms" for t in times) + f"   {exponent:8.2f}")
    return linear


def _check_example() -> float:
    """A single-file check as the user runs it: `perfdesk check` on the worked example, start-up included."""
    example = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"
    command = [sys.executable, "-m", "perfdesk", "check", str(example)]
    return _best(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=False), repeats=3)


def at_the_limits(folder: Path) -> None:
    check = _check_example()
    largest = storage.dumps(generated_document(PROFILE, MAX_INDICATORS))
    cases: dict[str, Path | str] = {  # just inside the limits (the export itself has a few dozen rows and strings)
        f"xlsx: {workbook_limits.MAX_SHARED_STRINGS - 200:,} shared strings": _workbook(
            folder, "xl/sharedStrings.xml", _shared(workbook_limits.MAX_SHARED_STRINGS - 200)),
        f"xlsx: {workbook_limits.MAX_ROWS - 100:,} rows all r=1": _workbook(
            folder, "xl/worksheets/sheet2.xml", _sheet('<row r="1"/>' * (workbook_limits.MAX_ROWS - 100))),
        f"xlsx: {workbook_limits.MAX_SHEETS - 2} more sheets": _workbook(folder, "xl/workbook.xml", _more(
            "xl/workbook.xml", "<sheets", '<sheet name="s{i}" sheetId="{j}" r:id="rId1"/>',
            workbook_limits.MAX_SHEETS - 2)),
        f"xlsx: {workbook_limits.MAX_STYLES - 100:,} more fonts": _workbook(folder, "xl/styles.xml", _more(
            "xl/styles.xml", "<fonts", '<font><sz val="{i}"/></font>', workbook_limits.MAX_STYLES - 100)),
        f"xlsx: {workbook_limits.MAX_OTHER - 500:,} workbook views": _workbook(folder, "xl/workbook.xml", _more(
            "xl/workbook.xml", "<bookViews", '<workbookView xWindow="{i}"/>', workbook_limits.MAX_OTHER - 500)),
        f".pdesk: {MAX_INDICATORS:,} indicators": largest,
        f".pdesk: {schema.MAX_EXTRA_VALUES - 3:,} unknown values": _pdesk_with(
            lambda d: d["document"].__setitem__("x", [0] * (schema.MAX_EXTRA_VALUES - 3))),
    }
    print(f"\none single-file check (`perfdesk check` on the worked example): {check * 1000:.0f} ms")
    for name, item in cases.items():
        if isinstance(item, Path):
            taken = _best(functools.partial(open_document, item), repeats=3)
        else:
            taken = _best(functools.partial(storage.loads, item), repeats=3)
        print(f"{name:40} {taken * 1000:8.1f} ms = {taken / check:5.2f} single-file checks")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        linear = growth(Path(folder))
        at_the_limits(Path(folder))
    print("\nall readers linear" if linear else f"\nSUPERLINEAR: an exponent is above {MAX_EXPONENT}")
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
