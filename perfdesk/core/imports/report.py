"""What an import read, from which cell, and what it could not understand."""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Location


@dataclass
class ReadItem:
    """One value taken from the source: `绩效自评表!D14` → 年度指标值 `164人`."""

    address: str
    what: str
    value: str
    location: Location | None = None


@dataclass
class Attention:
    """Something not understood, or read with a doubt; `location` is the table cell to highlight."""

    address: str
    message: str
    location: Location | None = None


@dataclass
class Difference:
    """A visible-sheet cell of a PerfDesk workbook that no longer matches the embedded document."""

    address: str
    what: str
    excel: str
    embedded: str


@dataclass
class ImportedTable:
    """One 自评表 found in a file (a sheet, a Word table, or part of a sheet)."""

    source: str  # file name
    where: str  # sheet name or `表2`
    document: Document
    template_name: str = ""
    read: list[ReadItem] = field(default_factory=list)
    problems: list[Attention] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    embedded: Document | None = None  # the document inside a PerfDesk workbook, if any
    visible: Document | None = None  # what its visible sheet shows, when it differs in places

    @property
    def clean(self) -> bool:
        return not self.problems and not self.differences


@dataclass
class ImportResult:
    """Every table of one file, and the sheets or tables that were not a 自评表 (with why)."""

    source: str
    tables: list[ImportedTable] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return all(t.clean for t in self.tables)
