"""Tables of a PDF as grids: a published 自评表, or one saved or printed as PDF from Word, WPS or Excel.

A PDF has no cells, only characters placed on a page and the lines drawn between
them. pdfplumber finds the ruled tables (where drawn lines cross) and each cell's
box, a merged cell being one larger box. A cell's text is the characters whose
centre lies in its box, line by line, a line wrapped by the cell's width joined
back (`2023` + `年12月`). A table going on at the top of the next page with the
same columns is one table (unless it starts with 项目名称), a header row repeated there read once,
the page's footer and header between dropped. The lines
above a table (title, 填报单位) and below it (notes, signature) become rows, as
for Word (`表前第1段`). A scanned PDF has no characters: it is refused, saying so.

Bounds: the importer's file size limit, the first `MAX_PAGES` pages, and
`MAX_CHARACTERS`, `MAX_RULES` and `MAX_CROSSINGS` of rules per page (a page holding more is not a 自评表 page).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid
from perfdesk.core.imports.word_tables import AROUND, MAX_TABLES, add_paragraphs, table_grid
from perfdesk.core.rules.formulas import number_of

MAX_PAGES = 40
MAX_CHARACTERS = 20_000  # a 自评表 page holds a few thousand
MAX_CROSSINGS = 3_000  # where a page's rules cross: a 自评表 page has a few hundred
MAX_RULES = 2_000  # rules (lines, rectangles' sides) on a page: a 自评表 page has under a hundred once joined
_NUMBERED = re.compile(r"\s*(?:\d{1,3}[.、．)）]|[（(]\d{1,3}[)）]|指标\d)")
_SAME = 2.0  # points: edges closer than this are one (lines drawn by different tools rarely align exactly)
_STARTS = "项目名称"  # in a table's first row (`项 目 名 称`, `项目\n名称`): a 自评表 of its own, not the rest of one


class PdfUnreadable(Exception):
    """A PDF that cannot be read here; the message is Chinese and follows the file's name."""


class _Cell(NamedTuple):
    rows: int  # spanned
    cols: int
    text: str
    full: bool  # its text reaches its bottom: it may go on in the cell's part on the next page
    free: float = 0.0  # room left on its last line (points)
    lead: float = 0.0  # what starts its first line, had it been wrapped there (`_lead`)


_Cells = dict[tuple[int, int], _Cell]  # by the (row, col) of its top-left corner


@dataclass
class _Table:
    """One ruled table, or several page parts of it, with the text lines around it."""

    page: int  # the page its last part is on
    columns: list[float]  # x of every column edge
    cells: _Cells = field(default_factory=dict)
    rows: int = 0
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def read_pdf(path: Path) -> list[Grid]:
    """One grid per table (a table continued on following pages is one), in page order."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:  # pdfminer's own error, wrapped
        if exc.args and isinstance(exc.args[0], (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfUnreadable("设置了打开密码：请取消密码另存一份后再导入，或导入原始的 Excel 或 Word 文件") from exc
        raise
    with pdf:
        tables: list[_Table] = []
        any_text = False
        last_lines: list[str] = []  # the previous page's lines below its last table
        for number, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
            any_text = any_text or bool(page.chars)
            if len(page.chars) > MAX_CHARACTERS or _crossings(page) > MAX_CROSSINGS:
                last_lines = []
                continue
            chars = _unique(page.chars)
            last_lines = _read_page(page, chars, number, tables, last_lines)
            if len(tables) >= MAX_TABLES:
                break
    if not any_text:
        raise PdfUnreadable("中没有可读取的文字（可能是扫描件或图片），无法识别表格。请导入原始的 Excel 或 Word 文件")
    return [_grid(f"表{i + 1}", table) for i, table in enumerate(tables)]


def _crossings(page: Any) -> int:
    """How many times the page's rules cross: pdfplumber's table finder takes time growing with the square
    of it (a page ruled like graph paper, 120 × 120 lines: 15 seconds). Counting them takes time growing
    with the number of rules, so a page of more than `MAX_RULES` is counted as too many."""
    from pdfplumber.table import edges_to_intersections, merge_edges

    edges = merge_edges([edge for edge in page.edges if edge["orientation"] in ("h", "v")], 3, 3, 3, 3)
    if len(edges) > MAX_RULES:
        return MAX_CROSSINGS + 1
    return len(edges_to_intersections(edges, 3, 3))


def _unique(chars: list[dict]) -> list[dict]:
    """The page's characters, each once: a writer making text bold may draw it twice, a point apart."""
    kept: list[dict] = []
    last: dict[str, dict] = {}
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        twin = last.get(char["text"])
        if twin is not None and abs(twin["top"] - char["top"]) < 1 and abs(twin["x0"] - char["x0"]) < 1:
            continue
        last[char["text"]] = char
        kept.append(char)
    return kept


