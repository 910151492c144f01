"""The feeds ``newsfuse watch`` reads, in the store (schema v4): each feed's polling state and
every entry it has shown. The watcher (watch.py) decides; these functions only read and write.

An entry is remembered when its fate is settled: stored (``added``), already stored under
another URL or feed (``duplicate``), or skipped for good (``skipped``, with the reason). An
entry whose page could not be fetched for a reason that may pass (a timeout, a 5xx) is
``retry`` and is fetched again at the next poll, up to a bound. Rows for stored articles are
written inside the batch transaction that stores them (:func:`record_entries` called from
``StoreIngester.before_commit``), so no entry is marked done whose article was not committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .db import Connection, transaction

EntryStatus = Literal["added", "duplicate", "skipped", "retry"]


@dataclass(frozen=True)
class EntryRow:
    feed: str
    url: str
    status: EntryStatus
    article: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class FeedState:
    """What the next poll of a feed needs."""

    url: str
    next_poll: str | None
    etag: str | None
    last_modified: str | None
    errors: int


@dataclass(frozen=True)
class FeedStatus:
    """One feed as `serve` shows it (``/feeds``, ``GET /api/feeds``)."""

    url: str
    kind: str | None
    title: str | None
    added_at: str
    last_poll: str | None
    last_ok: str | None
    next_poll: str | None
    interval_s: float | None
    polls: int
    entries: int
    added: int
    duplicates: int
    skipped: int
    retrying: int
    errors: int
    last_error: str | None

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def register_feeds(conn: Connection, urls: Sequence[str], now: str) -> None:
    with transaction(conn):
        conn.executemany(
            "INSERT INTO feeds (url, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING", [(u, now) for u in urls]
        )


def feed_state(conn: Connection, url: str) -> FeedState:
    row = conn.execute("SELECT next_poll, etag, last_modified, errors FROM feeds WHERE url = ?", (url,)).fetchone()
    if row is None:
        return FeedState(url, None, None, None, 0)
    return FeedState(url, row[0], row[1], row[2], int(row[3]))


def settled_entries(conn: Connection, feed: str, urls: Iterable[str]) -> set[str]:
    """Those of ``urls`` whose fate is settled for ``feed`` (anything but ``retry``)."""
    urls = list(urls)
    settled: set[str] = set()
    for start in range(0, len(urls), 500):  # SQLite's bound on host parameters
        chunk = urls[start : start + 500]
        marks = ",".join("?" * len(chunk))
        settled.update(
            r[0]
            for r in conn.execute(
                f"SELECT url FROM feed_entries WHERE feed = ? AND status != 'retry' AND url IN ({marks})",
                [feed, *chunk],
            )
        )
    return settled


def known_entries(conn: Connection, urls: Sequence[str]) -> dict[str, str]:
    """Entry URL -> the stored article it brought, for those of ``urls`` any feed has stored."""
    found: dict[str, str] = {}
    for start in range(0, len(urls), 500):
        chunk = list(urls[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(
                f"SELECT url, article FROM feed_entries WHERE status IN ('added', 'duplicate') AND url IN ({marks})",
                chunk,
            ).fetchall()
        )
    return found


def retry_attempts(conn: Connection, feed: str, url: str) -> int:
    row = conn.execute(
        "SELECT attempts FROM feed_entries WHERE feed = ? AND url = ? AND status = 'retry'", (feed, url)
    ).fetchone()
    return int(row[0]) if row else 0


def record_entries(conn: Connection, rows: Iterable[EntryRow], now: str) -> None:
    """Write entry rows (inside the caller's transaction); a ``retry`` counts its attempts."""
    conn.executemany(
        "INSERT INTO feed_entries (feed, url, status, article, reason, attempts, seen_at) VALUES (?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (feed, url) DO UPDATE SET status = excluded.status, article = excluded.article, "
        "reason = excluded.reason, attempts = feed_entries.attempts + 1, seen_at = excluded.seen_at",
        [(r.feed, r.url, r.status, r.article, r.reason, now) for r in rows],
    )


def record_poll(
    conn: Connection,
    url: str,
    *,
    now: str,
    next_poll: str,
    interval_s: float,
    error: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """A poll's outcome: a failure counts and is kept; a success clears the failure count and
    stores the validators for the next conditional GET (``keep_validators``: a 304 keeps them)."""
    with transaction(conn):
        if error is not None:
            conn.execute(
                "UPDATE feeds SET last_poll = ?, next_poll = ?, interval_s = ?, polls = polls + 1, "
                "errors = errors + 1, last_error = ? WHERE url = ?",
                (now, next_poll, interval_s, error, url),
            )
        elif keep_validators:
            conn.execute(
                "UPDATE feeds SET last_poll = ?, last_ok = ?, next_poll = ?, interval_s = ?, polls = polls + 1, "
                "errors = 0, last_error = NULL WHERE url = ?",
                (now, now, next_poll, interval_s, url),
            )
        else:
            conn.execute(
                "UPDATE feeds SET last_poll = ?, last_ok = ?, next_poll = ?, interval_s = ?, polls = polls + 1, "
                "errors = 0, last_error = NULL, kind = COALESCE(?, kind), title = COALESCE(?, title), "
                "etag = ?, last_modified = ? WHERE url = ?",
                (now, now, next_poll, interval_s, kind, title, etag, last_modified, url),
            )


def feed_statuses(conn: Connection) -> list[FeedStatus]:
    """Every feed with its entry counts, the failing ones first, then by URL."""
    rows = conn.execute(
        """
        SELECT f.url, f.kind, f.title, f.added_at, f.last_poll, f.last_ok, f.next_poll, f.interval_s, f.polls,
               COUNT(e.url),
               COUNT(CASE WHEN e.status = 'added' THEN 1 END), COUNT(CASE WHEN e.status = 'duplicate' THEN 1 END),
               COUNT(CASE WHEN e.status = 'skipped' THEN 1 END), COUNT(CASE WHEN e.status = 'retry' THEN 1 END),
               f.errors, f.last_error
        FROM feeds f LEFT JOIN feed_entries e ON e.feed = f.url
        GROUP BY f.url
        ORDER BY f.errors > 0 DESC, f.url
        """
    ).fetchall()
    return [FeedStatus(*row) for row in rows]


def entry_rows(conn: Connection, feed: str) -> list[EntryRow]:
    return [
        EntryRow(*row)
        for row in conn.execute(
            "SELECT feed, url, status, article, reason FROM feed_entries WHERE feed = ? ORDER BY seen_at, url", (feed,)
        )
    ]
