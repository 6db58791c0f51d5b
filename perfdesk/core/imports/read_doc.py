"""Tables of an old binary Word file (.doc of Word 97–2003, .wps of WPS 文字) as grids.

Most published 自评表 and many a county's own are such files. Their text is one
stream of characters in which a table cell ends with the mark 0x07 and a table
row with another 0x07 whose paragraph is the row's end ([MS-DOC] 2.4.3); which
0x07 ends a row, and where each cell sits and merges, is told by the paragraph's
properties (the sprms of its PAPX). The file is read here without Word:

- the FIB, at the start of the WordDocument stream, says where the rest lies;
- the piece table (Clx, in the 0Table or 1Table stream) maps text positions to
  bytes, 8-bit or UTF-16 (Chinese text is UTF-16);
- the PAPX pages (PlcBtePapx and its 512-byte FKPs) give each paragraph's
  properties: in a table, end of a row, nesting depth, and on a row's end the
  cells' right edges and merge flags (sprmTDefTable, sprmTVertMerge).

Text deleted in tracked changes (修订) or hidden is not read (the character
properties, PlcBteChpx); field codes (`PAGE`, `HYPERLINK …`) are dropped and their shown result kept;
nested tables are read as text inside their outer cell. Bounds: the importer's
file size limit, `MAX_CHARACTERS` of text and the grid's rows and columns.
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

import olefile

from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_ROWS, Grid
from perfdesk.core.imports.word_tables import EdgeRow, Table, edge_table, grids

MAX_CHARACTERS = 4_000_000  # text read from the main document; a real 自评表 has a few thousand


class DocUnreadable(Exception):
    """The file is a Word binary that cannot be read here; the message is Chinese and follows the
    file's name (`文件“x.doc”` + `设置了打开密码`)."""


_WORD_97 = 0x00C1  # nFib of Word 97 and later (and of WPS); Word 6/95 files are older
_FIB_MAGIC, _FIB_MAGIC_WORD_6 = 0xA5EC, 0xA5DC  # Word 97 and later; Word 6 and 95
_PAGE = 512

# Sprms read ([MS-DOC] 2.6): paragraph in a table, its depth, row end (outer and nested), the row's cells.
_IN_TABLE, _TTP, _ITAP, _INNER_TTP, _DEF_TABLE, _VERT_MERGE, _HUGE_PAPX = (
    0x2416, 0x2417, 0x6649, 0x244C, 0xD608, 0xD62B, 0x6646)
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra, the sprm's top three bits
_TAB_CHANGES = 0xC615  # sprmPChgTabs: its own length rule
_UNSEEN = {0x0800, 0x083C}  # sprmCFRMarkDel (deleted in tracked changes), sprmCFVanish (hidden text)

# Characters of the text stream that are not text ([MS-DOC] 2.8.25 and the field marks).
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_SHOWN = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\t": " ", "\xa0": " "}
                       | {chr(c): None for c in (0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x1f)})
_PARAGRAPH_ENDS = re.compile("[\r\x07]")
# A character beyond U+FFFF (𠮷, an emoji) is two UTF-16 units, two text positions in Word: it is followed by
# a \x01 (dropped when shown) so that the decoded text keeps Word's positions.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass
class _Paragraph:
    """What a paragraph's properties say about tables."""

    in_table: bool = False
    depth: int = 0  # itap: 1 in a table, 2 in a table inside a cell …
    row_end: bool = False  # the paragraph closing an (outer) row
    inner_row_end: bool = False
    edges: list[int] = field(default_factory=list)  # row end: the cells' left edges and the last right edge
    merges: dict[int, int] = field(default_factory=dict)  # row end: cell -> vertMerge (1 continue, 3 restart)
    joined: set[int] = field(default_factory=set)  # row end: cells merged into the one on their left


def is_word_binary(data: bytes) -> bool:
    """Whether an OLE file holds a Word document (its WordDocument stream, named in any case)."""
    try:
        with olefile.OleFileIO(data) as ole:
            return bool(ole.exists("WordDocument"))
    except Exception:  # noqa: BLE001 — a broken container is not a Word file we can read
        return False


