"""How much of each kind of XML element a workbook may hold before openpyxl reads it.

Size alone does not bound openpyxl's time: 2 million tiny shared strings or a
million empty rows fit in a few megabytes and take it half a minute, and a
sheet list of 10,000 entries in 60 KB took 37 s. So `safe_zip` feeds every
inflated byte of every entry, whatever its name, to an `ElementTally`, which
counts the element start tags by kind (any namespace prefix, any script) and
refuses a workbook with more of a kind than a real export could hold.
"""

from __future__ import annotations

import re
from collections import Counter

from perfdesk.core.files.errors import DocumentFileError, file_label

# An export of the largest table a .pdesk may hold (model.document.MAX_INDICATORS = 5,000
# indicators, every text different) has about 20,100 shared strings, 5,100 rows
# and 51,300 cells; the limits leave room for that, and no more, since openpyxl
# takes about 15 µs per shared string even for the ones it will never need.
#: Most shared strings.
MAX_SHARED_STRINGS = 40_000
#: Most rows over all sheets.
MAX_ROWS = 20_000
#: Most cells over all sheets.
MAX_CELLS = 200_000
#: Most cell contents (`v`, `t`, `f`, `is`; such an export has about 64,000).
MAX_VALUES = 400_000
# openpyxl parses the workbook part and the styles whole, at 50-100 µs per record, and
# its sheet list in quadratic time (10,000 `<sheet>` in a 60 KB file took 37 s).
# An export has 2 sheets, about a dozen styles and 3 defined names.
#: Most sheets.
MAX_SHEETS = 50
#: Most style records (`xf`, `font`, `fill`, `border`, `numFmt`, `dxf`, `cellStyle` together).
MAX_STYLES = 5_000
#: Most defined names.
MAX_NAMES = 5_000
#: Most shared strings of a hand-made workbook read for import: openpyxl reads them all when it
#: opens it (about 3 s for these), while its rows are streamed and cut at the import's bound,
#: so a 自评表 beside a sheet of tens of thousands of payees is read, not refused.
MAX_HAND_MADE_SHARED_STRINGS = 200_000
#: Most other elements (an export has about 300): each costs openpyxl 30-80 µs where it parses
#: it (`<workbookView>`, children of a style, rich text runs, content types, relationships …).
MAX_OTHER = 10_000

#: Element name -> the count it adds to; any name not here counts as "other".
_GROUPS = {
    b"si": "si", b"row": "row", b"c": "c", b"sheet": "sheet", b"definedName": "name",
    **dict.fromkeys((b"v", b"t", b"f", b"is"), "value"),
    **dict.fromkeys((b"xf", b"font", b"fill", b"border", b"numFmt", b"dxf", b"cellStyle"), "style"),
}
# The local name of every element start tag, in any namespace prefix and any script
# (not `</…`, `<?…`, `<!…`).
_TAG = re.compile(rb"<(?:[^\s/>!?<:]+:)?([^\s/>!?<:]+)")
#: Longest tag start kept across two inflated pieces; a longer prefix costs more bytes than it hides.
_TAIL = 4096
_UTF16_STARTS = (b"\xfe\xff", b"\xff\xfe", b"<\x00", b"\x00<")


def _refuse(source: str, problem: str) -> DocumentFileError:
    return DocumentFileError(f"{file_label(source)}{problem}", source=source)


class ElementTally:
    """Counts the elements of the entries fed to it by kind, refusing past a limit."""

    def __init__(self, source: str, hand_made: bool = False) -> None:
        """`hand_made`: a county's workbook read for import, whose sheets are streamed and cut
        (`imports.grid.MAX_ROWS`), so its rows and cells are not counted."""
        self.source = source
        self.hand_made = hand_made
        self.limits = {
            "si": (MAX_SHARED_STRINGS, "共享文本超过 {:,} 条"),
            "row": (MAX_ROWS, "工作表的行数超过 {:,} 行"),
            "c": (MAX_CELLS, "单元格超过 {:,} 个"),
            "value": (MAX_VALUES, "单元格内容超过 {:,} 项"),
            "sheet": (MAX_SHEETS, "工作表超过 {:,} 张"),
            "style": (MAX_STYLES, "单元格格式超过 {:,} 种"),
            "name": (MAX_NAMES, "定义名称超过 {:,} 个"),
            "other": (MAX_OTHER, "其他结构（关系、视图、格式细节等）超过 {:,} 项"),
        }
        if hand_made:
            self.limits["si"] = (MAX_HAND_MADE_SHARED_STRINGS, self.limits["si"][1])
            for streamed in ("row", "c", "value"):
                del self.limits[streamed]
        self.counts = dict.fromkeys(self.limits, 0)
        self.name = ""
        self.tail = b""
        self.head: bytes | None = b""  # an entry's first bytes until there are two (None: checked)

    def entry(self, name: str) -> None:
        self.name, self.tail, self.head = name, b"", b""

    def feed(self, piece: bytes) -> None:
        if self.head is not None:  # the first pieces may be a byte or none: empty deflate blocks
            self.head += piece[:2]
            if len(self.head) >= 2:
                if self.head.startswith(_UTF16_STARTS):
                    problem = f"中的“{self.name[:60]}”不是 UTF-8 编码，不像是正常的工作簿，已拒绝打开。"
                    raise _refuse(self.source, problem)
                self.head = None
        data = self.tail + piece
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > _TAIL:
            cut = len(data)
        self.tail = data[cut:]
        for name, count in Counter(_TAG.findall(data, 0, cut)).items():
            group = _GROUPS.get(name, "other")
            if group in self.counts:
                self.counts[group] += count
        for key, (limit, problem) in self.limits.items():
            if self.counts[key] > limit:
                raise _refuse(
                    self.source,
                    f"的{problem.format(limit)}（上限），"
                    f"{'不像是一张自评表' if self.hand_made else '不像是 PerfDesk 导出的工作簿'}，已拒绝打开。",
                )
