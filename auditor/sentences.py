"""The narrative's sentence patterns as data: each regex names the attribute its groups fill."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A printed number (455.365.200, 95,97, 07) and the figure forms built on it. A unit is one to three
# words that are not the connectives the sentences use between figures.
NUMBER = r"\d+(?:[.,]\d+)*"
_CONNECTIVE = (r"(?:atas|dan|atau|sehingga|dengan|target|tercapai|capaian|terealisasi|teralisasi|sebesar|yang|dari"
               r"|menjadi|pada|dapat|dibandingkan|mencapai|realisasi)\b")
UNIT = rf"(?:(?!{_CONNECTIVE})[A-Za-z/]+)(?:\s+(?!{_CONNECTIVE})[A-Za-z/]+){{0,2}}"
PERCENT = rf"{NUMBER}\s*(?:%|persen\b|prosen\b)"
FIGURE = rf"{NUMBER}(?:\s*%|\s+(?:persen|prosen)\b|\s+{UNIT})?"
RUPIAH = rf"Rp\.?\s*{NUMBER}(?:,-)?"
# terealisasi, teralisasi, terealisasinya, terrealisasi: the spellings the reports use
REALISED = r"ter+e?ali[sz]asi(?:nya)?"


@dataclass(frozen=True)
class Pattern:
    """A sentence template: every named group fills the attribute of the same name."""

    name: str
    regex: re.Pattern


def _patterns(*entries: tuple[str, str]) -> tuple[Pattern, ...]:
    return tuple(Pattern(name, re.compile(regex, re.IGNORECASE)) for name, regex in entries)


# Figures stated about an indikator, program, kegiatan or aksi, each number given its role by the words
# before it. "Dengan indikator X, dan target 80%, terealisasi 67%, atau tercapai 84%"; "Capaian sebesar 92%
# dengan indikator …, terealisasi 92%, atas target 100%"; "Terealisasi 7 kali rapat Atas target 12 kali
# rapat"; "target 2 kegiatan, tidak terealisasi, atau tercapai 0%"; "realisasi sebesar 87,5% dari target
# 90% (capaian 97,22%)"; "target yang ditetapkan 75 persen dapat direalisasikan 78,4 persen"; "mengalami
# penurunan dari 4,1% menjadi 3,8%" (the second is this year's realisasi); "capaian kinerja indikator ini
# mencapai 102,30%".
_SAID = r"(?:(?:sebesar|mencapai|adalah|yaitu|hanya)\s+)?"
FIGURES = _patterns(
    ("capaian", rf"\b(?:tercapai|capaian(?:nya)?(?:\s+kinerja)?(?:\s+(?:indikator|sasaran)(?:\s+(?:ini|tersebut))?)?)"
                rf"\s+{_SAID}(?P<capaian>{PERCENT})"),
    ("realisasi", rf"(?<!tidak )\b(?:{REALISED}|(?:dapat\s+)?direalisasikan|realisasi(?:nya)?(?:\s+kinerja)?)\s+"
                  rf"{_SAID}(?P<realisasi>{FIGURE})"),
    # "Realisasi indikator X pada tahun 2021 sebesar 87% dari target 75%": the name between the word and the figure
    ("realisasi_of", rf"\brealisasi\s+indikator\b(?:(?!anggaran)[^.;%\d]){{1,200}}?(?:\btahun\s+\d{{4}}\s+)?"
                     rf"(?:sebesar|mencapai|adalah)\s+(?P<realisasi>{FIGURE})"),
    ("change", rf"\b(?:penurunan|peningkatan|kenaikan|naik|turun)\s+dari\s+{NUMBER}(?:\s*%|\s+persen\b)?"
               rf"(?:\s+(?:pada\s+)?(?:tahun\s+(?:sebelumnya|lalu|\d{{4}})))?\s+menjadi\s+(?P<realisasi>{FIGURE})"),
    ("not_realised", rf"\b(?P<realisasi>tidak\s+{REALISED})\b"),
    # "telah dilaksanakan 21 laporan dari 24 laporan yang direncanakan"
    ("done_of_planned", rf"\b(?:di)?laksanakan\s+(?:sebanyak\s+)?(?P<realisasi>{FIGURE})\s+dari\s+(?:target\s+)?"
                        rf"(?P<target>{FIGURE})\s+(?:yang\s+)?(?:direncanakan|ditargetkan)\b"),
    ("target", rf"\b(?:target|ditargetkan)\s+(?:(?:yang\s+)?(?:ditetapkan|direncanakan)\s+)?{_SAID}(?P<target>{FIGURE})"),
)

# "dengan indikator X, terealisasi …": the indikator a sentence names (its name may hold commas).
INDIKATOR = re.compile(
    rf"\bdengan\s+indikator\s+(?P<name>.+?)\s*,+\s*(?:dan\s+)?(?=target\b|{REALISED}\b|tidak\s+{REALISED}|atas\b)",
    re.IGNORECASE,
)

# Closing claims about the whole budget and the average capaian (BAB III.G / the summary).
CLOSING = _patterns(
    ("realisasi_anggaran", rf"\brealisasi\s+anggaran\s+sebesar\s+(?P<realisasi_anggaran>{RUPIAH})"),
    ("alokasi", rf"\b(?:jumlah\s+anggaran|pagu(?:\s+anggaran)?|anggaran\s+yang\s+ditetapkan)\s+(?:yang\s+ditetapkan\s+)?"
                rf"(?:yaitu\s+)?sebesar\s+(?P<alokasi>{RUPIAH})"),
    ("penyerapan", rf"\bpenyerapan\s+anggaran\s+(?:yang\s+bisa\s+)?(?:sebesar|mencapai)\s+(?P<penyerapan>{PERCENT})"),
    # "pagu anggaran sebesar Rp 626.012.500, terealisasi Rp 524.725.400 atau 83,82%"
    ("realised_share", rf"\b{REALISED}\s+(?:sebesar\s+)?(?P<realisasi_anggaran>{RUPIAH})\s*,?\s*(?:atau|yaitu)\s+"
                       rf"(?:sebesar\s+)?(?P<penyerapan>{PERCENT})"),
    ("efisiensi", rf"\befisiensi\s+(?:anggaran\s+)?sebesar\s+(?P<efisiensi>{PERCENT})"),
    # an average of capaian ("rata-rata nilai capaian kinerja …"), not an indikator such as "Rata-rata lama sekolah"
    ("capaian_rata_rata", rf"\brata-?\s?rata\s+(?:nilai\s+)?capaian\b[^.%]*?\b(?:adalah|sebesar|mencapai)\s+"
                          rf"(?P<capaian_rata_rata>{PERCENT})"),
)

# Where a block opens a new context: "SASARAN 2", "1. Program X,", "✓ Kegiatan X, Capaian …".
MARKER = re.compile(r"^(?:[-*•✓]\s*)*(?:\(?[0-9a-z]{1,2}[.)]+\s*)?(?:[-*•✓]\s*)*", re.IGNORECASE)
SASARAN = re.compile(r"^SASARAN\s+\d+\b", re.IGNORECASE)
PROGRAM = re.compile(r"^(?P<name>Program\s+.+?)(?:\s*,|\s+Solusi\b|\s+Capaian\b|$)", re.IGNORECASE)
KEGIATAN = re.compile(
    r"^Kegiatan\s+(?P<name>.+?)\s*(?:,\s*(?=Capaian\b|Adapun\b)|\s(?=Capaian\s+sebesar)|,?\s*$)", re.IGNORECASE)
AKSI = re.compile(rf"^(?P<name>.+?)\s*,?\s*(?={REALISED}\b|Atas\s+target\b|$)", re.IGNORECASE)

# Counts the narrative states: "5 (lima) sasaran strategis"; a numbered list of programs after
# "telah menetapkan Program yaitu :".
SASARAN_COUNT = re.compile(r"\b(?P<count>\d+)\s*(?:\((?P<words>[a-z ]+)\)\s*)?sasaran\s+strategis\b", re.IGNORECASE)
PROGRAM_LIST = re.compile(r"\bprogram\b[^.]*\b(?:yaitu|sebagai\s+berikut|antara\s+lain)\s*:\s*$", re.IGNORECASE)

# Counts of staff and programs: "dari jumlah Pegawai 17 (tujuh belas) Personil", "jumlah pegawai sebanyak 17 orang",
# "total aparatur sebanyak 17 orang", "didukung oleh 17 personil";
# "berpendidikan sarjana 9 orang", "6 orang di antaranya berpendidikan sarjana (S1)"; "telah menetapkan 4 (empat)
# Program yaitu :". Only the words right beside the number: "jumlah pegawai yang mengikuti diklat 3 orang" is
# another count.
_WORDS = r"(?:\s*\([a-z ]+\))?"
_STAFF = r"(?:pegawai|personil|personel|aparatur|aparatur\s+sipil\s+negara|asn|pns)"
_LEVEL = (r"(?:sarjana(?:\s+muda)?|pasca\s*sarjana|magister|doktor|strata\s+(?:[1-3]|satu|dua|tiga)"
          r"|s\s*-?\s*[1-3]|d\s*-?\s*(?:[1-4]|iii|iv)|diploma|slta|sma|smu|smk|sltp|smp|sd)")
# The unit itself, between the staff word and the number: "jumlah pegawai pada Kecamatan Bluto sebanyak 21";
# never a part of it ("jumlah pegawai di bagian umum 3 orang" is another count).
_OWN_UNIT = (r"(?:\s+(?:pada|di)\s+(?:lingkungan\s+)?(?:kecamatan|kelurahan|dinas|badan|kantor|sekretariat|inspektorat"
             r"|rsud|organisasi\s+perangkat\s+daerah|opd)\b[^.,;:()\d]{0,80}?)?")
STAFF_COUNTS = (
    re.compile(rf"\b(?:jumlah|total)\s+(?:seluruh\s+)?{_STAFF}{_OWN_UNIT}\s*(?:sebanyak|adalah|sebesar|ada|yaitu|:)?"
               rf"\s*(?P<count>\d+)\b(?![.,]\d)", re.IGNORECASE),
    # "didukung oleh 21 (dua puluh satu) personil"
    re.compile(rf"\bdidukung\s+oleh\s+(?:sebanyak\s+)?(?P<count>\d+)\b(?![.,]\d){_WORDS}\s*(?:orang\s+)?{_STAFF}\b",
               re.IGNORECASE),
)
EDUCATION_COUNTS = (
    re.compile(rf"\bberpendidikan\s+(?P<level>{_LEVEL})\b(?:\s*\((?:{_LEVEL})\))?\s*(?:sebanyak|adalah|ada|yaitu|:)?"
               rf"\s*(?P<count>\d+)\b{_WORDS}\s*(?:orang|{_STAFF})\b", re.IGNORECASE),
    re.compile(rf"(?<![\d.,])(?P<count>\d+){_WORDS}\s*(?:orang|{_STAFF})\s+(?:(?:di\s*antaranya|yang)\s+)?"
               rf"berpendidikan\s+(?P<level>{_LEVEL})\b", re.IGNORECASE),
)
PROGRAM_COUNT = re.compile(
    rf"\b(?:menetapkan|melaksanakan|memiliki|terdapat|sebanyak)\s+(?P<count>\d+){_WORDS}\s*program\b", re.IGNORECASE)

# Digits with their words: "17 (tujuh belas)", "Rp 1.500.000 (satu juta lima ratus ribu rupiah)".
TERBILANG = re.compile(r"(?<![\d.,])(?P<digits>\d{1,3}(?:\.\d{3})+|\d+)\s*\((?P<words>[A-Za-z ]+)\)")
