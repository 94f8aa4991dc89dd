"""Synthetic LKjIP reports: realistic, internally consistent, with known errors injected on demand.

`generate(seed)` draws the underlying facts (sasaran, indikator, program, kegiatan, budgets) and
renders them the way a kecamatan in Kabupaten Sumenep prints them (see samples/lkjip-raas-2020.md),
or in another district's layout (`template="alt"`: numbered 3.x tables, decimal points;
`template="kota"`: flat numbering, other header words — Rencana, Capaian Realisasi, APBD, a bare `%`,
words broken by narrow columns, merged titles repeated over their span, a Renstra `Target <year+4>`
column, Sisa Anggaran, a "Jumlah Total" row):
every derived figure is computed half-up from the same facts, as Excel does, so an auditor must
stay quiet on it. Each `inject_*` function (all of them registered in injections.py) then breaks
exactly one printed fact and returns the finding an auditor is expected to report.

Pure stdlib: the tests use it without importing the project.
"""
from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable


@dataclass
class Table:
    title_lines: list[str]  # printed just above the table, one paragraph each
    header_rows: list[list[str]]  # merged cells: text in the first cell of the span, "" in the rest
    number_row: list[str] | None  # ["1", "2", ..., "11=7-10"], or None for templates without it
    rows: list[list[str]]  # body rows as printed strings
    split_at: list[int]  # body-row indexes where a page break falls
    key: str = ""  # which table this is ("III.A.1", "PK.anggaran", ...), whatever its printed title


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "list_item" | "table"
    text: str = ""
    table: Table | None = None


@dataclass
class Report:
    kecamatan: str
    kabupaten: str
    tahun: int
    template: str
    blocks: list[Block]
    truth: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Expected:
    """What an injection broke: the finding an auditor must give, and the rule options its check needs."""

    rule: str
    subject: str
    attribute: str
    values: tuple
    options: dict = field(default_factory=dict)  # code -> options, e.g. LKJ104's lower-is-better names


# ---------------------------------------------------------------- numbers, as Excel prints them

def half_up(value: Decimal, places: int = 0) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded + 0  # turns -0.00 into 0.00


def percent(part: int, whole: int) -> Decimal:
    return Decimal(part) * 100 / Decimal(whole)


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def decimal_text(value: Decimal, places: int, point: str = ",") -> str:
    return f"{half_up(value, places):.{places}f}".replace(".", point)


class _Style:
    """What differs between templates in how a number or a table is printed."""

    def __init__(self, template: str):
        self.alt = template in ("alt", "kota")  # decimal points, no "%" in kinerja cells
        self.kota = template == "kota"

    def percent_int(self, value: Decimal) -> str:  # kinerja columns of III.E.1, III.F.1 capaian
        return decimal_text(value, 0) + ("" if self.alt else "%")

    def percent_2(self, value: Decimal) -> str:  # penyerapan in III.G.1, efisiensi
        return decimal_text(value, 2, ".") if self.alt else decimal_text(value, 2) + "%"

    def penyerapan_e1(self, value: Decimal) -> str:  # Sumenep rounds it to an integer in III.E.1
        return decimal_text(value, 2, ".") if self.alt else decimal_text(value, 0) + "%"

    def numbers(self, *labels: str) -> list[str] | None:
        if self.kota:
            return [f"({label.split('=')[0]})" for label in labels]
        return None if self.alt else list(labels)

    def count(self, n: int) -> list[str] | None:
        return self.numbers(*[str(i) for i in range(1, n + 1)])


# ---------------------------------------------------------------- vocabulary

SUMENEP_KECAMATAN = [
    "Batuan", "Gapura", "Lenteng", "Bluto", "Saronggi", "Giligenting", "Talango", "Kalianget",
    "Manding", "Ganding", "Guluk-Guluk", "Pragaan", "Ambunten", "Rubaru", "Dasuk", "Batang-Batang",
    "Dungkek", "Arjasa", "Kangayan", "Sapeken", "Nonggunong", "Gayam", "Masalembu", "Pasongsongan",
]
OTHER_DISTRICTS = {
    "Pamekasan": ["Pademawu", "Galis", "Larangan", "Proppo", "Palengaan", "Waru"],
    "Sampang": ["Kedungdung", "Omben", "Camplong", "Torjun", "Jrengik"],
    "Bangkalan": ["Arosbaya", "Tanah Merah", "Burneh", "Socah", "Kwanyar"],
    "Situbondo": ["Panji", "Asembagus", "Besuki", "Kapongan", "Mangaran"],
}
CAMAT = ["Drs. MOH. RAMLI", "H. ABD. KADIR, S.Sos", "Ir. SUHARTO, M.Si", "AHMAD FAUZI, S.IP",
         "Drs. SLAMET RIYADI", "NURUL HIDAYAT, S.Sos, M.M"]
TUJUAN = ("Mewujudkan tata kelola pemerintahan yang baik dan akuntabel",
          "Nilai Survey Kepuasan Masyarakat (SKM)")
