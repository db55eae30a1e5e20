"""Kiosk pages under load: 10 concurrent clients against `qoljazba serve` (gunicorn).

Starts `qoljazba init` and `qoljazba serve` on a temporary data dir (the shipped catalogue),
then 10 threads, each on its own keep-alive connection, request kiosk screens (the partial
that a tap fetches, and whole pages) in a seeded random order. Latency is measured at the
client on the loopback interface, so it is an upper bound of the server time. A static file
served by the same server is timed in the same run as the floor (the reference).

Usage: .venv/bin/python -m bench.kiosk.run [--requests 3000] [--clients 10] [--port 5098]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SCREENS = [
    "/",
    "/kiosk/{lang}/",
    "/kiosk/{lang}/manuscripts/",
    "/kiosk/{lang}/manuscripts/ms-07",
    "/kiosk/{lang}/people/",
    "/kiosk/{lang}/people/tauke-khan",
    "/kiosk/{lang}/timeline",
    "/kiosk/{lang}/events/taikazan-casting",
    "/kiosk/{lang}/map",
    "/kiosk/{lang}/places/turkistan",
    "/kiosk/{lang}/exhibits/",
]


def _percentiles(values: list[float]) -> dict[str, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(q[49], 2), "p95": round(q[94], 2), "p99": round(q[98], 2)}


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("qoljazba serve exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("qoljazba serve did not answer")


def _client(
    port: int, jobs: list[tuple[str, dict[str, str]]], out: list[tuple[str, float]]
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for path, headers in jobs:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
        except (ConnectionError, http.client.HTTPException):
            # The server closed an idle keep-alive connection: open another, count it in.
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status}")
        kind = "static" if path.startswith("/assets/") else ("partial" if headers else "page")
        out.append((kind, elapsed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--port", type=int, default=5098)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QOLJAZBA_DATA_DIR=data, QOLJAZBA_PORT=str(args.port))
        env.pop("QOLJAZBA_DATABASE_URL", None)
        subprocess.run([bin_dir / "qoljazba", "init"], env=env, check=True, capture_output=True)
        proc = subprocess.Popen(
            [bin_dir / "qoljazba", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait(args.port, proc)
            conn = http.client.HTTPConnection("127.0.0.1", args.port)
            conn.request("GET", "/kiosk/kk/")
            page = conn.getresponse().read().decode()
            favicon = re.search(r'href="(/assets/[0-9a-f]+/img/favicon\.svg)"', page)
            assert favicon
            rng = random.Random(args.seed)
            paths = [s.format(lang=lang) for s in SCREENS for lang in ("kk", "ru", "en", "fa")]
            jobs: list[tuple[str, dict[str, str]]] = []
            for _ in range(args.requests):
                roll = rng.random()
                if roll < 0.1:
                    jobs.append((favicon.group(1), {}))
                elif roll < 0.7:
                    jobs.append((rng.choice(paths), {"X-Kiosk-Partial": "1"}))
                else:
                    jobs.append((rng.choice(paths), {}))
            # Warm up every path once (templates compiled, caches filled).
            for path in set(paths):
                conn.request("GET", path)
                conn.getresponse().read()
            results: list[tuple[str, float]] = []
            share = [jobs[i :: args.clients] for i in range(args.clients)]
            threads = [
                threading.Thread(target=_client, args=(args.port, part, results)) for part in share
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    report: dict[str, object] = {
        "clients": args.clients,
        "requests": len(results),
        "throughput_per_s": round(len(results) / wall, 1),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    for kind in ("partial", "page", "static"):
        values = [ms for k, ms in results if k == kind]
        report[kind] = {"n": len(values), **_percentiles(values)}
    kiosk = [ms for k, ms in results if k != "static"]
    report["kiosk_all"] = {"n": len(kiosk), **_percentiles(kiosk)}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
