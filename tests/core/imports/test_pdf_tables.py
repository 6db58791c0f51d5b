"""PDF tables: the corpus saved as PDF by LibreOffice read field by field (rows and merged cells cut by
page breaks included), PerfDesk's own printed PDF read back, several projects in one PDF, and scanned,
locked or damaged PDFs refused in Chinese."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from PIL import Image

from perfdesk.core.export.pdf import export_pdf
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.storage import load_document
from perfdesk.core.imports.importer import import_file, read_grids
from perfdesk.core.imports.read_pdf import _Cell, _continues, _cut_row
from perfdesk.core.rules.analysis import analyse
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx
from tests.core.imports.test_corpus import assert_document
from tests.core.imports.test_import_files import _refused
from tests.core.libreoffice import converted, corpus_saved_as

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ziyang-community-correction-2022.pdesk"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus variant as a PDF, saved by LibreOffice from its Word table (one run for all)."""
    return corpus_saved_as(tmp_path_factory.mktemp("pdf"), "pdf")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_printed_to_pdf_is_read_field_by_field(variant: str, printed: Path, library) -> None:
    """The corpus's tables run over two pages: merged labels, a whole group's 分值 and rows are cut."""
    layout, options = VARIANTS[variant]
    result = import_file(printed / f"{variant}.pdf", library)
    assert len(result.tables) == 1
    assert_document(result.tables[0].document, content_for(options), layout, "pdf")


def _indicators(doc) -> list[tuple[str, ...]]:
    return [(i.name, i.target, i.actual, i.weight, i.reason)
            for l1 in doc.level1 for g in l1.groups for i in g.indicators]


def test_perfdesks_own_pdf_reads_back_as_the_document(tmp_path: Path, library) -> None:
    """A supervisor may get only the printed PDF: its two pages (header row repeated, footers between)
    give back every indicator, weight and the project and funds, and the scores printed beside them
    are read as claimed scores that all agree with the rules."""
    doc = load_document(EXAMPLE)
    profile = library.get(doc.template_id)
    export_pdf(doc, profile, tmp_path / "打印件.pdf")
    result = import_file(tmp_path / "打印件.pdf", library)
    assert len(result.tables) == 1
    back = result.tables[0].document
    assert (back.project.name, back.project.implementer, back.project.year) == (
        doc.project.name, doc.project.implementer, doc.project.year)
    assert _indicators(back) == _indicators(doc)
    assert [g.weight for l1 in back.level1 for g in l1.groups] == [g.weight for l1 in doc.level1 for g in l1.groups]
    assert back.funds.rows[0].executed == doc.funds.rows[0].executed
    assert back.goals.expected == doc.goals.expected
    claims = analyse(back, profile).claims
    assert len(claims) > 10 and all(claim.agrees for claim in claims)


def test_two_projects_on_consecutive_pages_stay_two_tables(tmp_path: Path, library) -> None:
    layout, options = VARIANTS["national"]
    first = render(content_for(options), layout)
    second = render(replace(content_for(options), name="第二个项目"), layout)
    write_docx([first, second], tmp_path / "两个项目.docx")
    result = import_file(converted([tmp_path / "两个项目.docx"], "pdf", tmp_path)[0], library)
    assert [t.document.project.name for t in result.tables] == ["农村饮水安全巩固提升工程", "第二个项目"]


def test_a_project_starting_a_page_with_its_label_on_two_lines_is_a_table_of_its_own(tmp_path: Path, library) -> None:
    """`项目\n名称` (a narrow label column broken by hand) is still the first row of a new 自评表: the second
    project, starting at the top of the page after the first one ends, was glued to it without its name."""
    layout, options = VARIANTS["national"]
    names = ["农村饮水安全巩固提升工程", "第二个项目"]
    sheets = [render(replace(content_for(options), name=name), layout) for name in names]
    for sheet in sheets:
        sheet.cells = {at: "项目\n名称" if value == "项目名称" else value for at, value in sheet.cells.items()}
    write_docx(sheets, tmp_path / "两页两个项目.docx")
    document = docx.Document(str(tmp_path / "两页两个项目.docx"))
    second_title = [paragraph for paragraph in document.paragraphs if paragraph.text == "附件1"][1]
    second_title.paragraph_format.page_break_before = True
    document.save(str(tmp_path / "两页两个项目.docx"))
    result = import_file(converted([tmp_path / "两页两个项目.docx"], "pdf", tmp_path)[0], library)
    assert [t.document.project.name for t in result.tables] == names


