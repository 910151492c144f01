"""``newsfuse watch``: read feeds (RSS, Atom, news sitemaps) on a schedule and ingest the pages
of their new entries into the store as they appear.

Each feed is polled on its own interval: the configured one (default 10 minutes), never shorter
than what the feed's RSS ``<ttl>`` or the response's caching headers allow, longer after
failures (doubling, bounded) and after a Retry-After. A poll is a conditional GET (an unchanged
feed costs a 304), then the pages of the entries not seen before are fetched (a few at a time,
politely: inputs/fetch.py) and handed, as they arrive, to the store's ingester (extract,
cluster, fuse; one transaction per batch). The entries' rows are written inside the batch
transaction that stores their articles (store/feeds.py), so a restart resumes where the last
commit left off: nothing stored is fetched again, nothing committed is lost (kill -9 included),
and an article is stored once however many feeds or URLs carry it.

The loop runs until stopped (a ``threading.Event``: the CLI sets it on the first Ctrl-C or
SIGTERM, and the batch under way commits first), or after ``once`` (every feed polled once) or
``max_polls``. The clusterer's open decisions are settled when it stops.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from .errors import BadInput, ConfigError, FetchError
from .inputs.feeds import Feed, FeedEntry, entry_key, parse_feed
from .inputs.fetch import Fetcher
from .inputs.web import page_article
from .model import Article
from .store import StoreIngester, content_hash, stored_by_hash, transaction
from .store.db import Connection
from .store.feeds import (
    EntryRow,
    feed_state,
    iso,
    known_entries,
    record_entries,
    record_poll,
    register_feeds,
    retry_attempts,
    settled_entries,
)

# The default poll interval: what news aggregators use for a busy feed (Feedly and Inoreader
# poll popular feeds every few minutes to an hour); a feed's TTL or caching headers may ask more.
DEFAULT_INTERVAL = 600.0
# Below this a poll is not polite whatever the command line says (and a feed changes no faster).
MIN_INTERVAL = 10.0
# However long a feed's TTL, headers or failures ask to wait, it is read at least daily.
MAX_INTERVAL = 24 * 3600.0
# Consecutive failures double the interval up to 2**5 = 32 times (10 minutes -> about 5 hours).
MAX_BACKOFF_DOUBLINGS = 5
# A feed's first poll may list thousands of old entries (a sitemap: up to 50,000): the newest
# are read now, the rest at the next polls (the feed is then fetched without its validators).
MAX_ENTRIES_PER_POLL = 200
# A sitemap index's newest sitemaps are read; older ones hold older news.
MAX_CHILD_SITEMAPS = 5
# A page that keeps timing out or failing with a 5xx is given up after this many polls.
MAX_ENTRY_ATTEMPTS = 3
# The loop sleeps at most this long at a time, so a stop is noticed promptly.
MAX_SLEEP = 5.0

Report = Callable[[str], None]


@dataclass(frozen=True)
class WatchConfig:
    interval: float = DEFAULT_INTERVAL
    once: bool = False
    max_polls: int | None = None
    max_entries_per_poll: int = MAX_ENTRIES_PER_POLL

    def __post_init__(self) -> None:
        if not MIN_INTERVAL <= self.interval <= MAX_INTERVAL:
            raise ConfigError(f"the interval must be between {MIN_INTERVAL:g} s and {MAX_INTERVAL:g} s")


@dataclass
class WatchStats:
    polls: int = 0
    failed_polls: int = 0
    not_modified: int = 0
    new_entries: int = 0
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    retry: int = 0
    seconds: float = 0.0


@dataclass
class _Poll:
    """One poll's entries on their way to the store."""

    feed: str
    rows: list[EntryRow] = field(default_factory=list)  # settled rows not written yet
    pending: dict[str, list[str]] = field(default_factory=dict)  # article id -> entry URLs
    articles: dict[str, Article] = field(default_factory=dict)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def next_interval(
    interval: float, feed: Feed | None, max_age: float | None, errors: int = 0, retry_after: float | None = None
) -> float:
    """Seconds until a feed's next poll."""
    wait = interval
    if feed is not None and feed.ttl:
        wait = max(wait, feed.ttl)
    if max_age:
        wait = max(wait, max_age)
    if errors:
        wait = interval * 2 ** min(errors, MAX_BACKOFF_DOUBLINGS)
    if retry_after:
        wait = max(wait, retry_after)
    return min(max(wait, MIN_INTERVAL), MAX_INTERVAL)


