"""A throwaway Qoljazba site for load and fault runs: data dir, database, accounts, server."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.load.scan import synthetic_scan

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CURATORS = ("loadcurator1", "loadcurator2", "loadcurator3")
DEFAULT_PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass
class Site:
    """One site: its data dir, its database URL (empty: SQLite), the port it is served on."""

    data_dir: Path
    database_url: str = ""
    port: int = 5077
    workers: int = 4
    threads: int = 1
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    server: subprocess.Popen[bytes] | None = None
    logs: Path | None = None  # where logs go (default: beside the data dir)

    @property
    def url(self) -> str:
        """The base URL of the served site (loopback only)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_dir(self) -> Path:
        """Where this site's logs are kept (never on a disk a fault fills up)."""
        return self.logs or self.data_dir.parent

    @property
    def log(self) -> Path:
        """The server's log (gunicorn access and error log)."""
        return self.log_dir / f"serve-{self.port}.log"

    def env(self) -> dict[str, str]:
        """The environment of every qoljazba command of this site."""
        env = dict(os.environ)
        env.update(
            QOLJAZBA_DATA_DIR=str(self.data_dir),
            QOLJAZBA_DATABASE_URL=self.database_url,
            QOLJAZBA_WORKERS=str(self.workers),
            QOLJAZBA_THREADS=str(self.threads),
            QOLJAZBA_HOST="127.0.0.1",
            QOLJAZBA_PORT=str(self.port),
            QOLJAZBA_SECRET_KEY="load-test-secret-key-not-for-production",
            PYTHONFAULTHANDLER="1",  # a crashing worker leaves its stack in the log
        )
        return env

    def qoljazba(
        self, *args: str, stdin: str | None = None, check: bool = True, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        """Run one qoljazba command; its output is returned (and raised on failure if check)."""
        result = subprocess.run(
            [str(BIN / "qoljazba"), *args],
            input=stdin,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"qoljazba {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result

    # -- the server ----------------------------------------------------------------------------

    def start(self, timeout: float = 120) -> None:
        """Start `qoljazba serve` in its own process group and wait for /healthz."""
        handle = self.log.open("ab")
        self.server = subprocess.Popen(
            [str(BIN / "qoljazba"), "serve"],
            env=self.env(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        if not self.wait_ready(timeout):
            raise RuntimeError(f"the server did not come up; see {self.log}")

    def wait_ready(self, timeout: float) -> bool:
        """Wait until /healthz answers 200 (False when it does not within timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server is not None and self.server.poll() is not None:
                return False
            if self.healthz() == 200:
                return True
            time.sleep(0.2)
        return False

    def healthz(self) -> int:
        """The status of /healthz, 0 when nothing answers."""
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            return 0

    def workers_now(self) -> list[psutil.Process]:
        """The server's worker processes (children of the gunicorn master)."""
        if self.server is None:
            return []
        try:
            return psutil.Process(self.server.pid).children()
        except psutil.NoSuchProcess:
            return []

    def stop(self) -> None:
        """Stop the server gracefully (SIGTERM to its group), killing it if it lingers."""
        if self.server is None:
            return
        _signal_group(self.server.pid, signal.SIGTERM)
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _signal_group(self.server.pid, signal.SIGKILL)
            self.server.wait()
        self.server = None

    def kill(self) -> None:
        """kill -9 the server and all its workers at once (a power cut, as far as they know)."""
        if self.server is None:
            return
        _signal_group(self.server.pid, signal.SIGKILL)
        self.server.wait()
        self.server = None


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)


# -- making a site -----------------------------------------------------------------------------


def fresh_postgres(admin_url: str, name: str) -> str:
    """Drop and create database `name` on the server of admin_url; returns its SQLAlchemy URL."""
    import psycopg

    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def make_site(
    database: str,
    *,
    root: Path | None = None,
    port: int = 5077,
    workers: int = 4,
    threads: int = 1,
    pg_admin: str = DEFAULT_PG_ADMIN,
    sample_pages: int = 3,
) -> Site:
    """A new site with the shipped catalogue, curator accounts and a few SYNTHETIC page scans."""
    parent = root
    root = Path(tempfile.mkdtemp(prefix=f"qoljazba-{database}-", dir=parent))
    url = ""
    if database == "postgres":
        url = fresh_postgres(pg_admin, f"qoljazba_bench_{port}")
    logs = Path(tempfile.mkdtemp(prefix=f"qoljazba-{database}-logs-")) if parent else None
    site = Site(root / "data", url, port=port, workers=workers, threads=threads, logs=logs)
    site.qoljazba("init")
    for name in CURATORS:
        site.qoljazba("create-user", name, "--role", "curator", stdin=site.password + "\n")
    scans = []
    for seed in range(sample_pages):
        path = root / f"SYNTHETIC-{seed}.jpg"
        path.write_bytes(synthetic_scan(seed))
        scans.append(str(path))
    for slug in ("ms-01", "ms-02", "ms-03")[: len(scans)]:
        site.qoljazba("add-pages", slug, *scans)
    return site
