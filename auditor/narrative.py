"""Narrative facts: the figures the report's sentences state, attached to the entities the tables name."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from auditor.facts import FactStore, canonical, same_entity, split_qualifier, stated_confidence
from auditor.model import TextBlock
from auditor.sentences import AKSI, CLOSING, FIGURES, INDIKATOR, KEGIATAN, MARKER, PROGRAM, SASARAN
from auditor.values import DECIMAL_COMMA, Value, parse_value

ROLE = "narrative"
AMBIGUOUS = "ambiguous"  # the entity id of a statement whose name fits two table entities about equally well
AMBIGUITY_MARGIN = 3.0  # points of name similarity (0-100) within which two candidates are equally close
_UPPERCASE_HEADING = re.compile(r"^[^a-z]*[A-Z]{4}[^a-z]*$")
# "E. Analisis Efisiensi Penggunaan Sumber Daya", "BAB IV Penutup": a section title typed as a paragraph
_SECTION = re.compile(r"^\s*(?:BAB\s+[IVX]+\b|[A-H]\.\s+[A-Z])")
_KEGIATAN_WORD = re.compile(r"^\s*(?:melalui\s+)?kegiatan\s+", re.IGNORECASE)


@dataclass
class Statement:
    """The figures one block states about one entity."""

    kind: str  # "indikator" | "program" | "kegiatan" | "aksi" | "total" | AMBIGUOUS
    name: str
    figures: dict[str, Value]
    block: TextBlock


@dataclass
class KegiatanOccurrence:
    """A kegiatan as the narrative presents it: its own statements, then the aksi carried out under it."""

    name: str
    statements: list[Statement] = field(default_factory=list)
    aksi: list[Statement] = field(default_factory=list)


def figures(text: str, patterns=FIGURES, decimal_mark: str = DECIMAL_COMMA) -> dict[str, Value]:
    """attribute -> the value a block states for it (the first one, when a block repeats itself), read with the
    document's `decimal_mark`."""
    found: dict[str, tuple[int, Value]] = {}
    for pattern in patterns:
        for match in pattern.regex.finditer(text):
            for attribute, printed in match.groupdict().items():
                if printed and attribute not in found:
                    found[attribute] = (match.start(attribute), figure(printed, decimal_mark))
    return {a: v for a, (_, v) in sorted(found.items(), key=lambda item: item[1][0])}


def figure(printed: str, decimal_mark: str = DECIMAL_COMMA) -> Value:
    """A figure as a sentence prints it; a count keeps its whole unit phrase ("kali perjalanan dinas")."""
    value = parse_value(printed, decimal_mark)
    if value.kind == "quantity" and value.unit in ("persen", "prosen"):  # "78,4 persen" is 78,4%
        return Value(printed, "percent", value.number, "%", value.decimals)
    if value.kind == "quantity":
        phrase = re.sub(r"^[\d.,]+\s*", "", printed).strip().rstrip(".").lower()
        return Value(printed, "quantity", value.number, phrase, value.decimals)
    return value


def strip_marker(text: str) -> str:
    return MARKER.sub("", text).strip()


