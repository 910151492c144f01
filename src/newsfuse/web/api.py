"""The JSON API: ``GET /api/stories``, ``GET /api/stories/{id}``, ``GET /api/stories/{id}/report``,
``POST /api/articles``; described by the OpenAPI document at ``/openapi.json``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..inputs import InputProblem, ReadResult, unique_ids
from ..inputs.errors import BadInput
from ..inputs.jsonl import json_depth_exceeds, parse_record
from ..model import Article, Report, report_to_json
from ..store import PendingReport, StoryFilter, search_stories, transaction, with_details
from ..store.feeds import feed_statuses
from . import uploads
from .context import Ctx
from .security import api_writer, check_article_count, read_form
from .settings import DEFAULT_LIMITS, MAX_OFFSET, PENDING_RETRY_AFTER

router = APIRouter()


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
    articles: list[ArticleIn] = Field(default_factory=list)
    urls: list[str] = Field(
        default_factory=list,
        description="http(s) pages to fetch and read (public addresses only, robots.txt honoured)",
    )


class FeedOut(BaseModel):
    url: str
    kind: str | None = Field(None, description="rss | atom | sitemap | sitemap-index, once read")
    title: str | None
    added_at: str
    last_poll: str | None = Field(None, description="the last attempt (UTC)")
    last_ok: str | None = Field(None, description="the last successful read, a 304 included (UTC)")
    next_poll: str | None
    interval_s: float | None
    polls: int
    entries: int
    added: int
    duplicates: int
    skipped: int
    retrying: int
    errors: int = Field(description="consecutive failed polls")
    last_error: str | None


class FeedsOut(BaseModel):
    feeds: list[FeedOut]


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


class IngestOut(BaseModel):
    articles: list[ArticleOut]
    added: int
    duplicates: int
    skipped: int


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "no stored story has this id (or unique id prefix)"}
}
STORY_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    503: {
        "model": ErrorOut,
        "description": "the story has no report yet: an ingest has just stored articles of it and fuses it "
        "at its end; retry after the Retry-After seconds",
    },
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a malformed multipart body"},
    401: {"model": ErrorOut, "description": "no token, or a wrong one (send Authorization: Bearer TOKEN)"},
    403: {
        "model": ErrorOut,
        "description": "the server is read-only, or the request is not addressed to a loopback host",
    },
    413: {"model": ErrorOut, "description": "body, file count, URL count or article count over the server's limits"},
    415: {"model": ErrorOut, "description": "neither application/json nor multipart/form-data"},
    422: {"model": ErrorOut, "description": "the body is not valid JSON of the documented shape"},
}
# The route reads the body itself (JSON or multipart), so FastAPI cannot describe it.
ARTICLES_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticlesIn.model_json_schema(ref_template="#/components/schemas/{model}")},
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
}


def _article_items(body: bytes) -> tuple[list[Any], list[str]]:
    """The items of ``{"articles": [...], "urls": [...]}`` (either may be left out), parsed with
    the JSON Lines reader's guards (depth, big integers) but not yet validated: each article is
    validated alone, so one bad article does not turn the others away. BadInput when the body
    itself is not of that shape."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 (byte {exc.start})") from None
    if json_depth_exceeds(text):
        raise BadInput("JSON nested too deeply; articles are flat objects")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadInput(f"not JSON ({str(exc).splitlines()[0][:120]})") from None
    if not isinstance(data, dict):
        raise BadInput('expected {"articles": [...], "urls": [...]}')
    articles, urls = data.get("articles", []), data.get("urls", [])
    if not isinstance(articles, list):
        raise BadInput('"articles" must be a list')
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise BadInput('"urls" must be a list of strings')
    return articles, urls


