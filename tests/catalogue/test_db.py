"""The database layer: SQLite pragmas, immediate write transactions, several writer processes."""

import multiprocessing
import uuid

import pytest
from sqlalchemy import select, text

from catalogue.db import Database
from catalogue.models import Manuscript, NameVariant, Person, PublicationState
from catalogue.transaction import run_in_transaction, transaction
from tests.conftest import write_lock_free

PROCESSES = 4
ROUNDS = 40


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite pragmas")
    with db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert (session.execute(text("PRAGMA busy_timeout")).scalar() or 0) >= 5000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), transaction(db) as session:
        session.add(NameVariant(entity_id=987654, text="x", lang="en", script="Latn"))


def test_sqlite_writers_take_the_write_lock_when_they_begin(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite locking")
    with db.writer() as writer, writer.begin():
        writer.execute(text("SELECT 1"))  # nothing written yet, but the lock is already held
        other = Database(db.url)
        with other.engine.connect() as raw:
            raw.exec_driver_sql("PRAGMA busy_timeout = 50")
            with pytest.raises(Exception, match="locked"):
                raw.exec_driver_sql("BEGIN IMMEDIATE")
        other.dispose()


def _writer_process(url: str, slug: str, worker: int, rounds: int) -> None:
    db = Database(url)

    def bump(session: object) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        manuscript = session.scalars(select(Manuscript).where(Manuscript.slug == slug)).one()
        manuscript.folio_count = (manuscript.folio_count or 0) + 1  # read, then write
        person = session.scalars(select(Person).where(Person.slug == "counter")).one()
        person.names.append(
            NameVariant(text=f"w{worker}-{uuid.uuid4().hex[:6]}", lang="en", script="Latn")
        )

    for _ in range(rounds):
        run_in_transaction(db, bump)
    db.dispose()


def test_several_processes_writing_at_once_lose_nothing(db: Database) -> None:
    with transaction(db) as session:
        session.add(Manuscript(slug="hot", folio_count=0, state=PublicationState.PUBLISHED))
        session.add(Person(slug="counter", state=PublicationState.PUBLISHED))
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_writer_process, args=(db.url, "hot", n, ROUNDS))
        for n in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * PROCESSES
    with db.read() as session:
        manuscript = session.scalars(select(Manuscript).where(Manuscript.slug == "hot")).one()
        person = session.scalars(select(Person).where(Person.slug == "counter")).one()
        assert manuscript.folio_count == PROCESSES * ROUNDS
        assert len(person.names) == PROCESSES * ROUNDS


def test_a_scratch_session_sees_the_catalogue_and_its_writes_are_thrown_away(db: Database) -> None:
    with transaction(db) as session:
        session.add(Person(slug="kept", state=PublicationState.PUBLISHED))
    with db.scratch() as scratch:
        assert scratch.scalar(select(Person.slug)) == "kept"
        scratch.add(Person(slug="thrown-away", state=PublicationState.DRAFT))
        scratch.flush()
        assert scratch.scalar(select(Person.slug).where(Person.slug == "thrown-away"))
        assert write_lock_free(db)  # a dry run's writes do not keep other writers waiting
        with transaction(db) as session:  # nor does another writer wait for it
            session.add(Person(slug="meanwhile", state=PublicationState.PUBLISHED))
    with db.read() as session:
        assert set(session.scalars(select(Person.slug))) == {"kept", "meanwhile"}
