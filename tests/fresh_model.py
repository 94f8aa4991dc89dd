"""The model of a fresh report (tests/fresh_reports.py): the unit, its sasaran, programs and kegiatan with
every figure computed here, and how this report prints numbers."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

KECAMATAN = ["Gapura", "Batuputih", "Dasuk", "Lenteng", "Bluto", "Saronggi", "Giligenting", "Talango",
             "Kalianget", "Manding", "Ganding", "Guluk-Guluk", "Pragaan", "Ambunten", "Rubaru"]
DINAS = ["Dinas Perpustakaan dan Kearsipan", "Dinas Kependudukan dan Pencatatan Sipil",
         "Dinas Koperasi dan Usaha Mikro", "Dinas Pemuda dan Olahraga"]
KABUPATEN = ["Sumenep", "Pamekasan", "Bangkalan", "Sampang", "Probolinggo", "Situbondo"]

# (indikator sasaran, strategy wording): all "higher is better" percentages, as most kecamatan use.
INDIKATOR_SASARAN = [
    "Persentase pengaduan masyarakat yang ditindaklanjuti",
    "Persentase desa dengan laporan keuangan tepat waktu",
    "Persentase layanan administrasi terpadu yang selesai sesuai standar",
    "Persentase usulan musyawarah perencanaan yang diakomodasi",
    "Persentase kasus ketertiban umum yang tertangani",
    "Persentase arsip dinamis yang tertata sesuai kaidah",
    "Persentase dokumen kependudukan yang terbit tepat waktu",
    "Persentase koperasi aktif yang sehat",
]
SASARAN = [
    "Meningkatnya kualitas pelayanan publik", "Meningkatnya tertib administrasi pemerintahan desa",
    "Meningkatnya partisipasi masyarakat dalam pembangunan", "Terwujudnya ketentraman dan ketertiban umum",
    "Meningkatnya akuntabilitas kinerja perangkat daerah", "Meningkatnya kualitas tata kelola arsip",
]
PROGRAMS = [
    ("Program Pelayanan Administrasi Perkantoran", "Persentase layanan administrasi perkantoran terpenuhi"),
    ("Program Peningkatan Sarana dan Prasarana Aparatur", "Persentase sarana prasarana dalam kondisi baik"),
    ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "Persentase layanan publik sesuai standar"),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", "Persentase lembaga kemasyarakatan yang aktif"),
    ("Program Koordinasi Ketentraman dan Ketertiban Umum", "Persentase gangguan ketertiban yang tertangani"),
]
KEGIATAN = [
    ("Penyediaan alat tulis kantor", "Jumlah paket alat tulis kantor yang disediakan", "Paket"),
    ("Penyediaan jasa surat menyurat", "Jumlah surat yang diadministrasikan", "Surat"),
    ("Penyediaan makanan dan minuman rapat", "Jumlah rapat yang difasilitasi konsumsi", "Kali"),
    ("Pemeliharaan rutin kendaraan dinas", "Jumlah kendaraan dinas yang dipelihara", "Unit"),
    ("Pemeliharaan gedung kantor", "Jumlah gedung kantor yang dipelihara", "Gedung"),
    ("Pengadaan perlengkapan kantor", "Jumlah perlengkapan kantor yang diadakan", "Buah"),
    ("Fasilitasi musyawarah perencanaan pembangunan", "Jumlah forum musyawarah yang difasilitasi", "Forum"),
    ("Pembinaan administrasi pemerintahan desa", "Jumlah desa yang dibina", "Desa"),
    ("Monitoring penyaluran dana desa", "Jumlah laporan monitoring yang disusun", "Laporan"),
    ("Koordinasi forum pimpinan kecamatan", "Jumlah rapat koordinasi yang dilaksanakan", "Rapat"),
    ("Pembinaan lembaga kemasyarakatan desa", "Jumlah lembaga yang dibina", "Lembaga"),
    ("Penertiban pedagang kaki lima", "Jumlah operasi penertiban yang dilaksanakan", "Operasi"),
    ("Sosialisasi peraturan daerah", "Jumlah peserta sosialisasi", "Orang"),
    ("Penyusunan dokumen perencanaan dan pelaporan", "Jumlah dokumen yang disusun", "Dokumen"),
]
GOLONGAN = ["IV/b", "IV/a", "III/d", "III/c", "III/b", "III/a", "II/d", "II/c", "II/b", "II/a", "I/d"]
PENDIDIKAN = ["S2", "S1", "D3", "SLTA", "SLTP"]

SATUAN = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]


def terbilang(n: int) -> str:
    """Indonesian number words (for the figures a report writes as "17 (tujuh belas)")."""
    if n < 12:
        return SATUAN[n] if n else "nol"
    if n < 20:
        return f"{SATUAN[n - 10]} belas"
    if n < 100:
        return " ".join(w for w in (f"{SATUAN[n // 10]} puluh", SATUAN[n % 10]) if w)
    if n < 200:
        return " ".join(w for w in ("seratus", terbilang(n - 100) if n > 100 else "") if w)
    if n < 1000:
        return " ".join(w for w in (f"{SATUAN[n // 100]} ratus", terbilang(n % 100) if n % 100 else "") if w)
    if n < 2000:
        return " ".join(w for w in ("seribu", terbilang(n - 1000) if n > 1000 else "") if w)
    if n < 1_000_000:
        return " ".join(w for w in (f"{terbilang(n // 1000)} ribu", terbilang(n % 1000) if n % 1000 else "") if w)
    return " ".join(w for w in (f"{terbilang(n // 1_000_000)} juta",
                                terbilang(n % 1_000_000) if n % 1_000_000 else "") if w)


def ratio(part: int, whole: int) -> Decimal:
    """part ÷ whole × 100 exactly (a spreadsheet shows 123 ÷ 120 as 102,5, not 102,4999…)."""
    return Decimal(part) / Decimal(whole) * 100


def rounded(value, places: int) -> Decimal:
    """Excel's half-up rounding (away from zero)."""
    return Decimal(value if isinstance(value, (int, Decimal)) else repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class Style:
    comma: bool            # decimal comma (95,97) vs point (95.97)
    places: int            # decimals printed for computed percentages
    pct_space: bool        # "84 %" vs "84%"
    rp: str                # "dots", "rp_dots", "rp_dots_00", "rp_dash", "plain"
    pct_in_cells: bool     # "%" in table cells, or only in the header

    def num(self, value: float, places: int | None = None) -> str:
        places = self.places if places is None else places
        text = str(rounded(value, places))
        if places and self.comma:
            text = text.replace(".", ",")
        return text

    def pct(self, value: float, places: int | None = None) -> str:
        return self.num(value, places) + (" %" if self.pct_space else "%")

    def cell_pct(self, value: float, places: int | None = None) -> str:
        return self.pct(value, places) if self.pct_in_cells else self.num(value, places)

    def count(self, value: int) -> str:
        """A count as printed: 1.200 (or 1,200 where the decimal mark is a point)."""
        return f"{value:,}".replace(",", "." if self.comma else ",")

    def money(self, value: int, sentence: bool = False) -> str:
        sep = "." if self.comma else ","
        grouped = f"{value:,}".replace(",", sep)
        if self.rp == "plain" and not sentence:
            return str(value)
        if self.rp == "rp_dots" or sentence:
            return f"Rp {grouped}" if self.rp != "rp_dash" else f"Rp.{grouped},-"
        if self.rp == "rp_dots_00":
            return f"Rp {grouped}{',00' if self.comma else '.00'}"
        if self.rp == "rp_dash":
            return f"Rp.{grouped},-"
        return grouped


@dataclass
class Kegiatan:
    name: str
    indikator: str
    unit: str
    target: int
    realisasi: int
    pagu: int
    spent: int

    @property
    def capaian(self) -> Decimal:
        return ratio(self.realisasi, self.target)

    @property
    def serapan(self) -> Decimal:
        return ratio(self.spent, self.pagu)


@dataclass
class Program:
    name: str
    indikator: str
    target: int          # percent
    realisasi: int
    kegiatan: list[Kegiatan]
    pagu_before: int = 0  # PK before the PAK revision

    @property
    def pagu(self) -> int:
        return sum(k.pagu for k in self.kegiatan)

    @property
    def spent(self) -> int:
        return sum(k.spent for k in self.kegiatan)


@dataclass
class Indikator:
    name: str
    target: int
    realisasi: int
    history: tuple[int, int]
    renstra_end: int
    programs: list[Program]
    unit: str = "%"
    lower: bool = False  # lower is better: capaian = (2 × target − realisasi) ÷ target × 100

    def achieved(self, realisasi: int, target: int) -> Decimal:
        return ratio(2 * target - realisasi, target) if self.lower else ratio(realisasi, target)

    @property
    def capaian(self) -> Decimal:
        return self.achieved(self.realisasi, self.target)


@dataclass
class Sasaran:
    name: str
    indikator: list[Indikator]


@dataclass
class Report:
    seed: int
    unit: str
    kabupaten: str
    year: int
    kind: str                     # kecamatan / dinas
    style: Style
    tujuan: str
    tujuan_indikator: str
    tujuan_target: int
    tujuan_realisasi: int
    sasaran: list[Sasaran]
    programs: list[Program]
    staff: dict[str, dict[str, int]]
    options: dict = field(default_factory=dict)
    markdown: str = ""
    injected: tuple[str, str] | None = None

    @property
    def kegiatan(self) -> list[Kegiatan]:
        return [k for p in self.programs for k in p.kegiatan]

    @property
    def pagu(self) -> int:
        return sum(p.pagu for p in self.programs)

    @property
    def spent(self) -> int:
        return sum(p.spent for p in self.programs)


def build(seed: int) -> Report:
    rng = random.Random(seed)
    kind = "dinas" if rng.random() < 0.3 else "kecamatan"
    unit = rng.choice(DINAS) if kind == "dinas" else f"Kecamatan {rng.choice(KECAMATAN)}"
    style = Style(comma=rng.random() < 0.75, places=rng.choice([0, 2]), pct_space=rng.random() < 0.3,
                  rp=rng.choice(["dots", "rp_dots", "rp_dots_00", "rp_dash", "plain"]),
                  pct_in_cells=rng.random() < 0.6)
    programs = []
    kegiatan_pool = rng.sample(KEGIATAN, len(KEGIATAN))
    for name, indikator in rng.sample(PROGRAMS, rng.randint(2, 4)):
        kegs = []
        for _ in range(rng.randint(2, 4)):
            if not kegiatan_pool:
                break
            kname, kind_ind, unit_word = kegiatan_pool.pop()
            target = rng.choice([2, 4, 6, 9, 12, 24, 36, 50, 120, 500])
            realisasi = target if rng.random() < 0.6 else max(1, round(target * rng.uniform(0.55, 1.2)))
            pagu = rng.randint(30, 900) * 100_000 + rng.choice([0, 0, 50_000, 12_500])
            spent = pagu if rng.random() < 0.35 else round(pagu * rng.uniform(0.6, 0.995) / 100) * 100
            kegs.append(Kegiatan(kname, kind_ind, unit_word, target, realisasi, pagu, spent))
        if not kegs:
            break
        target = 100
        programs.append(Program(name, indikator, target, rng.choice([100, 100, 95, 90]), kegs))
    for p in programs:
        p.pagu_before = p.pagu - rng.choice([0, 2_500_000, -1_750_000])
    sasaran = []
    indikator_pool = rng.sample(INDIKATOR_SASARAN, len(INDIKATOR_SASARAN))
    names = rng.sample(SASARAN, min(len(programs), rng.randint(2, 3)))
    for i, sname in enumerate(names):
        inds = []
        for _ in range(rng.choice([1, 1, 2])):
            target = rng.choice([60, 70, 75, 80, 85, 90, 100])
            realisasi = target if rng.random() < 0.5 else min(100, round(target * rng.uniform(0.7, 1.15)))
            history = (max(1, realisasi - rng.randint(0, 10)), max(1, realisasi - rng.randint(0, 5)))
            inds.append(Indikator(indikator_pool.pop(), target, realisasi, history,
                                  rng.choice([target, target + 5, 100]), []))
        sasaran.append(Sasaran(sname, inds))
    # each program supports exactly one sasaran indikator (round robin), as a cascade does
    all_inds = [ind for s in sasaran for ind in s.indikator]
    for i, p in enumerate(programs):
        all_inds[i % len(all_inds)].programs.append(p)
    staff = {g: {e: 0 for e in PENDIDIKAN} for g in GOLONGAN}
    for _ in range(rng.randint(9, 30)):
        g = rng.choice(GOLONGAN)
        e = rng.choice(["S2", "S1", "S1"] if g.startswith(("IV", "III")) else ["D3", "SLTA", "SLTA", "SLTP"])
        staff[g][e] += 1
    tujuan_target = rng.choice([75, 80, 85])
    report = Report(seed, unit, rng.choice(KABUPATEN), rng.choice([2019, 2020, 2021, 2022, 2023]), kind, style,
                    "Meningkatnya tata kelola pemerintahan yang baik dan akuntabel",
                    "Nilai Indeks Kepuasan Masyarakat", tujuan_target, tujuan_target + rng.choice([0, 1, 3]),
                    sasaran, programs, staff)
    report.options = {
        "renstra": rng.random() < 0.5, "efisiensi": rng.random() < 0.7, "history": rng.random() < 0.6,
        "renstra_end": rng.random() < 0.5, "pk_perubahan": rng.random() < 0.5, "cap100": rng.random() < 0.3,
        "split": rng.choice([0, 0, 5, 8]), "combined": rng.random() < 0.35, "order": rng.choice(["TRC", "TRC", "RTC"]),
        "hierarchy": rng.random() < 0.6, "codes": kind == "dinas" or rng.random() < 0.2,
        "numbered_tables": rng.choice(["roman", "arabic", "none"]), "eselon": rng.random() < 0.5,
        "wording": rng.randint(0, 4), "kegiatan_wording": rng.randint(0, 3), "closing": rng.randint(0, 2),
        "staff_wording": rng.randint(0, 2), "program_wording": rng.randint(0, 2), "program_budget": rng.random() < 0.4,
        "renstra_year": rng.random() < 0.5,
    }
    # habits added later draw from their own generator, so that the reports above keep their layout
    extra = random.Random(seed * 31 + 7)
    if extra.random() < 0.5:  # a count in the thousands: 1.200 Surat
        big = max(report.kegiatan, key=lambda k: k.target)
        big.target, big.realisasi = big.target * 10, big.realisasi * 10
    report.options.update(average=extra.random() < 0.4, rp_words=extra.random() < 0.4,
                          sub_kegiatan=extra.random() < 0.3 and kind == "dinas")
    if extra.random() < 0.35:  # a lower-is-better indikator, counted in cases, the report stating its formula
        target = extra.choice([12, 20, 25, 40])
        realisasi = target + extra.choice([-3, -1, 0, 0, 2])
        report.sasaran[0].indikator.append(Indikator(
            "Jumlah kasus pelanggaran ketertiban umum", target, realisasi, (realisasi + 4, realisasi + 2),
            target - 2, [], unit="Kasus", lower=True))
    return report
