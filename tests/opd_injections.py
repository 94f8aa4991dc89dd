"""Errors injected into reports of the other unit types' layouts (opd_layouts.py): `INJECT` maps an injected
kind to the function that breaks one printed fact and returns the finding an auditor must give, or None
when the layout has nothing to break that way. Where the author's spreadsheet would carry a wrong figure
on (the narrative retelling a table's capaian, the recap averaging it, the summary copying the total row),
the injection carries it on too, so that exactly one finding is expected.
"""
from __future__ import annotations

import random
from decimal import Decimal

from generator import Block, Expected, Report, Table, half_up
from opd_layouts import (
    LAYOUTS, Layout, capaian_of, closing_text, efisiensi_rows, efisiensi_value, figure, money, percent_text,
    recap_rows, sasaran_average, sentence,
)


def _find(report: Report, key: str) -> Table:
    return next(b.table for b in report.blocks if b.table is not None and b.table.key == key)


def _capaian_table_of(report: Report, i: dict) -> tuple[Table, list[str]]:
    for block in report.blocks:
        t = block.table
        if t is not None and t.key.startswith("capaian"):
            for row in t.rows:
                if i["name"] in row:
                    return t, row
    raise StopIteration


def _measured(report: Report, lower: bool | None = None) -> list[dict]:
    return [i for s in report.truth["sasaran"] for i in s["indikator"]
            if i["kind"] == "number" and (lower is None or i["lower"] == lower)]


def _spec(report: Report) -> Layout:
    return LAYOUTS[report.template]


def _wrong(rng: random.Random, correct: Decimal) -> Decimal:
    return correct + rng.choice([-1, 1]) * rng.randint(4, 15)


def _retell_capaian(report: Report, i: dict, correct: Decimal, wrong: Decimal) -> None:
    """The narrative and the recap of averages take the table's capaian, as authors' spreadsheets do: the
    sentence prints the wrong figure, the average is computed from it."""
    _sentence_block(report, i).text = sentence(i, _spec(report), capaian=wrong)
    if _spec(report).per_sasaran:
        _find(report, "recap").rows[:] = recap_rows(_spec(report), report.truth["sasaran"], {i["name"]: wrong})


def capaian(report: Report, rng: random.Random) -> Expected:
    i = rng.choice(_measured(report))
    correct = half_up(capaian_of(i, _spec(report).lower_formula), 2)
    wrong = _wrong(rng, correct)
    _, row = _capaian_table_of(report, i)
    row[-1] = percent_text(wrong, _spec(report))
    _retell_capaian(report, i, correct, wrong)
    return Expected("LKJ101", i["name"], "capaian", (float(wrong), float(correct)))


def lower_is_better_as_normal(report: Report, rng: random.Random) -> Expected | None:
    """A lower-is-better indikator whose capaian is printed as realisasi ÷ target."""
    candidates = [i for i in _measured(report, lower=True) if i["realisasi"] != i["target"]]
    if not candidates:
        return None
    i = rng.choice(candidates)
    spec = _spec(report)
    wrong = half_up(i["realisasi"] / i["target"] * 100, 2)
    correct = half_up(capaian_of(i, spec.lower_formula), 2)
    _, row = _capaian_table_of(report, i)
    row[-1] = percent_text(wrong, spec)
    _retell_capaian(report, i, correct, wrong)
    return Expected("LKJ101", i["name"], "capaian", (float(wrong), float(correct)))


def _leaf_rows(report: Report) -> list[tuple[dict, dict]]:
    """(leaf, parent) budget rows: sub kegiatan under kegiatan, or kegiatan under program."""
    codes = _spec(report).codes
    return [(s, k) for p in report.truth["programs"] for k in p["kegiatan"] for s in k["sub"]] if codes else \
        [(k, p) for p in report.truth["programs"] for k in p["kegiatan"]]


def penyerapan(report: Report, rng: random.Random) -> Expected:
    leaf, _ = rng.choice(_leaf_rows(report))
    table = _find(report, "anggaran")
    row = next(r for r in table.rows if r[1] == leaf["name"])
    correct = half_up(Decimal(leaf["realisasi_anggaran"]) * 100 / leaf["alokasi"], 2)
    wrong = correct - rng.randint(3, 12) if correct > 20 else correct + rng.randint(3, 12)
    row[4] = figure(wrong, 2, _spec(report).point)
    return Expected("LKJ102", leaf["name"], "penyerapan", (float(wrong), float(correct)))


def program_total(report: Report, rng: random.Random) -> Expected:
    """One leaf row spends less than the facts, its own penyerapan agreeing: its parent's sum is off."""
    leaf, parent = rng.choice(_leaf_rows(report))
    spent = leaf["realisasi_anggaran"] - rng.randint(1, 50) * 10_000
    table = _find(report, "anggaran")
    spec = _spec(report)
    at = next(n for n, r in enumerate(table.rows) if r[1] == leaf["name"])
    table.rows[at][3] = money(spent, spec.money)
    table.rows[at][4] = figure(Decimal(spent) * 100 / leaf["alokasi"], 2, spec.point)
    printed = parent["realisasi_anggaran"]
    return Expected("LKJ401", parent["name"], "realisasi_anggaran",
                    (float(printed), float(printed - leaf["realisasi_anggaran"] + spent)))