def read_doc(data: bytes) -> list[Grid]:
    """One grid per top-level table, with the paragraphs around it (see `word_tables`)."""
    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError) as exc:
        raise DocUnreadable("不是完整的 Word 文档") from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise DocUnreadable("不是 Word 文档")
        try:
            word = ole.openstream("WordDocument").read()
            fib = _Fib(word)
            table_name = "1Table" if fib.which_table else "0Table"
            if not ole.exists(table_name):
                raise DocUnreadable("缺少表格流（文件已损坏）")
            table_stream = ole.openstream(table_name).read()
            data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
        except (OSError, ValueError) as exc:  # olefile on a broken sector chain or directory
            raise DocUnreadable("的文件结构已损坏") from exc
    text, pieces = _text(word, table_stream, fib)
    runs = _Runs(word, table_stream, data_stream, fib)
    return grids(_blocks(text, pieces, runs))


class _Fib:
    """The fields of the File Information Block that locate the text and its properties."""

    def __init__(self, word: bytes) -> None:
        if len(word) < 0x1AA:
            raise DocUnreadable("的文件头不完整（文件已损坏）")
        magic, version = struct.unpack_from("<HH", word, 0)
        if magic == _FIB_MAGIC_WORD_6 or (magic == _FIB_MAGIC and version < _WORD_97):
            raise DocUnreadable("是 Word 95 或更早版本的文档")
        if magic != _FIB_MAGIC:
            raise DocUnreadable("的文件头不是 Word 文档的格式")
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise DocUnreadable("设置了打开密码（已加密）")
        self.which_table = bool(flags & 0x0200)
        # FibBase (32 bytes), then three arrays, each after its length: 16-bit words, 32-bit
        # longs (the 4th is ccpText, the main document's characters), (offset, size) pairs.
        longs = 0x22 + 2 * struct.unpack_from("<H", word, 0x20)[0]
        pairs = longs + 2 + 4 * struct.unpack_from("<H", word, longs)[0]
        if pairs + 2 + 8 * 34 > len(word):
            raise DocUnreadable("的文件头不完整（文件已损坏）")
        self.text_length = struct.unpack_from("<i", word, longs + 2 + 4 * 3)[0]
        self.chpx_at, self.chpx_size = struct.unpack_from("<II", word, pairs + 2 + 8 * 12)  # PlcBteChpx
        self.papx_at, self.papx_size = struct.unpack_from("<II", word, pairs + 2 + 8 * 13)  # PlcBtePapx
        self.clx_at, self.clx_size = struct.unpack_from("<II", word, pairs + 2 + 8 * 33)  # Clx
        if self.text_length < 0:
            raise DocUnreadable("的文件头中正文长度无效（文件已损坏）")


def _text(word: bytes, table: bytes, fib: _Fib) -> tuple[str, list[tuple[int, int, int]]]:
    """The main document's text, and its pieces as (first character, first byte, bytes per character)."""
    clx = table[fib.clx_at:fib.clx_at + fib.clx_size]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property changes of a fast save, skipped
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise DocUnreadable("中找不到正文的位置表（文件已损坏）")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    count = (len(plc) - 4) // 12
    if count < 1:
        raise DocUnreadable("中正文的位置表为空（文件已损坏）")
    starts = struct.unpack_from(f"<{count + 1}i", plc, 0)
    wanted = min(fib.text_length, MAX_CHARACTERS)
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    hidden = _hidden(word, table, fib)
    for i in range(count):
        first, last = starts[i], min(starts[i + 1], wanted)
        if first >= wanted:
            break
        if last <= first:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        compressed = bool(fc & 0x40000000)
        position = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        width = 1 if compressed else 2
        raw = word[position:position + (last - first) * width]
        part = (raw.decode("cp1252", "replace") if compressed
                else _ASTRAL.sub(lambda m: m.group() + "\x01", raw.decode("utf-16-le", "replace")))
        parts.append(_unseen(part, position, width, hidden))
        pieces.append((first, position, width))
    return "".join(parts), pieces


