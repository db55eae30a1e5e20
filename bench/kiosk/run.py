"""Kiosk pages under load: 10 concurrent clients (wrk, a C client) against `qoljazba serve`.

Starts `qoljazba init` and `qoljazba serve` on a temporary data dir (the shipped catalogue).
Then wrk (Debian's `wrk`, see debian-packages.txt) keeps 10 keep-alive connections busy with
a seeded mix of kiosk screens (two thirds partials, what a tap fetches; one third whole pages;
11 screens in 4 languages), first for a warm-up on a new connection per request (so that
every worker renders each screen once for the catalogue version), then for the measured run. Every
response carries the server's own time (`Server-Timing: app;dur=`), which the wrk script
collects next to wrk's latency: both come from the same requests of the same run. A static
file served by the same server is measured after it as the floor.

Usage: .venv/bin/python -m bench.kiosk.run [--seconds 20] [--clients 10] [--threads 1]
       [--port 5098] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
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
SCRIPT = Path(__file__).with_name("mix.lua")


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


def _wrk(
    url: str, args: argparse.Namespace, seconds: float, env: dict[str, str], clients: int = 0
) -> dict[str, object]:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{clients or args.clients}",
        f"-d{round(seconds)}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        url,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stdout}{done.stderr}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result: dict[str, object] = json.loads(line.removeprefix("RESULT "))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--port", type=int, default=5098)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--database-url", default="", help="empty: SQLite in the temp data dir")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make system-packages` installs it (debian-packages.txt)")
    bin_dir = Path(sys.executable).parent
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="qoljazba-kiosk-bench-") as data:
        env = dict(os.environ, QOLJAZBA_DATA_DIR=data, QOLJAZBA_PORT=str(args.port))
        env["QOLJAZBA_DATABASE_URL"] = args.database_url
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
            paths = [s.format(lang=lang) for s in SCREENS for lang in ("kk", "ru", "en", "fa")]
            mix = dict(
                env,
                KIOSK_PATHS=" ".join(sorted(set(paths))),
                SEED=str(args.seed),
                PARTIAL_SHARE="0.667",
            )
            # Warm-up on a new connection per request, so that every worker gets some (a
            # gthread worker keeps the keep-alive connections it accepted) and renders every
            # screen once for this catalogue version.
            _wrk(base, args, args.warmup, dict(mix, WARMUP="1"))
            load_before = os.getloadavg()
            kiosk = _wrk(base, args, args.seconds, mix)
            static = _wrk(base, args, args.seconds / 2, dict(mix, KIOSK_PATHS=favicon.group(1)))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    report = {
        "clients": args.clients,
        "wrk_threads": args.threads,
        "database": "postgresql" if args.database_url else "sqlite",
        "cpu_count": os.cpu_count(),
        "load_average_before": load_before,
        "kiosk": kiosk,
        "static_floor": static,
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
