"""Hostile workbooks: each attack family is refused quickly, in one Chinese sentence naming the file.

The files are built here, shaped like the attacks of the adversarial run
(2 million shared strings, a million-row sheet, malformed XML, deep nesting,
numbers of thousands of digits) but only just past the limits, so the
limits, not the size, are what refuse them.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.core.export.xlsx import render_xlsx
from perfdesk.core.files import safe_zip, workbook_limits, xlsx_import
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.opening import open_document
from perfdesk.core.model.document import MAX_INDICATORS
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.file_samples import filled_document
from tests.core.files.refusals import assert_clean_refusal

NAME = "攻击.xlsx"
DATA_SHEET_XML = "xl/worksheets/sheet2.xml"  # the very hidden `_perfdesk` sheet of an export
SHARED = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def exported() -> dict[str, bytes]:
    """The entries of a real exported workbook, to be tampered with."""
    data = render_xlsx(filled_document(), TemplateLibrary().get("national-2020"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _build(tmp_path: Path, entries: dict[str, bytes], entry: str, data: bytes) -> Path:
    """The exported workbook with `entry` replaced by `data`."""
    path = tmp_path / NAME
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**entries, entry: data}.items():
            archive.writestr(name, content)
    return path


def _sheet(rows: str) -> bytes:
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def _outcome(path: Path) -> str | None:
    """None when `path` opens, else its refusal, checked to be one clean Chinese sentence."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            open_document(path)
            error = None
        except DocumentFileError as exc:
            error = exc
    assert not caught, [str(w.message) for w in caught]  # no library warning reaches the user
    if error is None:
        return None
    assert_clean_refusal(error, NAME)
    return error.message


def _refusal(path: Path) -> str:
    message = _outcome(path)
    assert message is not None, "opened"
    return message


def test_huge_shared_strings_table_refused_naming_the_limit(tmp_path, exported):
    strings = "".join(f"<si><t>{i}</t></si>" for i in range(workbook_limits.MAX_SHARED_STRINGS + 1))
    path = _build(tmp_path, exported, SHARED, f'<sst xmlns="{MAIN_NS}">{strings}</sst>'.encode())
    assert f"{workbook_limits.MAX_SHARED_STRINGS:,}" in _refusal(path)


def test_prefixed_shared_strings_are_counted_too(tmp_path, exported):
    strings = "".join(f"<s:si><s:t>{i}</s:t></s:si>" for i in range(workbook_limits.MAX_SHARED_STRINGS + 1))
    path = _build(tmp_path, exported, SHARED, f'<s:sst xmlns:s="{MAIN_NS}">{strings}</s:sst>'.encode())
    assert f"{workbook_limits.MAX_SHARED_STRINGS:,}" in _refusal(path)


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "all-row-1"])
def test_million_row_sheet_refused_naming_the_limit(tmp_path, exported, numbered):
    rows = "".join(f'<row r="{i if numbered else 1}"/>' for i in range(1, workbook_limits.MAX_ROWS + 2))
    path = _build(tmp_path, exported, DATA_SHEET_XML, _sheet(rows))
    assert f"{workbook_limits.MAX_ROWS:,}" in _refusal(path)


def test_too_many_cells_refused_naming_the_limit(tmp_path, exported):
    cells = "".join(f"<c><v>{i}</v></c>" for i in range(workbook_limits.MAX_CELLS + 1))
    path = _build(tmp_path, exported, DATA_SHEET_XML, _sheet(f'<row r="1">{cells}</row>'))
    assert f"{workbook_limits.MAX_CELLS:,}" in _refusal(path)


def test_utf16_xml_cannot_hide_its_elements(tmp_path, exported):
    text = '<?xml version="1.0" encoding="UTF-16"?>' + _sheet('<row r="1"/>').decode()[21:]
    path = _build(tmp_path, exported, DATA_SHEET_XML, text.encode("utf-16"))
    assert "UTF" in _refusal(path)


