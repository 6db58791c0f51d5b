"""The `perfdesk` command: the window, or a core-only subcommand.

    perfdesk [FILE.pdesk]                       start the window (opening FILE)
    perfdesk templates                          list templates, id first
    perfdesk new [--template ID] -o FILE        create an empty table
    perfdesk check FILE [--json]                score and check; exit 0 ok, 1 errors, 2 unreadable
                                                (3: an internal error, detail in the log file)
    perfdesk export FILE [--xlsx OUT] [--pdf OUT] [--landscape]

Subcommands use the core alone, so they run where Qt cannot.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SUBCOMMANDS = ("templates", "new", "check", "export")
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 as well
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"参数错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(prog="perfdesk", description="项目支出绩效自评表：填报、评分、校验与导出。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_ChineseParser)
    sub.add_parser("templates", help="列出可用模板（每行一个，编号在前）")
    new = sub.add_parser("new", help="新建空白自评表")
    new.add_argument("--template", default=None, help="模板编号（默认：全国通用表）")
    new.add_argument("-o", "--output", required=True, type=Path, help="保存到的 .pdesk 文件")
    check = sub.add_parser("check", help="评分并校验")
    check.add_argument("file", type=Path)
    check.add_argument("--json", action="store_true", help="输出 JSON")
    export = sub.add_parser("export", help="导出 Excel 和/或 PDF")
    export.add_argument("file", type=Path)
    export.add_argument("--xlsx", type=Path, help="导出的 Excel 文件")
    export.add_argument("--pdf", type=Path, help="导出的 PDF 文件")
    export.add_argument("--landscape", action="store_true", help="PDF 横向")
    return parser


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    print(message, file=sys.stderr)
    return code


def _open(path: Path):
    """Load a document and its template; raises DocumentFileError naming the file."""
    from perfdesk.core.files.errors import DocumentFileError
    from perfdesk.core.files.opening import open_document
    from perfdesk.core.model.factory import ensure_rows
    from perfdesk.core.rules.profile import TemplateError, TemplateLibrary

    try:
        doc = open_document(path)
        profile = TemplateLibrary().get(doc.template_id)
    except (DocumentFileError, TemplateError) as exc:
        message = str(exc)
        if path.name not in message:
            message = f"无法打开 {path.name}：{message}"
        raise DocumentFileError(message, source=path.name) from exc
    ensure_rows(doc, profile)
    return doc, profile


def _check_target(target: Path, suffix: str, source: Path | None = None) -> None:
    """Refuse an output that would overwrite the input or another kind of file.

    `export a.pdesk --xlsx a.pdesk` would otherwise replace the user's table by
    a workbook, with no backup.
    """
    from perfdesk.core.files.storage import DocumentFileError

    if target.suffix.lower() != suffix:
        raise DocumentFileError(f"输出文件“{target.name}”的扩展名应为 {suffix}，未写入。请改用以 {suffix} 结尾的文件名。")
    if source is not None and (target.resolve() == source.resolve() or _same_file(target, source)):
        raise DocumentFileError(f"输出文件“{target.name}”就是要导出的原文件，未写入（否则原文件会被覆盖）。")


def _same_file(a: Path, b: Path) -> bool:
    """True when both names reach one file (a hard link, a case-insensitive disk)."""
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _templates() -> int:
    from perfdesk.core.rules.profile import TemplateLibrary

    for profile in TemplateLibrary():
        print(f"{profile.id}\t{profile.name}")
    return EXIT_OK


def _new(template: str | None, output: Path) -> int:
    from perfdesk.core.files.storage import save_document
    from perfdesk.core.model.factory import new_document
    from perfdesk.core.rules.profile import TemplateLibrary

    library = TemplateLibrary()
    profile = library.get(template) if template else library.default()
    _check_target(output, ".pdesk")
    if output.exists():
        return _fail(f"文件 {output} 已存在，未覆盖。请换一个文件名。")
    save_document(new_document(profile), output)
    print(f"已新建 {output}（模板：{profile.name}）")
    return EXIT_OK


def _visible(text: str) -> str:
    """Control characters from the file shown as `\\x1b`: a table must not drive the terminal."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _check(path: Path, as_json: bool) -> int:
    from perfdesk.core.export.report import text_report
    from perfdesk.core.rules.analysis import analyse

    doc, profile = _open(path)
    ev = analyse(doc, profile)
    if as_json:
        data = {"file": str(path), "template": profile.id, **ev.to_json()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(_visible(text_report(doc, profile, ev)))
    return EXIT_ERRORS if ev.errors else EXIT_OK


def _export(path: Path, xlsx: Path | None, pdf: Path | None, landscape: bool) -> int:
    if xlsx is None and pdf is None:
        return _fail("请至少指定 --xlsx 或 --pdf。")
    for target, suffix in ((xlsx, ".xlsx"), (pdf, ".pdf")):
        if target is not None:
            _check_target(target, suffix, path)
    doc, profile = _open(path)
    if xlsx is not None:
        from perfdesk.core.export.xlsx import export_xlsx

        export_xlsx(doc, profile, xlsx)
        print(f"已导出 Excel：{xlsx}")
    if pdf is not None:
        from perfdesk.core.export.pdf import export_pdf

        export_pdf(doc, profile, pdf, landscape=landscape)
        print(f"已导出 PDF：{pdf}")
    return EXIT_OK


def _tolerant_output() -> None:
    """Write what the console cannot show as `\\x..` escapes instead of crashing.

    A Windows console in GBK has no emoji or rare CJK (U+20000+) that a table
    may hold, and a file name from a USB stick may not be valid UTF-8 on Linux;
    either would otherwise abort `check` half way with a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def run_command(argv: list[str]) -> int:
    """Run one core subcommand; every expected failure becomes a Chinese message and exit 2.

    A bug exits 3, never 1 (which says the table has errors), its traceback in the log file.
    """
    from perfdesk.core.files import problem_log
    from perfdesk.core.files.atomic_write import explain_os_error
    from perfdesk.core.files.storage import DocumentFileError
    from perfdesk.core.rules.profile import TemplateError

    _tolerant_output()
    args = _parser().parse_args(argv)
    try:
        if args.command == "templates":
            return _templates()
        if args.command == "new":
            return _new(args.template, args.output)
        if args.command == "check":
            return _check(args.file, args.json)
        return _export(args.file, args.xlsx, args.pdf, args.landscape)
    except (DocumentFileError, TemplateError) as exc:
        return _fail(str(exc))
    except OSError as exc:  # checking a path before writing (a name too long, a folder not allowed)
        return _fail(explain_os_error(exc, Path(exc.filename or "")).message)
    except Exception as exc:  # noqa: BLE001 — a bug: the user gets a sentence, support the traceback
        problem_log.record("perfdesk " + " ".join(argv), exc)
        return _fail(f"内部错误，命令未完成（详细原因已记入日志 {problem_log.log_path()}）。", EXIT_INTERNAL)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help")):
        return run_command(argv)
    from perfdesk.gui.app import run

    return run(argv)
