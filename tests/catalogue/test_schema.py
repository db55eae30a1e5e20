"""Migrations: they build exactly the models' tables, and upgrading keeps every row."""

from catalogue.db import Database
from catalogue.models import Person, PublicationState
from catalogue.schema import current_revision, head_revision, schema_drift, upgrade
from catalogue.transaction import transaction


def test_migrations_produce_the_models_tables(db: Database) -> None:
    assert current_revision(db) == head_revision()
    assert schema_drift(db) == []


def test_upgrading_an_up_to_date_database_keeps_its_rows(db: Database) -> None:
    with transaction(db) as session:
        session.add(Person(slug="kept", state=PublicationState.PUBLISHED))
    upgrade(db)
    with db.read() as session:
        assert session.query(Person).one().slug == "kept"
