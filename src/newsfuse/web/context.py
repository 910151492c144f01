"""What every route of one app shares: its settings, templates, page cache and ingest lock,
handed to the routes as a FastAPI dependency (the routers are module-level, the state per app)."""

from __future__ import annotations

import threading
from contextlib import closing
from dataclasses import dataclass, field
from typing import Annotated

import jinja2
from fastapi import Depends, Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import Report
from ..store import StoreError, connect, resolve_story, stored_report
from ..store.db import Connection
from .page_cache import PageCache
from .settings import Settings
from .templating import environment


@dataclass
class WebContext:
    settings: Settings
    templates: jinja2.Environment = field(default_factory=environment)
    pages: PageCache = field(default_factory=PageCache)
    # Ingests run the models in this process: one at a time keeps memory bounded.
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def store(self) -> closing[Connection]:
        """A connection to the store, closed at the end of the ``with`` block."""
        return closing(connect(self.settings.db, create=False))

    def story_id_or_404(self, key: str) -> str:
        with self.store() as conn:
            return resolved_or_404(conn, key)

    def report(self, story_id: str) -> Report:
        with self.store() as conn:
            return stored_report(conn, [story_id])


def resolved_or_404(conn: Connection, key: str) -> str:
    try:
        return resolve_story(conn, key)
    except StoreError as exc:
        raise StarletteHTTPException(404, str(exc)) from None


async def web_context(request: Request) -> WebContext:
    # async: FastAPI then calls it on the event loop instead of a worker thread per request
    return request.app.state.web


Ctx = Annotated[WebContext, Depends(web_context)]
