"""Ruled tables on one page: pdfplumber's lines-strategy grid algorithm fed with PDFium's rulings, then
each grid position given its cell and each cell its words."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from auditor.ingest.pdf.layout import Cell, Word, group_lines
from auditor.ingest.pdf.page import Frame

# (snap, join, intersection) tolerances in points: pdfplumber's defaults, then a looser retry for
# grids whose rulings are drawn slightly apart (double borders, scanned lines).
_GRID_TOLERANCES = ((3.0, 3.0, 3.0), (6.0, 6.0, 5.0))
_MIN_EDGE = 3.0
_MIN_TRACK = 2.5  # a column or row thinner than this means the rulings were not snapped together


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]  # (row0, col0, row1, col1), end exclusive
    owner: list[list[int]]
    holes: int = 0  # grid positions no ruled cell covered, filled with one-position cells
    open_top: bool = False
    open_bottom: bool = False

    def problems(self) -> int:
        thin = sum(b - a < _MIN_TRACK for a, b in zip(self.xs, self.xs[1:]))
        thin += sum(b - a < _MIN_TRACK for a, b in zip(self.ys, self.ys[1:]))
        return thin + self.holes

    def locate(self, x: float, y: float) -> int | None:
        if not (self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1):
            return None
        col = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self.owner[row][col]


def _boundaries(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= 1.0:
            continue
        merged.append(value)
    return merged


def _nearest(bounds: list[float], value: float) -> int:
    index = bisect_right(bounds, value)
    if index == len(bounds) or (index > 0 and value - bounds[index - 1] <= bounds[index] - value):
        return index - 1
    return index


def _grid(cells: list[tuple]) -> _Grid:
    xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
    ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
    owner = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    spans: list[tuple[int, int, int, int]] = []
    # Larger cells first so that a smaller cell found inside a larger one keeps its own text.
    for x0, top, x1, bottom in sorted(cells, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), reverse=True):
        span = (_nearest(ys, top), _nearest(xs, x0), _nearest(ys, bottom), _nearest(xs, x1))
        if span[2] <= span[0] or span[3] <= span[1]:
            continue
        spans.append(span)
        for row in range(span[0], span[2]):
            for col in range(span[1], span[3]):
                owner[row][col] = len(spans) - 1
    grid = _Grid(xs, ys, spans, owner)
    for row, line in enumerate(owner):
        for col, index in enumerate(line):
            if index == -1:
                spans.append((row, col, row + 1, col + 1))
                line[col] = len(spans) - 1
                grid.holes += 1
    return grid


def _bands(edges: list[dict], gap: float) -> list[list[dict]]:
    """The edges in bands of the page that no gap wider than `gap` crosses: the rulings of tables one
    above the other, each with its own column positions, are snapped each band on its own. Snapped
    together, their nearby verticals (456.0 and 461.2) chain into one position between them, which
    puts a figure printed just right of its ruling into the column to its left."""
    bands: list[list[dict]] = []
    bottom = float("-inf")
    for edge in sorted(edges, key=lambda e: e["top"]):
        if edge["top"] > bottom + gap:
            bands.append([])
            bottom = edge["bottom"]
        bands[-1].append(edge)
        bottom = max(bottom, edge["bottom"])
    return bands


def _tables(edges: list[dict], meet: float) -> list[list[tuple]]:
    return cells_to_tables(intersections_to_cells(edges_to_intersections(edges, meet, meet)))


def _open_edges(tables: list[list[tuple]], edges: list[dict], centres: list[tuple[float, float]]) -> list[dict]:
    """Closing edges for rows cut by the page edge: the table's outer verticals run on past its
    last (or first) horizontal rule and words sit in that strip."""
    extra: list[dict] = []
    verticals = [e for e in edges if e["orientation"] == "v"]
    for cells in tables:
        x0 = min(c[0] for c in cells)
        x1 = max(c[2] for c in cells)
        top = min(c[1] for c in cells)
        bottom = max(c[3] for c in cells)
        outer = [e for e in verticals if abs(e["x0"] - x0) <= 1.5 or abs(e["x0"] - x1) <= 1.5]
        below = [e["bottom"] for e in outer if e["top"] < bottom - 1 and e["bottom"] > bottom + 4]
        above = [e["top"] for e in outer if e["bottom"] > top + 1 and e["top"] < top - 4]
        for strip, y in ((below, "bottom"), (above, "top")):
            if len(strip) < 2:
                continue
            edge_y = min(strip) if y == "bottom" else max(strip)
            low, high = (bottom, edge_y) if y == "bottom" else (edge_y, top)
            if any(x0 < cx < x1 and low < cy < high for cx, cy in centres):
                extra.append({"x0": x0, "x1": x1, "top": edge_y, "bottom": edge_y, "doctop": edge_y,
                              "width": x1 - x0, "height": 0.0, "orientation": "h", "object_type": "line",
                              "synthetic": y})
    return extra


def find_grids(edges: list[dict], words: list[Word]) -> list[_Grid]:
    """Ruled tables by pdfplumber's lines strategy; tried again with looser tolerances when no grid
    comes out or the grid looks wrong (slivers between rulings meant as one, positions no cell covers)."""
    if len(edges) < 4:
        return []
    centres = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words]
    best: list[_Grid] = []
    best_problems = 0
    for snap, join, meet in _GRID_TOLERANCES:
        merged = [e for band in _bands(edges, max(join, meet)) for e in merge_edges(band, snap, snap, join, join)
                  if (e["width"] if e["orientation"] == "h" else e["height"]) >= _MIN_EDGE]
        tables = _tables(merged, meet)
        extra = _open_edges(tables, merged, centres)
        if extra:
            tables = _tables(merged + extra, meet)
        grids = [_grid(cells) for cells in tables]
        for grid in grids:
            grid.open_top = any(e["synthetic"] == "top" and abs(e["top"] - grid.ys[0]) <= 1 for e in extra)
            grid.open_bottom = any(e["synthetic"] == "bottom" and abs(e["top"] - grid.ys[-1]) <= 1 for e in extra)
        problems = sum(g.problems() for g in grids)
        if grids and (not best or problems < best_problems):
            best, best_problems = grids, problems
        if best and best_problems == 0:
            break
    return best


def grid_cells(grid: _Grid, cell_words: dict[int, list[Word]], frame: Frame) -> list[list[Cell | None]]:
    rows: list[list[Cell | None]] = [[None] * (len(grid.xs) - 1) for _ in range(len(grid.ys) - 1)]
    for index, (row, col, row_end, col_end) in enumerate(grid.cells):
        words = cell_words.get(index)
        if words:
            box = (grid.xs[col], grid.ys[row], grid.xs[col_end], grid.ys[row_end])
            lines = group_lines(words)
            # Cell padding, mirrored to the right; centred or right-aligned text says nothing about it.
            padding = min(max(min(line.x0 for line in lines) - box[0], 0.0), 8.0)
            rows[row][col] = Cell(lines, box[2] - padding, box, frame.user_box(box))
    return rows
