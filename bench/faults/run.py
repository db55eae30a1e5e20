"""Scripted faults against `qoljazba serve`, each on a fresh site, each checked the same way.

    .venv/bin/python -m bench.faults.run                         # every fault, SQLite
    .venv/bin/python -m bench.faults.run --database postgres     # every fault, PostgreSQL
    .venv/bin/python -m bench.faults.run worker-kill power-cut   # some of them

For each: was anything acknowledged to a curator lost, did the application come back (and
how), is `qoljazba check --no-repair` clean afterwards. Exit status 1 if any was not.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.faults import scenarios
from bench.faults.backup import backup_restore
from bench.load.site import DEFAULT_PG_ADMIN

SCENARIOS: dict[str, Callable[[str, int, str], dict[str, Any]]] = {
    "worker-kill": scenarios.worker_kill,
    "reindex-kill": scenarios.reindex_kill,
    "index-delete": lambda d, p, a: scenarios.index_damage(d, p, a, "delete"),
    "index-corrupt": lambda d, p, a: scenarios.index_damage(d, p, a, "corrupt"),
    "disk-full": scenarios.disk_full,
    "postgres-restart": scenarios.postgres_restart,
    "power-cut": scenarios.power_cut,
    "backup-restore": backup_restore,
}


def passed(row: dict[str, Any]) -> bool:
    """A fault passes when nothing acknowledged was lost and check is clean."""
    return "skipped" in row or (not row.get("lost") and bool(row.get("check_clean")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("faults", nargs="*", metavar="FAULT", help=", ".join(SCENARIOS))
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--port", type=int, default=5081)
    parser.add_argument("--pg-admin", default=os.environ.get("QOLJAZBA_PG_ADMIN", DEFAULT_PG_ADMIN))
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    unknown = set(args.faults) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown faults {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    names = args.faults or list(SCENARIOS)
    if args.database == "sqlite":
        names = [n for n in names if n != "postgres-restart" or args.faults]
    results = []
    for name in names:
        started = time.monotonic()
        print(f"== {name} ({args.database})", flush=True)
        try:
            row = SCENARIOS[name](args.database, args.port, args.pg_admin)
        except Exception:
            row = {"fault": name, "error": traceback.format_exc()[-1500:], "lost": ["(not run)"]}
        row.update(name=name, database=args.database, seconds=round(time.monotonic() - started))
        row["passed"] = passed(row)
        print(json.dumps(row, indent=1, ensure_ascii=False), flush=True)
        results.append(row)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    failed = [r["name"] for r in results if not r["passed"]]
    print(f"{len(results) - len(failed)} of {len(results)} faults passed", end="")
    print(f"; failed: {', '.join(failed)}" if failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