def _read_page(page: Any, chars: list[dict], number: int, tables: list[_Table], last_lines: list[str]) -> list[str]:
    """Read the page's tables into `tables`; a new table's lines above begin with `last_lines` (a title left
    at the foot of the page before). The page's lines below its last table are returned."""
    found = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    inside = [t.bbox for t in found]
    lines = _lines([c for c in chars if not any(_holds(box, c) for box in inside)])
    for i, table in enumerate(found):
        top, bottom = table.bbox[1], table.bbox[3]
        above = [line.text for line in lines if line.middle < top and (i == 0 or line.middle > found[i - 1].bbox[3])]
        columns, rows, cells = _cells(table, chars)
        previous = tables[-1] if tables else None
        if i == 0 and previous is not None and previous.page == number - 1 \
                and _continues(previous.columns, columns, cells) \
                and not any(_STARTS in "".join(cell.text.split()) for (r, _), cell in cells.items() if r == 0):
            _append(previous, columns, rows, cells)  # the lines between are the pages' footer and header
            previous.page = number
        else:
            tables.append(_Table(number, columns, before=([*last_lines, *above] if i == 0 else above)[-AROUND:]))
            _append(tables[-1], columns, rows, cells)
        below = [line.text for line in lines
                 if line.middle > bottom and (i + 1 == len(found) or line.middle < found[i + 1].bbox[1])]
        tables[-1].after = below[:AROUND]
    return [line.text for line in lines if not found or line.middle > found[-1].bbox[3]]


def _holds(box: tuple[float, float, float, float], char: dict) -> bool:
    """Whether the character's centre lies in `box` (x0, top, x1, bottom)."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


class _Line(NamedTuple):
    middle: float  # the line's vertical middle
    left: float
    right: float
    lead: float  # the width a wrap would have carried over to this line: see `_lead`
    text: str


def _lines(chars: list[dict]) -> list[_Line]:
    """Characters as lines of text, top to bottom."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= max(1.0, char["size"] * 0.4):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = _line_text(row)
        if text.strip():
            lines.append(_Line((row[0]["top"] + row[0]["bottom"]) / 2, row[0]["x0"], row[-1]["x1"], _lead(row), text))
    return lines


_NO_BREAK_BEFORE = set("，。、；：？！）》”’」』】〕,.;:?!)%")
_NO_BREAK_AFTER = set("（《“‘「『【〔([")


def _lead(row: list[dict]) -> float:
    """The width of what starts a line and would not have fitted at the end of the line before if
    it was wrapped there: a latin word or number whole, or a Chinese character, with the marks after
    it (a line may not start with `，`, so what stands before the mark goes down with it)."""
    first = row[0]["text"]
    carried = 2 if first in _NO_BREAK_AFTER and len(row) > 1 else 1  # `（签字）`: `（` does not end a line
    if first.isascii() and first.isalnum():
        carried = len(list(itertools.takewhile(lambda c: c["text"].isascii() and c["text"].isalnum(), row)))
    carried += len(list(itertools.takewhile(lambda c: c["text"] in _NO_BREAK_BEFORE, row[carried:])))
    return row[carried - 1]["x1"] - row[0]["x0"]


def _line_text(chars: list[dict]) -> str:
    """One line's characters, a space kept where latin words or numbers stand apart."""
    parts: list[str] = []
    for before, char in zip([None, *chars], chars, strict=False):
        if before is not None and char["x0"] - before["x1"] > char["size"] * 0.3 \
                and before["text"].isascii() and char["text"].isascii():
            parts.append(" ")
        parts.append(char["text"])
    return "".join(parts)


