"""The web app: server-rendered pages (:mod:`.pages`) and a JSON API (:mod:`.api`) over one store,
behind the limits, token checks and headers of :mod:`.security`.

The OpenAPI document is at ``/openapi.json``; there is no Swagger UI (it would load from a CDN).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import connect
from . import api, pages
from .context import WebContext
from .security import BodyLimit, security_headers
from .settings import DEFAULT_LIMITS, Limits, Settings


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    auth: bool = True,
    max_body_bytes: int = DEFAULT_LIMITS.max_body_bytes,
    max_files: int = DEFAULT_LIMITS.max_files,
    max_articles: int = DEFAULT_LIMITS.max_articles,
) -> FastAPI:
    """The app over the store at ``db`` (created, empty, if missing). ``auth=False`` lets anyone
    who reaches it write: only for a server bound to a loopback address (see
    :func:`.security.check_config`). A limit that is not a positive number is a ConfigError."""
    limits = Limits(max_body_bytes=max_body_bytes, max_files=max_files, max_articles=max_articles)
    settings = Settings(Path(db), token or None, auth, limits)
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
    # Added last, so outermost: an oversized body is refused before any other layer reads it.
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.include_router(pages.router)
    app.include_router(api.router)
    return app


async def _http_error(request: Request, exc: Exception):
    """Errors as a page under the site navigation, except on the API (JSON ``{"detail"}``)."""
    assert isinstance(exc, StarletteHTTPException)
    if not request.url.path.startswith("/api/") and request.url.path != "/openapi.json":
        return pages.render_page(
            request.app.state.web,
            "error.html.j2",
            request,
            status_code=exc.status_code,
            title=f"Error {exc.status_code}",
            message=str(exc.detail),
        )
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
