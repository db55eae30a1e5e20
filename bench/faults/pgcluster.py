"""A private PostgreSQL server for the restart fault, so no one else's database is disturbed."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return found[-1]


class Cluster:
    """initdb into a temporary folder, owned by the postgres user, on its own port."""

    def __init__(self, port: int = 55432) -> None:
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="qoljazba-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"

    def _as_postgres(self, *command: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *command], capture_output=True, text=True, check=True)

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of its `qoljazba` database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/qoljazba"

    def create(self) -> None:
        """initdb, start, and create the database."""
        self.socket.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
        self._as_postgres(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        self._as_postgres(
            _bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "qoljazba"
        )

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            _bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60",
            "-l", str(self.root / "server.log"), *args,
        )  # fmt: skip

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        self._ctl("start")

    def restart(self, mode: str = "fast") -> float:
        """pg_ctl restart -m mode; returns how long the server was away."""
        started = time.monotonic()
        self._ctl("restart", "-m", mode)
        return time.monotonic() - started

    def destroy(self) -> None:
        """Stop the server and delete its files."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)
