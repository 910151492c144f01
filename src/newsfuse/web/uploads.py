"""Adding articles from a request: uploaded files read in memory, then one ingest at a time,
answered with where each article went (shared by the form and the API)."""

from __future__ import annotations

from typing import Any

from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..inputs import InputProblem, ReadResult, unique_ids
from ..model import Article
from .context import WebContext


def _api():
    # Imported on the first write: it brings spaCy and the encoder's libraries, which reading
    # pages never needs, so `serve` starts in about a second.
    from .. import api

    return api


async def read_uploads(files: list[UploadFile]) -> tuple[list[Article], list[InputProblem]]:
    read: list[Article | InputProblem] = []
    for upload in files:
        data = await upload.read()
        result = await run_in_threadpool(_api().read_upload, upload.filename or "upload", data)
        read += result.articles + result.problems
    # One id, two texts, in two files of one upload: as ambiguous as in one file.
    merged = ReadResult.of(unique_ids(read))
    return merged.articles, merged.problems


def split_urls(text: str | None) -> list[str]:
    """The URLs of a form field: one per line (or separated by spaces)."""
    return [u for u in (text or "").split() if u]


async def read_urls(ctx: WebContext, urls: list[str]) -> tuple[list[Article], list[InputProblem]]:
    """The pages at ``urls``, fetched under the app's policy (public addresses only)."""
    if not urls:
        return [], []
    result = await run_in_threadpool(_api().read_urls, urls, ctx.settings.fetch_policy)
    return result.articles, result.problems


def check_url_count(urls: list[str], ctx: WebContext) -> None:
    limit = ctx.settings.limits.max_urls
    if len(urls) > limit:
        raise StarletteHTTPException(413, f"too many URLs: at most {limit} per request")


def ingest(ctx: WebContext, articles: list[Article], problems: list[InputProblem]) -> dict[str, Any]:
    """Ingest ``articles`` (blocking: call it in a worker thread) and report each article and
    each input problem as the API's ``IngestOut``."""
    results: list[dict] = []
    if articles:
        with ctx.ingest_lock:
            _, results = _api().ingest_and_locate(articles, ctx.settings.db)
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
