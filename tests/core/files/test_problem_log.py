"""The log of refusals: detail for support in the data folder, never on the console, never a new failure."""

from __future__ import annotations

from perfdesk.core.files import problem_log


def test_an_exception_is_logged_with_its_traceback(capsys):
    try:
        [][1]
    except IndexError as exc:
        problem_log.record("表.xlsx", exc)
    text = problem_log.log_path().read_text(encoding="utf-8")
    assert "refused 表.xlsx" in text and "IndexError" in text and "Traceback" in text
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_the_log_follows_the_data_folder(tmp_path, monkeypatch):
    problem_log.record("a.pdesk", "first")
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    problem_log.record("b.pdesk", "second")
    assert "b.pdesk: second" in (tmp_path / "elsewhere" / problem_log.LOG_NAME).read_text(encoding="utf-8")


def test_an_unwritable_data_folder_does_not_turn_a_refusal_into_a_crash(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(blocker / "data"))
    problem_log.record("c.pdesk", ValueError("x"))
    assert capsys.readouterr() == ("", "")

