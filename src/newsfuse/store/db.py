"""Connections: WAL (readers never wait for the writer), synchronous=NORMAL (a committed batch
survives a killed process; only an OS crash or power cut may lose the last commits), foreign
keys on, and a busy timeout so that a second writer waits instead of failing."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .schema import migrate

BUSY_TIMEOUT_MS = 30_000
# How long a writer waits for another one's transaction before giving up. An ingest holds the
# write lock for one batch (64 articles: clustering, inserts and re-fusing the stories touched,
# a minute or two on a busy machine), so this is many batches long; the busy timeout above
# covers the short statements of readers and migrations.
WRITE_WAIT_SECONDS = 1800.0
# While waiting, the lock is tried this often; the first failed try calls ``on_wait``.
LOCK_POLL_MS = 500

OnWait = Callable[[float], None]


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
def transaction(
    conn: sqlite3.Connection,
    *,
    write: bool = True,
    on_wait: OnWait | None = None,
    wait_seconds: float = WRITE_WAIT_SECONDS,
) -> Iterator[sqlite3.Connection]:
    """One transaction: ``BEGIN IMMEDIATE`` for writers (takes the write lock up front, so the
    batch never fails half-way on a lock upgrade), plain ``BEGIN`` for a consistent read.

    A writer that finds another one's transaction open waits for it, up to ``wait_seconds``
    (then StoreError), calling ``on_wait(wait_seconds)`` once when it starts waiting."""
    if write:
        _begin_immediate(conn, on_wait, wait_seconds)
    else:
        conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _begin_immediate(conn: sqlite3.Connection, on_wait: OnWait | None, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    busy_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {LOCK_POLL_MS}")
    try:
        waiting = False
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the store is locked: another writer kept it for over {wait_seconds:.0f} s; try again later"
                    ) from None
                if not waiting and on_wait is not None:
                    on_wait(wait_seconds)
                waiting = True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
