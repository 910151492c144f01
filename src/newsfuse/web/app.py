"""The web app: server-rendered pages and a JSON API over one store.

Pages: ``/`` (stories: search, filters), ``/stories/{id}`` (the report page of one story, the
same rendering as ``newsfuse show --format html``), ``/add`` (paste text or upload files).
API: ``GET /api/stories``, ``GET /api/stories/{id}``, ``GET /api/stories/{id}/report``,
``POST /api/articles``; the OpenAPI document at ``/openapi.json`` (no Swagger UI: it would load
from a CDN).

Security:
- writes need the token given at start (``Authorization: Bearer …`` for the API, the form field
  ``token`` or the ``newsfuse_token`` cookie for the HTML form), unless auth is off, which is
  allowed only on a loopback address (and then only requests addressed to a loopback host name
  may write, against DNS rebinding); an HTML form post from another origin is refused;
- request bodies, uploaded files and articles per request are limited (413 beyond);
- all text is escaped by Jinja2 autoescaping; every response carries a Content-Security-Policy
  (pages: scripts only from this app, or by hash on report pages; no inline script elsewhere);
- static assets come from a fixed in-package dict; no route reads a path given by a request.
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import threading
from collections import OrderedDict
from contextlib import closing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConfigError
from ..inputs import InputProblem, parse_text
from ..inputs.errors import BadInput
from ..inputs.jsonl import parse_record
from ..model import report_to_json
from ..render.html import page_csp, render_story_page
from ..store import (
    StoreError,
    StoryFilter,
    connect,
    distinct_values,
    resolve_story,
    search_stories,
    story_version,
    transaction,
    with_details,
)
from ..store import stored_report as load_stored_report

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
COOKIE = "newsfuse_token"
PAGE_SIZE = 50
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


@dataclass(frozen=True)
class Settings:
    db: Path
    token: str | None = None
    auth: bool = True  # False: anyone who can reach the (loopback) server may write
    max_body_bytes: int = 10 * 1024 * 1024
    max_files: int = 20
    max_articles: int = 200


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_config(host: str, token: str | None, no_auth: bool) -> None:
    """Refuse unsafe combinations: no token on a non-loopback address, --no-auth off loopback."""
    if no_auth and not is_loopback(host):
        raise ConfigError(f"--no-auth is only allowed on a loopback address (127.0.0.1), not {host}")
    if not no_auth and not token and not is_loopback(host):
        raise ConfigError(f"refusing to listen on {host} without a token: give --token or set NEWSFUSE_TOKEN")
    if token is not None and len(token) < 8:
        raise ConfigError("the token must be at least 8 characters long")


# -- assets and templates ----------------------------------------------------------------------

STATIC_TYPES = {
    "web.css": "text/css; charset=utf-8",
    "web.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def _load_static() -> dict[str, tuple[bytes, str]]:
    root = resources.files("newsfuse.web") / "static"
    return {name: ((root / name).read_bytes(), kind) for name, kind in STATIC_TYPES.items()}


STATIC: dict[str, tuple[bytes, str]] = _load_static()


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsfuse.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# -- rendered pages ------------------------------------------------------------------------------


class PageCache:
    """Rendered story pages by (story id, report version), least recently used first out, within
    a byte budget. A stored report changes only with a new version, so a page is valid until then;
    reading a story page costs one small query instead of loading and rendering the report."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple[str, int], str] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, int], page: str) -> None:
        size = len(page)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, old = self._pages.popitem(last=False)
                self._bytes -= len(old)


# -- request bodies ------------------------------------------------------------------------------


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a request body larger than the limit gets 413 before it is parsed (by
    Content-Length up front, else while it streams in)."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await _too_large(self.limit)(scope, receive, send)
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(self.limit)(scope, receive, send)


def _too_large(limit: int) -> Response:
    return JSONResponse(
        {"detail": f"request too large: the limit is {limit:,} bytes"},
        status_code=413,
        headers={"Content-Security-Policy": API_CSP},
    )


class ArticleIn(BaseModel):
    """One article, as a line of a JSON Lines input (docs/contract.md); only ``text`` is required."""

    text: str
    id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    story: str | None = Field(None, description="a grouping key: articles sharing it are one story")


class ArticlesIn(BaseModel):
    articles: list[ArticleIn]


class ArticleOut(BaseModel):
    id: str | None
    title: str | None = None
    origin: str | None = None
    status: str = Field(description="added | duplicate | skipped")
    story: str | None = None
    headline: str | None = None
    reason: str | None = None


