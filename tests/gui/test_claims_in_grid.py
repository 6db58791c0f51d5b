"""Claimed scores where a reviewer looks: the score cell's colour and tooltip, the problems panel, exports."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfdesk.gui.table.model import WARNING_BACKGROUND
from tests.gui.helpers import loc


def score_index(window, path):
    model = window.view.table_model
    cell = model.layout.keyed("indicator.score", path)
    return model.index(cell.row, cell.col)


def test_a_claim_that_differs_colours_the_score_and_explains(window):
    session = window.session
    session.set_text(loc("indicator", (0, 0, 0), "actual"), "100人")
    session.set_text(loc("indicator", (0, 0, 0), "target"), "≥100人")
    session.set_text(loc("indicator", (0, 0, 0), "weight"), "20")
    session.set_text(loc("indicator", (0, 0, 0), "published_score"), "18")
    index = score_index(window, (0, 0, 0))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "原表得分 18：与规则得分 20 不同" in tip and "原表低 2 分" in tip
    assert index.data(Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND
    assert any(p.code == "CLAIM_DIFFERS" for p in window.session.evaluation.problems)
    session.set_text(loc("indicator", (0, 0, 0), "published_score"), "20")
    index = score_index(window, (0, 0, 0))
    assert "原表得分 20：与规则一致" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) != WARNING_BACKGROUND


def test_export_with_claims_is_an_option_off_by_default(window, answers, tmp_path, monkeypatch):
    written = {}

    def fake_export(doc, profile, path, show_claims=False, with_review=False):
        written["claims"] = show_claims

    monkeypatch.setattr("perfdesk.core.export.pdf.export_pdf", fake_export)
    answers.save_path = tmp_path / "表.pdf"
    assert not window.claims_action.isChecked()
    window.exports.export_pdf()
    assert written["claims"] is False
    window.claims_action.setChecked(True)
    window.exports.export_pdf()
    assert written["claims"] is True
