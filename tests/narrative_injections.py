"""Errors injected into a generated report's narrative; each returns the one finding a 3xx rule must report."""
from __future__ import annotations

import random
import re
from decimal import Decimal

from generator import PENDIDIKAN, Block, Expected, Report, decimal_text, kegiatan_capaian, kinerja_capaian, terbilang

_KEGIATAN_ITEM = re.compile(r"^✓ Kegiatan (?P<name>.+?), Capaian sebesar (?P<capaian>\d+)%")
_AKSI = re.compile(r"Terealisasi (?P<realisasi>\d+) ")


def _paragraph_index(report: Report, pattern: str) -> int:
    return next(i for i, b in enumerate(report.blocks) if b.kind != "table" and re.search(pattern, b.text))


def _active(report: Report) -> list[dict]:
    return [k for k in report.truth["kegiatan"] if not k["cancelled"]]


def _percent_indikators(report: Report) -> list[dict]:
    return [i for s in report.truth["sasaran"] for i in s["indikator"] if i["kind"] == "percent"]


def inject_kegiatan_capaian(report: Report, rng: random.Random) -> Expected:
    """"✓ Kegiatan X, Capaian sebesar 58%" printed as another capaian."""
    kegiatan = rng.choice(_active(report))
    correct = Decimal(decimal_text(kegiatan_capaian(kegiatan), 0))
    wrong = correct + rng.choice([-1, 1]) * rng.randint(3, 15)
    index = _paragraph_index(report, rf"^✓ Kegiatan {re.escape(kegiatan['name'])}, Capaian sebesar")
    block = report.blocks[index]
    block.text = block.text.replace(f"Capaian sebesar {correct}%", f"Capaian sebesar {wrong}%", 1)
    return Expected("LKJ301", kegiatan["name"], "capaian", (float(wrong), float(correct)))


def inject_aksi_realisasi(report: Report, rng: random.Random) -> Expected:
    """The aksi line under a kegiatan counts a different realisasi than the table."""
    kegiatan = rng.choice(_active(report))
    changed = kegiatan["realisasi"] + rng.randint(1, 5)
    index = _paragraph_index(report, rf"^{re.escape(kegiatan['action'])}, Terealisasi ")
    block = report.blocks[index]
    block.text = block.text.replace(f"Terealisasi {kegiatan['realisasi']} ", f"Terealisasi {changed} ", 1)
    return Expected("LKJ301", kegiatan["name"], "realisasi", (float(changed), float(kegiatan["realisasi"])))


# the words before an indikator's realisasi in each way the generator tells it
_REALISASI = re.compile(r"(ter(?:e)?alisasi|realisasi sebesar|direalisasikan|menjadi) \d+(%| persen)")


def inject_indikator_realisasi(report: Report, rng: random.Random) -> Expected:
    """"Dengan indikator X, dan target 80%, terealisasi 67%, …" (or "realisasi sebesar 67% dari target 80%",
    "… dapat direalisasikan 67 persen", "… menjadi 67%") with another realisasi."""
    indikator = rng.choice(_percent_indikators(report))
    changed = indikator["realisasi"] - rng.randint(3, 10)
    index = _paragraph_index(report, rf"^(?:Dengan|Pada)? ?[Ii]ndikator {re.escape(indikator['name'])}\W")
    block = report.blocks[index]
    block.text = _REALISASI.sub(rf"\g<1> {changed}\g<2>", block.text, count=1)
    return Expected("LKJ301", indikator["name"], "realisasi", (float(changed), float(indikator["realisasi"])))


def inject_terbilang(report: Report, rng: random.Random) -> Expected:
    """"17 (tujuh belas) Personil" with words for another number."""
    index = _paragraph_index(report, r"jumlah Pegawai \*\*\d+ \(")
    block = report.blocks[index]
    match = re.search(r"\*\*(\d+) \(([a-z ]+)\)\*\*", block.text)
    total = int(match.group(1))
    wrong = total + rng.randint(1, 9)
    block.text = block.text.replace(f"({match.group(2)})", f"({terbilang(wrong)})", 1)
    return Expected("LKJ303", "jumlah pegawai", "terbilang", (float(total), float(wrong)))


def inject_sasaran_count(report: Report, rng: random.Random) -> Expected:
    """"Dari 5 (lima) sasaran strategis" when the tables hold another number of sasaran."""
    n = len(report.truth["sasaran"])
    stated = n + rng.choice([-1, 1])
    index = _paragraph_index(report, r"^Dari \d+ \([a-z ]+\) sasaran strategis")
    block = report.blocks[index]
    block.text = block.text.replace(f"Dari {n} ({terbilang(n)})", f"Dari {stated} ({terbilang(stated)})", 1)
    return Expected("LKJ304", "sasaran strategis", "count", (float(stated), float(n)))


