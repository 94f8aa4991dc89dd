"""The fact store: one row per figure the document states about an entity, with where it was printed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from auditor.headers import row_number
from auditor.model import DOUBTFUL_CONFIDENCE, TextBlock
from auditor.ruleapi import Fact
from auditor.structure import Table, stated_years
from auditor.values import Value, parse_value
from auditor.vocabulary import is_total_label

if TYPE_CHECKING:
    import pandas as pd  # frames are built where they are asked for: pandas takes most of start-up

FACT_COLUMNS = [f.name for f in fields(Fact)]
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\d+\))\s+", re.IGNORECASE)
_PERCENT_UNITS = {"%", "persen", "prosen"}
PERIOD_TARGET = "target_periode"  # a target for a period that is not the report year's, or for no stated year
_VALUE_ATTRIBUTES = {
    "target", "realisasi", "capaian", "alokasi", "realisasi_anggaran", "penyerapan", "efisiensi",
    "pagu", "pagu_sebelum", "target_renstra", "capaian_renstra", "capaian_rata_rata",
}
# "Capaian Kinerja Sasaran 2: Meningkatnya …": a table of one sasaran names it in its caption
_CAPTION_SASARAN = re.compile(r"\bsasaran(?:\s+strategis)?\s*(?:\d+|[ivx]+)?\s*[:.\-–]\s*(?P<name>\S.+)$", re.IGNORECASE)


def unreadable(facts) -> list[Fact]:
    """Cells of a figure column that read as a damaged number, digits at least as many as letters ("8O%",
    "1.2O0", flipped bytes): printed figures that nothing can compare. A note ("Belum ada penilaian",
    "Kegiatan tidak dapat dilaksanakan sehubungan Covid-19") is words."""
    return [f for f in facts if f.value_kind == "note" and f.table_index is not None
            and f.attribute in _VALUE_ATTRIBUTES
            and 0 < sum(c.isdigit() for c in f.text) >= sum(c.isalpha() for c in f.text)]


def stated_confidence(block: TextBlock, value: Value, decimal_mark: str) -> float:
    """How sure the figure a sentence states is: doubtful when OCR read a figure of that number in the sentence
    doubtfully (the same number printed twice there is doubtful twice: which one was meant is not known), else the
    sentence's confidence. `decimal_mark` is the document's."""
    if value.number is not None and any(parse_value(figure, decimal_mark).number == value.number
                                        for figure in block.doubtful):
        return DOUBTFUL_CONFIDENCE
    return block.source.confidence


def canonical(name: str) -> str:
    text = _LEADING_NUMBER.sub("", name.lower())
    text = re.sub(r"[^a-z0-9()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def split_qualifier(name: str) -> tuple[str, str]:
    """'Kegiatan X (Sub-kegiatan Y)' -> ('kegiatan x', 'sub kegiatan y'); nested brackets allowed."""
    text = canonical(name)
    if not text.endswith(")"):
        return text.replace("(", " ").strip(), ""
    depth = 0
    for position in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[position], 0)
        if depth == 0:
            main, qualifier = text[:position], text[position + 1:-1]
            return _squash(main), _squash(qualifier)
    return _squash(text), ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("(", " ").replace(")", " ")).strip()


@dataclass
class Resolver:
    """Gives the same id to the same entity printed with variants (Musrembangcam / Musrenbangcam): the
    entity of the same name first, else the closest one within the threshold. Two rows of one table are two
    entities, however alike their names ("… ditindaklanjuti" and "… ditindaklanjuti segera")."""

    threshold: float  # Config.match_threshold
    known: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)  # kind -> (id, main, qual, printed)
    rows: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # id -> (table index, row) it was printed in

    def resolve(self, kind: str, name: str, row: tuple[int, int] | None = None) -> str:
        key = split_qualifier(name)
        entries = self.known.setdefault(kind, [])
        if not re.search(r"[a-z]", " ".join(key)):  # no readable name: an entity of its own, never merged
            entity_id = f"{kind}:{len(entries) + 1}"
            entries.append((entity_id, f"\0{entity_id}", "", name))
            return self._seen(entity_id, row)
        found = self.find(kind, name, row)
        if found is not None:
            return self._seen(found, row)
        entity_id = f"{kind}:{len(entries) + 1}"
        entries.append((entity_id, *key, name))
        return self._seen(entity_id, row)

    def find(self, kind: str, name: str, row: tuple[int, int] | None = None) -> str | None:
        """The known entity this name stands for, None when there is none (and none is made)."""
        key = split_qualifier(name)
        entries = self.known.get(kind, [])
        exact = next((e for e in entries if (e[1], e[2]) == key), None)
        if exact is not None:
            return exact[0]
        close = [(fuzz.ratio(key[0], main) + fuzz.ratio(key[1], qualifier), entity_id)
                 for entity_id, main, qualifier, _ in entries
                 if same_entity(key, (main, qualifier), self.threshold) and not self._other_row(entity_id, row)]
        return max(close)[1] if close else None

    def _other_row(self, entity_id: str, row: tuple[int, int] | None) -> bool:
        """Whether the entity was printed in another row of the table this row is in."""
        return row is not None and any(t == row[0] and r != row[1] for t, r in self.rows.get(entity_id, ()))

    def _seen(self, entity_id: str, row: tuple[int, int] | None) -> str:
        if row is not None:
            self.rows.setdefault(entity_id, set()).add(row)
        return entity_id

    def printed(self, entity_id: str) -> str:
        kind = entity_id.split(":")[0]
        return next(p for i, _, _, p in self.known.get(kind, []) if i == entity_id)


# Words that name the group an indikator is measured for: a school level or a sex. "APK SD" and "APK SMP",
# "… laki-laki" and "… perempuan" are different indikator however alike the rest of their names.
_GROUPS = {"paud", "tk", "sd", "mi", "smp", "mts", "sma", "smk", "slb", "sdlb", "laki", "perempuan", "pria", "wanita"}
# A running header or footer a PDF reader left in a table row: "Halaman 12", "12 dari 40", "LKjIP … Tahun 2022".
_PAGE_FURNITURE = re.compile(r"^(?:(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|/|of)\s*\d+)?|\d+\s*(?:dari|/)\s*\d+"
                             r"|(?:lkjip|lakip|laporan kinerja)\b.*\b(?:19|20)\d{2}(?:\s*[|,-]?\s*(?:halaman\s*)?\d+)?)$",
                             re.IGNORECASE)


def groups(name: str) -> set[str]:
    return set(canonical(name).split()) & _GROUPS


def is_page_furniture(name: str) -> bool:
    return bool(_PAGE_FURNITURE.match(name.strip()))


def same_entity(a: tuple[str, str], b: tuple[str, str], threshold: float) -> bool:
    """Same main name and same qualifier, each within the fuzzy threshold, the same numbers and the same
    group (school level, sex)."""
    if re.findall(r"\d+", " ".join(a)) != re.findall(r"\d+", " ".join(b)):
        return False
    if groups(" ".join(a)) != groups(" ".join(b)):
        return False
    if fuzz.ratio(a[0], b[0]) < threshold:
        return False
    if not a[1] and not b[1]:
        return True
    return bool(a[1]) == bool(b[1]) and fuzz.ratio(a[1], b[1]) >= threshold


def is_total_row(row: list[str], label_positions: list[int]) -> bool:
    """A JUMLAH/Total row: one of its label cells is a total's label, not an indikator that starts with "Jumlah"."""
    return any(is_total_label(row[p]) for p in label_positions if p < len(row))


