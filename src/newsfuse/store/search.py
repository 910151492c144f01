"""Finding stories: the one listing and search over the store, for ``newsfuse stories`` and the web app.

Search is SQLite FTS5 over article titles and texts (``articles_fts``, schema version 2), or on
PostgreSQL the ``tsvector`` column ``articles.fts`` with its GIN index; the user's words are
quoted one by one, so no input can be FTS5 or tsquery syntax (or an SQL error), and both mean
the same: every word occurs, the last one as a prefix. Place and
source match as substrings, the date range on the event date (else the first publication date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..model import STATUSES
from .db import Connection, dialect
from .queries import like

MAX_QUERY_TERMS = 12
DISTINCT_LIMIT = 500

_ORDER = {"updated": "s.updated_at DESC, s.last_seq DESC", "first": "s.first_seq"}


@dataclass(frozen=True)
class StoryFilter:
    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    source: str | None = None

    @property
    def active(self) -> bool:
        return any(x is not None for x in (self.q, self.date_from, self.date_to, self.place, self.source))


@dataclass(frozen=True)
class StorySummary:
    """A story's listing columns, copied out of its report at ingest so a listing reads no JSON."""

    id: str
    headline: str | None
    place: str | None
    date: str | None  # the event date (or the first publication date)
    event_type: str | None
    n_articles: int
    n_sources: int
    first_published: str | None
    last_published: str | None
    updated_at: str
    version: int


@dataclass(frozen=True)
class StoryRow(StorySummary):
    """A summary with its articles, their sources and the report's facts by status: what the web
    app's story list shows (it costs reading each story's report)."""

    articles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    facts: dict[str, int] = field(default_factory=dict)
    pending: bool = False  # no report yet: an ingest fuses it at its end (``facts`` are then empty)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "place": self.place,
            "date": self.date,
            "event_type": self.event_type,
            "n_articles": self.n_articles,
            "n_sources": self.n_sources,
            "articles": list(self.articles),
            "sources": list(self.sources),
            "facts": self.facts,
            "pending": self.pending,
            "updated_at": self.updated_at,
            "version": self.version,
        }


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: every word must occur (the last one as a prefix)."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)[:MAX_QUERY_TERMS]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def tsquery(text: str) -> str | None:
    """The same query for PostgreSQL's ``to_tsquery``: each word quoted as one lexeme (a word of
    ``\\w`` characters holds no quote or backslash, so no input is tsquery syntax), the last one
    a prefix."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)[:MAX_QUERY_TERMS]
    if not words:
        return None
    return " & ".join(f"'{w}'" for w in words) + ":*"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fact_counts(report_json: str | None) -> dict[str, int]:
    """Claims and counts of a stored report by status (as the report page's header counts them)."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    if not report_json:
        return counts
    report = json.loads(report_json)
    for item in (*report.get("claims", ()), *report.get("counts", ())):
        status = item.get("status")
        if status in counts:
            counts[status] += 1
    return counts


def search_stories(
    conn: Connection,
    flt: StoryFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    order: str = "updated",
) -> tuple[list[StorySummary], int]:
    """The stories matching ``flt`` (all when None), most recently updated first (``order="updated"``)
    or in order of first article (``"first"``), ``limit`` of them (all when None) from ``offset``;
    and how many match in all."""
    flt = flt or StoryFilter()
    where: list[str] = []
    params: list[Any] = []
    pg = dialect(conn) == "postgresql"
    if any("\x00" in x for x in (flt.place, flt.source) if x):
        return [], 0  # nothing stored holds a NUL (the readers refuse it), and PostgreSQL rejects one
    if flt.q:
        query = tsquery(flt.q) if pg else fts_query(flt.q)
        if query is None:  # no word in it: nothing can match
            return [], 0
        if pg:
            where.append("s.id IN (SELECT a.story_id FROM articles a WHERE a.fts @@ to_tsquery('simple', ?))")
        else:
            where.append(
                "s.id IN (SELECT a.story_id FROM articles a WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
            )
        params.append(query)
    if flt.date_from:
        where.append("COALESCE(s.event_date, s.first_published) >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        where.append("COALESCE(s.event_date, s.first_published) <= ?")
        params.append(flt.date_to.isoformat())
    if flt.place:
        where.append(f"s.place {like(conn)} ? ESCAPE '\\'")
        params.append(_like(flt.place))
    if flt.source:
        where.append(
            f"EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source {like(conn)} ? ESCAPE '\\')"
        )
        params.append(_like(flt.source))
    cond = " AND ".join(where) or "1 = 1"
    total = conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {cond}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT s.id, s.headline, s.place, COALESCE(s.event_date, s.first_published), s.event_type, s.n_articles, "
        "s.n_sources, s.first_published, s.last_published, s.updated_at, s.version "
        f"FROM stories s WHERE {cond} ORDER BY {_ORDER[order]} LIMIT ? OFFSET ?",
        # "no limit": -1 on SQLite, NULL on PostgreSQL
        [*params, (None if pg else -1) if limit is None else max(0, limit), max(0, offset)],
    ).fetchall()
    return [StorySummary(*row) for row in rows], total


def list_stories(conn: Connection, *, limit: int | None = None, order: str = "updated") -> list[StorySummary]:
    """Stories, most recently updated first (``order="updated"``) or in order of first article."""
    return search_stories(conn, limit=limit, order=order)[0]


def with_details(conn: Connection, stories: Sequence[StorySummary]) -> list[StoryRow]:
    """``stories`` with their articles, sources and fact counts (two queries for the whole page,
    not two per story)."""
    if not stories:  # PostgreSQL refuses an empty IN ()
        return []
    ids = [s.id for s in stories]
    marks = ",".join("?" * len(ids))
    reports = dict(conn.execute(f"SELECT id, report FROM stories WHERE id IN ({marks})", ids).fetchall())
    articles: dict[str, list[str]] = {sid: [] for sid in ids}
    sources: dict[str, list[str]] = {sid: [] for sid in ids}
    for sid, aid, source in conn.execute(
        f"SELECT story_id, id, source FROM articles WHERE story_id IN ({marks}) ORDER BY seq", ids
    ):
        articles[sid].append(aid)
        if source and source not in sources[sid]:
            sources[sid].append(source)
    return [
        StoryRow(
            **{f.name: getattr(s, f.name) for f in fields(StorySummary)},
            articles=tuple(articles[s.id]),
            sources=tuple(sources[s.id]),
            facts=fact_counts(reports.get(s.id)),
            pending=reports.get(s.id) is None,
        )
        for s in stories
    ]


def distinct_values(conn: Connection, column: str, limit: int = DISTINCT_LIMIT) -> list[str]:
    """Known places or sources, for the filter's suggestions."""
    sql = {
        "place": "SELECT DISTINCT place FROM stories WHERE place IS NOT NULL ORDER BY place LIMIT ?",
        "source": "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source LIMIT ?",
    }[column]
    return [r[0] for r in conn.execute(sql, (limit,))]
