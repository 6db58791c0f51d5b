"""RTF documents (what reporting systems export as "Word", often named `.doc`): the corpus saved as RTF
by LibreOffice read field by field, Chinese written as GBK bytes, fields, and damaged files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.imports.importer import import_file, read_grids
from tests.core.imports.corpus import VARIANTS, content_for
from tests.core.imports.test_corpus import assert_document
from tests.core.imports.test_word_binary import _field
from tests.core.libreoffice import converted, corpus_saved_as


@pytest.fixture(scope="module")
def rtf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus variant as an RTF, saved by LibreOffice from its Word table (one run for all)."""
    return corpus_saved_as(tmp_path_factory.mktemp("rtf"), "rtf")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_saved_as_rtf_is_read_field_by_field(variant: str, rtf: Path, library) -> None:
    layout, options = VARIANTS[variant]
    result = import_file(rtf / f"{variant}.rtf", library)
    assert len(result.tables) == 1
    assert_document(result.tables[0].document, content_for(options), layout, "rtf")


def _as_gbk(text: str) -> str:
    """The RTF with its Chinese written as GBK bytes (`\\'c4\\'ea`) under `\\ansicpg936`, as Word and WPS
    on a Chinese Windows write it, instead of LibreOffice's `\\u24180\\'3f`."""
    def gbk(match: re.Match[str]) -> str:
        return "".join(f"\\'{byte:02x}" for byte in chr(int(match.group(1))).encode("gbk"))

    return re.sub(r"\\u(\d+)\\'3f", gbk, text).replace("\\ansi\\", "\\ansi\\ansicpg936\\", 1)


def test_chinese_written_as_gbk_bytes_and_an_rtf_named_doc(rtf: Path, tmp_path: Path, library) -> None:
    layout, options = VARIANTS["sichuan-labels"]
    text = _as_gbk((rtf / "sichuan-labels.rtf").read_text(encoding="latin-1"))
    assert not re.search(r"\\u[2-3]\d{4}\\'3f", text)  # no Chinese character left as \uN
    (tmp_path / "导出.doc").write_text(text, encoding="latin-1")
    assert_document(import_file(tmp_path / "导出.doc", library).tables[0].document, content_for(options), layout,
                    "rtf")


def test_field_codes_are_dropped_and_what_they_show_kept(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目名称"
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("见")
    link = _field('HYPERLINK "http://example.org/a"', "公示网页")
    for run in parse_xml(f'<w:p {nsdecls("w")}>{link}</w:p>'):
        cell._p.append(run)
    document.save(str(tmp_path / "fields.docx"))
    grid = read_grids(converted([tmp_path / "fields.docx"], "rtf", tmp_path)[0])[0]
    assert [grid.text(0, 0), grid.text(0, 1)] == ["项目名称", "见公示网页"]


def test_damaged_rtf_is_read_or_refused_never_a_crash(rtf: Path, tmp_path: Path) -> None:
    """Cut short, braces unbalanced, random bytes (seeded: the same files every run)."""
    data = (rtf / "national.rtf").read_bytes()
    rng = random.Random(20261202)
    cases = [data[: len(data) // 2], data.replace(b"}", b""), data.replace(b"{", b"", 40), b"{\\rtf1 " + bytes(300)]
    for _ in range(30):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(data))] = rng.choice(b"{}\\'0123456789abcdefu ")
        cases.append(bytes(damaged))
    for i, content in enumerate(cases):
        path = tmp_path / f"damaged-{i}.rtf"
        path.write_bytes(content)
        try:
            import_file(path)
        except DocumentFileError as err:
            assert path.name in str(err)
