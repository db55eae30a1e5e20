"""The faults, one function each: provoke it under curators' writes, then check what survived."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.faults.writers import AckLog, Client, CuratorWriter, Reader, outcomes
from bench.load.site import BIN, Site, make_site
from bench.load.verify import check, image_pages, verify


@dataclass
class Run:
    """A site under load by curators (and readers) for one fault."""

    site: Site
    log: AckLog
    baseline: dict[str, list[str]]
    clients: list[Client] = field(default_factory=list)

    def start_clients(self, *, uploads: bool = True, readers: int = 2) -> None:
        self.clients = [CuratorWriter(self.site, n, self.log, uploads=uploads) for n in range(3)]
        self.clients += [Reader(self.site) for _ in range(readers)]
        for client in self.clients:
            client.start()

    def stop_clients(self) -> dict[str, int]:
        for client in self.clients:
            client.stop()
        return outcomes(self.clients)

    def snapshot(self) -> dict[str, int]:
        return outcomes(self.clients)

    def finish(self, row: dict[str, Any]) -> dict[str, Any]:
        """Stop everything, then check for lost writes and run `qoljazba check`."""
        row["client_outcomes"] = self.stop_clients()
        verdict = verify(self.site, self.log.path, self.baseline)
        self.site.stop()
        clean, output = check(self.site)
        row.update(
            acknowledged=verdict.acknowledged,
            lost=verdict.lost,
            check_clean=clean,
            check_tail=output.splitlines()[-2:],
        )
        return row


@contextmanager
def running(database: str, port: int, pg_admin: str, root: Path | None = None) -> Iterator[Run]:
    site = make_site(database, port=port, pg_admin=pg_admin, sample_pages=1, root=root)
    run = Run(site, AckLog(site.log_dir / "acks.jsonl"), image_pages(site))
    site.start()
    try:
        yield run
    finally:
        for client in run.clients:
            client.halt.set()
        site.kill()


def _wait(condition: Callable[[], bool], timeout: float = 60) -> float | None:
    """Seconds until condition() holds, or None."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return round(time.monotonic() - started, 2)
        time.sleep(0.1)
    return None


