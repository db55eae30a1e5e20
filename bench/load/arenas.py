"""A worker's memory over many uploads, with glibc's default malloc arenas and with two.

    .venv/bin/python -m bench.load.arenas            # 60 ingests of a SYNTHETIC scan, each way

Each mode runs in a fresh process (the arena limit must be set before threads allocate); RSS
is printed after every fifth ingest. An ingest decodes the scan and tiles it on a pool of
fresh threads, as an upload does inside a worker (PERFORMANCE.md, "Memory").
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return round(int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def measure(ingests: int, capped: bool) -> list[float]:
    """RSS (MiB) after every fifth ingest, in this process."""
    from app.server import limit_malloc_arenas
    from bench.load.scan import synthetic_scan
    from catalogue.images.ingest import ingest_image

    if capped:
        limit_malloc_arenas()
    scans = [synthetic_scan(seed) for seed in range(4)]
    series = []
    with tempfile.TemporaryDirectory(prefix="qoljazba-arenas-") as root:
        for n in range(ingests):
            ingest_image(Path(root), io.BytesIO(scans[n % 4]), "SYNTHETIC.jpg")
            if n % 5 == 4:
                series.append(_rss_mib())
    return series


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ingests", type=int, default=60)
    parser.add_argument("--mode", choices=["default", "capped"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # one measurement, in this fresh process
        print(json.dumps(measure(args.ingests, args.mode == "capped")))
        return 0
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    for mode in ("default", "capped"):
        command = [sys.executable, "-m", "bench.load.arenas", "--ingests", str(args.ingests)]
        out = subprocess.run(
            [*command, "--mode", mode], env=env, capture_output=True, text=True, check=True
        ).stdout
        series = json.loads(out)
        growth = (series[-1] - series[0]) / series[0]
        print(f"{mode:8} RSS MiB every 5 ingests: {series} (first to last {growth:+.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