def row_depth(cell: str) -> int | None:
    """I -> 1, I.1 -> 2, I.1.3 -> 3; None for a cell that is not a row number."""
    number = row_number(cell.strip().rstrip("."))
    return len(number) - 1 if number else None


@dataclass
class FactStore:
    """Collects facts table by table; `frame` is the pandas store (what `extract` writes), `rows` the
    same facts typed, as rules read them."""

    year: int | None
    resolver: Resolver
    records: list[dict] = field(default_factory=list)

    def add(self, table: Table, row_index: int, column: int, attribute: str, kind: str, entity: str,
            parent: str = "", year: int | None = None, value: Value | None = None, unit_hint: str | None = None,
            entity_id: str | None = None, row: str | None = None) -> None:
        """One cell's figure; `entity_id` and `row` name an entity that is not the row's own (a count in the
        JUMLAH row), else the entity is resolved and the row named by its number and entity."""
        value = value or table.values[row_index][column]
        if value.kind == "empty" or (kind != "total" and is_page_furniture(entity)):
            return
        unit = value.unit
        value_kind = value.kind
        if value.kind == "number" and unit_hint in _PERCENT_UNITS:
            unit, value_kind = "%", "percent"
        source = table.sources[row_index]
        self.records.append({
            "entity_id": entity_id or (self.resolver.resolve(kind, entity, (table.index, row_index))
                                       if kind != "total" else "total"),
            "kind": kind,
            "entity": entity,
            "parent": parent,
            "attribute": attribute,
            "year": None if year == self.year else year,
            "number": value.number,
            "unit": unit,
            "text": value.text,
            "decimals": value.decimals,
            "value_kind": value_kind,
            "table_index": table.index,
            "table": table.label,
            "role": table.role,
            "row_index": row_index,
            "row": row or row_label(table, row_index, entity),
            "column": table.columns[column].name,
            "column_index": column,
            "box": table.boxes[row_index][column],
            "page": source.page,
            "line": source.line,
            "confidence": min(source.confidence, table.confidences[row_index][column]),
        })

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.records, columns=FACT_COLUMNS)

    @property
    def rows(self) -> tuple[Fact, ...]:
        return tuple(Fact(**record) for record in self.records)


