"""Open/save speed of a 500-indicator table: `pytest benchmarks/bench_storage.py --benchmark-enable`.

Also the worst case the limits allow: a 19 MB file of `[]` pairs (refused after
the nesting pre-scan and the parser), to show hostile input costs seconds, not a hang.
"""

from __future__ import annotations

from benchmarks.bench_core import big_document
from perfdesk.core.files import storage
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.rules.profile import TemplateLibrary


def _doc():
    return big_document(TemplateLibrary().default())


def test_dumps_500(benchmark):
    assert benchmark(storage.dumps, _doc())


def test_loads_500(benchmark):
    text = storage.dumps(_doc())
    assert len(benchmark(storage.loads, text).level1) > 0


def test_save_500_atomic(benchmark, tmp_path):
    doc = _doc()
    benchmark(storage.save_document, doc, tmp_path / "big.pdesk")
    assert storage.load_document(tmp_path / "big.pdesk") == doc


def _refused(text: str) -> bool:
    try:
        storage.loads(text)
    except DocumentFileError:
        return True
    return False


def test_refuse_19mb_of_brackets(benchmark):
    text = "[]" * (19 * 1024 * 1024 // 2)
    assert benchmark.pedantic(_refused, args=(text,), rounds=3)