def inject_program_list(report: Report, rng: random.Random) -> Expected:
    """The list of programs adds one the budget tables do not have (its stated count grows with it)."""
    extra = "Program Peningkatan Kapasitas Sumber Daya Aparatur"
    names = [p["name"] for p in report.truth["programs"]]
    listed = names + [extra]
    rng.shuffle(listed)
    index = _paragraph_index(report, r"telah menetapkan \d+ \([a-z ]+\) Program yaitu :$")
    n = len(names)
    report.blocks[index].text = report.blocks[index].text.replace(
        f"{n} ({terbilang(n)}) Program", f"{n + 1} ({terbilang(n + 1)}) Program", 1)
    report.blocks[index + 1:index + 1 + n] = [Block("list_item", f"{k}) {name}")
                                              for k, name in enumerate(listed, start=1)]
    return Expected("LKJ304", extra, "program", (float(len(listed)), float(len(names))))


def inject_program_count(report: Report, rng: random.Random) -> Expected:
    """"telah menetapkan 2 (dua) Program yaitu :" over a list of another length."""
    n = len(report.truth["programs"])
    stated = n + 1 if n == 1 else n + rng.choice([-1, 1])
    block = report.blocks[_paragraph_index(report, r"telah menetapkan \d+ \([a-z ]+\) Program yaitu :$")]
    block.text = block.text.replace(f"{n} ({terbilang(n)}) Program", f"{stated} ({terbilang(stated)}) Program", 1)
    return Expected("LKJ304", "jumlah program", "count", (float(stated), float(n)))


def inject_staff_count(report: Report, rng: random.Random) -> Expected:
    """"dari jumlah Pegawai 17 (tujuh belas) Personil" over a staff table whose JUMLAH is another number."""
    block = report.blocks[_paragraph_index(report, r"jumlah Pegawai \*\*\d+ \(")]
    total = int(re.search(r"\*\*(\d+) \(", block.text).group(1))
    wrong = total + rng.choice([-1, 1]) * rng.randint(1, 3)
    block.text = block.text.replace(f"**{total} ({terbilang(total)})**", f"**{wrong} ({terbilang(wrong)})**", 1)
    return Expected("LKJ304", "jumlah pegawai", "count", (float(wrong), float(total)))


def inject_education_count(report: Report, rng: random.Random) -> Expected:
    """The staff with a degree counted as neither S1 alone nor S1 with S2."""
    block = report.blocks[_paragraph_index(report, r"berpendidikan sarjana")]
    staff = report.truth["staff"].values()
    s1, s2 = (sum(counts[PENDIDIKAN.index(level)] for counts in staff) for level in ("S1", "S2"))
    match = re.search(r"(\d+) orang di antaranya berpendidikan sarjana|sarjana sebanyak (\d+) orang", block.text)
    printed = match.group(1) or match.group(2)
    wrong = max(s1, s1 + s2) + rng.randint(1, 3)
    block.text = block.text[:match.start()] + match.group(0).replace(printed, str(wrong)) + block.text[match.end():]
    return Expected("LKJ304", "pegawai berpendidikan sarjana", "count", (float(wrong), float(s1)))


def inject_closing_total(report: Report, rng: random.Random) -> Expected:
    """The summary's "capaian realisasi anggaran sebesar Rp.…" differs from the JUMLAH row."""
    spent = sum(p["realisasi_anggaran"] for p in report.truth["programs"])
    wrong = spent + rng.choice([-1, 1]) * rng.randint(1, 50) * 100_000
    index = _paragraph_index(report, r"^Sedangkan untuk capaian realisasi anggaran sebesar")
    block = report.blocks[index]
    block.text = block.text.replace(f"Rp.{spent:,}".replace(",", "."), f"Rp.{wrong:,}".replace(",", "."), 1)
    return Expected("LKJ302", "JUMLAH", "realisasi_anggaran", (float(wrong), float(spent)))


def inject_rata_rata(report: Report, rng: random.Random) -> Expected:
    """A closing "rata-rata capaian kinerja sasaran adalah X%" that is not the mean of the indikator."""
    capaian = [Decimal(decimal_text(kinerja_capaian(i), 0)) for i in _percent_indikators(report)]
    mean = sum(capaian) / len(capaian)
    wrong = int(mean) - rng.randint(5, 15)
    index = _paragraph_index(report, r"^Sedangkan untuk capaian realisasi anggaran sebesar")
    report.blocks.insert(index, Block("paragraph", f"Berdasarkan penilaian sendiri, rata-rata capaian kinerja "
                                                   f"sasaran adalah {wrong}% sehingga dapat dikategorikan baik."))
    return Expected("LKJ302", "JUMLAH", "capaian_rata_rata", (float(wrong), float(round(mean, 2))))


def inject_contradiction(report: Report, rng: random.Random) -> Expected:
    """An indikator the tables show as achieved, told as failed in a kegagalan paragraph."""
    indikator = rng.choice([i for i in _percent_indikators(report) if i["realisasi"] >= i["target"]])
    index = _paragraph_index(report, r"^E\. ANALISIS EFISIENSI")
    report.blocks[index:index] = [
        Block("paragraph", "b. KEGAGALAN KINERJA TUJUAN"),
        Block("paragraph", f"Dengan indikator {indikator['name']}, dan target 2 kegiatan, tidak terealisasi, "
                           f"atau tercapai 0%."),
    ]
    return Expected("LKJ305", indikator["name"], "capaian", (0.0, 100.0))

