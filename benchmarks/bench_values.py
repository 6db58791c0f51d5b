"""parse_value speed on real cell texts and on hostile input:
`pytest benchmarks/bench_values.py --benchmark-enable`.

Scoring parses every target and actual cell on each re-analysis (memoised by rules.value_of),
so a cold parse of a 500-indicator table is 1,000 calls; hostile texts show that no input
makes the reader slow (bounded length, no backtracking patterns).
"""

from __future__ import annotations

from perfdesk.core.values.parse import ValueKind, parse_value

REAL = [
    "164人", "≥98%", "≥ 4 个", "＞95％", "≤0.2%", "=0%", "100%", "38万元", "19.62万元", "≤ 8 万元",
    "1351人", "270例", "≥ 1 场/次", "≥ 16 课时", "1:10至1:15", "1:15.8", "≧100%", "═100%", "≥266米",
    "2023年12月", "达标", "较高", "提升", "完成", "及时", "合规", "序时进度", "=50%", "$\\geq 70\\%$",
    "≥上年值", "1，351人", "　", "不低于95%", "80%～90%", "2023-12", "无安全事故发生", "　19.62",
]
HOSTILE = ["1" * 200, "1," * 100, "至" * 199 + "1", "≥" * 199 + "1", "1至" * 100, "a1" * 100,
           "$\\ge" * 50, "1 " * 100, "x" * 1_000_000, "\x00" * 150]


def _parse_all(texts: list[str]) -> list:
    return [parse_value(text) for text in texts]


def test_parse_1000_real_cells(benchmark):
    texts = (REAL * (1000 // len(REAL) + 1))[:1000]
    values = benchmark(_parse_all, texts)
    assert not any(v.kind is ValueKind.INVALID for v in values)


def test_parse_hostile_texts(benchmark):
    values = benchmark(_parse_all, HOSTILE)
    assert all(v.kind is ValueKind.INVALID for v in values)
