"""Whole-catalogue JSON import: all or nothing, into an empty database, every text cleaned."""

import json
from typing import Any

import pytest

from catalogue.db import Database
from catalogue.formats.catalogue_json.reader import CatalogueImportError, import_catalogue
from catalogue.formats.catalogue_json.writer import FORMAT, FORMAT_VERSION, dumps, export_catalogue
from catalogue.schema import head_revision
from catalogue.transaction import transaction
from tests.conftest import Backend, table_counts


def _header(**tables: Any) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "tables": tables,
    }


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


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({**_header(), "tables": None}, "no 'tables' section"),
        (_header(user_account=[]), r"tables this version does not know: \['user_account'\]"),
        (_header(person={"id": 1}), "'person' must be a list of rows"),
        (_header(person=["not a row"]), r"person row 1: unknown columns \['\(not an object\)'\]"),
    ],
)
def test_malformed_tables_are_refused(db: Database, document: object, fragment: str) -> None:
    with pytest.raises(CatalogueImportError, match=fragment), transaction(db) as session:
        import_catalogue(session, document)
    assert sum(table_counts(db).values()) == 0


def test_an_empty_export_imports_nothing(db: Database) -> None:
    with transaction(db) as session:
        counts = import_catalogue(session, _header())
    assert set(counts.values()) == {0}
    assert sum(table_counts(db).values()) == 0
