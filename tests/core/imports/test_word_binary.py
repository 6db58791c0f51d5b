"""Word 97–2003 (.doc) and WPS (.wps) files: the corpus written by LibreOffice read field by field,
field codes and nested tables, and damaged or hostile files refused in Chinese."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.imports.importer import import_file, read_grids
from tests.core.imports.corpus import VARIANTS, content_for
from tests.core.imports.test_corpus import assert_document
from tests.core.imports.test_import_files import _refused
from tests.core.libreoffice import converted, corpus_saved_as


@pytest.fixture(scope="module")
def word_97(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus variant as a .doc, saved by LibreOffice (one run for all)."""
    return corpus_saved_as(tmp_path_factory.mktemp("doc"), "doc")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_saved_as_doc_is_read_field_by_field(variant: str, word_97: Path, library) -> None:
    layout, options = VARIANTS[variant]
    result = import_file(word_97 / f"{variant}.doc", library)
    assert len(result.tables) == 1
    assert_document(result.tables[0].document, content_for(options), layout, "doc")


def _lower_case_streams(data: bytes) -> bytes:
    """The file with its streams named in lower case, as some writers name them (names are case-blind)."""
    for name in ("WordDocument", "1Table", "0Table"):
        data = data.replace(name.encode("utf-16-le"), name.lower().encode("utf-16-le"))
    return data


def test_a_wps_file_and_a_doc_named_xls_are_read_by_what_they_are(word_97: Path, tmp_path: Path, library) -> None:
    data = (word_97 / "national.doc").read_bytes()
    layout, options = VARIANTS["national"]
    files = {"表.wps": data, "表.xls": data, "表.docx": data, "小写.doc": _lower_case_streams(data)}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        assert_document(import_file(tmp_path / name, library).tables[0].document, content_for(options), layout, "doc")


