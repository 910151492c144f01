"""The HTML pages: ``/`` (stories: search, filters), ``/stories/{id}`` (the report page of one
story, the same rendering as ``newsfuse show --format html``), ```/add`` (paste text or URLs,
upload files), ``/feeds`` (what ``newsfuse watch`` reads: when each feed was last read, what
failed), and the static assets. All text is escaped by Jinja2 autoescaping."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..inputs import InputProblem, parse_text
from ..inputs.errors import BadInput, check_published
from ..render.html import page_csp, render_story_page
from ..store import (
    PendingReport,
    StoreError,
    StoryFilter,
    distinct_values,
    has_report,
    pending_story,
    search_stories,
    story_version,
    transaction,
    with_details,
)
from ..store.feeds import feed_statuses
from . import uploads
from .context import Ctx, WebContext, resolved_or_404
from .security import COOKIE, PAGE_CSP, Form, check_article_count, form_writer
from .settings import DEFAULT_LIMITS, MAX_OFFSET, PENDING_RETRY_AFTER
from .templating import STATIC, nav, story_href

router = APIRouter(include_in_schema=False)


def render_page(ctx: WebContext, name: str, request: Request, status_code: int = 200, **context) -> HTMLResponse:
    html = ctx.templates.get_template(name).render(nav=nav(), request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code, headers={"Content-Security-Policy": PAGE_CSP})


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    ctx: Ctx,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    source: str | None = None,
    page_no: Annotated[int, Query(ge=1, le=MAX_OFFSET // DEFAULT_LIMITS.page_size)] = 1,
):
    errors: list[str] = []
    flt = StoryFilter(
        q=q or None,
        date_from=_date(date_from, "from", errors),
        date_to=_date(date_to, "to", errors),
        place=place or None,
        source=source or None,
    )
    size = ctx.settings.limits.page_size
    with ctx.store() as c, transaction(c, write=False):
        found, total = search_stories(c, flt, limit=size, offset=(page_no - 1) * size)
        rows = with_details(c, found)
        places, sources = distinct_values(c, "place"), distinct_values(c, "source")
    params = {
        k: v
        for k, v in (("q", q), ("date_from", date_from), ("date_to", date_to), ("place", place), ("source", source))
        if v
    }
    more = page_no * size < total
    return render_page(
        ctx,
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


@router.get("/stories/{story_key:path}", response_class=HTMLResponse)
def story_page(request: Request, ctx: Ctx, story_key: str):
    with ctx.store() as c:
        sid = resolved_or_404(c, story_key)
        # No version while the story is pending: a page cached from its last report would show a
        # report that no longer lists its articles.
        version = story_version(c, sid) if has_report(c, sid) else None
    if sid != story_key:
        return RedirectResponse(story_href(sid), status_code=307)
    html = None if version is None else ctx.pages.get((sid, version))
    if html is None:
        try:
            report = ctx.report(sid)
        except PendingReport:
            return pending_page(request, ctx, sid)
        except StoreError as exc:
            raise StarletteHTTPException(404, str(exc)) from None
        html = render_story_page(report, sid, nav=nav())
        if version is not None:
            ctx.pages.put((sid, version), html)
    return HTMLResponse(html, headers={"Content-Security-Policy": page_csp() + "; frame-ancestors 'none'"})


def pending_page(request: Request, ctx: WebContext, story_id: str) -> HTMLResponse:
    """A story whose report an ingest has yet to fuse: its articles, and a 503 with Retry-After
    (a crawler comes back for the report instead of keeping this page)."""
    with ctx.store() as c:
        try:
            story = pending_story(c, story_id)
        except StoreError as exc:  # merged away meanwhile
            raise StarletteHTTPException(404, str(exc)) from None
    response = render_page(
        ctx,
        "pending.html.j2",
        request,
        status_code=503,
        title=story.headline or "Story",
        story=story,
        retry_after=PENDING_RETRY_AFTER,
    )
    response.headers["Retry-After"] = str(PENDING_RETRY_AFTER)
    return response


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request, ctx: Ctx):
    return render_page(
        ctx,
        "add.html.j2",
        request,
        title="Add articles",
        result=None,
        errors=[],
        needs_token=_needs_token(ctx, request),
        limits=ctx.settings.limits,
    )


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request, ctx: Ctx, form: Annotated[Form, Depends(form_writer)]):
    articles, problems = await uploads.read_uploads(form.files)
    urls = uploads.split_urls(form.fields.get("urls"))
    uploads.check_url_count(urls, ctx)
    fetched, fetch_problems = await uploads.read_urls(ctx, urls)
    articles, problems = articles + fetched, problems + fetch_problems
    errors: list[str] = []
    text = (form.fields.get("text") or "").strip("\ufeff")
    if text.strip():
        try:
            published = _date(form.fields.get("published"), "published", errors)
            articles.insert(
                0,
                parse_text(
                    text.replace("\r\n", "\n"),
                    "pasted text",
                    title=form.fields.get("title") or None,
                    source=form.fields.get("source") or "pasted text",
                    url=form.fields.get("url") or None,
                    published=published,
                ),
            )
        except BadInput as exc:
            problems.insert(0, InputProblem("pasted text", str(exc)))
    if not articles and not problems:
        errors.append("Nothing to add: paste a text or URLs, or choose files.")
    check_article_count(articles, ctx.settings.limits)
    result = await run_in_threadpool(uploads.ingest, ctx, articles, problems) if (articles or problems) else None
    response = render_page(
        ctx,
        "add.html.j2",
        request,
        title="Add articles",
        result=result,
        errors=errors,
        needs_token=False,
        limits=ctx.settings.limits,
    )
    settings = ctx.settings
    if settings.auth and settings.token and form.fields.get("token"):
        response.set_cookie(
            COOKIE, settings.token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
    return response


@router.get("/feeds", response_class=HTMLResponse)
def feeds_page(request: Request, ctx: Ctx):
    with ctx.store() as c:
        feeds = feed_statuses(c)
    return render_page(ctx, "feeds.html.j2", request, title="Feeds", feeds=feeds)


@router.get("/static/{name}")
def static(name: str):
    asset = STATIC.get(name)
    if asset is None:
        raise StarletteHTTPException(404, "no such asset")
    body, kind = asset
    return Response(
        body, media_type=kind.split(";")[0], headers={"Content-Type": kind, "Cache-Control": "public, max-age=3600"}
    )


@router.get("/favicon.ico")
def favicon():
    return static("favicon.svg")


def _needs_token(ctx: WebContext, request: Request) -> bool:
    return ctx.settings.auth and bool(ctx.settings.token) and not request.cookies.get(COOKIE)


def _date(value: str | None, what: str, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return check_published(dt.date.fromisoformat(value.strip()), f"the {what}")
    except BadInput as exc:
        errors.append(f"Ignored {exc}.")
        return None
    except ValueError:
        errors.append(f"Ignored the {what} date {value[:40]!r}: expected YYYY-MM-DD.")
        return None
