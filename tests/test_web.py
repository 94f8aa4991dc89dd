"""The web page over plain HTTP: JSON API same as `check --format json`, CSRF, size limit, path safety, escaping,
re-check comparison, expiry."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Config
from auditor.web.jobs import JobStore, compare, display_name
from generator import generate, inject_same_fact, to_markdown
from pdf_render import to_docx
from web_server import serving

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MD = ROOT / "samples" / "lkjip-raas-2020.md"
LIMIT_MB = 1.0


@pytest.fixture(scope="module")
def server():
    with serving(max_upload_mb=LIMIT_MB) as (url, app):
        yield url, app


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server[0], timeout=120) as client:
        yield client


def token(client: httpx.Client) -> str:
    page = client.get("/")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def upload(client: httpx.Client, files: list[tuple[str, bytes]], **fields) -> str:
    """Posts the upload form like the browser does; returns the job page's path once the audits are done."""
    data = {"csrf": token(client), **fields}
    response = client.post("/upload", data=data, files=[("file", (name, body)) for name, body in files])
    assert response.status_code == 303, response.text
    job = response.headers["location"]
    deadline = time.monotonic() + 120
    while not client.get(f"{job}/status").json()["done"]:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    return job


def generated(seed: int, inject: bool) -> bytes:
    report = generate(seed)
    if inject:
        inject_same_fact(report, random.Random(5))
    return to_markdown(report).encode()


