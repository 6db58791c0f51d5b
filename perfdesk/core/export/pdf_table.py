"""Measuring the table layout for print and cutting it into pages.

Pagination is done here, not by reportlab's Table: a row span taller than a
page (a long 一级 block) and a single cell taller than a page (long goals text)
are both ordinary here. A page is a list of row slices; a row too tall for any
page is cut between text lines into several slices. The indicator header row
is repeated on every page that continues the indicator block, and the
signature rows are kept together with room for the unit's stamp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from perfdesk.core.export.pdf_wrap import FontFace, paragraphs, wrap_text
from perfdesk.core.layout.table import STAMP_POINTS, Cell, Format, Role, TableLayout

#: A tall row is not cut when fewer text lines than this would stay on the page.
MIN_SPLIT_LINES = 3
#: A short text that just misses one line (`51.63%`, `项目负责人`) is set up to this much smaller instead.
MIN_FIT_RATIO = 0.75
#: Longer texts than this (characters per line) wrap at the normal size.
SHORT_TEXT = 8
#: A column grows to at most this multiple of its share so that its short texts fit on one line.
MAX_GROWTH = 1.7
#: A column gives at most this share of its width to the columns that grow.
MAX_GIVE = 0.1
#: Amounts and rates print as the Excel export shows them (its `0.00` and `0.00%` formats): `38.00`, not `38`.
DECIMALS = {Format.MONEY: Decimal("0.01"), Format.PERCENT: Decimal("0.01")}
#: Beyond Excel's 15 digits the export keeps the text; so does the printout.
LARGEST_NUMBER = Decimal("1e15")


@dataclass(frozen=True)
class PrintStyle:
    """Sizes in points; one instance per page orientation."""

    body_size: float = 9.0
    title_size: float = 16.0
    pad_x: float = 3.0
    pad_y: float = 3.0
    min_row: float = 18.0
    leading_ratio: float = 1.3
    draft_band: float = 16.0  # room under the title for the red draft line

    def size(self, cell: Cell) -> float:
        return self.title_size if cell.role is Role.TITLE else self.body_size

    def leading(self, size: float) -> float:
        return size * self.leading_ratio


@dataclass(frozen=True)
class Slice:
    """A row, or the text lines [first_line, last_line) of a row cut across pages."""

    row: int
    height: float
    first_line: int = 0
    last_line: int | None = None  # None: the whole row
    repeated: bool = False  # the indicator header repeated on a continuation page

    @property
    def partial(self) -> bool:
        return self.last_line is not None


@dataclass
class Metrics:
    """Column widths, wrapped lines of every cell and the height of every row."""

    widths: list[float]
    lines: dict[int, list[str]]  # id(cell) → wrapped lines at the cell's size
    sizes: dict[int, float]  # id(cell) → font size
    heights: list[float]
    keep: list[float]  # height that must fit below a row's top before the page ends (merged labels)
    row_lines: list[int]  # most text lines of a one-row cell in each row (for cutting)

    def x(self, col: int) -> float:
        return sum(self.widths[:col])


@dataclass
class Pagination:
    """The table cut into pages, with the measures it was cut by."""

    metrics: Metrics
    pages: list[list[Slice]] = field(default_factory=list)


def printed(cell: Cell) -> str:
    """The text a cell prints: numbers of amounts and rates with two decimals, as in the Excel file."""
    step = DECIMALS.get(cell.fmt)
    number = cell.number
    if step is None or number is None or not number.is_finite() or abs(number) >= LARGEST_NUMBER:
        return cell.text
    if cell.fmt is Format.PERCENT:
        return f"{(number * 100).quantize(step, ROUND_HALF_UP)}%"
    return str(number.quantize(step, ROUND_HALF_UP))


def column_widths(units_of: tuple[int, ...], total: float, grow: list[float] | None = None,
                  keep: list[float] | None = None) -> list[float]:
    """Widths in points filling `total`: the proportions `units_of` (the layout grid's widths), with a column
    widened (up to MAX_GROWTH times) to its `grow` width — what its scores, titles and one-row
    labels need on one line. The room comes from columns wider than their `keep` width (all
    their short texts on one line), each giving at most MAX_GIVE of its width: the long texts
    of 三级指标 and 偏差原因 must not wrap into many more lines."""
    units = sum(units_of)
    base = [total * w / units for w in units_of]
    if grow is None or keep is None:
        return base
    growth = [max(0.0, min(n, b * MAX_GROWTH) - b) for b, n in zip(base, grow, strict=True)]
    give = [min(max(0.0, b - n), b * MAX_GIVE) for b, n in zip(base, keep, strict=True)]
    if not sum(growth) or not sum(give):
        return base
    scale = min(1.0, sum(give) / sum(growth))  # all the growth asked for, or as much as there is room for
    taken = _share(sum(growth) * scale, base, give)
    return [b + g * scale - t for b, g, t in zip(base, growth, taken, strict=True)]


def _share(amount: float, base: list[float], give: list[float]) -> list[float]:
    """`amount` taken from the columns in proportion to their width, none beyond what it can `give`
    (so the wide 三级指标 column gives no more than its share)."""
    taken = [0.0] * len(base)
    while amount > 1e-6:
        open_ = [i for i in range(len(base)) if give[i] - taken[i] > 1e-9]
        if not open_:
            break
        width = sum(base[i] for i in open_)
        step = [min(give[i] - taken[i], amount * base[i] / width) for i in open_]
        for i, part in zip(open_, step, strict=True):
            taken[i] += part
        amount -= sum(step)
    return taken


def one_line_needs(layout: TableLayout, face: FontFace, style: PrintStyle, merged: bool) -> list[float]:
    """Per column, the width needed on one line by its scores (`7.99（人工）`), column titles and
    short labels (`填报日期`); merged labels only when `merged`: they have rows of room to wrap,
    so a column does not grow for them, but does not give up the room they use either."""
    needs = [0.0] * layout.columns
    for cell in layout.cells:
        text = printed(cell)
        if cell.colspan > 1 or cell.multiline or "\n" in text:
            continue
        label = cell.role is Role.LABEL and (merged or cell.rowspan == 1) and len(text) <= SHORT_TEXT
        if label or cell.role in (Role.COMPUTED, Role.HEADER):
            needs[cell.col] = max(needs[cell.col], face.width(text, style.size(cell)) + 2 * style.pad_x)
    return needs


def text_width(cell: Cell, metrics_widths: list[float], style: PrintStyle) -> float:
    return sum(metrics_widths[cell.col : cell.col + cell.colspan]) - 2 * style.pad_x


def measure(layout: TableLayout, face: FontFace, style: PrintStyle, table_width: float,
            draft: bool = False) -> Metrics:
    """Wrap every cell's text and size every row so that all text fits."""
    widths = column_widths(layout.grid.widths, table_width, one_line_needs(layout, face, style, merged=False),
                           one_line_needs(layout, face, style, merged=True))
    lines: dict[int, list[str]] = {}
    sizes: dict[int, float] = {}
    heights = [style.min_row] * layout.rows
    row_lines = [0] * layout.rows
    spanning: list[Cell] = []
    fitted: dict[tuple[str, bool, float, float], tuple[float, list[str]]] = {}  # many cells share a text
    for cell in layout.cells:
        key = (printed(cell), cell.multiline, style.size(cell), text_width(cell, widths, style))
        if key not in fitted:
            fitted[key] = _fit(key[0], cell.multiline, face, key[2], key[3])
        size, wrapped = fitted[key]
        lines[id(cell)], sizes[id(cell)] = wrapped, size
        if cell.rowspan > 1:
            spanning.append(cell)
            continue
        need = len(wrapped) * style.leading(size) + 2 * style.pad_y
        heights[cell.row] = max(heights[cell.row], need)
        row_lines[cell.row] = max(row_lines[cell.row], len(wrapped))
    for cell in spanning:
        need = len(lines[id(cell)]) * style.leading(sizes[id(cell)]) + 2 * style.pad_y
        have = sum(heights[cell.row : cell.row + cell.rowspan])
        if need > have:
            heights[cell.row + cell.rowspan - 1] += need - have
    sig = layout.signature_block()
    if len(sig):
        heights[sig[-1]] = max(heights[sig[-1]], STAMP_POINTS)
    if draft:
        heights[0] += style.draft_band
    keep = list(heights)
    for cell in spanning:  # a merged label starts on a page only where its text fits
        need = len(lines[id(cell)]) * style.leading(sizes[id(cell)]) + 2 * style.pad_y
        span, covered = cell.row, 0.0
        while span < cell.row + cell.rowspan and covered < need:  # whole rows until the text fits
            covered += heights[span]
            span += 1
        keep[cell.row] = max(keep[cell.row], covered)
    return Metrics(widths, lines, sizes, heights, keep, row_lines)


def _fit(text: str, multiline: bool, face: FontFace, size: float, width: float) -> tuple[float, list[str]]:
    """Font size and lines of a cell: one line, slightly smaller, beats a broken short text."""
    wrapped = wrap_text(text, face, size, width)
    explicit = paragraphs(text)
    short = not multiline and all(len(p.strip()) <= SHORT_TEXT for p in explicit)
    if short and len(wrapped) > len(explicit):  # some line wrapped, so it is wider than `width` > 0
        widest = max(face.width(p, size) for p in explicit)
        if 0 < widest * MIN_FIT_RATIO <= width:
            smaller = size * width / widest * 0.995
            return smaller, wrap_text(text, face, smaller, width)
    return size, wrapped


class _Paginator:
    def __init__(self, layout: TableLayout, metrics: Metrics, style: PrintStyle, body_height: float) -> None:
        self.layout, self.m, self.style, self.avail = layout, metrics, style, body_height
        self.pages: list[list[Slice]] = [[]]
        self.used = 0.0
        first, _ = layout.indicator_rows
        self.repeat_zone = range(first, layout.total_row + 1)

    def run(self) -> list[list[Slice]]:
        sig = self.layout.signature_block()
        row = 0
        while row < self.layout.rows:
            if row == sig.start and len(sig):
                self.keep_together(sig)
                row = sig.stop
                continue
            self.place(row)
            row += 1
        return [page for page in self.pages if page]

    def add(self, piece: Slice) -> None:
        self.pages[-1].append(piece)
        self.used += piece.height

    def new_page(self, next_row: int) -> None:
        page = self.pages[-1]
        moved = page.pop() if page and page[-1].row == self.layout.indicator_header_row else None
        if moved is not None:
            self.used -= moved.height
        self.pages.append([])
        self.used = 0.0
        if next_row in self.repeat_zone or moved is not None:
            header = self.layout.indicator_header_row
            self.add(Slice(header, self.m.heights[header], repeated=moved is None))

    def place(self, row: int) -> None:
        height = self.m.heights[row]
        if self.used + max(height, self.m.keep[row]) <= self.avail or not self.pages[-1]:
            self.add(Slice(row, height))
            return
        fresh = self.avail - (self.m.heights[self.layout.indicator_header_row] if row in self.repeat_zone else 0)
        if height <= fresh or self.m.row_lines[row] <= MIN_SPLIT_LINES:
            self.new_page(row)
            self.add(Slice(row, min(height, self.avail - self.used)))
            return
        self.cut(row)

    def cut(self, row: int) -> None:
        """A row taller than a page: its text lines continue on the next pages."""
        leading = self.style.leading(self.style.body_size)
        pad = 2 * self.style.pad_y
        total, line = self.m.row_lines[row], 0
        while line < total:
            fit = int((self.avail - self.used - pad) // leading)
            if fit < MIN_SPLIT_LINES:
                self.new_page(row)
                continue
            end = min(total, line + fit)
            self.add(Slice(row, (end - line) * leading + pad, first_line=line, last_line=end))
            line = end

    def keep_together(self, rows: range) -> None:
        height = sum(self.m.heights[r] for r in rows)
        if self.used + height > self.avail and self.pages[-1]:
            self.new_page(rows.start)
        for r in rows:
            self.place(r)


def paginate(layout: TableLayout, metrics: Metrics, style: PrintStyle, body_height: float) -> Pagination:
    """Cut the measured table into pages of at most `body_height` points."""
    return Pagination(metrics, _Paginator(layout, metrics, style, body_height).run())
