"""The web page in a real browser: headless Chromium (Debian's) driven by playwright uploads the sample PDF and a
generated report, waits for the result, finds the findings and a highlighted cell on the page image, downloads the
Excel and opens it, re-checks a corrected version; at desktop and at phone width.

LKJIP_SCREENSHOT=docs/serve.png python3 -m pytest tests/test_web_browser.py  also saves the README's screenshot.
"""
from __future__ import annotations

import base64
import io
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator import generate, inject_same_fact
from pdf_render import reportlab_available, to_pdf_reportlab
from web_server import serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lkjip-raas-2020.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def _chromium_missing() -> bool:
    return not os.path.exists(CHROMIUM)


if _chromium_missing() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium chromium-driver)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else __import__(
    "playwright.sync_api", fromlist=["sync_playwright"])


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The sample PDF, a generated PDF with one injected same-fact clash, and the same report corrected."""
    assert reportlab_available(), "fonts-dejavu-core is needed to print the generated report"
    folder = tmp_path_factory.mktemp("reports")
    faulty, corrected = generate(31), generate(31)
    inject_same_fact(faulty, random.Random(5))
    to_pdf_reportlab(faulty, folder / "laporan-kecamatan.pdf")
    to_pdf_reportlab(corrected, folder / "laporan-kecamatan-perbaikan.pdf")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return {"sample": folder / SAMPLE.name, "faulty": folder / "laporan-kecamatan.pdf",
            "corrected": folder / "laporan-kecamatan-perbaikan.pdf"}


@pytest.fixture(scope="module")
def server():
    with serving(max_upload_mb=20) as (url, _):
        yield url


@pytest.fixture(scope="module")
def playwright():
    with playwright_api.sync_playwright() as driver:
        yield driver


def browser(playwright, viewport: dict):
    """A fresh Chromium with its own temporary profile; the caller closes it."""
    profile = tempfile.mkdtemp(prefix="lkjip-chromium-")
    context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS,
                                                           headless=True, viewport=viewport, accept_downloads=True)
    context.on("close", lambda _: shutil.rmtree(profile, ignore_errors=True))
    context.set_default_timeout(30_000)
    return context


def drop_files(page, paths: list[Path]) -> None:
    """Drags files onto the drop zone the way a file manager does: a drop event carrying a DataTransfer."""
    files = [{"name": p.name, "data": base64.b64encode(p.read_bytes()).decode()} for p in paths]
    transfer = page.evaluate_handle("""(files) => {
        const transfer = new DataTransfer();
        for (const f of files) {
            const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
            transfer.items.add(new File([bytes], f.name, {type: "application/pdf"}));
        }
        return transfer;
    }""", files)
    page.dispatch_event("#upload .drop", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("#upload .drop", "drop", {"dataTransfer": transfer})


def wait_for_result(page, documents: int) -> None:
    page.wait_for_url("**/job/*", timeout=60_000)
    # locator waits, not wait_for_function: the page's Content-Security-Policy forbids eval
    page.locator("section.document").nth(documents - 1).wait_for(timeout=240_000)
    assert page.locator("section.document").count() == documents


def assert_highlight_visible(page, finding) -> None:
    """The finding's page picture has loaded and a highlighted cell is drawn inside it, over printed text."""
    figure = finding.locator(".page-figure").first
    figure.scroll_into_view_if_needed()
    sheet = figure.locator("svg.sheet")
    href = sheet.locator("image").get_attribute("href")
    loaded = page.evaluate("""(src) => new Promise((ok) => {
        const img = new Image(); img.onload = () => ok(img.naturalWidth); img.onerror = () => ok(0); img.src = src; })""",
                           href)
    assert loaded >= 1000, f"page picture {href} did not load"
    cell = sheet.locator("rect.cell").first
    assert cell.is_visible()
    page.wait_for_timeout(300)  # the SVG paints the decoded picture on the next frame
    # both boxes measured in one go in the page: the page may still be settling its scroll position
    box, frame = cell.evaluate("""(rect) => {
        const plain = (r) => ({x: r.x, y: r.y, width: r.width, height: r.height});
        return [plain(rect.getBoundingClientRect()), plain(rect.closest('.frame').getBoundingClientRect())]; }""")
    assert box["width"] > 3 and box["height"] > 3
    assert frame["x"] - 1 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (box, frame)
    assert frame["y"] - 1 <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1, (box, frame)
    # pixels: the highlight's colour on the cell and dark printed digits inside it
    from PIL import Image

    def pixels() -> list[tuple[int, int, int]]:
        shot = Image.open(io.BytesIO(cell.screenshot())).convert("RGB")
        return [shot.getpixel((x, y)) for x in range(shot.width) for y in range(shot.height)]

    def highlighted(colours) -> bool:
        return any(r > 180 and g < 170 and b < 90 for r, g, b in colours)

    shown = pixels()
    for _ in range(20):  # on a loaded machine the picture under the cell may paint frames later
        if highlighted(shown):
            break
        page.wait_for_timeout(250)
        shown = pixels()
    assert highlighted(shown), "no highlight colour on the cell"
    assert any(r + g + b < 250 for r, g, b in shown), "no printed text under the highlight"


