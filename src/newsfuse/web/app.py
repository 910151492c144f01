"""The web app: server-rendered pages (:mod:`.pages`) and a JSON API (:mod:`.api`) over one store,
behind the limits, token checks and headers of :mod:`.security`.

The OpenAPI document is at ``/openapi.json``; there is no Swagger UI (it would load from a CDN).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from .. import __version__
from ..errors import ConfigError
from ..inputs.fetch import FetchPolicy
from ..store import connect
from ..store.db import is_postgres
from . import api, pages
from .context import WebContext
from .security import BodyLimit, HeadAsGet, security_headers
from .settings import DEFAULT_LIMITS, Limits, Settings


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    auth: bool = True,
    max_body_bytes: int = DEFAULT_LIMITS.max_body_bytes,
    max_files: int = DEFAULT_LIMITS.max_files,
    max_articles: int = DEFAULT_LIMITS.max_articles,
    fetch_policy: FetchPolicy | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (created, empty, if missing). ``auth=False`` lets anyone
    who reaches it write: only for a server bound to a loopback address (see
    :func:`.security.check_config`). A limit that is not a positive number is a ConfigError.
    ``fetch_policy`` is how sent URLs are fetched; one with ``allow_private`` is a ConfigError
    (the tests reach their own server with ``allow_networks``)."""
    if fetch_policy is not None and fetch_policy.allow_private:
        raise ConfigError("the web app never reads private addresses: --allow-private is for the command line only")
    limits = Limits(max_body_bytes=max_body_bytes, max_files=max_files, max_articles=max_articles)
    settings = Settings(db if is_postgres(db) else Path(db), token or None, auth, limits, fetch_policy)
    connect(settings.db).close()  # create and migrate up front, not on the first request

    app = FastAPI(
        title="newsfuse",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Cross-checked news stories: every fact with the sources that agree, disagree or stay silent.",
    )
    app.state.web = WebContext(settings)
    app.middleware("http")(security_headers)
    app.add_middleware(HeadAsGet)
    # Added last, so outermost: an oversized body is refused before any other layer reads it.
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes, respond=_error_response)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(pages.router)
    app.include_router(api.router)
    return app


def _is_page(path: str) -> bool:
    return not path.startswith("/api/") and path != "/openapi.json"


def _error_response(scope: Scope, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error as a page under the site navigation, except on the API (JSON ``{"detail"}``)."""
    if _is_page(scope["path"]):
        request = Request(scope)
        return pages.render_page(
            scope["app"].state.web,
            "error.html.j2",
            request,
            status_code=status,
            title=f"Error {status}",
            message=message,
        )
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception):
    assert isinstance(exc, StarletteHTTPException)
    if _is_page(request.url.path):
        return _error_response(request.scope, exc.status_code, str(exc.detail))
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception):
    """A query parameter that is not what the route takes: 422, as a page on a page (the API
    keeps FastAPI's JSON list of errors, as its OpenAPI document says)."""
    assert isinstance(exc, RequestValidationError)
    if not _is_page(request.url.path):
        return await request_validation_exception_handler(request, exc)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    )
    return _error_response(request.scope, 422, f"Invalid request ({problems}).")