def _field(instruction: str, shown: str) -> str:
    """A Word field (`HYPERLINK …`, `PAGE`) as runs: begin, its code, separator, what it shows, end."""
    return (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>'
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


def test_field_codes_are_dropped_and_what_they_show_kept(tmp_path: Path) -> None:
    document = docx.Document()
    title = document.add_paragraph("第")
    for run in parse_xml(f'<w:p {nsdecls("w")}>{_field("PAGE", "1")}</w:p>'):
        title._p.append(run)
    title.add_run("页")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目名称", ""
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("见")
    link = _field('HYPERLINK "http://example.org/a"', "公示网页")
    for run in parse_xml(f'<w:p {nsdecls("w")}>{link}</w:p>'):
        cell._p.append(run)
    table.cell(1, 0).text, table.cell(1, 1).text = "主管部门", "某县财政局"
    document.save(str(tmp_path / "fields.docx"))
    grid = read_grids(converted([tmp_path / "fields.docx"], "doc", tmp_path)[0])[0]
    texts = {grid.text(r, c) for r in range(grid.rows) for c in range(grid.cols)}
    assert {"第1页", "项目名称", "见公示网页", "主管部门", "某县财政局"} <= texts
    assert not any("HYPERLINK" in t or "PAGE" in t or "\x13" in t for t in texts)


def test_a_table_inside_a_cell_is_read_as_that_cells_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("2023年度项目支出绩效自评表")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标")):
        table.cell(0, c).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "产出指标", "数量指标"
    inner = table.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "新建水厂", "2座"
    document.add_paragraph("填报人：李华")
    document.save(str(tmp_path / "nested.docx"))
    grid = read_grids(converted([tmp_path / "nested.docx"], "doc", tmp_path)[0])[0]
    assert grid.text(0, 0) == "2023年度项目支出绩效自评表" and grid.row_names[0] == "表前第1段"
    assert [grid.text(1, c) for c in range(3)] == ["一级指标", "二级指标", "三级指标"]
    assert grid.text(2, 0) == "产出指标" and "新建水厂" in grid.text(2, 2) and "2座" in grid.text(2, 2)
    assert grid.text(3, 0) == "填报人：李华" and grid.row_names[3] == "表后第1段"


def _fib_at(data: bytes) -> int:
    """Where the WordDocument stream (its FIB) starts in the file: a sector starting with Word's mark."""
    for at in range(512, len(data), 512):
        if data[at:at + 2] == b"\xec\xa5" and struct.unpack_from("<H", data, at + 2)[0] >= 0xC1:
            return at
    raise AssertionError("no FIB")


def _patched(data: bytes, at: int, value: bytes) -> bytes:
    return data[:at] + value + data[at + len(value):]


def test_encrypted_old_and_cut_word_files_are_refused_in_chinese(word_97: Path, tmp_path: Path) -> None:
    data = (word_97 / "national.doc").read_bytes()
    fib = _fib_at(data)
    flags = struct.unpack_from("<H", data, fib + 0x0A)[0]
    cases = {
        "locked.doc": (_patched(data, fib + 0x0A, struct.pack("<H", flags | 0x0100)), ("密码", ".docx")),
        "word95.doc": (_patched(data, fib + 2, struct.pack("<H", 0x68)), ("Word 95", "另存为")),
        "cut.doc": (data[: len(data) // 3], ("另存为",)),
        "no-mark.doc": (_patched(data, fib, b"\0\0"), ("另存为",)),
    }
    for name, (content, words) in cases.items():
        (tmp_path / name).write_bytes(content)
        _refused(tmp_path / name, *words)


def test_a_word_file_without_a_table_says_so(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("2023年度社区矫正项目资金绩效自评报告")
    document.add_paragraph("一、项目概况")
    document.save(str(tmp_path / "report.docx"))
    _refused(converted([tmp_path / "report.docx"], "doc", tmp_path)[0], "没有找到自评表")


def test_damaged_bytes_anywhere_are_read_or_refused_never_a_crash(word_97: Path, tmp_path: Path) -> None:
    """Random bytes written over a real .doc (seeded: the same files every run), many in the FIB and the
    table stream's piece table and property pages, where a reader trusts offsets and sizes."""
    data = (word_97 / "national.doc").read_bytes()
    fib = _fib_at(data)
    rng = random.Random(20261202)
    for i in range(120):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            at = rng.choice((fib + rng.randrange(0x200), rng.randrange(len(data))))
            damaged[at] = rng.randrange(256)
        path = tmp_path / f"damaged-{i}.doc"
        path.write_bytes(bytes(damaged))
        try:
            import_file(path)
        except DocumentFileError as err:
            assert path.name in str(err)


def test_cells_a_row_end_does_not_describe_still_get_columns_of_their_own() -> None:
    """Edges a few twips apart are one column; cells without edges take the next columns."""
    from perfdesk.core.imports.word_tables import EdgeRow, edge_table

    described = EdgeRow(["一级指标", "二级指标", "三级指标"], [0, 1000, 2000, 3000], {}, set())
    short = EdgeRow(["产出指标", "数量指标", "新建水厂", "2座"], [0, 1000, 2010], {}, set())
    bare = EdgeRow(["满意度指标", "满意度"], [], {}, set())
    rows = edge_table([described, short, bare])
    assert [[(c.col, c.span, c.text) for c in row] for row in rows] == [
        [(0, 1, "一级指标"), (1, 1, "二级指标"), (2, 1, "三级指标")],
        [(0, 1, "产出指标"), (1, 1, "数量指标"), (2, 1, "新建水厂"), (3, 1, "2座")],
        [(0, 1, "满意度指标"), (1, 1, "满意度")],
    ]


def test_characters_beyond_the_basic_plane_keep_the_rows_apart(tmp_path: Path) -> None:
    """𠮷 (in names) or an emoji is two UTF-16 units in Word's text positions, one character in Python:
    four of them before a table once shifted every paragraph mark onto its neighbour's properties, and
    the table's three rows were read as one row of twelve cells."""
    document = docx.Document()
    document.add_paragraph("填报人：王𠮷、李𠀋、陈😀")
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(0, 0).text = "00𠮷"
    document.save(str(tmp_path / "astral.docx"))
    grid = read_grids(converted([tmp_path / "astral.docx"], "doc", tmp_path)[0])[0]
    assert grid.text(0, 0) == "填报人：王𠮷、李𠀋、陈😀"
    assert [[grid.text(r, c) for c in range(grid.cols)] for r in range(1, grid.rows)] == [
        ["00𠮷", "01", "02"], ["10", "11", "12"], ["20", "21", "22"]]


def test_a_property_page_listed_many_times_is_read_once() -> None:
    """A damaged or hostile PlcBtePapx naming one 512-byte page 200,000 times (a 50 MB file could name it
    six million times, each holding up to 29 paragraphs) costs one page, not a list of every repeat."""
    from types import SimpleNamespace

    from perfdesk.core.imports.read_doc import _Runs

    page = bytearray(512)
    struct.pack_into("<II", page, 0, 1024, 1100)  # one paragraph, bytes 1024 to 1100, no properties
    page[511] = 1
    word = bytes(1024) + bytes(page)
    count = 200_000
    plc = struct.pack(f"<{count + 1}I", *range(count + 1)) + struct.pack(f"<{count}I", *[2] * count)
    runs = _Runs(word, plc, b"", SimpleNamespace(papx_at=0, papx_size=len(plc)))  # type: ignore[arg-type]
    assert runs.starts == [1024] and runs.ends == [1100]


def tracked_changes_docx(path: Path) -> Path:
    """A table whose cell was edited with 修订 on: `98%` deleted, `95%` inserted, not yet accepted."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "实际完成值"
    changes = (f'<w:del {nsdecls("w")} w:id="1" w:author="审核人" w:date="2023-12-01T00:00:00Z"><w:r>'
               '<w:delText>98%</w:delText></w:r></w:del>'
               f'<w:ins {nsdecls("w")} w:id="2" w:author="审核人" w:date="2023-12-01T00:00:00Z"><w:r>'
               '<w:t>95%</w:t></w:r></w:ins>')
    for node in parse_xml(f'<w:p {nsdecls("w")}>{changes}</w:p>'):
        table.cell(0, 1).paragraphs[0]._p.append(node)
    document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", ["doc", "rtf"])
def test_text_deleted_in_tracked_changes_is_not_read(suffix: str, tmp_path: Path) -> None:
    """A county's table passed round for 修订 keeps the deleted text in the file: it is not the table's."""
    source = tracked_changes_docx(tmp_path / "修订.docx")
    grid = read_grids(converted([source], suffix, tmp_path)[0])[0]
    assert [grid.text(0, 0), grid.text(0, 1)] == ["实际完成值", "95%"]
    assert [grid.text(0, 0), grid.text(0, 1)] == [read_grids(source)[0].text(0, c) for c in range(2)]
