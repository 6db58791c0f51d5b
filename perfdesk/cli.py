"""The `perfdesk` command: the window, or a core-only subcommand.

    perfdesk [FILE.pdesk]                       start the window (opening FILE; a missing FILE or a
                                                mistyped command is refused with exit 2)
    perfdesk templates                          list templates, id first
    perfdesk new [--template ID] -o FILE        create an empty table
    perfdesk check FILE [--json]                score and check; exit 0 ok, 1 errors, 2 unreadable
                                                (FILE may be a hand-made .xlsx/.xls/.docx/.doc/.rtf/.pdf table;
                                                3: an internal error, detail in the log file)
    perfdesk import IN -o OUT.pdesk [--excel]   read a hand-made table; exit 0 clean, 1 read with
                                                problems, 2 unreadable (more tables beside OUT)
    perfdesk export FILE [--xlsx OUT] [--pdf OUT] [--landscape] [--claims] [--with-review]
    perfdesk review FILE [--json]               review status, history and comments
    perfdesk verify FILE CODE                   does a printed code match FILE? exit 0 same, 1 different,
                                                2 unreadable (file or code)
    perfdesk diff OLD NEW [--json]              the fields that differ, rows matched by stable id
    perfdesk summary PATH... [--xlsx OUT] [--pdf OUT] [--json] [--unit NAME] [--time-limit S]
                                                one 汇总 line per table under PATHs (folders read
                                                recursively); exit 0 all clean, 1 errors or unreadable
                                                files, 2 nothing readable

Subcommands use the core alone, so they run where Qt cannot.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

SUBCOMMANDS = ("templates", "new", "check", "export", "import", "review", "verify", "diff", "summary")
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits with 2 as well
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
    export.add_argument("--claims", action="store_true", help="在得分旁印出原表得分（审核用）")
    export.add_argument("--with-review", action="store_true", help="附上审核意见（PDF 附页、Excel 工作表和批注）")
    review = sub.add_parser("review", help="显示审核状态、历史和批注")
    review.add_argument("file", type=Path)
    review.add_argument("--json", action="store_true", help="输出 JSON")
    verify = sub.add_parser("verify", help="核对纸质表上的验证码与文件是否一致")
    verify.add_argument("file", type=Path)
    verify.add_argument("code", help="纸上印的验证码（可不带短横线、小写或全角）")
    diff = sub.add_parser("diff", help="比较两个版本的表格")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.add_argument("--json", action="store_true", help="输出 JSON")
    summary = sub.add_parser("summary", help="汇总多个自评表（文件或文件夹，含子文件夹）")
    summary.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    summary.add_argument("--xlsx", type=Path, help="导出的 Excel 汇总表")
    summary.add_argument("--pdf", type=Path, help="导出的 PDF 汇总表")
    summary.add_argument("--json", action="store_true", help="输出 JSON（每个文件一项，另有合计）")
    summary.add_argument("--unit", default="", help="汇总表上的填报单位")
    summary.add_argument("--workers", type=int, default=None, help="同时读取的进程数（默认：CPU 核数；0：不另开进程）")
    summary.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                         help="每个文件最多读取的秒数，超时的文件跳过并注明（默认 60；--workers 0 时不限时）")
    imp = sub.add_parser("import", help="导入手工制作的自评表（.xlsx/.xls/.docx/.doc/.rtf/.pdf）")
    imp.add_argument("file", type=Path)
    imp.add_argument("-o", "--output", required=True, type=Path, help="保存到的 .pdesk 文件（其余表格存于其旁）")
    imp.add_argument("--excel", action="store_true",
                     help="PerfDesk 导出后又在 Excel 中改过的工作簿：采用 Excel 中的值（默认保留内嵌数据）")
    imp.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    return parser


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    print(message, file=sys.stderr)
    return code


def _out(text: str) -> None:
    """Write to stdout; a reader that went away (`check --json | head`) ends the output quietly.

    As the Python docs advise (signal module, "Note on SIGPIPE"): stdout is pointed
    at devnull, so the flush at exit cannot fail again and print a traceback.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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
        raise DocumentFileError(
            f"输出文件“{target.name}”的扩展名应为 {suffix}，未写入。请改用以 {suffix} 结尾的文件名。"
        )
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

    _out("".join(f"{profile.id}\t{profile.name}\n" for profile in TemplateLibrary()))
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
    _out(f"已新建 {output}（模板：{profile.name}）\n")
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
        _out(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _out(_visible(text_report(doc, profile, ev)))
    return EXIT_ERRORS if ev.errors else EXIT_OK


def _export(path: Path, xlsx: Path | None, pdf: Path | None, landscape: bool, claims: bool = False,
            with_review: bool = False) -> int:
    if xlsx is None and pdf is None:
        return _fail("请至少指定 --xlsx 或 --pdf。")
    for target, suffix in ((xlsx, ".xlsx"), (pdf, ".pdf")):
        if target is not None:
            _check_target(target, suffix, path)
    doc, profile = _open(path)
    if xlsx is not None:
        from perfdesk.core.export.xlsx import export_xlsx

        export_xlsx(doc, profile, xlsx, show_claims=claims, with_review=with_review)
        _out(f"已导出 Excel：{xlsx}\n")
    if pdf is not None:
        from perfdesk.core.export.pdf import export_pdf

        export_pdf(doc, profile, pdf, landscape=landscape, show_claims=claims, with_review=with_review)
        _out(f"已导出 PDF：{pdf}\n")
    return EXIT_OK


def _review(path: Path, as_json: bool) -> int:
    from perfdesk.core.review.codec import read_review
    from perfdesk.core.review.report import review_json, review_lines

    doc, _profile = _open(path)
    review = read_review(doc.review, path.name)
    if as_json:
        _out(json.dumps({"file": str(path), **review_json(doc, review)}, ensure_ascii=False, indent=2) + "\n")
    else:
        _out("".join(_visible(line.text) + "\n" for line in review_lines(doc, review)))
    return EXIT_OK


def _verify(path: Path, typed: str) -> int:
    from perfdesk.core.files.fingerprint import verification_code
    from perfdesk.core.review.verify import code_error, normalise_code

    code = normalise_code(typed)
    if code is None:
        return _fail(_visible(code_error(typed)))
    doc, _profile = _open(path)
    actual = verification_code(doc)
    if code == actual:
        _out(f"一致：{path.name} 的验证码是 {actual}，与纸质表相同。\n")
        return EXIT_OK
    _out(f"不一致：纸质表的验证码是 {code}，{path.name} 的验证码是 {actual}。文件内容与打印时不同。\n")
    return EXIT_ERRORS


def _diff(old: Path, new: Path, as_json: bool) -> int:
    """Exit 0 when the tables say the same, 1 when they differ (as `diff` does)."""
    from perfdesk.core.review.diff import diff_documents

    before, _ = _open(old)
    after, _ = _open(new)
    changes = diff_documents(before, after)
    if as_json:
        data = {"old": str(old), "new": str(new), "changes": [c.to_json() for c in changes]}
        _out(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif not changes:
        _out("两个表格内容相同。\n")
    else:
        kinds = {"changed": "改动", "added": "新增行", "removed": "删除行"}
        _out("".join(_visible(f"[{kinds[c.kind]}] {c.label}：{c.old or '（空）'} → {c.new or '（空）'}") + "\n"
                     for c in changes))
    return EXIT_ERRORS if changes else EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    from perfdesk.cli_summary import summary_command

    for target, suffix in ((args.xlsx, ".xlsx"), (args.pdf, ".pdf")):
        if target is not None:
            _check_target(target, suffix)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail(f"找不到文件或文件夹：{'、'.join(_visible(str(p)) for p in missing)}。")
    return summary_command(args.paths, args.xlsx, args.pdf, args.json, args.unit, args.workers, _out,
                           args.time_limit)


def _seconds(text: str) -> float:
    """A time limit in seconds, for argparse: a positive number."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的秒数（应为大于 0 的数字）")
    return seconds


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
        if args.command == "import":
            from perfdesk.cli_import import import_command

            _check_target(args.output, ".pdesk", args.file)
            return import_command(args.file, args.output, use_excel=args.excel, force=args.force, out=_out)
        if args.command == "review":
            return _review(args.file, args.json)
        if args.command == "verify":
            return _verify(args.file, args.code)
        if args.command == "diff":
            return _diff(args.old, args.new, args.json)
        if args.command == "summary":
            return _summary(args)
        return _export(args.file, args.xlsx, args.pdf, args.landscape, args.claims, args.with_review)
    except (DocumentFileError, TemplateError) as exc:
        return _fail(str(exc))
    except OSError as exc:  # checking a path before writing (a name too long, a folder not allowed)
        return _fail(explain_os_error(exc, Path(exc.filename or "")).message)
    except Exception as exc:  # noqa: BLE001 — a bug: the user gets a sentence, support the traceback
        problem_log.record("perfdesk " + " ".join(argv), exc)
        return _fail(f"内部错误，命令未完成（详细原因已记入日志 {problem_log.log_path()}）。", EXIT_INTERNAL)


def _looks_like_path(word: str) -> bool:
    return "/" in word or "\\" in word or word.startswith("~") or bool(Path(word).suffix)


def _refuse_missing(argv: list[str]) -> int | None:
    """Exit 2 with a terminal message for a mistyped command or a missing file.

    The window would otherwise start (and never return on a headless shell) for
    `perfdesk chek`, or open an empty table for a mistyped file name.
    """
    for word in (arg for arg in argv if not arg.startswith("-")):
        try:
            if Path(word).exists():
                continue
        except OSError:  # a name too long for the system: certainly no such file
            pass
        _tolerant_output()
        if _looks_like_path(word):
            return _fail(f"找不到文件：{_visible(word)}。请检查文件名和所在文件夹。")
        close = difflib.get_close_matches(word, SUBCOMMANDS, n=1)
        hint = f"是不是要输入 perfdesk {close[0]}？" if close else ""
        return _fail(f"未知命令“{_visible(word)}”，也没有同名文件。{hint}\n"
                     f"可用命令：{'、'.join(SUBCOMMANDS)}（perfdesk --help 查看用法）；"
                     "或给出要打开的 .pdesk 文件。")
    return None


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # the bundle: a 汇总 worker process starts here, not a window
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help")):
        return run_command(argv)
    refused = _refuse_missing(argv)
    if refused is not None:
        return refused
    from perfdesk.gui.launch import run

    return run(argv)
