"""The whole catalogue as one JSON document: every catalogue table, every column, ids kept."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models.tabledata import catalogue_tables, to_plain
from catalogue.schema import head_revision

FORMAT = "qoljazba-catalogue"
FORMAT_VERSION = 1


def export_catalogue(session: Session) -> dict[str, Any]:
    """The catalogue as a JSON-ready dict (rows in primary-key order, so exports compare equal)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in catalogue_tables():
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        tables[table.name] = [{key: to_plain(value) for key, value in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "tables": tables,
    }


def dumps(document: dict[str, Any]) -> str:
    """Stable text for a document: sorted keys, UTF-8 characters kept readable."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