MALFORMED = {
    "truncated-sheet": (DATA_SHEET_XML, _sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>')[:-40]),
    "garbage-workbook": ("xl/workbook.xml", b"<workbook><sheets><sheet name="),
    "shared-string-index-out-of-range": (DATA_SHEET_XML, _sheet('<row r="1"><c r="A1" t="s"><v>99999</v></c></row>')),
    "negative-shared-string-index": (DATA_SHEET_XML, _sheet('<row r="1"><c r="A1" t="s"><v>-5</v></c></row>')),
    "text-where-index-expected": (DATA_SHEET_XML, _sheet('<row r="1"><c r="A1" t="s"><v>abc</v></c></row>')),
    "entity-declaration": (DATA_SHEET_XML, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                           + _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>')[21:]),
    "bad-cell-reference": (DATA_SHEET_XML, _sheet('<row r="1"><c r="ZZZZZZ99999999"><v>1</v></c></row>')),
    "bad-row-number": (DATA_SHEET_XML, _sheet('<row r="x"><c r="A1"><v>1</v></c></row>')),
    "unknown-style-override": ("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Override PartName="/x" Bogus="1"/></Types>'),
    "styles-garbage": ("xl/styles.xml", b'<styleSheet xmlns="' + MAIN_NS.encode() + b'"><numFmts count="x"><numFmt/>'
                       b"</numFmts></styleSheet>"),
}


@pytest.mark.parametrize("family", list(MALFORMED))
def test_malformed_xml_refused_in_chinese(tmp_path, exported, family):
    """Refused in one Chinese sentence, or (a data sheet that merely holds no marker, as a
    negative string index gives) read from the visible sheet as a hand-made table."""
    entry, data = MALFORMED[family]
    outcome = _outcome(_build(tmp_path, exported, entry, data))
    assert outcome is not None or family == "negative-shared-string-index"


DEEP = [(entry, tag) for entry in (DATA_SHEET_XML, "xl/workbook.xml", "xl/styles.xml", SHARED)
        for tag in ("x", "si", "row")]
DEEP += [("[Content_Types].xml", "Override"), ("xl/_rels/workbook.xml.rels", "Relationship")]


@pytest.mark.parametrize(("entry", "tag"), DEEP)
def test_deep_nesting_opens_or_is_refused_in_chinese(tmp_path, exported, entry, tag):
    deep = f"<{tag}>" * 50_000 + f"</{tag}>" * 50_000
    text = exported[entry].decode()
    root_end = text.index(">", text.index("<", text.index("?>") + 2)) + 1  # after the root element's start tag
    _outcome(_build(tmp_path, exported, entry, (text[:root_end] + deep + text[root_end:]).encode()))


@pytest.mark.parametrize("number", ["9" * 5000, "1e400", "-1e400", "NaN", "1" * 300 + ".5"])
def test_huge_numbers_in_the_data_sheet_never_reach_the_user_raw(tmp_path, exported, number):
    """No marker there: the workbook is read as a hand-made table from its visible sheet
    (or refused in Chinese); the numbers are never parsed into a crash or an English error."""
    sheet = _sheet(f'<row r="1"><c r="A1"><v>{number}</v></c></row><row r="2"><c r="A2"><v>{number}</v></c></row>')
    _outcome(_build(tmp_path, exported, DATA_SHEET_XML, sheet))  # checks any refusal is clean Chinese


def test_marker_claiming_a_million_chunks_refused_naming_the_limit(tmp_path, exported):
    marker = '{"format": "perfdesk-xlsx", "version": 1, "chunks": 1000000}'
    sheet = _sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{marker}</t></is></c></row>')
    message = _refusal(_build(tmp_path, exported, DATA_SHEET_XML, sheet))
    assert "上限" in message


def test_a_sheet_with_its_last_row_a_million_rows_down_is_read_only_as_far_as_the_data_can_go(tmp_path, exported):
    """openpyxl pads the gap before a far `<row r>` with empty rows (a million from a few bytes): read stops early."""
    marker = '{"format": "perfdesk-xlsx", "version": 1, "chunks": 1}'
    far = '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    rows = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{marker}</t></is></c></row>{far}'
    path = _build(tmp_path, exported, DATA_SHEET_XML, _sheet(rows))
    assert len(xlsx_import._data_column(path, NAME)) == xlsx_import.MAX_CHUNKS + 1
    assert "应有 1 段" not in _refusal(path)  # row 2 is read as empty, not missing


_XML_EDITS = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 10**7), st.sampled_from(
    [b"<", b">", b"\"", b"9" * 5000, b"1e400", b"<x>" * 200, b"&a;", b"\x00", b"-1", b'r="0"', b'<c t="s"><v>7'])),
    min_size=1, max_size=4)


