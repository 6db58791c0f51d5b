"""One row per file, read in a pool: what a supervisor's folder gives, including files that break."""

from __future__ import annotations

import multiprocessing
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.core.files.storage import load_document
from perfdesk.core.summary import batch
from perfdesk.core.summary.batch import summarize_paths
from perfdesk.core.summary.row import row_from_json, summarize_file
from perfdesk.core.summary.scan import table_files
from tests.summary_hostile import die_on_poison, hang_on_poison
from tests.summary_samples import mixed_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return mixed_folder(tmp_path_factory.mktemp("folder"))


def _rows(paths, workers=None):
    return {Path(r.file).name: r for b in summarize_paths(table_files(paths), workers) for r in b}


def test_scan_finds_every_table_once_and_skips_lock_and_other_files(folder) -> None:
    files = list(table_files([folder.root, folder.good[0]]))  # a file also named on its own: once
    assert len(files) == folder.tables
    assert not {f.name for f in files} & {"~$手工表.xlsx", "说明.txt", "x.pdesk"}


def test_a_file_named_explicitly_is_read_whatever_it_is_called(folder) -> None:
    assert list(table_files([folder.ignored[1]])) == [folder.ignored[1]]
    [row] = summarize_file(folder.ignored[1])
    assert not row.ok and "说明.txt" in row.error


def test_row_carries_the_figures_of_its_table(folder) -> None:
    [row] = summarize_file(folder.good[2])
    assert row.ok and row.name == "农村供水" and row.department == "水利局" and row.year == "2022"
    assert (row.budget, row.executed, row.rate) == (Decimal(100), Decimal(95), Decimal("0.95"))
    assert row.score == Decimal(100) and row.grade == "优"
    assert row.claimed == Decimal(95) and row.difference == Decimal(-5) and row.claims_differ >= 1
    assert row.code == _code(folder.good[2]) and row.errors == 0


def _code(path: Path) -> str:
    from perfdesk.core.files.fingerprint import verification_code

    return verification_code(load_document(path))


def test_errors_status_and_problems_are_counted(folder) -> None:
    [bad] = summarize_file(folder.with_errors)
    assert bad.errors >= 1 and bad.problems and "abc" in " ".join(bad.problems)
    assert summarize_file(folder.good[3])[0].review_status == "accepted"


def test_amounts_in_yuan_are_summed_as_wan(tmp_path, folder) -> None:
    doc = load_document(folder.good[0])
    doc.project.money_unit = "元"
    doc.funds.rows[0].budget, doc.funds.rows[0].executed = "380000", "196200"
    from perfdesk.core.files.storage import save_document

    save_document(doc, tmp_path / "元.pdesk")
    [row] = summarize_file(tmp_path / "元.pdesk")
    assert (row.budget, row.executed) == (Decimal(38), Decimal("19.62")) and not row.note
    doc.project.money_unit = "美元"
    save_document(doc, tmp_path / "美元.pdesk")
    [odd] = summarize_file(tmp_path / "美元.pdesk")
    assert odd.budget is None and "美元" in odd.note


def test_unreadable_files_are_rows_with_the_reason(folder) -> None:
    rows = _rows([folder.root], workers=0)
    for path in folder.broken:
        assert not rows[path.name].ok and path.name in rows[path.name].error
    assert rows["手工表.xlsx"].ok and rows["手工表.xlsx"].claimed is not None


def test_pool_and_single_process_give_the_same_rows(folder) -> None:
    assert _rows([folder.root], workers=2) == _rows([folder.root], workers=0)


def test_cancel_stops_the_pool_early(tmp_path, folder, monkeypatch) -> None:
    monkeypatch.setattr(batch, "_CHUNK", 1)
    files = [_copy(folder.good[0], tmp_path / f"{i}.pdesk") for i in range(40)]
    cancel = threading.Event()
    seen = 0
    for rows in summarize_paths(files, workers=2, cancel=cancel):
        seen += len(rows)
        cancel.set()
    assert 1 <= seen < 40


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


