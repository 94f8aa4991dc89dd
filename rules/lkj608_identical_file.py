"""LKJ608 — two files of one batch have identical bytes: one office may have sent another's report.

A batch finding: `lkjip-audit batch` audits the bytes once and lists both files; the second (in path
order) carries this finding naming the first. Auditing one document alone never raises it.

BAHASA INDONESIA:
    Dua berkas dalam satu batch identik bita demi bita: satu kantor mungkin mengirim laporan kantor lain.

    Temuan batch: `lkjip-audit batch` memeriksa isinya sekali dan menyebut kedua berkas; berkas kedua (menurut
    urutan path berkas) memuat temuan ini dengan nama berkas pertama. Pemeriksaan satu dokumen saja tidak
    pernah memunculkannya.

PASS:
    (id: satu berkas dalam batch, atau dua berkas yang isinya berbeda)
    (en: one file in a batch, or two files with different bytes)

FAIL:
    (id: kec-a/lkjip-2020.pdf dan kec-b/lkjip-2020.pdf dengan isi yang sama; batch dua berkas tidak dapat ditulis
    sebagai satu contoh markdown)
    (en: kec-a/lkjip-2020.pdf and kec-b/lkjip-2020.pdf with the same bytes; a batch of two files cannot be written
    as one markdown example)
"""
from __future__ import annotations

ID = "LKJ608"
TITLE = {"id": "Berkas identik dengan berkas lain dalam batch", "en": "File identical to another file in the batch"}
SEVERITY = "warning"
MESSAGE = {
    "id": "Berkas ini identik dengan {other} (sama bita demi bita); periksa apakah laporan yang dikirim memang "
          "milik instansi ini.",
    "en": "This file is identical to {other} (byte for byte); check that the report sent really belongs to this "
          "office.",
}
CONF: dict = {}
DEFAULT: dict = {}


def check(document, options):
    """Nothing to find in one document: the batch compares the files' hashes and adds the finding."""
    return
    yield  # a generator, like every rule