def _room(lines: list[_Line], box: tuple[float, float, float, float]) -> float:
    """The width a cell's lines have: its own, less its padding on both sides (the least room left of
    any line; a centred line has its room on both sides)."""
    padding = max(0.0, min((line.left - box[0] for line in lines), default=0.0))
    return box[2] - box[0] - 2 * padding


def _wrapped(free: float, lead: float) -> bool:
    """Whether a line with `free` room left was wrapped before what starts the next one (`lead`): it would
    not have fitted (glyphs measure a little wider than drawn)."""
    return free <= 1.25 * lead + 1


def _joined(lines: list[_Line], box: tuple[float, float, float, float]) -> str:
    """A cell's lines as one text. A line was wrapped where what starts the next one (`_lead`) would
    not have fitted in the room left on it, and goes on without a break (a space between two latin
    words); where it would have fitted, the writer ended the line, and the break is kept. The room
    is the cell's width less its padding on both sides (the least room left of any line): a centred
    line has its room on both sides."""
    room = _room(lines, box)
    text = ""
    for before, line in zip([None, *lines], lines, strict=False):
        part = line.text.strip()
        if before is not None and text:
            if not _wrapped(room - (before.right - before.left), line.lead):
                text += "\n"
            elif text[-1].isascii() and text[-1].isalpha() and part[:1].isascii() and part[:1].isalpha():
                text += " "
        text += part
    return text


def _cells(table: Any, chars: list[dict]) -> tuple[list[float], int, _Cells]:
    """The table's column edges, its row count and its cells."""
    boxes = [box for box in table.cells if box is not None]
    columns = _edges(x for box in boxes for x in (box[0], box[2]))
    heights = _edges(y for box in boxes for y in (box[1], box[3]))
    places = [(_index(heights, box[1]), _index(columns, box[0]), _index(heights, box[3]), _index(columns, box[2]))
              for box in boxes]
    owner = {(r, c): i for i, (r0, c0, r1, c1) in enumerate(places) for r in range(r0, r1) for c in range(c0, c1)}
    held: dict[int, list[dict]] = {i: [] for i in range(len(boxes))}
    for char in chars:  # by the grid square its centre is in: no search through every cell
        row = bisect.bisect_right(heights, (char["top"] + char["bottom"]) / 2) - 1
        col = bisect.bisect_right(columns, (char["x0"] + char["x1"]) / 2) - 1
        if (row, col) in owner:
            held[owner[(row, col)]].append(char)
    cells: _Cells = {}
    for i, (box, (r0, c0, r1, c1)) in enumerate(zip(boxes, places, strict=True)):
        lines = _lines(held[i])
        full = bool(lines) and box[3] - max(char["bottom"] for char in held[i]) < max(c["size"] for c in held[i])
        text = _joined(lines, box) if all(char["upright"] for char in held[i]) else _turned_text(held[i], box)
        free = _room(lines, box) - (lines[-1].right - lines[-1].left) if lines else box[2] - box[0]
        cells[(r0, c0)] = _Cell(max(1, r1 - r0), max(1, c1 - c0), clean_text(text), full, free,
                                lines[0].lead if lines else 0.0)
    return columns, max(0, len(heights) - 1), cells


