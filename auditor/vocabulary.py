"""Header vocabulary: the words each column meaning goes by, headers broken by narrow columns mended, a kabupaten's own synonyms."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

# Words that name what a column holds; header words are matched to them despite typos (REALIASI, Realsiasi).
WORDS = (
    "no", "nomor", "target", "realisasi", "capaian", "kinerja", "alokasi", "anggaran", "penyerapan",
    "efisiensi", "sasaran", "strategis", "indikator", "kegiatan", "program", "tujuan", "satuan", "jumlah",
    "sebelum", "setelah", "perubahan", "renstra", "akhir", "pagu", "keterangan", "golongan", "pendidikan",
    "jabatan", "eselon", "rp", "tahun", "nilai", "murni", "awal", "sesudah", "sisa", "kode",
)

# The meanings a header can be given, each with the words that, put in place of a synonym, make
# column_meaning choose it. Config keys of [lkjip-audit:headers] are these names.
MEANINGS = {
    "no": "no", "target": "target", "realisasi": "realisasi", "capaian": "capaian", "alokasi": "alokasi",
    "realisasi_anggaran": "realisasi anggaran", "penyerapan": "penyerapan", "efisiensi": "efisiensi",
    "sisa_anggaran": "sisa anggaran", "target_renstra": "target akhir renstra", "pagu_sebelum": "sebelum perubahan",
    "pagu": "setelah perubahan", "indikator": "indikator", "sasaran": "sasaran", "kegiatan": "kegiatan",
    "program": "program", "tujuan": "tujuan", "satuan": "satuan", "keterangan": "keterangan", "kode": "kode",
}

# Built-in synonyms (phrase -> meaning); the longest phrase that fits is read first, so
# "capaian realisasi anggaran" is penyerapan while "capaian realisasi" is realisasi.
SYNONYMS = {
    "capaian realisasi anggaran": "penyerapan", "persentase realisasi anggaran": "penyerapan",
    "persentase penyerapan": "penyerapan", "daya serap": "penyerapan", "serapan": "penyerapan",
    "capaian realisasi": "realisasi",
    "persentase capaian": "capaian", "tingkat capaian": "capaian",
    "rincian indikator": "target",  # the Renstra alignment table's "500 Surat", "4 Kali rapat"
    "rencana strategis": "target_renstra", "rencana aksi": "keterangan", "rencana": "target",
    "apbd": "alokasi", "dpa": "alokasi",
    "sisa anggaran": "sisa_anggaran", "sisa dana": "sisa_anggaran",
}


@dataclass(frozen=True)
class Vocabulary:
    """Synonym phrases to rewrite in a header before its words are read; the configured ones first."""

    synonyms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def with_synonyms(cls, configured: dict[str, list[str]] | None = None) -> "Vocabulary":
        """Built-in synonyms plus a kabupaten's own ({meaning: [phrase, ...]}), which win over the built-in ones."""
        own = [(_plain(p), m) for m, phrases in (configured or {}).items() for p in phrases if _plain(p)]
        builtin = [(p, m) for p, m in SYNONYMS.items() if p not in {o for o, _ in own}]
        ordered = sorted(own, key=lambda pm: -len(pm[0])) + sorted(builtin, key=lambda pm: -len(pm[0]))
        return cls(tuple(ordered))

    def read(self, header: str) -> str:
        """The header mended and with each synonym replaced by the words of its meaning."""
        text = mend(header)
        for phrase, meaning in self.synonyms:
            text = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", f" {MEANINGS[meaning]} ", text)
        return re.sub(r"\s+", " ", text).strip()


DEFAULT = Vocabulary.with_synonyms()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def mend(header: str) -> str:
    """Lower case, with words a narrow column broke rejoined: `Reali- sasi`, `Reali-sasi`, `Targ et`, `Reali sa si`."""
    text = re.sub(r"(?<=[a-z])-\s+(?=[a-z])", "", _plain(header))
    # a PDF reader that rejoins a hyphenated line wrap may keep the hyphen: `Reali-sasi`
    text = re.sub(r"\b([a-z]+)-([a-z]+)\b",
                  lambda m: m.group(1) + m.group(2) if m.group(1) not in WORDS and _is_word(m.group(1) + m.group(2))
                  else m.group(0), text)
    tokens = re.split(r"(\W+)", text)  # words at even positions, separators at odd ones
    out: list[str] = []
    i = 0
    while i < len(tokens):
        joined = None
        for parts in (3, 2):
            end = i + 2 * parts - 1
            if end > len(tokens) or any(tokens[k].strip() for k in range(i + 1, end, 2)):
                continue  # only fragments separated by plain spaces are joined
            fragments = tokens[i:end:2]
            if all(fragments) and not any(f in WORDS for f in fragments) and _is_word("".join(fragments)):
                joined = "".join(fragments)
                i = end
                break
        if joined is None:
            joined = tokens[i]
            i += 1
        out.append(joined)
    return "".join(out)


def _is_word(candidate: str) -> bool:
    if candidate in WORDS:
        return True
    return len(candidate) >= 6 and any(len(w) >= 6 and fuzz.ratio(candidate, w) >= 90 for w in WORDS)


def keywords(text: str) -> set[str]:
    """Vocabulary words a header text contains, tolerant to typos in words of five letters or more."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in WORDS:
            found.add(word)
        elif len(word) >= 5:
            best = max(WORDS, key=lambda v: fuzz.ratio(word, v))
            if len(best) >= 5 and fuzz.ratio(word, best) >= 80:
                found.add(best)
    return found


def bare_percent(name: str) -> bool:
    """A column headed only `%` (under whatever merged title): penyerapan or capaian by its neighbours."""
    return name.split(" / ")[-1].strip(" ()") == "%"


# A row label that makes the row a total: "Jumlah", "Jumlah Total", "Total", "Sub Total", "Jumlah Anggaran
# Belanja Langsung", "Jumlah Program I" — not an indikator such as "Jumlah dokumen perencanaan yang disusun".
_TOTAL = re.compile(
    r"^(?:sub\s*-?\s*total|grand\s+total|(?:jumlah|total)(?:\s+(?:total|keseluruhan|seluruhnya|akhir|umum))?"
    r"|(?:jumlah|total)\s+(?:anggaran|belanja|pagu)\b.*"
    r"|(?:jumlah|total|sub\s*total)\s+(?:program|kegiatan|sub\s*kegiatan|sasaran)(?:\s+[ivxlc\d.]+)?)\s*[:.]?$",
    re.IGNORECASE)


def is_total_label(text: str) -> bool:
    return bool(_TOTAL.match(re.sub(r"\s+", " ", text.strip())))
