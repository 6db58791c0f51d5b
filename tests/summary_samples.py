"""A folder as a supervisor receives it: good tables, a table with errors, copies, broken files.

Built with the core, so the expected figures are known: `MixedFolder` lists
what each kind of file is, for the summary tests of the core, the CLI and the window.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from perfdesk.core.files.storage import save_document
from perfdesk.core.rules.profile import TemplateLibrary
from tests.core.imports.corpus import Layout, content_for, render, write_xlsx
from tests.core.xlsx_samples import worked_example

#: (file, project name, 主管部门, budget, executed) of the clean tables, in 万元.
GOOD = (
    ("a/社区矫正.pdesk", "社区矫正", "司法局", "38", "19.62"),
    ("a/法律援助.pdesk", "法律援助", "司法局", "12", "12"),
    ("b/农村供水.pdesk", "农村供水", "水利局", "100", "95"),
    ("b/道路养护.pdesk", "道路养护", "交通局", "50", "40"),
)


@dataclass
class MixedFolder:
    root: Path
    good: list[Path] = field(default_factory=list)
    with_errors: Path | None = None
    copy: Path | None = None  # a byte copy of good[0]: same verification code
    same_project: Path | None = None  # good[1]'s project and year, other figures
    broken: list[Path] = field(default_factory=list)
    hand_made: Path | None = None
    ignored: list[Path] = field(default_factory=list)  # not tables: never read

    @property
    def tables(self) -> int:
        """Files the summary reads (readable or not)."""
        return len(self.good) + 3 + len(self.broken) + 1


def mixed_folder(root: Path) -> MixedFolder:
    profile = TemplateLibrary().get("county-ziyang")
    folder = MixedFolder(root)
    for name, project, department, budget, executed in GOOD:
        doc = worked_example(profile)
        doc.project.name, doc.project.department = project, department
        doc.funds.rows[0].budget, doc.funds.rows[0].executed = budget, executed
        if project == "农村供水":
            doc.published_total = "95"  # the rules give 100: a claim that differs
        if project == "道路养护":
            doc.review = {"status": "accepted"}
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        save_document(doc, path)
        folder.good.append(path)
    doc = worked_example(profile)
    doc.project.name = "有错误的表"
    doc.level1[0].groups[0].weight = "abc"
    folder.with_errors = root / "b/有错误的表.pdesk"
    save_document(doc, folder.with_errors)
    folder.copy = root / "c/社区矫正-副本.pdesk"
    folder.copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder.good[0], folder.copy)
    doc = worked_example(profile)
    doc.project.name, doc.project.department = GOOD[1][1], GOOD[1][2]
    doc.funds.rows[0].executed = "6"
    folder.same_project = root / "c/法律援助-第二版.pdesk"
    save_document(doc, folder.same_project)
    folder.broken = [root / "c/坏文件.pdesk", root / "c/坏表格.xlsx"]
    folder.broken[0].write_text("{ 这不是 JSON", encoding="utf-8")
    folder.broken[1].write_bytes(b"PK\x03\x04 broken zip")
    folder.hand_made = root / "d/手工表.xlsx"
    folder.hand_made.parent.mkdir(parents=True, exist_ok=True)
    write_xlsx(render(content_for({}), Layout()), folder.hand_made)
    folder.ignored = [root / "d/~$手工表.xlsx", root / "d/说明.txt", root / ".hidden/x.pdesk"]
    for path in folder.ignored:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not a table")
    return folder
