"""Table rows as JSON-ready values and back, for the lossless catalogue dump."""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Column, Date, Table

from catalogue.language.localized import LocalizedText
from catalogue.models import Base
from catalogue.models.base import LocalizedType, UTCDateTime

# Accounts and the migration bookkeeping are not catalogue content: never exported.
NON_CATALOGUE_TABLES = frozenset(
    {"user_account", "login_failure", "audit_entry", "alembic_version"}
)


def catalogue_tables() -> list[Table]:
    """The catalogue's tables, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NON_CATALOGUE_TABLES]


def to_plain(value: Any) -> Any:
    """A column value as JSON: dates in ISO form, localized values as their JSON map."""
    if isinstance(value, LocalizedText):
        return value.to_json()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def from_plain(column: Column[Any], value: Any) -> Any:
    """The inverse of to_plain for one column."""
    if value is None:
        return None
    if isinstance(column.type, LocalizedType):
        return LocalizedText.from_json(value)
    if isinstance(column.type, UTCDateTime):
        return datetime.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return datetime.date.fromisoformat(value)
    return value
