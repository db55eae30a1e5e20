"""Engines and sessions: SQLite tuned for several worker processes, or PostgreSQL."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

SQLITE_BUSY_TIMEOUT_MS = 10_000
_WRITE_OPTION = "qoljazba_write"
# One writer at a time on PostgreSQL too, as BEGIN IMMEDIATE gives on SQLite: curators' writes
# are few and small, and a read-then-write transaction then always reads the latest row.
PG_WRITER_LOCK = 0x716F6C6A  # "qolj"


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite opens transactions lazily and only before writes, so a read-then-write
    # transaction can lose updates or fail on the lock upgrade. We take over BEGIN ourselves
    # (NOTES.md: WAL + busy_timeout + BEGIN IMMEDIATE for writers lost nothing).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writer = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the URL; SQLite gets WAL, busy_timeout, foreign keys and explicit BEGIN."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    _configure_postgresql(engine)
    return engine


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION, False):
            # Released by the transaction's commit or rollback.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})")


class Database:
    """One process's connection to the catalogue: read sessions and immediate write sessions."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        # Called with what changed after each committed write transaction (the search index).
        self.after_commit: list[Callable[[Any], None]] = []
        self.engine = make_engine(url, **engine_kwargs)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite database."""
        return self.engine.dialect.name == "sqlite"

    def reader(self) -> Session:
        """A session for reading; the caller closes it."""
        return self._read()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read session, closed at the end of the block."""
        with self._read() as session:
            yield session

    def writer(self) -> Session:
        """A session whose transactions begin immediately (take the write lock up front)."""
        return self._write()

    @contextmanager
    def scratch(self) -> Iterator[Session]:
        """A session whose writes are always thrown away, and that never takes the write lock.

        For dry runs, which write every row to check it: inside a write transaction a 30 MB CSV
        kept logins waiting 79 s. SQLite works on a private in-memory copy (the online backup
        API, which writers do not wait for); PostgreSQL in a transaction without the writers'
        advisory lock (plain row locks only), rolled back at the end.
        """
        if not self.is_sqlite:
            with self._read() as session, session.begin():
                try:
                    yield session
                finally:
                    session.rollback()
            return
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        source = self.engine.raw_connection()
        try:
            source.driver_connection.backup(copy)  # type: ignore[union-attr]
        finally:
            source.close()
        engine = create_engine("sqlite://", creator=lambda: copy, poolclass=StaticPool)
        _configure_sqlite(engine)
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                try:
                    yield session
                finally:
                    session.rollback()
        finally:
            engine.dispose()
            copy.close()

    def dispose(self) -> None:
        """Close every pooled connection (after a fork, or at shutdown)."""
        self.engine.dispose()


def disk_full(error: BaseException) -> bool:
    """Whether an error means the disk (or the database server's disk) is full."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(error, OperationalError):
        original = error.orig
        if "database or disk is full" in str(original):  # SQLite's SQLITE_FULL
            return True
        return getattr(original, "sqlstate", None) == "53100"  # PostgreSQL's disk_full
    return False


# PostgreSQL's SQLSTATEs for a server going away or not yet back: class 08 (connection
# exception), admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down).
_SERVER_AWAY = ("57P01", "57P02", "57P03")


def connection_lost(error: BaseException) -> bool:
    """Whether an error is the database server going away or not being back yet.

    SQLAlchemy marks a connection that broke during a query as invalidated; a new connection
    refused while PostgreSQL restarts (or "the database system is starting up") is not marked,
    and answered 500 in the fault test of restarting PostgreSQL under load (RELIABILITY.md).
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError):
            if current.connection_invalidated:
                return True
            if _server_away(current.orig):
                return True
        elif _server_away(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _server_away(error: BaseException | None) -> bool:
    """A psycopg error that says the server is unreachable or going away (never SQLite's)."""
    if error is None or not type(error).__module__.startswith("psycopg"):
        return False
    import psycopg

    if not isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)):
        return False
    state = getattr(error, "sqlstate", None)
    # No SQLSTATE: the client could not reach the server at all (refused, reset, closed).
    return state is None or state.startswith("08") or state in _SERVER_AWAY
