"""Generated LKjIP of other unit types (Dinas Kesehatan, Dinas Pendidikan, RSUD, Bappeda, Kelurahan,
Inspektorat), each laid out its own way: table numbering (`Tabel 3.1`, `Tabel 5`, none), header words
(Rencana, % Capaian, Pagu, Daya Serap …), number formats (decimal point, English thousands, `Rp.` and `,00`,
`n/a`, `belum ada data`, `-`), lower-is-better indikator with the formula stated in the text, indikator
measured per level or per sex, one table per sasaran with a recap of averages, Permendagri 90
Program/Kegiatan/Sub Kegiatan rows with codes, three efficiency formulas, and narrative told in other words.

`generate(seed, layout)` returns a `generator.Report` (so to_markdown and pdf_render print it); the
functions that break its printed facts are in opd_injections.py. Every derived figure is computed half-up
from the same facts, as Excel does.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from generator import Block, Report, Table, decimal_text, half_up

# (name, satuan, lower is better, target range, decimals)
Indikator = tuple[str, str, bool, tuple[float, float], int]

UNITS: dict[str, dict] = {
    "dinkes": {
        "instansi": "Dinas Kesehatan",
        "sasaran": [
            ("Meningkatnya derajat kesehatan masyarakat", [
                ("Angka Kematian Ibu (AKI)", "per 100.000 KH", True, (70, 120), 0),
                ("Angka Kematian Bayi (AKB)", "per 1.000 KH", True, (6, 12), 1),
                ("Prevalensi stunting pada balita", "%", True, (12, 22), 2)]),
            ("Meningkatnya mutu dan akses pelayanan kesehatan", [
                ("Persentase puskesmas terakreditasi", "%", False, (70, 100), 0),
                ("Insiden DBD", "per 100.000 penduduk", True, (20, 60), 1),
                ("Cakupan pelayanan kesehatan ibu hamil (K4)", "%", False, (80, 98), 2)]),
        ],
        "program": ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", [
            ("Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
             ["Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Pengelolaan Pelayanan Kesehatan Balita",
              "Pengelolaan Surveilans Kesehatan"])]),
    },
    "pendidikan": {
        "instansi": "Dinas Pendidikan",
        "sasaran": [
            ("Meningkatnya akses pendidikan dasar", [
                ("Angka Partisipasi Kasar (APK) SD", "%", False, (95, 110), 2),
                ("Angka Partisipasi Kasar (APK) SMP", "%", False, (85, 100), 2),
                ("Angka Putus Sekolah SD", "%", True, (0.5, 2), 2),
                ("Angka Putus Sekolah SMP", "%", True, (0.8, 3), 2)]),
            ("Meningkatnya mutu pendidikan", [
                ("Rata-rata lama sekolah laki-laki", "Tahun", False, (7, 9), 2),
                ("Rata-rata lama sekolah perempuan", "Tahun", False, (6, 9), 2),
                ("Persentase guru SD bersertifikat pendidik", "%", False, (60, 90), 0),
                ("Persentase guru SMP bersertifikat pendidik", "%", False, (60, 90), 0)]),
        ],
        "program": ("1.01.02", "Program Pengelolaan Pendidikan", [
            ("Pengelolaan Pendidikan Sekolah Dasar",
             ["Pembangunan Ruang Kelas Baru", "Rehabilitasi Sedang/Berat Ruang Kelas Sekolah"]),
            ("Pengelolaan Pendidikan Sekolah Menengah Pertama",
             ["Pengadaan Mebel Sekolah", "Penyediaan Biaya Personil Peserta Didik Sekolah Menengah Pertama"])]),
    },
    "rsud": {
        "instansi": "RSUD dr. H. Moh. Anwar",
        "sasaran": [
            ("Meningkatnya mutu pelayanan rumah sakit", [
                ("Waktu tunggu rawat jalan", "Menit", True, (45, 90), 0),
                ("Bed Occupancy Rate (BOR)", "%", False, (60, 80), 2),
                ("Net Death Rate (NDR)", "permil", True, (15, 25), 2),
                ("Gross Death Rate (GDR)", "permil", True, (30, 45), 2)]),
            ("Meningkatnya kepuasan pasien", [
                ("Indeks Kepuasan Masyarakat", "Nilai", False, (76, 88), 2),
                ("Persentase keluhan pasien yang ditangani", "%", False, (85, 100), 0)]),
        ],
        "program": ("1.02.02", "Program Peningkatan Mutu Pelayanan Kesehatan BLUD", [
            ("Pelayanan dan Penunjang Pelayanan BLUD",
             ["Pelayanan dan Penunjang Pelayanan BLUD Rawat Jalan", "Pengadaan Obat dan Bahan Habis Pakai"])]),
    },
    "bappeda": {
        "instansi": "Badan Perencanaan Pembangunan Daerah",
        "sasaran": [
            ("Meningkatnya kualitas perencanaan pembangunan daerah", [
                ("Persentase konsistensi program RPJMD dalam RKPD", "%", False, (80, 100), 2),
                ("Persentase dokumen perencanaan yang ditetapkan tepat waktu", "%", False, (80, 100), 0),
                ("Indeks inovasi daerah", "Indeks", False, (40, 60), 2)]),
            ("Meningkatnya kualitas pengendalian dan evaluasi pembangunan", [
                ("Nilai evaluasi SAKIP perangkat daerah", "Predikat", False, (0, 0), 0),
                ("Persentase rekomendasi hasil evaluasi yang ditindaklanjuti", "%", False, (70, 95), 2)]),
            ("Menurunnya kemiskinan dan pengangguran daerah", [
                ("Persentase penduduk miskin", "%", True, (9, 14), 2),
                ("Tingkat pengangguran terbuka", "%", True, (3, 6), 2)]),
        ],
        "program": ("5.01.02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", [
            ("Penyusunan Perencanaan dan Pendanaan",
             ["Penyusunan Dokumen RKPD", "Koordinasi Penyusunan Dokumen Perencanaan Pembangunan Daerah"]),
            ("Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah",
             ["Evaluasi Hasil Pelaksanaan Rencana Pembangunan Daerah"])]),
    },
    "kelurahan": {
        "instansi": "Kelurahan Bugih",
        "sasaran": [
            ("Meningkatnya kualitas pelayanan administrasi kelurahan", [
                ("Indeks Kepuasan Masyarakat terhadap pelayanan kelurahan", "Nilai", False, (76, 88), 2),
                ("Persentase pelayanan administrasi yang selesai tepat waktu", "%", False, (85, 100), 0)]),
            ("Meningkatnya kualitas lingkungan permukiman", [
                ("Luas wilayah genangan air", "Ha", True, (3, 9), 1),
                ("Persentase rumah tangga dengan akses sanitasi layak", "%", False, (70, 95), 2)]),
        ],
        "program": ("7.01.01", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", [
            ("Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kelurahan",
             ["Pelaksanaan Pelayanan Administrasi Kependudukan", "Pemeliharaan Prasarana Lingkungan Kelurahan"])]),
    },
    "inspektorat": {
        "instansi": "Inspektorat Daerah",
        "sasaran": [
            ("Meningkatnya kualitas pengawasan internal", [
                ("Nilai maturitas SPIP", "Level", False, (3, 4), 2),
                ("Kapabilitas APIP", "Level", False, (2, 3), 0),
                ("Persentase tindak lanjut rekomendasi hasil pemeriksaan BPK", "%", False, (70, 95), 2)]),
            ("Menurunnya penyimpangan pengelolaan keuangan daerah", [
                ("Jumlah temuan berulang hasil pemeriksaan", "Temuan", True, (5, 15), 0),
                ("Persentase OPD dengan nilai SAKIP minimal B", "%", False, (60, 90), 0)]),
        ],
        "program": ("6.01.01", "Program Penyelenggaraan Pengawasan", [
            ("Penyelenggaraan Pengawasan Internal",
             ["Pengawasan Kinerja Pemerintah Daerah", "Reviu Laporan Keuangan Pemerintah Daerah"]),
            ("Penyelenggaraan Pengawasan dengan Tujuan Tertentu", ["Audit Investigasi dan Penanganan Pengaduan"])]),
    },
}
# Every unit's supporting program (Permendagri 90): kegiatan and their sub kegiatan.
PENUNJANG = ("x.xx.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", [
    ("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     ["Penyusunan Dokumen Perencanaan Perangkat Daerah", "Evaluasi Kinerja Perangkat Daerah"]),
    ("Administrasi Keuangan Perangkat Daerah",
     ["Penyediaan Gaji dan Tunjangan ASN", "Penyediaan Administrasi Pelaksanaan Tugas ASN"]),
    ("Administrasi Umum Perangkat Daerah",
     ["Penyediaan Alat Tulis Kantor", "Penyediaan Bahan Logistik Kantor",
      "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"]),
])
KABUPATEN = ["Probolinggo", "Lumajang", "Jember", "Bondowoso", "Banyuwangi", "Pasuruan", "Tuban", "Ngawi"]
GRADES = ["B", "BB", "A"]
MISSING = ("n/a", "belum ada data")


@dataclass(frozen=True)
class Layout:
    """How one layout prints: which unit, numbering, header words, number formats, formulas, narrative."""

    unit: str
    numbering: str  # "3.x" (Tabel 3.1 …), "flat" (Tabel 5 …) or "none"
    point: str  # the decimal mark in table cells
    percent_sign: bool  # capaian cells print "%"
    money: str  # "dots" 1.234.567 | "english" 1,234,567 | "rp00" Rp. 1.234.567,00
    capaian_header: tuple[str, str, str]
    budget_header: tuple[str, str, str, str]  # name column, pagu, realisasi, penyerapan
    lower_formula: str  # "2T-R" | "T/R"
    codes: bool  # Permendagri 90 codes and sub kegiatan rows; else I / I.1 numbering
    efisiensi: str | None  # "capaian - penyerapan" | "sisa" | "score" | None
    per_sasaran: bool = False  # one table per sasaran and a recap of their averages
    pk: bool = True  # a Perjanjian Kinerja target table


LAYOUTS: dict[str, Layout] = {
    "dinkes": Layout("dinkes", "3.x", ",", False, "dots", ("Target", "Realisasi", "Capaian (%)"),
                     ("Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Daya Serap (%)"),
                     "2T-R", True, "capaian - penyerapan"),
    "pendidikan": Layout("pendidikan", "flat", ".", False, "english", ("Rencana", "Realisasi", "% Capaian"),
                         ("Program/Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "%"), "2T-R", False, None),
    "rsud": Layout("rsud", "none", ",", True, "rp00", ("Target", "Realisasi", "Persentase Capaian"),
                   ("Program/Kegiatan/Sub Kegiatan", "Alokasi", "Realisasi Anggaran", "Penyerapan (%)"),
                   "T/R", True, None, pk=False),
    "bappeda": Layout("bappeda", "3.x", ",", False, "dots", ("Target", "Realisasi", "Capaian (%)"),
                      ("Program/Kegiatan/Sub Kegiatan", "Pagu", "Realisasi", "Capaian Realisasi Anggaran (%)"),
                      "T/R", True, None, per_sasaran=True),
    "kelurahan": Layout("kelurahan", "flat", ",", False, "rp00", ("Target", "Capaian Realisasi", "%"),
                        ("Program/Kegiatan/Sub Kegiatan", "DPA (Rp)", "Realisasi (Rp)", "Daya Serap"),
                        "2T-R", True, "sisa"),
    "inspektorat": Layout("inspektorat", "3.x", ".", True, "english", ("Target", "Realisasi", "Tingkat Capaian"),
                          ("Program/Kegiatan", "Pagu Anggaran", "Realisasi", "Penyerapan (%)"), "2T-R", False,
                          "score"),
}
LOWER_FORMULA_TEXT = {
    "2T-R": "Capaian = (2 × target − realisasi) / target × 100%",
    "T/R": "Capaian = target / realisasi × 100%",
}


# ---------------------------------------------------------------- numbers as each layout prints them

def capaian_of(i: dict, formula: str) -> Decimal | None:
    if i["kind"] != "number":
        return None
    t, r = i["target"], i["realisasi"]
    if not i["lower"]:
        return r / t * 100
    return (2 * t - r) / t * 100 if formula == "2T-R" else t / r * 100


def figure(value: Decimal, places: int, point: str) -> str:
    return decimal_text(value, places, point)


def money(amount: int, style: str) -> str:
    if style == "english":
        return f"{amount:,}"
    dotted = f"{amount:,}".replace(",", ".")
    return f"Rp. {dotted},00" if style == "rp00" else dotted


def percent_text(value: Decimal, layout: Layout, places: int = 2) -> str:
    return figure(value, places, layout.point) + ("%" if layout.percent_sign else "")


def spoken(value: Decimal, places: int) -> str:
    """A figure as the narrative writes it: decimal comma, no trailing zeros beyond the printed places."""
    return decimal_text(value, places)


# ---------------------------------------------------------------- the facts

def _indikator(rng: random.Random, entry: Indikator) -> dict:
    name, satuan, lower, (low, high), places = entry
    if satuan == "Predikat":
        target = rng.choice(GRADES[:2])
        return {"name": name, "satuan": satuan, "lower": False, "kind": "grade", "target": target,
                "realisasi": rng.choice(GRADES), "places": 0}
    step = Decimal(1).scaleb(-places)
    target = half_up(Decimal(str(rng.uniform(low, high))), places)
    target = max(target, step)
    kind = "missing" if rng.random() < 0.12 else "number"
    moved = Decimal(str(rng.uniform(-0.15, 0.12))) * target
    realisasi = max(step, half_up(target + (-moved if lower else moved), places))
    previous = max(step, half_up(realisasi * Decimal(str(rng.uniform(0.9, 1.1))), places))
    return {"name": name, "satuan": satuan, "lower": lower, "kind": kind, "target": target,
            "realisasi": realisasi if kind == "number" else rng.choice(MISSING), "previous": previous,
            "places": places}


def _budget(rng: random.Random) -> tuple[int, int]:
    """Alokasi and realisasi anggaran, multiples of 100; 82-100% absorbed (the score formula needs E ≤ 20)."""
    alokasi = rng.randint(50_000, 2_000_000) * 100
    share = 1 if rng.random() < 0.25 else rng.uniform(0.82, 0.995)
    return alokasi, int(alokasi * share) // 100 * 100


def _programs(rng: random.Random, unit: dict) -> list[dict]:
    programs = []
    for number, (code, name, kegiatan) in enumerate([PENUNJANG, unit["program"]], start=1):
        code = code.replace("x.xx", unit["program"][0][:4])
        rows = []
        for k_number, (k_name, subs) in enumerate(kegiatan, start=1):
            k_code = f"{code}.2.{k_number:02d}"
            chosen = subs if len(subs) <= 2 else rng.sample(subs, rng.randint(2, len(subs)))
            sub_rows = []
            for s_number, s_name in enumerate(chosen, start=1):
                alokasi, spent = _budget(rng)
                sub_rows.append({"code": f"{k_code}.{s_number:02d}", "name": s_name, "alokasi": alokasi,
                                 "realisasi_anggaran": spent})
            rows.append({"code": k_code, "name": k_name, "sub": sub_rows,
                         "alokasi": sum(s["alokasi"] for s in sub_rows),
                         "realisasi_anggaran": sum(s["realisasi_anggaran"] for s in sub_rows)})
        programs.append({"code": code, "number": "I" * number if number < 4 else str(number), "name": name,
                         "kegiatan": rows, "alokasi": sum(k["alokasi"] for k in rows),
                         "realisasi_anggaran": sum(k["realisasi_anggaran"] for k in rows),
                         "capaian": half_up(Decimal(str(rng.uniform(88, 108))), 2)})
    return programs


def _facts(rng: random.Random, layout: Layout) -> dict:
    unit = UNITS[layout.unit]
    sasaran = []
    for number, (name, entries) in enumerate(unit["sasaran"], start=1):
        sasaran.append({"no": number, "name": name, "indikator": [_indikator(rng, e) for e in entries]})
    # at least one lower-is-better indikator with a figure, when the unit has such indikator
    lower = [i for s in sasaran for i in s["indikator"] if i["lower"]]
    if lower and all(i["kind"] != "number" for i in lower):
        lower[0].update(kind="number", realisasi=lower[0]["previous"])
    return {"unit": layout.unit, "instansi": unit["instansi"], "kabupaten": rng.choice(KABUPATEN),
            "tahun": rng.randint(2021, 2024), "sasaran": sasaran, "programs": _programs(rng, unit)}


# ---------------------------------------------------------------- rendering

class _Writer:
    def __init__(self, facts: dict, layout: Layout, rng: random.Random):
        self.facts, self.layout, self.rng = facts, layout, rng
        self.blocks: list[Block] = []
        self.numbered = 0

    def paragraph(self, text: str, kind: str = "paragraph") -> None:
        self.blocks.append(Block(kind, text))

    def table(self, key: str, caption: str, header: list[list[str]], rows: list[list[str]], chapter: int = 3) -> None:
        self.numbered += 1
        numbering = self.layout.numbering
        title = ([f"Tabel {chapter}.{self.numbered} {caption}"] if numbering == "3.x"
                 else [f"Tabel {self.numbered + 2} {caption}"] if numbering == "flat" else [caption])
        breaks = [at for at in range(self.rng.randint(6, 10), len(rows) - 1, 9)]
        self.blocks.append(Block("table", table=Table(title, header, None, rows, breaks, key)))


def generate(seed: int, layout: str) -> Report:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {sorted(LAYOUTS)}")
    spec = LAYOUTS[layout]
    rng = random.Random(seed)
    facts = _facts(rng, spec)
    w = _Writer(facts, spec, rng)
    kab, t = facts["kabupaten"], facts["tahun"]
    w.paragraph(f"**LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) {facts['instansi'].upper()} TAHUN {t}**")
    w.paragraph(f"PEMERINTAH KABUPATEN {kab.upper()}")
    _pendahuluan(w)
    w.paragraph("BAB II PERENCANAAN KINERJA", "heading")
    if spec.pk:
        _pk(w)
    w.paragraph("BAB III AKUNTABILITAS KINERJA", "heading")
    lowers = [i for s in facts["sasaran"] for i in s["indikator"] if i["lower"]]
    if lowers:
        w.paragraph(f"Untuk indikator yang semakin kecil semakin baik (indikator negatif), capaian kinerja "
                    f"dihitung dengan rumus {LOWER_FORMULA_TEXT[spec.lower_formula]}.")
    if spec.per_sasaran:
        for s in facts["sasaran"]:
            _capaian_table(w, [s], f"Capaian Kinerja Sasaran {s['no']}: {s['name']}")
            _narrative(w, s)
        _recap(w)
    else:
        _capaian_table(w, facts["sasaran"], f"Pengukuran Kinerja Sasaran Strategis Tahun {t}")
        for s in facts["sasaran"]:
            _narrative(w, s)
    _budget_table(w)
    if spec.efisiensi:
        _efisiensi(w)
    _closing(w)
    return Report(facts["instansi"], kab, t, layout, w.blocks, facts)


DASAR_HUKUM = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri PAN dan RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
    "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur "
    "Perencanaan Pembangunan dan Keuangan Daerah",
    "Peraturan Daerah tentang Rencana Pembangunan Jangka Menengah Daerah",
    "Peraturan Bupati tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Perangkat Daerah",
]


def _pendahuluan(w: _Writer) -> None:
    """The opening chapter every LKjIP has: background, legal basis, the unit's tasks and the report's outline."""
    f = w.facts
    instansi = f["instansi"]
    w.paragraph("KATA PENGANTAR", "heading")
    w.paragraph(f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, atas rahmat-Nya Laporan Kinerja "
                f"Instansi Pemerintah (LKjIP) {instansi} Kabupaten {f['kabupaten']} Tahun {f['tahun']} dapat "
                f"diselesaikan. Laporan ini merupakan wujud pertanggungjawaban atas pelaksanaan tugas pokok dan "
                f"fungsi serta pencapaian sasaran strategis yang telah ditetapkan dalam Perjanjian Kinerja.")
    w.paragraph("BAB I PENDAHULUAN", "heading")
    w.paragraph("A. Latar Belakang")
    w.paragraph(f"Sistem Akuntabilitas Kinerja Instansi Pemerintah mewajibkan setiap perangkat daerah menyusun "
                f"laporan kinerja sebagai bentuk pertanggungjawaban pelaksanaan tugas dan fungsi. {instansi} "
                f"menyusun laporan ini untuk menyajikan capaian kinerja sasaran strategis, realisasi anggaran "
                f"serta efisiensi penggunaan sumber daya selama Tahun Anggaran {f['tahun']}, sebagai bahan "
                f"evaluasi dan perbaikan perencanaan pada tahun berikutnya.")
    w.paragraph("B. Dasar Hukum")
    for n, rule in enumerate(DASAR_HUKUM, start=1):
        w.paragraph(f"{n}. {rule};", "list_item")
    w.paragraph("C. Tugas Pokok dan Fungsi")
    w.paragraph(f"{instansi} mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan yang menjadi "
                f"kewenangan daerah sesuai bidangnya, meliputi perumusan kebijakan teknis, pelaksanaan "
                f"kebijakan, pemantauan, evaluasi dan pelaporan, serta pelaksanaan administrasi perangkat daerah.")
    w.paragraph("D. Isu Strategis")
    w.paragraph("Isu strategis yang dihadapi antara lain keterbatasan sumber daya manusia, ketersediaan data "
                "kinerja yang mutakhir, koordinasi lintas sektor yang belum optimal, serta kebutuhan peningkatan "
                "kualitas layanan kepada masyarakat seiring tuntutan transparansi dan akuntabilitas.")
    w.paragraph("E. Sistematika Penyajian")
    w.paragraph("Bab I Pendahuluan; Bab II Perencanaan Kinerja; Bab III Akuntabilitas Kinerja, yang memuat "
                "capaian kinerja organisasi, realisasi anggaran dan analisis efisiensi; Bab IV Penutup.")


def _pk(w: _Writer) -> None:
    rows = []
    for s in w.facts["sasaran"]:
        for position, i in enumerate(s["indikator"]):
            rows.append([str(s["no"]) if position == 0 else "", s["name"] if position == 0 else "", i["name"],
                         i["satuan"], _target_cell(w.layout, i)])
    w.table("PK", f"Perjanjian Kinerja Tahun {w.facts['tahun']}",
            [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"]], rows, chapter=2)


def _target_cell(layout: Layout, i: dict) -> str:
    return i["target"] if i["kind"] == "grade" else figure(i["target"], i["places"], layout.point)


def capaian_cells(layout: Layout, i: dict, capaian: Decimal | None = None) -> list[str]:
    """TARGET | REALISASI | CAPAIAN of one indikator row; `capaian` overrides the computed one."""
    if i["kind"] == "grade":
        return [i["target"], i["realisasi"], "-"]
    if i["kind"] == "missing":
        return [_target_cell(layout, i), i["realisasi"], "-"]
    capaian = capaian_of(i, layout.lower_formula) if capaian is None else capaian
    return [_target_cell(layout, i), figure(i["realisasi"], i["places"], layout.point), percent_text(capaian, layout)]


def _capaian_table(w: _Writer, sasaran: list[dict], caption: str) -> None:
    layout, rows = w.layout, []
    one = len(sasaran) == 1
    for s in sasaran:
        for position, i in enumerate(s["indikator"], start=1):
            lead = [str(position), i["name"]] if one else [
                str(s["no"]) if position == 1 else "", s["name"] if position == 1 else "", i["name"]]
            rows.append([*lead, i["satuan"], *capaian_cells(layout, i)])
    lead = ["No", "Indikator Kinerja"] if one else ["No", "Sasaran Strategis", "Indikator Kinerja"]
    w.table("capaian" if not one else f"capaian.{sasaran[0]['no']}", caption,
            [[*lead, "Satuan", *layout.capaian_header]], rows)


def _unit_words(i: dict) -> str:
    return "%" if i["satuan"] == "%" else ""


def sentence(i: dict, layout: Layout, realisasi: Decimal | None = None, capaian: Decimal | None = None) -> str:
    """One indikator told in the phrasing the report chose for it (`i["way"]`); `realisasi` and `capaian`
    override the figures it states."""
    name, places, way = i["name"], i["places"], i["way"]
    if i["kind"] == "grade":
        return f"Indikator {name} dengan target {i['target']} memperoleh predikat {i['realisasi']}."
    if i["kind"] == "missing":
        return f"Indikator {name} belum dapat diukur karena data realisasi tahun ini belum tersedia."
    u = _unit_words(i)
    t = spoken(i["target"], places)
    r = spoken(i["realisasi"] if realisasi is None else realisasi, places)
    c = spoken(capaian_of(i, layout.lower_formula) if capaian is None else capaian, 2)
    note = " (semakin kecil semakin baik)" if i["lower"] else ""
    if way == 0:
        return f"Indikator {name}{note} realisasi sebesar {r}{u} dari target {t}{u} (capaian {c}%)."
    if way == 1:
        spoken_unit = " persen" if u else ""
        return (f"Pada indikator {name}{note}, target yang ditetapkan {t}{spoken_unit} dapat direalisasikan "
                f"{r}{spoken_unit}, sehingga capaian kinerja indikator ini mencapai {c}%.")
    if way == 2:
        change = "penurunan" if i["realisasi"] < i["previous"] else "peningkatan"
        return (f"Indikator {name}{note} mengalami {change} dari {spoken(i['previous'], places)}{u} pada tahun "
                f"sebelumnya menjadi {r}{u}. Capaian kinerja indikator ini mencapai {c}%.")
    return f"Dengan indikator {name}, dan target {t}{u}, terealisasi {r}{u}, atau tercapai {c}%."


def _narrative(w: _Writer, s: dict) -> None:
    w.paragraph(f"Sasaran {s['no']}: {s['name']}")
    for i in s["indikator"]:
        i["way"] = w.rng.randrange(4)
        w.paragraph(sentence(i, w.layout))


def sasaran_average(s: dict, formula: str, printed: dict | None = None) -> tuple[Decimal, int] | None:
    """The mean of a sasaran's printed capaian (2 places, as printed) and how many went in; None if none.
    `printed` maps an indikator name to the capaian its table prints instead of the computed one."""
    printed = printed or {}
    shown = [printed.get(i["name"], half_up(c, 2)) for i, c in ((i, capaian_of(i, formula)) for i in s["indikator"])
             if c is not None]
    return (sum(shown) / len(shown), len(shown)) if shown else None


def recap_rows(layout: Layout, sasaran: list[dict], printed: dict | None = None) -> list[list[str]]:
    rows = []
    for s in sasaran:
        average = sasaran_average(s, layout.lower_formula, printed)
        rows.append([str(s["no"]), s["name"], percent_text(average[0], layout) if average else "-"])
    return rows


def _recap(w: _Writer) -> None:
    w.paragraph("Rekapitulasi rata-rata capaian sasaran strategis disajikan pada tabel berikut :")
    w.table("recap", "Rata-rata Capaian Sasaran Strategis", [["No", "Sasaran Strategis", "Rata-rata Capaian (%)"]],
            recap_rows(w.layout, w.facts["sasaran"]))


def budget_rows(w_layout: Layout, programs: list[dict], override: dict | None = None) -> list[list[str]]:
    """Program, kegiatan (and sub kegiatan) rows with their Rupiah and penyerapan, then the total row;
    `override` maps a row name to a realisasi anggaran printed instead of the fact."""
    override = override or {}
    rows = []

    def line(number: str, item: dict) -> list[str]:
        spent = override.get(item["name"], item["realisasi_anggaran"])
        return [number, item["name"], money(item["alokasi"], w_layout.money), money(spent, w_layout.money),
                figure(Decimal(spent) * 100 / item["alokasi"], 2, w_layout.point)]

    for p in programs:
        rows.append(line(p["code"] if w_layout.codes else p["number"], p))
        for k_number, k in enumerate(p["kegiatan"], start=1):
            rows.append(line(k["code"] if w_layout.codes else f"{p['number']}.{k_number}", k))
            if w_layout.codes:
                rows += [line(s["code"], s) for s in k["sub"]]
    alokasi = sum(p["alokasi"] for p in programs)
    spent = sum(override.get(p["name"], p["realisasi_anggaran"]) for p in programs)
    rows.append(["", "Jumlah", money(alokasi, w_layout.money), money(spent, w_layout.money),
                 figure(Decimal(spent) * 100 / alokasi, 2, w_layout.point)])
    return rows


def _budget_table(w: _Writer) -> None:
    layout = w.layout
    name, pagu, realisasi, serap = layout.budget_header
    w.paragraph(f"Realisasi anggaran Tahun {w.facts['tahun']} per program dan kegiatan adalah sebagai berikut :")
    w.table("anggaran", f"Realisasi Anggaran Tahun {w.facts['tahun']}",
            [["Kode" if layout.codes else "No", name, pagu, realisasi, serap]], budget_rows(layout, w.facts["programs"]))


def efisiensi_value(layout: Layout, capaian: Decimal, penyerapan: Decimal) -> Decimal:
    if layout.efisiensi == "capaian - penyerapan":
        return capaian - penyerapan
    sisa = 100 - penyerapan
    return sisa if layout.efisiensi == "sisa" else 50 + sisa / 20 * 50


EFISIENSI_TEXT = {
    "capaian - penyerapan": "Tingkat efisiensi dihitung sebagai selisih capaian kinerja dengan persentase "
                            "penyerapan anggaran (efisiensi = capaian − penyerapan).",
    "sisa": "Tingkat efisiensi dihitung dari sisa anggaran, yaitu efisiensi = (1 − realisasi anggaran / "
            "anggaran) × 100%.",
    "score": "Nilai efisiensi dihitung dengan rumus 50% + (E/20 × 50%), dengan E = (1 − realisasi anggaran / "
             "pagu anggaran) × 100%.",
}


def efisiensi_rows(layout: Layout, programs: list[dict], printed: dict | None = None) -> list[list[str]]:
    printed = printed or {}
    rows = []
    for n, p in enumerate(programs, start=1):
        absorbed = Decimal(p["realisasi_anggaran"]) * 100 / p["alokasi"]
        value = printed.get(p["name"], efisiensi_value(layout, p["capaian"], absorbed))
        rows.append([str(n), p["name"], figure(p["capaian"], 2, layout.point), money(p["alokasi"], layout.money),
                     money(p["realisasi_anggaran"], layout.money), figure(absorbed, 2, layout.point),
                     figure(value, 2, layout.point)])
    return rows


def _efisiensi(w: _Writer) -> None:
    layout = w.layout
    w.paragraph(EFISIENSI_TEXT[layout.efisiensi])
    last = "Nilai Efisiensi (%)" if layout.efisiensi == "score" else "Tingkat Efisiensi (%)"
    w.table("efisiensi", "Analisis Efisiensi Penggunaan Sumber Daya",
            [["No", "Program", "Capaian Kinerja (%)", layout.budget_header[1], layout.budget_header[2],
              "Penyerapan (%)", last]], efisiensi_rows(layout, w.facts["programs"]))


def _closing(w: _Writer) -> None:
    programs = w.facts["programs"]
    alokasi = sum(p["alokasi"] for p in programs)
    spent = sum(p["realisasi_anggaran"] for p in programs)
    w.paragraph("BAB IV PENUTUP", "heading")
    w.paragraph(closing_text(alokasi, spent))


def closing_text(alokasi: int, spent: int) -> str:
    return (f"Dari pagu anggaran sebesar Rp.{money(alokasi, 'dots')},- realisasi anggaran sebesar "
            f"Rp.{money(spent, 'dots')},- atau penyerapan anggaran sebesar "
            f"{decimal_text(Decimal(spent) * 100 / alokasi, 2)}%.")
