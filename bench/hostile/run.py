"""The kiosk under hostile anonymous requests (issue 22): can anyone stall the hall?

Starts `qoljazba init`, adds one SYNTHETIC 120-megapixel page scan (10,000 x 12,000, labelled
on its face and in its name, never a manuscript) to ms-01 with `qoljazba add-pages`, and
`qoljazba serve` on a loopback port in a temporary data dir. Then, side by side for
``--seconds`` (default 60):

- ``--hostile`` (default 8) clients send, in a loop, the worst requests the red team found:
  fuzzy searches with large distances on long words, all-star wildcards, patterns of every
  word, and IIIF `full/max` of the big scan at every angle and quality, and full-resolution
  regions of it at new positions each time (so each is computed, never cached);
- one kiosk client walks the kiosk's screens as the touch screen does (two thirds partial
  screens, `X-Kiosk-Partial: 1`, a third whole pages), one request after another.

Every request is a new connection; each client stops at the end of the run (bounded loops)
and gives up on a request after 30 s. It prints the kiosk's latency (p50, p95, p99, max)
alone for ``--baseline`` seconds first and then under the hostile load, and, per kind of
hostile request, the count, the statuses and the slowest. The goals: the kiosk's p95 under
100 ms and no request over 2 s.

Usage: .venv/bin/python -m bench.hostile.run [--seconds 60] [--hostile 8] [--port 5097]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.kiosk.run import SCREENS
from bench.load.scan import synthetic_scan

SCAN_SIZE = (10_000, 12_000)  # 120 megapixels: the largest scan ingest accepts
KIOSK_SCREENS = SCREENS[1:]  # the kiosk benchmark's screens, less the attract loop
SEARCHES = [
    "abcdefghijklmnopqrst~6",
    "abcdefghijklmnopqrst~4",
    "tauke~99",
    "**********",
    "?*",
    "*a*b*c*d*e*f",
    "[a TO z]",
]
TIMEOUT = 30.0
SLOW = 2.0  # seconds: no request may take longer


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0  # refused, reset or timed out
    finally:
        conn.close()
    return status, time.perf_counter() - started


def _hostile_requests(key: str, rng: random.Random) -> list[tuple[str, str]]:
    width, height = SCAN_SIZE
    out: list[tuple[str, str]] = []
    for text in SEARCHES:
        out.append(("search page", f"/search?q={quote(text)}&lang=en"))
        out.append(("search api", f"/api/search?q={quote(text)}"))
    base = f"/iiif/3/{key}"
    angle = rng.randrange(360)
    quality = rng.choice(["default.jpg", "gray.png", "color.webp", "bitonal.png"])
    out.append(("iiif full/max any angle", f"{base}/full/max/{angle}/{quality}"))
    out.append(
        ("iiif full/max quarter turn", f"{base}/full/max/{rng.choice([90, 180, 270])}/{quality}")
    )
    x, y = rng.randrange(width - 4096), rng.randrange(height - 1464)
    out.append(("iiif region full resolution", f"{base}/{x},{y},4096,1464/max/90/default.jpg"))
    out.append(("iiif huge size", f"{base}/full/{width},/0/default.jpg"))
    rng.shuffle(out)
    return out


def _hostile(port: int, key: str, seed: int, until: float, results: list[Any]) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        for kind, path in _hostile_requests(key, rng):
            if time.monotonic() >= until:
                break
            status, seconds = _get(port, path)
            results.append((kind, status, seconds))


def _hostile_process(port: int, key: str, clients: int, until: float, queue: Any) -> None:
    results: list[Any] = []
    threads = [
        threading.Thread(target=_hostile, args=(port, key, seed, until, results))
        for seed in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(results)


def _kiosk(port: int, until: float, queue: Any) -> None:
    rng = random.Random(7)
    paths = [s.format(lang=lang) for s in KIOSK_SCREENS for lang in ("kk", "ru", "en", "fa")]
    results: list[tuple[int, float]] = []
    while time.monotonic() < until:
        headers = {"X-Kiosk-Partial": "1"} if rng.random() < 0.667 else {}
        results.append(_get(port, rng.choice(paths), headers))
    queue.put(results)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _summary(results: list[tuple[int, float]]) -> dict[str, Any]:
    times = [seconds for _, seconds in results]
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "requests": len(results),
        "statuses": statuses,
        "p50_ms": round(_percentile(times, 0.50) * 1000, 1),
        "p95_ms": round(_percentile(times, 0.95) * 1000, 1),
        "p99_ms": round(_percentile(times, 0.99) * 1000, 1),
        "max_ms": round(max(times, default=0.0) * 1000, 1),
        f"over_{SLOW:g}s": sum(1 for t in times if t > SLOW),
    }


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("qoljazba serve exited")
        if _get(port, "/healthz")[0] == 200:
            return
        time.sleep(0.2)
    raise SystemExit("qoljazba serve did not answer")


def _run_side_by_side(
    port: int, key: str, seconds: float, hostile: int
) -> tuple[list[tuple[int, float]], list[tuple[str, int, float]]]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    until = time.monotonic() + seconds
    processes = [context.Process(target=_kiosk, args=(port, until, queue))]
    if hostile:
        processes.append(
            context.Process(target=_hostile_process, args=(port, key, hostile, until, queue))
        )
    for process in processes:
        process.start()
    collected = [queue.get(timeout=seconds + 2 * TIMEOUT + 30) for _ in processes]
    for process in processes:
        process.join()
    kiosk = next(r for r in collected if not r or len(r[0]) == 2)
    attack = next((r for r in collected if r and len(r[0]) == 3), [])
    return kiosk, attack


def _stop(_signal: int, _frame: Any) -> None:
    raise SystemExit("stopped")  # so that the server is stopped on the way out


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline", type=float, default=15)
    parser.add_argument("--hostile", type=int, default=8)
    parser.add_argument("--port", type=int, default=5097)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="qoljazba-hostile-bench-") as data:
        env = dict(os.environ, QOLJAZBA_DATA_DIR=data, QOLJAZBA_PORT=str(args.port))
        env.pop("QOLJAZBA_DATABASE_URL", None)
        subprocess.run([bin_dir / "qoljazba", "init"], env=env, check=True, capture_output=True)
        started = time.monotonic()
        scan = Path(data) / "SYNTHETIC-120-megapixel-scan.jpg"
        scan.write_bytes(synthetic_scan(22, *SCAN_SIZE))
        added = subprocess.run(
            [bin_dir / "qoljazba", "add-pages", "ms-01", str(scan)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        match = re.search(r"image ([0-9a-f-]{36})", added.stdout)
        if match is None:
            raise SystemExit(f"add-pages said: {added.stdout}{added.stderr}")
        key = match.group(1)
        ingest_seconds = time.monotonic() - started
        proc = subprocess.Popen(
            [bin_dir / "qoljazba", "serve", "--host", "127.0.0.1", "--port", str(args.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait(args.port, proc)
            baseline, _ = _run_side_by_side(args.port, key, args.baseline, 0)  # also warms up
            kiosk, attack = _run_side_by_side(args.port, key, args.seconds, args.hostile)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    kinds: dict[str, list[tuple[int, float]]] = {}
    for kind, status, seconds in attack:
        kinds.setdefault(kind, []).append((status, seconds))
    report = {
        "seconds": args.seconds,
        "hostile_clients": args.hostile,
        "cpu_count": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "scan": f"SYNTHETIC {SCAN_SIZE[0]} x {SCAN_SIZE[1]}",
        "ingest_seconds": round(ingest_seconds, 1),
        "kiosk_alone": _summary(baseline),
        "kiosk_under_attack": _summary(kiosk),
        "hostile_all": _summary([(status, seconds) for _, status, seconds in attack]),
        "hostile": {kind: _summary(found) for kind, found in sorted(kinds.items())},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
