"""Who may write, how much a request may carry, and what a page may run.

- Writes need the token given at start (``Authorization: Bearer …`` for the API, the form field
  ``token`` or the ``newsfuse_token`` cookie for the HTML form), unless auth is off, which is
  allowed only on a loopback address (and then only requests addressed to a loopback host name
  may write, against DNS rebinding); an HTML form post from another origin is refused. The
  write routes get this as a dependency: :func:`api_writer`, :func:`form_writer`.
- Request bodies, uploaded files and articles per request are limited (413 beyond): the body by
  the :class:`BodyLimit` middleware before anything parses it, files and articles as they are read.
- Every response carries a Content-Security-Policy (pages: scripts only from this app, or by hash
  on report pages; no inline script elsewhere) and headers against sniffing, framing and referrers.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from ..errors import ConfigError
from .context import Ctx
from .settings import Limits, Settings

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
COOKIE = "newsfuse_token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
MAX_FORM_FIELDS = 50


# -- configuration ---------------------------------------------------------------------------------


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


# -- headers ---------------------------------------------------------------------------------------


async def security_headers(request: Request, call_next) -> Response:
    """HTTP middleware: every response gets these unless its route set its own (pages set a CSP)."""
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", API_CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


# -- limits ----------------------------------------------------------------------------------------


ErrorResponder = Callable[[Scope, int, str], Response]


class BodyLimit:
    """ASGI middleware: a request body larger than the limit gets 413 before it is parsed: by
    Content-Length up front, else while it streams in (chunked, no Content-Length). Then the app
    reads a disconnect, whatever it does about it is dropped, and the 413 is the answer.

    ``respond`` makes the error response (an HTML page for a page, JSON for the API)."""

    def __init__(self, app, limit: int, respond: ErrorResponder | None = None) -> None:
        self.app, self.limit, self.respond = app, limit, respond or _json_error

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        message = f"request too large: the limit is {self.limit:,} bytes"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await self.respond(scope, 413, message)(scope, receive, send)
        seen = 0
        started = over = False

        async def counted():
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            received = await receive()
            if received["type"] == "http.request":
                seen += len(received.get("body", b""))
                if seen > self.limit:
                    over = True
                    if not started:
                        await self.respond(scope, 413, message)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return received

        async def guarded_send(sent):
            nonlocal started
            if over:
                return  # the 413 was the answer
            if sent["type"] == "http.response.start":
                started = True
            await send(sent)

        try:
            await self.app(scope, counted, guarded_send)
        except Exception:
            # The app stopped on the disconnect (frameworks wrap it in their own errors and
            # exception groups): answered already.
            if not over:
                raise


class HeadAsGet:
    """ASGI middleware: HEAD is answered as GET would be, without the body (RFC 9110: every
    resource that answers GET answers HEAD; FastAPI's routes list GET only)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def without_body(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def _json_error(scope: Scope, status: int, message: str) -> Response:
    return JSONResponse({"detail": message}, status_code=status, headers={"Content-Security-Policy": API_CSP})


@dataclass(frozen=True)
class Form:
    fields: dict[str, str]
    files: list[UploadFile]


async def read_form(request: Request, limits: Limits) -> Form:
    """The multipart (or urlencoded) form of the request, with at most ``limits.max_files`` files."""
    # One file over the limit is enough to tell "too many" with our own message.
    form = await request.form(max_files=limits.max_files + 1, max_fields=MAX_FORM_FIELDS)
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile) and v.filename]
    if len(files) > limits.max_files:
        raise StarletteHTTPException(413, f"too many files: at most {limits.max_files} per request")
    return Form(fields, files)


def check_article_count(articles: list[Any], limits: Limits) -> None:
    if len(articles) > limits.max_articles:
        raise StarletteHTTPException(413, f"too many articles: at most {limits.max_articles} per request")


# -- who may write ---------------------------------------------------------------------------------


def check_write(request: Request, settings: Settings, *, form_token: str | None = None, api_call: bool) -> None:
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


async def api_writer(request: Request, ctx: Ctx) -> None:
    """Dependency of the API's write routes: the bearer token (or a loopback host without auth)."""
    check_write(request, ctx.settings, api_call=True)


async def form_writer(request: Request, ctx: Ctx) -> Form:
    """Dependency of the HTML form's post: its token travels in the form, so the form is read
    (within the limits) first, then the token, cookie and origin are checked."""
    form = await read_form(request, ctx.settings.limits)
    check_write(request, ctx.settings, form_token=form.fields.get("token") or None, api_call=False)
    return form


def _host_name(host: str) -> str:
    """The name part of a Host header, without the port ("[::1]:8000" -> "[::1]")."""
    host = host.lower()
    return host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