@pytest.mark.parametrize(("reader", "said"), [(die_on_poison, "意外终止"), (hang_on_poison, "读取超时（超过 3 秒")])
def test_a_file_that_kills_or_hangs_its_worker_is_named_and_the_rest_still_read(tmp_path, folder, monkeypatch,
                                                                               reader, said) -> None:
    monkeypatch.setattr(batch, "_summarize_one", reader)  # the spawned workers import it
    files = [_copy(folder.good[0], tmp_path / f"{i:02}.pdesk") for i in range(20)]
    files.insert(7, _copy(folder.good[0], tmp_path / "poison.pdesk"))
    rows = {Path(r.file).name: r for b in summarize_paths(files, workers=2, time_limit=3) for r in b}
    assert len(rows) == 21
    assert not rows["poison.pdesk"].ok and said in rows["poison.pdesk"].error
    assert all(r.ok for name, r in rows.items() if name != "poison.pdesk")


def test_a_workbook_with_one_project_per_sheet_gives_one_row_per_sheet(tmp_path) -> None:
    from tests.core.imports.corpus import Layout, content_for, render, write_xlsx

    path = tmp_path / "各项目自评表.xlsx"
    book = write_xlsx(render(content_for({}), Layout()), path, "项目A")
    write_xlsx(render(content_for({}), Layout(annex=False)), path, "项目B", book)
    book.save(path)  # the second sheet is added to the book the first call saved
    rows = summarize_file(path)
    assert [r.where for r in rows] == ["项目A", "项目B"] and all(r.ok and r.file == str(path) for r in rows)


def test_row_json_round_trip(folder) -> None:
    [row] = summarize_file(folder.good[2])
    assert row_from_json(row.to_json()) == row
    assert row.to_json()["difference"] == -5.0


def _cannot_start() -> None:
    raise RuntimeError("no worker processes here")


def test_a_pool_that_cannot_start_reads_in_this_process(folder, monkeypatch) -> None:
    monkeypatch.setattr(batch, "_init_worker", _cannot_start)
    rows = _rows([folder.root], workers=2)
    assert len(rows) == folder.tables and all(rows[p.name].ok for p in folder.good)


@pytest.mark.parametrize("allowed", [0, 1])
def test_when_the_system_refuses_a_process_the_files_are_still_read(folder, monkeypatch, allowed) -> None:
    """Too many open handles, a sandbox: no worker, or fewer than asked, can start."""
    started: list[multiprocessing.process.BaseProcess] = []
    real_start = multiprocessing.context.SpawnProcess.start

    def start(process) -> None:
        if len(started) >= allowed:
            raise OSError(24, "Too many open files")
        started.append(process)
        real_start(process)

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", start)
    rows = _rows([folder.root], workers=3)
    assert len(started) == allowed
    assert len(rows) == folder.tables and all(rows[p.name].ok for p in folder.good)


def test_a_folder_that_cannot_be_listed_is_a_row_not_a_silent_skip(tmp_path, folder, monkeypatch) -> None:
    import os

    locked = tmp_path / "锁住的文件夹"
    locked.mkdir()
    _copy(folder.good[0], tmp_path / "可读.pdesk")
    real_scandir = os.scandir

    def scandir(path="."):  # root ignores permissions, so refuse the listing as Windows or a share would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    rows = _rows([tmp_path], workers=0)
    assert rows["可读.pdesk"].ok
    assert not rows["锁住的文件夹"].ok and "无法列出文件夹" in rows["锁住的文件夹"].error


def test_a_link_loop_does_not_make_the_walk_endless(tmp_path, folder) -> None:
    (tmp_path / "sub").mkdir()
    _copy(folder.good[0], tmp_path / "sub" / "表.pdesk")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in table_files([tmp_path])] == ["表.pdesk"]