def _unseen(text: str, position: int, width: int, hidden: list[tuple[int, int]]) -> str:
    """`text` (from byte `position`, `width` bytes a character) with the characters in `hidden` byte
    ranges turned into \x01, which is dropped when shown: text positions stay Word's, and the
    paragraph and cell marks stay where they are."""
    end = position + len(text) * width
    spans = [(max(0, (a - position) // width), min(len(text), -(-(b - position) // width)))
             for a, b in hidden if a < end and b > position]
    if not spans:
        return text
    chars = list(text)
    for j0, j1 in spans:
        for j in range(j0, j1):
            if chars[j] not in "\r\x07":
                chars[j] = "\x01"
    return "".join(chars)


def _hidden(word: bytes, table: bytes, fib: _Fib) -> list[tuple[int, int]]:
    """Byte ranges of text a reader does not see: deleted in tracked changes (修订, sprmCFRMarkDel) or
    hidden (sprmCFVanish). Read from the character property pages (PlcBteChpx and its FKPs)."""
    plc = table[fib.chpx_at:fib.chpx_at + fib.chpx_size]
    count = (len(plc) - 4) // 8
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1)) if count > 0 else ()
    ranges: list[tuple[int, int]] = []
    for number in dict.fromkeys(page & 0x3FFFFF for page in pages):
        page = word[number * _PAGE:(number + 1) * _PAGE]
        if len(page) < _PAGE or 5 * page[-1] + 4 > _PAGE - 1:
            continue
        runs = page[-1]
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            offset = 2 * page[4 * (runs + 1) + i]
            if offset and offset < _PAGE - 1:
                grpprl = page[offset + 1:offset + 1 + page[offset]]
                if any(sprm in _UNSEEN and operand[:1] in (b"\x01", b"\x81") for sprm, operand in _sprms(grpprl)):
                    ranges.append((fcs[i], fcs[i + 1]))
    return ranges


class _Runs:
    """Paragraph properties by byte position in the WordDocument stream (the PAPX FKPs)."""

    def __init__(self, word: bytes, table: bytes, data: bytes, fib: _Fib) -> None:
        self.word, self.data = word, data
        plc = table[fib.papx_at:fib.papx_at + fib.papx_size]
        count = (len(plc) - 4) // 8
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.grpprls: list[bytes] = []
        pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1)) if count > 0 else ()
        for page in dict.fromkeys(page & 0x3FFFFF for page in pages):  # each once: a hostile file repeats one
            self._read_page(page * _PAGE)
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.ends = [self.ends[i] for i in order]
        self.grpprls = [self.grpprls[i] for i in order]
        self._known: dict[int, _Paragraph] = {}

    def _read_page(self, at: int) -> None:
        page = self.word[at:at + _PAGE]
        if len(page) < _PAGE:
            return
        runs = page[-1]
        if 4 * (runs + 1) + 13 * runs > _PAGE - 1:
            return
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            offset = 2 * page[4 * (runs + 1) + 13 * i]
            grpprl = b""
            if offset and offset < _PAGE - 1:
                size = page[offset]
                if size:
                    grpprl = page[offset + 1:offset + 1 + 2 * size - 1]
                else:
                    grpprl = page[offset + 2:offset + 2 + 2 * page[offset + 1]]
            self.starts.append(fcs[i])
            self.ends.append(fcs[i + 1])
            self.grpprls.append(grpprl[2:])  # the style index (istd) first

    def at(self, fc: int) -> _Paragraph:
        """The properties of the paragraph holding the byte `fc` (no properties: not in a table)."""
        i = bisect.bisect_right(self.starts, fc) - 1
        if i < 0 or fc >= self.ends[i]:
            return _Paragraph()
        found = self._known.get(i)
        if found is None:
            found = self._known[i] = _paragraph(self.grpprls[i], self.data)
        return found


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Each (sprm, operand) of a list of properties; stops at a truncated one."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZES[spra]
        elif sprm in (_DEF_TABLE, 0xD606) and at + 2 <= len(grpprl):  # sprmTDefTable(10): a 2-byte length
            size = struct.unpack_from("<H", grpprl, at)[0] + 1
        elif sprm == _TAB_CHANGES and at < len(grpprl) and grpprl[at] == 255:
            deleted = grpprl[at + 1] if at + 1 < len(grpprl) else 0
            added_at = at + 2 + 4 * deleted
            size = 2 + 4 * deleted + 1 + 3 * (grpprl[added_at] if added_at < len(grpprl) else 0)
        elif at < len(grpprl):
            size = grpprl[at] + 1
        else:
            return
        if at + size > len(grpprl):
            return
        yield sprm, grpprl[at:at + size]
        at += size


def _paragraph(grpprl: bytes, data: bytes) -> _Paragraph:
    found = _Paragraph()
    for sprm, operand in _sprms(grpprl):
        if sprm == _HUGE_PAPX and len(operand) == 4:  # the properties lie in the Data stream
            at = struct.unpack_from("<I", operand)[0]
            if at + 2 <= len(data):
                size = struct.unpack_from("<H", data, at)[0]
                more = _paragraph(data[at + 2:at + 2 + size], b"")
                found = _merged(found, more)
        elif sprm == _IN_TABLE:
            found.in_table = operand[0] != 0
        elif sprm == _TTP:
            found.row_end = operand[0] != 0
        elif sprm == _INNER_TTP:
            found.inner_row_end = operand[0] != 0
        elif sprm == _ITAP:
            found.depth = struct.unpack_from("<i", operand)[0]
        elif sprm in (_DEF_TABLE, 0xD606):
            _read_cells(found, operand[2:])
        elif sprm == _VERT_MERGE and len(operand) >= 3:
            found.merges[operand[1]] = operand[2]
    return found


