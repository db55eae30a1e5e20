"""The `qoljazba` command, run as a user would."""

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import POSTGRES_URL, Backend


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend) -> Path:
    """A data dir of its own; on PostgreSQL, a fresh schema."""
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(tmp_path / "data"))
    if POSTGRES_URL:
        monkeypatch.setenv("QOLJAZBA_DATABASE_URL", backend.fresh_url(migrated=False))
    else:
        monkeypatch.delenv("QOLJAZBA_DATABASE_URL", raising=False)
    return tmp_path


def test_init_is_idempotent(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    assert "27 manuscript" in capsys.readouterr().out
    assert main(["init"]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert main(["check"]) == 0
    assert "database: ok" in capsys.readouterr().out


def test_export_import_round_trip_through_files(
    env: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend
) -> None:
    assert main(["init"]) == 0
    first = env / "first.json"
    assert main(["export", "--format", "json", "-o", str(first)]) == 0
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(env / "other"))
    if POSTGRES_URL:
        monkeypatch.setenv("QOLJAZBA_DATABASE_URL", backend.fresh_url(migrated=False))
    assert main(["init", "--empty"]) == 0
    assert main(["import", str(first)]) == 0
    second = env / "second.json"
    assert main(["export", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert main(["import", str(first)]) == 1  # not into a database that holds a catalogue


def test_import_of_a_broken_file_says_why(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--empty"]) == 0
    broken = env / "broken.json"
    broken.write_text("{ not json")
    assert main(["import", str(broken)]) == 1
    assert "not valid UTF-8 JSON" in capsys.readouterr().err
    assert main(["import", str(env / "missing.json")]) == 1


def test_create_user_reads_the_password_from_stdin(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--empty"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase\n"))
    assert main(["create-user", "admin", "--role", "admin"]) == 0
    assert "created admin account 'admin'" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["create-user", "second"]) == 1
    assert "at least 10" in capsys.readouterr().err


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the SQLite backup (PostgreSQL: below)")
def test_backup_and_restore(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["init"]) == 0
    (env / "data" / "images").mkdir()
    (env / "data" / "images" / "page.jpg").write_bytes(b"jpeg")
    assert main(["backup", str(env / "backup")]) == 0
    assert main(["backup", str(env / "backup")]) == 1  # never into a non-empty folder
    assert main(["restore", str(env / "backup")]) == 1  # refuses to overwrite a catalogue
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(env / "restored"))
    assert main(["restore", str(env / "backup")]) == 0
    assert (env / "restored" / "images" / "page.jpg").read_bytes() == b"jpeg"
    assert main(["check"]) == 0
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(env / "data"))
    assert main(["restore", str(env / "backup"), "--overwrite"]) == 0
    assert main(["restore", str(env / "nothing-here")]) == 1


def test_a_failed_postgresql_backup_says_why_and_leaves_nothing(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QOLJAZBA_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert main(["backup", str(env / "b")]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (env / "b").exists()


@pytest.fixture
def pg_databases() -> Iterator[Callable[[], str]]:
    """Fresh PostgreSQL databases (pg_dump works on whole databases), dropped afterwards."""
    import psycopg

    made: list[str] = []
    admin = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")

    def fresh() -> str:
        name = f"qz_backup_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"

    yield fresh
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL (QOLJAZBA_TEST_DATABASE_URL)")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs postgresql-client")
def test_backup_and_restore_on_postgresql(
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
    pg_databases: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    original, restored = pg_databases(), pg_databases()
    monkeypatch.setenv("QOLJAZBA_DATABASE_URL", original)
    assert main(["init"]) == 0
    (env / "data" / "images").mkdir()
    (env / "data" / "images" / "page.jpg").write_bytes(b"jpeg")
    assert main(["backup", str(env / "backup")]) == 0
    assert json.loads((env / "backup" / "backup.json").read_text())["engine"] == "postgresql"
    assert main(["restore", str(env / "backup")]) == 1  # the database holds a catalogue
    assert "already holds" in capsys.readouterr().err
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(env / "restored"))
    monkeypatch.setenv("QOLJAZBA_DATABASE_URL", restored)
    assert main(["restore", str(env / "backup")]) == 0
    assert (env / "restored" / "images" / "page.jpg").read_bytes() == b"jpeg"
    capsys.readouterr()
    assert main(["check"]) == 0  # rebuilds the search index
    out = capsys.readouterr().out
    assert '"manuscript": 27' in out and "database: ok" in out
    assert main(["restore", str(env / "backup"), "--overwrite"]) == 0
    assert main(["check", "--no-repair"]) == 0
    monkeypatch.delenv("QOLJAZBA_DATABASE_URL")  # an SQLite site cannot take it
    assert main(["restore", str(env / "backup")]) == 1
    assert "PostgreSQL" in capsys.readouterr().err


def test_commands_on_an_empty_data_dir_say_to_init(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 1
    assert "qoljazba init" in capsys.readouterr().err


def test_a_bad_setting_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QOLJAZBA_PORT", "eighty")
    assert main(["check"]) == 2
    assert "QOLJAZBA_PORT" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_starts_a_production_server(env: Path) -> None:
    port = _free_port()
    environment = {**os.environ, "QOLJAZBA_WORKERS": "2", "PYTHONWARNINGS": "ignore"}
    log = env / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.load(r)
                    assert r.status == 200
                    assert r.headers["Server"].startswith("gunicorn")
                    break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.2)
        assert body["database"]["records"] > 27
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/manuscripts", timeout=5) as r:
            assert json.load(r)["total"] == 27
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def login_umask() -> Iterator[None]:
    """The umask of a typical login (files readable by everyone), restored afterwards."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_the_data_dir_is_private_to_the_service_user(env: Path, login_umask: None) -> None:
    from PIL import Image

    from app import context, create_app

    scan = env / "scan.png"
    Image.new("RGB", (300, 400), (200, 180, 150)).save(scan)
    assert main(["init"]) == 0
    assert main(["add-pages", "ms-01", str(scan)]) == 0
    app = create_app({"TESTING": True})  # writes the secret key; its database stays open
    try:
        assert app.test_client().get("/kiosk/en/").status_code == 200
        data = env / "data"
        found = {
            path.relative_to(data).as_posix(): path.stat().st_mode & 0o777
            for path in [data, *data.rglob("*")]
        }
        assert "secret_key" in found and any(name.startswith("images/") for name in found)
        if not POSTGRES_URL:
            assert {"qoljazba.sqlite3", "qoljazba.sqlite3-wal", "qoljazba.sqlite3-shm"} <= set(
                found
            )
        assert {name: oct(mode) for name, mode in found.items() if mode & 0o077} == {}
        assert {mode for name, mode in found.items() if (data / name).is_dir()} == {0o700}
        files = [name for name in found if name.startswith(("qoljazba.", "secret_key", "images/"))]
        assert {found[name] for name in files if (data / name).is_file()} == {0o600}
    finally:
        with app.app_context():
            context.database().dispose()
            context.search_index().close()
