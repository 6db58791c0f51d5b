"""analyse() speed on a 500-indicator table: `pytest benchmarks/bench_core.py --benchmark-enable`.

`cold` clears the parse caches before every round and starts with no kept rows (a file just
opened in a window: its session keeps the rows read from then on);
`warm` re-analyses an unchanged table with one edited cell, keeping the rows as a document
session does (live editing: only that row is read again).
Wall time on a shared machine moves with other work: `benchmarks/instructions_core.py`
counts the instructions of the same analyses under valgrind.
"""

from __future__ import annotations

from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.formulas import number_of, value_of
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.rules.scoring import KeptRows

_KINDS = (
    ("≥{n}人", "{m}人"), ("≤{n}万元", "{m}万元"), ("={n}%", "{m}%"), ("{n}%-{k}%", "{m}%"),
    ("达标", "达标"), ("较高", "一般"), ("2023年{mo}月", "2023年{mo2}月"), ("≥{n}%", "≥{m}%"), ("0起", "0起"),
)


def big_document(profile, count: int = 500):
    """`count` indicators of every rule kind with distinct values, spread over all 二级 groups."""
    doc = new_document(profile, "2023")
    doc.project.name, doc.project.implementer = "基准项目", "基准单位"
    doc.funds.total.budget, doc.funds.total.executed = "1000", "876.5"
    groups = [g for l1 in doc.level1 for g in l1.groups]
    for g in groups:
        g.indicators = []
    for i in range(count):
        target, actual = _KINDS[i % len(_KINDS)]
        values = dict(n=50 + i, k=60 + i, m=45 + i * 1.01, mo=1 + i % 12, mo2=1 + (i * 7) % 12)
        groups[i % len(groups)].indicators.append(Indicator(
            name=f"{i + 1}.指标{i}", target=target.format(**values), actual=actual.format(**values),
            weight="0.2", reason="" if i % 3 else "说明"))
    return doc


def _clear() -> None:
    """Empty the parse caches: the next analysis without kept rows reads the table afresh."""
    value_of.cache_clear()
    number_of.cache_clear()


def test_analyse_500_cold(benchmark):
    profile = TemplateLibrary().default()
    doc = big_document(profile)
    def opened():  # a new document session: the parse caches empty, no rows kept yet
        _clear()
        return (doc, profile, KeptRows()), {}

    ev = benchmark.pedantic(analyse, setup=opened, rounds=30)
    assert len(ev.indicators) == 500 and ev.problems


def test_analyse_500_warm_one_edit(benchmark):
    profile = TemplateLibrary().default()
    doc = big_document(profile)
    kept = KeptRows()
    analyse(doc, profile, kept)
    cell = doc.level1[0].groups[0].indicators[0]
    edits = iter(range(10**9))

    def edit_and_analyse():
        cell.actual = f"{next(edits)}人"
        return analyse(doc, profile, kept)

    ev = benchmark(edit_and_analyse)
    assert len(ev.indicators) == 500