GRADE_SASARAN = [
    ("Meningkatnya Kualitas Pelaksanaan Reformasi Birokrasi", "Indeks Reformasi Birokrasi"),
    ("Meningkatnya akuntabilitas kinerja kecamatan", "Nilai SAKIP Kecamatan"),
]
PERCENT_SASARAN = [
    ("Meningkatkan Pemberdayaan Kelompok Masyarakat Desa",
     ["Persentase Kelompok Masyarakat Desa yang dapat diberdayakan",
      "Persentase lembaga kemasyarakatan desa yang aktif"]),
    ("Meningkatnya rencana pembangunan berbasis masyarakat",
     ["Persentase hasil Musrenbangcam disetujui di tingkat kabupaten",
      "Persentase usulan desa yang terakomodasi dalam Musrenbangcam"]),
    ("Terciptanya keamanan, ketentraman dan ketertiban masyarakat",
     ["Persentase penurunan pelanggaran terhadap Perda dan Perbup",
      "Persentase gangguan keamanan, ketentraman dan ketertiban masyarakat dapat diselesaikan"]),
    ("Meningkatnya penyelenggaraan urusan pemerintahan umum",
     ["Persentase laporan penyelenggaraan Pemerintahan Desa tepat waktu",
      "Persentase sarana dan prasarana pelayanan umum yang memerlukan pemeliharaan "
      "dikoordinasikan ke Instansi leading sektor"]),
    ("Meningkatnya kualitas pelayanan publik kecamatan",
     ["Persentase permohonan pelayanan yang diselesaikan tepat waktu",
      "Persentase pengaduan masyarakat yang ditindaklanjuti"]),
    ("Meningkatnya kapasitas aparatur pemerintahan desa",
     ["Persentase aparatur desa yang mengikuti pembinaan",
      "Persentase desa dengan administrasi pemerintahan tertib"]),
]
# (program name, program indikator); the first serves the grade indikator, the second the others.
PROGRAMS = [
    [("Program Peningkatan Manajemen dan Pelayanan Administrasi",
      "Pemenuhan Kebutuhan Penunjang Perangkat Daerah"),
     ("Program Pelayanan Administrasi Perkantoran", "Pemenuhan Kebutuhan Administrasi Perkantoran")],
    [("Program Pembinaan dan Peningkatan Kapasitas Aparatur Desa",
      "Peningkatan Sumber Daya Aparatur Desa"),
     ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
      "Peningkatan Kualitas Penyelenggaraan Pemerintahan Kecamatan")],
]
# (kegiatan, its indikator, unit, target range, action, unit as said in the narrative)
ADMINISTRASI = [
    ("Penyediaan jasa surat menyurat", "Jumlah surat menyurat yang diadministrasikan", "Surat",
     (200, 1500), "Pengadministrasian surat menyurat, materai, cetakan dan penggandaan", "surat"),
    ("Penyediaan jasa komunikasi, sumber daya air dan listrik",
     "Jumlah Rekening Penyediaan Jasa Komunikasi Sumber daya air dan Listrik", "Rekening", (2, 4),
     "Menyediakan sumber daya air dan listrik", "rekening"),
    ("Penyediaan bahan dan jasa kebersihan kantor",
     "Jumlah kebutuhan bahan kebersihan dan jasa kebersihan kantor", "Jenis", (6, 20),
     "Menyediakan peralatan kebersihan dan bahan pembersih", "jenis"),
    ("Penyediaan komponen instalasi listrik/ penerangan bangunan kantor",
     "Jumlah komponen listrik yang diadakan", "Jenis", (5, 15),
     "Menyediakan komponen instalasi listrik/ penerangan", "jenis"),
    ("Penyediaan bahan bacaan dan peraturan perundang-undangan",
     "Jumlah bahan bacaan dan peraturan perundang-undangan", "Exemplar", (12, 36),
     "Menyediakan bahan bacaan dan peraturan perundang-undangan", "exemplar"),
    ("Penyediaan makanan dan minuman", "Jumlah tersedianya makanan dan minuman", "Rapat", (6, 24),
     "Menyediakan makanan dan minuman rapat-rapat serta minuman harian pegawai", "kali rapat"),
    ("Rapat-rapat koordinasi dan konsultasi", "Jumlah kegiatan rapat koordinasi dan konsultasi",
     "Kali", (20, 90), "Melakukan koordinasi dan konsultasi melalui perjalanan dinas",
     "kali perjalanan dinas"),
    ("Penyediaan Jasa Layanan Perkantoran", "Jumlah personel layanan perkantoran yang ditugaskan",
     "Personel", (1, 4), "Menyediakan petugas layanan perkantoran", "personel"),
    ("Pembangunan Gedung Kantor (Pembangunan Plank Nama Kantor)",
     "Jumlah bangunan kantor yang dibangun", "Bangunan", (1, 1),
     "Melakukan pembangunan plank nama kantor", "bangunan"),
    ("Pengadaan Peralatan dan Perlengkapan Gedung Kantor/rumah dinas",
     "Jumlah pengadaan peralatan dan perlengkapan kantor yang dibeli", "Unit", (10, 40),
     "Melakukan pengadaan sarana prasarana peralatan dan perlengkapan kantor", "unit"),
    ("Pemeliharaan rutin/berkala gedung kantor/rumah dinas (Pemeliharaan Rutin / Berkala Gedung "
     "Kantor)", "Jumlah bangunan gedung kantor yang dipelihara", "Bangunan", (1, 3),
     "Memelihara secara rutin atas bangunan gedung kantor", "unit bangunan"),
    ("Pemeliharaan rutin/berkala gedung kantor/rumah dinas (Pemeliharaan Rutin / Berkala Rumah "
     "Dinas)", "Jumlah bangunan rumah dinas yang dipelihara", "Bangunan", (1, 2),
     "Memelihara secara rutin atas bangunan rumah dinas", "unit bangunan"),
    ("Pemeliharaan rutin/berkala kendaraan dinas/operasional",
     "Jumlah kendaraan dinas/ operasional yang dipelihara", "Unit", (3, 10),
     "Memelihara secara rutin kendaraan dinas/ operasional", "unit kendaraan dinas"),
    ("Pemeliharaan rutin/berkala peralatan dan perlengkapan gedung kantor/rumah dinas",
     "Jumlah peralatan dan perlengkapan gedung kantor yang dipelihara", "Unit", (5, 15),
     "Memelihara sarana prasarana peralatan dan perlengkapan kantor", "unit"),
    ("Peringatan Hari-Hari Besar (Peringatan Hari Proklamasi Kemerdekaan)",
     "Jumlah kegiatan peringatan hari-hari besar yang dilaksanakan", "Kegiatan", (1, 1),
     "Peringatan Hari Proklamasi Kemerdekaan", "kali kegiatan"),
    ("Peringatan Hari-Hari Besar (Penyelenggaraan Pameran Pembangunan)",
     "Jumlah kegiatan pameran yang dilaksanakan", "Kegiatan", (1, 1),
     "Penyelenggaraan Pameran Pembangunan", "kali kegiatan"),
    ("Penyediaan alat tulis kantor", "Jumlah jenis alat tulis kantor yang disediakan", "Jenis",
     (10, 40), "Menyediakan alat tulis kantor", "jenis"),
    ("Penyediaan barang cetakan dan penggandaan", "Jumlah barang cetakan dan penggandaan", "Jenis",
     (5, 20), "Menyediakan barang cetakan dan penggandaan", "jenis"),
]
_DESA = "Pemberdayaan dan pembinaan masyarakat desa"
_TRANTIB = "Peningkatan kapasitas aparatur pemerintahan, ketentraman dan ketertiban umum"
_LAYANAN = "Peningkatan pelayanan publik"
_SOSIALISASI = ("Jumlah kegiatan sosialisasi yang dilaksanakan", "Kali", (1, 4), "kali sosialisasi")
_PEMBINAAN = ("Jumlah kegiatan pembinaan yang dilaksanakan", "Kali", (1, 12), "kali pembinaan")
PEMERINTAHAN = [
    (_DESA, "Sosialisasi Pembentukan BUMDes", *_SOSIALISASI),
    (_DESA, "Pembinaan Lembaga / Organisasi PKK Desa", *_PEMBINAAN),
    (_DESA, "Forum Komunikasi Ulama dan Umaro", "Jumlah kegiatan pertemuan forum yang dilaksanakan",
     "Kali", (1, 4), "kali pertemuan"),
    (_DESA, "Monitoring dan Pembinaan Musrenbangdes", *_PEMBINAAN),
    (_DESA, "Pelaksanaan Musrenbangcam", "Jumlah kegiatan pertemuan yang dilaksanakan", "Kali",
     (1, 2), "kali pertemuan"),
    (_DESA, "Sosialisasi Penundaan Usia Perkawinan", *_SOSIALISASI),
    (_DESA, "Sosialisasi Pembinaan Wira Usaha Muda", *_SOSIALISASI),
    (_DESA, "Fasilitasi dan Monitoring Pelaksanaan Bantuan ADD dan DD",
     "Jumlah pemerintah desa yang difasilitasi", "Desa", (5, 20), "desa"),
    (_DESA, "Administrasi Penunjang Bantuan Dana ADD dan TPAPD",
     "Jumlah kegiatan administrasi yang dilaksanakan", "Kali", (2, 12), "kali pelaksanaan"),
    (_DESA, "Pembinaan Kelompok Tani dan Nelayan", *_PEMBINAAN),
    (_DESA, "Lomba Desa Tingkat Kecamatan", "Jumlah desa yang mengikuti lomba", "Desa", (5, 20),
     "desa"),
    (_TRANTIB, "Desk dan Monitoring Pemilihan Kepala Desa Serentak",
     "Jumlah kegiatan yang dilaksanakan", "Kali", (1, 6), "kali kegiatan"),
    (_TRANTIB, "Pelantikan BPD Se Kecamatan", "Jumlah kegiatan pelantikan yang dilaksanakan", "Kali",
     (1, 2), "kali pelantikan"),
    (_TRANTIB, "Pembinaan Administrasi Desa", *_PEMBINAAN),
    (_TRANTIB, "Sosialisasi Tugas dan Fungsi Perangkat Desa", *_SOSIALISASI),
    (_TRANTIB, "Forum Pimpinan Kecamatan", "Jumlah kegiatan rapat yang dilaksanakan", "Kali",
     (4, 12), "kali rapat"),
    (_TRANTIB, "Patroli Ketentraman dan Ketertiban Umum", "Jumlah kegiatan patroli yang dilaksanakan",
     "Kali", (6, 24), "kali patroli"),
    (_TRANTIB, "Penertiban Pedagang Kaki Lima", "Jumlah kegiatan penertiban yang dilaksanakan",
     "Kali", (2, 12), "kali penertiban"),
    (_LAYANAN, "Pelayanan Administrasi Terpadu Kecamatan (PATEN)", *_PEMBINAAN),
    (_LAYANAN, "Pelayanan Perizinan Usaha Mikro", "Jumlah izin usaha mikro yang diterbitkan", "Izin",
     (20, 150), "izin"),
    (_LAYANAN, "Pelayanan Administrasi Kependudukan Keliling", "Jumlah desa yang dilayani", "Desa",
     (5, 20), "desa"),
]
GOLONGAN = ["IV/e", "IV/d", "IV/c", "IV/b", "IV/a", "III/d", "III/c", "III/b", "III/a", "II/d",
            "II/c", "II/b", "II/a", "I/d", "I/c", "I/b", "I/a", "Eks-K2", "Sukwan"]
