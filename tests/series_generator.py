"""Synthetic multi-year LKjIP series for one kecamatan, its signed Perjanjian Kinerja, and copied reports.

Builds on `generator.py`: year N is `generator.generate(seed)`; years N−1 and N−2 reuse its sasaran,
indikator, programs and kegiatan, with the realisasi that year N's history table prints for them and
budgets of their own. Every report prints the same Renstra target table (one target per year, one
sasaran row per indikator), so a consistent series gives the cross-year rules nothing to say. The
`inject_*` functions break exactly one cross-document fact and return what an auditor must report.

Pure stdlib, like generator.py.
"""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass

import generator as g
from generator import Block, Report, Table


@dataclass
class Series:
    reports: list[Report]  # oldest first: N−2, N−1, N
    plan: dict[str, dict[int, int]]  # indikator -> Renstra target per year
    renstra: tuple[int, int]  # first and last year of the Renstra period

    @property
    def latest(self) -> Report:
        return self.reports[-1]


@dataclass(frozen=True)
class CrossExpected:
    rule: str
    path: str  # the document the finding belongs to (a key of `files`)
    subject: str
    values: tuple
    tables: tuple[str, ...] = ()  # the printed table labels the findings point at, one finding each
    column: str | None = None


def file_name(report: Report) -> str:
    return f"lkjip-{report.kecamatan.lower().replace(' ', '-')}-{report.tahun}.md"


def pk_file_name(report: Report) -> str:
    return f"pk-{report.kecamatan.lower().replace(' ', '-')}-{report.tahun}.md"


# ---------------------------------------------------------------- a consistent series

def series(seed: int, *, years: int = 3, template: str = "sumenep") -> Series:
    latest = g.generate(seed, template=template)
    rng = random.Random(seed * 7919 + 1)
    facts = latest.truth
    n = facts["tahun"]
    percent = [i for s in facts["sasaran"] for i in s["indikator"] if i["kind"] == "percent"]
    # realisasi by year: N from the report, N−1 and N−2 from its history table, older ones drawn
    realised = {i["name"]: {n: i["realisasi"], n - 1: i["history"][1], n - 2: i["history"][0]} for i in percent}
    for i in percent:
        for year in range(n - 3, n - years - 2, -1):
            realised[i["name"]][year] = max(40, realised[i["name"]][year + 1] - rng.randint(0, 6))
    renstra = (n - years, n - years + 5)
    plan = {}
    for i in percent:
        plan[i["name"]] = {y: (max(realised[i["name"]][y], i["target"] - (n - y)) if y <= n
                               else min(100, i["target"] + (y - n))) for y in range(renstra[0], renstra[1] + 1)}
    reports = []
    for year in range(n - years + 1, n + 1):
        if year == n:
            yearly = facts
        else:
            yearly = _earlier_facts(facts, year, realised, plan, rng)
        reports.append(render(yearly, template, seed * 31 + year, plan, renstra))
    return Series(reports, plan, renstra)


