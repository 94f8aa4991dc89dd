"""LKJ304 — counts the narrative states must match the tables: "5 (lima) sasaran strategis", "jumlah
Pegawai 17 (tujuh belas) Personil", "berpendidikan sarjana 9 orang", "telah menetapkan 4 (empat) Program
yaitu :" and the programs listed after it.

Such counts are often left over from last year's report after the tables were updated.

Sasaran are counted in the sasaran capaian table (else the PK targets). Staff are counted by the staff
table's JUMLAH row and column (golongan × pendidikan either way round); "sarjana" may mean S1 alone or
S1 with the degrees above it, and either reading agrees. A stated number of programs is compared with the
list that follows it, else with the programs of the budget tables. A listed program must appear in the PK
budget or the realisasi anggaran table, and each budgeted program must be listed; a program listed
without a budget is a warning, since the list may repeat the Renstra rather than this year's PK.

BAHASA INDONESIA:
    Jumlah yang disebut narasi harus sesuai dengan tabel: "5 (lima) sasaran strategis", "jumlah Pegawai 17
    (tujuh belas) Personil", "berpendidikan sarjana 9 orang", "telah menetapkan 4 (empat) Program yaitu :"
    beserta program yang didaftar sesudahnya. Jumlah seperti ini sering tertinggal dari laporan tahun lalu
    ketika tabelnya sudah diperbarui.

    Sasaran strategis dihitung dari tabel capaian sasaran (kalau tidak ada, dari target Perjanjian Kinerja).
    Pegawai dihitung dari baris dan kolom JUMLAH tabel pegawai (golongan × pendidikan, ke arah mana pun);
    "sarjana" boleh berarti S1 saja atau S1 bersama jenjang di atasnya, dan kedua bacaan diterima. Jumlah
    program yang disebut dibandingkan dengan daftar yang mengikutinya, kalau tidak ada, dengan program di
    tabel anggaran. Program yang didaftar harus ada di anggaran Perjanjian Kinerja atau di tabel realisasi
    anggaran, dan setiap program yang dianggarkan harus didaftar; program yang didaftar tanpa anggaran hanya
    peringatan, karena daftar itu mungkin mengulang Renstra, bukan Perjanjian Kinerja tahun ini. Jumlah yang
    tidak ada di tabel pegawai, atau yang tabel pembandingnya tidak ada, tidak dapat diperiksa.

PASS:
    Dari 1 (satu) sasaran strategis yang diperjanjikan, dilakukan pengukuran realisasi dan capaian kinerja.

    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |

FAIL:
    Dari 2 (dua) sasaran strategis yang diperjanjikan, dilakukan pengukuran realisasi dan capaian kinerja.

    Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

    | NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
    |---|---|---|---|---|---|---|
    | 1 | Meningkatnya rencana pembangunan | Persentase hasil Musrenbangcam disetujui | % | 80 | 67 | 84 |
"""
from __future__ import annotations

from decimal import Decimal

from auditor.bilingual import Text
from auditor.counts import KIND, PROGRAMS, SARJANA, STAFF
from auditor.facts import canonical, same_entity, split_qualifier
from auditor.narrative import ROLE, strip_marker
from auditor.ruleapi import Consistent, Location, NotCheckable, Problem
from auditor.sentences import PROGRAM, PROGRAM_LIST, SASARAN_COUNT

ID = "LKJ304"
TITLE = {"id": "Jumlah yang disebut narasi berbeda dengan tabel", "en": "A count in the narrative differs from the tables"}
SEVERITY = "error"
MESSAGE = {
    "id": "{claim} ({where}), sedangkan tabel: {found}.",
    "en": "{claim} ({where}), while the tables show: {found}.",
}
CONF: dict = {}
DEFAULT: dict = {}
_BUDGET_ROLES = ("pk_anggaran", "realisasi_anggaran")


def check(document, options):
    yield from _sasaran_counts(document)
    yield from _staff_counts(document)
    yield from _program_counts(document)
    yield from _program_lists(document)


