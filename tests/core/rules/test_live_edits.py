"""Analysing after edits gives what analysing the edited table afresh gives.

`scoring.plan` keeps every row's entry (outcome, result, problems) while the row's cells and
surroundings stay the same, so a live edit re-reads only what changed. These tests edit a table
between analyses in every way the window can (cells, weights, group weights, rows inserted,
removed, moved or replaced by equal copies, the year, the template) and compare each analysis
with one of a deep copy made with nothing kept.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.model.document import Document, Group, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Evaluation
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.rules.scoring import KeptRows

_PROFILES = list(TemplateLibrary())
_CELLS = ("", "≥98%", "0.93", "≤5万元", "6万元", "80%-90%", "95%", "达标", "一般", "2023年10月", "11月底前",
          "12月", "0起", "≥上年值", "3元", "≥3元/人", "x")
_WEIGHTS = ("10", "10", "5", "", "x", "-1", "—")
_NAMES = ("1.数量", "2.到位率", "3.超支率", "", "指标1：")
#: What each field of a row may be set to.
_TEXTS = {"name": _NAMES, "target": _CELLS, "actual": _CELLS, "weight": _WEIGHTS, "reason": ("", "说明"),
          "manual_score": _WEIGHTS, "manual_reason": ("", "理由"), "quality_grade": ("", "A", "B", "C", "X"),
          "quality_score": ("", "1", "3", "0.5", "x"), "published_score": ("", "5", "x", "0.2")}


def _seen(ev: Evaluation) -> str:
    """Everything an analysis shows, explanations written out."""
    rows = [(r.path, r.names, r.weight, r.score, r.kind, r.explanation, r.over_achieved, r.needs_reason, r.counted,
             r.grade, r.direction) for r in ev.indicators]
    problems = [(p.severity, p.code, p.message, p.location) for p in ev.problems]
    claims = [(c.location, c.text, c.claimed, c.computed, c.weight, c.agrees) for c in ev.claims]
    # As text: equal Decimals may differ in how they are written (`5` and `5.0`), and that shows.
    return repr([ev.to_json(), rows, problems, claims, ev.total_explanation, ev.level1_weights, ev.weights_total,
                 ev.total_uncapped, ev.total])


def _fresh(doc: Document, profile) -> str:
    """What analysing `doc` gives with no row kept: its copy's rows are new objects, never planned."""
    return _seen(analyse(copy.deepcopy(doc), profile))


def _indicator(draw) -> Indicator:
    return Indicator(**{field: draw(st.sampled_from(texts)) for field, texts in _TEXTS.items()})


@st.composite
def _table(draw) -> tuple[Document, int]:
    index = draw(st.integers(0, len(_PROFILES) - 1))
    doc = new_document(_PROFILES[index], draw(st.sampled_from(("2023", "", "23"))))
    doc.funds.total.budget, doc.funds.total.executed = "100", "90"
    for l1 in doc.level1:
        for group in l1.groups:
            group.indicators = [_indicator(draw) for _ in range(draw(st.integers(0, 4)))]
    return doc, index


@st.composite
def _edit(draw):
    """One change to a table, as a function applied to (document, profile index) → profile index."""
    kind = draw(st.sampled_from(("cell",) * 8 + ("group_weight", "insert", "remove", "move", "copy",
                                 "year", "template")))
    where, field = draw(st.integers(0, 10_000)), draw(st.sampled_from(sorted(_TEXTS)))
    text = draw(st.sampled_from(_TEXTS[field]))
    new_row = _indicator(draw)
    draw_weight, year = draw(st.sampled_from(_WEIGHTS + ("15",))), draw(st.sampled_from(("2022", "2023", "")))

    def apply(doc: Document, index: int) -> int:
        groups = [g for l1 in doc.level1 for g in l1.groups]
        rows = [(g, i) for g in groups for i in range(len(g.indicators))]
        group = groups[where % len(groups)]
        if kind == "cell" and rows:
            g, i = rows[where % len(rows)]
            setattr(g.indicators[i], field, text)
        elif kind == "group_weight":
            group.weight = draw_weight
        elif kind == "insert":
            group.indicators.insert(where % (len(group.indicators) + 1), new_row)
        elif kind == "remove" and rows:
            g, i = rows[where % len(rows)]
            del g.indicators[i]
        elif kind == "move" and rows:
            g, i = rows[where % len(rows)]
            group.indicators.append(g.indicators.pop(i))
        elif kind == "copy" and rows:  # an equal row in a new object, as undo puts back
            g, i = rows[where % len(rows)]
            g.indicators[i] = copy.deepcopy(g.indicators[i])
        elif kind == "year":
            doc.project.year = year
        elif kind == "template":
            return where % len(_PROFILES)
        return index

    return apply


