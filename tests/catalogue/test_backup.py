"""Backups made and restored directly (SQLite here; the PostgreSQL round trip is in
tests/app/test_cli.py): a consistent copy with its images, and every refusal changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from catalogue.backup import (
    DATABASE_FILE,
    IMAGES,
    PG_DUMP_FILE,
    BackupError,
    backup,
    restore,
)
from catalogue.db import Database
from catalogue.models import Place, PublicationState
from catalogue.schema import upgrade
from catalogue.settings import Settings
from catalogue.transaction import transaction
from tests.conftest import make_settings


def _settings(data_dir: Path) -> Settings:
    return make_settings(data_dir, f"sqlite:///{data_dir / 'qoljazba.sqlite3'}")


def _catalogue(data_dir: Path, *slugs: str) -> Settings:
    """A SQLite catalogue in data_dir holding these places, and a page image file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = _settings(data_dir)
    db = Database(settings.database_url)
    upgrade(db)
    with transaction(db) as session:
        for slug in slugs:
            session.add(Place(slug=slug, place_kind="city", state=PublicationState.PUBLISHED))
    db.dispose()
    (data_dir / IMAGES / "ab").mkdir(parents=True)
    (data_dir / IMAGES / "ab" / "scan.jpg").write_bytes(b"image bytes")
    return settings


def _places(settings: Settings) -> list[str]:
    db = Database(settings.database_url)
    try:
        with db.read() as session:
            return sorted(session.scalars(select(Place.slug)))
    finally:
        db.dispose()


def test_a_backup_holds_the_database_the_images_and_what_it_is(tmp_path: Path) -> None:
    settings = _catalogue(tmp_path / "data", "yasy")
    made = backup(settings, tmp_path / "backup")
    assert made == tmp_path / "backup"
    assert (made / IMAGES / "ab" / "scan.jpg").read_bytes() == b"image bytes"
    manifest = json.loads((made / "backup.json").read_text())
    assert manifest["database"] == DATABASE_FILE and manifest["engine"] == "sqlite"
    assert manifest["images"] is True
    copy = sqlite3.connect(made / DATABASE_FILE)
    try:
        assert copy.execute("SELECT slug FROM entity").fetchall() == [("yasy",)]
    finally:
        copy.close()


def test_a_restore_puts_the_catalogue_back_only_when_told_to_overwrite(tmp_path: Path) -> None:
    settings = _catalogue(tmp_path / "data", "yasy")
    backup(settings, tmp_path / "backup")
    db = Database(settings.database_url)
    with transaction(db) as session:
        session.add(Place(slug="later", place_kind="city", state=PublicationState.DRAFT))
    db.dispose()
    (tmp_path / "data" / IMAGES / "ab" / "scan.jpg").write_bytes(b"changed")
    with pytest.raises(BackupError, match="--overwrite"):
        restore(settings, tmp_path / "backup")
    assert _places(settings) == ["later", "yasy"]  # refused: nothing changed
    restore(settings, tmp_path / "backup", overwrite=True)
    assert _places(settings) == ["yasy"]
    assert (tmp_path / "data" / IMAGES / "ab" / "scan.jpg").read_bytes() == b"image bytes"


def test_a_restore_into_an_empty_data_dir_needs_no_overwrite(tmp_path: Path) -> None:
    backup(_catalogue(tmp_path / "data", "yasy", "turkistan"), tmp_path / "backup")
    fresh = _settings(tmp_path / "elsewhere")
    restore(fresh, tmp_path / "backup")
    assert _places(fresh) == ["turkistan", "yasy"]


def test_a_backup_without_images_says_so(tmp_path: Path) -> None:
    settings = _catalogue(tmp_path / "data")
    (tmp_path / "data" / IMAGES / "ab" / "scan.jpg").unlink()
    (tmp_path / "data" / IMAGES / "ab").rmdir()
    (tmp_path / "data" / IMAGES).rmdir()
    made = backup(settings, tmp_path / "backup")
    assert json.loads((made / "backup.json").read_text())["images"] is False
    assert not (made / IMAGES).exists()


def test_backups_are_refused_without_a_database_or_into_a_used_folder(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="nothing to back up"):
        backup(_settings(tmp_path / "none"), tmp_path / "backup")
    assert not (tmp_path / "backup").exists()
    settings = _catalogue(tmp_path / "data", "yasy")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("mine")
    with pytest.raises(BackupError, match="not empty"):
        backup(settings, tmp_path / "used")
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["keep.txt"]
    (tmp_path / "empty").mkdir()
    backup(settings, tmp_path / "empty")  # an empty folder is fine
    assert (tmp_path / "empty" / DATABASE_FILE).is_file()


def test_what_is_not_a_sqlite_backup_is_not_restored(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "data")
    (tmp_path / "nothing").mkdir()
    with pytest.raises(BackupError, match="not a Qoljazba backup"):
        restore(settings, tmp_path / "nothing")
    (tmp_path / "pg").mkdir()
    (tmp_path / "pg" / PG_DUMP_FILE).write_bytes(b"PGDMP")
    with pytest.raises(BackupError, match="PostgreSQL"):
        restore(settings, tmp_path / "pg")
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / DATABASE_FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(BackupError, match=r"damaged|cannot be read"):
        restore(settings, tmp_path / "damaged")
    assert not (tmp_path / "data").exists()  # nothing was put in place


def test_a_postgresql_backup_that_fails_leaves_no_folder(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(BackupError, match="pg_dump"):
        backup(settings, tmp_path / "backup")
    assert not (tmp_path / "backup").exists()
    (tmp_path / "sqlite-backup").mkdir()
    (tmp_path / "sqlite-backup" / DATABASE_FILE).write_bytes(b"")
    with pytest.raises(BackupError, match=PG_DUMP_FILE):
        restore(settings, tmp_path / "sqlite-backup")
