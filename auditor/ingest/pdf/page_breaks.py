"""Tables across pages: a row a page break cut in two is put back together, header rows left alone
at a page foot join their body."""
from __future__ import annotations

import re

from auditor.ingest.pdf.layout import FIGURE, HYPHEN_BREAK, ROW_CODE, SLASH_BREAK, Cell, Page


def prints_wrap_spaces(pages: list[Page]) -> bool:
    """Whether this PDF's producer keeps the space at the end of a wrapped line (LibreOffice and
    Word do, browsers and reportlab do not): then a wrapped line without one ends inside a word."""
    wrapped = trailing = 0
    for page in pages:
        groups = [block.lines for block in page.blocks]
        groups += [cell.lines for fragment in page.fragments for row in fragment.cells for cell in row if cell]
        for lines in groups:
            wrapped += len(lines) - 1
            trailing += sum(line.trailing for line in lines[:-1])
    return wrapped > 0 and trailing > 0.3 * wrapped


def rejoin_broken_rows(pages: list[Page], trailing_spaces: bool) -> None:
    """Repairs what a page break does to a table. A row the break cut in two is put back together:
    the table on one page ends with a row that has no closing rule, or whose text runs on (see
    _runs_on), and the next page's table continues that row right after any repeated header rows;
    a row that shows neither is a real row. Header rows left alone at a page foot, while the body
    starts the next page without them, then join that body."""
    for page, following in zip(pages, pages[1:]):
        if not page.fragments or not following.fragments:
            continue
        upper = max(page.fragments, key=lambda f: f.bottom)
        lower = min(following.fragments, key=lambda f: f.top)
        if len(upper.cells[0]) != len(lower.cells[0]):
            continue
        if any(b.top > upper.bottom for b in page.blocks) or any(b.top < lower.top for b in following.blocks):
            continue
        index = 0
        if not lower.open_top:
            upper_texts, lower_texts = upper.texts(), lower.texts()
            while (index < len(lower_texts) - 1 and index < len(upper_texts) - 1
                   and lower_texts[index] == upper_texts[index]):
                index += 1
        if index < len(lower.cells) and (upper.open_bottom
                                         or _runs_on(upper.cells[-1], lower.cells[index], trailing_spaces)):
            upper.cells[-1] = [_joined(a, b) for a, b in zip(upper.cells[-1], lower.cells.pop(index))]
            lower.row_pages.pop(index)
            if len(lower.cells) == index:  # nothing left but the header rows it repeated
                following.fragments.remove(lower)
                continue
        upper_texts, lower_texts = upper.texts(), lower.texts()
        if _only_header(upper_texts) and lower_texts[0] != upper_texts[0]:
            lower.cells[:0], lower.row_pages[:0] = upper.cells, upper.row_pages
            page.fragments.remove(upper)


def _only_header(rows: list[list[str]]) -> bool:
    """A few rows without a figure, bar a column-number row (1 | 2 | ... | 11=7-10)."""
    def numbering(row: list[str]) -> bool:
        return all(re.fullmatch(r"\(?\d{1,2}\)?(?:=\S+)?", text) for text in row if text)

    return len(rows) <= 4 and all(numbering(row) or not any(FIGURE.match(t) for t in row) for row in rows)


def _runs_on(upper: list[Cell | None], lower: list[Cell | None], trailing_spaces: bool) -> bool:
    """Text evidence that a row closed by a rule at the page foot goes on in the next page's row.
    That row goes on in some of the cells (not all: figures and numbers end on one line) and only
    in cells with text above, and in each of them the line above ends the way a wrap ends it: with
    the space of the wrap, or so full that the space did not fit, or inside a word at its hyphen
    ("perundang-" / "undangan", which wraps without a space) or after a slash ("Program/" / "Kegiatan"),
    and no room for the next word."""
    if not trailing_spaces:
        return False
    filled = [(above, below) for above, below in zip(upper, lower) if above is not None]
    both = [(above, below) for above, below in filled if below is not None]
    if not both or len(both) == len(filled) or any(a is None and b is not None for a, b in zip(upper, lower)):
        return False
    if all(cell is not None and ROW_CODE.fullmatch(cell.text) for cell in (upper[0], lower[0])):
        return False  # a row code does not wrap: under "I.3.1.1.2", "I.4 | SASARAN 4" is a row of its own
    for above, below in both:
        last = above.lines[-1]
        space = 0.25 * last.size
        right = above.right - space  # `right` mirrors the left padding; the right one is up to a space wider
        hyphen = bool(HYPHEN_BREAK.search(last.text) or SLASH_BREAK.search(last.text))
        if (last.x1 + (0 if hyphen else space) + below.lines[0].first_width <= right
                or not (last.trailing or hyphen or last.x1 + space > right)):
            return False
    return True


def _joined(above: Cell | None, below: Cell | None) -> Cell | None:
    if above is None or below is None:
        return above or below
    return Cell(above.lines + below.lines, above.right, above.box, above.pdf_box,
                min(above.confidence, below.confidence))
