"""Tables of an RTF document as grids: what reporting systems export as "Word", often named `.doc`.

RTF is text: groups in braces, control words (`\\par`, `\\cell`, `\\row`,
`\\cellx1800`) and the text between them, Chinese written as `\\'c4\\'ea` bytes in
the document's code page (GBK for `\\ansicpg936` or a font of charset 134) or as
`\\u24180?`. A table row is its cells, each ended by `\\cell`, then `\\row`; the
row's `\\cellx` give the cells' right edges and `\\clvmgf`/`\\clvmrg` their
vertical merges, `\\clmrg` an old-style horizontal one, so the cells are placed
as the Word readers place them (`word_tables.edge_table`). Headers, footers,
pictures, field codes and other destinations are skipped; a field shows its
result; text deleted in tracked changes (`\\deleted`) or hidden (`\\v`) is not read;
a table inside a cell is read as that cell's text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_ROWS, Grid
from perfdesk.core.imports.word_tables import EdgeRow, Table, edge_table, grids

MAX_BYTES = 20 * 1024 * 1024  # an RTF table of a few pages is well under 1 MB; pictures make it bigger

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                    re.DOTALL)
#: Destinations whose text is not the document's (and `\*` marks any unknown one).
_SKIPPED = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"header", b"headerl", b"headerr",
            b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"fldinst", b"object", b"datafield",
            b"themedata", b"colorschememapping", b"latentstyles", b"listtable", b"listoverridetable",
            b"rsidtbl", b"generator", b"xmlnstbl", b"mmathPr", b"footnote", b"annotation", b"bkmkstart",
            b"bkmkend", b"revtbl", b"pgdsctbl", b"filetbl", b"shpinst", b"nonshppict", b"template"}
#: A font's \fcharset → how its `\'hh` bytes are written. 0 (ANSI) and 1 (default) mean the code page
#: of the system that wrote the file, which `\ansicpg` names (936 on a Chinese Windows).
_CHARSETS = {134: "gbk", 136: "big5", 128: "cp932", 129: "cp949", 2: "cp1252", 77: "mac_roman"}


class RtfUnreadable(Exception):
    """Not an RTF this reader can take; the message is Chinese and follows the file's name."""


@dataclass
class _State:
    """What a group carries: whether its text is skipped, its font, its \\uc count, its table depth."""

    skip: bool = False
    hidden: bool = False  # deleted in tracked changes (\deleted) or hidden (\v): text no reader sees
    font: int = -1
    skip_after_unicode: int = 1
    in_table: bool = False
    depth: int = 1


@dataclass
class _Reader:
    code_page: str = "cp1252"
    fonts: dict[int, str] = field(default_factory=dict)  # font number -> its encoding ("": the code page)
    blocks: list[str | Table] = field(default_factory=list)
    rows: list[EdgeRow] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # texts of the row being read
    lines: list[str] = field(default_factory=list)  # paragraphs of the cell being read
    text: list[str] = field(default_factory=list)  # the paragraph being read
    edges: list[int] = field(default_factory=list)  # the row's \cellx, after its left edge
    merges: dict[int, str] = field(default_factory=dict)
    joined: set[int] = field(default_factory=set)
    pending_merge: str = ""  # \clvmgf / \clvmrg, for the next \cellx
    pending_join: bool = False
    row_left: int = 0
    raw: bytearray = field(default_factory=bytearray)  # \'hh bytes not yet decoded
    raw_encoding: str = "cp1252"
    fallback: int = 0  # characters after \uN still to skip (its stand-in for readers without Unicode)


