"""Tables a tagged PDF names in its structure tree (Table, TR, TH, TD with ColSpan and RowSpan), as
Word's "Save as PDF" and LibreOffice's tagged export write them: which marked content each cell holds
on which page, then each cell's words and box on the page.

The tree is walked with pypdf: a cell's content on another page (a row cut by a page break) is a
marked-content reference naming its page, which neither PDFium's per-page tree nor pdfplumber's
structure tree keeps, and a row is one object on both pages, which tells a cut row from two rows."""
from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject

from auditor.ingest.pdf.layout import Cell, Fragment, Word, group_lines
from auditor.ingest.pdf.page import Frame

_ROW_GROUPS = frozenset({"THead", "TBody", "TFoot"})
_CELLS = frozenset({"TH", "TD"})


@dataclass(frozen=True)
class TaggedCell:
    row: int  # in the whole table, over all its pages
    col: int  # counted along the row; empty cells the producer left out of the tree are placed later
    rows: int  # RowSpan
    cols: int  # ColSpan
    mcids: frozenset[int]  # the marked content of the cell on this page
    header: bool  # TH


@dataclass(frozen=True)
class TaggedTable:
    key: int  # the Table element's object, the same on every page the table runs over
    cells: list[TaggedCell]  # those with content on this page


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _kids(element: DictionaryObject) -> list:
    kids = _resolve(element.get("/K"))
    return [_resolve(kid) for kid in (kids if isinstance(kids, list) else [] if kids is None else [kids])]


class _Tree:
    def __init__(self, reader: PdfReader, root: DictionaryObject):
        self.pages = {page.indirect_reference.idnum: number
                      for number, page in enumerate(reader.pages, start=1) if page.indirect_reference}
        self.roles = {str(k): str(_resolve(v)) for k, v in (_resolve(root.get("/RoleMap")) or {}).items()}

    def kind(self, element) -> str:
        name = str(element.get("/S", ""))
        for _ in range(8):  # a role map may map to another custom role; standard names end it
            if name not in self.roles:
                break
            name = self.roles[name]
        return name.lstrip("/")

    def page(self, element, inherited: int | None) -> int | None:
        reference = element.get("/Pg")
        return self.pages.get(reference.idnum, inherited) if isinstance(reference, IndirectObject) else inherited

    def content(self, element, page: int | None) -> list[tuple[int | None, int]]:
        """(page, MCID) of every marked-content sequence in the element's subtree."""
        found: list[tuple[int | None, int]] = []
        stack = [(element, self.page(element, page))]
        seen: set[int] = set()
        while stack:
            current, at = stack.pop()
            for kid in _kids(current):
                if isinstance(kid, int):
                    found.append((at, int(kid)))
                elif isinstance(kid, DictionaryObject) and "/MCID" in kid and "/Stm" not in kid:
                    found.append((self.page(kid, at), int(kid["/MCID"])))
                elif isinstance(kid, DictionaryObject) and "/S" in kid and id(kid) not in seen:
                    seen.add(id(kid))
                    stack.append((kid, self.page(kid, at)))
        return found


def _span(element, name: str) -> int:
    attributes = _resolve(element.get("/A"))
    for attribute in attributes if isinstance(attributes, list) else [attributes]:
        attribute = _resolve(attribute)
        if isinstance(attribute, DictionaryObject) and name in attribute:
            return max(1, int(_resolve(attribute[name])))
    return 1


def _table(tree: _Tree, key: int, element, page: int | None) -> dict[int, TaggedTable]:
    """The table's cells by page, rows and columns counted over the whole table."""
    page = tree.page(element, page)
    rows = []
    for child in _kids(element):
        if not isinstance(child, DictionaryObject):
            continue
        kind = tree.kind(child)
        if kind == "TR":
            rows.append(child)
        elif kind in _ROW_GROUPS:
            rows += [row for row in _kids(child) if isinstance(row, DictionaryObject) and tree.kind(row) == "TR"]
    by_page: dict[int, list[TaggedCell]] = {}
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for child in _kids(row):
            kind = tree.kind(child) if isinstance(child, DictionaryObject) else ""
            if kind not in _CELLS:
                continue
            while (r, col) in taken:
                col += 1
            height, width = min(_span(child, "/RowSpan"), len(rows) - r), _span(child, "/ColSpan")
            taken.update((r + dr, col + dc) for dr in range(height) for dc in range(width))
            content: dict[int, set[int]] = {}
            for at, mcid in tree.content(child, tree.page(row, page)):
                if at is not None:
                    content.setdefault(at, set()).add(mcid)
            for at, mcids in content.items():
                by_page.setdefault(at, []).append(TaggedCell(r, col, height, width, frozenset(mcids), kind == "TH"))
            col += width
    return {at: TaggedTable(key, cells) for at, cells in by_page.items()}