@pytest.mark.timeout(300)
@settings(max_examples=int(os.environ.get("PERFDESK_FUZZ_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=_XML_EDITS)
def test_workbooks_with_mangled_xml_open_or_are_refused_in_chinese(tmp_path_factory, exported, edits):
    """Each edit overwrites bytes inside one entry's XML; the zip is rebuilt so the edits reach openpyxl."""
    entries = dict(exported)
    names = sorted(entries)
    for which, position, text in edits:
        name = names[which % len(names)]
        data = bytearray(entries[name])
        at = position % len(data)
        data[at:at + len(text)] = text
        entries[name] = bytes(data)
    path = tmp_path_factory.mktemp("mangled") / NAME
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    _outcome(path)


@pytest.mark.slow  # exports 5,000 indicators (several seconds)
def test_the_largest_accepted_table_exports_to_a_workbook_that_reopens(tmp_path):
    """The .pdesk limits and the workbook limits agree: every text different, the most indicators allowed."""
    from perfdesk.core.export.xlsx import export_xlsx
    from tests.core.xlsx_samples import generated_document

    profile = TemplateLibrary().get("national-2020")
    doc = generated_document(profile, MAX_INDICATORS)
    for i, (_, _, _, indicator) in enumerate(doc.iter_indicators()):
        indicator.name, indicator.target, indicator.actual = f"指标{i}", f"≥{i}人", f"{i}人"
        indicator.reason, indicator.manual_reason = f"原因{i}", f"理由{i}"
    path = tmp_path / NAME
    export_xlsx(doc, profile, path)
    assert open_document(path) == doc


def test_utf16_is_seen_even_when_the_first_inflated_piece_is_one_byte(tmp_path, exported, monkeypatch):
    """Empty deflate blocks can make the first piece tiny; the check waits for two bytes."""
    real = workbook_limits.ElementTally.feed

    def one_byte_at_a_time(self, piece):
        for i in range(len(piece)):
            real(self, piece[i:i + 1])

    monkeypatch.setattr(workbook_limits.ElementTally, "feed", one_byte_at_a_time)
    text = '<?xml version="1.0" encoding="UTF-16"?>' + _sheet('<row r="1"/>').decode()[21:]
    with pytest.raises(DocumentFileError, match="UTF-8"):
        safe_zip.check_workbook(_build(tmp_path, exported, DATA_SHEET_XML, text.encode("utf-16")))


RECORDS = {  # workbook records openpyxl parses whole at load (the sheet list in quadratic time)
    "sheets": ("xl/workbook.xml", "<sheets>", '<sheet name="s{i}" sheetId="{j}" r:id="rId1"/>', "MAX_SHEETS"),
    "defined names": ("xl/workbook.xml", "<definedNames>", '<definedName name="n{i}">A!$A$1</definedName>',
                      "MAX_NAMES"),
    "fonts": ("xl/styles.xml", "</fonts>", '<font><sz val="{i}"/></font>', "MAX_STYLES"),
    "cell formats": ("xl/styles.xml", "</cellXfs>", '<xf numFmtId="0" fontId="0" xfId="{i}"/>', "MAX_STYLES"),
}


@pytest.mark.parametrize("family", list(RECORDS))
def test_too_many_workbook_records_refused_naming_the_limit(tmp_path, exported, family):
    entry, anchor, record, limit_name = RECORDS[family]
    limit = getattr(workbook_limits, limit_name)
    records = "".join(record.format(i=i, j=i + 10) for i in range(limit + 1))
    text = exported[entry].decode()
    at = text.index(anchor) + (len(anchor) if anchor.startswith("<") and not anchor.startswith("</") else 0)
    path = _build(tmp_path, exported, entry, (text[:at] + records + text[at:]).encode())
    assert f"{limit:,}" in _refusal(path)


OTHER = {  # anything else openpyxl parses record by record, in any prefix or script
    "workbook views": ("xl/workbook.xml", "<bookViews>", '<workbookView xWindow="{i}"/>'),
    "style children": ("xl/styles.xml", "<fonts count=\"4\"><font>", '<sz val="{i}"/>'),
    "content types": ("[Content_Types].xml", '-types">', '<Override PartName="/x{i}.xml" ContentType="a/b"/>'),
    "relationships": ("xl/_rels/workbook.xml.rels", 'relationships">', '<Relationship Id="x{i}" Type="t" Target="x"/>'),
    "non-ASCII names": ("xl/workbook.xml", "<bookViews>", '<视图{i}/>'),
}


@pytest.mark.parametrize("family", list(OTHER))
def test_too_many_other_elements_refused_naming_the_limit(tmp_path, exported, family):
    entry, anchor, record = OTHER[family]
    text = exported[entry].decode()
    at = text.index(anchor) + len(anchor)
    records = "".join(record.format(i=i) for i in range(workbook_limits.MAX_OTHER + 1))
    path = _build(tmp_path, exported, entry, (text[:at] + records + text[at:]).encode())
    assert f"{workbook_limits.MAX_OTHER:,}" in _refusal(path)


def test_too_many_cell_contents_refused_naming_the_limit(tmp_path, exported):
    texts = "".join(f"<t>{i}</t>" for i in range(workbook_limits.MAX_VALUES + 1))
    path = _build(tmp_path, exported, SHARED, f'<sst xmlns="{MAIN_NS}"><si>{texts}</si></sst>'.encode())
    assert f"{workbook_limits.MAX_VALUES:,}" in _refusal(path)


def test_a_library_warning_goes_to_the_log_not_the_screen(tmp_path, exported):
    """openpyxl warns about a bad relationship part (with an installation path, once); the user sees one sentence."""
    from perfdesk.core.files import problem_log

    entry = "xl/_rels/workbook.xml.rels"
    path = _build(tmp_path, exported, entry, exported[entry].replace(b'relationships">', b'relationships"><x/>'))
    _refusal(path)
    assert "invalid dependency definitions" in problem_log.log_path().read_text(encoding="utf-8")
