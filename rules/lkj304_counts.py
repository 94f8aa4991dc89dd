"""LKJ304 — counts the narrative states must match the tables: "5 (lima) sasaran strategis" and a
listed set of programs ("telah menetapkan Program yaitu : 1) … 2) … 3) …").

Sasaran are counted in the sasaran capaian table (else the PK targets). A listed program must appear
in the PK budget or the realisasi anggaran table, and each budgeted program must be listed; a program
listed without a budget is a warning, since the list may repeat the Renstra rather than this year's PK.

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
from auditor.facts import canonical, same_entity, split_qualifier
from auditor.narrative import strip_marker
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
    yield from _program_lists(document)


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