def tagged_tables(path: str, password: str | None) -> dict[int, list[TaggedTable]]:
    """The outermost tables of the PDF's structure tree by page; {} for an untagged PDF, or one
    whose tree cannot be read (its tables are then read like an untagged PDF's)."""
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            reader.decrypt(password or "")
        root = _resolve(reader.trailer["/Root"].get("/StructTreeRoot"))
        if not isinstance(root, DictionaryObject):
            return {}
        tree = _Tree(reader, root)
        found: dict[int, list[TaggedTable]] = {}
        stack = [(kid, None) for kid in _kids(root)]
        seen: set[int] = set()
        while stack:
            element, page = stack.pop()
            if not isinstance(element, DictionaryObject) or id(element) in seen:
                continue
            seen.add(id(element))
            if tree.kind(element) == "Table":
                for at, table in _table(tree, len(seen), element, page).items():
                    found.setdefault(at, []).append(table)
            else:
                stack += [(kid, tree.page(element, page)) for kid in _kids(element)]
        return found
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}


def _columns(cells: list[TaggedCell], words: dict[int, list[Word]],
             inherited: list[tuple[float, float]]) -> tuple[list[int], int]:
    """Each cell's first column, and the table's width. An empty cell has no marked content, so a
    producer may leave it out of the tree (LibreOffice does) and the cells after it would slide
    left: a row that does not fill the table's width places its cells under the columns their words
    stand in. A table that goes on from the page before (`inherited`: its columns there) and is
    narrower here is placed in those."""
    width = max(cell.col + cell.cols for cell in cells)
    rows: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        rows.setdefault(cell.row, []).append(index)
    covered: dict[int, set[int]] = {}
    for cell in cells:
        for r in range(cell.row, cell.row + cell.rows):
            covered.setdefault(r, set()).update(range(cell.col, cell.col + cell.cols))
    complete = {r for r, cols in covered.items() if len(cols) == width}
    spans: dict[int, tuple[float, float]] = {}
    for index, cell in enumerate(cells):
        if cell.row in complete and cell.cols == 1 and words.get(index):
            a, b = min(w.x0 for w in words[index]), max(w.x1 for w in words[index])
            old = spans.get(cell.col, (a, b))
            spans[cell.col] = (min(a, old[0]), max(b, old[1]))
    if len(inherited) > width:  # every row here lacks the columns whose cells ended on the page before
        width, spans, complete = len(inherited), dict(enumerate(inherited)), set()
    placed = [cell.col for cell in cells]
    taken: set[tuple[int, int]] = set()
    for r in sorted(rows):
        if r in complete or len(spans) < width:
            for index in rows[r]:
                cell = cells[index]
                taken.update((r + dr, placed[index] + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            continue
        start = 0
        for order, index in enumerate(rows[r]):
            cell = cells[index]
            room = width - sum(cells[i].cols for i in rows[r][order + 1:])
            options = [c for c in range(start, room - cell.cols + 1)
                       if all((r, c + dc) not in taken for dc in range(cell.cols))]
            if not options:
                options = [start]
            if words.get(index):
                a, b = min(w.x0 for w in words[index]), max(w.x1 for w in words[index])

                def overlap(c: int) -> float:
                    return min(b, spans[c + cell.cols - 1][1]) - max(a, spans[c][0])
                best = max(options, key=lambda c: (overlap(c), -c))
            else:
                best = options[0]
            placed[index] = best
            taken.update((r + dr, best + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            start = best + cell.cols
    return placed, width


def tagged_fragment(number: int, table: TaggedTable, words: dict[int, list[Word]], frame: Frame,
                    above: Fragment | None) -> Fragment | None:
    """One tagged table as printed on this page: `words` holds each cell's words by its index in
    the table's cells; `above` is the last table of the page before, which this one may continue.
    A cell's box runs over its columns' and rows' printed extent, since no rulings draw it."""
    if not any(words.values()):
        return None
    goes_on = above is not None and above.table_key == table.key
    inherited = above.columns if goes_on else []
    cells = table.cells
    columns, cols = _columns(cells, words, inherited)
    cells = [TaggedCell(c.row, col, c.rows, c.cols, c.mcids, c.header) for c, col in zip(cells, columns)]
    filled = [(cell, words[index]) for index, cell in enumerate(cells) if words.get(index)]
    rows = sorted({r for cell, _ in filled for r in range(cell.row, cell.row + cell.rows)})
    row_of = {r: i for i, r in enumerate(rows)}

    def extent(items, low, high):
        bounds: dict[int, tuple[float, float]] = {}
        for key, ws in items:
            a, b = min(getattr(w, low) for w in ws), max(getattr(w, high) for w in ws)
            old = bounds.get(key, (a, b))
            bounds[key] = (min(a, old[0]), max(b, old[1]))
        return bounds

    xs = dict(enumerate(inherited)) if cols == len(inherited) else {}
    xs.update(extent([(c.col, ws) for c, ws in filled if c.cols == 1], "x0", "x1"))
    ys = extent([(c.row, ws) for c, ws in filled if c.rows == 1], "top", "bottom")
    grid: list[list[Cell | None]] = [[None] * cols for _ in rows]
    for cell, ws in filled:
        last_col, last_row = cell.col + cell.cols - 1, cell.row + cell.rows - 1
        x0 = min([w.x0 for w in ws] + ([xs[cell.col][0]] if cell.col in xs else []))
        x1 = max([w.x1 for w in ws] + ([xs[last_col][1]] if last_col in xs else []))
        top = min([w.top for w in ws] + ([ys[cell.row][0]] if cell.row in ys else []))
        bottom = max([w.bottom for w in ws] + ([ys[last_row][1]] if last_row in ys else []))
        box = (x0, top, x1, bottom)
        # The column's widest line is as far as a full line of the cell reaches.
        grid[row_of[cell.row]][cell.col] = Cell(group_lines(ws), x1, box, frame.user_box(box))
    head = 0
    while head < len(rows) and all(c.header for c, _ in filled if c.row == rows[head]):
        head += 1
    every = [w for _, ws in filled for w in ws]
    fragment = Fragment(number, min(w.top for w in every), max(w.bottom for w in every), grid, False, False,
                        head=head, table_key=table.key, row_keys=rows,
                        columns=[xs.get(c, (0.0, 0.0)) for c in range(cols)])
    if goes_on and above.row_keys and above.row_keys[-1] == rows[0]:
        above.open_bottom = True  # one row of the tree on both pages: a row the page break cut
    return fragment


def repeated_header(above: Fragment, fragment: Fragment, words: list[Word], frame: Frame) -> list[Word]:
    """Prepends to a tagged table's first fragment on a page the header rows its producer repeated
    there as untagged artifacts: words above it that, shifted together, fill the header cells of the
    table's fragment on the page before with the same text. Returns the words left over."""
    header = above.cells[:above.head]
    texts = [[cell.text if cell else "" for cell in row] for row in header]
    boxes = [cell.box for row in header for cell in row if cell]
    if not boxes or fragment.head or above.table_key != fragment.table_key:
        return words
    left, right = min(b[0] for b in boxes) - 2, max(b[2] for b in boxes) + 2
    top, height = min(b[1] for b in boxes), max(b[3] for b in boxes) - min(b[1] for b in boxes)
    # above the fragment by their middle: with tight line spacing a header line's glyph boxes reach
    # into the first body line's
    candidates = [w for w in words if w.mcid < 0 and left <= w.x0 and w.x1 <= right
                  and fragment.top - 3 * height <= w.top and (w.top + w.bottom) / 2 <= fragment.top]
    for shift in sorted({w.top - top for w in candidates}):
        placed: dict[tuple[int, int], list[Word]] = {}
        for word in candidates:
            x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2 - shift
            spot = next(((r, c) for r, row in enumerate(header) for c, cell in enumerate(row)
                         if cell and cell.box[0] - 2 <= x <= cell.box[2] + 2
                         and cell.box[1] - 2 <= y <= cell.box[3] + 2), None)
            if spot is not None:
                placed.setdefault(spot, []).append(word)
        rows: list[list[Cell | None]] = [[None] * len(row) for row in header]
        for (r, c), ws in placed.items():
            old = header[r][c].box
            box = (old[0], old[1] + shift, old[2], old[3] + shift)
            rows[r][c] = Cell(group_lines(ws), header[r][c].right, box, frame.user_box(box))
        if [[cell.text if cell else "" for cell in row] for row in rows] != texts:
            continue
        fragment.cells[:0] = rows
        fragment.row_pages[:0] = [fragment.page] * len(rows)
        fragment.row_keys[:0] = [-1] * len(rows)
        fragment.head = len(rows)
        used = {id(w) for ws in placed.values() for w in ws}
        fragment.top = min(w.top for w in candidates if id(w) in used)
        return [w for w in words if id(w) not in used]
    return words