def read_statements(blocks: list[TextBlock], indikator_match, mentioned=lambda text: None,
                    kegiatan_opening=lambda text: None,
                    decimal_mark: str = DECIMAL_COMMA) -> list[Statement | KegiatanOccurrence]:
    """Walk the text in reading order, keeping track of the sasaran, program and kegiatan being told.

    `indikator_match(name)` says how a named indikator matches the tables' sasaran indikator: "exact",
    "fuzzy", AMBIGUOUS or None. While a program or kegiatan is being told, a sentence names that entity's
    own indikator: only an exact match makes it the sasaran's, and a fuzzy one leaves its level in doubt.
    Budget figures ("pagu anggaran sebesar Rp …") belong to the kegiatan or program being told, else to the
    whole budget; a section title ("G. Realisasi Anggaran") ends what was being told.
    A block that states figures without "dengan indikator X" speaks of the table indikator whose whole name
    it mentions (`mentioned(text)`), however the sentence is built; under a program or kegiatan, only when it
    opens with that name ("Indikator X …", "Pada indikator X, …"). A block with figures that opens with a
    table kegiatan's whole name (`kegiatan_opening(text)`), "Kegiatan X dengan indikator …", "Kegiatan X:
    target …", or a list item "X / Terealisasi … / Atas target …", speaks of that kegiatan. Figures are read
    with the document's `decimal_mark`."""
    out: list[Statement | KegiatanOccurrence] = []
    program: str | None = None
    kegiatan: KegiatanOccurrence | None = None
    for block in blocks:
        text = strip_marker(block.text)
        if (block.kind == "heading" or SASARAN.match(text) or _UPPERCASE_HEADING.match(text) or text.startswith("Tujuan :")
                or _section_heading(block.text)):
            program, kegiatan = None, None
            continue
        if PROGRAM.match(text):
            program, kegiatan = PROGRAM.match(text).group("name"), None
            _program_statement(out, program, text, block, decimal_mark)
            continue
        closing = figures(block.text, CLOSING, decimal_mark)
        if closing and kegiatan is not None:  # "… dialokasikan pagu anggaran sebesar Rp …" told of one kegiatan
            kegiatan.statements.append(Statement("kegiatan", kegiatan.name, closing, block))
            continue
        if closing:
            out.append(Statement("program", program, closing, block) if program is not None
                       else Statement("total", "JUMLAH", closing, block))
            continue
        opening = kegiatan_opening(text) if figures(text) else None
        if opening and (kegiatan is None or canonical(opening) != canonical(kegiatan.name)):
            kegiatan = KegiatanOccurrence(opening)
            out.append(kegiatan)
            kegiatan.statements.append(Statement("kegiatan", opening, figures(text, decimal_mark=decimal_mark), block))
            continue
        opened = KEGIATAN.match(text)
        if opened:
            kegiatan = KegiatanOccurrence(opened.group("name").strip())
            out.append(kegiatan)
            stated = figures(text, decimal_mark=decimal_mark)
            if stated:
                kegiatan.statements.append(Statement("kegiatan", kegiatan.name, stated, block))
            continue
        stated = figures(text, decimal_mark=decimal_mark)
        named = INDIKATOR.search(text)
        match = indikator_match(named.group("name")) if named else None
        in_context = program is not None or kegiatan is not None
        mention = mentioned(text) if stated and not named else None
        if mention and in_context and not _opens_with(text, mention):
            mention = None  # told under a program or kegiatan: only a block that opens with the name is the sasaran's
        if mention:
            program, kegiatan = None, None
            out.append(Statement("indikator", mention, stated, block))
        elif match == "exact" or (match == "fuzzy" and not in_context):
            program, kegiatan = None, None
            out.append(Statement("indikator", named.group("name"), stated, block))
        elif match and stated:  # fits a sasaran indikator only loosely, or two of them equally
            out.append(Statement(AMBIGUOUS, named.group("name"), stated, block))
        elif kegiatan is not None and block.kind == "list_item":
            name = AKSI.match(text).group("name")
            kegiatan.aksi.append(Statement("aksi", name, stated, block))
        elif not stated:
            continue
        elif kegiatan is not None and (named or not kegiatan.aksi):
            kegiatan.statements.append(Statement("kegiatan", kegiatan.name, stated, block))
        elif kegiatan is not None:
            kegiatan.aksi.append(Statement("aksi", kegiatan.aksi[-1].name, stated, block))
        elif program is not None:
            out.append(Statement("program", program, stated, block))
        elif named:
            out.append(Statement("indikator", named.group("name"), stated, block))
    return out


_OPENS = re.compile(r"^(?:(?:pada|untuk|dengan)\s+)?indikator\s+", re.IGNORECASE)


def _section_heading(text: str) -> bool:
    """A short section title without figures, such as a Word file's headings typed as paragraphs."""
    return bool(_SECTION.match(text)) and len(text.split()) <= 15 and not text.rstrip().endswith((".", ":")) \
        and not figures(text)


def _opens_with(text: str, name: str) -> bool:
    """The block starts by naming this indikator: "Indikator X …", "Pada indikator X, …"."""
    opening = _OPENS.match(text)
    return bool(opening) and canonical(text[opening.end():]).startswith(canonical(name))


def _program_statement(out: list, program: str, text: str, block: TextBlock, decimal_mark: str) -> None:
    stated = figures(text, decimal_mark=decimal_mark)
    if stated:
        out.append(Statement("program", program, stated, block))