def download_excel(page, link, folder: Path) -> list[tuple]:
    with page.expect_download() as info:
        link.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx"
    workbook = load_workbook(path)
    return [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


def test_desktop_upload_result_download_and_recheck(playwright, server, reports, tmp_path):
    context = browser(playwright, DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(server)
    assert page.locator("h1").inner_text() == "Periksa LKjIP"
    page.set_input_files("#upload input[type=file]", [str(reports["sample"]), str(reports["faulty"])])
    assert "lkjip-raas-2020.pdf" in page.locator("#upload .chosen").inner_text()
    page.click("#upload button[type=submit]")
    wait_for_result(page, 2)

    sample, generated = page.locator("section.document").nth(0), page.locator("section.document").nth(1)
    assert sample.locator("h2").inner_text() == "lkjip-raas-2020.pdf"
    assert int(sample.locator(".count.error strong").inner_text()) >= 1
    assert "Cakupan:" in sample.locator(".coverage").inner_text()
    assert sample.locator("section.group h3", has_text="Tabel III.A.1").count() == 1
    clash = sample.locator("article.finding[data-rule=LKJ201]").first
    assert "berbeda" in clash.locator(".message").inner_text()
    assert_highlight_visible(page, clash)
    assert sample.locator("rect.cell.odd").count() >= 1  # the odd value of a clash is marked apart

    injected = generated.locator("article.finding[data-rule=LKJ201]")
    assert injected.count() >= 1
    assert_highlight_visible(page, injected.first)

    figure = clash.locator(".page-figure").first
    figure.locator("button.zoom").click()
    assert "zoomed" in figure.get_attribute("class")
    assert figure.locator("svg.sheet").get_attribute("viewBox").startswith("0 0 ")
    figure.locator("button.zoom").click()

    rows = download_excel(page, sample.locator("a[data-kind=xlsx]"), tmp_path)
    assert any("LKJ201" in [str(c) for c in row] for row in rows)
    with page.expect_download() as info:
        sample.locator("a[data-kind=pdf]").click()
    assert info.value.suggested_filename.endswith(".pdf")
    assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"

    if os.environ.get("LKJIP_SCREENSHOT"):
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(500)
        page.screenshot(path=os.environ["LKJIP_SCREENSHOT"])

    # re-check the generated report after correcting it: the injected clash is gone
    generated.locator("details.recheck summary").click()
    generated.locator("details.recheck input[type=file]").set_input_files(str(reports["corrected"]))
    generated.locator("details.recheck button[type=submit]").click()
    page.locator(".comparison").wait_for(timeout=240_000)
    comparison = page.locator(".comparison")
    assert "laporan-kecamatan.pdf" in comparison.inner_text()
    assert int(comparison.locator(".tag.gone strong").inner_text()) >= 1
    assert int(comparison.locator(".tag.new strong").inner_text()) == 0
    assert errors == []
    context.close()


def test_phone_width_drop_english_and_download(playwright, server, reports, tmp_path):
    context = browser(playwright, PHONE)
    page = context.new_page()
    page.goto(server)
    page.click("a.lang")
    assert page.locator("h1").inner_text() == "Check an LKjIP"
    drop_files(page, [reports["faulty"]])
    assert "laporan-kecamatan.pdf" in page.locator("#upload .chosen").inner_text()
    page.click("#upload button[type=submit]")
    wait_for_result(page, 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "page wider than the phone"
    document = page.locator("section.document")
    assert "Coverage:" in document.locator(".coverage").inner_text()
    finding = document.locator("article.finding[data-rule=LKJ201]").first
    assert "differ" in finding.locator(".message").inner_text()
    # on a phone the page picture sits under the message, full width
    text_box = finding.locator(".finding-text").bounding_box()
    figure_box = finding.locator(".page-figure").first.bounding_box()
    assert figure_box["y"] >= text_box["y"] + text_box["height"] - 1
    assert figure_box["width"] <= PHONE["width"]
    # a phone shows the band of the page small; zoom brings the marked cell up readable, scrolled into view
    finding.locator("button.zoom").first.click()
    assert_highlight_visible(page, finding)
    rows = download_excel(page, document.locator("a[data-kind=xlsx]"), tmp_path)
    assert any("LKJ201" in [str(c) for c in row] for row in rows)
    context.close()
