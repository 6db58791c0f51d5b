"""Workbooks are checked before openpyxl touches them."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile

import pytest

from perfdesk.core.files import safe_zip
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.safe_zip import check_workbook, harden_xml
from tests.core.zip_samples import lying_bomb, real_workbook, zeros_bomb


def test_ordinary_workbook_passes(tmp_path):
    check_workbook(real_workbook(tmp_path / "表.xlsx"))


def test_zip_bomb_refused_by_its_declared_size(tmp_path):
    path = zeros_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(DocumentFileError, match="解压后将达 300 MB，超过上限 100 MB.*压缩炸弹"):
        check_workbook(path)


def test_bomb_lying_about_its_size_is_caught_while_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_RATIO", 10**6)  # let it past the directory checks
    path = lying_bomb(tmp_path / "liar.xlsx")
    assert zipfile.ZipFile(path).infolist()[0].file_size == 5000
    with pytest.raises(DocumentFileError, match="实际解压大小超过其声明的大小"):
        check_workbook(path)


def test_absurd_compression_ratio_refused(tmp_path):
    with pytest.raises(DocumentFileError, match="压缩比异常"):
        check_workbook(zeros_bomb(tmp_path / "ratio.xlsx", megabytes=5))


def test_too_many_entries(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(safe_zip.MAX_ENTRIES + 1):
            archive.writestr(f"f{i}.xml", "")
    with pytest.raises(DocumentFileError, match="包含 2,001 个内部文件"):
        check_workbook(path)


@pytest.mark.parametrize("content", [b"", b"plain text", b"PK\x03\x04broken"])
def test_not_a_zip(tmp_path, content):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(DocumentFileError, match="不是有效的 Excel 工作簿"):
        check_workbook(path)


def test_old_xls_or_password_protected(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DocumentFileError, match="旧版 .xls 文件或设置了打开密码"):
        check_workbook(path)


def test_unsupported_compression(tmp_path):
    path = tmp_path / "bz.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.xml", "<a/>")
    with pytest.raises(DocumentFileError, match="不支持的压缩方式"):
        check_workbook(path)


def test_corrupt_deflate_data(tmp_path):
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", "<a>" + "数据" * 2000 + "</a>")
    data = bytearray(path.read_bytes())
    data[60:90] = b"\xff" * 30
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentFileError, match="已损坏|不是有效的 Excel"):
        check_workbook(path)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentFileError, match="不存在"):
        check_workbook(tmp_path / "none.xlsx")


def test_harden_xml_refuses_entities():
    from defusedxml import EntitiesForbidden

    harden_xml()
    with pytest.raises(EntitiesForbidden):
        ElementTree.fromstring('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')


def test_openpyxl_parses_with_defusedxml():
    """openpyxl switches to defusedxml by itself when it is installed (and not disabled)."""
    from openpyxl import xml as openpyxl_xml

    assert openpyxl_xml.DEFUSEDXML