PENDIDIKAN = ["S2", "S1", "SM/D3", "SLTA", "SLTP"]
CANCELLED = "Kegiatan tidak dapat dilaksanakan sehubungan Covid-19"
CANCELLED_NOTE = "Pagu Anggaran Kegiatan di PAK PENGGESERAN antar Kegiatan"
NOT_ASSESSED = "Belum ada penilaian"

_ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas"]


def terbilang(n: int) -> str:
    """Indonesian number words below 100, as in `17 (tujuh belas)`."""
    if n < 12:
        return _ONES[n]
    if n < 20:
        return _ONES[n - 10] + " belas"
    tens, ones = divmod(n, 10)
    return _ONES[tens] + " puluh" + ("" if ones == 0 else " " + _ONES[ones])


# ---------------------------------------------------------------- the facts

def _quantities(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    """A kegiatan's target and realisasi: mostly met, sometimes short, sometimes exceeded."""
    target = rng.randint(low, high)
    draw = rng.random()
    if draw < 0.25 and target > 1:
        return target, rng.randint(max(1, (target * 2) // 5), target - 1)
    if draw < 0.4 and target >= 3:
        return target, rng.randint(target + 1, max(target + 1, (target * 5) // 2))
    return target, target


def _budget(rng: random.Random) -> tuple[int, int]:
    """Alokasi and realisasi anggaran in whole rupiah, multiples of 100; realisasi <= alokasi."""
    alokasi = rng.randint(20_000, 800_000) * 100
    if rng.random() < 0.5:
        return alokasi, alokasi
    return alokasi, alokasi - rng.randint(1, alokasi // 250) * 100


def _kegiatan(rng: random.Random, entry: tuple, program: int, indikator: str) -> dict:
    if program == 0:  # administrasi: the name is the kegiatan itself
        name, output, unit, (low, high), action, spoken = entry
    else:  # pemerintahan: the sample prints "Kegiatan (aksi)"
        parent, action, output, unit, (low, high), spoken = entry
        name = f"{parent} ({action})"
    target, realisasi = _quantities(rng, low, high)
    alokasi, realisasi_anggaran = _budget(rng)
    return {"name": name, "indikator": output, "unit": unit, "spoken_unit": spoken,
            "action": action, "target": target, "realisasi": realisasi, "cancelled": False,
            "alokasi": alokasi, "realisasi_anggaran": realisasi_anggaran, "program": program,
            "sasaran_indikator": indikator}


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` items over `parts` groups, at least one each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _facts(rng: random.Random, template: str, n_sasaran: int | None,
           n_kegiatan: int | None) -> dict:
    if template in ("alt", "kota"):
        kabupaten = rng.choice(sorted(OTHER_DISTRICTS))
        kecamatan = rng.choice(OTHER_DISTRICTS[kabupaten])
    else:
        kabupaten, kecamatan = "Sumenep", rng.choice(SUMENEP_KECAMATAN)
    tahun = rng.randint(2019, 2023)
    n_sasaran = n_sasaran or rng.randint(3, 6)
    n_kegiatan = n_kegiatan or rng.randint(8, 25)

    # One sasaran carries the grade indikator (target B, not yet assessed); its kegiatan are
    # administrasi, the others' kegiatan belong to the second program.
    grade_position = rng.randrange(n_sasaran)
    percent_sources = rng.sample(PERCENT_SASARAN, n_sasaran - 1)
    spare_indikator = n_kegiatan - 2 - (n_sasaran - 1)  # leave >= 2 kegiatan for the grade one
    sasaran, percent_indikator = [], []
    for number in range(1, n_sasaran + 1):
        if number - 1 == grade_position:
            name, indikator = rng.choice(GRADE_SASARAN)
            sasaran.append({"no": number, "name": name, "indikator": [
                {"name": indikator, "kind": "grade", "target": "B", "realisasi": NOT_ASSESSED,
                 "program": 0, "kegiatan": []}]})
            continue
        name, candidates = percent_sources.pop()
        count = 2 if spare_indikator > 0 and rng.random() < 0.4 else 1
        spare_indikator -= count - 1
        indikators = []
        for indikator in candidates[:count]:
            target = rng.randint(75, 100)
            realisasi = target if rng.random() < 0.6 else rng.randint(max(50, target - 20), target)
            indikators.append({
                "name": indikator, "kind": "percent", "target": target, "realisasi": realisasi,
                "history": [rng.randint(max(40, realisasi - 15), realisasi) for _ in range(2)],
                "target_akhir": target if rng.random() < 0.7 else min(100, target + 5),
                "program": 1, "kegiatan": []})
        percent_indikator += indikators
        sasaran.append({"no": number, "name": name, "indikator": indikators})

    grade = sasaran[grade_position]["indikator"][0]
    grade_share = rng.randint(max(2, n_kegiatan - len(PEMERINTAHAN)),
                              min(len(ADMINISTRASI), n_kegiatan - len(percent_indikator)))
    kegiatan = [_kegiatan(rng, entry, 0, grade["name"])
                for entry in rng.sample(ADMINISTRASI, grade_share)]
    # LKJ202 needs a kegiatan-level row whose realisasi falls short of its target.
    short = kegiatan[0]
    short["target"] = max(short["target"], 4)
    short["realisasi"] = rng.randint(short["target"] // 2, short["target"] - 1)
    pool = rng.sample(PEMERINTAHAN, n_kegiatan - grade_share)
    for indikator, share in zip(percent_indikator,
                                _split(rng, n_kegiatan - grade_share, len(percent_indikator))):
        kegiatan += [_kegiatan(rng, pool.pop(), 1, indikator["name"]) for _ in range(share)]
    by_indikator = {i["name"]: i for s in sasaran for i in s["indikator"]}
    for k in kegiatan:
        by_indikator[k["sasaran_indikator"]]["kegiatan"].append(k["name"])
    _cancel_some(rng, kegiatan, by_indikator, keep=short)

    programs = []
    for index, options in enumerate(PROGRAMS):
        name, indikator = rng.choice(options)
        members = [k for k in kegiatan if k["program"] == index]
        alokasi = sum(k["alokasi"] for k in members)
        programs.append({
            "name": name, "indikator": indikator, "alokasi": alokasi,
            "pagu_awal": alokasi + rng.randint(-alokasi // 1000, alokasi // 1000) * 100,
            "realisasi_anggaran": sum(k["realisasi_anggaran"] for k in members),
            "kegiatan": [k["name"] for k in members]})
    tujuan_target = rng.randint(75, 90)
    staff = {g: [0] * len(PENDIDIKAN) for g in GOLONGAN}
    for _ in range(rng.randint(10, 25)):
        staff[rng.choice(GOLONGAN[3:])][rng.randrange(len(PENDIDIKAN))] += 1
    return {
        "kecamatan": kecamatan, "kabupaten": kabupaten, "tahun": tahun,
        "camat": rng.choice(CAMAT), "nip": f"19{rng.randint(60, 80)}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 28):02d} 199{rng.randint(0, 9)}0{rng.randint(1, 3)} 1 00{rng.randint(1, 9)}",
        "tujuan": {"name": TUJUAN[0], "indikator": TUJUAN[1], "target": tujuan_target,
                   "realisasi": rng.randint(tujuan_target - 5, tujuan_target)},
        "sasaran": sasaran, "programs": programs, "kegiatan": kegiatan, "staff": staff,
    }


def _cancel_some(rng: random.Random, kegiatan: list[dict], by_indikator: dict, keep: dict) -> None:
    """0-2 kegiatan dropped at the PAK: no budget, a note instead of realisasi."""
    for _ in range(rng.randint(0, 2)):
        candidates = [k for k in kegiatan if k is not keep and not k["cancelled"] and sum(
            1 for name in by_indikator[k["sasaran_indikator"]]["kegiatan"]
            if not _named(kegiatan, name)["cancelled"]) >= 2]
        if not candidates:
            return
        chosen = rng.choice(candidates)
        chosen.update(cancelled=True, alokasi=0, realisasi_anggaran=0)


def _named(kegiatan: list[dict], name: str) -> dict:
    return next(k for k in kegiatan if k["name"] == name)


# ---------------------------------------------------------------- derived figures

def kegiatan_capaian(k: dict) -> Decimal:
    return percent(k["realisasi"], k["target"])


def kinerja_capaian(indikator: dict) -> Decimal:
    return percent(indikator["realisasi"], indikator["target"])


def penyerapan(realisasi_anggaran: int, alokasi: int) -> Decimal:
    return percent(realisasi_anggaran, alokasi)


# ---------------------------------------------------------------- rendering

TITLES = {
    "sumenep": {
        "I.C.1": ["Tabel. I.C.1", "SUMBER DAYA APARATUR",
                  "ORGANISASI PERANGKAT DAERAH (OPD) KECAMATAN {K}"],
        "PK": ["PERJANJIAN KINERJA PERUBAHAN TAHUN {t} KECAMATAN {K}"],
        "PK.anggaran": [],
        "III.A.1": ["Tabel III.A.1",
                    "Realisasi dan Capaian Kinerja Atas Target Kinerja Sasaran Renstra {t}"],
        "III.A.2": ["Tabel III.A.2",
                    "Realisasi dan Capaian Kinerja Atas Target Kinerja Tujuan Renstra {t}"],
        "III.B.1": ["Tabel III.B.1",
                    "Perbandingan Realisasi Kinerja Sasaran Renstra 3 (tiga) Tahun Terakhir"],
        "III.C.1": ["Tabel III.C.1",
                    "Capaian Kinerja Tahun {t} Terhadap Target Kinerja Sasaran Akhir Renstra"],
        "III.E.1": ["Tabel III.E.1", "Efisiensi Penggunaan Sumber Daya Anggaran Atas Realisasi "
                    "Kinerja Sasaran Rencana Strategis"],
        "III.F.1": ["Tabel III.F.1", "Realisasi Kinerja Tahun {t}"],
        "III.G.1": ["Tabel III.G.1", "Realisasi Anggaran Program/Kegiatan Tahun Anggaran {t}"],
    },
    "alt": {
        "I.C.1": ["Tabel 1.1 Jumlah Pegawai Menurut Golongan dan Pendidikan"],
        "PK": ["Tabel 2.1 Perjanjian Kinerja Perubahan Tahun {t}"],
        "PK.anggaran": ["Tabel 2.2 Anggaran Program Perjanjian Kinerja Perubahan Tahun {t}"],
        "III.A.1": ["Tabel 3.1 Capaian Kinerja Sasaran Tahun {t}"],
        "III.A.2": ["Tabel 3.2 Capaian Kinerja Tujuan Tahun {t}"],
        "III.B.1": ["Tabel 3.3 Perbandingan Realisasi Kinerja Tiga Tahun Terakhir"],
        "III.C.1": ["Tabel 3.4 Perbandingan Realisasi Kinerja dengan Target Akhir Renstra"],
        "III.E.1": ["Tabel 3.5 Efisiensi Penggunaan Sumber Daya"],
        "III.F.1": ["Tabel 3.6 Realisasi Kinerja Program dan Kegiatan Tahun {t}"],
        "III.G.1": ["Tabel 3.7 Realisasi Anggaran Program dan Kegiatan Tahun {t}"],
    },
    "kota": {
        "I.C.1": ["Tabel 1 Komposisi Pegawai"],
        "PK": [],
        "PK.anggaran": ["Tabel 4 Pagu Program Tahun {t}"],
        "III.A.1": ["Tabel 5 Pengukuran Kinerja Sasaran Strategis"],
        "III.A.2": ["Tabel 6 Pengukuran Kinerja Tujuan"],
        "III.B.1": ["Tabel 7 Realisasi Kinerja Tahun {t2} s.d. {t}"],
        "III.C.1": ["Tabel 8 Capaian Kinerja terhadap Target Renstra"],
        "III.E.1": ["Tabel 9 Analisis Efisiensi"],
        "III.F.1": ["Tabel 10 Realisasi Program dan Kegiatan"],
        "III.G.1": ["Tabel 11 Realisasi Keuangan Tahun {t}"],
    },
}


class _Writer:
    """Collects blocks; tables get their template title and random page breaks."""

    def __init__(self, facts: dict, template: str, rng: random.Random):
        self.facts, self.template, self.rng = facts, template, rng
        self.style = _Style(template)
        self.blocks: list[Block] = []
        self.instansi = f"KECAMATAN {facts['kecamatan'].upper()}"

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def item(self, text: str) -> None:
        self.blocks.append(Block("list_item", text))

    def table(self, key: str, header_rows: list[list[str]], number_row: list[str] | None,
              rows: list[list[str]]) -> None:
        titles = [line.format(t=self.facts["tahun"], t2=self.facts["tahun"] - 2, K=self.facts["kecamatan"].upper())
                  for line in TITLES[self.template][key]]
        table = Table(titles, header_rows, number_row, rows, self._page_breaks(len(rows)), key)
        self.blocks.append(Block("table", table=table))

    def _page_breaks(self, n_rows: int) -> list[int]:
        """A page holds 5-12 body rows of these wide tables; short tables stay whole."""
        breaks, at = [], self.rng.randint(5, 12)
        while at < n_rows - 1:  # never leave a trailing fragment of one (often empty) row
            breaks.append(at)
            at += self.rng.randint(5, 12)
        return breaks


def generate(seed: int, *, template: str = "sumenep", n_sasaran: int | None = None,
             n_kegiatan: int | None = None) -> Report:
    """A kecamatan report (sumenep, alt, kota) or one of another unit type's layouts (opd_layouts.LAYOUTS)."""
    import opd_layouts  # it builds on this module's Report and number formats

    if template in opd_layouts.LAYOUTS:
        return opd_layouts.generate(seed, template)
    if template not in TITLES:  # sumenep, alt, kota
        raise ValueError(f"unknown template {template!r}; expected one of {templates()}")
    rng = random.Random(seed)
    facts = _facts(rng, template, n_sasaran, n_kegiatan)
    writer = _Writer(facts, template, rng)
    words = {"terealisasi": rng.choice(["terealisasi", "teralisasi"]),
             "tercapai": rng.choice(["atau tercapai", "atau capaian sebesar"])}
    _front_matter(writer)
    _staff_table(writer)
    _perjanjian_kinerja(writer)
    _capaian_sasaran(writer)
    _analisis_sasaran(writer, words)
    _efisiensi(writer)
    _pohon_kinerja(writer)
    _analisis_kegiatan(writer, words)
    _realisasi_anggaran(writer)
    _penutup(writer)
    return Report(facts["kecamatan"], facts["kabupaten"], facts["tahun"], template, writer.blocks,
                  facts)


def templates() -> list[str]:
    """Every layout the generator prints: the kecamatan templates, then the other unit types'."""
    import opd_layouts

    return [*TITLES, *opd_layouts.LAYOUTS]


def _front_matter(w: _Writer) -> None:
    f, t = w.facts, w.facts["tahun"]
    kab = f["kabupaten"].upper()
    w.paragraph(f"**PEMERINTAH KABUPATEN {kab}**")
    w.paragraph(f"**(LKjIP) LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {t}**")
    w.paragraph(w.instansi)
    w.paragraph(f"PEMERINTAH KABUPATEN {kab} {w.instansi}")
    w.paragraph(f"Nomor : 067/ /435.3{w.rng.randint(10, 40)}/{t + 1}")
    w.paragraph(f"Perihal : LKjIP Tahun Anggaran {t}")
    w.paragraph(f"Kepada : Yth. Bapak Bupati {f['kabupaten']} Melalui Sdr. Kepala Bagian "
                f"Organisasi SETDAKab. {f['kabupaten']}")
    w.paragraph(f"Bersama ini kami sampaikan dengan hormat, Laporan Kinerja Instansi Pemerintah "
                f"(LKjIP) Tahun {t} untuk Organisasi Perangkat Daerah (OPD) {w.instansi} "
                f"Kabupaten {f['kabupaten']}, sebagaimana Berkas terlampir.")
    w.paragraph(f"CAMAT {f['kecamatan'].upper()}")
    w.paragraph(f"{f['camat']} NIP. {f['nip']}")
    w.heading("BAB I PENDAHULUAN")
    w.heading("C. GAMBARAN UMUM ORGANISASI")
    w.paragraph(f"Sumber daya aparatur pada Organisasi Perangkat Daerah (OPD) {w.instansi} "
                f"Kabupaten {f['kabupaten']} sebagaimana tabel di bawah ini :")


def _staff_table(w: _Writer) -> None:
    staff = w.facts["staff"]
    rows = [[g, *map(str, counts), str(sum(counts))] for g, counts in staff.items()]
    totals = [sum(counts[i] for counts in staff.values()) for i in range(len(PENDIDIKAN))]
    rows.append(["JUMLAH", *map(str, totals), str(sum(totals))])
    w.table("I.C.1", [["GOLONGAN", "PENDIDIKAN", "", "", "", "", "JUMLAH"],
                      ["", *PENDIDIKAN, ""]], w.style.count(7), rows)
    total = sum(totals)
    s1, s2 = totals[PENDIDIKAN.index("S1")], totals[PENDIDIKAN.index("S2")]
    # both ways reports count "sarjana": S1 alone, or S1 with S2 (picked without the rng, so that the
    # rest of the report stays as it was for each seed)
    education = (f", {s1} orang di antaranya berpendidikan sarjana (S1)" if total % 2
                 else f", yang berpendidikan sarjana sebanyak {s1 + s2} orang")
    w.paragraph(f"Pada tabel sumber daya aparatur tersebut diatas menunjukkan bahwa pada "
                f"{w.instansi} dapat dikatakan cukup baik dalam segi tingkat pendidikan dari jumlah "
                f"Pegawai **{total} ({terbilang(total)})** Personil{education}.")


def _perjanjian_kinerja(w: _Writer) -> None:
    f, style = w.facts, w.style
    w.heading("BAB II PERENCANAAN KINERJA")
    n = len(f["programs"])
    w.paragraph(f"Untuk Tahun {f['tahun']} Organisasi Perangkat Daerah (OPD) {w.instansi} telah menetapkan "
                f"{n} ({terbilang(n)}) Program yaitu :")
    for number, program in enumerate(f["programs"], start=1):
        w.item(f"{number}) {program['name']}")
    w.heading("C. PERJANJIAN KINERJA")
    w.paragraph(f"Adapun Perjanjian Kinerja Perubahan Tahun {f['tahun']} untuk Organisasi "
                f"Perangkat Daerah (OPD) {w.instansi} adalah sebagai berikut :")
    rows = []
    for s in f["sasaran"]:
        for position, i in enumerate(s["indikator"]):
            target = i["target"] if i["kind"] == "grade" else f"{i['target']}%"
            rows.append([str(s["no"]) if position == 0 else "",
                         s["name"] if position == 0 else "", i["name"], target])
    w.table("PK", [["No", "Sasaran", "Indikator Kinerja", f"Rencana {f['tahun']}"] if style.kota
                   else ["No", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]], style.count(4), rows)
    header = (["No", "Program", "APBD Murni (Rp)", "APBD Perubahan (Rp)", "Keterangan"] if style.kota
              else ["No", "Program", "Anggaran Murni", "Anggaran Perubahan", "Keterangan"] if style.alt
              else ["No", "Program", "Sebelum Perubahan Anggaran", "Setelah Perubahan Anggaran",
                    "Keterangan"])
    rows = [[str(n), p["name"], rupiah(p["pagu_awal"]), rupiah(p["alokasi"]), "-"]
            for n, p in enumerate(f["programs"], start=1)]
    rows.append(["", "JUMLAH", rupiah(sum(p["pagu_awal"] for p in f["programs"])),
                 rupiah(sum(p["alokasi"] for p in f["programs"])), ""])
    w.table("PK.anggaran", [header], style.count(5), rows)
    w.paragraph(f"Sumber Data Perjanjian Kinerja Perubahan Tahun {f['tahun']} {w.instansi}")


def _indikator_rows(w: _Writer, values: Callable[[dict], list[str]]) -> list[list[str]]:
    """NO | SASARAN | INDIKATOR | SATUAN | ...: sasaran number and name on its first row only."""
    rows = []
    for s in w.facts["sasaran"]:
        for position, i in enumerate(s["indikator"]):
            satuan = "Nilai" if i["kind"] == "grade" else "%"
            rows.append([str(s["no"]) if position == 0 else "", s["name"] if position == 0 else "",
                         i["name"], satuan, *values(i)])
    return rows


def _year_header(w: _Writer, label: str, columns: list[str]) -> list[list[str]]:
    if w.style.alt:
        return [["No", label.title(), "Indikator Kinerja", "Satuan", *columns]]
    first = ["NO", label, "INDIKATOR KINERJA", "SATUAN"]
    return [first + [f"TAHUN {w.facts['tahun']}", "", ""], ["", "", "", "", *columns]]


def _capaian_sasaran(w: _Writer) -> None:
    f = w.facts
    n = len(f["sasaran"])
    w.heading("BAB III AKUNTABILITAS KINERJA")
    w.heading("A. CAPAIAN KINERJA ORGANISASI")
    w.paragraph(f"Dari {n} ({terbilang(n)}) sasaran strategis yang diperjanjikan, dilakukan "
                f"pengukuran realisasi dan capaian kinerja sebagai berikut :")

    def capaian(i: dict) -> list[str]:
        if i["kind"] == "grade":
            return [i["target"], i["realisasi"], "-"]
        return [str(i["target"]), str(i["realisasi"]), decimal_text(kinerja_capaian(i), 0)]

    def with_renstra(i: dict) -> list[str]:  # kota: the Renstra end target beside this year's figures
        return [*capaian(i), i["target"] if i["kind"] == "grade" else str(i["target_akhir"])]

    columns = (["Target", "Realisasi", "Capaian (%)"] if w.style.alt
               else ["TARGET KINERJA", "REALISASI KINERJA", "CAPAIAN KINERJA"])
    if w.style.kota:
        kinerja = f"Kinerja {f['tahun']}"
        header = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", kinerja, kinerja, kinerja,
                   f"Target {f['tahun'] + 4}"],
                  ["", "", "", "", "Rencana", "Capaian Realisasi", "%", ""]]
        w.table("III.A.1", header, w.style.count(8), _indikator_rows(w, with_renstra))
    else:
        w.table("III.A.1", _year_header(w, "SASARAN STRATEGIS", columns), w.style.count(7),
                _indikator_rows(w, capaian))
    tujuan = f["tujuan"]
    if w.style.kota:
        columns = ["Targ et", "Reali sasi", "Persentase Capaian"]
    w.table("III.A.2", _year_header(w, "TUJUAN", columns), w.style.count(7),
            [["1", tujuan["name"], tujuan["indikator"], "%", str(tujuan["target"]),
              str(tujuan["realisasi"]), decimal_text(kinerja_capaian(tujuan), 0)]])

    w.heading("B. PERBANDINGAN REALISASI KINERJA DENGAN TAHUN SEBELUMNYA")
    t = f["tahun"]
    years = [str(y) for y in (t - 2, t - 1, t)]
    header = ([["No", "Sasaran", "Indikator", "Satuan", *[f"Capaian Realisasi {y}" for y in years]]]
              if w.style.kota else
              [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                *[f"Realisasi {y}" for y in years]]] if w.style.alt else
              [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "REALISASI", "", ""],
               ["", "", "", "", *years]])
    w.table("III.B.1", header, w.style.count(7), _indikator_rows(
        w, lambda i: [NOT_ASSESSED] * 3 if i["kind"] == "grade"
        else [*map(str, i["history"]), str(i["realisasi"])]))

    w.heading("C. PERBANDINGAN REALISASI KINERJA DENGAN TARGET AKHIR RENCANA STRATEGIS")

    def renstra(i: dict) -> list[str]:
        if i["kind"] == "grade":
            return [NOT_ASSESSED, i["target"], "-"]
        return [str(i["realisasi"]), str(i["target_akhir"]),
                decimal_text(percent(i["realisasi"], i["target_akhir"]), 0)]

    header = (["No", "Sasaran", "Indikator", "Satuan", f"Realisasi s/d {t}", f"Target {t + 4}", "%"]
              if w.style.kota else ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN",
                                    f"CAPAIAN s/d TAHUN {t}", "TARGET AKHIR RENSTRA", "CAPAIAN"])
    w.table("III.C.1", [header], w.style.count(7), _indikator_rows(w, renstra))


def _kinerja_sentence(i: dict, words: dict, kota: bool = False) -> str:
    """An indikator told the Sumenep way; kota tells each in one of the ways other reports use, chosen by its
    name (drawing it would change every other template's random facts)."""
    if i["kind"] == "grade":
        return (f"Dengan indikator {i['name']}, dan target nilai {i['target']}, terealisasinya "
                f"belum ada penilaian sehingga capaian tidak ada nilai.")
    capaian = decimal_text(kinerja_capaian(i), 0)
    way = zlib.crc32(i["name"].encode()) % 4 if kota else 3
    if way == 0:
        return f"Indikator {i['name']} realisasi sebesar {i['realisasi']}% dari target {i['target']}% (capaian {capaian}%)."
    if way == 1:
        return (f"Pada indikator {i['name']}, target yang ditetapkan {i['target']} persen dapat direalisasikan "
                f"{i['realisasi']} persen, sehingga capaian kinerja indikator ini mencapai {capaian}%.")
    if way == 2:
        previous = i["history"][-1]
        change = "penurunan" if i["realisasi"] < previous else "peningkatan"
        return (f"Indikator {i['name']} mengalami {change} dari {previous}% pada tahun sebelumnya menjadi "
                f"{i['realisasi']}%. Capaian kinerja indikator ini mencapai {capaian}%.")
    return (f"Dengan indikator {i['name']}, dan target {i['target']}%, {words['terealisasi']} "
            f"{i['realisasi']}%, {words['tercapai']} {capaian}%.")


def _analisis_sasaran(w: _Writer, words: dict) -> None:
    f = w.facts
    w.heading("D. ANALISIS PENYEBAB KEBERHASILAN/KEGAGALAN ATAU PENINGKATAN/PENURUNAN KINERJA "
              "SERTA ALTERNATIVE SOLUSI YANG TELAH DILAKUKAN")
    w.paragraph(f"Tujuan : {f['tujuan']['name']}")
    w.paragraph("a. KEBERHASILAN KINERJA TUJUAN")
    for s in f["sasaran"]:
        w.paragraph(f"{s['no']}) SASARAN {s['no']}")
        w.paragraph(s["name"])
        for i in s["indikator"]:
            w.paragraph(_kinerja_sentence(i, words, w.style.kota))
            w.paragraph("Keberhasilan sasaran tersebut ditunjang dengan :")
            w.paragraph(f"✓ **{f['programs'][i['program']]['name']}**")
            w.paragraph("Dalam rangka meningkatkan keberhasilan sasaran selanjutnya, upaya-upaya "
                        "yang telah kami lakukan dengan melaksanakan kegiatan:")
            for name in i["kegiatan"]:
                if not _named(f["kegiatan"], name)["cancelled"]:
                    w.item(name)
    cancelled = [k for k in f["kegiatan"] if k["cancelled"]]
    if cancelled:
        w.paragraph("b. KEGAGALAN KINERJA TUJUAN")
        w.paragraph("Solusi atas kegagalan, yang telah kami lakukan dengan melakukan Perubahan "
                    "Anggaran Kegiatan (PAK) Penggeseran antar kegiatan yang disebabkan adanya "
                    "bencana nasional yaitu Penyakit Covid-19. Adapun kegiatan yang tidak dapat "
                    "dilaksanakan, yaitu:")
        for k in cancelled:
            w.item(k["name"])


def _efisiensi(w: _Writer) -> None:
    f, style = w.facts, w.style
    w.heading("E. ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA")
    w.paragraph(f"Untuk mengukur tingkat efisiensi sumber daya pada Tahun {f['tahun']}, dilakukan "
                f"Analisis Efisiensi atas realisasi kinerja Sasaran Rencana Strategis, sebagaimana "
                f"tabel berikut :")
    rows = []
    for s in f["sasaran"]:
        for position, i in enumerate(s["indikator"]):
            lead = [str(s["no"]) if position == 0 else "", s["name"] if position == 0 else "",
                    i["name"]]
            if i["kind"] == "grade":  # the indikator itself has no number: one row with dashes
                rows.append([*lead, "-", i["target"], i["realisasi"], "-", "-", "-",
                             style.penyerapan_e1(Decimal(0)), style.percent_2(Decimal(0))])
                lead = ["", "", ""]
            for name in i["kegiatan"]:
                k = _named(f["kegiatan"], name)
                if not k["cancelled"]:
                    rows.append([*lead, *efisiensi_cells(style, i, k)])
                    lead = ["", "", ""]
    total_alokasi = sum(k["alokasi"] for k in f["kegiatan"])
    total_realisasi = sum(k["realisasi_anggaran"] for k in f["kegiatan"])
    total = penyerapan(total_realisasi, total_alokasi)
    hundred = style.percent_int(Decimal(100))
    rows += [[""] * 11,
             ["", "Total" if style.kota else "JUMLAH", "", "", hundred, hundred, hundred, rupiah(total_alokasi),
              rupiah(total_realisasi), style.percent_2(total), style.percent_2(100 - total)]]
    if style.kota:  # titles repeated over their span, words broken by narrow columns, bare "%"
        header = [["No", "Sasaran", "Indikator Kinerja", "Kegiatan", "Kinerja", "Kinerja", "Kinerja",
                   "Keuangan", "Keuangan", "Keuangan", "Efisiensi (%)"],
                  ["", "", "", "", "Targ et", "Reali- sasi", "%", "Pagu (Rp)", "Realisasi (Rp)", "%", ""]]
    elif style.alt:
        header = [["No", "Sasaran", "Indikator Kinerja", "Kegiatan", "Kinerja", "", "", "Anggaran",
                   "", "", "Efisiensi (%)"],
                  ["", "", "", "", "Target", "Realisasi", "Capaian (%)", "Anggaran", "Realisasi",
                   "Capaian realisasi anggaran (%)", ""]]
    else:
        header = [["No", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "KEGIATAN", "KINERJA", "", "",
                   "ANGGARAN", "", "", "TINGKAT EFISIENSI"],
                  ["", "", "", "", "TARGET", "REALISASI", "CAPAIAN", "ALOKASI (Rp)",
                   "REALISASI (Rp)", "PENYERAPAN ANGGARAN", ""]]
    w.table("III.E.1", header, style.numbers(*map(str, range(1, 11)), "11=7-10"), rows)


def efisiensi_cells(style: _Style, indikator: dict, k: dict, *,
                    capaian: Decimal | None = None, realisasi_anggaran: int | None = None
                    ) -> list[str]:
    """KEGIATAN .. TINGKAT EFISIENSI of one III.E.1 row.

    Under a percent indikator the row repeats the indikator's kinerja; under the grade indikator
    it shows the kegiatan's own capaian, capped at 100, against a 100% target. Efisiensi is the
    unrounded capaian minus the unrounded penyerapan. `capaian` and `realisasi_anggaran` override
    the facts (used by injections that print something else).
    """
    if indikator["kind"] == "grade":
        capaian = min(kegiatan_capaian(k), Decimal(100)) if capaian is None else capaian
        kinerja = [style.percent_int(Decimal(100)), style.percent_int(capaian),
                   style.percent_int(capaian)]
    else:
        capaian = kinerja_capaian(indikator) if capaian is None else capaian
        kinerja = [style.percent_int(Decimal(indikator["target"])),
                   style.percent_int(Decimal(indikator["realisasi"])), style.percent_int(capaian)]
    spent = k["realisasi_anggaran"] if realisasi_anggaran is None else realisasi_anggaran
    absorbed = penyerapan(spent, k["alokasi"])
    return [k["name"], *kinerja, rupiah(k["alokasi"]), rupiah(spent),
            style.penyerapan_e1(absorbed), style.percent_2(capaian - absorbed)]


def _quantity(value: int, unit: str) -> str:
    return f"{value} {unit}"


def _pohon_kinerja(w: _Writer) -> None:
    f, style = w.facts, w.style
    w.heading("F. ANALISIS PENYEBAB KEBERHASILAN/KEGAGALAN KINERJA PROGRAM/KEGIATAN")
    w.paragraph("Adapun realisasi tujuan, sasaran program dan kegiatan sebagaimana tabel berikut :")
    tujuan = f["tujuan"]
    rows = [["I", "TUJUAN", "", "", "", ""],
            ["", tujuan["name"], tujuan["indikator"], f"{tujuan['target']} %",
             f"{tujuan['realisasi']} %", style.percent_int(kinerja_capaian(tujuan))],
            [""] * 6]
    for s in f["sasaran"]:
        rows.append([f"I.{s['no']}", f"SASARAN {s['no']}", "", "", "", ""])
        for n_i, i in enumerate(s["indikator"], start=1):
            number = f"I.{s['no']}.{n_i}"
            rows.append([number, s["name"], *tree_indikator_cells(style, i)])
            program = f["programs"][i["program"]]
            rows.append([f"{number}.1", program["name"], program["indikator"], "100 %", "100 %",
                         style.percent_int(Decimal(100))])
            for n_k, name in enumerate(i["kegiatan"], start=1):
                k = _named(f["kegiatan"], name)
                if k["cancelled"]:
                    result = [CANCELLED, CANCELLED_NOTE]
                else:
                    result = [_quantity(k["realisasi"], k["unit"]),
                              style.percent_int(kegiatan_capaian(k))]
                rows.append([f"{number}.1.{n_k}", k["name"], k["indikator"],
                             _quantity(k["target"], k["unit"]), *result])
            rows.append([""] * 6)
    header = ([["No", "Sasaran/ Program/ Kegiatan", "Indikator", "Rencana", "Reali sasi", "% Capaian"]]
              if style.kota else
              [["NO", "TUJUAN/ SASARAN/ PROGRAM/ KEGIATAN", "INDIKATOR", "TARGET",
                "REALISASI" if style.alt else "REALIASI", "CAPAIAN"]])
    w.table("III.F.1", header, style.count(6), rows)


def tree_indikator_cells(style: _Style, i: dict, realisasi: int | None = None) -> list[str]:
    """INDIKATOR | TARGET | REALIASI | CAPAIAN of a sasaran row in III.F.1 (`80 %`, `84%`)."""
    if i["kind"] == "grade":
        return [i["name"], i["target"], i["realisasi"], "-"]
    realisasi = i["realisasi"] if realisasi is None else realisasi
    return [i["name"], f"{i['target']} %", f"{realisasi} %",
            style.percent_int(percent(realisasi, i["target"]))]


def _analisis_kegiatan(w: _Writer, words: dict) -> None:
    f = w.facts
    w.paragraph("ANALISIS KEBERHASILAN/KEGAGALAN KINERJA PROGRAM/KEGIATAN")
    w.paragraph("1. KEBERHASILAN KINERJA PROGRAM/KEGIATAN")
    for s in f["sasaran"]:
        w.paragraph(f"{'abcdef'[s['no'] - 1]}. SASARAN {s['no']}")
        for i in s["indikator"]:
            w.paragraph(f"{s['name']},")
            if i["kind"] == "grade":
                w.paragraph(f"yaitu Nilai {i['target']} dengan indikator {i['name']} terealisasi "
                            f"{i['realisasi']} atas target Nilai {i['target']} sehingga nilai "
                            f"capaian tidak ada.")
            else:
                w.paragraph(f"Capaian sebesar {decimal_text(kinerja_capaian(i), 0)}% dengan "
                            f"indikator {i['name']}, {words['terealisasi']} {i['realisasi']}%, "
                            f"atas target {i['target']}%.")
            program = f["programs"][i["program"]]
            w.paragraph(f"1. {program['name']},")
            w.paragraph(f"Capaian sebesar 100% dengan indikator {program['indikator']}, "
                        f"{words['terealisasi']} 100%, atas target 100%.")
            for name in i["kegiatan"]:
                k = _named(f["kegiatan"], name)
                if k["cancelled"]:
                    continue
                w.item(f"✓ Kegiatan {k['name']}, Capaian sebesar "
                       f"{decimal_text(kegiatan_capaian(k), 0)}% dengan indikator {k['indikator']}, "
                       f"{words['terealisasi']} {_quantity(k['realisasi'], k['unit'])}, atas target "
                       f"{_quantity(k['target'], k['unit'])}.")
                w.item(f"{k['action']}, Terealisasi {k['realisasi']} {k['spoken_unit']} Atas target "
                       f"{k['target']} {k['spoken_unit']}")


def _realisasi_anggaran(w: _Writer) -> None:
    f, style = w.facts, w.style
    w.heading("G. REALISASI ANGGARAN")
    w.paragraph(f"Realisasi anggaran program/kegiatan merupakan realisasi penyerapan anggaran "
                f"program/kegiatan Tahun Anggaran {f['tahun']} sebagaimana tabel berikut :")
    rows = []
    for number, program in zip(["I", "II"], f["programs"]):
        rows.append([number, program["name"], rupiah(program["alokasi"]),
                     rupiah(program["realisasi_anggaran"]),
                     style.percent_2(penyerapan(program["realisasi_anggaran"], program["alokasi"])),
                     *_sisa(style, program["alokasi"], program["realisasi_anggaran"])])
        for n_k, name in enumerate(program["kegiatan"], start=1):
            rows.append([f"{number}.{n_k}", *anggaran_cells(style, _named(f["kegiatan"], name))])
        rows.append([""] * (6 if style.kota else 5))
    total_alokasi, total_realisasi = _totals(f)
    rows.append(["", "Jumlah Total" if style.kota else "JUMLAH", rupiah(total_alokasi), rupiah(total_realisasi),
                 style.percent_2(penyerapan(total_realisasi, total_alokasi)),
                 *_sisa(style, total_alokasi, total_realisasi)])
    header = (["No", "Program/Kegiatan", "APBD (Rp)", "Realisasi (Rp)", "%", "Sisa Anggaran (Rp)"] if style.kota
              else ["No", "Program/Kegiatan", "Anggaran", "Realisasi", "Capaian realisasi anggaran (%)"]
              if style.alt else ["NO", "PROGRAM/ KEGIATAN", "TARGET", "REALIASI", "CAPAIAN"])
    w.table("III.G.1", [header], style.count(len(header)), rows)
    w.paragraph(f"Dari tabel dapat dilihat penyerapan anggaran yang bisa mencapai "
                f"**{decimal_text(penyerapan(total_realisasi, total_alokasi), 2)}%** menunjukkan "
                f"perencanaan yang dilakukan sudah sangatlah baik.")


def anggaran_cells(style: _Style, k: dict, realisasi_anggaran: int | None = None) -> list[str]:
    """PROGRAM/ KEGIATAN | TARGET | REALIASI | CAPAIAN (| SISA ANGGARAN) of a kegiatan row in III.G.1."""
    if k["cancelled"]:
        return [k["name"], "-", CANCELLED, CANCELLED_NOTE, *(["-"] if style.kota else [])]
    spent = k["realisasi_anggaran"] if realisasi_anggaran is None else realisasi_anggaran
    return [k["name"], rupiah(k["alokasi"]), rupiah(spent),
            style.percent_2(penyerapan(spent, k["alokasi"])), *_sisa(style, k["alokasi"], spent)]


def _sisa(style: _Style, alokasi: int, spent: int) -> list[str]:
    """kota's Sisa Anggaran column: what was left of the budget."""
    return [rupiah(alokasi - spent)] if style.kota else []


def _totals(facts: dict) -> tuple[int, int]:
    return (sum(p["alokasi"] for p in facts["programs"]),
            sum(p["realisasi_anggaran"] for p in facts["programs"]))


def _penutup(w: _Writer) -> None:
    f = w.facts
    alokasi, realisasi = _totals(f)
    absorbed = penyerapan(realisasi, alokasi)
    w.paragraph(f"Sedangkan untuk capaian realisasi anggaran sebesar **Rp.{rupiah(realisasi)},-** "
                f"dari jumlah anggaran yang ditetapkan yaitu sebesar **Rp.{rupiah(alokasi)},-** "
                f"itu artinya penyerapan anggaran sebesar **{decimal_text(absorbed, 2)}%** atau "
                f"efisiensi sebesar **{decimal_text(100 - absorbed, 2)}%**.")
    w.heading("BAB IV PENUTUP")
    w.paragraph(f"Laporan Kinerja Instansi Pemerintah (LKjIP) Organisasi Perangkat Daerah (OPD) "
                f"{w.instansi} Kabupaten {f['kabupaten']} Tahun {f['tahun']} ini merupakan salah "
                f"satu bagian dari upaya pertanggungjawaban dan mendorong akuntabilitas publik.")


# ---------------------------------------------------------------- markdown

def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table_markdown(table: Table) -> list[str]:
    """Title paragraphs, then one pipe table per page fragment, header repeated on each."""
    lines: list[str] = []
    for title in table.title_lines:
        lines += [title, ""]
    head = table.header_rows + ([table.number_row] if table.number_row else [])
    bounds = [0, *table.split_at, len(table.rows)]
    for start, end in zip(bounds, bounds[1:]):
        fragment = [_pipe_row(head[0]), "|" + "|".join(["---"] * len(head[0])) + "|"]
        fragment += [_pipe_row(row) for row in head[1:] + table.rows[start:end]]
        lines += [*fragment, ""]
    return lines


def to_markdown(report: Report) -> str:
    # Headings print as plain lines, as they do in the sample converted from the PDF.
    lines: list[str] = []
    for block in report.blocks:
        if block.kind == "table":
            lines += _table_markdown(block.table)
        elif block.kind == "list_item":
            lines += [f"- {block.text}", ""]
        else:
            lines += [block.text, ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- error injection

def find_table(report: Report, key: str) -> Table:
    return next(b.table for b in report.blocks if b.table is not None and b.table.key == key)


def _row(table: Table, column: int, text: str) -> list[str]:
    return next(row for row in table.rows if row[column] == text)


def _indikator_of(report: Report, kegiatan: dict) -> dict:
    return next(i for s in report.truth["sasaran"] for i in s["indikator"]
                if i["name"] == kegiatan["sasaran_indikator"])


def _percent_indikators(report: Report) -> list[dict]:
    return [i for s in report.truth["sasaran"] for i in s["indikator"] if i["kind"] == "percent"]


def _active_kegiatan(report: Report) -> list[dict]:
    return [k for k in report.truth["kegiatan"] if not k["cancelled"]]


def _shift(rng: random.Random, value: Decimal, low: int, high: int) -> Decimal:
    """`value` moved by low..high points, downwards when there is room."""
    delta = rng.randint(low, high)
    return value - delta if value - delta >= 0 and rng.random() < 0.5 else value + delta


def inject_capaian(report: Report, rng: random.Random) -> Expected:
    indikator = rng.choice(_percent_indikators(report))
    correct = half_up(kinerja_capaian(indikator))
    wrong = _shift(rng, correct, 3, 15)
    _row(find_table(report, "III.A.1"), 2, indikator["name"])[6] = decimal_text(wrong, 0)
    return Expected("LKJ101", indikator["name"], "capaian", (float(wrong), float(correct)))


def inject_same_fact(report: Report, rng: random.Random) -> Expected:
    indikator = rng.choice(_percent_indikators(report))
    realisasi = indikator["realisasi"]
    changed = realisasi + rng.choice([-1, 1]) * rng.randint(3, 10)
    if changed <= 0:
        changed = realisasi + rng.randint(3, 10)
    row = _row(find_table(report, "III.F.1"), 2, indikator["name"])
    row[2:] = tree_indikator_cells(_Style(report.template), indikator, changed)
    return Expected("LKJ201", indikator["name"], "realisasi", (float(realisasi), float(changed)))


def inject_penyerapan(report: Report, rng: random.Random) -> Expected:
    kegiatan = rng.choice(_active_kegiatan(report))
    style = _Style(report.template)
    correct = half_up(penyerapan(kegiatan["realisasi_anggaran"], kegiatan["alokasi"]), 2)
    wrong = _shift(rng, correct, 2, 20)
    _row(find_table(report, "III.G.1"), 1, kegiatan["name"])[4] = style.percent_2(wrong)
    return Expected("LKJ102", kegiatan["name"], "penyerapan", (float(wrong), float(correct)))


def inject_efisiensi(report: Report, rng: random.Random) -> Expected:
    kegiatan = rng.choice(_active_kegiatan(report))
    style = _Style(report.template)
    row = _row(find_table(report, "III.E.1"), 3, kegiatan["name"])
    correct_text = efisiensi_cells(style, _indikator_of(report, kegiatan), kegiatan)[-1]
    correct = Decimal(correct_text.rstrip("%").replace(",", "."))
    wrong = _shift(rng, correct, 2, 20)
    row[10] = style.percent_2(wrong)
    return Expected("LKJ103", kegiatan["name"], "efisiensi", (float(wrong), float(correct)))


def inject_efficiency_capaian(report: Report, rng: random.Random) -> Expected:
    """III.E.1 claims a short kegiatan met its target, as the sample's `Penyediaan makanan`."""
    short = [k for k in _active_kegiatan(report) if k["realisasi"] < k["target"]
             and _indikator_of(report, k)["kind"] == "grade"]
    kegiatan = rng.choice(short)
    row = _row(find_table(report, "III.E.1"), 3, kegiatan["name"])
    row[3:] = efisiensi_cells(_Style(report.template), _indikator_of(report, kegiatan), kegiatan,
                              capaian=Decimal(100))
    tree = half_up(kegiatan_capaian(kegiatan))
    return Expected("LKJ202", kegiatan["name"], "capaian", (100.0, float(tree)))


def inject_program_total(report: Report, rng: random.Random) -> Expected:
    kegiatan = rng.choice([k for k in _active_kegiatan(report) if k["realisasi_anggaran"] > 100_000])
    program = report.truth["programs"][kegiatan["program"]]
    spent = kegiatan["realisasi_anggaran"] - rng.randint(1, kegiatan["realisasi_anggaran"] // 200) * 100
    style = _Style(report.template)
    g1 = _row(find_table(report, "III.G.1"), 1, kegiatan["name"])
    g1[1:] = anggaran_cells(style, kegiatan, spent)
    e1 = _row(find_table(report, "III.E.1"), 3, kegiatan["name"])
    e1[3:] = efisiensi_cells(style, _indikator_of(report, kegiatan), kegiatan,
                             realisasi_anggaran=spent)
    printed = program["realisasi_anggaran"]
    summed = printed - kegiatan["realisasi_anggaran"] + spent
    return Expected("LKJ401", program["name"], "realisasi_anggaran",
                    (float(printed), float(summed)))


def inject_jumlah_total(report: Report, rng: random.Random) -> Expected:
    row = _row(find_table(report, "PK.anggaran"), 1, "JUMLAH")
    correct = sum(p["alokasi"] for p in report.truth["programs"])
    wrong = correct + rng.choice([-1, 1]) * rng.randint(1, 20) * 1_000_000
    row[3] = rupiah(wrong)
    return Expected("LKJ401", "JUMLAH", "pagu", (float(wrong), float(correct)))


def inject_pk_budget(report: Report, rng: random.Random) -> Expected:
    programs = report.truth["programs"]
    program = rng.choice(programs)
    changed = program["alokasi"] + rng.choice([-1, 1]) * rng.randint(1, 50) * 100_000
    table = find_table(report, "PK.anggaran")
    _row(table, 1, program["name"])[3] = rupiah(changed)
    _row(table, 1, "JUMLAH")[3] = rupiah(sum(p["alokasi"] for p in programs)
                                         - program["alokasi"] + changed)
    return Expected("LKJ402", program["name"], "alokasi",
                    (float(program["alokasi"]), float(changed)))


# ---------------------------------------------------------------- damaged copies

FULL_WIDTH = str.maketrans("0123456789%,.", "０１２３４５６７８９％，．")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\ufeff")
_NUMBER = re.compile(r"\d[\d.,]*%?")


def damage_unicode(report: Report, rng: random.Random, share: float = 0.3) -> Report:
    """A copy of `report` whose numbers are printed with odd code points, as text pasted from other
    software arrives: full-width digits and signs (１２３, ％, ，), Arabic-Indic digits, zero-width
    characters inside a number. About `share` of the numbers change; what they say does not."""
    def number(match: re.Match) -> str:
        text = match.group(0)
        if rng.random() >= share:
            return text
        way = rng.choice(("full_width", "arabic_indic", "zero_width"))
        if way == "full_width":
            return text.translate(FULL_WIDTH)
        if way == "arabic_indic":
            return text.translate(ARABIC_INDIC)
        cut = rng.randint(1, len(text)) if len(text) > 1 else 1
        return text[:cut] + rng.choice(ZERO_WIDTH) + text[cut:]

    def damaged(text: str) -> str:
        return _NUMBER.sub(number, text)

    blocks = []
    for block in report.blocks:
        if block.table is None:
            blocks.append(Block(block.kind, damaged(block.text)))
            continue
        t = block.table
        blocks.append(Block("table", table=Table(
            [damaged(x) for x in t.title_lines], [list(r) for r in t.header_rows],
            [damaged(x) for x in t.number_row] if t.number_row else None,
            [[damaged(x) for x in row] for row in t.rows], list(t.split_at), t.key)))
    return Report(report.kecamatan, report.kabupaten, report.tahun, report.template, blocks, report.truth)
