"""Fixtures: a fresh database per test (SQLite or a PostgreSQL schema), the shipped catalogue."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from catalogue.db import PG_WRITER_LOCK, Database
from catalogue.models import Manuscript, NameVariant, Person, Place, PublicationState, Source
from catalogue.models.tabledata import catalogue_tables
from catalogue.schema import upgrade
from catalogue.search import SearchIndex, rebuild
from catalogue.settings import Settings, load_settings
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from catalogue.write_hooks import attach_record_rules

POSTGRES_URL = os.environ.get("QOLJAZBA_TEST_DATABASE_URL", "")


def _pg_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


class Backend:
    """Makes fresh databases for tests on the backend under test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.schemas: list[str] = []
        self.admin = Database(POSTGRES_URL) if POSTGRES_URL else None
        self._template: Path | None = None

    @property
    def name(self) -> str:
        return "postgresql" if self.admin else "sqlite"

    def fresh_url(self, *, migrated: bool = True) -> str:
        """The URL of a new, empty database (at the current schema unless migrated=False)."""
        if self.admin is not None:
            schema = f"qz_test_{uuid.uuid4().hex[:12]}"
            with self.admin.engine.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            self.schemas.append(schema)
            url = _pg_schema_url(schema)
            if migrated:
                db = Database(url)
                upgrade(db)
                db.dispose()
            return url
        if self._template is None:
            self._template = self.root / "template.sqlite3"
            db = Database(f"sqlite:///{self._template}")
            upgrade(db)
            db.dispose()
        path = self.root / f"{uuid.uuid4().hex}.sqlite3"
        if not migrated:
            return f"sqlite:///{path}"
        shutil.copyfile(self._template, path)  # not in use by anyone: a plain copy is safe here
        return f"sqlite:///{path}"

    def close(self) -> None:
        if self.admin is not None:
            # One transaction per schema: dropping them all at once exhausts the lock table.
            for schema in self.schemas:
                with self.admin.engine.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            self.admin.dispose()


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """SQLite, or PostgreSQL when QOLJAZBA_TEST_DATABASE_URL is set."""
    made = Backend(tmp_path_factory.mktemp("databases"))
    yield made
    made.close()


@pytest.fixture
def db(backend: Backend) -> Iterator[Database]:
    """An empty database at the current schema, for this test alone."""
    database = Database(backend.fresh_url())
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def shipped_url(backend: Backend) -> str:
    """A database holding the shipped catalogue, shared by tests that only read."""
    url = backend.fresh_url()
    database = Database(url)
    with transaction(database) as session:
        load_shipped_catalogue(session)
    database.dispose()
    return url


@pytest.fixture
def shipped_db(shipped_url: str) -> Iterator[Database]:
    """The shared shipped catalogue (read only: write to `db` instead)."""
    database = Database(shipped_url)
    yield database
    database.dispose()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """A write session on the test's own database, rolled back unless the test commits.

    It keeps datestamps and tombstones as transaction() does (no audit: tests set up records).
    """
    with db.writer() as opened:
        attach_record_rules(opened)
        yield opened


@pytest.fixture(scope="session")
def shipped_index_path(shipped_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the shipped catalogue, built once (tests must only read it)."""
    path = tmp_path_factory.mktemp("index")
    database = Database(shipped_url)
    index = SearchIndex(path)
    rebuild(database, index)
    index.close()
    database.dispose()
    return path


@pytest.fixture
def shipped_index(shipped_index_path: Path) -> Iterator[SearchIndex]:
    """The shared index of the shipped catalogue."""
    index = SearchIndex(shipped_index_path)
    yield index
    index.close()


def make_settings(data_dir: Path, database_url: str, **overrides: Any) -> Settings:
    """Settings for a test: its own data dir and database."""
    base = load_settings({"QOLJAZBA_DATA_DIR": str(data_dir)})
    return replace(base, database_url=database_url, secret_key="test-secret", **overrides)


@pytest.fixture
def app(tmp_path: Path, shipped_url: str, shipped_index_path: Path) -> Iterator[Flask]:
    """The application over the shipped catalogue and its prebuilt search index."""
    from app import context, create_app

    (tmp_path / "index").symlink_to(shipped_index_path)
    made = create_app({"SETTINGS": make_settings(tmp_path, shipped_url), "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the application."""
    return app.test_client()


def _factory(session: Session, model: type[Any], defaults: Callable[[str], dict[str, Any]]) -> Any:
    """A fixture function that adds a published record of `model`, defaults first."""

    def make(**overrides: Any) -> Any:
        slug = overrides.pop("slug", f"{model.__name__.lower()}-{uuid.uuid4().hex[:8]}")
        record = model(**{"slug": slug, "state": PublicationState.PUBLISHED, **defaults(slug)})
        for key, value in overrides.items():
            setattr(record, key, value)
        session.add(record)
        session.flush()
        return record

    return make


@pytest.fixture
def make_source(session: Session) -> Callable[..., Source]:
    """Factory: a published reference source."""
    return _factory(session, Source, lambda slug: {"source_kind": "reference"})  # type: ignore[no-any-return]


@pytest.fixture
def make_person(session: Session) -> Callable[..., Person]:
    """Factory: a published person with an English and a Persian name."""
    return _factory(  # type: ignore[no-any-return]
        session,
        Person,
        lambda slug: {
            "names": [
                NameVariant(text=f"Name {slug}", lang="en", script="Latn", preferred=True),
                NameVariant(text="نام", lang="fa", script="Arab", preferred=True, position=1),
            ]
        },
    )


@pytest.fixture
def make_place(session: Session) -> Callable[..., Place]:
    """Factory: a published city."""
    return _factory(  # type: ignore[no-any-return]
        session,
        Place,
        lambda slug: {
            "place_kind": "city",
            "names": [NameVariant(text=f"Place {slug}", lang="en", script="Latn", preferred=True)],
        },
    )


@pytest.fixture
def make_manuscript(session: Session) -> Callable[..., Manuscript]:
    """Factory: a published manuscript in cataloguing."""
    return _factory(session, Manuscript, lambda slug: {})  # type: ignore[no-any-return]


def table_counts(database: Database) -> dict[str, int]:
    """Rows per catalogue table (for tests that check nothing was written or lost)."""
    from sqlalchemy import func, select

    with database.read() as opened:
        return {
            t.name: opened.scalar(select(func.count()).select_from(t)) or 0
            for t in catalogue_tables()
        }


@pytest.fixture
def live_server() -> Iterator[Callable[[Flask], str]]:
    """Serve an application on a loopback port in a thread (for real HTTP clients); its base URL."""
    import threading

    from werkzeug.serving import make_server

    servers: list[Any] = []

    def serve(application: Flask) -> str:
        server = make_server("127.0.0.1", 0, application, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def write_lock_free(db: Database) -> bool:
    """Whether a writer could take the one write lock at once (no write transaction is open)."""
    if db.is_sqlite:
        # A separate connection that does not wait: BEGIN IMMEDIATE fails while a writer holds it.
        path = db.engine.url.database
        assert path
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            probe.close()
    with db.engine.connect() as connection:  # released with this transaction's rollback
        query = f"SELECT pg_try_advisory_xact_lock({PG_WRITER_LOCK})"
        return bool(connection.exec_driver_sql(query).scalar())