@settings(max_examples=150)
@given(_table(), st.lists(_edit(), min_size=1, max_size=12))
def test_every_analysis_after_edits_equals_a_fresh_one(table, edits) -> None:
    doc, index = table
    kept = KeptRows()
    analyse(doc, _PROFILES[index], kept)
    for edit in edits:
        index = edit(doc, index)
        profile = _PROFILES[index]
        live = _seen(analyse(doc, profile, kept))
        assert live == _fresh(doc, profile)


def _three_rows(profile) -> tuple[Document, Group]:
    """A new table whose first 二级 holds three scored rows."""
    doc = new_document(profile, "2023")
    group = doc.level1[0].groups[0]
    group.indicators = [Indicator(name=f"{i}.数量", target="≥10人", actual=f"{i}人", weight="5") for i in range(1, 4)]
    return doc, group


def test_a_row_whose_cells_did_not_change_keeps_its_result(national) -> None:
    doc, group = _three_rows(national)
    kept = KeptRows()
    before = analyse(doc, national, kept)
    group.indicators[1].actual = "10人"
    after = analyse(doc, national, kept)
    assert after.indicators[0] is before.indicators[0] and after.indicators[2] is before.indicators[2]
    assert after.indicators[1] is not before.indicators[1] and after.indicators[1].score == Decimal(5)


def test_kept_rows_are_the_last_analysis_rows_under_its_profile(national) -> None:
    doc, group = _three_rows(national)
    kept = KeptRows()
    first = analyse(doc, national, kept)
    deleted = group.indicators.pop(1)
    assert id(deleted) in kept.rows
    analyse(doc, national, kept)
    rows = {id(ind) for l1 in doc.level1 for g in l1.groups for ind in g.indicators}
    assert set(kept.rows) == rows and id(deleted) not in rows  # a deleted row is not held on to
    other = next(p for p in TemplateLibrary() if p != national)
    under_other = analyse(doc, other, kept)
    assert under_other.indicators[0] is not first.indicators[0] and kept.profile == other


def test_without_kept_rows_every_row_is_read_afresh(national) -> None:
    doc = new_document(national, "2023")
    doc.level1[0].groups[0].indicators = [Indicator(name="1.数量", target="≥10人", actual="5人", weight="5")]
    assert analyse(doc, national).indicators[0] is not analyse(doc, national).indicators[0]


def _targeted(national) -> Document:
    """A table in which each edit of `_EDITS` changes what is shown."""
    doc = new_document(national, "2023")
    doc.level1[0].groups[0].indicators = [
        Indicator(name="1.期限", target="11月底前", actual="2023年10月", weight="10"),
        Indicator(name="2.定性", target="达标", actual="一般", weight="10", quality_grade="B", quality_score="x"),
        Indicator(name="3.数量", target="≥10人", actual="5人", weight="10", published_score="5"),
    ]
    doc.level1[0].groups[1].weight = "10"
    doc.level1[0].groups[1].indicators = [Indicator(name="4.质量", target="≥10人", actual="5人")]
    return doc


def _row(doc: Document, i2: int, i3: int) -> Indicator:
    return doc.level1[0].groups[i2].indicators[i3]


_EDITS = {
    "year": lambda doc: setattr(doc.project, "year", "2022"),
    "target": lambda doc: setattr(_row(doc, 0, 2), "target", "≥20人"),
    "actual": lambda doc: setattr(_row(doc, 0, 2), "actual", "6人"),
    "weight": lambda doc: setattr(_row(doc, 0, 2), "weight", "20"),
    "reason": lambda doc: setattr(_row(doc, 0, 2), "reason", "说明"),
    "name": lambda doc: setattr(_row(doc, 0, 2), "name", "3.人数"),
    "manual score": lambda doc: setattr(_row(doc, 0, 2), "manual_score", "9"),
    "quality grade": lambda doc: setattr(_row(doc, 0, 1), "quality_grade", "A"),
    "quality score": lambda doc: setattr(_row(doc, 0, 1), "quality_score", "7"),
    "published score": lambda doc: setattr(_row(doc, 0, 2), "published_score", "4"),
    "row id": lambda doc: setattr(_row(doc, 0, 2), "id", "inew"),
    "group weight": lambda doc: setattr(doc.level1[0].groups[1], "weight", "20"),
    "group weight written otherwise": lambda doc: setattr(doc.level1[0].groups[1], "weight", "10.0"),
    "group share": lambda doc: doc.level1[0].groups[1].indicators.append(Indicator(name="5.新", target="1人")),
    "group name": lambda doc: setattr(doc.level1[0].groups[1], "name", "质量"),
    "row moved": lambda doc: doc.level1[0].groups[0].indicators.reverse(),
}


def test_each_edit_is_seen_by_the_next_analysis(national) -> None:
    for name, edit in _EDITS.items():
        doc = _targeted(national)
        manual = _row(doc, 0, 2)
        kept = KeptRows()
        before = _seen(analyse(doc, national, kept))
        edit(doc)
        if name == "manual score":
            assert manual.manual_score == "9"
        live = _seen(analyse(doc, national, kept))
        assert live != before, name  # the edit matters, so keeping the old row would show
        assert live == _fresh(doc, national), name
