"""Backups of the embedded database and page images, made online with SQLite's backup API."""

from __future__ import annotations

import datetime
import json
import shutil
import sqlite3
from pathlib import Path

from catalogue.settings import Settings

IMAGES = "images"
DATABASE_FILE = "qoljazba.sqlite3"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; nothing was changed."""


def _require_sqlite(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        raise BackupError(
            "backup and restore handle the embedded SQLite database; for PostgreSQL use "
            "pg_dump and pg_restore (docs/deployment.md)"
        )


def _sqlite_copy(source: Path, destination: Path) -> None:
    # The backup API copies a consistent snapshot even while workers write (a file copy does not).
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(destination)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup(settings: Settings, destination: Path) -> Path:
    """Write the database and page images into destination (a new or empty folder)."""
    _require_sqlite(settings)
    database = settings.sqlite_path
    if not database.exists():
        raise BackupError(f"there is no database at {database}: nothing to back up")
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(database, destination / DATABASE_FILE)
    images = settings.data_dir / IMAGES
    if images.is_dir():
        shutil.copytree(images, destination / IMAGES)
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": DATABASE_FILE,
        "images": (destination / IMAGES).is_dir(),
    }
    (destination / "backup.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return destination


def _data_dir_in_use(settings: Settings) -> bool:
    return settings.sqlite_path.exists() or (settings.data_dir / IMAGES).exists()


def restore(settings: Settings, source: Path, *, overwrite: bool = False) -> None:
    """Put a backup in place; refuses to replace an existing catalogue unless overwrite is given."""
    _require_sqlite(settings)
    if not (source / DATABASE_FILE).is_file():
        raise BackupError(f"{source} is not a Qoljazba backup (no {DATABASE_FILE})")
    check = sqlite3.connect(f"file:{source / DATABASE_FILE}?mode=ro", uri=True)
    try:
        if check.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"the database in {source} is damaged; it was not restored")
    except sqlite3.DatabaseError as error:
        raise BackupError(f"the database in {source} cannot be read: {error}") from None
    finally:
        check.close()
    if _data_dir_in_use(settings) and not overwrite:
        raise BackupError(
            f"{settings.data_dir} already holds a catalogue; stop the server and pass "
            "--overwrite to replace it"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(source / DATABASE_FILE, settings.sqlite_path)
    images = settings.data_dir / IMAGES
    if (source / IMAGES).is_dir():
        if images.exists():
            shutil.rmtree(images)
        shutil.copytree(source / IMAGES, images)