def _pushed_down(folder: Path, variant: str, blank: int) -> Path:
    """The variant as a Word table with `blank` empty paragraphs above it, so a page break falls where wanted."""
    layout, options = VARIANTS[variant]
    path = folder / f"{variant}-{blank:02d}.docx"
    write_docx([render(content_for(options), layout)], path)
    document = docx.Document(str(path))
    for _ in range(blank):
        document.paragraphs[0].insert_paragraph_before("")
    document.save(str(path))
    return path


def test_a_two_row_header_cut_by_a_page_break_keeps_its_second_row(tmp_path: Path, library) -> None:
    """Yunnan's header: 年度指标值 over 指标性质 | 指标值 | 度量单位, the labels beside it merged down both rows.
    Cut inside it, the second row was joined into 年度指标值 and every target lost its value (9 blank
    paragraphs: the header's second row is cut; 10: its first row is)."""
    layout, options = VARIANTS["yunnan-split"]
    sources = [_pushed_down(tmp_path, "yunnan-split", blank) for blank in (9, 10)]
    for pdf in converted(sources, "pdf", tmp_path):
        assert_document(import_file(pdf, library).tables[0].document, content_for(options), layout, "pdf")


def test_a_table_with_other_columns_goes_on_only_where_its_first_row_has_the_old_ones() -> None:
    old = [0.0, 100.0, 200.0, 300.0]
    more = [0.0, 50.0, 200.0, 300.0]  # the indicators' columns, not on the first page
    cut_row = {(0, 0): _Cell(1, 2, "转资金", False), (0, 2): _Cell(1, 1, "15.5", False)}
    title_row = {(0, 0): _Cell(1, 3, "附表2 项目明细", False)}
    assert _continues(old, more, cut_row)
    assert not _continues(old, more, title_row)  # a table as wide, its own title as wide: another table
    assert not _continues(old, [0.0, 50.0, 200.0, 250.0], cut_row)  # narrower: another table