@router.get("/api/stories", summary="List stories", tags=["stories"])
def api_stories(
    ctx: Ctx,
    q: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    place: str | None = None,
    source: str | None = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_OFFSET, description="at most this many (clamped to the server's page limit)")
    ] = DEFAULT_LIMITS.page_size,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Story summaries, most recently updated first: ``id``, ``headline``, ``place``, ``date``,
    ``n_sources`` (independent sources), ``articles`` (ids), ``facts`` (claims and counts by status).
    ``q`` searches article titles and texts (all words must occur)."""
    with ctx.store() as c, transaction(c, write=False):
        found, total = search_stories(
            c,
            StoryFilter(q or None, date_from, date_to, place or None, source or None),
            limit=min(limit, ctx.settings.limits.max_page_size),
            offset=offset,
        )
        rows = with_details(c, found)
    return {"total": total, "stories": [r.to_json() for r in rows]}


@router.get(
    "/api/stories/{story_key:path}/report",
    summary="One story as a whole report",
    tags=["stories"],
    responses=STORY_ERRORS,
)
def api_story_report(ctx: Ctx, story_key: str) -> dict[str, Any]:
    """The contract's report object (``newsfuse/report@1.2``) for this one story and its articles."""
    return report_to_json(_story_report(ctx, story_key))


@router.get("/api/stories/{story_key:path}", summary="One story", tags=["stories"], responses=STORY_ERRORS)
def api_story(ctx: Ctx, story_key: str) -> dict[str, Any]:
    """The contract's story object (as in ``newsfuse analyze --format json``); the id may be a unique prefix."""
    return report_to_json(_story_report(ctx, story_key))["stories"][0]


def _story_report(ctx: Ctx, story_key: str) -> Report:
    """The story's stored report; 404 without such a story, 503 with Retry-After while it waits
    to be fused (HTTP clients retry a 503 after Retry-After by themselves)."""
    sid = ctx.story_id_or_404(story_key)
    try:
        return ctx.report(sid)
    except PendingReport as exc:
        raise StarletteHTTPException(503, str(exc), headers={"Retry-After": str(PENDING_RETRY_AFTER)}) from None


@router.get("/api/feeds", summary="Feeds watched into this store", tags=["feeds"], response_model=FeedsOut)
def api_feeds(ctx: Ctx) -> dict[str, Any]:
    """The feeds ``newsfuse watch`` reads into this store, failing ones first: when each was last
    polled (``last_poll``) and read (``last_ok``), its entries by fate, and its last failure."""
    with ctx.store() as c:
        return {"feeds": [f.to_json() for f in feed_statuses(c)]}


@router.post(
    "/api/articles",
    summary="Add articles",
    tags=["articles"],
    response_model=IngestOut,
    responses=WRITE_ERRORS,
    openapi_extra=ARTICLES_BODY,
    dependencies=[Depends(api_writer)],
)
async def api_articles(request: Request, ctx: Ctx):
    """Ingest articles (JSON ``{"articles": [...]}`` with the JSON Lines fields and/or
    ``{"urls": [...]}`` of pages to fetch, or multipart ``files`` .txt/.html/.jsonl/.warc) and say
    which story each joined. Needs ``Authorization: Bearer TOKEN``."""
    limits = ctx.settings.limits
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    problems: list[InputProblem] = []
    articles: list[Article]
    if kind == "multipart/form-data":
        form = await read_form(request, limits)
        if "files" in form.fields or not form.files:
            return JSONResponse(
                {"detail": "send the articles as files in the multipart field 'files' (.txt, .html or .jsonl)"},
                status_code=422,
            )
        articles, problems = await uploads.read_uploads(form.files)
    elif kind == "application/json":
        try:
            items, urls = _article_items(await request.body())
        except BadInput as exc:
            return JSONResponse({"detail": f"invalid body: {exc}"}, status_code=422)
        check_article_count(items, limits)
        uploads.check_url_count(urls, ctx)
        # Each article is read on its own, as a JSON Lines line is: one that is not an article
        # (a lone surrogate, no text, a date out of range) is answered as skipped, with why.
        read: list[Article | InputProblem] = []
        for i, item in enumerate(items):
            try:
                read.append(parse_record(item, f"articles[{i}]"))
            except BadInput as exc:
                read.append(InputProblem(f"articles[{i}]", str(exc)))
        fetched, fetch_problems = await uploads.read_urls(ctx, urls)
        read += fetched
        result = ReadResult.of(unique_ids(read))
        articles, problems = result.articles, result.problems + fetch_problems
    else:
        return JSONResponse({"detail": "send application/json or multipart/form-data"}, status_code=415)
    check_article_count(articles, limits)
    return await run_in_threadpool(uploads.ingest, ctx, articles, problems)
