"""A record's datestamp moves when any part of it changes (OAI-PMH, updated_since, ETags)."""

from __future__ import annotations

import datetime

from sqlalchemy import select

from catalogue.db import Database
from catalogue.models import Manuscript, NameVariant, Person, PublicationState, Shelfmark
from catalogue.transaction import transaction

LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _stamp(db: Database, model: type[Person] | type[Manuscript], slug: str) -> datetime.datetime:
    with db.read() as session:
        found = session.scalar(select(model).where(model.slug == slug))
        assert found is not None
        return found.updated_at


def _age(db: Database, model: type[Person] | type[Manuscript], slug: str) -> None:
    with transaction(db) as session:
        found = session.scalar(select(model).where(model.slug == slug))
        assert found is not None
        found.updated_at = LONG_AGO


def test_a_new_name_or_an_edited_shelfmark_moves_the_datestamp(db: Database) -> None:
    with transaction(db) as session:
        session.add(Person(slug="p", state=PublicationState.PUBLISHED))
        session.add(
            Manuscript(
                slug="m",
                state=PublicationState.PUBLISHED,
                shelfmarks=[Shelfmark(institution="L", idno="1")],
            )
        )
    _age(db, Person, "p")
    _age(db, Manuscript, "m")
    assert _stamp(db, Person, "p") == LONG_AGO
    with transaction(db) as session:
        person = session.scalar(select(Person).where(Person.slug == "p"))
        assert person is not None
        person.names.append(NameVariant(text="X", lang="en", script="Latn"))
    assert _stamp(db, Person, "p") > LONG_AGO
    with transaction(db) as session:
        mark = session.scalar(select(Shelfmark))
        assert mark is not None
        mark.idno = "2"
    assert _stamp(db, Manuscript, "m") > LONG_AGO