def test_text_turned_by_words_text_direction_reads_in_order(tmp_path: Path) -> None:
    """A 一级 label merged down and turned counter-clockwise (文字方向) is drawn bottom to top, its lines left
    to right: it was read as one character a line, backwards (`标\n指\n出\n产`)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    label = table.cell(0, 0).merge(table.cell(2, 0))
    label.text = "产出指标（50分）其中包括数量与质量两项较长的说明文字"
    label._tc.get_or_add_tcPr().append(parse_xml(f'<w:textDirection {nsdecls("w")} w:val="btLr"/>'))
    for r in range(3):
        table.cell(r, 1).text = f"数量指标{r}"
    document.save(str(tmp_path / "文字方向.docx"))
    grid = read_grids(converted([tmp_path / "文字方向.docx"], "pdf", tmp_path)[0])[0]
    assert grid.text(0, 0) == "产出指标（50分）其中包括数量与质量两项较长的说明文字"
    assert [grid.text(r, 1) for r in range(3)] == ["数量指标0", "数量指标1", "数量指标2"]


def _cell(text: str, free: float = 30.0, lead: float = 11.0) -> _Cell:
    """A one-row cell of a table part: `free` points left on its last line, `lead` what starts its first."""
    return _Cell(1, 1, text, False, free, lead)


def test_a_row_cut_by_a_page_break_is_joined_only_when_it_is_the_rest_of_one() -> None:
    """Judged by the lines: where the row above's last line in a column had no room for what starts the
    cell below, its text was wrapped there and goes on; where it had room, it ended, and the text below
    is a row of its own."""
    above = {0: _cell("效益指标"), 1: _cell("社会效益指标"), 2: _cell("1.受益", free=5), 3: _cell("≥3000", free=4),
             4: _cell("3000", free=4), 5: _cell("20"), 6: _cell("20")}
    assert _cut_row(above, {2: _cell("人口"), 3: _cell("人"), 4: _cell("人")})
    assert _cut_row({**above, 4: _cell("13800001", free=2)}, {4: _cell("111", lead=18)})  # a phone number goes on
    assert not _cut_row(above, {2: _cell("2.饮水安全达标率"), 3: _cell("达标")})  # numbered: a row of its own
    assert not _cut_row(above, {2: _cell("饮水安全达标率"), 5: _cell("10", lead=12)})  # `20` had room: it ended
    narrow = {**above, 0: _cell("满意度指标（10分）", free=10), 5: _cell("10", free=18), 6: _cell("10", free=18)}
    assert not _cut_row(narrow, {0: _cell("总分"), 5: _cell("100", lead=21), 6: _cell("93.5", lead=17.5)})
    assert not _cut_row(above, {2: _cell("饮水安全达标率"), 7: _cell("原因")})  # text where the row above has none
    assert _cut_row({**above, 2: _cell("指标", free=15)}, {2: _cell("2：", lead=18)})  # `：` carried `2` down
    assert not _cut_row({**above, 2: _cell("指标2：", free=15)}, {2: _cell("……", lead=8)})  # `……` fitted: a row


def test_scanned_locked_and_cut_pdfs_are_refused_in_chinese(printed: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    Image.new("RGB", (600, 800), "white").save(tmp_path / "扫描件.pdf")
    _refused(tmp_path / "扫描件.pdf", "扫描件", "Excel 或 Word")
    writer = PdfWriter(clone_from=PdfReader(printed / "national.pdf"))
    writer.encrypt("秘密")
    writer.write(tmp_path / "加密.pdf")
    _refused(tmp_path / "加密.pdf", "密码")
    data = (printed / "national.pdf").read_bytes()
    (tmp_path / "半个.pdf").write_bytes(data[: len(data) // 2])
    try:
        import_file(tmp_path / "半个.pdf")  # pdfminer may recover the first page's table
    except DocumentFileError as err:
        assert "半个.pdf" in str(err)


def test_pages_over_the_bounds_are_skipped_and_not_called_scanned(tmp_path: Path) -> None:
    """A page ruled like graph paper (pdfplumber's table finder takes time growing with the square of its
    crossings: 120 × 120 lines took 15 seconds a page) or of dense text is not a 自评表 page: skipped, and
    the file is not called a scanned one, for it has text."""
    from reportlab.pdfgen import canvas

    graph = canvas.Canvas(str(tmp_path / "方格纸.pdf"), pagesize=(600, 800))
    for i in range(61):
        graph.line(20 + i * 9, 20, 20 + i * 9, 780)
        graph.line(20, 20 + i * 12, 580, 20 + i * 12)
    graph.drawString(30, 790, "grid")
    graph.save()
    dense = canvas.Canvas(str(tmp_path / "密文.pdf"), pagesize=(600, 800))
    dense.setFont("Helvetica", 3)
    for i in range(110):
        dense.drawString(10, 790 - i * 7, "x" * 200)
    dense.save()
    assert read_grids(tmp_path / "方格纸.pdf") == []
    for name in ("方格纸.pdf", "密文.pdf"):
        assert "扫描件" not in _refused(tmp_path / name, "没有找到自评表")


def test_damaged_bytes_anywhere_are_read_or_refused_never_a_crash(printed: Path, tmp_path: Path) -> None:
    """Random bytes written over a real PDF (seeded: the same files every run)."""
    data = (printed / "national.pdf").read_bytes()
    rng = random.Random(20261202)
    for i in range(25):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"damaged-{i}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            import_file(path)
        except DocumentFileError as err:
            assert path.name in str(err)


SWEPT = ("national", "sichuan-labels")
PUSHED = range(30)  # blank paragraphs above the table: the page break falls on every row in turn


@pytest.fixture(scope="module")
def pushed_down(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two variants printed 30 times each, pushed down by 0…29 blank paragraphs (one LibreOffice run)."""
    folder = tmp_path_factory.mktemp("pushed")
    converted([_pushed_down(folder, variant, blank) for variant in SWEPT for blank in PUSHED], "pdf", folder)
    return folder


@pytest.mark.parametrize("variant", SWEPT)
def test_a_page_break_anywhere_in_the_table_changes_nothing_read(variant: str, pushed_down: Path, library) -> None:
    """Cut headers, goals, indicators, merged labels, a group's 分值, the total and the signature rows."""
    layout, options = VARIANTS[variant]
    for blank in PUSHED:
        tables = import_file(pushed_down / f"{variant}-{blank:02d}.pdf", library).tables
        assert len(tables) == 1
        assert_document(tables[0].document, content_for(options), layout, "pdf")
