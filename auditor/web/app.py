"""The Starlette application: upload, progress, result pages, downloads and the JSON API.

Safe by default: every id in a URL is random and checked against the job store (no client-supplied
path reaches the file system), forms carry a CSRF token matched against a SameSite cookie, the
request body is capped, templates escape everything, and a Content-Security-Policy allows only this
server's own scripts, styles and images.
"""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import os
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from auditor.config import Config
from auditor.formats import FORMATS, Options
from auditor.formats.common import json_header
from auditor.web.i18n import LANGS, words
from auditor.web.jobs import Job, JobStore, Upload, compare
from auditor.web.pages import odd_locations

HERE = os.path.dirname(__file__)
CSRF_COOKIE, CSRF_FIELD, LANG_COOKIE = "lkjip_csrf", "csrf", "lkjip_lang"
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
SWEEP_S = 30.0  # how often expired uploads are looked for
MAX_FIGURES = 6  # page pictures beside one finding; the rest of its locations are listed in words


@dataclass
class Settings:
    config: Config
    max_upload_mb: float = 50.0
    keep_minutes: float = 60.0
    workers: int = 1
    temp_root: str | None = None


class BodyLimit:
    """ASGI middleware: answers 413 to a request whose body is larger than `limit` bytes, declared or streamed."""

    def __init__(self, app, limit: int, message) -> None:
        self.app, self.limit, self.message = app, limit, message

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await self._refuse(scope, send)
        received, started = 0, False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope, send):
        response = self.message(scope)
        await response(scope, _nothing, send)


class _TooLarge(Exception):
    pass


async def _nothing():
    return {"type": "http.disconnect"}


