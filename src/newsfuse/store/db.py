"""Connections: WAL (readers never wait for the writer), synchronous=NORMAL (a committed batch
survives a killed process; only an OS crash or power cut may lose the last commits), foreign
keys on, and a busy timeout so that a second writer waits instead of failing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .schema import migrate

BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, create: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Open (and, with ``create``, make) the store at ``path``, migrated to the current schema.

    Transactions are explicit (:func:`transaction`); the connection is otherwise in autocommit.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no store at {path} (create one with `newsfuse ingest INPUT... --db {path}`)")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: cannot switch to WAL journal mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a newsfuse store ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, *, write: bool = True) -> Iterator[sqlite3.Connection]:
    """One transaction: ``BEGIN IMMEDIATE`` for writers (takes the write lock up front, so the
    batch never fails half-way on a lock upgrade), plain ``BEGIN`` for a consistent read."""
    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