def read_rtf(data: bytes) -> list[Grid]:
    """One grid per table, with the paragraphs around it (see `word_tables`)."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise RtfUnreadable("不是 RTF 文档")
    return grids(_blocks(data))


def _blocks(data: bytes) -> Iterator[str | Table]:
    reader = _Reader()
    stack: list[_State] = []
    state = _State()
    font_table: int | None = None  # depth of the font table's group, while it is read
    font_number, font_charset = -1, 0
    destination_next = False  # after `\*`: the group's first control word names an unknown destination
    for match in _TOKEN.finditer(data):
        word, number, hex_byte, symbol, brace, plain = match.groups()
        if hex_byte is not None:
            if reader.fallback:
                reader.fallback -= 1
            elif not (state.skip or state.hidden):
                _byte(reader, state, int(hex_byte, 16))
            continue
        _flush(reader)
        if plain is not None and reader.fallback:
            skipped, reader.fallback = min(reader.fallback, len(plain)), max(0, reader.fallback - len(plain))
            plain = plain[skipped:]
        elif plain is None:
            reader.fallback = 0
        if brace == b"{":
            stack.append(state)
            state = replace(state)
            continue
        if brace == b"}":
            if font_table is not None and len(stack) == font_table:
                font_table = None
            if font_table is not None and font_number >= 0:
                reader.fonts[font_number] = _CHARSETS.get(font_charset, "")
            state = stack.pop() if stack else _State()
            continue
        if plain is not None:
            if not (state.skip or state.hidden):
                reader.text.append(_decode(plain, _encoding(reader, state)))
            continue
        if symbol is not None:
            if symbol == b"*":
                destination_next = True
            elif not state.skip and symbol in (b"\\", b"{", b"}"):
                reader.text.append(symbol.decode("ascii"))
            elif not state.skip and symbol == b"~":
                reader.text.append(" ")
            elif not state.skip and symbol in (b"-", b"_"):
                reader.text.append("-" if symbol == b"_" else "")
            continue
        if word is None:
            continue  # line breaks in the file mean nothing
        value = int(number) if number is not None else None
        if destination_next:
            destination_next = False
            if word not in (b"nesttableprops", b"fldrslt"):
                state.skip = True
                continue
        if word == b"fonttbl":
            font_table = len(stack)
            state.skip = True
            continue
        if font_table is not None:
            if word == b"f" and value is not None:
                font_number, font_charset = value, 0
            elif word == b"fcharset" and value is not None:
                font_charset = value
            continue
        if word in _SKIPPED:
            state.skip = True
            continue
        if state.skip:
            continue
        _control(reader, state, word, value)
    _flush(reader)
    _end_paragraph(reader, in_table=False)
    if reader.rows:
        reader.blocks.append(edge_table(reader.rows))
    yield from reader.blocks


def _control(reader: _Reader, state: _State, word: bytes, value: int | None) -> None:
    """A control word in the document's text."""
    if word == b"ansicpg" and value is not None:
        reader.code_page = f"cp{value}" if _known(f"cp{value}") else reader.code_page
    elif word == b"f" and value is not None:
        state.font = value
    elif word == b"uc" and value is not None:
        state.skip_after_unicode = max(0, value)
    elif word == b"u" and value is not None:
        if not state.hidden:
            reader.text.append(chr(value % 65536) if -32768 <= value < 65536 else "?")
        reader.fallback = state.skip_after_unicode
    elif word in (b"deleted", b"v"):
        state.hidden = value != 0
    elif word == b"plain":
        state.hidden = False
    elif word in (b"par", b"sect", b"page"):
        _end_paragraph(reader, state.in_table)
    elif word in (b"line", b"column"):
        reader.text.append("\n")
    elif word == b"tab":
        reader.text.append(" ")
    elif word == b"intbl":
        state.in_table = True
    elif word == b"itap" and value is not None:
        state.depth = value
    elif word == b"pard":
        state.in_table, state.depth = False, 1
    elif word == b"trowd":
        reader.edges, reader.merges, reader.joined, reader.row_left = [], {}, set(), 0
    elif word == b"trleft" and value is not None:
        reader.row_left = value
    elif word == b"clvmgf":
        reader.pending_merge = "restart"
    elif word == b"clvmrg":
        reader.pending_merge = "continue"
    elif word == b"clmrg":
        reader.pending_join = True
    elif word == b"cellx" and value is not None:
        index = len(reader.edges)
        if reader.pending_merge:
            reader.merges[index] = reader.pending_merge
        if reader.pending_join:
            reader.joined.add(index)
        reader.pending_merge, reader.pending_join = "", False
        reader.edges.append(value)
    elif word in (b"nestcell", b"nestrow"):
        reader.text.append("\n")
    elif word == b"cell":
        if state.depth > 1:
            reader.text.append("\n")
            return
        reader.lines.append("".join(reader.text))
        reader.text = []
        reader.cells.append(clean_text("\n".join(reader.lines)))
        reader.lines = []
    elif word == b"row":
        if state.depth > 1:
            reader.text.append("\n")
            return
        if reader.text and "".join(reader.text).strip():  # text after the last \cell: a cell of its own
            reader.cells.append(clean_text("".join(reader.text)))
        reader.text = []
        edges = [reader.row_left, *reader.edges]
        row = EdgeRow(reader.cells, edges, dict(reader.merges), set(reader.joined))
        reader.rows.append(row if len(reader.rows) < MAX_ROWS else EdgeRow([], [], {}, set()))
        reader.cells = []


def _end_paragraph(reader: _Reader, in_table: bool) -> None:
    text = "".join(reader.text)
    reader.text = []
    if in_table:
        reader.lines.append(text)
        return
    if reader.rows:
        reader.blocks.append(edge_table(reader.rows))
        reader.rows = []
    if reader.cells or reader.lines:  # a row left open by a damaged file
        reader.lines, reader.cells = [], []
    reader.blocks.append(clean_text(text))


def _byte(reader: _Reader, state: _State, byte: int) -> None:
    """A `\\'hh` byte: gathered, so a two-byte GBK character is decoded whole."""
    encoding = _encoding(reader, state)
    if reader.raw and encoding != reader.raw_encoding:
        _flush(reader)
    reader.raw_encoding = encoding
    reader.raw.append(byte)


def _flush(reader: _Reader) -> None:
    if reader.raw:
        reader.text.append(_decode(bytes(reader.raw), reader.raw_encoding or reader.code_page))
        reader.raw.clear()


def _encoding(reader: _Reader, state: _State) -> str:
    return reader.fonts.get(state.font, "") or reader.code_page


def _decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, "replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True
