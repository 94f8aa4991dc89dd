"""Borderless tables in an untagged PDF, from the alignment of their text: column gutters that run
down consecutive lines, rows from where cells start, multi-line cells kept together.

Neither rulings nor a structure tree say where such a table is, so it is only taken for one when the
text shows it beyond doubt: at least three columns whose gutters hold over the lines, and rows with
figures standing under the header words. A paragraph crosses the gutters and ends the run; a list
has too few columns."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from auditor.ingest.pdf.layout import FIGURE, PAGE_EDGE, ROW_CODE, Cell, Fragment, Word, group_lines, line_groups
from auditor.ingest.pdf.page import Frame

SEGMENT_GAP = 0.9  # a gap wider than this many font sizes parts two cells (a word space is ~0.25)
BLOCK_GAP = 2.2  # a vertical gap wider than this many font sizes ends a table (an empty row is narrower)
MIN_COLUMNS = 3
MIN_FILLED_ROWS = 2  # rows with a cell in MIN_COLUMNS columns or more
YEAR = re.compile(r"(?:19|20)\d\d")
COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?(?:=\S+)?")  # `(3)`, `11=7-10`


@dataclass
class _Segment:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Line:
    segments: list[_Segment]
    top: float
    bottom: float
    size: float


def _lines(words: list[Word]) -> list[_Line]:
    """Words into lines by vertical overlap (as group_lines), each line cut into segments at wide gaps."""
    lines: list[_Line] = []
    for group in line_groups(words):
        size = min(w.size for w in group) or 8.0
        segments = [_Segment([group[0]])]
        for word in group[1:]:
            if word.x0 - segments[-1].x1 > SEGMENT_GAP * size:
                segments.append(_Segment([word]))
            else:
                segments[-1].words.append(word)
        lines.append(_Line(segments, min(w.top for w in group), max(w.bottom for w in group), size))
    lines.sort(key=lambda line: line.top)
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and line.top - blocks[-1][-1].bottom <= BLOCK_GAP * min(line.size, blocks[-1][-1].size):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _is_figure(text: str) -> bool:
    """A figure, not a year heading (`2020 | 2021 | 2022` is a header row)."""
    return bool(FIGURE.match(text)) and not YEAR.fullmatch(text)


def _shown(test, tabular: list[_Line], titles: list[_Line]) -> bool:
    """Whether the lines show a column by `test` (a line has cells on both sides of a gutter, or a
    cell starting in a column): two body lines, or one body line of cells and a header line (a table
    whose only row with a No is its first: the header's `No | Sasaran` shows that column too). A
    column-number row does not pair with the header: its numbers stand centred, not where the
    columns start."""
    shown = [line for line in tabular if test(line)]
    return len(shown) >= 2 or (len(shown) == 1 and not all(COLUMN_NUMBER.fullmatch(s.text) for s in shown[0].segments)
                               and any(map(test, titles)))


def _gutters(lines: list[_Line], titles: list[_Line]) -> list[tuple[float, float]]:
    """x-intervals no segment of the lines with several cells covers, bar one line in eight (a
    title spanning its sub-columns), with cells on both sides in lines that show it (_shown;
    `titles`: the header's lines with several cells)."""
    tabular = [line for line in lines if len(line.segments) > 1]
    if len(tabular) < 2:
        return []
    left = min(s.x0 for line in lines for s in line.segments)
    right = max(s.x1 for line in lines for s in line.segments)
    # where single-piece lines start too: a gutter ends where its column's text starts on any line (a wrapped
    # line's `j` reaches a little left of the column's other text)
    edges = sorted({x for line in tabular + titles for s in line.segments for x in (s.x0, s.x1) if left <= x <= right}
                   | {line.segments[0].x0 for line in lines})
    allowance = len(tabular) // 8
    runs: list[list[tuple[float, float, bool]]] = []  # touching intervals: start, end, crossed by a cell
    for a, b in zip(edges, edges[1:]):
        middle = (a + b) / 2
        if b - a < 1.0:
            continue
        covered = sum(any(s.x0 < middle < s.x1 for s in line.segments) for line in tabular)
        if covered <= allowance and _shown(lambda line: any(s.x1 <= a for s in line.segments)
                                           and any(s.x0 >= b for s in line.segments), tabular, titles):
            if runs and a - runs[-1][-1][1] < 1.0:  # a sliver between two close edges parts nothing
                runs[-1].append((a, b, covered > 0))
            else:
                runs.append([(a, b, covered > 0)])
    # a gutter is where no cell crosses, when there is such a place: a cell of one row that crosses
    # (its text running on past the next column's start) does not move or hide that start
    gutters: list[tuple[float, float]] = []
    for run in runs:
        if all(crossed for _, _, crossed in run):  # a title over its sub-columns
            gutters.append((run[0][0], run[-1][1]))
            continue
        for crossed, group in groupby(run, key=lambda interval: interval[2]):
            if not crossed:
                clear = list(group)
                gutters.append((clear[0][0], clear[-1][1]))
    size = min(line.size for line in tabular)
    return [g for g in gutters if g[1] - g[0] >= 0.5 * size and left < g[0] and g[1] < right]


def _starts(lines: list[_Line], head: int) -> list[float]:
    """Where each column but the first starts: the right end of a gutter (in the body's lines, or in
    all of them when the body has fewer than two full lines: a table of one row), as a column's cells
    start their text there and a header or column number centred over it stands inside. A column
    where cells start on too few lines (_shown: a centred column number between a left-aligned
    cell's text and the gutter) is part of the one before, or of a weak one before it."""
    full = sum(len(line.segments) >= MIN_COLUMNS for line in lines[head:])
    body, header = (lines[head:], lines[:head]) if full >= 2 else (lines, [])
    tabular = [line for line in body if len(line.segments) > 1]
    titles = [line for line in header if len(line.segments) > 1]
    starts = [b - 0.5 for _, b in _gutters(body, titles)]
    while True:
        slots = [*starts, float("inf")]
        weak = [i for i, (start, end) in enumerate(zip(slots, slots[1:]))
                if not _shown(lambda line: any(start <= s.x0 < end for s in line.segments), tabular, titles)]
        if not weak:
            return starts
        # two weak neighbours are one column (a data row's cell and the column number after it)
        del starts[weak[0] + 1 if weak[0] + 1 in weak else weak[0]]


def _column(x: float, bounds: list[float]) -> int:
    return sum(x >= bound for bound in bounds)


@dataclass
class _Cell:
    col: int
    cols: int
    words: list[Word]
    first_line: int  # index of the line its text starts on
    last_line: int  # and of the line it last stood on
    tail: bool  # its last line is a whole figure: no figure goes on under it
    ended: bool = False  # its second or later line is a whole figure: nothing goes on under it

    @property
    def figure(self) -> bool:
        return _is_figure(" ".join(w.text for w in self.words))


def _placed(line: _Line, edges: list[float], below: set[int], flush: bool) -> dict[int, tuple[int, list[Word]]]:
    """A line's segments as cells: first column and span. A header title centred over the
    sub-headers it spans (`below`: columns a lower header line fills) spans the columns around its
    centre that are free on its line and filled below, as far as they keep it centred; in a
    left-aligned header (`flush`) it spans them from its own column on."""
    cells: dict[int, tuple[int, list[Word]]] = {}
    bounds = edges[1:-1]
    width = len(bounds) + 1
    taken = {c for s in line.segments for c in range(_column(s.x0, bounds), _column(s.x1 - 0.5, bounds) + 1)}
    for segment in line.segments:
        first, last = _column(segment.x0, bounds), _column(segment.x1 - 0.5, bounds)
        if below:
            centre = (segment.x0 + segment.x1) / 2
            middle = _column(centre, bounds)
            own = set(range(first, last + 1))
            free = [c for c in range(width) if c in below and (c in own or c not in taken)]
            # a left-aligned title spans nothing to its left
            spans = [(a, b) for a in range(middle + 1) for b in range(middle, width)
                     if (a == first if flush else a <= first) and b >= last
                     and all(c in free for c in range(a, b + 1))]
            if spans:
                # the widest span the title stands centred over, within a quarter of its own column
                slack = (edges[middle + 1] - edges[middle]) / 4
                first, last = max(spans, key=lambda span: (
                    abs((edges[span[0]] + edges[span[1] + 1]) / 2 - centre) <= slack, span[1] - span[0],
                    -abs((edges[span[0]] + edges[span[1] + 1]) / 2 - centre)))
                taken.update(range(first, last + 1))
        if first in cells:  # two pieces of text in one column (a gap no other line shows) are one cell
            span, words = cells[first]
            cells[first] = (max(span, last - first + 1), words + segment.words)
        else:
            cells[first] = (last - first + 1, segment.words)
    return cells


def _rows(lines: list[_Line], edges: list[float], gap: float, head: int) -> list[dict[int, _Cell]]:
    """Lines into rows. A line goes on the row above when it is close under it, writes only in
    columns whose cell reached the line just above (and puts no figure under a figure, nothing
    under a wrapped title ending in a figure), leaves some cell of the row ended, and does not
    start with a row code (`I.1`); otherwise it starts a row. The first `head` lines are the header."""
    rows: list[dict[int, _Cell]] = []
    starts = [s.x0 - edges[_column(s.x0, edges[1:-1])] for line in lines[:head] for s in line.segments]
    flush = sum(abs(x) <= 1.5 for x in starts) >= 0.6 * len(starts)
    for index, line in enumerate(lines):
        below = ({_column(s.x0, edges[1:-1]) for later in lines[index + 1:head] for s in later.segments}
                 if index < head else set())
        cells = _placed(line, edges, below, flush)
        current = rows[-1] if rows else None
        code = 0 in cells and ROW_CODE.fullmatch(" ".join(w.text for w in cells[0][1]))
        # a header line under a title printed again over each sub-column is the sub-headers' row
        code = code or (index < head and current is not None and any(
            c in current and _text(current.get(c)) in (_text(current.get(c - 1)), _text(current.get(c + 1)))
            for c in cells))
        # a row of whole figures only (the column numbers) is complete
        code = code or (current is not None and all(
            (cell.tail or COLUMN_NUMBER.fullmatch(_text(cell))) and cell.first_line == cell.last_line
            for cell in current.values()))
        goes_on = (current is not None and not code and index != head  # the header ends at `head`
                   and line.top - lines[index - 1].bottom <= gap
                   and all(c in current and current[c].last_line == index - 1 and not current[c].ended
                           and not (current[c].tail and FIGURE.match(" ".join(w.text for w in ws)))
                           for c, (_, ws) in cells.items())
                   # a body row of text only (the rest of a row cut by the page break) may go on in every cell
                   and (any(c not in cells for c in current)
                        or (index >= head and not any(cell.tail for cell in current.values()))))
        if goes_on:
            assert current is not None
            for c, (_, ws) in cells.items():
                current[c].words += ws
                current[c].last_line = index
                current[c].tail = bool(FIGURE.match(" ".join(w.text for w in ws)))
                current[c].ended = current[c].tail  # a wrapped title ending in a year (`Kinerja / 2021`)
        else:
            rows.append({c: _Cell(c, span, list(ws), index, index, bool(FIGURE.match(" ".join(w.text for w in ws))))
                         for c, (span, ws) in cells.items()})
    return rows


def _text(cell: _Cell | None) -> str:
    return " ".join(w.text for w in cell.words) if cell else ""


def _merge_header(rows: list[dict[int, _Cell]], depth: int, width: int, gap: float) -> None:
    """A header word wrapped right under its own title belongs to it, unless that title spans the
    sub-headers to its right (its right-hand neighbours are empty and the row below fills them) or
    is printed again over each of them (`Kinerja | Kinerja` over `Target | Realisasi`)."""
    text = _text

    for level in range(depth - 1, 0, -1):
        above, row = rows[level - 1], rows[level]
        for c in sorted(row):
            cell = above.get(c)
            if cell is None or cell.cols > 1 or row[c].cols > 1:
                continue
            spans = c + 1 < width and c + 1 not in above and c + 1 in row
            repeated = text(cell) in (text(above.get(c - 1)), text(above.get(c + 1)))
            close = min(w.top for w in row[c].words) - max(w.bottom for w in cell.words) <= gap
            if close and not spans and not repeated:
                cell.words += row.pop(c).words


def _head(lines: list[_Line]) -> int:
    """Lines before the first with a figure or a row code (`I`, `I.1`, `2.`): a table's header."""
    return next((i for i, line in enumerate(lines) if any(_is_figure(s.text) for s in line.segments)
                 or (len(line.segments) > 1 and ROW_CODE.fullmatch(line.segments[0].text)
                     and not YEAR.fullmatch(line.segments[0].text))), len(lines))


def _fragment(number: int, lines: list[_Line], frame: Frame, above: Fragment | None) -> Fragment | None:
    """A table from a run of lines, in its own columns, or those of the table it may continue from
    the page before (`above`, the last table there) when its own show no more. A continuation's
    header is the header rows it repeats; the lines under them, down to the first row with a figure
    or code, are the rest of a row the page break cut (see _cut_tail), not more header. (Without a
    repeated header they are still taken for one.)"""
    head = _head(lines)
    left = min(s.x0 for line in lines for s in line.segments)
    right = max(s.x1 for line in lines for s in line.segments)
    edges = [left, *_starts(lines, head), right]
    inherited = [above.columns[0][0], *(b for _, b in above.columns)] if above is not None and above.columns else []
    # the table above's columns, each of its own starting in one of them, or more than its lines show;
    # never two of its own in one of them, as a continuation does not split its table's columns
    # (a new table under a caption the page head hides has columns of its own)
    own = [_column(x + 2, inherited[1:-1]) for x in edges[1:-1]]
    apart = all(a < b for a, b in zip([0, *own], own))
    same = len(inherited) == len(edges) and all(inherited[i] - 2 <= x < inherited[i + 1]
                                                for i, x in enumerate(edges[1:-1], start=1))
    goes_on = bool(inherited) and left >= inherited[0] - 2 and (
        same or (len(inherited) > len(edges) and apart and right <= inherited[-1] + 2))
    repeated = 0
    if goes_on:
        assert above is not None
        edges = [*inherited[:-1], max(right, inherited[-1])]
        repeated = _repeated_header(lines, above)
        head = repeated or head
    if len(edges) - 1 < MIN_COLUMNS:
        return None
    bounds = edges[1:-1]
    # the gap between wrapped lines of a cell: the body's lower quartile, as rows with padding
    # part wider (header lines, in another font, may overlap)
    gaps = sorted(b.top - a.bottom for a, b in zip(lines[head:], lines[head + 1:])) or sorted(
        b.top - a.bottom for a, b in zip(lines, lines[1:]))
    gap = gaps[len(gaps) // 4] + 0.35 * min(line.size for line in lines)
    rows = _rows(lines, edges, gap, head)
    width = len(bounds) + 1
    depth = sum(min(cell.first_line for cell in row.values()) < head for row in rows)
    tail = goes_on and depth < len(rows) and _cut_tail(above.cells[-1], rows[depth])
    # figures stand in the body's rows (in two of them at least, when it has two)
    figures = sum(any(cell.figure for cell in row.values()) for row in rows[depth + tail:])
    filled = sum(len(row) >= MIN_COLUMNS for row in rows)
    shown = figures >= min(2, max(1, len(rows) - depth - tail)) and filled >= MIN_FILLED_ROWS
    # a continuation is known by its repeated header or by the cut row it starts with
    if not (shown or (goes_on and (repeated or tail) and len(rows) > depth)):
        return None
    _merge_header(rows, depth, width, gap)
    rows = [row for row in rows if row]
    reach = [max((w.x1 for row in rows for cell in row.values() if cell.col == c and cell.cols == 1
                  for w in cell.words), default=edges[c + 1]) for c in range(width)]
    grid: list[list[Cell | None]] = []
    for row in rows:
        top = min(w.top for cell in row.values() for w in cell.words)
        bottom = max(w.bottom for cell in row.values() for w in cell.words)
        printed: list[Cell | None] = [None] * width
        for cell in row.values():
            box = (edges[cell.col], top, edges[cell.col + cell.cols], bottom)
            printed[cell.col] = Cell(group_lines(cell.words), reach[cell.col + cell.cols - 1], box, frame.user_box(box))
        grid.append(printed)
    return Fragment(number, lines[0].top, lines[-1].bottom, grid, False, False, head=depth,
                    columns=list(zip(edges, edges[1:])))


def _repeated_header(lines: list[_Line], above: Fragment) -> int:
    """How many of the first lines repeat the header rows of the table above (the same words), or 0."""
    words = Counter(w for row in above.cells[:above.head] for cell in row if cell
                    for line in cell.lines for w in line.text.split())
    printed: Counter[str] = Counter()
    for count, line in enumerate(lines, start=1):
        printed.update(w.text for s in line.segments for w in s.words)
        if printed == words:
            return count
        if not printed <= words:
            return 0
    return 0


def _cut_tail(upper: list[Cell | None], row: dict[int, _Cell]) -> bool:
    """Whether a continuation's first row can be the rest of the last row above, which the page
    break cut: it writes in some of the columns that row fills, not all and none it leaves empty,
    and not where that row has a figure or a row code (they end on their line), nor a figure itself."""
    filled = {c for c, cell in enumerate(upper) if cell is not None}
    return (set(row) < filled and not any(cell.figure for cell in row.values())
            and not any(_is_figure(upper[c].text) or ROW_CODE.fullmatch(upper[c].text) for c in row))


def aligned_fragments(number: int, words: list[Word], frame: Frame,
                      above: Fragment | None) -> tuple[list[Fragment], list[Word]]:
    """Tables found in the page's free words, and the words left over; `above` is the last table
    of the page before, whose columns the page's first table may go on in."""
    top = PAGE_EDGE * frame.height  # a running header above it is no text before the table
    fragments: list[Fragment] = []
    free: list[Word] = []
    for block in _blocks(_lines(words)):
        starts = _starts(block, _head(block))
        # a line of one piece across a column start is text around a table (a caption, a paragraph)
        runs: list[list[_Line]] = [[]]
        for line in block:
            if len(line.segments) == 1 and any(line.segments[0].x0 < x < line.segments[0].x1 for x in starts):
                free += line.segments[0].words
                runs.append([])
                continue
            # a bold line of cells after rows of figures is the header of a table typed right under
            if (runs[-1] and len(line.segments) > 1 and all(w.bold for s in line.segments for w in s.words)
                    and not all(w.bold for s in runs[-1][-1].segments for w in s.words)
                    and _head(runs[-1]) < len(runs[-1])):
                runs.append([])
            runs[-1].append(line)
        for run in runs:
            # only a table at the top of the page goes on from the page before
            first = run and not any(w.bottom <= run[0].top and w.top > top for w in words)
            fragment = _fragment(number, run, frame, above if first else None) if len(run) >= 2 else None
            if fragment is None:
                free += [w for line in run for s in line.segments for w in s.words]
            else:
                fragments.append(fragment)
    return fragments, free