def row_label(table: Table, row_index: int, entity: str) -> str:
    number_position = table.column("no")
    if number_position is None:
        number_position = table.column("kode")
    number = table.rows[row_index][number_position].strip() if number_position is not None else ""
    return f"{number} {entity}".strip() if number and not is_total_label(number) else entity


def _value_columns(table: Table) -> list[int]:
    return [j for j, c in enumerate(table.columns) if c.meaning in _VALUE_ATTRIBUTES]


def _filled_down(table: Table, meaning: str) -> list[str]:
    position = table.column(meaning)
    values, last = [], ""
    for row in table.rows:
        cell = row[position].strip() if position is not None else ""
        if cell and cell not in ("-",):
            last = cell
        values.append(last if position is not None else "")
    return values


def build_facts(tables: list[Table], year: int | None, threshold: float) -> FactStore:
    store = FactStore(year=year, resolver=Resolver(threshold))
    builders = {
        "capaian_sasaran": _indikator_rows, "capaian_tujuan": _indikator_rows, "realisasi_history": _indikator_rows,
        "target_plan": _indikator_rows, "renstra_end": _indikator_rows, "pk_target": _indikator_rows,
        "realisasi_tree": _tree_rows, "realisasi_anggaran": _budget_rows, "pk_anggaran": _budget_rows,
        "rata_rata": _average_rows,
    }
    for table in tables:
        if table.role in builders:
            builders[table.role](store, table)
    # read after the tables that name the entities, so that their names resolve onto those entities; the
    # efficiency tables first, whose kegiatan a Renstra table's targets may only find there
    later = {"efisiensi": _efisiensi_rows, "kegiatan_target": _kegiatan_target_rows}
    for role, builder in later.items():
        for table in (t for t in tables if t.role == role):
            builder(store, table)
    return store


def _label_positions(table: Table) -> list[int]:
    return [j for j, c in enumerate(table.columns) if c.meaning not in _VALUE_ATTRIBUTES]


def _indikator_rows(store: FactStore, table: Table) -> None:
    """Tables with one indikator per row: the sasaran/tujuan tables, history, Renstra, PK targets."""
    parents = _filled_down(table, "sasaran") if table.column("sasaran") is not None else _filled_down(table, "tujuan")
    if table.column("sasaran") is None and table.column("tujuan") is None:
        named = _CAPTION_SASARAN.search(table.caption)
        parents = [named.group("name").strip() if named else ""] * len(table.rows)
    units = _filled_down(table, "satuan")
    position = table.column("indikator", last=True)  # the indikator the value columns measure sits nearest them
    if position is None:
        return
    for i, row in enumerate(table.rows):
        indikator = row[position].strip()
        if not indikator or is_total_row(row, _label_positions(table)):
            continue
        for j in _value_columns(table):
            column = table.columns[j]
            store.add(table, i, j, column.meaning, "indikator", indikator, parents[i], column.year,
                      unit_hint=units[i].strip().lower() or None)


def _average_rows(store: FactStore, table: Table) -> None:
    """A recap of averages: one "rata-rata capaian" per sasaran."""
    position = table.column("sasaran")
    for i, row in enumerate(table.rows):
        name = row[position].strip()
        if canonical(name) and not is_total_row(row, _label_positions(table)):
            for j in _value_columns(table):
                store.add(table, i, j, table.columns[j].meaning, "sasaran", name)


