"""Backups of the database and page images, made online while curators write.

SQLite: the backup API copies a consistent snapshot. PostgreSQL: `pg_dump` (custom format,
one consistent snapshot) and `pg_restore` from Debian's postgresql-client, whose version
must be at least the server's.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from catalogue.settings import Settings

IMAGES = "images"
DATABASE_FILE = "qoljazba.sqlite3"
PG_DUMP_FILE = "qoljazba.pgdump"
PG_TIMEOUT_SECONDS = 3600


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; nothing was changed."""


def _is_postgresql(settings: Settings) -> bool:
    return settings.database_url.startswith("postgresql")


def _pg_command(settings: Settings, program: str) -> tuple[list[str], dict[str, str]]:
    """The program with the connection's options, and an environment holding its password."""
    url = make_url(settings.database_url)
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} is not installed: install Debian's postgresql-client "
            "(of the server's major version or later)"
        )
    # libpq reads the same URL (host, port, user, database, ?sslmode=...) without the driver name.
    plain = url.set(drivername="postgresql", password=None)
    command = [found, "--no-password", f"--dbname={plain.render_as_string(hide_password=False)}"]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line, where ps shows it
    return command, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackupError(f"{what} failed: {error}") from None
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-800:]}")


def _pg_dump(settings: Settings, destination: Path) -> None:
    command, env = _pg_command(settings, "pg_dump")
    command += ["--format=custom", "--no-owner", "--no-privileges", f"--file={destination}"]
    _run(command, env, "pg_dump")


def _pg_has_tables(settings: Settings) -> bool:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(settings.database_url)
    try:
        return bool(inspect(engine).get_table_names())
    except Exception as error:
        raise BackupError(f"the database cannot be reached: {error}") from None
    finally:
        engine.dispose()


def _pg_restore(settings: Settings, source: Path, *, overwrite: bool) -> None:
    listing, env = _pg_command(settings, "pg_restore")
    _run([listing[0], "--list", str(source)], env, f"reading {source}")  # a readable dump?
    if _pg_has_tables(settings) and not overwrite:
        raise BackupError(
            f"the database {make_url(settings.database_url).database} already holds tables; "
            "stop the server and pass --overwrite to replace them"
        )
    command, env = _pg_command(settings, "pg_restore")
    command += ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if overwrite:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source)], env, "pg_restore")


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
    postgresql = _is_postgresql(settings)
    if not postgresql and not settings.sqlite_path.exists():
        raise BackupError(f"there is no database at {settings.sqlite_path}: nothing to back up")
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    # The database first, then the images: every page in the snapshot has its image files
    # (images are written before their page is committed, and never changed afterwards).
    database_file = PG_DUMP_FILE if postgresql else DATABASE_FILE
    try:
        if postgresql:
            _pg_dump(settings, destination / database_file)
        else:
            _sqlite_copy(settings.sqlite_path, destination / database_file)
    except BaseException:
        shutil.rmtree(destination, ignore_errors=True)
        raise
    images = settings.data_dir / IMAGES
    if images.is_dir():
        shutil.copytree(images, destination / IMAGES)
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": database_file,
        "engine": "postgresql" if postgresql else "sqlite",
        "images": (destination / IMAGES).is_dir(),
    }
    (destination / "backup.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return destination


def _data_dir_in_use(settings: Settings) -> bool:
    return settings.sqlite_path.exists() or (settings.data_dir / IMAGES).exists()


def _put_images(settings: Settings, source: Path) -> None:
    images = settings.data_dir / IMAGES
    if (source / IMAGES).is_dir():
        if images.exists():
            shutil.rmtree(images)
        shutil.copytree(source / IMAGES, images)


def restore(settings: Settings, source: Path, *, overwrite: bool = False) -> None:
    """Put a backup in place; refuses to replace an existing catalogue unless overwrite is given."""
    if _is_postgresql(settings):
        if not (source / PG_DUMP_FILE).is_file():
            raise BackupError(
                f"{source} is not a Qoljazba backup of a PostgreSQL database (no {PG_DUMP_FILE})"
            )
        if (settings.data_dir / IMAGES).exists() and not overwrite:
            raise BackupError(
                f"{settings.data_dir} already holds page images; stop the server and pass "
                "--overwrite to replace them"
            )
        _pg_restore(settings, source / PG_DUMP_FILE, overwrite=overwrite)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        _put_images(settings, source)
        return
    if (source / PG_DUMP_FILE).is_file():
        raise BackupError(
            f"{source} is a backup of a PostgreSQL database; set QOLJAZBA_DATABASE_URL to an "
            "empty PostgreSQL database to restore it"
        )
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
    _put_images(settings, source)