def _staff_counts(document):
    counts = [f for f in document.fact_rows if f.kind == KIND and f.number is not None]
    tables = {}  # table index -> {entity id: fact}: each staff table is read on its own
    for fact in (f for f in counts if f.role != ROLE):
        tables.setdefault(fact.table_index, {})[fact.entity_id] = fact
    for told in (f for f in counts if f.role == ROLE and f.entity_id.startswith(STAFF)):
        readings = [r for printed in tables.values() for r in _staff_readings(told.entity_id, printed)]
        if not readings:
            yield NotCheckable(Text("jumlah itu tidak ada di tabel pegawai", "that count is not in the staff table"))
        elif any(number == told.number for _, number, _ in readings):
            yield Consistent()
        else:
            where = Location.of(told)
            found = "; ".join(f"{label} {number} ({_cells(cells)})" for label, number, cells in readings)
            yield Problem(
                subject=told.entity, attribute="count", values=(told.number, readings[0][1]),
                expected=readings[0][1] if len(readings) == 1 else None,
                locations=(where, *(Location.of(f) for _, _, cells in readings for f in cells)),
                fields={"claim": {"id": f"Narasi menyebut {told.entity} {told.number}",
                                  "en": f"The narrative states {told.entity} {told.number}"},
                        "where": where, "found": {"id": found, "en": found}},
            )


def _cells(cells: list) -> str:
    """Tabel I.C.1, JUMLAH: PENDIDIKAN / S2, PENDIDIKAN / S1"""
    return f"{cells[0].table}, {cells[0].row}: {', '.join(f.column for f in cells)}"


def _staff_readings(entity_id: str, printed: dict) -> list[tuple[str, Decimal, list]]:
    """What the staff table says for a stated count: (label, number, cells) per reading; "sarjana" is S1,
    or S1 with S2 and S3 where the table has them."""
    level = entity_id.removeprefix(STAFF + ":") if entity_id != STAFF else None
    if level != "sarjana":
        fact = printed.get(entity_id)
        return [(fact.entity, fact.number, [fact])] if fact else []
    degrees = [printed[f"{STAFF}:{d}"] for d in SARJANA if f"{STAFF}:{d}" in printed]
    readings = [(f.entity, f.number, [f]) for f in degrees[:1] if f.entity_id == f"{STAFF}:S1"]
    if len(degrees) > 1:
        label = "+".join(f.entity_id.rsplit(":", 1)[1] for f in degrees)
        readings.append((f"pegawai berpendidikan {label}", sum(f.number for f in degrees), degrees))
    return readings


def _program_counts(document):
    """A stated number of programs against the list right after it, else against the budget tables."""
    budgeted = {f.entity_id for f in document.fact_rows if f.role in _BUDGET_ROLES and f.kind == "program"}
    for told in (f for f in document.fact_rows if f.kind == KIND and f.entity_id == PROGRAMS and f.role == ROLE):
        listed = _list_after(document.text, told)
        where = Location.of(told)
        if listed:
            found = {"id": f"daftar di bawahnya memuat {len(listed)} program",
                     "en": f"the list below it names {len(listed)} programs"}
            against = len(listed)
        elif budgeted:
            found = {"id": f"tabel anggaran memuat {len(budgeted)} program",
                     "en": f"the budget tables hold {len(budgeted)} programs"}
            against = len(budgeted)
        else:
            yield NotCheckable(Text("tidak ada daftar atau tabel anggaran program", "no program list or budget table"))
            continue
        if told.number == against:
            yield Consistent()
            continue
        yield Problem(
            subject="jumlah program", attribute="count", values=(told.number, Decimal(against)),
            expected=Decimal(against), locations=(where,),
            fields={"claim": {"id": f"Narasi menyebut {told.number} program",
                              "en": f"The narrative states {told.number} programs"},
                    "where": where, "found": found},
        )


def _list_after(blocks, told) -> list:
    """The program list items right after the block that states the count."""
    position = next((k for k, b in enumerate(blocks)
                     if b.text == told.text and (b.source.line, b.source.page) == (told.line, told.page)), None)
    listed = []
    for item in blocks[position + 1:] if position is not None else []:
        if item.kind != "list_item" or not PROGRAM.match(strip_marker(item.text)):
            break
        listed.append(item)
    return listed


