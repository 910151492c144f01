"""Connections and transactions, for both backends.

A plain path is an embedded SQLite store: WAL (readers never wait for the writer),
synchronous=NORMAL (a committed batch survives a killed process; only an OS crash or power cut
may lose the last commits), foreign keys on, and a busy timeout so that a second writer waits
instead of failing. The connection is a plain ``sqlite3.Connection``.

A ``postgresql://user@host:port/dbname`` URL is a PostgreSQL store, reached with psycopg 3
through :class:`PgConnection`, which keeps the rest of the store writing ``?`` placeholders
(translated to ``%s``). Both are typed as :class:`Connection`; :func:`dialect` tells them apart
where the SQL must differ. Writers on PostgreSQL are serialised by a transaction-level advisory
lock, as SQLite's ``BEGIN IMMEDIATE`` serialises them, because the ingester assumes one writer
per batch (it replays the others' articles at the start of each batch).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from .schema import PG_MIGRATE_LOCK, migrate

if TYPE_CHECKING:
    import psycopg

BUSY_TIMEOUT_MS = 30_000
# How long a writer waits for another one's transaction before giving up. An ingest holds the
# write lock for one batch (64 articles: clustering and inserts; with --fuse-every 1, as `watch`
# does, also re-fusing the stories touched, a minute or two on a busy machine), so this is many
# batches long; the busy timeout above covers the short statements of readers and migrations.
WRITE_WAIT_SECONDS = 1800.0
# While waiting, the lock is tried this often; the first failed try calls ``on_wait``.
LOCK_POLL_MS = 500
# The writers' PostgreSQL advisory lock; migrations take another one (schema.PG_MIGRATE_LOCK),
# so a connection that only checks the schema never waits behind an ingest's batch.
PG_WRITE_LOCK = PG_MIGRATE_LOCK + 1
PG_CONNECT_TIMEOUT_S = 10

OnWait = Callable[[float], None]
Dialect = Literal["sqlite", "postgresql"]
Target = str | os.PathLike[str]


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store needs of a connection: ``sqlite3.Connection`` as it is, or a :class:`PgConnection`."""

    @property
    def in_transaction(self) -> bool: ...
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...
    def close(self) -> None: ...


def is_postgres(target: Target) -> bool:
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


def describe(target: Target) -> str:
    """The target as it may be shown: a URL without its password."""
    if not is_postgres(target):
        return str(target)
    return _redact(str(target))


def _redact(url: str) -> str:
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


def dialect(conn: Connection) -> Dialect:
    return "postgresql" if isinstance(conn, PgConnection) else "sqlite"


def connect(target: Target, *, create: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Connection:
    """Open (and, with ``create``, make) the store at ``target`` (a path, or a PostgreSQL URL
    whose database exists), migrated to the current schema.

    Transactions are explicit (:func:`transaction`); the connection is otherwise in autocommit.
    """
    if is_postgres(target):
        return _connect_pg(str(target), create=create)
    return _connect_sqlite(Path(target), create=create, busy_timeout_ms=busy_timeout_ms)


def _connect_sqlite(path: Path, *, create: bool, busy_timeout_ms: int) -> sqlite3.Connection:
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


def _connect_pg(url: str, *, create: bool) -> PgConnection:
    shown = _redact(url)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise StoreError(f"{shown}: PostgreSQL needs psycopg (pip install 'psycopg[binary]')") from None
    password = _password(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=PG_CONNECT_TIMEOUT_S)
    except (psycopg.Error, ValueError) as exc:
        raise StoreError(f"{shown}: cannot open the PostgreSQL store: {_one_line(exc, password)}") from None
    conn = PgConnection(raw)
    try:
        if not create and not _pg_has_store(conn):
            raise StoreError(f"no store at {shown} (create one with `newsfuse ingest INPUT... --db URL`)")
        migrate(conn)
    except psycopg.Error as exc:
        conn.close()
        raise StoreError(f"{shown}: not a newsfuse store ({_one_line(exc, password)})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        m = re.search(r"//[^:/@]*:([^@]*)@", url)
        return m.group(1) if m else None


def _pg_has_store(conn: PgConnection) -> bool:
    row = conn.execute("SELECT to_regclass('newsfuse_schema') IS NOT NULL").fetchone()
    return bool(row and row[0])


def _one_line(exc: BaseException, password: str | None) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text.replace(password, "***") if password else text


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (and a literal ``%`` doubled), leaving string
    literals and quoted names alone."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class PgConnection:
    """A psycopg connection in autocommit mode that takes the store's ``?`` placeholders."""

    dialect: Dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Any = None, /) -> psycopg.Cursor[Any]:
        if not parameters:
            return self.raw.execute(sql)
        return self.raw.execute(pg_sql(sql), tuple(parameters))

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cur = self.raw.cursor()
        cur.executemany(pg_sql(sql), [tuple(p) for p in parameters])
        return cur

    def close(self) -> None:
        self.raw.close()


@contextmanager
def transaction(
    conn: Connection,
    *,
    write: bool = True,
    on_wait: OnWait | None = None,
    wait_seconds: float = WRITE_WAIT_SECONDS,
) -> Iterator[Connection]:
    """One transaction: on SQLite ``BEGIN IMMEDIATE`` for writers (takes the write lock up front,
    so the batch never fails half-way on a lock upgrade), plain ``BEGIN`` for a consistent read;
    on PostgreSQL the writers' advisory lock, and a repeatable-read snapshot for a reader.

    A writer that finds another one's transaction open waits for it, up to ``wait_seconds``
    (then StoreError), calling ``on_wait(wait_seconds)`` once when it starts waiting."""
    pg = dialect(conn) == "postgresql"
    if write:
        (_pg_begin_write if pg else _begin_immediate)(conn, on_wait, wait_seconds)
    else:
        # A PostgreSQL read sees one snapshot only at repeatable read (SQLite's BEGIN does).
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if pg else "BEGIN")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _locked_out(wait_seconds: float) -> StoreError:
    return StoreError(f"the store is locked: another writer kept it for over {wait_seconds:.0f} s; try again later")


def _begin_immediate(conn: Connection, on_wait: OnWait | None, wait_seconds: float) -> None:
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
                    raise _locked_out(wait_seconds) from None
                if not waiting and on_wait is not None:
                    on_wait(wait_seconds)
                waiting = True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")


def _pg_begin_write(conn: Connection, on_wait: OnWait | None, wait_seconds: float) -> None:
    """``BEGIN`` (read committed: every statement after the lock sees what the last writer
    committed) and the writers' advisory lock, released by COMMIT or ROLLBACK, tried for
    ``LOCK_POLL_MS`` at a time so that the wait is reported and bounded."""
    from psycopg.errors import LockNotAvailable

    deadline = time.monotonic() + wait_seconds
    waiting = False
    while True:
        conn.execute("BEGIN")
        try:
            conn.execute(f"SET LOCAL lock_timeout = {LOCK_POLL_MS}")
            conn.execute(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
            conn.execute("SET LOCAL lock_timeout = DEFAULT")
            return
        except LockNotAvailable:
            conn.execute("ROLLBACK")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if time.monotonic() >= deadline:
            raise _locked_out(wait_seconds)
        if not waiting and on_wait is not None:
            on_wait(wait_seconds)
        waiting = True
