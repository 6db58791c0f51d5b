"""How fast a workbook is checked: `pytest benchmarks/bench_safe_zip.py --benchmark-enable`.

A 300 MB zip bomb must be refused at once (directory check), a bomb lying about
its size within a fraction of a second (inflation stops at the first byte past
its claim), and an ordinary workbook passes quickly.
"""

from __future__ import annotations

from perfdesk.core.files import safe_zip
from perfdesk.core.files.errors import DocumentFileError
from tests.core.zip_samples import lying_bomb, real_workbook, zeros_bomb


def _refused(path) -> bool:
    try:
        safe_zip.check_workbook(path)
    except DocumentFileError:
        return True
    return False


def test_refuse_300mb_bomb(benchmark, tmp_path):
    path = zeros_bomb(tmp_path / "bomb.xlsx")
    assert benchmark(_refused, path)


def test_refuse_lying_bomb(benchmark, tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_RATIO", 10**6)
    path = lying_bomb(tmp_path / "liar.xlsx", megabytes=90)
    assert benchmark(_refused, path)


def test_check_ordinary_workbook(benchmark, tmp_path):
    path = real_workbook(tmp_path / "book.xlsx")
    assert not benchmark(_refused, path)