def _sasaran_counts(document):
    indikator = [f for f in document.fact_rows if f.kind == "indikator"]
    for role in ("capaian_sasaran", "pk_target"):
        sasaran = {canonical(f.parent) for f in indikator if f.role == role and f.parent.strip()}
        if sasaran:
            break
    for block in document.text:
        for match in SASARAN_COUNT.finditer(block.text):
            if not sasaran:
                yield NotCheckable(Text("tidak ada tabel sasaran", "no sasaran table"))
                continue
            stated = int(match.group("count"))
            if stated == len(sasaran):
                yield Consistent()
                continue
            where = _where(block)
            yield Problem(
                subject="sasaran strategis", attribute="count", values=(Decimal(stated), Decimal(len(sasaran))),
                expected=Decimal(len(sasaran)), locations=(where,),
                fields={"claim": {"id": f"Narasi menyebut {match.group(0)}", "en": f"The narrative states {match.group(0)}"},
                        "where": where,
                        "found": {"id": f"{len(sasaran)} sasaran", "en": f"{len(sasaran)} sasaran"}},
            )


def _program_lists(document):
    blocks = document.text
    entities = document.resolver
    in_budget = {f.entity_id: f.entity for f in document.fact_rows if f.role in _BUDGET_ROLES and f.kind == "program"}
    for position, block in enumerate(blocks):
        if not PROGRAM_LIST.search(block.text):
            continue
        listed = []
        for item in blocks[position + 1:]:
            name = PROGRAM.match(strip_marker(item.text)) if item.kind == "list_item" else None
            if name is None:
                break
            listed.append((name.group("name"), item))
        if not listed:
            continue
        if not in_budget:
            yield NotCheckable(Text("tidak ada tabel anggaran program", "no program budget table"))
            continue
        listed_ids = {_budget_id(in_budget, name, entities.threshold) or f"listed:{name}": (name, item)
                      for name, item in listed}
        where = _where(block)
        for entity_id, (name, item) in listed_ids.items():
            if entity_id in in_budget:
                yield Consistent()
                continue
            yield _program_problem(name, _where(item), len(listed), len(in_budget), "listed", "warning")
        for entity_id, name in in_budget.items():
            if entity_id not in listed_ids:
                yield _program_problem(name, where, len(listed), len(in_budget), "budgeted", None)


def _program_problem(name: str, where: Location, listed: int, budgeted: int, side: str, severity: str | None) -> Problem:
    claims = {
        "listed": {"id": f"Program “{name}” disebut dalam daftar {listed} program",
                   "en": f"Program “{name}” is listed among {listed} programs"},
        "budgeted": {"id": f"Program “{name}” yang dianggarkan tidak ada dalam daftar {listed} program",
                     "en": f"Budgeted program “{name}” is missing from the list of {listed} programs"},
    }
    found = {"listed": {"id": f"tidak ada di tabel anggaran PK maupun realisasi anggaran ({budgeted} program)",
                        "en": f"not in the PK budget nor the realisasi anggaran table ({budgeted} programs)"},
             "budgeted": {"id": "program ada di tabel anggaran", "en": "the program is in the budget tables"}}
    return Problem(subject=name, attribute="program", values=(Decimal(listed), Decimal(budgeted)),
                   expected=Decimal(budgeted), locations=(where,),
                   fields={"claim": claims[side], "where": where, "found": found[side]}, severity=severity)


def _budget_id(in_budget: dict[str, str], name: str, threshold: float) -> str | None:
    """The budget table's program this listed name stands for, matched as the resolver matches names, or
    as the start of an item that a PDF ran on into the next sentence ("… Aparatur Desa Adapun indicator …")."""
    key = split_qualifier(name)
    return next((i for i, printed in in_budget.items() if same_entity(key, split_qualifier(printed), threshold)
                 or canonical(name).startswith(canonical(printed) + " ")), None)


def _where(block) -> Location:
    return Location.of_block(block)
