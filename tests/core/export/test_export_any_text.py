"""Exports take every text the file format accepts: control characters, line breaks, any plane of Unicode.

A received file can hold texts nobody can type (a name of just "\\r\\n", a
form feed, U+2028); the PDF and the Excel export must still produce a file.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.export.pdf_table import _fit
from perfdesk.core.export.pdf_wrap import pdf_face
from perfdesk.core.export.xlsx import render_xlsx
from perfdesk.core.files import storage
from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.rules.profile import Profile, TemplateLibrary

#: Every way a text may break a line (str.splitlines knows them all), and control characters.
LINE_BREAKS = ("\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_ANY_CHAR = st.characters(exclude_categories=["Cs"])  # lone surrogates: the file format refuses them
_PIECE = st.one_of(st.sampled_from(LINE_BREAKS), st.text(_ANY_CHAR, max_size=6), st.sampled_from((" ", "\u3000", "（")))
_TEXT = st.lists(_PIECE, max_size=6).map("".join)
_FIELDS = (
    "project.name", "project.department", "project.implementer", "project.leader", "project.phone",
    "project.year", "project.money_unit", "funds.weight", "goals.expected", "goals.achieved",
    "signature.filler", "signature.phone", "signature.reviewer", "signature.head", "signature.date",
    "indicator.name", "indicator.target", "indicator.actual", "indicator.weight", "indicator.reason",
    "total.budget", "total.executed",
)
_EXAMPLES = settings(max_examples=int(os.environ.get("PERFDESK_FUZZ_EXAMPLES", "40")), deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


def _document(texts: dict[str, str]) -> tuple[Document, Profile]:
    """A table with the drawn texts; it must be one the file format accepts (saved and reopened)."""
    profile = TemplateLibrary().default()
    doc = new_document(profile)
    indicator = Indicator(id="i2test2")
    doc.level1[0].groups[0].indicators = [indicator]
    owners = {"project": doc.project, "funds": doc.funds, "goals": doc.goals, "signature": doc.signature,
              "indicator": indicator, "total": doc.funds.total}
    for name, text in texts.items():
        owner, attribute = name.split(".")
        setattr(owners[owner], attribute, text)
    assert storage.loads(storage.dumps(doc)) == doc
    return doc, profile


@pytest.mark.parametrize("text", LINE_BREAKS + ("\n\n", " \r\n ", "\r\n\u2028"))
def test_a_field_of_only_line_breaks_exports(text):
    doc, profile = _document({name: text for name in _FIELDS})
    assert render_pdf(doc, profile).startswith(b"%PDF")
    assert render_xlsx(doc, profile).startswith(b"PK")


@pytest.mark.parametrize("text", ["\n", "\r", "\r\n", "\n\n\n"])
def test_fit_gives_one_line_per_paragraph_for_empty_lines(text):
    size, lines = _fit(text, False, pdf_face(), 9.0, 40.0)
    assert size == 9.0 and lines == [""] * (text.count("\n") + text.count("\r") - text.count("\r\n") + 1)


@pytest.mark.timeout(300)
@_EXAMPLES
@given(st.dictionaries(st.sampled_from(_FIELDS), _TEXT, min_size=1))
def test_exports_never_raise_for_any_text_the_file_accepts(texts):
    doc, profile = _document(texts)
    assert render_pdf(doc, profile).startswith(b"%PDF")
    assert render_xlsx(doc, profile).startswith(b"PK")
