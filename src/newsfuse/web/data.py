"""What the web app reads from the store: a searchable, filterable story listing.

Search is SQLite FTS5 over article titles and texts (``articles_fts``, schema version 2); the
user's words are quoted one by one, so no input can be FTS5 syntax (or an SQL error).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("corroborated", "single_source", "conflicting")
MAX_QUERY_TERMS = 12


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


@dataclass
class StoryRow:
    id: str
    headline: str | None
    place: str | None
    date: str | None
    event_type: str | None
    n_articles: int
    n_sources: int
    updated_at: str
    version: int
    articles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "place": self.place,
            "date": self.date,
            "event_type": self.event_type,
            "n_articles": self.n_articles,
            "n_sources": self.n_sources,
            "articles": self.articles,
            "sources": self.sources,
            "facts": self.facts,
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


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fact_counts(report_json: str | None) -> dict[str, int]:
    """Claims and counts of a stored report by status (as the report page's header counts them)."""
    counts = dict.fromkeys(STATUSES, 0)
    if not report_json:
        return counts
    report = json.loads(report_json)
    for item in (*report.get("claims", ()), *report.get("counts", ())):
        status = item.get("status")
        if status in counts:
            counts[status] += 1
    return counts


def search_stories(
    conn: sqlite3.Connection, flt: StoryFilter, *, limit: int = 50, offset: int = 0
) -> tuple[list[StoryRow], int]:
    """The stories matching ``flt``, most recently updated first, and how many match in all."""
    where, params = ["1 = 1"], []
    if flt.q:
        query = fts_query(flt.q)
        if query is None:
            return [], 0
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
        where.append("s.place LIKE ? ESCAPE '\\'")
        params.append(_like(flt.place))
    if flt.source:
        where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source LIKE ? ESCAPE '\\')")
        params.append(_like(flt.source))
    cond = " AND ".join(where)
    total = conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {cond}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT s.id, s.headline, s.place, COALESCE(s.event_date, s.first_published), s.event_type, s.n_articles, s.n_sources, "
        f"s.updated_at, s.version, s.report FROM stories s WHERE {cond} ORDER BY s.updated_at DESC, s.last_seq DESC LIMIT ? OFFSET ?",
        [*params, max(0, limit), max(0, offset)],
    ).fetchall()
    out = {
        sid: StoryRow(
            sid, headline, place, date, etype, n_articles, n_sources, updated, version, facts=fact_counts(report)
        )
        for sid, headline, place, date, etype, n_articles, n_sources, updated, version, report in rows
    }
    # The page's articles in one query, not one per story.
    marks = ",".join("?" * len(out))
    for sid, aid, source in conn.execute(
        f"SELECT story_id, id, source FROM articles WHERE story_id IN ({marks}) ORDER BY seq", list(out)
    ):
        row = out[sid]
        row.articles.append(aid)
        if source and source not in row.sources:
            row.sources.append(source)
    return list(out.values()), total


def distinct_values(conn: sqlite3.Connection, column: str, limit: int = 500) -> list[str]:
    """Known places or sources, for the filter's suggestions."""
    sql = {
        "place": "SELECT DISTINCT place FROM stories WHERE place IS NOT NULL ORDER BY place LIMIT ?",
        "source": "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source LIMIT ?",
    }[column]
    return [r[0] for r in conn.execute(sql, (limit,))]
