"""The declarative base and the column types every model shares."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, composite, mapped_column

from catalogue.dates.calendars import HistoricalDate
from catalogue.language.localized import LocalizedText

# Stable constraint names, so that Alembic can alter tables on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONVariant = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime.datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.datetime.now(datetime.UTC)


class UTCDateTime(TypeDecorator[datetime.datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime.datetime | None, dialect: Dialect
    ) -> datetime.datetime | None:
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("timestamps must be timezone-aware")
            value = value.astimezone(datetime.UTC)
        return value

    def process_result_value(
        self, value: datetime.datetime | None, dialect: Dialect
    ) -> datetime.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value


class LocalizedType(TypeDecorator[LocalizedText]):
    """A LocalizedText stored as JSON; an empty value is stored as an empty object."""

    impl = JSONVariant
    cache_ok = True

    def process_bind_param(self, value: LocalizedText | None, dialect: Dialect) -> Any:
        return (value or LocalizedText()).to_json()

    def process_result_value(self, value: Any, dialect: Dialect) -> LocalizedText:
        return LocalizedText.from_json(value)


class StringList(TypeDecorator[list[str]]):
    """A short list of vocabulary keys or codes, stored as JSON."""

    impl = JSONVariant
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> Any:
        return list(value or [])

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str]:
        return [str(item) for item in (value or [])]


class Base(DeclarativeBase):
    """The base of every Qoljazba table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum: type[StrEnum], **kwargs: Any) -> Any:
    """A column holding a StrEnum's value as a plain string (portable, easy to migrate)."""
    from sqlalchemy import Enum

    return mapped_column(
        Enum(
            enum,
            native_enum=False,
            create_constraint=False,
            length=24,
            values_callable=lambda members: [m.value for m in members],
        ),
        **kwargs,
    )


def date_composite(prefix: str) -> Mapped[HistoricalDate | None]:
    """Five columns for one dated statement: the statement, its calendar and the derived range."""
    return composite(
        HistoricalDate,
        mapped_column(f"{prefix}_statement", String(200), nullable=True),
        mapped_column(f"{prefix}_calendar", String(16), nullable=True),
        mapped_column(f"{prefix}_precision", String(16), nullable=True),
        mapped_column(f"{prefix}_earliest", Date, nullable=True, index=True),
        mapped_column(f"{prefix}_latest", Date, nullable=True, index=True),
        return_none_on=lambda statement, *_rest: statement is None,  # no statement, no date
    )
