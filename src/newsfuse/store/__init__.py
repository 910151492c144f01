"""The store (SQLite, or PostgreSQL given a ``postgresql://`` URL): articles, their facts and
the fused stories, added to incrementally.

``db`` opens connections (SQLite: WAL, busy timeout; PostgreSQL: psycopg, advisory write lock), ``schema`` holds the migrations, ``ingest`` adds
articles one transaction per batch, ``search`` lists and searches stories, ``queries`` reads
stories by id and saved reports (no models). Every SQL statement of newsfuse lives in this package.
"""

from .db import Connection, StoreError, connect, describe, is_postgres, transaction
from .ingest import IngestStats, StoreIngester, content_hash
from .queries import (
    PendingReport,
    has_report,
    pending_stories,
    pending_story,
    report_json,
    resolve_story,
    stored_by_hash,
    stored_report,
    story_version,
    verify,
)
from .schema import SCHEMA_VERSION, SchemaError, migrate
from .search import (
    StoryFilter,
    StoryRow,
    StorySummary,
    distinct_values,
    list_stories,
    search_stories,
    with_details,
)

__all__ = [
    "Connection",
    "IngestStats",
    "PendingReport",
    "SCHEMA_VERSION",
    "SchemaError",
    "StoreError",
    "StoreIngester",
    "StoryFilter",
    "StoryRow",
    "StorySummary",
    "connect",
    "content_hash",
    "describe",
    "distinct_values",
    "has_report",
    "is_postgres",
    "list_stories",
    "migrate",
    "pending_stories",
    "pending_story",
    "report_json",
    "resolve_story",
    "search_stories",
    "stored_by_hash",
    "stored_report",
    "story_version",
    "transaction",
    "verify",
    "with_details",
]