def _earlier_facts(facts: dict, year: int, realised: dict, plan: dict, rng: random.Random) -> dict:
    earlier = copy.deepcopy(facts)
    earlier["tahun"] = year
    for s in earlier["sasaran"]:
        for i in s["indikator"]:
            if i["kind"] != "percent":
                continue
            i["realisasi"] = realised[i["name"]][year]
            i["history"] = [realised[i["name"]][year - 2], realised[i["name"]][year - 1]]
            i["target"] = plan[i["name"]][year]
    factor = rng.uniform(0.85, 0.97)  # earlier budgets were smaller
    for k in earlier["kegiatan"]:
        if k["cancelled"]:
            continue
        k["alokasi"] = max(1_000_000, int(k["alokasi"] * factor) // 1000 * 1000)
        k["realisasi_anggaran"] = min(k["alokasi"], int(k["realisasi_anggaran"] * factor) // 100 * 100)
    for index, program in enumerate(earlier["programs"]):
        members = [k for k in earlier["kegiatan"] if k["program"] == index]
        program["alokasi"] = sum(k["alokasi"] for k in members)
        program["pagu_awal"] = program["alokasi"]
        program["realisasi_anggaran"] = sum(k["realisasi_anggaran"] for k in members)
    return earlier


def render(facts: dict, template: str, seed: int, plan: dict, renstra: tuple[int, int]) -> Report:
    """The blocks generator.generate prints for `facts`, plus the Renstra target table after the PK."""
    rng = random.Random(seed)
    w = g._Writer(facts, template, rng)
    words = {"terealisasi": rng.choice(["terealisasi", "teralisasi"]),
             "tercapai": rng.choice(["atau tercapai", "atau capaian sebesar"])}
    g._front_matter(w)
    g._staff_table(w)
    g._perjanjian_kinerja(w)
    _renstra_targets(w, plan, renstra)
    g._capaian_sasaran(w)
    g._analisis_sasaran(w, words)
    g._efisiensi(w)
    g._pohon_kinerja(w)
    g._analisis_kegiatan(w, words)
    g._realisasi_anggaran(w)
    g._penutup(w)
    return Report(facts["kecamatan"], facts["kabupaten"], facts["tahun"], template, w.blocks, facts)


RENSTRA_KEY = "II.RENSTRA"


def _renstra_targets(w, plan: dict, renstra: tuple[int, int]) -> None:
    years = list(range(renstra[0], renstra[1] + 1))
    title = f"Tabel II.B.1 Target Kinerja Sasaran Rencana Strategis {renstra[0]}-{renstra[1]}"
    w.paragraph(f"Target kinerja sasaran Rencana Strategis {renstra[0]}-{renstra[1]} adalah sebagai berikut :")
    rows = g._indikator_rows(w, lambda i: [i["target"]] * len(years) if i["kind"] == "grade"
                             else [str(plan[i["name"]][y]) for y in years])
    header = [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", *[f"TARGET {y}" for y in years]]]
    w.blocks.append(Block("table", table=Table([title], header, None, rows, [], RENSTRA_KEY)))


# ---------------------------------------------------------------- the Perjanjian Kinerja as its own document

def pk_document(report: Report) -> Report:
    """The signed PK of `report`'s year: cover, the PK target table and the program budgets, signatures."""
    f = report.truth
    kecamatan = f"KECAMATAN {report.kecamatan.upper()}"
    blocks = [Block("paragraph", f"**PEMERINTAH KABUPATEN {report.kabupaten.upper()}**"),
              Block("paragraph", f"**PERJANJIAN KINERJA PERUBAHAN TAHUN {report.tahun}**"),
              Block("paragraph", kecamatan),
              Block("paragraph", f"Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
                                 f"akuntabel, kami yang bertanda tangan di bawah ini, Camat {report.kecamatan}, "
                                 f"berjanji akan mewujudkan target kinerja tahunan sebagai berikut :")]
    for key in ("PK", "PK.anggaran"):
        blocks.append(Block("table", table=copy.deepcopy(g.find_table(report, key))))
    blocks += [Block("paragraph", f"Bupati {report.kabupaten}"),
               Block("paragraph", f"CAMAT {report.kecamatan.upper()}"),
               Block("paragraph", f"{f['camat']} NIP. {f['nip']}")]
    return Report(report.kecamatan, report.kabupaten, report.tahun, report.template, blocks, f)


# ---------------------------------------------------------------- copied reports

def copied(report: Report, kecamatan: str, *, edited: bool = False) -> Report:
    """`report` with another kecamatan's name on it; `edited` also rewords one in four of its figure-bearing list items,
    as a copier who touched the text a little would."""
    clone = copy.deepcopy(report)
    clone.kecamatan = kecamatan
    replace = [(report.kecamatan.upper(), kecamatan.upper()), (report.kecamatan, kecamatan)]

    def swap(text: str) -> str:
        for old, new in replace:
            text = text.replace(old, new)
        return text

    reworded = 0
    for block in clone.blocks:
        block.text = swap(block.text)
        if edited and block.kind == "list_item" and "Terealisasi" in block.text:
            reworded += 1
            if reworded % 4 == 0:  # one item in four
                block.text = block.text.replace("Terealisasi", "Realisasinya").replace("Atas target", "dari target")
        if block.table is not None:
            block.table.title_lines = [swap(t) for t in block.table.title_lines]
            block.table.rows = [[swap(c) for c in row] for row in block.table.rows]
    return clone


def other_kecamatan(report: Report) -> str:
    names = g.SUMENEP_KECAMATAN if report.kabupaten == "Sumenep" else g.OTHER_DISTRICTS[report.kabupaten]
    return next(n for n in names if n != report.kecamatan)


# ---------------------------------------------------------------- injections

def _percent(report: Report) -> list[dict]:
    return g._percent_indikators(report)


def _plain_row(table: Table, name: str) -> list[str]:
    return next(row for row in table.rows if row[2] == name)


def inject_history(s: Series, rng: random.Random) -> CrossExpected:
    """Year N's history table misprints last year's realisasi of one indikator."""
    report = s.latest
    indikator = rng.choice(_percent(report))
    n = report.tahun
    correct = indikator["history"][1]
    wrong = correct + rng.choice([-1, 1]) * rng.randint(3, 9)
    if wrong <= indikator["history"][0] - 0 and wrong == indikator["history"][0]:
        wrong += 1
    if wrong > 100 or wrong in (indikator["history"][0], indikator["realisasi"]):
        wrong = correct - rng.randint(3, 9)
    table = g.find_table(report, "III.B.1")
    row = _plain_row(table, indikator["name"])
    row[5] = str(wrong)
    return CrossExpected("LKJ601", file_name(report), indikator["name"], (float(wrong), float(correct)),
                         column=str(n - 1))


def inject_renstra_target(s: Series, rng: random.Random) -> CrossExpected:
    """Last year's report printed another Renstra target for this year than this year's report uses."""
    report, earlier = s.latest, s.reports[-2]
    indikator = rng.choice(_percent(report))
    years = list(range(s.renstra[0], s.renstra[1] + 1))
    row = _plain_row(g.find_table(earlier, RENSTRA_KEY), indikator["name"])
    planned = indikator["target"] + rng.choice([-1, 1]) * rng.randint(3, 8)
    if planned > 100:
        planned = indikator["target"] - rng.randint(3, 8)
    row[4 + years.index(report.tahun)] = str(planned)
    return CrossExpected("LKJ602", file_name(report), indikator["name"], (float(indikator["target"]), float(planned)))


def _rename(report: Report, old: str, new: str) -> None:
    for block in report.blocks:
        block.text = block.text.replace(old, new)
        if block.table is not None:
            block.table.rows = [[c.replace(old, new) for c in row] for row in block.table.rows]


def inject_renamed(s: Series, rng: random.Random) -> CrossExpected:
    """This year's report measures one indikator under a longer name."""
    report = s.latest
    indikator = rng.choice(_percent(report))
    new = f"{indikator['name']} sesuai standar pelayanan minimal kabupaten"
    _rename(report, indikator["name"], new)
    return CrossExpected("LKJ603", file_name(report), indikator["name"], (indikator["name"],), column=new)


def inject_dropped(s: Series, rng: random.Random) -> CrossExpected:
    """This year's report replaced one indikator by an unrelated one."""
    report = s.latest
    indikator = rng.choice(_percent(report))
    _rename(report, indikator["name"], "Indeks kepuasan masyarakat terhadap layanan terpadu")
    return CrossExpected("LKJ603", file_name(report), indikator["name"], (indikator["name"],))


def inject_pk_target(report: Report, pk: Report, rng: random.Random) -> CrossExpected:
    """The signed PK document agreed another target than the one the report prints everywhere."""
    indikator = rng.choice(_percent(report))
    agreed = indikator["target"] + rng.choice([-1, 1]) * rng.randint(2, 6)
    if agreed > 100:
        agreed = indikator["target"] - rng.randint(2, 6)
    _plain_row(g.find_table(pk, "PK"), indikator["name"])[3] = f"{agreed}%"
    return CrossExpected("LKJ604", file_name(report), indikator["name"], (float(indikator["target"]), float(agreed)),
                         tables=("PK", "III.A.1", "III.F.1"))


def inject_pk_budget(report: Report, pk: Report, rng: random.Random) -> CrossExpected:
    """The signed PK document gives one program another budget (and so another JUMLAH)."""
    programs = report.truth["programs"]
    program = rng.choice(programs)
    changed = program["alokasi"] + rng.choice([-1, 1]) * rng.randint(1, 40) * 100_000
    table = g.find_table(pk, "PK.anggaran")
    next(r for r in table.rows if r[1] == program["name"])[3] = g.rupiah(changed)
    next(r for r in table.rows if r[1] == "JUMLAH")[3] = g.rupiah(sum(p["alokasi"] for p in programs)
                                                               - program["alokasi"] + changed)
    return CrossExpected("LKJ605", file_name(report), program["name"], (float(program["alokasi"]), float(changed)),
                         tables=("PK.anggaran", "III.G.1"))


SERIES_INJECTIONS = {"history": inject_history, "renstra_target": inject_renstra_target,
                     "renamed": inject_renamed, "dropped": inject_dropped}
PK_INJECTIONS = {"pk_target": inject_pk_target, "pk_budget": inject_pk_budget}


def files(s: Series, *, pk: bool = False) -> dict[str, str]:
    """File name -> markdown of every report of the series (and of the latest year's PK document)."""
    out = {file_name(r): g.to_markdown(r) for r in s.reports}
    if pk:
        out[pk_file_name(s.latest)] = g.to_markdown(pk_document(s.latest))
    return out