class _Entities:
    """Finds the table entity a narrative name stands for, with the document's own resolver: an exact name
    first, else the one fuzzy candidate clearly closer than any other."""

    def __init__(self, store: FactStore):
        self.resolver = store.resolver
        self.in_tables = {r["entity_id"] for r in store.records}

    def match(self, kind: str, name: str) -> tuple[str | None, str | None]:
        """(how, entity id): ("exact", id), ("fuzzy", id), (AMBIGUOUS, None) or (None, None); no new entity."""
        key = split_qualifier(name)
        candidates: dict[str, float] = {}
        for entity_id, main, qualifier, _ in self.resolver.known.get(kind, []):
            if entity_id not in self.in_tables:
                continue
            if key == (main, qualifier):
                return "exact", entity_id
            if same_entity(key, (main, qualifier), self.resolver.threshold):
                score = fuzz.ratio(key[0], main) + fuzz.ratio(key[1], qualifier)
                candidates[entity_id] = max(score, candidates.get(entity_id, 0.0))
        ranked = sorted(candidates.items(), key=lambda item: -item[1])
        if not ranked:
            return None, None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < AMBIGUITY_MARGIN:
            return AMBIGUOUS, None
        return "fuzzy", ranked[0][0]

    def mentioned(self, text: str) -> str | None:
        """The table indikator whose whole name the text contains: the longest, when one name holds another
        ("APK SMP" is not "APK"); None when none, or two unrelated ones, are mentioned."""
        plain = f" {canonical(text)} "
        names = {printed for entity_id, main, qualifier, printed in self.resolver.known.get("indikator", [])
                 if entity_id in self.in_tables and canonical(printed) and f" {canonical(printed)} " in plain}
        longest = [n for n in names if not any(n != m and canonical(n) in canonical(m) for m in names)]
        return longest[0] if len(longest) == 1 else None

    def kegiatan_opening(self, text: str) -> str | None:
        """The table kegiatan whose whole name opens the text, after an optional "Kegiatan" (the longest,
        when one name starts another)."""
        plain = canonical(_KEGIATAN_WORD.sub("", text))
        names = [printed for entity_id, _, _, printed in self.resolver.known.get("kegiatan", [])
                 if entity_id in self.in_tables and canonical(printed)
                 and f"{plain} ".startswith(f"{canonical(printed)} ")]
        return max(names, key=len) if names else None

    def lookup(self, kind: str, name: str) -> str | None:
        """The id of the table entity with this name, None when there is none or it is ambiguous."""
        return self.match(kind, name)[1]

    def kegiatan(self, name: str) -> str | None:
        """A kegiatan by its full name, or by its main name when exactly one table kegiatan carries it
        ("Pembangunan Gedung Kantor" for "Pembangunan Gedung Kantor (Pembangunan Plank Nama Kantor)")."""
        exact = self.lookup("kegiatan", name)
        if exact:
            return exact
        main, qualifier = split_qualifier(name)
        if qualifier:
            return None
        candidates = {entity_id for entity_id, known_main, _, _ in self.resolver.known.get("kegiatan", [])
                      if entity_id in self.in_tables and same_entity((main, ""), (known_main, ""), self.resolver.threshold)}
        return candidates.pop() if len(candidates) == 1 else None

    def resolve(self, kind: str, name: str) -> str:
        how, entity_id = self.match(kind, name)
        if how == AMBIGUOUS:
            return f"{AMBIGUOUS}:{kind}:{canonical(name)}"
        return entity_id or self.resolver.resolve(kind, name)


def add_narrative_facts(store: FactStore, blocks: list[TextBlock], decimal_mark: str) -> None:
    """Append one fact per figure the narrative states (read with the document's `decimal_mark`), with role
    "narrative", to the store."""
    entities = _Entities(store)
    for item in read_statements(blocks, lambda name: entities.match("indikator", name)[0], entities.mentioned,
                                entities.kegiatan_opening, decimal_mark):
        if isinstance(item, KegiatanOccurrence):
            _add_kegiatan(store, entities, item, decimal_mark)
        elif item.kind == "total":
            _add(store, item, "total", "total", "", decimal_mark)
        elif item.kind == AMBIGUOUS:
            _add(store, item, f"{AMBIGUOUS}:indikator:{canonical(item.name)}", "indikator", "", decimal_mark)
        else:
            _add(store, item, entities.resolve(item.kind, item.name), item.kind, "", decimal_mark)


def _add_kegiatan(store: FactStore, entities: _Entities, kegiatan: KegiatanOccurrence, decimal_mark: str) -> None:
    """Aksi sum to their kegiatan; under a name that groups several table kegiatan ("Pemberdayaan dan
    pembinaan masyarakat desa"), each aksi is the table kegiatan "group (aksi)" itself."""
    entity_id = entities.kegiatan(kegiatan.name)
    if entity_id:
        for statement in kegiatan.statements:
            _add(store, statement, entity_id, "kegiatan", "", decimal_mark)
        for aksi in kegiatan.aksi:
            _add(store, aksi, entity_id, "aksi", kegiatan.name, decimal_mark)
        return
    named = [(aksi, entities.lookup("kegiatan", f"{kegiatan.name} ({aksi.name})")) for aksi in kegiatan.aksi]
    resolved = {entity_id for _, entity_id in named if entity_id}
    group_id = resolved.pop() if len(resolved) == 1 and all(e for _, e in named) else None
    for statement in kegiatan.statements:
        _add(store, statement, group_id or entities.resolve("kegiatan", kegiatan.name), "kegiatan", "", decimal_mark)
    for aksi, aksi_id in named:
        if aksi_id:
            _add(store, aksi, aksi_id, "kegiatan", kegiatan.name, decimal_mark)
        else:
            _add(store, aksi, entities.resolve("kegiatan", kegiatan.name), "aksi", kegiatan.name, decimal_mark)


def _add(store: FactStore, statement: Statement, entity_id: str, kind: str, parent: str, decimal_mark: str) -> None:
    for attribute, value in statement.figures.items():
        store.records.append({
            "entity_id": entity_id, "kind": kind, "entity": statement.name, "parent": parent,
            "attribute": attribute, "year": None, "number": value.number, "unit": value.unit,
            "text": statement.block.text, "decimals": value.decimals, "value_kind": value.kind,
            "table_index": None, "table": None, "role": ROLE, "row_index": None, "row": None, "column": None,
            "column_index": None, "box": None,
            "page": statement.block.source.page, "line": statement.block.source.line,
            "confidence": stated_confidence(statement.block, value, decimal_mark), "text_boxes": statement.block.boxes,
        })
