"""Whole-catalogue JSON: export, import into an empty database, export again: identical."""

import json

import pytest

from catalogue.db import Database
from catalogue.formats.catalogue_json.reader import CatalogueImportError, import_catalogue
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


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({}, "not a Qoljazba catalogue export"),
        ([], "not a Qoljazba catalogue export"),
        ({"format": "qoljazba-catalogue", "format_version": 99}, "format version"),
        (
            {"format": "qoljazba-catalogue", "format_version": 1, "schema_revision": "x"},
            "schema revision",
        ),
    ],
)
def test_bad_documents_are_refused(db: Database, document: object, fragment: str) -> None:
    with pytest.raises(CatalogueImportError, match=fragment), transaction(db) as session:
        import_catalogue(session, document)


def test_bad_rows_are_refused_and_nothing_is_written(shipped_db: Database, db: Database) -> None:
    with shipped_db.read() as session:
        document = export_catalogue(session)
    document["tables"]["name_variant"][3]["entity_id"] = 10**9  # points at nothing
    with pytest.raises(CatalogueImportError, match="name_variant"), transaction(db) as session:
        import_catalogue(session, document)
    assert sum(table_counts(db).values()) == 0


def test_unknown_columns_are_refused(shipped_db: Database, db: Database) -> None:
    with shipped_db.read() as session:
        document = export_catalogue(session)
    document["tables"]["person"][0]["shoe_size"] = 44
    with pytest.raises(CatalogueImportError, match="shoe_size"), transaction(db) as session:
        import_catalogue(session, document)


def test_import_refuses_a_database_that_holds_a_catalogue(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        document = export_catalogue(session)
    with pytest.raises(CatalogueImportError, match="already holds"), shipped_db.writer() as session:
        import_catalogue(session, document)


def test_an_import_cleans_control_characters_in_every_text(
    shipped_db: Database, backend: Backend
) -> None:
    with shipped_db.read() as session:
        document = json.loads(dumps(export_catalogue(session)))
    name = document["tables"]["name_variant"][0]
    name["text"] = "Tauke\x0bKhan\x00"
    manuscript = document["tables"]["manuscript"][0]
    manuscript["title"]["en"]["text"] = "a\u2028b\x1bc"
    target = Database(backend.fresh_url())
    with transaction(target) as session:
        import_catalogue(session, document)
    with target.read() as session:
        again = json.loads(dumps(export_catalogue(session)))
    target.dispose()
    assert again["tables"]["name_variant"][0]["text"] == "Tauke\nKhan"
    assert again["tables"]["manuscript"][0]["title"]["en"]["text"] == "a\nbc"
