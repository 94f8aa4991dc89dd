"""Counts as facts: what the staff table totals (all staff, staff by education) and the counts sentences state
("jumlah Pegawai 17 (tujuh belas) Personil", "berpendidikan sarjana 9 orang", "menetapkan 4 (empat) Program")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.facts import FactStore, is_total_row, stated_confidence
from auditor.model import TextBlock
from auditor.narrative import ROLE
from auditor.sentences import EDUCATION_COUNTS, PROGRAM_COUNT, STAFF_COUNTS
from auditor.structure import Table
from auditor.values import Value, parse_value

KIND = "count"
ATTRIBUTE = "count"
STAFF = "count:pegawai"  # all staff; by education: STAFF + ":" + the level ("count:pegawai:S1")
PROGRAMS = "count:program"

# A level of education as tables and sentences name it -> the level it is counted under. "Sarjana" is its own
# key: reports use it for S1 alone or for S1 with the degrees above it (LKJ304 tries both).
_LEVELS = (
    (r"s\s*-?\s*3|strata\s+(?:3|tiga)|doktor(?:al)?", "S3"),
    (r"s\s*-?\s*2|strata\s+(?:2|dua)|magister|pasca\s*sarjana", "S2"),
    (r"s\s*-?\s*1|strata\s+(?:1|satu)|d\s*-?\s*(?:4|iv)", "S1"),
    (r"sarjana", "sarjana"),
    (r"(?:sm\s*/\s*)?d\s*-?\s*(?:3|iii)|diploma(?:\s+(?:3|iii|tiga))?|sarjana\s+muda", "D3"),
    (r"d\s*-?\s*(?:2|ii)", "D2"),
    (r"d\s*-?\s*(?:1|i)", "D1"),
    (r"slta|sma|smu|smk|sekolah\s+menengah\s+atas", "SLTA"),
    (r"sltp|smp|sekolah\s+menengah\s+pertama", "SLTP"),
    (r"sd|sekolah\s+dasar", "SD"),
)
SARJANA = ("S1", "S2", "S3")  # the degrees "sarjana" may stand for together


def education_level(text: str) -> str | None:
    """'S1' for "S1", "Strata 1", "D4"; 'D3' for "SM/D3"; 'sarjana' for "Sarjana"; None for anything else."""
    plain = " ".join(text.lower().replace(".", " ").split()).strip(" ()")
    for pattern, level in _LEVELS:
        if re.fullmatch(pattern, plain):
            return level
    return None


def add_count_facts(store: FactStore, tables: list[Table], blocks: list[TextBlock], decimal_mark: str) -> None:
    """The staff tables' totals and every count a sentence states (read with the document's `decimal_mark`),
    as facts of kind "count"."""
    for table in tables:
        if table.role == "pegawai" and not _positions(table):
            _staff_table(store, table)
    for block in blocks:
        for entity_id, entity, match in stated_counts(block.text):
            _stated(store, block, entity_id, entity, match, decimal_mark)


def stated_counts(text: str) -> Iterator[tuple[str, str, re.Match]]:
    """(entity id, what is counted, match) for each count the text states."""
    for match in (m for pattern in STAFF_COUNTS for m in pattern.finditer(text)):
        yield STAFF, "jumlah pegawai", match
    for match in (m for pattern in EDUCATION_COUNTS for m in pattern.finditer(text)):
        level = education_level(match.group("level"))
        if level:
            yield f"{STAFF}:{level}", f"pegawai berpendidikan {match.group('level')}", match
    for match in PROGRAM_COUNT.finditer(text):
        yield PROGRAMS, "program", match


def _positions(table: Table) -> bool:
    """A table of jabatan or eselon counts the posts filled (8 of 17 staff), not the staff."""
    return any(word in c.name.lower() for c in table.columns for word in ("jabatan", "eselon"))


def _staff_table(store: FactStore, table: Table) -> None:
    """The JUMLAH row and column of a staff table (golongan × pendidikan either way round): the JUMLAH × JUMLAH
    cell counts all staff; an education column's (or row's) total counts the staff of that level."""
    labels = [j for j, c in enumerate(table.columns) if c.meaning not in ("jumlah", "no")]
    label = table.column("pegawai") if table.column("pegawai") is not None else (labels or [0])[0]
    total_rows = [i for i, row in enumerate(table.rows) if is_total_row(row, [label])]
    total_column = table.column("jumlah", last=True)
    levels = {j: education_level(c.name.split(" / ")[-1]) for j, c in enumerate(table.columns)}
    if total_rows:
        i = total_rows[-1]
        row = table.rows[i][label]
        for j, level in levels.items():
            if level:
                store.add(table, i, j, ATTRIBUTE, KIND, f"pegawai berpendidikan {level}", entity_id=f"{STAFF}:{level}",
                          row=row)
        if total_column is not None:
            store.add(table, i, total_column, ATTRIBUTE, KIND, "jumlah pegawai", entity_id=STAFF, row=row)
    if total_column is not None and not any(levels.values()):
        for i, row in enumerate(table.rows):
            level = education_level(row[label])
            if level:
                store.add(table, i, total_column, ATTRIBUTE, KIND, f"pegawai berpendidikan {level}",
                          entity_id=f"{STAFF}:{level}", row=row[label])


def _stated(store: FactStore, block: TextBlock, entity_id: str, entity: str, match: re.Match,
            decimal_mark: str) -> None:
    value: Value = parse_value(match.group("count"), decimal_mark)
    store.records.append({
        "entity_id": entity_id, "kind": KIND, "entity": entity, "parent": "", "attribute": ATTRIBUTE, "year": None,
        "number": value.number, "unit": None, "text": block.text, "decimals": 0, "value_kind": "number",
        "table_index": None, "table": None, "role": ROLE, "row_index": None, "row": None, "column": None,
        "column_index": None, "box": None, "page": block.source.page, "line": block.source.line,
        "confidence": stated_confidence(block, value, decimal_mark), "text_boxes": block.boxes,
    })
