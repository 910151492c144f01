"""The SQLite store: articles, their facts and the fused stories, added to incrementally.

``db`` opens connections (WAL, busy timeout), ``schema`` holds the migrations, ``ingest`` adds
articles one transaction per batch, ``queries`` reads listings and saved reports (no models).
"""

from .db import StoreError, connect, transaction
from .ingest import IngestStats, StoreIngester, content_hash
from .queries import StorySummary, list_stories, report_json, resolve_story, stored_report, verify
from .schema import SCHEMA_VERSION, SchemaError, migrate

__all__ = [
    "IngestStats",
    "SCHEMA_VERSION",
    "SchemaError",
    "StoreError",
    "StoreIngester",
    "StorySummary",
    "connect",
    "content_hash",
    "list_stories",
    "migrate",
    "report_json",
    "resolve_story",
    "stored_report",
    "transaction",
    "verify",
]