def _kegiatan_target_rows(store: FactStore, table: Table) -> None:
    """A target for each kegiatan ("500 Surat" under Rincian Indikator). It is this year's target only when
    the table names the report's year alone, another year's when it names that year alone; a table that
    names no year or a period (the Renstra's five years) gives PERIOD_TARGET, which LKJ201 does not compare.
    A kegiatan on several rows has a target per aksi there, not one for the kegiatan."""
    target = table.column("target")
    kegiatan = _filled_down(table, "kegiatan")
    rows = [i for i, row in enumerate(table.rows) if kegiatan[i] and row[target].strip()]
    years = stated_years(table)
    year = next(iter(years)) if len(years) == 1 else None
    attribute = "target" if year is not None else PERIOD_TARGET
    parents = _filled_down(table, "program")
    for i in rows:
        if sum(1 for k in rows if canonical(kegiatan[k]) == canonical(kegiatan[i])) == 1:
            # a name no other table prints stays out of the resolver: the narrative would link to it
            known = store.resolver.find("kegiatan", kegiatan[i], (table.index, i))
            store.add(table, i, target, attribute, "kegiatan", kegiatan[i], parents[i], year,
                      entity_id=known or f"kegiatan_target:{canonical(kegiatan[i])}")


def _tree_rows(store: FactStore, table: Table) -> None:
    """The realisasi kinerja tree: tujuan/sasaran rows speak of their indikator, then programs, then kegiatan."""
    name_position, indikator_position = table.column("name"), table.column("indikator")
    number_position = table.column("no")
    value_columns = _value_columns(table)
    depths = _row_depths(table, value_columns)
    deepest = max((d for d in depths if d), default=None)
    parent = ""
    for i, row in enumerate(table.rows):
        if not any(row[j].strip() for j in value_columns):
            continue
        name = row[name_position].strip() if name_position is not None else ""
        indikator = row[indikator_position].strip() if indikator_position is not None else ""
        if name.lower().startswith("program"):
            kind, entity = "program", name
        elif deepest is not None and depths[i] == deepest and deepest > 1 and number_position is not None:
            kind, entity = "kegiatan", name
        else:
            kind, entity, parent = "indikator", indikator or name, name
        for j in value_columns:
            store.add(table, i, j, table.columns[j].meaning, kind, entity, parent if kind == "indikator" else "")


def _row_depths(table: Table, value_columns: list[int]) -> list[int | None]:
    """Numbering depth of each row (I.1.1 -> 3); an unnumbered row sits at its predecessor's level."""
    position = table.column("no")
    depths: list[int | None] = []
    previous: int | None = None
    previous_has_values = False
    for row in table.rows:
        depth = row_depth(row[position]) if position is not None else None
        has_values = any(row[j].strip() for j in value_columns)
        if depth is None and previous is not None and not is_total_row(row, _label_positions(table)):
            depth = previous if previous_has_values else previous + 1
        depths.append(depth)
        previous, previous_has_values = depth, has_values
    return depths


# Permendagri 90/2019 codes: program 1.02.02, kegiatan 1.02.02.2.01, sub kegiatan 1.02.02.2.01.01 (or .0001)
_PERMENDAGRI = re.compile(r"^(?:\d|x)\.(?:\d{2}|xx)\.\d{2}(?:\.\d\.\d{2}(?:\.\d{2,4})?)?$", re.IGNORECASE)
_LEADING_CODE = re.compile(r"^\s*((?:\d|x)\.(?:\d{2}|xx)(?:\.\d+)+)\.?\s+", re.IGNORECASE)


