"""A fresh report's markdown: the chapters of an LKjIP in the wording, column order, table splitting and
optional sections its model drew (tests/fresh_reports.py)."""
from __future__ import annotations

import random
from decimal import Decimal

from fresh_model import PENDIDIKAN, Indikator, Kegiatan, Report, ratio, terbilang


def md_table(header: list[list[str]], rows: list[list[str]], split: int = 0, numbers: bool = False) -> str:
    """Markdown pipe table(s); `split` > 0 breaks the body every `split` rows and repeats the header
    (and the column-number row) as a page break in a converted Word file does."""
    width = len(header[-1])
    head = [header[0], ["---"] * width, *header[1:]]
    if numbers:
        head.append([str(i + 1) for i in range(width)])
    chunks = [rows[i:i + split] for i in range(0, len(rows), split)] if split else [rows]
    return "\n\n".join("\n".join("| " + " | ".join(r) + " |" for r in head + chunk) for chunk in chunks)


def sub_kegiatan(k: Kegiatan) -> list[tuple[str, int, int]]:
    """A kegiatan's two sub kegiatan: (name, pagu, realisasi), adding up to the kegiatan's own."""
    pagu = k.pagu * 3 // 5 // 100 * 100
    spent = min(pagu, k.spent * 3 // 5 // 100 * 100)
    return [(f"Sub Kegiatan {k.name} tahap I", pagu, spent),
            (f"Sub Kegiatan {k.name} tahap II", k.pagu - pagu, k.spent - spent)]


class Writer:
    def __init__(self, report: Report):
        self.r = report
        self.s = report.style
        self.o = report.options
        self.rng = random.Random(report.seed * 7 + 1)
        self.out: list[str] = []
        self.counter: dict[str, int] = {}
        self.injected: tuple[str, str] | None = None  # (kind, subject) of the one figure printed wrong

    def off(self, kind: str, value, delta, subject: str):
        """`value`, or `value + delta` at the first place the injection `kind` asks for."""
        if self.o.get("inject") != kind or self.injected:
            return value
        self.injected = (kind, subject)
        return value + delta

    def p(self, *texts: str) -> None:
        self.out.extend(texts)

    def caption(self, chapter: str, section: str, title: str) -> str:
        n = self.counter[chapter + section] = self.counter.get(chapter + section, 0) + 1
        style = self.o["numbered_tables"]
        if style == "roman":
            return f"Tabel {chapter}.{section}.{n}\n{title}"
        if style == "arabic":
            arabic = {"I": 1, "II": 2, "III": 3}[chapter]
            self.counter[chapter] = self.counter.get(chapter, 0) + 1
            return f"Tabel {arabic}.{self.counter[chapter]} {title}"
        return title.upper()

    def code(self, i: int, j: int | None = None) -> str:
        if self.o["codes"]:
            return f"7.01.{i + 1:02d}" if j is None else f"7.01.{i + 1:02d}.2.{j + 1:02d}"
        return "I II III IV V".split()[i] if j is None else f"{'I II III IV V'.split()[i]}.{j + 1}"

    # ---- BAB I
    def staff(self) -> None:
        r, _s = self.r, self.s
        rows, totals = [], {e: 0 for e in PENDIDIKAN}
        for g, cells in r.staff.items():
            if not any(cells.values()) and self.rng.random() < 0.5:
                continue
            rows.append([g, *[str(cells[e]) for e in PENDIDIKAN], str(sum(cells.values()))])
            for e in PENDIDIKAN:
                totals[e] += cells[e]
        total = sum(totals.values())
        stated = self.off("staff_count", total, 1, "jumlah pegawai")
        words = terbilang(self.off("terbilang", stated, 2, "jumlah pegawai"))
        rows.append(["JUMLAH", *[str(totals[e]) for e in PENDIDIKAN], str(total)])
        if self.rng.random() < 0.5:
            header = [["GOLONGAN", "PENDIDIKAN", "", "", "", "", "JUMLAH"], ["", *PENDIDIKAN, ""]]
        else:
            header = [["Golongan", *PENDIDIKAN, "Jumlah"]]
        self.p(self.caption("I", "C", "Jumlah Pegawai Menurut Golongan dan Pendidikan"),
               md_table(header, rows, numbers=self.rng.random() < 0.5))
        w = self.o["staff_wording"]
        if w == 0:
            self.p(f"Jumlah pegawai pada {r.unit} sebanyak {stated} ({words}) orang, dengan pegawai "
                   f"berpendidikan S1 sebanyak {totals['S1']} ({terbilang(totals['S1'])}) orang.")
        elif w == 1:
            self.p(f"Dari tabel di atas terlihat bahwa {r.unit} didukung oleh {stated} ({words}) "
                   f"personil, {totals['S2']} orang di antaranya berpendidikan S2.")
        else:
            by = {n: sum(sum(c.values()) for g, c in r.staff.items() if g.split("/")[0] == n) for n in ("IV", "III", "II", "I")}
            self.p(f"Total aparatur sebanyak {stated} orang, terdiri dari golongan IV sebanyak {by['IV']} orang, "
                   f"golongan III sebanyak {by['III']} orang, golongan II sebanyak {by['II']} orang dan "
                   f"golongan I sebanyak {by['I']} orang.")

    def eselon(self) -> None:
        jabatan = [("Camat" if self.r.kind == "kecamatan" else "Kepala Dinas", "III/a"), ("Sekretaris", "III/b"),
                   ("Kepala Sub Bagian Umum dan Kepegawaian", "IV/b"), ("Kepala Sub Bagian Keuangan", "IV/b"),
                   ("Kepala Seksi Pemerintahan", "IV/a"), ("Kepala Seksi Pelayanan Umum", "IV/a")]
        rows = [[str(i + 1), j, e, "1"] for i, (j, e) in enumerate(jabatan)]
        rows.append(["", "JUMLAH", "", str(len(jabatan))])
        self.p(self.caption("I", "C", "Eselonisasi"), md_table([["NO", "JABATAN", "ESELON", "JUMLAH"]], rows))

    # ---- BAB II
    def renstra(self) -> None:
        r = self.r
        rows = []
        for sas in r.sasaran:
            for ind in sas.indikator:
                for p in ind.programs:
                    for k in p.kegiatan:
                        first = not rows or rows[-1][2] != sas.name
                        rows.append(["", r.tujuan if not rows else "", sas.name if first else "",
                                     ind.name if first else "", p.name, k.name, k.indikator,
                                     f"{self.s.count(self.off('renstra_target', k.target, 1, k.name))} {k.unit}"])
        for i, row in enumerate(rows):
            row[0] = "1" if i == 0 else ""
        # the Sumenep table names no year (a reader cannot tell this year's target from the period's); others do
        header = [["No", "Tujuan", "Sasaran", "Indikator Sasaran", "Program", "Kegiatan", "Indikator Kegiatan",
                   f"Target {r.year}" if self.o["renstra_year"] else "Rincian Indikator"]]
        self.p(self.caption("II", "B", "Penyelarasan Renstra Perangkat Daerah dengan RPJMD"),
               md_table(header, rows, split=self.o["split"], numbers=True))

    def program_list(self) -> None:
        r = self.r
        n = self.off("program_count", len(r.programs), 1, "jumlah program")
        w = self.o["program_wording"]
        if w == 0:
            self.p(f"Untuk Tahun {r.year} {r.unit} telah menetapkan {n} ({terbilang(n)}) Program yaitu :")
        elif w == 1:
            self.p(f"Dalam rangka mencapai sasaran tersebut, {r.unit} melaksanakan {n} ({terbilang(n)}) program "
                   f"sebagai berikut:")
        else:
            self.p(f"Pada tahun {r.year} terdapat {n} program yang dilaksanakan, yaitu:")
        self.p("\n".join(f"{i + 1}. {p.name}" for i, p in enumerate(r.programs)))

    def pk(self) -> None:
        r, s = self.r, self.s
        rows, i = [], 0
        for sas in r.sasaran:
            for j, ind in enumerate(sas.indikator):
                i += j == 0
                rows.append([str(i) if j == 0 else "", sas.name if j == 0 else "", ind.name, self.measure(ind, ind.target)])
        self.p(f"PERJANJIAN KINERJA {'PERUBAHAN ' if self.o['pk_perubahan'] else ''}TAHUN {r.year} {r.unit.upper()}",
               md_table([["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]], rows))
        if self.o["pk_perubahan"]:
            pagu = [self.off("pk_budget", p.pagu, 500_000, p.name) for p in r.programs]
            rows = [[str(i + 1), p.name, s.money(p.pagu_before), s.money(pagu[i]), "-"] for i, p in enumerate(r.programs)]
            rows.append(["", "JUMLAH", s.money(sum(p.pagu_before for p in r.programs)), s.money(sum(pagu)), ""])
            header = [["No", "Program", "Sebelum Perubahan Anggaran", "Setelah Perubahan Anggaran", "Keterangan"]]
        else:
            pagu = [self.off("pk_budget", p.pagu, 500_000, p.name) for p in r.programs]
            rows = [[str(i + 1), p.name, s.money(pagu[i]), "APBD"] for i, p in enumerate(r.programs)]
            rows.append(["", "Jumlah", s.money(sum(pagu)), ""])
            header = [["No", "Program", "Anggaran (Rp)", "Sumber Dana"]]
        self.p(md_table(header, rows))

    # ---- BAB III
    def measure(self, ind: Indikator, value: int) -> str:
        """An indikator's target or realisasi in a sentence: "80%", "20 Kasus"."""
        return self.s.pct(value, 0) if ind.unit == "%" else f"{value} {ind.unit}"

    def cell(self, ind: Indikator, value: int) -> str:
        return self.s.cell_pct(value, 0) if ind.unit == "%" else str(value)

    def kinerja_cols(self, t: str, r_: str, c: str) -> list[str]:
        return [t, r_, c] if self.o["order"] == "TRC" else [r_, t, c]

    def capaian_table(self) -> None:
        r, s = self.r, self.s
        rows, i = [], 0
        for sas in r.sasaran:
            for j, ind in enumerate(sas.indikator):
                i += j == 0
                rows.append([str(i) if j == 0 else "", sas.name if j == 0 else "", ind.name, ind.unit,
                             *self.kinerja_cols(s.num(ind.target, 0), s.num(ind.realisasi, 0),
                                               s.cell_pct(self.off("capaian", ind.capaian, 7, ind.name)))])
        if self.rng.random() < 0.5:
            header = [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", f"TAHUN {r.year}", "", ""],
                      ["", "", "", "", *self.kinerja_cols("TARGET KINERJA", "REALISASI KINERJA", "CAPAIAN KINERJA")]]
        else:
            header = [["No", "Sasaran", "Indikator", "Satuan",
                       *self.kinerja_cols(f"Target {r.year}", f"Realisasi {r.year}", "% Capaian")]]
        self.p(self.caption("III", "A", f"Capaian Kinerja Sasaran Tahun {r.year}"),
               md_table(header, rows, split=self.o["split"], numbers=self.rng.random() < 0.5))

    def indikator_sentence(self, ind: Indikator) -> str:
        s, y = self.s, self.r.year
        T, R = self.measure(ind, ind.target), self.measure(ind, self.off("narrative", ind.realisasi, 5, ind.name))
        C = s.pct(ind.capaian)
        return [
            f"Dengan indikator {ind.name}, dan target {T}, terealisasi {R}, atau tercapai {C}.",
            f"Indikator {ind.name} dengan target {T} terealisasi sebesar {R} sehingga capaian kinerjanya {C}.",
            f"Capaian sebesar {C}, dengan indikator {ind.name}, terealisasi {R}, atas target {T}.",
            f"Realisasi indikator {ind.name} pada tahun {y} sebesar {R} dari target {T}, atau capaian {C}.",
            f"Pada tahun {y} indikator {ind.name} terealisasi {R} dari target {T} dengan capaian kinerja sebesar {C}.",
        ][self.o["wording"]]

    def narrative(self) -> None:
        for ind in (i for sas in self.r.sasaran for i in sas.indikator if i.lower):
            self.p(f"Indikator {ind.name} merupakan indikator negatif (semakin kecil semakin baik), sehingga "
                   f"capaiannya dihitung dengan rumus (2 × target − realisasi) ÷ target × 100%.")
        for n, sas in enumerate(self.r.sasaran, 1):
            self.p(f"{n}) Sasaran {n}: {sas.name}")
            self.p(*(self.indikator_sentence(ind) for ind in sas.indikator))

    def history(self) -> None:
        r, _s = self.r, self.s
        rows = [[sas.name if j == 0 else "", ind.name, *(self.cell(ind, v) for v in (*ind.history, ind.realisasi))]
                for sas in r.sasaran for j, ind in enumerate(sas.indikator)]
        header = [["Sasaran", "Indikator Kinerja", f"Realisasi {r.year - 2}", f"Realisasi {r.year - 1}",
                   f"Realisasi {r.year}"]]
        self.p("Perbandingan realisasi kinerja tahun ini dengan tahun-tahun sebelumnya sebagai berikut:",
               self.caption("III", "B", "Perbandingan Realisasi Kinerja Tiga Tahun Terakhir"), md_table(header, rows))

    def renstra_end(self) -> None:
        r, s = self.r, self.s
        rows = [[ind.name, self.cell(ind, ind.realisasi), self.cell(ind, ind.renstra_end),
                 s.cell_pct(ind.achieved(ind.realisasi, ind.renstra_end))] for sas in r.sasaran for ind in sas.indikator]
        header = [["Indikator Kinerja", f"Realisasi s.d. Tahun {r.year}", "Target Akhir Renstra",
                   "Capaian terhadap Target Akhir Renstra"]]
        self.p(self.caption("III", "C", "Realisasi Kinerja terhadap Target Akhir Renstra"), md_table(header, rows))

    def kegiatan_sentences(self, k: Kegiatan) -> list[str]:
        s = self.s
        w = self.o["kegiatan_wording"]
        k = Kegiatan(k.name, k.indikator, k.unit, k.target, self.off("kegiatan", k.realisasi, 1, k.name), k.pagu, k.spent)
        if w == 0:
            return [f"- {k.name}\nTerealisasi {s.count(k.realisasi)} {k.unit.lower()}\n"
                    f"Atas target {s.count(k.target)} {k.unit.lower()}"]
        if w == 1:
            return [f"Kegiatan {k.name} dengan indikator {k.indikator} terealisasi {s.count(k.realisasi)} {k.unit} dari "
                    f"target {s.count(k.target)} {k.unit}, atau capaian sebesar {s.pct(k.capaian)}."]
        if w == 2:
            return [f"Kegiatan {k.name}: target {s.count(k.target)} {k.unit}, realisasi {s.count(k.realisasi)} {k.unit} "
                    f"(capaian {s.pct(k.capaian)})."]
        return [f"Melalui kegiatan {k.name} telah dilaksanakan {s.count(k.realisasi)} {k.unit.lower()} dari "
                f"{s.count(k.target)} {k.unit.lower()} yang direncanakan."]

    def analysis(self) -> None:
        s = self.s
        for p in self.r.programs:
            self.p(f"{p.name}", f"Capaian sebesar {s.pct(ratio(p.realisasi, p.target))}, dengan indikator "
                   f"{p.indikator}, terealisasi {s.pct(p.realisasi, 0)}, atas target {s.pct(p.target, 0)}.")
            if self.o["program_budget"]:
                pagu = self.off("program_budget_text", p.pagu, 1_000_000, p.name)
                self.p(f"Untuk mendukung program tersebut dialokasikan pagu anggaran sebesar {s.money(pagu, True)} "
                       f"dan terealisasi {s.money(p.spent, True)} atau {s.pct(ratio(p.spent, p.pagu))}.")
            for k in p.kegiatan:
                self.p(*self.kegiatan_sentences(k))

    def efisiensi(self) -> None:
        r, s = self.r, self.s
        rows = []
        for i, k in enumerate(r.kegiatan, 1):
            cap = min(Decimal(100), k.capaian) if self.o["cap100"] else k.capaian
            rows.append([str(i), k.name, f"{s.count(k.target)} {k.unit}", f"{s.count(k.realisasi)} {k.unit}", s.cell_pct(cap),
                         s.money(k.pagu), s.money(k.spent), s.cell_pct(k.serapan),
                         s.cell_pct(self.off("efisiensi", cap - k.serapan, 5, k.name))])
        header = [["No", "Kegiatan", "Target", "Realisasi", "Capaian", "Alokasi (Rp)", "Realisasi (Rp)",
                   "Penyerapan Anggaran", "Tingkat Efisiensi"]]
        self.p("Tingkat efisiensi dihitung sebagai selisih capaian kinerja dengan persentase penyerapan anggaran.",
               self.caption("III", "E", "Efisiensi Penggunaan Sumber Daya"),
               md_table(header, rows, split=self.o["split"], numbers=self.rng.random() < 0.5))

    def hierarchy(self) -> None:
        r, s = self.r, self.s
        combined = self.o["combined"]
        rows = []
        for i, p in enumerate(r.programs):
            row = [self.code(i), p.name, p.indikator, s.pct(p.target, 0), s.pct(p.realisasi, 0),
                   s.pct(ratio(p.realisasi, p.target))]
            rows.append(row + ([s.money(p.pagu), s.money(p.spent), s.pct(ratio(p.spent, p.pagu))] if combined else []))
            for j, k in enumerate(p.kegiatan):
                row = [self.code(i, j), k.name, k.indikator, f"{s.count(k.target)} {k.unit}", f"{s.count(k.realisasi)} {k.unit}",
                       s.pct(k.capaian)]
                rows.append(row + ([s.money(k.pagu), s.money(k.spent), s.pct(k.serapan)] if combined else []))
        header = ["NO", "PROGRAM/KEGIATAN", "INDIKATOR", "TARGET", "REALISASI", "CAPAIAN"]
        if combined:
            header += ["ANGGARAN (Rp)", "REALISASI ANGGARAN (Rp)", "PENYERAPAN (%)"]
            rows.append(["", "JUMLAH", "", "", "", "", s.money(self.off("jumlah", r.pagu, 1_000_000, "JUMLAH")),
                         s.money(r.spent), s.pct(ratio(r.spent, r.pagu))])
        self.p(self.caption("III", "F", f"Realisasi Kinerja Program dan Kegiatan Tahun {r.year}"),
               md_table([header], rows, split=self.o["split"], numbers=True))

    def anggaran(self) -> None:
        r, s = self.r, self.s
        sisa = self.rng.random() < 0.4
        rows = []
        for i, p in enumerate(r.programs):
            rows.append([self.code(i), p.name, s.money(p.pagu), s.money(p.spent), s.cell_pct(ratio(p.spent, p.pagu))]
                        + ([s.money(p.pagu - p.spent)] if sisa else []))
            for j, k in enumerate(p.kegiatan):
                rows.append([self.code(i, j), k.name, s.money(k.pagu), s.money(k.spent), s.cell_pct(k.serapan)]
                            + ([s.money(k.pagu - k.spent)] if sisa else []))
                if self.o["sub_kegiatan"]:  # Permendagri 90: the kegiatan's budget in its sub kegiatan
                    for n, (sub, pagu, spent) in enumerate(sub_kegiatan(k), 1):
                        code = f"{self.code(i, j)}.{n:02d}" if self.o["codes"] else f"{self.code(i, j)}.{n}"
                        rows.append([code, sub, s.money(pagu), s.money(spent), s.cell_pct(ratio(spent, pagu))]
                                    + ([s.money(pagu - spent)] if sisa else []))
        rows.append(["", "JUMLAH", s.money(self.off("jumlah", r.pagu, 1_000_000, "JUMLAH")), s.money(r.spent),
                     s.cell_pct(ratio(r.spent, r.pagu))]
                    + ([s.money(r.pagu - r.spent)] if sisa else []))
        header = ["Kode" if self.o["codes"] else "No", "Program/Kegiatan", "Pagu Anggaran (Rp)", "Realisasi (Rp)",
                  "Penyerapan (%)" if not s.pct_in_cells else "Capaian"] + (["Sisa Anggaran (Rp)"] if sisa else [])
        self.p(self.caption("III", "G", f"Realisasi Anggaran Program/Kegiatan Tahun Anggaran {r.year}"),
               md_table([header], rows, split=self.o["split"], numbers=self.rng.random() < 0.5))

    def closing(self) -> None:
        r, s = self.r, self.s
        spent, pagu = s.money(r.spent, True), s.money(r.pagu, True)
        pct = s.pct(self.off("closing", ratio(r.spent, r.pagu), 3, "JUMLAH"))
        self.p([
            f"Sedangkan untuk capaian realisasi anggaran sebesar {spent} dari jumlah anggaran yang ditetapkan yaitu "
            f"sebesar {pagu} itu artinya penyerapan anggaran sebesar {pct}.",
            f"Dari pagu anggaran sebesar {pagu}, terealisasi {spent} atau {pct}.",
            f"Total anggaran {r.unit} tahun {r.year} sebesar {pagu} dengan realisasi {spent}, sehingga tingkat "
            f"penyerapan anggaran mencapai {pct}.",
        ][self.o["closing"]])
        if self.o["rp_words"]:
            self.p(f"Jumlah anggaran tersebut, {pagu} ({terbilang(r.pagu)} rupiah), dikelola untuk mendukung "
                   f"seluruh program dan kegiatan.")
        if self.o["average"]:
            capaian = [ind.capaian for sas in r.sasaran for ind in sas.indikator]
            mean = self.off("average", sum(capaian) / len(capaian), 3, "JUMLAH")
            self.p(f"Rata-rata capaian kinerja sasaran adalah {s.pct(mean)}.")

    def write(self) -> str:
        r, o = self.r, self.o
        self.p("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", f"TAHUN {r.year}", r.unit.upper(),
               f"PEMERINTAH KABUPATEN {r.kabupaten.upper()}", "KATA PENGANTAR",
               f"Laporan Kinerja {r.unit} Tahun {r.year} disusun sebagai wujud pertanggungjawaban pelaksanaan "
               f"tugas pokok dan fungsi selama satu tahun anggaran.",
               "BAB I PENDAHULUAN", "A. Latar Belakang",
               "Penyusunan laporan kinerja berpedoman pada Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP.",
               "B. Sumber Daya Aparatur")
        self.staff()
        if o["eselon"]:
            self.eselon()
        self.p("BAB II PERENCANAAN KINERJA", "A. Tujuan dan Sasaran",
               f"Tujuan {r.unit} adalah {r.tujuan}, dengan indikator {r.tujuan_indikator}.")
        if o["renstra"]:
            self.renstra()
        self.program_list()
        self.p("B. Perjanjian Kinerja", f"Perjanjian Kinerja {r.unit} Tahun {r.year} adalah sebagai berikut:")
        self.pk()
        self.p("BAB III AKUNTABILITAS KINERJA", "A. Capaian Kinerja Organisasi")
        self.capaian_table()
        self.narrative()
        if o["history"]:
            self.p("B. Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya")
            self.history()
        if o["renstra_end"]:
            self.p("C. Perbandingan dengan Target Akhir Renstra")
            self.renstra_end()
        self.p("D. Analisis Keberhasilan dan Kegagalan")
        self.analysis()
        if o["efisiensi"]:
            self.p("E. Analisis Efisiensi Penggunaan Sumber Daya")
            self.efisiensi()
        if o["hierarchy"] or o["combined"]:
            self.p("F. Realisasi Kinerja Program dan Kegiatan")
            self.hierarchy()
        if not o["combined"]:
            self.p("G. Realisasi Anggaran")
            self.anggaran()
        self.closing()
        self.p("BAB IV PENUTUP", f"Demikian Laporan Kinerja {r.unit} Tahun {r.year} ini disusun.")
        return "\n\n".join(self.out) + "\n"
