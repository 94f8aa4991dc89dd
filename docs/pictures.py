"""Renders the README's pictures: the HTML report (Debian chromium through playwright) and the Catatan Hasil Reviu
(LibreOffice to PDF, then pdftoppm). Run from the project root: python3 docs/pictures.py"""
from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from auditor.audit import audit_file  # noqa: E402
from auditor.config import Config  # noqa: E402
from auditor.formats import FORMATS  # noqa: E402
from auditor.review import catatan  # noqa: E402
from generator import generate, inject_capaian, inject_penyerapan, to_markdown  # noqa: E402

SAMPLE = Path("samples") / "lkjip-raas-2020.md"  # relative, as a user types it (run from the project root)


def reports(folder: Path) -> list:
    paths = [SAMPLE]
    for seed, inject in ((11, inject_capaian), (12, inject_penyerapan), (13, None), (14, inject_capaian)):
        report = generate(seed)
        if inject:
            inject(report, random.Random(seed))
        path = folder / f"lkjip-kecamatan-{seed}.md"
        path.write_text(to_markdown(report), encoding="utf-8")
        paths.append(path)
    return [audit_file(str(path), Config()) for path in paths]


def html_pictures(audited: list, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_file = folder / "laporan.html"
    page_file.write_text(FORMATS["html"].render(audited, "id"), encoding="utf-8")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_file.as_uri())
        top = page.locator("h1").bounding_box()["y"]
        heat = page.locator("table.heat").bounding_box()
        page.screenshot(path=str(ROOT / "docs" / "html-report.png"),
                        clip={"x": 0, "y": top - 10, "width": 1100, "height": heat["y"] + heat["height"] - top + 20})
        finding = page.locator("div.finding", has_text="Musrembangcam").first
        finding.screenshot(path=str(ROOT / "docs" / "html-finding.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=1)
        phone.goto(page_file.as_uri())
        phone.locator("div.finding", has_text="Musrembangcam").first.locator(".scroll").last.scroll_into_view_if_needed()
        phone.screenshot(path=str(ROOT / "docs" / "html-phone.png"))
        browser.close()


def catatan_picture(report, folder: Path) -> None:
    docx = folder / "catatan.docx"
    docx.write_bytes(catatan.render(report, "id", reviewer="Siti Aminah, S.Sos.", date=dt.date(2026, 12, 2)))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(folder / "catatan.pdf"),
                    str(ROOT / "docs" / "catatan-hasil-reviu")], check=True, timeout=60)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        audited = reports(folder)
        html_pictures(audited, folder)
        catatan_picture(audited[0], folder)
    print("docs/html-report.png docs/html-finding.png docs/html-phone.png docs/catatan-hasil-reviu.png")