def hierarchy_level(code: str, name: str) -> str | None:
    """"program", "kegiatan" or "sub_kegiatan" from a Permendagri 90 code (in its own cell or leading the
    name), else from the name's first words; None when neither says."""
    leading = _LEADING_CODE.match(name)
    for candidate in (code.strip().rstrip("."), leading.group(1) if leading else ""):
        if _PERMENDAGRI.match(candidate):
            return {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[candidate.count(".") + 1]
    lowered = _LEADING_CODE.sub("", name).strip().lower()
    if re.match(r"^sub[\s-]*kegiatan\b", lowered):
        return "sub_kegiatan"
    if lowered.startswith("program"):
        return "program"
    if re.match(r"^kegiatan\b", lowered):
        return "kegiatan"
    return None


def _code_column(table: Table, name_position: int) -> int | None:
    """A column left of the names whose cells are mostly Permendagri 90 codes, when its header was not
    read as "Kode" (lost, or printed as a column number)."""
    for j in range(name_position):
        cells = [row[j].strip().rstrip(".") for row in table.rows if row[j].strip()]
        if cells and sum(bool(_PERMENDAGRI.match(cell)) for cell in cells) * 2 > len(cells):
            return j
    return None


def _budget_rows(store: FactStore, table: Table) -> None:
    """Budget tables: program rows, their kegiatan, the kegiatan's sub kegiatan, and the JUMLAH row. Each
    row's parent is the row one level up, so totals add siblings of one level only."""
    name_position = table.column("name")
    if name_position is None:
        name_position = table.column("program")
    if name_position is None:
        return
    labels = _label_positions(table)
    depths = _row_depths(table, _value_columns(table))
    code_position = table.column("kode")
    if code_position is None:
        code_position = _code_column(table, name_position)
    if code_position is None:
        code_position = table.column("no")
    program = kegiatan = ""
    for i, row in enumerate(table.rows):
        name = row[name_position].strip()
        level = hierarchy_level(row[code_position] if code_position is not None else "", name)
        parent = ""
        if is_total_row(row, labels):
            kind, entity = "total", "JUMLAH"
        elif level == "program" or (level is None and depths[i] == 1 and table.role == "realisasi_anggaran"):
            kind, entity, program, kegiatan = "program", name, name, ""
        elif level == "sub_kegiatan" and name:
            kind, entity, parent = "sub_kegiatan", name, kegiatan or program
        elif name:
            kind, entity, parent, kegiatan = "kegiatan", name, program, name
        else:
            continue
        for j in _value_columns(table):
            store.add(table, i, j, table.columns[j].meaning, kind, entity, parent)


def _efisiensi_rows(store: FactStore, table: Table) -> None:
    """The efficiency table: budget figures belong to the kegiatan; the kinerja columns belong to the
    indikator when they repeat its target and realisasi (as the Sumenep template does), else to the
    kegiatan, where they are the capaian used for its efficiency."""
    sasaran = _filled_down(table, "sasaran")
    indikator = _filled_down(table, "indikator")
    kegiatan_position = table.column("kegiatan")
    labels = _label_positions(table)
    if kegiatan_position is None and table.column("indikator") is None and table.column("program") is not None:
        _program_efisiensi_rows(store, table, labels)  # one row per program: its capaian, budget and efficiency
        return
    kinerja = {"target", "realisasi", "capaian"}
    for i, row in enumerate(table.rows):
        kegiatan = row[kegiatan_position].strip() if kegiatan_position is not None else ""
        total = is_total_row(row, labels)
        indikator_level = total or not kegiatan or kegiatan == "-" or _repeats_indikator(store, table, i, indikator[i])
        for j in _value_columns(table):
            attribute = table.columns[j].meaning
            if total:
                store.add(table, i, j, attribute, "total", "JUMLAH")
            elif attribute in kinerja and indikator_level:
                store.add(table, i, j, attribute, "indikator", indikator[i], sasaran[i])
            elif attribute in kinerja:
                name = "capaian_efisiensi" if attribute == "capaian" else f"{attribute}_efisiensi"
                store.add(table, i, j, name, "kegiatan", kegiatan, indikator[i])
            elif kegiatan and kegiatan != "-":
                store.add(table, i, j, attribute, "kegiatan", kegiatan, indikator[i])
            else:
                store.add(table, i, j, attribute, "indikator", indikator[i], sasaran[i])


def _program_efisiensi_rows(store: FactStore, table: Table, labels: list[int]) -> None:
    position = table.column("program")
    for i, row in enumerate(table.rows):
        total = is_total_row(row, labels)
        name = row[position].strip()
        if not total and not canonical(name):
            continue
        for j in _value_columns(table):
            store.add(table, i, j, table.columns[j].meaning, *(("total", "JUMLAH") if total else ("program", name)))


def _repeats_indikator(store: FactStore, table: Table, row_index: int, indikator: str) -> bool:
    """Whether a kegiatan row's target and realisasi are its indikator's, as printed in another table."""
    if not indikator:
        return False
    entity_id = store.resolver.resolve("indikator", indikator)
    for attribute in ("target", "realisasi"):
        position = table.column(attribute)
        printed = table.values[row_index][position] if position is not None else None
        stated = [r["number"] for r in store.records
                  if r["entity_id"] == entity_id and r["attribute"] == attribute and r["year"] is None
                  and r["role"] != "efisiensi" and r["number"] is not None]
        if printed is None or not printed.is_numeric or not stated:
            return False
        if printed.number not in stated:
            return False
    return True
