"""The stored stories, read without any model: what `stories`, `show` and `analyze --db` need.

Nothing here imports spaCy, the encoder or torch (the store, the model and the renderers are
plain Python), so those commands start in well under a second; :mod:`newsfuse.api` re-exports
these two functions with the rest of the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from .model import Report


def stored_stories(
    db: str | Path,
    *,
    q: str | None = None,
    place: str | None = None,
    source: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
):
    """Summaries of the stored stories (list of StorySummary), most recently updated first;
    with ``q`` only those whose articles contain every word of it (full text, the last word as a
    prefix), with ``place``/``source`` those whose event place / an article's source contains it,
    with ``date_from``/``date_to`` those whose event date lies in the range: the web app's search."""
    from .store import StoryFilter, connect, search_stories

    flt = StoryFilter(q or None, date_from, date_to, place or None, source or None)
    with closing(connect(db, create=False)) as conn:
        return search_stories(conn, flt, limit=limit, offset=offset)[0]


def stored_report(db: str | Path, stories: Sequence[str] | None = None) -> Report:
    """The saved report of the given stories (ids or unique prefixes; when None, every story that
    has a report: an ingest under way leaves the stories it changed without one until it fuses
    them), the same Report that :func:`analyze` gives for those stories' articles. A given story
    without a report raises :class:`~newsfuse.store.PendingReport`. Needs no model."""
    from .store import connect, resolve_story
    from .store import stored_report as load

    with closing(connect(db, create=False)) as conn:
        ids = None if stories is None else list(dict.fromkeys(resolve_story(conn, s) for s in stories))
        return load(conn, ids)


def pending_stories(db: str | Path) -> list[str]:
    """The stored stories that have no report yet (an ingest fuses them at its end)."""
    from .store import connect
    from .store import pending_stories as pending

    with closing(connect(db, create=False)) as conn:
        return pending(conn)


def feed_status(db: str | Path):
    """The feeds `newsfuse watch` reads into this store (list of FeedStatus): when each was last
    polled and read, its entries (added, duplicate, skipped, to retry) and its last failure."""
    from .store import connect
    from .store.feeds import feed_statuses

    with closing(connect(db, create=False)) as conn:
        return feed_statuses(conn)
