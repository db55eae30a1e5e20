"""Whole-catalogue JSON export: import it into an empty database, export again: identical."""

import json

from catalogue.db import Database
from catalogue.formats.catalogue_json.reader import import_catalogue
from catalogue.formats.catalogue_json.writer import dumps, export_catalogue
from catalogue.models import Person, PublicationState
from catalogue.transaction import transaction
from tests.conftest import Backend, table_counts


def test_round_trip_is_identical(shipped_db: Database, backend: Backend) -> None:
    with shipped_db.read() as session:
        first = dumps(export_catalogue(session))
    target = Database(backend.fresh_url())
    with transaction(target) as session:
        import_catalogue(session, json.loads(first))
    with target.read() as session:
        second = dumps(export_catalogue(session))
    assert second == first
    assert table_counts(target) == table_counts(shipped_db)
    # The imported database keeps working: new rows get fresh ids.
    with transaction(target) as session:
        session.add(Person(slug="after-import", state=PublicationState.PUBLISHED))
    target.dispose()


def test_export_contains_no_accounts(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        document = export_catalogue(session)
    assert "user_account" not in document["tables"]
    assert "password" not in dumps(document)
