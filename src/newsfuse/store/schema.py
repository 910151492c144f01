"""The store's schema: a list of migrations, the database's ``user_version`` (on PostgreSQL
the table ``newsfuse_schema``) says how many ran.

Each migration runs in one transaction together with the version bump, so a database is always
at one version or the next, never between (PostgreSQL's DDL is transactional too). Each
migration has its SQLite and its PostgreSQL statements, numbered alike. Append new
migrations; never edit one that has shipped.

Layout (version 1):

- ``stories``: one row per story; ``id`` is the id of its first article (or the caller's
  ``story`` key), ``report`` the fused StoryReport as contract JSON, fused again after
  articles join (NULL, "pending", from the batch that changed the story until the ingest fuses
  it; ``version`` counts the fusions). The listing columns (headline, place, date, counts) are
  copied out of the report so that ``newsfuse stories`` reads no JSON.
- ``articles``: one row per article, ``seq`` its arrival order (the clusterer's order),
  ``content_hash`` the SHA-256 of its text (re-ingesting the same text adds nothing).
- ``article_facts``: what was extracted (the ``newsfuse extract`` object without the text) and
  the title+lead embedding (float32) the clusterer compares, so that the clusterer's state can
  be rebuilt, and reports re-fused, without running spaCy again.

Version 2 adds ``articles_fts``: an FTS5 index of article titles and texts (rowid = seq).

Version 3 adds ``story_redirects``: a story whose articles the clusterer's revisions moved
away (a merge into the story of its event, or its last article moved) is deleted, and its id
redirects to the story its articles joined, so links to it keep working.

Version 4 adds the feeds ``newsfuse watch`` reads: ``feeds`` (one row per feed: when it was last
polled and read, when it is due, its ETag / Last-Modified for a conditional GET, its consecutive
failures and the last one) and ``feed_entries`` (every entry seen, by feed and URL: added,
duplicate, skipped with the reason, or retry after a transient failure). An entry's row is
written in the transaction that stores its article, so a restart refetches nothing stored and
loses nothing committed (store/feeds.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import SchemaError

if TYPE_CHECKING:
    from .db import Connection

_SQLITE: list[str] = [
    # 1: stories, articles, facts
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        first_article TEXT NOT NULL,
        keyed INTEGER NOT NULL DEFAULT 0,          -- 1: a caller-given story key, never clustered
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,      -- independent reports: distinct outlets, copies not counted
        headline TEXT,
        place TEXT,
        event_date TEXT,
        event_type TEXT,
        report TEXT,                               -- StoryReport JSON (contract), NULL until fused
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_updated ON stories(updated_at);
    CREATE INDEX stories_last_published ON stories(keyed, last_published);
    CREATE INDEX stories_last_seq ON stories(keyed, last_seq);

    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,     -- arrival order
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        story_id TEXT NOT NULL REFERENCES stories(id),
        copy_of TEXT,                              -- the article this one is a syndicated copy of
        source TEXT,
        title TEXT,
        url TEXT,
        published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0,
        language TEXT NOT NULL DEFAULT 'en',
        story_key TEXT,                            -- the caller's `story` key, if given
        origin TEXT,
        ingested_at TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id, seq);

    CREATE TABLE article_facts (
        seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        facts TEXT NOT NULL,                       -- `newsfuse extract` JSON without "text"
        embedding BLOB NOT NULL                    -- float32 title+lead embedding
    );
    """,
    # 2: full-text search over article titles and texts (store/search.py: the web app, `stories --q`). An
    # external-content FTS5 index over `articles` (rowid = seq), filled on ingest and backfilled
    # here; articles are never updated or deleted, so no triggers are needed.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    """,
    # 3: ids of stories merged away (store/ingest.py applies the clusterer's revisions) -> the
    # story they joined; kept flat (a redirect never points at another redirect).
    """
    CREATE TABLE story_redirects (
        id TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        moved_at TEXT NOT NULL
    );
    CREATE INDEX story_redirects_target ON story_redirects(target);
    """,
    # 4: feeds and their entries (store/feeds.py, watch.py)
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        kind TEXT,                                 -- rss | atom | sitemap | sitemap-index, once read
        title TEXT,
        added_at TEXT NOT NULL,
        last_poll TEXT,                            -- the last attempt
        last_ok TEXT,                              -- the last successful read (a 304 included)
        next_poll TEXT,
        interval_s REAL,                           -- the interval the last poll chose
        etag TEXT,
        last_modified TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,         -- consecutive failed polls
        last_error TEXT
    );
    CREATE TABLE feed_entries (
        feed TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        url TEXT NOT NULL,                         -- the entry's page, without its fragment
        status TEXT NOT NULL,                      -- added | duplicate | skipped | retry
        article TEXT,                              -- the stored article holding its text
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed, url)
    );
    CREATE INDEX feed_entries_status ON feed_entries(feed, status);
    """,
]


# The same schema on PostgreSQL, migration for migration: BIGINT identity for ``seq``, BYTEA for
# the embeddings, DOUBLE PRECISION for SQLite's REAL, and full-text search as a generated
# ``tsvector`` column with a GIN index instead of FTS5. The 'simple' configuration lowercases and
# does not stem, as FTS5's unicode61 tokenizer; it keeps diacritics (unaccent is not immutable).
_POSTGRESQL: list[str | None] = [
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        first_article TEXT NOT NULL,
        keyed INTEGER NOT NULL DEFAULT 0,
        first_seq BIGINT NOT NULL,
        last_seq BIGINT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,
        headline TEXT,
        place TEXT,
        event_date TEXT,
        event_type TEXT,
        report TEXT,
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_updated ON stories(updated_at);
    CREATE INDEX stories_last_published ON stories(keyed, last_published);
    CREATE INDEX stories_last_seq ON stories(keyed, last_seq);

    CREATE TABLE articles (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        story_id TEXT NOT NULL REFERENCES stories(id),
        copy_of TEXT,
        source TEXT,
        title TEXT,
        url TEXT,
        published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0,
        language TEXT NOT NULL DEFAULT 'en',
        story_key TEXT,
        origin TEXT,
        ingested_at TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id, seq);

    CREATE TABLE article_facts (
        seq BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        facts TEXT NOT NULL,
        embedding BYTEA NOT NULL
    );
    """,
    """
    ALTER TABLE articles ADD COLUMN fts tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', COALESCE(title, '') || ' ' || text)) STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    """,
    None,  # 3: as on SQLite
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        kind TEXT,
        title TEXT,
        added_at TEXT NOT NULL,
        last_poll TEXT,
        last_ok TEXT,
        next_poll TEXT,
        interval_s DOUBLE PRECISION,
        etag TEXT,
        last_modified TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE feed_entries (
        feed TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        url TEXT NOT NULL,
        status TEXT NOT NULL,
        article TEXT,
        reason TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed, url)
    );
    CREATE INDEX feed_entries_status ON feed_entries(feed, status);
    """,
]


@dataclass(frozen=True)
class Migration:
    sqlite: str
    postgresql: str  # the same statements in PostgreSQL's dialect

    def statements(self, dialect: str) -> list[str]:
        return _statements(self.postgresql if dialect == "postgresql" else self.sqlite)


MIGRATIONS: list[Migration] = [Migration(lite, pg or lite) for lite, pg in zip(_SQLITE, _POSTGRESQL, strict=True)]

SCHEMA_VERSION = len(MIGRATIONS)


# PostgreSQL has no user_version: a one-row table holds it, and an advisory lock (not the
# writers' one, see db.py) keeps two processes from migrating at once.
_PG_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS newsfuse_schema (version INTEGER NOT NULL)"
# An arbitrary constant ("newsfuse" in ASCII, less one), unlikely to clash with another application's.
PG_MIGRATE_LOCK = 0x6E657773_66757365 - 1


def _dialect(conn: Connection) -> str:
    return getattr(conn, "dialect", "sqlite")


def schema_version(conn: Connection) -> int:
    if _dialect(conn) == "postgresql":
        if not conn.execute("SELECT to_regclass('newsfuse_schema') IS NOT NULL").fetchone()[0]:
            return 0
        row = conn.execute("SELECT MAX(version) FROM newsfuse_schema").fetchone()
        return int(row[0] or 0)
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _set_version(conn: Connection, version: int) -> None:
    if _dialect(conn) == "postgresql":
        conn.execute("DELETE FROM newsfuse_schema")
        conn.execute(f"INSERT INTO newsfuse_schema (version) VALUES ({int(version)})")
    else:
        conn.execute(f"PRAGMA user_version = {int(version)}")


def _begin(conn: Connection) -> None:
    if _dialect(conn) == "postgresql":
        conn.execute("BEGIN")
        conn.execute(f"SELECT pg_advisory_xact_lock({PG_MIGRATE_LOCK})")
        conn.execute(_PG_VERSION_TABLE)
    else:
        conn.execute("BEGIN IMMEDIATE")


def migrate(conn: Connection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the version it was at."""
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise SchemaError(
            f"the store has schema version {before}, newer than this newsfuse knows ({SCHEMA_VERSION}); upgrade newsfuse"
        )
    dialect = _dialect(conn)
    for version in range(before, SCHEMA_VERSION):
        _begin(conn)
        try:
            if schema_version(conn) != version:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[version].statements(dialect):
                conn.execute(statement)
            _set_version(conn, version + 1)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return before


def _statements(script: str) -> list[str]:
    """Split a migration into statements (no triggers or string literals with ';' in them)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