class Watcher:
    def __init__(
        self,
        feeds: Sequence[str],
        ingester: StoreIngester,
        fetcher: Fetcher,
        config: WatchConfig = WatchConfig(),
        *,
        report: Report | None = None,
        stop: threading.Event | None = None,
        on_stored: Callable[[list[EntryRow], float], None] | None = None,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.ingester = ingester
        self.conn: Connection = ingester.conn
        self.fetcher = fetcher
        self.config = config
        self.report = report or (lambda line: None)
        self.stop = stop or threading.Event()
        # Called after each commit with the entry rows it wrote and the time (the benchmark
        # measures publication-to-story latency with it).
        self.on_stored = on_stored
        self.stats = WatchStats()
        self._poll: _Poll | None = None
        self._committed: list[EntryRow] = []
        ingester.before_commit = self._before_commit

    # -- the loop -------------------------------------------------------------------------------

    def run(self) -> WatchStats:
        start = time.monotonic()
        register_feeds(self.conn, self.feeds, iso(_now()))
        try:
            if self.config.once:
                for url in self.feeds:
                    if self.stop.is_set():
                        break
                    self.poll(url)
            else:
                while not self.stop.is_set():
                    url, due = self._next_due()
                    wait = (due - _now()).total_seconds()
                    if wait > 0:
                        self.stop.wait(min(wait, MAX_SLEEP))
                        continue
                    self.poll(url)
                    if self.config.max_polls is not None and self.stats.polls >= self.config.max_polls:
                        break
            # The stream stops here for now: the clusterer's open decisions are made final (not
            # after a failure or a second Ctrl-C: the next run rebuilds and settles them).
            self.ingester.ingest([], settle=True)
        finally:
            self.stats.seconds = time.monotonic() - start
        return self.stats

    def _next_due(self) -> tuple[str, dt.datetime]:
        best: tuple[dt.datetime, str] | None = None
        for url in self.feeds:
            state = feed_state(self.conn, url)
            due = dt.datetime.fromisoformat(state.next_poll) if state.next_poll else _now()
            if best is None or due < best[0]:
                best = (due, url)
        assert best is not None
        return best[1], best[0]

    # -- one poll -------------------------------------------------------------------------------

    def poll(self, url: str) -> None:
        """Read one feed and ingest its new entries."""
        state = feed_state(self.conn, url)
        now = _now()
        self.stats.polls += 1
        try:
            result = self.fetcher.fetch(url, accept="feed", etag=state.etag, last_modified=state.last_modified)
            if result.not_modified:
                wait = next_interval(self.config.interval, None, result.max_age)
                record_poll(
                    self.conn,
                    url,
                    now=iso(now),
                    next_poll=iso(now + _seconds(wait)),
                    interval_s=wait,
                    keep_validators=True,
                )
                self.stats.not_modified += 1
                self.report(f"newsfuse: watch {url}: not modified; next poll in {_span(wait)}")
                return
            feed = parse_feed(result.body, result.url)
            entries = list(feed.entries)
            for child in feed.sitemaps[:MAX_CHILD_SITEMAPS]:
                try:
                    entries += parse_feed(self.fetcher.fetch(child, accept="feed").body, child).entries
                except BadInput as exc:
                    self.report(f"newsfuse: skipped {child}: {exc}")
        except BadInput as exc:
            retry_after = exc.retry_after if isinstance(exc, FetchError) else None
            wait = next_interval(self.config.interval, None, None, state.errors + 1, retry_after)
            record_poll(
                self.conn, url, now=iso(now), next_poll=iso(now + _seconds(wait)), interval_s=wait, error=str(exc)
            )
            self.stats.failed_polls += 1
            self.report(f"newsfuse: skipped {url}: {exc} (next poll in {_span(wait)})")
            return
        fresh, backlog = self._fresh(url, entries)
        poll = self._poll = _Poll(url)
        # A page another feed already brought in is that article again: not fetched twice.
        known = known_entries(self.conn, [e.url for e in fresh])
        poll.rows += [EntryRow(url, e.url, "duplicate", known[e.url]) for e in fresh if e.url in known]
        counts = self._ingest(poll, [e for e in fresh if e.url not in known])
        wait = next_interval(self.config.interval, feed, result.max_age)
        record_poll(
            self.conn,
            url,
            now=iso(now),
            next_poll=iso(now + _seconds(wait)),
            interval_s=wait,
            kind=feed.kind,
            title=feed.title,
            # With a backlog left, the next poll must get the whole feed again, not a 304.
            etag=None if backlog else result.etag,
            last_modified=None if backlog else result.last_modified,
        )
        self.report(
            f"newsfuse: watch {url}: {len(fresh)} new entries, {counts['added']} added, "
            f"{counts['duplicate']} already stored, {counts['skipped']} skipped"
            + (f", {counts['retry']} to retry" if counts["retry"] else "")
            + (f", {backlog} left for the next polls" if backlog else "")
            + f"; next poll in {_span(wait)}"
        )

    def _fresh(self, feed: str, entries: list[FeedEntry]) -> tuple[list[FeedEntry], int]:
        """The entries not settled yet (oldest first, as they were published), at most
        ``max_entries_per_poll`` of them (the newest), and how many are left over."""
        unique = {entry_key(e.url): e for e in reversed(entries)}  # the first listing wins
        settled = settled_entries(self.conn, feed, unique)
        fresh = [FeedEntry(key, e.title, e.published) for key, e in unique.items() if key not in settled]
        fresh.sort(key=lambda e: e.published or dt.date.max)
        cap = self.config.max_entries_per_poll
        left = max(0, len(fresh) - cap)
        return fresh[left:], left

    def _ingest(self, poll: _Poll, fresh: list[FeedEntry]) -> dict[str, int]:
        self.stats.new_entries += len(fresh) + len(poll.rows)
        before = (self.stats.added, self.stats.duplicates, self.stats.skipped, self.stats.retry)
        reasons: dict[str, str] = {}
        articles = self._articles(poll, fresh)
        try:
            # A batch at a time, so that a stop takes effect at the next batch (the ingester
            # would read ahead a whole chunk of pages before its first batch).
            while not self.stop.is_set():
                chunk = list(islice(articles, self.ingester.batch_size))
                if not chunk:
                    break
                stats = self.ingester.ingest(chunk, settle=False, on_batch=self._after_commit)
                reasons.update((a, p.reason) for a, p in stats.skipped.items())
            articles.close()
            self._settle_leftovers(poll, reasons)
        finally:
            self._poll = None
        after = (self.stats.added, self.stats.duplicates, self.stats.skipped, self.stats.retry)
        return dict(zip(("added", "duplicate", "skipped", "retry"), (b - a for a, b in zip(before, after))))

    def _articles(self, poll: _Poll, fresh: list[FeedEntry]) -> Generator[Article, None, None]:
        """The entries' articles as their pages arrive; failures become entry rows."""
        by_url = {e.url: e for e in fresh}
        for url, result in self.fetcher.fetch_many(by_url):
            if self.stop.is_set():
                return  # the rest is fetched after a restart: nothing about them was written
            entry = by_url[url]
            if isinstance(result, FetchError):
                if result.transient and retry_attempts(self.conn, poll.feed, url) + 1 < MAX_ENTRY_ATTEMPTS:
                    poll.rows.append(EntryRow(poll.feed, url, "retry", None, str(result)))
                else:
                    poll.rows.append(EntryRow(poll.feed, url, "skipped", None, str(result)))
                    self.report(f"newsfuse: skipped {url}: {result}")
                continue
            try:
                article = page_article(result, published=entry.published, title=entry.title)
            except BadInput as exc:
                poll.rows.append(EntryRow(poll.feed, url, "skipped", None, str(exc)))
                self.report(f"newsfuse: skipped {url}: {exc}")
                continue
            poll.pending.setdefault(article.id, []).append(url)
            poll.articles.setdefault(article.id, article)
            yield article

    # -- entry rows, written with the articles ---------------------------------------------------

    def _before_commit(self, conn: Connection, batch: Sequence[Article]) -> None:
        """Inside a batch's transaction: the rows of its entries, and the failures so far."""
        poll = self._poll
        if poll is None:
            return
        rows = poll.rows
        poll.rows = []
        stored = stored_by_hash(conn, [content_hash(a.text) for a in batch])
        for article in batch:
            found = stored.get(content_hash(article.text))
            for i, url in enumerate(poll.pending.pop(article.id, [])):
                if found is None:
                    rows.append(EntryRow(poll.feed, url, "skipped", None, "not stored (an id clash)"))
                elif found[0] == article.id and i == 0:
                    rows.append(EntryRow(poll.feed, url, "added", found[0]))
                else:
                    rows.append(EntryRow(poll.feed, url, "duplicate", found[0]))
        record_entries(conn, rows, iso(_now()))
        self._committed += rows

    def _after_commit(self, _stats) -> None:
        rows, self._committed = self._committed, []
        for row in rows:
            if row.status == "added":
                self.stats.added += 1
            elif row.status == "duplicate":
                self.stats.duplicates += 1
            elif row.status == "skipped":
                self.stats.skipped += 1
            else:
                self.stats.retry += 1
        if rows and self.on_stored is not None:
            self.on_stored(rows, time.time())

    def _settle_leftovers(self, poll: _Poll, reasons: dict[str, str]) -> None:
        """Entries whose articles never reached a batch: already stored (found before
        extraction), refused by the store's checks, or failures after the last batch."""
        rows = poll.rows
        poll.rows = []
        if poll.pending:
            stored = stored_by_hash(self.conn, [content_hash(poll.articles[a].text) for a in poll.pending])
            for article_id, urls in poll.pending.items():
                found = stored.get(content_hash(poll.articles[article_id].text))
                for url in urls:
                    if found is None:
                        reason = reasons.get(article_id, "not stored")
                        rows.append(EntryRow(poll.feed, url, "skipped", None, reason))
                        self.report(f"newsfuse: skipped {url}: {reason}")
                    else:
                        rows.append(EntryRow(poll.feed, url, "duplicate", found[0]))
            poll.pending = {}
        if rows:
            with transaction(self.conn):
                record_entries(self.conn, rows, iso(_now()))
            self._committed += rows
            self._after_commit(None)


def _seconds(value: float) -> dt.timedelta:
    return dt.timedelta(seconds=value)


def _span(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