def test_index_is_indonesian_safe_and_switches_to_english(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="id">' in page.text and "Seret berkas ke sini" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = page.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie
    switched = client.get("/lang/en", params={"next": "/"}, follow_redirects=True)
    assert '<html lang="en">' in switched.text and "Drop files here" in switched.text
    # the switch only ever redirects to a path of this server
    for target in ("https://example.org/", "//example.org/", "/\\example.org"):
        response = client.get("/lang/id", params={"next": target})
        assert response.headers["location"] == "/"


def test_no_external_resources(client):
    page = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    for asset in ("/static/app.css", "/static/app.js"):
        body = client.get(asset)
        assert body.status_code == 200 and not re.search(r"https?://", body.text)


def test_api_returns_check_json(client, tmp_path):
    response = client.post("/api/audit", files={"file": ("lkjip-raas-2020.md", SAMPLE_MD.read_bytes())})
    assert response.status_code == 200
    (tmp_path / "lkjip-raas-2020.md").write_bytes(SAMPLE_MD.read_bytes())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        expected = CliRunner().invoke(main, ["check", "lkjip-raas-2020.md", "--format", "json"])
    finally:
        os.chdir(cwd)
    assert response.json() == json.loads(expected.output)
    assert response.json()["documents"][0]["findings"]


def test_api_reads_word_documents(client, tmp_path):
    report = generate(31)
    inject_same_fact(report, random.Random(5))
    to_docx(report, tmp_path / "laporan.docx")
    response = client.post("/api/audit", files={"file": ("laporan.docx", (tmp_path / "laporan.docx").read_bytes())})
    document = response.json()["documents"][0]
    assert document["status"] == "ok" and any(f["rule"] == "LKJ201" for f in document["findings"])


def test_api_reports_unusable_files_and_wants_a_file(client):
    response = client.post("/api/audit", files={"file": ("notes.docx", b"PK\x03\x04 not a report")})
    document = response.json()["documents"][0]
    assert document["status"] == "error" and document["error"].startswith("notes.docx: ")
    assert client.post("/api/audit", data={"x": "1"}).status_code == 400


def test_api_refuses_cross_site_browser_posts(client):
    response = client.post("/api/audit", files={"file": ("a.md", b"# x")}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_upload_without_or_with_wrong_csrf_token_is_refused(client):
    files = [("file", ("a.md", SAMPLE_MD.read_bytes()))]
    assert client.post("/upload", files=files).status_code == 403
    token(client)
    assert client.post("/upload", data={"csrf": "forged"}, files=files).status_code == 403
    # a token without its cookie (another browser, a cross-site form) is refused too
    real = token(client)
    with httpx.Client(base_url=str(client.base_url)) as stranger:
        assert stranger.post("/upload", data={"csrf": real}, files=files).status_code == 403
    good = client.post("/upload", data={"csrf": real}, files=files, headers={"origin": "http://evil.example"})
    assert good.status_code == 403


def test_size_limit(client):
    big = b"x" * int(LIMIT_MB * 1024 * 1024 + 10)
    page = client.post("/upload", data={"csrf": token(client)}, files=[("file", ("big.md", big))])
    assert page.status_code == 413 and "MB" in page.text
    assert client.post("/api/audit", files={"file": ("big.md", big)}).status_code == 413

    def chunks():  # no Content-Length: the streamed body is counted
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n\r\n'
        for _ in range(int(LIMIT_MB * 4)):
            yield b"y" * (300 * 1024)
        yield b"\r\n--x--\r\n"

    streamed = client.post("/api/audit", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
    assert streamed.status_code == 413


def test_client_names_never_reach_the_file_system(client, server):
    store = server[1].state.store
    hostile = "../../../../tmp/evil<img src=x onerror=alert(1)>.md"
    job = upload(client, [(hostile, SAMPLE_MD.read_bytes())])
    job_id = job.rsplit("/", 1)[1]
    folder = Path(store.root) / job_id
    assert sorted(p.name for p in folder.iterdir()) == ["0.md"]
    assert not Path("/tmp/evil<img src=x onerror=alert(1)>.md").exists()
    page = client.get(job).text
    assert "<img src=x" not in page and "evil&lt;img src=x onerror=alert(1)&gt;.md" in page
    for path in ("/job/..%2F..%2Fetc", "/job/../etc/passwd", f"{job}/5/report.xlsx", f"{job}/0/page/1.png",
                 f"{job}/0/page/0.png", "/job/AAAAAAAAAAAAAAAAAAAAAAAA/status", "/static/../jobs.py"):
        assert client.get(path).status_code == 404, path


def test_report_content_is_escaped(client):
    # the subject of LKJ201's findings, renamed everywhere so that the findings stay
    text = SAMPLE_MD.read_text(encoding="utf-8").replace("Musrembangcam", "Musrembang<img src=x onerror=alert(1)>")
    job = upload(client, [("x.md", text.encode())])
    page = client.get(job).text
    assert "<img src=x" not in page and "Musrembang&lt;img src=x onerror=alert(1)&gt;" in page


def test_result_page_and_downloads(client):
    job = upload(client, [("raas.md", SAMPLE_MD.read_bytes()), ("clean.md", generated(31, inject=False))])
    page = client.get(job).text
    assert page.count('class="document card"') == 2
    assert "LKJ201" in page and "Tabel III.A.1" in page and "Cakupan:" in page
    assert "Tidak ada temuan" in page  # the generated report without an injection is clean
    # markdown has no page pictures: the rows as read stand in for them, the odd value marked
    assert 'class="excerpt"' in page and 'class="marked odd"' in page
    english = client.get(job, params={"lang": "en"}).text
    assert "Coverage:" in english and "No findings" in english
    xlsx = client.get(f"{job}/0/report.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]
    assert client.get(f"{job}/0/report.json").json()["documents"][0]["path"] == "raas.md"
    assert client.get(f"{job}/findings.xlsx").content[:2] == b"PK"
    assert client.get(f"{job}/0/report.pdf").status_code == 404  # markdown has no annotated PDF


def test_recheck_shows_gone_remaining_and_new(client):
    first = upload(client, [("laporan.md", generated(31, inject=True))])
    assert 'data-rule="LKJ201"' in client.get(first).text
    second = upload(client, [("laporan-v2.md", generated(31, inject=False))], previous=f"{first.rsplit('/', 1)[1]}:0")
    page = client.get(second).text
    assert "Dibanding versi sebelumnya (laporan.md)" in page
    gone = re.search(r'class="tag gone"><strong>(\d+)</strong>', page).group(1)
    assert int(gone) >= 1 and 'data-mark="new"' not in page


def test_compare_matches_by_rule_and_subject():
    class F:
        def __init__(self, rule, subject):
            self.rule, self.subject = rule, subject

    before = [("LKJ201", "a", {}), ("LKJ201", "a", {}), ("LKJ101", "b", {})]
    result = compare(before, [F("LKJ201", "a"), F("LKJ301", "c")])
    assert [g["rule"] for g in result["gone"]] == ["LKJ201", "LKJ101"]
    assert result["remaining"] == [0] and result["new"] == [1]


def test_display_name():
    assert display_name("C:\\Users\\x\\laporan.pdf") == "laporan.pdf"
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("a\x00b\n.md") == "ab.md"
    assert display_name("") == "berkas"


def test_uploads_expire(tmp_path):
    store = JobStore(Config(), keep_s=0.0, root=str(tmp_path))
    try:
        job = store.create([("raas.md", SAMPLE_MD.read_bytes())])
        deadline = time.monotonic() + 60
        while not job.done:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert os.path.isdir(job.folder)
        assert store.get(job.id) is None
        assert not os.path.exists(job.folder)
    finally:
        store.close()
    assert not os.path.exists(store.root)


def test_cli_stays_light_and_serve_is_listed():
    code = "import sys, auditor.cli; print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output


@pytest.mark.slow
def test_pdf_findings_drawn_on_their_pages_sentences_and_rows_too():
    """Every finding about the sample PDF shows its page with its box: the sentences of LKJ301, LKJ304 and LKJ305
    as sentences (on both pages of one that runs over a page break), LKJ502's rows as the whole row."""
    with serving(max_upload_mb=20) as (url, _), httpx.Client(base_url=url, timeout=120) as client:
        page = client.get(upload(client, [("raas.pdf", (ROOT / "samples" / "lkjip-raas-2020.pdf").read_bytes())])).text
    findings = re.findall(r'<article class="finding[^>]*data-rule="(LKJ\d+)".*?</article>', page, re.S)
    articles = re.findall(r'<article class="finding.*?</article>', page, re.S)
    assert len(articles) == len(findings) >= 14
    for rule, article in zip(findings, articles):
        pages = re.findall(r'<figcaption>Halaman (\d+)', article)
        assert pages and "Letak sel tidak ditemukan" not in article, rule
        if rule in ("LKJ301", "LKJ304", "LKJ305"):
            assert 'rect class="sentence' in article, rule
        if rule == "LKJ502":
            width = re.search(r'<rect class="cell" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', article).group(1)
            assert float(width) > 400, rule  # the row across the table, not its number cell
    assert any({"35", "36"} <= set(re.findall(r'<figcaption>Halaman (\d+)', a)) for a in articles)
