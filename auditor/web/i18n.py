"""The web page's own words in Bahasa Indonesia (the default) and English; findings bring their own messages."""
from __future__ import annotations

LANGS = ("id", "en")

WORDS: dict[str, dict[str, str]] = {
    "title": {"id": "Periksa LKjIP", "en": "Check an LKjIP"},
    "tagline": {"id": "Unggah laporan kinerja (PDF, Word atau markdown) untuk menemukan angka yang saling bertentangan, "
                      "sebelum laporan dikirim.",
                "en": "Upload a performance report (PDF, Word or markdown) to find figures that contradict each other, "
                      "before the report is sent."},
    "drop": {"id": "Seret berkas ke sini", "en": "Drop files here"},
    "or": {"id": "atau", "en": "or"},
    "choose": {"id": "Pilih berkas", "en": "Choose files"},
    "accepts": {"id": "PDF, Word (.docx) atau markdown (.md), boleh beberapa sekaligus; paling besar {mb} MB per unggahan.",
                "en": "PDF, Word (.docx) or markdown (.md), several at once if you like; at most {mb} MB per upload."},
    "check": {"id": "Periksa", "en": "Check"},
    "privacy": {"id": "Berkas hanya diproses di komputer ini dan dihapus otomatis setelah {minutes} menit.",
                "en": "Files are processed on this computer only and deleted automatically after {minutes} minutes."},
    "uploading": {"id": "Mengunggah…", "en": "Uploading…"},
    "working": {"id": "Sedang diperiksa…", "en": "Checking…"},
    "progress": {"id": "{finished} dari {total} berkas selesai", "en": "{finished} of {total} files done"},
    "state_queued": {"id": "menunggu", "en": "waiting"},
    "state_running": {"id": "diperiksa", "en": "checking"},
    "state_done": {"id": "selesai", "en": "done"},
    "noscript_refresh": {"id": "Halaman ini dimuat ulang sendiri sampai hasilnya siap.",
                         "en": "This page reloads itself until the result is ready."},
    "results": {"id": "Hasil pemeriksaan", "en": "Audit result"},
    "new_check": {"id": "Periksa berkas lain", "en": "Check another file"},
    "errors": {"id": "kesalahan", "en": "errors"},
    "warnings": {"id": "peringatan", "en": "warnings"},
    "infos": {"id": "info", "en": "info"},
    "coverage": {"id": "Cakupan: {facts} angka terbaca dari {tables} tabel, {compared} dibandingkan, {consistent} "
                       "konsisten, {inconsistent} tidak konsisten, {not_checkable} tidak dapat diperiksa.",
                 "en": "Coverage: {facts} figures read from {tables} tables, {compared} compared, {consistent} "
                       "consistent, {inconsistent} inconsistent, {not_checkable} not checkable."},
    "pages": {"id": "{pages} halaman", "en": "{pages} pages"},
    "clean": {"id": "Tidak ada temuan: angka-angka laporan ini saling cocok.",
              "en": "No findings: the figures of this report agree with each other."},
    "unusable": {"id": "Berkas ini tidak dapat diperiksa", "en": "This file could not be audited"},
    "narrative": {"id": "Narasi", "en": "Narrative"},
    "findings_in": {"id": "{n} temuan", "en": "{n} findings"},
    "where": {"id": "Lokasi", "en": "Where"},
    "page": {"id": "Halaman {page}", "en": "Page {page}"},
    "zoom": {"id": "Perbesar", "en": "Zoom"},
    "zoom_out": {"id": "Perkecil", "en": "Zoom out"},
    "no_picture": {"id": "Letak sel tidak ditemukan di halaman; lihat lokasinya di atas.",
                   "en": "The cell could not be found on the page; see where it is above."},
    "downloads": {"id": "Unduh", "en": "Download"},
    "excel": {"id": "Excel", "en": "Excel"},
    "annotated": {"id": "PDF bertanda", "en": "Annotated PDF"},
    "json": {"id": "JSON", "en": "JSON"},
    "all_excel": {"id": "Excel semua berkas", "en": "Excel of all files"},
    "recheck": {"id": "Periksa ulang setelah diperbaiki", "en": "Check again after correcting"},
    "recheck_help": {"id": "Unggah versi baru berkas ini untuk melihat temuan yang sudah hilang, yang masih ada, "
                           "dan yang baru.",
                     "en": "Upload the new version of this file to see which findings are gone, which remain and "
                           "which are new."},
    "compared_to": {"id": "Dibanding versi sebelumnya ({name}):", "en": "Compared with the earlier version ({name}):"},
    "gone": {"id": "hilang", "en": "gone"},
    "remaining": {"id": "masih ada", "en": "remaining"},
    "new": {"id": "baru", "en": "new"},
    "gone_list": {"id": "Temuan yang sudah tidak ada", "en": "Findings that are gone"},
    "severity_error": {"id": "kesalahan", "en": "error"},
    "severity_warning": {"id": "peringatan", "en": "warning"},
    "severity_info": {"id": "info", "en": "info"},
    "notices": {"id": "Catatan", "en": "Notes"},
    "other_lang": {"id": "English", "en": "Bahasa Indonesia"},
    "not_found": {"id": "Tidak ditemukan, atau sudah dihapus karena kedaluwarsa.",
                  "en": "Not found, or already deleted because it expired."},
    "forbidden": {"id": "Formulir kedaluwarsa atau dikirim dari situs lain; muat ulang halaman lalu coba lagi.",
                  "en": "The form expired or was sent from another site; reload the page and try again."},
    "too_large": {"id": "Berkas terlalu besar: paling besar {mb} MB per unggahan.",
                  "en": "The file is too large: at most {mb} MB per upload."},
    "no_file": {"id": "Tidak ada berkas yang diunggah.", "en": "No file was uploaded."},
    "back": {"id": "Kembali", "en": "Back"},
    "skip": {"id": "Langsung ke isi", "en": "Skip to content"},
}


def words(lang: str) -> dict[str, str]:
    return {key: texts[lang] for key, texts in WORDS.items()}
