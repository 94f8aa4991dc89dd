"""Tables as a word processor lays them out: a row a page break cut in two is put back together,
header rows left alone at a page foot join their body, a word a narrow cell cut is whole again."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.ingest.pdf.layout import FIGURE, HYPHEN_BREAK, ROW_CODE, SLASH_BREAK, Cell, Line, Page, broken_word

SPACE = 0.25  # a space's width, as a share of the type size
_WORD = re.compile(r"[^\W\d_]+")


def prints_wrap_spaces(pages: list[Page]) -> bool:
    """Whether this PDF's producer keeps the space at the end of a wrapped line (LibreOffice and
    Word do, browsers and reportlab do not): then a wrapped line without one ends inside a word."""
    wrapped = trailing = 0
    for page in pages:
        for lines in [*(block.lines for block in page.blocks), *(cell.lines for cell in _cells(page))]:
            wrapped += len(lines) - 1
            trailing += sum(line.trailing for line in lines[:-1])
    return wrapped > 0 and trailing > 0.3 * wrapped


def rejoin_broken_rows(pages: list[Page], trailing_spaces: bool) -> None:
    """Repairs what a page break does to a table. A row the break cut in two is put back together:
    the table on one page ends with a row that has no closing rule, or whose text runs on (see
    _runs_on), or the next page holds nothing but the rest of that row (see _tail_alone); the next
    page's table continues that row right after any repeated header rows (or, in a grid of other
    columns, at its top: see _under); a row that shows none of these is a real row. Header rows left alone at a page foot, while the body starts the next page
    without them, then join that body. A page with nothing printed on it (LibreOffice leaves one
    where a landscape section's table goes on) stands between no two pages."""
    previous: Page | None = None
    for page in pages:
        if previous is not None and previous.fragments and page.fragments:
            _rejoin(previous, page, trailing_spaces)
        if page.fragments or page.blocks:
            previous = page


def _rejoin(page: Page, following: Page, trailing_spaces: bool) -> None:
    upper = max(page.fragments, key=lambda f: f.bottom)
    lower = min(following.fragments, key=lambda f: f.top)
    if any(b.top > upper.bottom for b in page.blocks) or any(b.top < lower.top for b in following.blocks):
        return
    same = len(upper.cells[0]) == len(lower.cells[0])
    index = 0
    if same and not lower.open_top:
        upper_texts, lower_texts = upper.texts(), lower.texts()
        while (index < len(lower_texts) - 1 and index < len(upper_texts) - 1
               and lower_texts[index] == upper_texts[index]):
            index += 1
    row = lower.cells[index] if same else _under(upper.cells[-1], lower.cells[index])
    if row is not None and (upper.open_bottom or _tail_alone(upper.cells[-1], row, following, index)
                            or _runs_on(upper.cells[-1], row, trailing_spaces)):
        upper.cells[-1] = [_joined(a, b) for a, b in zip(upper.cells[-1], row)]
        lower.cells.pop(index)
        lower.row_pages.pop(index)
        if len(lower.cells) == index:  # nothing left but the header rows it repeated
            following.fragments.remove(lower)
            return
    if not same:
        return
    upper_texts, lower_texts = upper.texts(), lower.texts()
    if _only_header(upper_texts) and lower_texts[0] != upper_texts[0]:
        lower.cells[:0], lower.row_pages[:0] = upper.cells, upper.row_pages
        page.fragments.remove(upper)


def mend_cut_words(pages: list[Page]) -> None:
    """Marks the cell lines that end inside a word the cell was too narrow for (broken_word:
    "kemasyarak" / "atan desa") where the word put back together is known: printed whole elsewhere in
    the document, or cut elsewhere at another letter ("diadministrasi" / "kan" in a wider column).
    Two words that happen to meet at a full line stay two."""
    known = {word for line in _all_lines(pages) for word in _WORD.findall(line.text.lower())}
    cuts: list[tuple[Line, str, int]] = []
    for cell in (cell for page in pages for cell in _cells(page)):
        for line, below in zip(cell.lines, cell.lines[1:]):
            head = line.text.rsplit(" ", 1)[-1]
            if broken_word(line, below, _line_end(cell, line)):
                cuts.append((line, (head + below.text.split(" ", 1)[0]).lower(), len(head)))
    splits: dict[str, set[int]] = {}
    for _, whole, at in cuts:
        splits.setdefault(whole, set()).add(at)
    for line, whole, _ in cuts:
        line.cut = whole in known or len(splits[whole]) > 1


def _all_lines(pages: list[Page]) -> Iterator[Line]:
    for page in pages:
        yield from (line for block in page.blocks for line in block.lines)
        yield from (line for cell in _cells(page) for line in cell.lines)


def _cells(page: Page) -> Iterator[Cell]:
    """The page's table cells with text."""
    return (cell for fragment in page.fragments for row in fragment.cells for cell in row if cell)


def _only_header(rows: list[list[str]]) -> bool:
    """A few rows without a figure, bar a column-number row (1 | 2 | ... | 11=7-10)."""
    def numbering(row: list[str]) -> bool:
        return all(re.fullmatch(r"\(?\d{1,2}\)?(?:=\S+)?", text) for text in row if text)

    return len(rows) <= 4 and all(numbering(row) or not any(FIGURE.match(t) for t in row) for row in rows)


def _under(upper: list[Cell | None], lower: list[Cell | None]) -> list[Cell | None] | None:
    """The next page's row placed under the columns of the row above, where the two grids have different
    columns (two tables typed one under the other print as one grid with the columns of both, and only
    one of them goes on): each of its cells under the cell above that spans the same width, or None
    where one has no such cell above."""
    placed: list[Cell | None] = [None] * len(upper)
    for below in (cell for cell in lower if cell is not None):
        column = next((j for j, above in enumerate(upper) if above is not None
                       and abs(above.box[0] - below.box[0]) <= 1 and abs(above.box[2] - below.box[2]) <= 1), None)
        if column is None:
            return None
        placed[column] = below
    return placed


def _tail_alone(upper: list[Cell | None], lower: list[Cell | None], following: Page, index: int) -> bool:
    """The page holds nothing but one row (under any header rows it repeats), `lower`, that goes on the
    row above: text in some of the cells that have text above and in no other, none of it a figure, an
    amount ("12 Desa") or a row code unless it goes on one the cell cut ("114.162.50" / "0"). A row of
    its own would carry its number or figures, which fit on one line; LibreOffice pushes the last line
    of a cut row's cells ("diadministr" / "asikan") onto a page of its own."""
    if following.blocks or len(following.fragments) != 1 or len(following.fragments[0].cells) != index + 1:
        return False
    filled = [above for above in upper if above is not None]
    both = [(above, below) for above, below in zip(upper, lower) if above is not None and below is not None]
    return (0 < len(both) < len(filled) and not any(a is None and b is not None for a, b in zip(upper, lower))
            and not any((below.text[:1].isdigit() or FIGURE.match(below.text) or ROW_CODE.fullmatch(below.text))
                        and not _cut(above, below) for above, below in both))


def _runs_on(upper: list[Cell | None], lower: list[Cell | None], trailing_spaces: bool) -> bool:
    """Text evidence that a row closed by a rule at the page foot goes on in the next page's row.
    That row goes on in some of the cells (not all: figures and numbers end on one line) and only
    in cells with text above, and in each of them the line above ends the way a wrap ends it: with
    the space of the wrap, or so full that the space did not fit, or inside a word at its hyphen
    ("perundang-" / "undangan", which wraps without a space) or after a slash ("Program/" / "Kegiatan")
    or where a word or number too long for the cell was cut ("diadministr" / "asikan", "114.162.50" /
    "0", see broken_word), and no room for the next word."""
    if not trailing_spaces:
        return False
    filled = [(above, below) for above, below in zip(upper, lower) if above is not None]
    both = [(above, below) for above, below in filled if below is not None]
    if not both or len(both) == len(filled) or any(a is None and b is not None for a, b in zip(upper, lower)):
        return False
    if (all(cell is not None and ROW_CODE.fullmatch(cell.text) for cell in (upper[0], lower[0]))
            and not _cut(upper[0], lower[0])):
        return False  # a row code wraps only where the cell cut it: under "I.3.1.1.2", "I.4 | SASARAN 4" is a row
    for above, below in both:
        last = above.lines[-1]
        space, right = SPACE * last.size, _line_end(above, last)
        hyphen = bool(HYPHEN_BREAK.search(last.text) or SLASH_BREAK.search(last.text))
        if (last.x1 + (0 if hyphen else space) + below.lines[0].first_width <= right
                or not (last.trailing or hyphen or last.x1 + space > right or _cut(above, below))):
            return False
    return True


def _cut(above: Cell, below: Cell) -> bool:
    """The cell's last line ends inside a word or number that the cell below goes on with."""
    return broken_word(above.lines[-1], below.lines[0], _line_end(above, above.lines[-1]))


def _line_end(cell: Cell, line: Line) -> float:
    """Where a full line of the cell ends: the cell's `right` mirrors the left padding, and the right
    one is up to a space wider."""
    return cell.right - SPACE * line.size


def _joined(above: Cell | None, below: Cell | None) -> Cell | None:
    if above is None or below is None:
        return above or below
    return Cell(above.lines + below.lines, above.right, above.box, above.pdf_box,
                min(above.confidence, below.confidence))