class ErrorOut(BaseModel):
    detail: str = Field(description="what went wrong, and what to do")


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "no stored story has this id (or unique id prefix)"}
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a malformed multipart body"},
    401: {"model": ErrorOut, "description": "no token, or a wrong one (send Authorization: Bearer TOKEN)"},
    403: {
        "model": ErrorOut,
        "description": "the server is read-only, or the request is not addressed to a loopback host",
    },
    413: {"model": ErrorOut, "description": "body, file count or article count over the server's limits"},
    415: {"model": ErrorOut, "description": "neither application/json nor multipart/form-data"},
    422: {"model": ErrorOut, "description": "the body is not valid JSON of the documented shape"},
}


class IngestOut(BaseModel):
    articles: list[ArticleOut]
    added: int
    duplicates: int
    skipped: int


# -- the app -----------------------------------------------------------------------------------


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    auth: bool = True,
    max_body_bytes: int = 10 * 1024 * 1024,
    max_files: int = 20,
    max_articles: int = 200,
) -> FastAPI:
    """The app over the store at ``db`` (created, empty, if missing). ``auth=False`` lets anyone
    who reaches it write: only for a server bound to a loopback address (see :func:`check_config`)."""
    settings = Settings(Path(db), token or None, auth, max_body_bytes, max_files, max_articles)
    connect(settings.db).close()  # create and migrate up front, not on the first request
    env = _environment()
    env.globals["story_href"] = _story_href
    ingest_lock = threading.Lock()
    pages = PageCache()

    app = FastAPI(
        title="newsfuse",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Cross-checked news stories: every fact with the sources that agree, disagree or stay silent.",
    )
    app.state.settings = settings

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", API_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(BodyLimit, limit=max_body_bytes)

    def page(name: str, request: Request, status_code: int = 200, **context) -> HTMLResponse:
        html = env.get_template(name).render(nav=_nav(), request_path=request.url.path, **context)
        return HTMLResponse(html, status_code=status_code, headers={"Content-Security-Policy": PAGE_CSP})

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_html(request):
            return page(
                "error.html.j2",
                request,
                status_code=exc.status_code,
                title=f"Error {exc.status_code}",
                message=str(exc.detail),
            )
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    def conn():
        return closing(connect(settings.db, create=False))

    def resolved_or_404(c, key: str) -> str:
        try:
            return resolve_story(c, key)
        except StoreError as exc:
            raise StarletteHTTPException(404, str(exc)) from None

    def story_id_or_404(key: str) -> str:
        with conn() as c:
            return resolved_or_404(c, key)

    # -- authorisation ---------------------------------------------------------------------

    def check_write(request: Request, *, form_token: str | None = None, api_call: bool) -> None:
        if not settings.auth:
            if _host_name(request.headers.get("host") or "") not in LOOPBACK_NAMES:
                raise StarletteHTTPException(403, "writes without a token are only accepted for a loopback host name")
        else:
            if not settings.token:
                raise StarletteHTTPException(
                    403, "this server is read-only: start it with --token (or NEWSFUSE_TOKEN) to allow adding articles"
                )
            given = None
            header = request.headers.get("authorization", "")
            if header.lower().startswith("bearer "):
                given = header[7:].strip()
            elif not api_call:
                given = form_token or request.cookies.get(COOKIE)
            if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
                raise StarletteHTTPException(
                    401, "a valid token is required to add articles", headers={"WWW-Authenticate": "Bearer"}
                )
        if not api_call:
            origin = request.headers.get("origin")
            if origin and origin != "null":
                if urlsplit(origin).netloc != request.headers.get("host"):
                    raise StarletteHTTPException(403, "cross-origin form posts are refused")

    # -- ingest ------------------------------------------------------------------------------

    def ingest_sync(articles: list, problems: list[InputProblem]) -> dict[str, Any]:
        results: list[dict] = []
        if articles:
            with ingest_lock:
                _, results = _api().ingest_and_locate(articles, settings.db)
        results += [
            {
                "id": None,
                "title": None,
                "origin": p.origin,
                "status": "skipped",
                "story": None,
                "headline": None,
                "reason": p.reason,
            }
            for p in problems
        ]
        return {
            "articles": results,
            "added": sum(r["status"] == "added" for r in results),
            "duplicates": sum(r["status"] == "duplicate" for r in results),
            "skipped": sum(r["status"] == "skipped" for r in results),
        }

    async def read_form(request: Request) -> tuple[dict[str, str], list]:
        form = await request.form(max_files=settings.max_files + 1, max_fields=50)
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        files = [v for k, v in form.multi_items() if not isinstance(v, str) and getattr(v, "filename", None)]
        if len(files) > settings.max_files:
            raise StarletteHTTPException(413, f"too many files: at most {settings.max_files} per request")
        return fields, files

    async def read_uploads(files: list) -> tuple[list, list[InputProblem]]:
        articles, problems = [], []
        for upload in files:
            data = await upload.read()
            result = await run_in_threadpool(_api().read_upload, upload.filename or "upload", data)
            articles += result.articles
            problems += result.problems
        return articles, problems

    def check_count(articles: list) -> None:
        if len(articles) > settings.max_articles:
            raise StarletteHTTPException(413, f"too many articles: at most {settings.max_articles} per request")

    # -- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        place: str | None = None,
        source: str | None = None,
        page_no: int = 1,
    ):
        errors: list[str] = []
        flt = StoryFilter(
            q=q or None,
            date_from=_date(date_from, "from", errors),
            date_to=_date(date_to, "to", errors),
            place=place or None,
            source=source or None,
        )
        page_no = max(1, page_no)
        with conn() as c, transaction(c, write=False):
            found, total = search_stories(c, flt, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
            rows = with_details(c, found)
            places, sources = distinct_values(c, "place"), distinct_values(c, "source")
        params = {
            k: v
            for k, v in (("q", q), ("date_from", date_from), ("date_to", date_to), ("place", place), ("source", source))
            if v
        }
        more = page_no * PAGE_SIZE < total
        return page(
            "stories.html.j2",
            request,
            title="Stories",
            rows=rows,
            total=total,
            flt=flt,
            errors=errors,
            form={
                "q": q or "",
                "date_from": date_from or "",
                "date_to": date_to or "",
                "place": place or "",
                "source": source or "",
            },
            places=places,
            sources=sources,
            page_no=page_no,
            prev_href="/?" + urlencode({**params, "page_no": page_no - 1}) if page_no > 1 else None,
            next_href="/?" + urlencode({**params, "page_no": page_no + 1}) if more else None,
        )

    @app.get("/stories/{story_key:path}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_key: str):
        with conn() as c:
            sid = resolved_or_404(c, story_key)
            version = story_version(c, sid)
        if sid != story_key:
            return RedirectResponse(_story_href(sid), status_code=307)
        key = (sid, -1 if version is None else version)
        html = pages.get(key)
        if html is None:
            try:
                report = _report(settings.db, sid)
            except StoreError as exc:
                raise StarletteHTTPException(404, str(exc)) from None
            html = render_story_page(report, sid, nav=_nav())
            pages.put(key, html)
        return HTMLResponse(html, headers={"Content-Security-Policy": page_csp() + "; frame-ancestors 'none'"})

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request):
        return page(
            "add.html.j2",
            request,
            title="Add articles",
            result=None,
            errors=[],
            needs_token=_needs_token(request),
            limits=settings,
        )

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_submit(request: Request):
        fields, files = await read_form(request)
        check_write(request, form_token=fields.get("token") or None, api_call=False)
        articles, problems = await read_uploads(files)
        errors: list[str] = []
        text = (fields.get("text") or "").strip("\ufeff")
        if text.strip():
            try:
                published = _date(fields.get("published"), "published", errors)
                articles.insert(
                    0,
                    parse_text(
                        text.replace("\r\n", "\n"),
                        "pasted text",
                        title=fields.get("title") or None,
                        source=fields.get("source") or "pasted text",
                        url=fields.get("url") or None,
                        published=published,
                    ),
                )
            except BadInput as exc:
                problems.insert(0, InputProblem("pasted text", str(exc)))
        if not articles and not problems:
            errors.append("Nothing to add: paste a text or choose files.")
        check_count(articles)
        result = await run_in_threadpool(ingest_sync, articles, problems) if (articles or problems) else None
        response = page(
            "add.html.j2",
            request,
            title="Add articles",
            result=result,
            errors=errors,
            needs_token=False,
            limits=settings,
        )
        if settings.auth and settings.token and fields.get("token"):
            response.set_cookie(
                COOKIE, settings.token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
            )
        return response

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        asset = STATIC.get(name)
        if asset is None:
            raise StarletteHTTPException(404, "no such asset")
        body, kind = asset
        return Response(
            body, media_type=kind.split(";")[0], headers={"Content-Type": kind, "Cache-Control": "public, max-age=3600"}
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return static("favicon.svg")

    def _needs_token(request: Request) -> bool:
        return settings.auth and bool(settings.token) and not request.cookies.get(COOKIE)

    # -- JSON API ------------------------------------------------------------------------------

    @app.get("/api/stories", summary="List stories", tags=["stories"])
    def api_stories(
        q: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        place: str | None = None,
        source: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """Story summaries, most recently updated first: ``id``, ``headline``, ``place``, ``date``,
        ``n_sources`` (independent sources), ``articles`` (ids), ``facts`` (claims and counts by status).
        ``q`` searches article titles and texts (all words must occur)."""
        with conn() as c, transaction(c, write=False):
            found, total = search_stories(
                c,
                StoryFilter(q or None, date_from, date_to, place or None, source or None),
                limit=max(1, min(limit, 500)),
                offset=max(0, offset),
            )
            rows = with_details(c, found)
        return {"total": total, "stories": [r.to_json() for r in rows]}

    @app.get(
        "/api/stories/{story_key:path}/report",
        summary="One story as a whole report",
        tags=["stories"],
        responses=NOT_FOUND,
    )
    def api_story_report(story_key: str) -> dict[str, Any]:
        """The contract's report object (``newsfuse/report@1``) for this one story and its articles."""
        sid = story_id_or_404(story_key)
        return report_to_json(_report(settings.db, sid))

    @app.get("/api/stories/{story_key:path}", summary="One story", tags=["stories"], responses=NOT_FOUND)
    def api_story(story_key: str) -> dict[str, Any]:
        """The contract's story object (as in ``newsfuse analyze --format json``); the id may be a unique prefix."""
        sid = story_id_or_404(story_key)
        return report_to_json(_report(settings.db, sid))["stories"][0]

    @app.post(
        "/api/articles",
        summary="Add articles",
        tags=["articles"],
        response_model=IngestOut,
        responses=WRITE_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": ArticlesIn.model_json_schema(ref_template="#/components/schemas/{model}")
                    },
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["files"],
                            "properties": {
                                "files": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {"type": "string", "format": "binary"},
                                }
                            },
                        }
                    },
                },
            }
        },
    )
    async def api_articles(request: Request):
        """Ingest articles (JSON ``{"articles": [...]}`` with the JSON Lines fields, or multipart
        ``files`` .txt/.html/.jsonl) and say which story each joined. Needs ``Authorization: Bearer TOKEN``."""
        check_write(request, api_call=True)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        problems: list[InputProblem] = []
        if kind == "multipart/form-data":
            fields, files = await read_form(request)
            if "files" in fields or not files:
                return JSONResponse(
                    {"detail": "send the articles as files in the multipart field 'files' (.txt, .html or .jsonl)"},
                    status_code=422,
                )
            articles, problems = await read_uploads(files)
        elif kind == "application/json":
            try:
                body = ArticlesIn.model_validate_json(await request.body())
            except ValueError as exc:
                return JSONResponse({"detail": f"invalid body: {exc}"}, status_code=422)
            check_count(body.articles)
            articles = []
            for i, item in enumerate(body.articles):
                try:
                    articles.append(parse_record(item.model_dump(exclude_none=True), f"articles[{i}]"))
                except BadInput as exc:
                    problems.append(InputProblem(f"articles[{i}]", str(exc)))
        else:
            return JSONResponse({"detail": "send application/json or multipart/form-data"}, status_code=415)
        check_count(articles)
        return await run_in_threadpool(ingest_sync, articles, problems)

    return app


def _host_name(host: str) -> str:
    """The name part of a Host header, without the port ("[::1]:8000" -> "[::1]")."""
    host = host.lower()
    return host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]


def _api():
    # Imported on the first write: it brings spaCy and the encoder's libraries, which reading
    # pages never needs, so `serve` starts in about a second.
    from .. import api

    return api


def _report(db: Path, story_id: str):
    with closing(connect(db, create=False)) as conn:
        return load_stored_report(conn, [story_id])


def _nav() -> list[tuple[str, str]]:
    return [("/", "newsfuse"), ("/", "Stories"), ("/add", "Add articles"), ("/openapi.json", "API")]


def _story_href(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def _date(value: str | None, what: str, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"Ignored the {what} date {value!r}: expected YYYY-MM-DD.")
        return None