def _turned_text(chars: list[dict], box: tuple[float, float, float, float]) -> str:
    """The text of a cell whose text Word turned 90° (文字方向), read as if upright: turned counter-clockwise,
    it reads bottom to top, its lines left to right; turned clockwise, top to bottom, right to left."""
    counter = chars[0]["matrix"][1] > 0

    def turn(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        return (-bottom, x0, -top, x1) if counter else (top, -x1, bottom, -x0)

    upright = [dict(char, **dict(zip(("x0", "top", "x1", "bottom"),
                                     turn(char["x0"], char["top"], char["x1"], char["bottom"]), strict=True)))
               for char in chars]
    return _joined(_lines(upright), turn(*box))


def _edges(values: Any) -> list[float]:
    """Distinct edges, those closer than `_SAME` taken as one."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _SAME:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    """The edge `value` is (within `_SAME`), by its place among `edges`."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _continues(columns: list[float], more: list[float], cells: _Cells) -> bool:
    """Whether a table's columns are those of the table before it (a table going on at the next page):
    every edge of the new part is an edge of the old one; or, when the old part held only rows drawn with
    fewer columns (the project, funds and goals above the indicators), both parts have the same outer
    edges and the new part's first row (the rest of a row the page break cut) has inner edges, all of the old
    one (a first row as wide as the table, a table's own title, proves nothing)."""
    def known(x: float) -> bool:
        return any(abs(x - y) <= _SAME for y in columns)

    if len(more) < 2:
        return False
    first = {more[c + k] for (r, c), cell in cells.items() if r == 0 for k in (0, cell.cols)}
    return all(map(known, more)) or (abs(more[0] - columns[0]) <= _SAME and abs(more[-1] - columns[-1]) <= _SAME
                                      and len(first) > 2 and all(map(known, first)))


def _append(table: _Table, columns: list[float], rows: int, cells: _Cells) -> None:
    """Put a page's part of a table below what `table` has, its columns mapped onto the table's.

    Its first row is dropped when it repeats a row already read (Word's repeated header row). A cell
    merged across the page break goes on, with the text that flowed onto this page; a row the page
    break cut is joined back (`_cut_row`)."""
    _widen(table, columns)
    at = {c: _index(table.columns, x) for c, x in enumerate(columns)}
    part: _Cells = {}
    for (r, c), cell in cells.items():
        end = at.get(c + cell.cols, len(table.columns) - 1)
        part[(r, at[c])] = cell._replace(cols=max(1, end - at[c]))
    first = _row_texts(part, 0)
    if not table.rows or (any(first.values()) and any(first == _row_texts(table.cells, r) for r in range(table.rows))):
        _place(table, part, rows, skip=1 if table.rows else 0)
        return
    covering = _covering(table.cells, table.rows - 1)
    above = {c: table.cells[anchor] for c, anchor in covering.items()}
    going_on = {c for (r, c), cell in part.items()
                if r == 0 and c in above and covering[c][1] == c and above[c].cols == cell.cols and above[c].text
                and ((cell.rows > 1 or above[c].rows > 1) and (not cell.text or above[c].full)
                     or _closes(above[c].text, cell.text))}
    own = {c: text for c, text in first.items() if c not in going_on}
    skip = 1 if _cut_row(above, {c: part[(0, c)] for c in own}) else 0
    if not skip:
        going_on |= _header_rest(above, covering, {c: part[(0, c)] for c, text in own.items() if text})
    first_text = min((c for c, text in own.items() if text), default=len(table.columns))
    filled = all(number_of(cell.text) is not None for c, cell in above.items()  # the row above's own values
                 if covering[c] == (table.rows - 1, c) and c >= first_text and cell.text and not first.get(c))
    for (r, c), cell in list(part.items()):
        anchor = covering.get(c)
        if r or anchor is None:
            continue
        if c in going_on or (skip and cell.text) or (not skip and not cell.text and _empty_goes_on(
                table, anchor, c, cell.cols, first_text, filled)):
            top = table.cells[anchor]
            table.cells[anchor] = top._replace(rows=table.rows - anchor[0] + cell.rows - skip,
                                               text=_joined_parts(top.text, cell.text) if cell.text else top.text)
            del part[(r, c)]
    _place(table, part, rows, skip)


def _widen(table: _Table, columns: list[float]) -> None:
    """Add the part's column edges the table lacks; a cell already read that crosses one spans one more column."""
    new = [x for x in columns if all(abs(x - y) > _SAME for y in table.columns)]
    if not new:
        return
    edges = sorted(table.columns + new)
    moved = [edges.index(x) for x in table.columns]
    table.cells = {(r, moved[c]): cell._replace(cols=max(1, moved[min(c + cell.cols, len(moved) - 1)] - moved[c]))
                   for (r, c), cell in table.cells.items()}
    table.columns = edges


def _closes(above: str, below: str) -> bool:
    """Whether `below` closes a bracket left open at the end of `above`: `产出指标（50` | `分）`."""
    opened = above.count("（") + above.count("(") - above.count("）") - above.count(")")
    return opened > 0 and below.count("）") + below.count(")") > below.count("（") + below.count("(")


def _empty_goes_on(table: _Table, anchor: tuple[int, int], col: int, cols: int, first_text: int,
                   filled: bool) -> bool:
    """Whether an empty one-row cell at the top of a part is the rest of the cell above it, merged
    down across the page break (Word draws the rest of a merged cell empty on the next page): so
    taken where the cell above holds text and is a label left of the row's first text (一级, 二级),
    or a number alone (a whole group's 分值 or 得分) over a row `filled` like the one above but for
    numbers (a blank template row, `指标2：`, takes nothing from the row above it)."""
    above = table.cells[anchor]
    return anchor[1] == col and bool(above.text) and above.cols == cols and (
        col < first_text or filled and number_of(above.text) is not None)


def _place(table: _Table, part: _Cells, rows: int, skip: int) -> None:
    """The part's cells below the table's rows, its first `skip` rows left out."""
    for (r, c), spanned in part.items():
        if r >= skip:
            table.cells[(table.rows + r - skip, c)] = spanned
    table.rows += rows - skip


def _row_texts(cells: _Cells, row: int) -> dict[int, str]:
    """The texts of the anchors in `row`, by column."""
    return {c: cell.text for (r, c), cell in cells.items() if r == row}


def _covering(cells: _Cells, row: int) -> dict[int, tuple[int, int]]:
    """The anchor covering each column of `row` (a cell merged down from a row above included)."""
    found: dict[int, tuple[int, int]] = {}
    for (r, c), cell in cells.items():
        if r <= row < r + cell.rows:
            found.update({col: (r, c) for col in range(c, c + cell.cols)})
    return found


def _header_rest(above: dict[int, _Cell], covering: dict[int, tuple[int, int]], first: dict[int, _Cell]) -> set[int]:
    """The columns of a part's first row that go on from a header row the page break cut, where the
    row also starts the header's second row: `一级` | `年度指标值` above, `指标` | `指标性质` `指标值` below.
    Each such cell is as wide as the cell above it, whose last line was wrapped before it; every other
    cell of the row lies under a wider one (a sub-column). Empty when the row is not so made."""
    rest = {c for c, cell in first.items() if c in above and covering[c][1] == c and above[c].cols == cell.cols
            and above[c].text and _wrapped(above[c].free, cell.lead)}
    under_wider = all(c in above and above[c].cols > cell.cols for c, cell in first.items() if c not in rest)
    return rest if rest and len(rest) < len(first) and under_wider else set()


def _cut_row(above: dict[int, _Cell], first: dict[int, _Cell]) -> bool:
    """Whether a part's first row is the rest of the row above, cut by the page break (Word lets a
    row break across pages): it has text only where the row above has (`above`, by column, cells
    merged down into that row included), it does not start with an item's number (`2.`, `指标2：`),
    and in each of its cells the text goes on from the cell above, whose last line was wrapped: what
    starts this cell would not have fitted on it. A cell above with room to spare ended there, so
    the text below is a row of its own (`10` under `10`, `达标` under `≥3000人`)."""
    filled = sorted(c for c, cell in first.items() if cell.text)
    if not filled or any(c not in above or not above[c].text for c in filled):
        return False
    if _NUMBERED.match(first[filled[0]].text):
        return False
    # A number alone below is judged without the glyphs' slack: `93.5` under `10` with room for it is a new row.
    return all(above[c].free < first[c].lead if number_of(first[c].text) is not None
               else _wrapped(above[c].free, first[c].lead) for c in filled)


def _joined_parts(above: str, rest: str) -> str:
    """A cell's text cut by a page break, joined back (as a line wrapped by the cell's width)."""
    latin = above[-1:].isascii() and above[-1:].isalpha() and rest[:1].isascii() and rest[:1].isalpha()
    return f"{above}{' ' if latin else ''}{rest}"


def _grid(name: str, table: _Table) -> Grid:
    grid = table_grid(name, table.before, table.rows)
    top = grid.row_offset
    for (r, c), cell in sorted(table.cells.items()):
        if r < MAX_ROWS and c < MAX_COLS:
            grid.put(top + r, c, cell.text)
            grid.merge(top + r, c, cell.rows, cell.cols)
    grid.rows = max(grid.rows, top + min(table.rows, MAX_ROWS))
    add_paragraphs(grid, table.after, "表后")
    return grid