def create_app(settings: Settings) -> Starlette:
    store = JobStore(settings.config, keep_s=settings.keep_minutes * 60, workers=settings.workers,
                     root=settings.temp_root)
    templates = Environment(loader=FileSystemLoader(os.path.join(HERE, "templates")),
                            autoescape=select_autoescape(default=True, default_for_string=True))
    limit = int(settings.max_upload_mb * 1024 * 1024)

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
        return lang if lang in LANGS else "id"

    def page(request: Request, name: str, code: int = 200, **context) -> HTMLResponse:
        lang = lang_of(request)
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        html = templates.get_template(name).render(
            lang=lang, w=words(lang), csrf=token, path=request.url.path, max_mb=f"{settings.max_upload_mb:g}",
            keep_minutes=f"{settings.keep_minutes:g}", **context)
        response = HTMLResponse(html, status_code=code, headers=SECURITY_HEADERS)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    def message_page(request: Request, key: str, code: int, **fields) -> HTMLResponse:
        return page(request, "message.html", code, text=words(lang_of(request))[key].format(**fields))

    def same_origin(request: Request) -> bool:
        """A browser names the page that sent a request in Origin (or Sec-Fetch-Site); scripts send neither."""
        if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return False
        origin = request.headers.get("origin")
        if origin is None:
            return True
        return urlsplit(origin).netloc == request.headers.get("host")

    async def index(request: Request) -> Response:
        return page(request, "index.html")

    async def upload(request: Request) -> Response:
        form = await request.form(max_files=50, max_fields=10)
        cookie = request.cookies.get(CSRF_COOKIE) or ""
        token = str(form.get(CSRF_FIELD) or "")
        if not (cookie and hmac.compare_digest(cookie, token) and same_origin(request)):
            return message_page(request, "forbidden", 403)
        files = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
        if not files:
            return message_page(request, "no_file", 400)
        contents = [(f.filename, await f.read()) for f in files]
        previous = _previous(store, str(form.get("previous") or ""))
        job = await run_in_threadpool(store.create, contents, previous)
        return RedirectResponse(f"/job/{job.id}", status_code=303)

    async def job_page(request: Request) -> Response:
        job = store.get(request.path_params["job"])
        if job is None:
            return message_page(request, "not_found", 404)
        if not job.done:
            return page(request, "progress.html", job=job, status=job.status())
        lang = lang_of(request)
        documents = [_document_view(job, i, upload, lang) for i, upload in enumerate(job.uploads)]
        return page(request, "result.html", job=job, documents=documents)

    async def status(request: Request) -> Response:
        job = store.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"error": "not found"}, status_code=404, headers=SECURITY_HEADERS)
        return JSONResponse(job.status(), headers=SECURITY_HEADERS)

    def finished(request: Request) -> Upload | None:
        upload = store.upload(request.path_params["job"], request.path_params["n"])
        return upload if upload is not None and upload.state == "done" else None

    async def page_image(request: Request) -> Response:
        upload = finished(request)
        path = await run_in_threadpool(store.page_png, upload, request.path_params["page"]) if upload else None
        if path is None:
            return Response(status_code=404, headers=SECURITY_HEADERS)
        return FileResponse(path, media_type="image/png", headers={**SECURITY_HEADERS, "cache-control": "private, max-age=3600"})

    async def download(request: Request) -> Response:
        upload = finished(request)
        kind = request.path_params["kind"]
        if upload is None or kind not in ("xlsx", "json", "pdf"):
            return message_page(request, "not_found", 404)
        lang = lang_of(request)
        stem = os.path.splitext(upload.name)[0]
        if kind == "pdf":
            if not upload.is_pdf or upload.report.status != "ok":
                return message_page(request, "not_found", 404)
            path = await run_in_threadpool(_annotated, store, upload, lang)
            if path is None:
                return message_page(request, "not_found", 404)
            return FileResponse(path, media_type="application/pdf", headers=SECURITY_HEADERS,
                                filename=f"{stem}-ditandai.pdf" if lang == "id" else f"{stem}-annotated.pdf")
        name = "excel" if kind == "xlsx" else "json"
        body = FORMATS[name].render([upload.report], lang)
        media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "xlsx"
                 else "application/json")
        return _attachment(body, media, f"{stem}-temuan.{kind}" if lang == "id" else f"{stem}-findings.{kind}")

    async def download_all(request: Request) -> Response:
        job = store.get(request.path_params["job"])
        if job is None or not job.done:
            return message_page(request, "not_found", 404)
        lang = lang_of(request)
        body = FORMATS["excel"].render([u.report for u in job.uploads], lang)
        return _attachment(body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "temuan.xlsx" if lang == "id" else "findings.xlsx")

    async def switch_lang(request: Request) -> Response:
        lang = request.path_params["lang"]
        target = request.query_params.get("next", "/")
        # only a path of this server: no scheme, no host, no protocol-relative //
        if not target.startswith("/") or target.startswith("//") or "\\" in target or urlsplit(target).netloc:
            target = "/"
        response = RedirectResponse(target, status_code=303, headers=SECURITY_HEADERS)
        if lang in LANGS:
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", path="/", max_age=365 * 24 * 3600)
        return response

    async def api_audit(request: Request) -> Response:
        """POST a multipart form with one or more `file` fields; answers `check --format json` for them."""
        if not same_origin(request):
            return JSONResponse({"error": "cross-site request refused"}, status_code=403, headers=SECURITY_HEADERS)
        try:
            form = await request.form(max_files=50, max_fields=10)
        except HTTPException:  # a body that is not multipart form data
            return JSONResponse({"error": "send multipart/form-data with a 'file' field"}, status_code=400,
                                headers=SECURITY_HEADERS)
        files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        if not files:
            return JSONResponse({"error": "send multipart/form-data with a 'file' field"}, status_code=400,
                                headers=SECURITY_HEADERS)
        lang = request.query_params.get("lang", "id")
        lang = lang if lang in LANGS else "id"
        contents = [(f.filename, await f.read()) for f in files]
        reports = await asyncio.wrap_future(store.audit_now(contents))
        return Response(FORMATS["json"].render(reports, lang, Options(extra=json_header(store.config))),
                        media_type="application/json",
                        headers=SECURITY_HEADERS)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async def sweep():  # uploads are deleted on time even when nobody visits the page
            while True:
                await asyncio.sleep(SWEEP_S)
                await run_in_threadpool(store.expire)

        sweeper = asyncio.create_task(sweep())
        try:
            yield
        finally:
            sweeper.cancel()
            store.close()

    def too_large(scope) -> Response:
        if scope["path"].startswith("/api/"):
            return JSONResponse({"error": f"upload larger than {settings.max_upload_mb:g} MB"}, status_code=413)
        lang = Request(scope).cookies.get(LANG_COOKIE)
        text = words(lang if lang in LANGS else "id")["too_large"].format(mb=f"{settings.max_upload_mb:g}")
        html = templates.get_template("message.html").render(
            lang=lang if lang in LANGS else "id", w=words(lang if lang in LANGS else "id"), text=text, path="/")
        return HTMLResponse(html, status_code=413, headers=SECURITY_HEADERS)

    routes = [
        Route("/", index),
        Route("/upload", upload, methods=["POST"]),
        Route("/job/{job}", job_page),
        Route("/job/{job}/status", status),
        Route("/job/{job}/findings.xlsx", download_all),
        Route("/job/{job}/{n:int}/page/{page:int}.png", page_image),
        Route("/job/{job}/{n:int}/report.{kind}", download),
        Route("/lang/{lang}", switch_lang),
        Route("/api/audit", api_audit, methods=["POST"]),
        Mount("/static", StaticFiles(directory=os.path.join(HERE, "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = store
    app.add_middleware(BodyLimit, limit=limit, message=too_large)
    return app


def _previous(store: JobStore, value: str) -> tuple[str, int] | None:
    job_id, _, index = value.partition(":")
    if not index.isdigit() or store.upload(job_id, int(index)) is None:
        return None
    return job_id, int(index)


def _attachment(body: str | bytes, media: str, filename: str) -> Response:
    response = Response(body, media_type=media, headers=SECURITY_HEADERS)
    response.headers["content-disposition"] = f'attachment; filename="{_ascii(filename)}"'
    return response


def _ascii(name: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_. ") else "_" for ch in name) or "download"


def _annotated(store: JobStore, upload: Upload, lang: str) -> str | None:
    from auditor.errors import InputError
    from auditor.guard import WorkerError, run_limited

    out = f"{upload.path}.annotated-{lang}.pdf"
    if not os.path.exists(out):
        try:
            run_limited(_annotate, upload.path, upload.report, out, lang, timeout_s=store.config.timeout,
                        memory_mb=store.config.max_memory)
        except (InputError, WorkerError):
            return None
    return out


def _annotate(path: str, report, out: str, lang: str) -> None:
    from auditor.annotate import annotate

    annotate(report, path, out, lang)


def _document_view(job: Job, index: int, upload: Upload, lang: str) -> dict:
    """What the result template shows of one file: summary, findings grouped by table with their page pictures."""
    report = upload.report
    view = {"index": index, "name": upload.name, "report": report, "is_pdf": upload.is_pdf,
            "errors": report.count("error"), "warnings": report.count("warning"), "infos": report.count("info"),
            "error": report.error.texts[lang] if report.error else None, "groups": [], "comparison": None,
            "notices": [notice[lang] for notice in report.notices]}
    if report.status != "ok":
        return view
    marks: dict[int, str] = {}
    if index == 0 and job.previous_findings is not None:
        comparison = compare(job.previous_findings, report.findings)
        for i in comparison["remaining"]:
            marks[i] = "remaining"
        for i in comparison["new"]:
            marks[i] = "new"
        view["comparison"] = {"gone": comparison["gone"], "remaining": len(comparison["remaining"]),
                              "new": len(comparison["new"]), "name": job.previous_name}
    cells = upload.cells or {"sizes": {}, "boxes": []}
    groups: dict[str, dict] = {}
    for i, finding in enumerate(report.findings):
        table = next((loc.table for loc in finding.locations if loc.table), None)
        key = table or ""
        first_page = min((loc.page for loc in finding.locations if loc.page), default=10 ** 6)
        group = groups.setdefault(key, {"table": table, "findings": [], "page": first_page})
        group["page"] = min(group["page"], first_page)
        boxes = cells["boxes"][i] if i < len(cells["boxes"]) else []
        odd = odd_locations(finding)
        figures: dict[int, dict] = {}
        for j, location in enumerate(finding.locations):
            if not location.page or not upload.is_pdf:
                continue
            marked = boxes[j] if j < len(boxes) else []
            # the location's own page, and any page a sentence runs on to
            for page in dict.fromkeys([location.page, *(box[0] for box in marked)]):
                figure = _figure(figures, page, cells["sizes"], job.id, index)
                if figure is None:
                    continue
                for _, x0, y0, x1, y1 in (box for box in marked if box[0] == page):
                    figure["boxes"].append({"x": x0 * figure["width"], "y": y0 * figure["height"],
                                            "w": (x1 - x0) * figure["width"], "h": (y1 - y0) * figure["height"],
                                            "odd": j in odd, "kind": "cell" if location.table else "sentence",
                                            "text": location.text})
        for figure in figures.values():
            figure["crop"] = _crop(figure)
        placed = any(figure["boxes"] for figure in figures.values())
        group["findings"].append({"finding": finding, "message": finding.message(lang), "mark": marks.get(i),
                                  "excerpts": [] if placed else _excerpts(finding, report.excerpts, odd),
                                  "where": [loc.describe(lang) for loc in finding.locations],
                                  "figures": sorted(figures.values(), key=_odd_first), "id": f"f{index}-{i}"})
    view["groups"] = sorted(groups.values(), key=lambda g: (g["table"] is None, g["page"]))
    return view


def _figure(figures: dict[int, dict], page: int, sizes: dict, job_id: str, index: int) -> dict | None:
    """The picture of `page` for one finding, made on first use; None past MAX_FIGURES pages."""
    figure = figures.get(page)
    if figure is None and len(figures) < MAX_FIGURES:
        width, height = sizes.get(page) or sizes.get(str(page)) or (595.0, 842.0)
        figure = figures[page] = {"page": page, "width": width, "height": height,
                                  "src": f"/job/{job_id}/{index}/page/{page}.png", "boxes": []}
    return figure


def _excerpts(finding, excerpts: dict, odd: set[int]) -> list[dict]:
    """Where there is no page picture (markdown, Word): the rows of the finding's cells as read, per table, with
    the cells marked ("odd" for the odd value)."""
    tables: dict[str, dict] = {}
    for j, location in enumerate(finding.locations):
        excerpt = excerpts.get(location.table or "")
        mark = next((m for m in excerpt["marks"] if (m["row"], m["column"], m["text"])
                     == (location.row, location.column, location.text)), None) if excerpt else None
        if mark is None:
            continue
        row_index, column = mark["at"]
        source = next((r for r in excerpt["rows"] if r["index"] == row_index), None)
        if source is None:
            continue
        table = tables.setdefault(location.table, {"table": location.table, "columns": excerpt["columns"], "rows": {}})
        row = table["rows"].setdefault(row_index, [{"text": cell, "mark": None} for cell in source["cells"]])
        if 0 <= column < len(row):
            row[column]["mark"] = "odd" if j in odd else (row[column]["mark"] or "cell")
    return [{**t, "rows": [t["rows"][k] for k in sorted(t["rows"])]} for t in tables.values()]


def _odd_first(figure: dict) -> tuple:
    """The page that prints the odd value comes first, then the others in page order."""
    return (not any(b["odd"] for b in figure["boxes"]), figure["page"])


def _crop(figure: dict) -> str:
    """SVG viewBox of the band of the page around the highlighted cells (the whole page when none was found)."""
    width, height = figure["width"], figure["height"]
    if not figure["boxes"]:
        return f"0 0 {width:g} {height:g}"
    top = min(b["y"] for b in figure["boxes"]) - 80
    bottom = max(b["y"] + b["h"] for b in figure["boxes"]) + 80
    band = max(bottom - top, width * 0.35)  # never a thin strip: a readable part of the table around the cell
    top = max(0.0, min(top - (band - (bottom - top)) / 2, height - band))
    return f"0 {top:.1f} {width:g} {min(band, height):.1f}"