def _diff(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


# -- the faults ---------------------------------------------------------------------------------


def worker_kill(database: str, port: int, pg_admin: str) -> dict[str, Any]:
    """kill -9 one worker at a time (5 times) while three curators save and upload."""
    with running(database, port, pg_admin) as run:
        run.start_clients()
        time.sleep(3)
        recoveries = []
        for _ in range(5):
            victim = random.choice(run.site.workers_now())
            os.kill(victim.pid, signal.SIGKILL)
            recoveries.append(
                _wait(
                    lambda v=victim.pid: (
                        len(run.site.workers_now()) == run.site.workers
                        and v not in {w.pid for w in run.site.workers_now()}
                        and run.site.healthz() == 200
                    )
                )
            )
            time.sleep(2)
        return run.finish(
            {
                "fault": "kill -9 a worker during curator saves (x5)",
                "recovery_s": recoveries,
                "comes_back": "by itself (gunicorn starts a new worker)",
            }
        )


def reindex_kill(database: str, port: int, pg_admin: str) -> dict[str, Any]:
    """kill -9 the server and a running `qoljazba reindex` together, then start again (x3)."""
    with running(database, port, pg_admin) as run:
        run.start_clients()
        restarts, index_lines = [], []
        for _ in range(3):
            time.sleep(2)
            reindex = subprocess.Popen(
                [str(BIN / "qoljazba"), "reindex"],
                env=run.site.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(random.uniform(0.5, 2.0))
            mid_reindex = reindex.poll() is None
            with suppress(ProcessLookupError):
                os.killpg(reindex.pid, signal.SIGKILL)
            reindex.wait()
            run.site.kill()
            started = time.monotonic()
            run.site.start()
            restarts.append(
                {"killed_mid_reindex": mid_reindex, "back_s": round(time.monotonic() - started, 2)}
            )
            lines = re.findall(r"search index[^\n]*", run.site.log.read_text(errors="replace"))
            index_lines.append(lines[-1] if lines else "")
        return run.finish(
            {
                "fault": "kill -9 the server during `qoljazba reindex` (x3)",
                "restarts": restarts,
                "index_at_start": index_lines,
                "comes_back": "`qoljazba serve` again (it repairs the index at start)",
            }
        )


def index_damage(database: str, port: int, pg_admin: str, how: str) -> dict[str, Any]:
    """Delete or corrupt the index folder while serving; see if search comes back."""
    with running(database, port, pg_admin) as run:
        run.start_clients()
        time.sleep(3)
        before = run.snapshot()
        index = run.site.data_dir / "index"
        if how == "delete":
            shutil.rmtree(index)
        else:
            for path in index.iterdir():
                if path.is_file() and path.stat().st_size:
                    path.write_bytes(os.urandom(path.stat().st_size))
        time.sleep(8)
        damaged = run.snapshot()
        state = health(run.site)
        repair = run.site.qoljazba("check", check=False)
        time.sleep(6)
        after = run.snapshot()
        return run.finish(
            {
                "fault": f"{how} the index folder while serving",
                "while_damaged": _diff(damaged, before),
                "healthz_while_damaged": state,
                "repair": (repair.stdout + repair.stderr).strip().splitlines()[-1:],
                "after_repair": _diff(after, damaged),
                "comes_back": "`qoljazba check` (rebuilds it while serving)",
            }
        )


def health(site: Site) -> str:
    """/healthz's status and body, or the error."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{site.url}/healthz", timeout=5) as response:
            return f"{response.status} {response.read().decode()[:300]}"
    except Exception as error:
        return repr(error)[:300]


def disk_full(database: str, port: int, pg_admin: str) -> dict[str, Any]:
    """The data dir on a 64 MB tmpfs, filled up while curators save and upload; then freed."""
    if os.geteuid() != 0:
        return {"fault": "full disk", "skipped": "needs root to mount a small tmpfs"}
    mount = Path(tempfile.mkdtemp(prefix="qoljazba-small-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    try:
        with running(database, port, pg_admin, root=mount) as run:
            run.start_clients()
            time.sleep(3)
            before = run.snapshot()
            ballast = mount / "ballast"
            _fill(ballast)
            time.sleep(10)
            full = run.snapshot()
            state = health(run.site)
            ballast.unlink()
            time.sleep(8)
            after = run.snapshot()
            return run.finish(
                {
                    "fault": "full disk during uploads and saves (64 MB tmpfs filled)",
                    "while_full": _diff(full, before),
                    "healthz_while_full": state,
                    "after_freeing": _diff(after, full),
                    "comes_back": "by itself once space is freed",
                }
            )
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        shutil.rmtree(mount, ignore_errors=True)


def _fill(path: Path) -> None:
    chunk = b"\0" * (1 << 20)
    with path.open("wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
    with suppress(OSError), path.open("ab") as handle:  # the last partial chunk, byte by byte
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()


def postgres_restart(_database: str, port: int, _pg_admin: str) -> dict[str, Any]:
    """Restart a private PostgreSQL server (fast, then immediate) under reads and writes."""
    from bench.faults.pgcluster import Cluster

    cluster = Cluster(port=55432)
    cluster.create()
    admin = f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/postgres"
    try:
        with running("postgres", port, admin) as run:
            run.start_clients()
            time.sleep(3)
            phases = {}
            for mode in ("fast", "immediate"):
                before = run.snapshot()
                away = cluster.restart(mode)
                back = _wait(lambda: run.site.healthz() == 200)
                time.sleep(4)
                phases[mode] = {
                    "server_away_s": round(away, 2),
                    "app_healthy_after_s": back,
                    "outcomes": _diff(run.snapshot(), before),
                }
            return run.finish(
                {
                    "fault": "restart PostgreSQL under load (fast, then immediate)",
                    "phases": phases,
                    "comes_back": "by itself (pooled connections are checked before use)",
                }
            )
    finally:
        cluster.destroy()


def power_cut(database: str, port: int, pg_admin: str) -> dict[str, Any]:
    """kill -9 everything (server, workers, a CLI ingest) mid-write, start again (x3)."""
    with running(database, port, pg_admin) as run:
        run.start_clients()
        scan = run.site.data_dir.parent / "SYNTHETIC-0.jpg"
        restarts = []
        for _ in range(3):
            ingest = subprocess.Popen(
                [str(BIN / "qoljazba"), "add-pages", "ms-04", str(scan), str(scan), str(scan)],
                env=run.site.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(random.uniform(1.0, 3.0))
            with suppress(ProcessLookupError):
                os.killpg(ingest.pid, signal.SIGKILL)
            run.site.kill()
            ingest.wait()
            started = time.monotonic()
            run.site.start()
            restarts.append(round(time.monotonic() - started, 2))
            time.sleep(2)
        row = run.finish(
            {
                "fault": "power cut: kill -9 server, workers and a CLI ingest mid-write (x3)",
                "back_s": restarts,
                "comes_back": "`qoljazba serve` again",
            }
        )
        row["orphan_image_folders"] = _orphans(run.site)
        return row


def _orphans(site: Site) -> int:
    keys = {k for ks in image_pages(site).values() for k in ks}
    folders = [p.name for p in (site.data_dir / "images").glob("??/*") if p.is_dir()]
    return len([f for f in folders if f not in keys])
