"""transaction.py: commits, rolls back, reports what changed, retries conflicts."""

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.db import Database
from catalogue.models import Manuscript, NameVariant, Person, PublicationState
from catalogue.transaction import Changes, run_in_transaction, transaction


@pytest.fixture
def seen(db: Database) -> Iterator[list[Changes]]:
    recorded: list[Changes] = []
    db.after_commit.append(recorded.append)
    yield recorded


def test_commit_reports_touched_records_including_through_children(
    db: Database, seen: list[Changes]
) -> None:
    with transaction(db) as session:
        person = Person(slug="p", state=PublicationState.PUBLISHED)
        session.add(person)
    with transaction(db) as session:
        found = session.scalars(select(Person)).one()
        session.add(NameVariant(entity_id=found.id, text="Tauke", lang="en", script="Latn"))
    assert seen[0].touched == {person.id}
    assert seen[1].touched == {person.id}
    with transaction(db) as session:
        session.delete(session.scalars(select(Person)).one())
    assert seen[2].deleted == {person.id} and not seen[2].touched


def test_an_error_rolls_everything_back_and_calls_no_hook(
    db: Database, seen: list[Changes]
) -> None:
    with pytest.raises(RuntimeError), transaction(db) as session:
        session.add(Person(slug="gone", state=PublicationState.PUBLISHED))
        session.flush()
        raise RuntimeError("boom")
    with db.read() as session:
        assert session.scalars(select(Person)).all() == []
    assert seen == []


def test_optimistic_locking_refuses_a_stale_write(db: Database) -> None:
    with transaction(db) as session:
        session.add(Manuscript(slug="m", state=PublicationState.PUBLISHED))
    curator_a = db.reader()
    stale = curator_a.scalars(select(Manuscript)).one()
    curator_a.commit()  # curator A has the form open; the record stays loaded
    with transaction(db) as session:  # curator B saves first
        session.scalars(select(Manuscript)).one().folio_count = 10
    stale.folio_count = 20
    with pytest.raises(StaleDataError):
        curator_a.commit()
    curator_a.close()
    with db.read() as session:
        assert session.scalars(select(Manuscript)).one().folio_count == 10


def test_run_in_transaction_retries_conflicts_then_succeeds(db: Database) -> None:
    attempts: list[int] = []

    def work(session: Session) -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise StaleDataError("someone else saved first")
        session.add(Person(slug="saved", state=PublicationState.PUBLISHED))
        return "done"

    assert run_in_transaction(db, work) == "done"
    assert len(attempts) == 3


def test_run_in_transaction_does_not_retry_other_errors(db: Database) -> None:
    attempts: list[int] = []

    def work(session: Session) -> None:
        attempts.append(1)
        raise ValueError("a real mistake")

    with pytest.raises(ValueError):
        run_in_transaction(db, work)
    assert attempts == [1]
