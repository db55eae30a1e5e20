"""The database schema's version: Alembic migrations applied in code, checked against the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from catalogue.db import Database
from catalogue.models import Base

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database) -> None:
    """Bring the database to the newest schema, keeping every row."""
    with db.engine.begin() as connection:
        command.upgrade(_config(connection), "head")


def schema_drift(db: Database) -> list[Any]:
    """Differences between the database's tables and the models (empty when they agree)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def make_migration(db: Database, message: str) -> None:
    """Write a new migration from the models' differences (for developers: `make migration`)."""
    with db.engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)
