"""The backup fault: `qoljazba backup` while curators write, restored on a fresh data dir."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.faults.scenarios import health, running
from bench.load.site import Site, fresh_postgres
from bench.load.verify import check, image_pages, read_log, verify


def backup_restore(database: str, port: int, pg_admin: str) -> dict[str, Any]:
    """`qoljazba backup` while curators write; restore into a fresh data dir and compare."""
    with running(database, port, pg_admin) as run:
        run.start_clients()
        time.sleep(4)
        taken_at = time.time()
        dest = run.site.data_dir.parent / "backup"
        took = time.monotonic()
        run.site.qoljazba("backup", str(dest))
        took = round(time.monotonic() - took, 2)
        finished_at = time.time()
        time.sleep(3)
        run.stop_clients()
        run.site.stop()
        fresh = Site(
            Path(tempfile.mkdtemp(prefix="qoljazba-restored-")) / "data",
            # PostgreSQL: a new, empty database on the same server, as after losing the old one.
            fresh_postgres(pg_admin, f"qoljazba_bench_{port + 1}") if run.site.database_url else "",
            port=port + 1,
            password=run.site.password,
        )
        fresh.qoljazba("restore", str(dest))
        rebuilt = fresh.qoljazba("check", check=False)
        # Owed: what was acknowledged before the backup began. Allowed: anything sent before it
        # ended (a save sent meanwhile may or may not be in the snapshot).
        before = [
            e
            for e in read_log(run.log.path)
            if e["t"] < (taken_at if e["event"] == "ack" else finished_at)
        ]
        early = run.site.data_dir.parent / "acks-before-backup.jsonl"
        early.write_text("".join(json.dumps(e) + "\n" for e in before))
        verdict = verify(fresh, early, run.baseline)
        if fresh.database_url:
            backup_counts = _dump_counts(dest / "qoljazba.pgdump")
            restored_counts = _pg_counts(fresh.database_url)
        else:
            backup_counts = _counts(dest / "qoljazba.sqlite3")
            restored_counts = _counts(fresh.data_dir / "qoljazba.sqlite3")
        fresh.start()
        state = health(fresh)
        tile = _first_tile(fresh)
        fresh.stop()
        clean, output = check(fresh)
        return {
            "fault": "backup while curators write, restore on a fresh data dir",
            "backup_s": took,
            "acknowledged_before_backup": verdict.acknowledged,
            "lost": verdict.lost,
            "tables_equal": backup_counts == restored_counts,
            "rows": {
                k: restored_counts[k]
                for k in ("entity", "page", "audit_entry")
                if k in restored_counts
            },
            "index_after_restore": rebuilt.stdout.strip().splitlines()[-1:],
            "healthz_restored": state,
            "tile_of_uploaded_page": tile,
            "check_clean": clean,
            "check_tail": output.splitlines()[-2:],
        }


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _pg_counts(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: int(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one())
                for t in inspect(conn).get_table_names()
            }
    finally:
        engine.dispose()


def _dump_counts(dump: Path) -> dict[str, int]:
    """Rows per table in a pg_dump custom-format file (its COPY blocks, counted)."""
    script = subprocess.run(
        ["pg_restore", "--data-only", "--file=-", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: dict[str, int] = {}
    table = None
    for line in script.splitlines():
        if table is None:
            match = re.match(r"COPY (?:\w+\.)?\"?(\w+)\"? ", line)
            if match:
                table = match.group(1)
                counts[table] = 0
        elif line == "\\.":
            table = None
        else:
            counts[table] += 1
    return counts


def _first_tile(site: Site) -> str:
    keys = [k for ks in image_pages(site).values() for k in ks]
    if not keys:
        return "no page images"
    url = f"{site.url}/iiif/3/{keys[-1]}/full/max/0/default.jpg"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return f"{response.status}, {len(response.read())} bytes"
    except Exception as error:
        return repr(error)[:200]