def _merged(first: _Paragraph, second: _Paragraph) -> _Paragraph:
    """`first` with what `second` (its properties found in the Data stream) sets."""
    return _Paragraph(first.in_table or second.in_table, second.depth or first.depth,
                      first.row_end or second.row_end, first.inner_row_end or second.inner_row_end,
                      second.edges or first.edges, first.merges | second.merges, first.joined | second.joined)


def _read_cells(found: _Paragraph, operand: bytes) -> None:
    """sprmTDefTable: the number of cells, their edges (twips), then a 20-byte TC80 per cell."""
    if not operand:
        return
    cells = operand[0]
    if len(operand) < 1 + 2 * (cells + 1):
        return
    found.edges = list(struct.unpack_from(f"<{cells + 1}h", operand, 1))
    at = 1 + 2 * (cells + 1)
    for i in range(cells):
        if at + 20 * i + 2 > len(operand):
            break
        flags = struct.unpack_from("<H", operand, at + 20 * i)[0]
        if flags & 0x0003 in (2, 3):  # horzMerge: merged into the cell on its left
            found.joined.add(i)
        vertical = (flags >> 5) & 0x0003
        if vertical:
            found.merges.setdefault(i, vertical)


_UNREAD = EdgeRow([], [], {}, set())
_MERGES = {1: "continue", 3: "restart"}  # vertMerge


def _row(texts: list[str], end: _Paragraph) -> EdgeRow:
    """A row's cell texts with what the paragraph ending it says of its cells."""
    return EdgeRow(texts, end.edges, {i: _MERGES[code] for i, code in end.merges.items() if code in _MERGES},
                   end.joined)


def _blocks(text: str, pieces: list[tuple[int, int, int]], runs: _Runs) -> Iterator[str | Table]:
    """The paragraphs outside tables (their text) and the tables (their rows), in document order."""
    firsts = [p[0] for p in pieces]
    fields = _Fields()
    rows: list[EdgeRow] = []
    cells: list[str] = []  # the texts of the row being read
    lines: list[str] = []  # the paragraphs of the cell being read
    start = 0
    for mark in _PARAGRAPH_ENDS.finditer(text):
        end = mark.start()
        piece = pieces[bisect.bisect_right(firsts, end) - 1]
        props = runs.at(piece[1] + (end - piece[0]) * piece[2])
        shown = fields.shown(text[start:end])
        start = end + 1
        if not (props.in_table or props.depth > 0):
            if rows:
                yield edge_table(rows)
                rows = []
            yield clean_text(shown)
            continue
        if props.depth > 1:  # a table inside a cell: its text joins the outer cell's
            lines.append(shown)
            continue
        if props.row_end and mark.group() == "\x07":
            rows.append(_row(cells, props) if len(rows) < MAX_ROWS else _UNREAD)  # beyond: counted, not read
            cells = []
            continue
        lines.append(shown)
        if mark.group() == "\x07":
            cells.append(clean_text("\n".join(lines)))
            lines = []
    if cells:  # a row whose end mark is missing (a damaged file): keep what it has
        rows.append(_row(cells, _Paragraph()))
    if rows:
        yield edge_table(rows)


class _Fields:
    """Drops field codes from the text, keeping what each field shows; fields may nest and span paragraphs."""

    def __init__(self) -> None:
        self.codes: list[bool] = []  # per open field: still in its code (before its separator)

    def shown(self, text: str) -> str:
        if not any(mark in text for mark in (_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END)) and not self.codes:
            return text.translate(_SHOWN)
        kept: list[str] = []
        for char in text:
            if char == _FIELD_BEGIN:
                self.codes.append(True)
            elif char == _FIELD_SEPARATOR:
                if self.codes:
                    self.codes[-1] = False
            elif char == _FIELD_END:
                if self.codes:
                    self.codes.pop()
            elif not (self.codes and self.codes[-1]):
                kept.append(char)
        return "".join(kept).translate(_SHOWN)