def jumlah_total(report: Report, rng: random.Random) -> Expected:
    table = _find(report, "anggaran")
    row = table.rows[-1]
    correct = sum(p["alokasi"] for p in report.truth["programs"])
    wrong = correct + rng.choice([-1, 1]) * rng.randint(1, 20) * 1_000_000
    row[2] = money(wrong, _spec(report).money)
    spent = sum(p["realisasi_anggaran"] for p in report.truth["programs"])
    row[4] = figure(Decimal(spent) * 100 / wrong, 2, _spec(report).point)
    closing = next(b for b in report.blocks if b.text.startswith("Dari pagu anggaran sebesar"))
    closing.text = closing_text(wrong, spent)  # the summary copies the total row
    return Expected("LKJ401", "Jumlah", "alokasi", (float(wrong), float(correct)))


def efisiensi(report: Report, rng: random.Random) -> Expected | None:
    spec = _spec(report)
    if not spec.efisiensi:
        return None
    p = rng.choice(report.truth["programs"])
    absorbed = Decimal(p["realisasi_anggaran"]) * 100 / p["alokasi"]
    correct = half_up(efisiensi_value(spec, p["capaian"], absorbed), 2)
    wrong = correct + rng.choice([-1, 1]) * rng.randint(3, 10)
    table = _find(report, "efisiensi")
    table.rows[:] = efisiensi_rows(spec, report.truth["programs"], {p["name"]: wrong})
    return Expected("LKJ103", p["name"], "efisiensi", (float(wrong), float(correct)))


def same_fact(report: Report, rng: random.Random) -> Expected | None:
    """The Perjanjian Kinerja prints another target than the capaian table."""
    if not _spec(report).pk:
        return None
    i = rng.choice(_measured(report))
    step = Decimal(1).scaleb(-i["places"])
    changed = i["target"] + rng.randint(2, 6) * max(step, Decimal(1) if i["target"] > 10 else step)
    row = next(r for r in _find(report, "PK").rows if r[2] == i["name"])
    row[4] = figure(changed, i["places"], _spec(report).point)
    return Expected("LKJ201", i["name"], "target", (float(i["target"]), float(changed)))


def rata_rata_sasaran(report: Report, rng: random.Random) -> Expected | None:
    """The recap prints a sasaran average that is not the mean of its indikator's capaian."""
    if not _spec(report).per_sasaran:
        return None
    spec = _spec(report)
    candidates = [s for s in report.truth["sasaran"] if sasaran_average(s, spec.lower_formula)]
    s = rng.choice(candidates)
    correct = half_up(sasaran_average(s, spec.lower_formula)[0], 2)
    wrong = correct + rng.choice([-1, 1]) * rng.randint(3, 9)
    row = next(r for r in _find(report, "recap").rows if r[1] == s["name"])
    row[2] = percent_text(wrong, spec)
    return Expected("LKJ203", s["name"], "capaian_rata_rata", (float(wrong), float(correct)))


def _sentence_block(report: Report, i: dict) -> Block:
    """The paragraph that tells this indikator (see `sentence`)."""
    return next(b for b in report.blocks if b.kind == "paragraph" and f"ndikator {i['name']}" in b.text)


def indikator_realisasi(report: Report, rng: random.Random) -> Expected:
    """The narrative tells another realisasi than the table, whichever phrasing it uses."""
    i = rng.choice([i for i in _measured(report) if i["realisasi"] > 1])
    changed = i["realisasi"] - max(Decimal(1), (i["realisasi"] / 10).quantize(Decimal(1)))
    _sentence_block(report, i).text = sentence(i, _spec(report), realisasi=changed)
    return Expected("LKJ301", i["name"], "realisasi", (float(changed), float(i["realisasi"])))


def narrative_capaian(report: Report, rng: random.Random) -> Expected:
    """The narrative tells another capaian than the table."""
    i = rng.choice(_measured(report))
    correct = half_up(capaian_of(i, _spec(report).lower_formula), 2)
    wrong = correct + rng.choice([-1, 1]) * rng.randint(4, 12)
    _sentence_block(report, i).text = sentence(i, _spec(report), capaian=wrong)
    return Expected("LKJ301", i["name"], "capaian", (float(wrong), float(correct)))


def closing_total(report: Report, rng: random.Random) -> Expected:
    spent = sum(p["realisasi_anggaran"] for p in report.truth["programs"])
    wrong = spent + rng.choice([-1, 1]) * rng.randint(1, 50) * 100_000
    block = next(b for b in report.blocks if b.text.startswith("Dari pagu anggaran sebesar"))
    block.text = block.text.replace(f"Rp.{money(spent, 'dots')},-", f"Rp.{money(wrong, 'dots')},-", 1)
    return Expected("LKJ302", "JUMLAH", "realisasi_anggaran", (float(wrong), float(spent)))


INJECT = {f.__name__: f for f in (
    capaian, lower_is_better_as_normal, penyerapan, program_total, jumlah_total, efisiensi, same_fact,
    rata_rata_sasaran, indikator_realisasi, narrative_capaian, closing_total)}
