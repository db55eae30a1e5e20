"""Loads a document from formats.catalogue_json.writer into an empty database, all or nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from catalogue.formats.catalogue_json.writer import FORMAT, FORMAT_VERSION
from catalogue.language.characters import clean_text
from catalogue.models.tabledata import catalogue_tables, from_plain
from catalogue.schema import head_revision


class CatalogueImportError(ValueError):
    """The document cannot be imported; the message says why and nothing was written."""


def _check_header(document: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CatalogueImportError(f"this is not a Qoljazba catalogue export (format {FORMAT!r})")
    if document.get("format_version") != FORMAT_VERSION:
        raise CatalogueImportError(
            f"export format version {document.get('format_version')!r} is not supported "
            f"(this version reads {FORMAT_VERSION})"
        )
    if document.get("schema_revision") != head_revision():
        raise CatalogueImportError(
            f"the export was made at schema revision {document.get('schema_revision')!r}; "
            f"this installation is at {head_revision()!r}: import it with the matching version"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise CatalogueImportError("the export has no 'tables' section")
    known = {t.name for t in catalogue_tables()}
    unknown = sorted(set(tables) - known)
    if unknown:
        raise CatalogueImportError(f"the export has tables this version does not know: {unknown}")
    return tables


def _cleaned(value: Any) -> Any:
    """Every text in a value (a localized value's map, a list of codes) as the forms store it;
    the dump does not say which fields are one-line, so line breaks are kept as \n."""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value


def import_catalogue(session: Session, document: Any) -> dict[str, int]:
    """Insert every row of the document; the database must hold no catalogue yet."""
    tables = _check_header(document)
    for table in catalogue_tables():
        if session.scalar(select(func.count()).select_from(table)):
            raise CatalogueImportError(
                f"the database already holds a catalogue (table {table.name!r} is not empty); "
                "import into an empty database"
            )
    counts: dict[str, int] = {}
    for table in catalogue_tables():
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise CatalogueImportError(f"table {table.name!r} must be a list of rows")
        columns = {c.name: c for c in table.columns}
        values = []
        for number, row in enumerate(rows, start=1):
            extra = set(row) - set(columns) if isinstance(row, dict) else {"(not an object)"}
            if extra:
                raise CatalogueImportError(
                    f"{table.name} row {number}: unknown columns {sorted(extra)}"
                )
            values.append(
                {name: from_plain(columns[name], _cleaned(value)) for name, value in row.items()}
            )
        if values:
            try:
                session.execute(insert(table), values)
            except Exception as error:
                raise CatalogueImportError(
                    f"{table.name}: rows could not be stored: {error}"
                ) from None
        counts[table.name] = len(values)
    if session.get_bind().dialect.name == "postgresql":
        _reset_sequences(session)
    return counts


def _reset_sequences(session: Session) -> None:
    # Rows came with their ids; PostgreSQL's sequences must move past them.
    for table in catalogue_tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement is not False and not pk[0].foreign_keys:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )
