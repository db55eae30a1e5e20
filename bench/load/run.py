"""The load run: a fresh site under `qoljazba serve`, locust's exhibition day, then the checks.

    .venv/bin/python -m bench.load.run --database sqlite --minutes 10 --budgets
    .venv/bin/python -m bench.load.run --database postgres --minutes 10 --budgets
    .venv/bin/python -m bench.load.run --minutes 1        # the short run of .ci/run

Exit status 1 when any request failed, any acknowledged write is missing, `qoljazba check`
is not clean, or (with --budgets) a latency or memory budget is exceeded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.load.site import BIN, DEFAULT_PG_ADMIN, REPO, Site, make_site
from bench.load.verify import check, image_pages, verify

USERS = 10 + 40 + 3  # the fixed counts of the locustfile's three kinds of user
# p95 budgets (ms) per class of request; the other classes are reported, not held to one.
BUDGETS = {"kiosk": 100.0, "record": 100.0, "search": 200.0, "save": 500.0}
MEMORY_GROWTH = 0.10


class MemorySampler(threading.Thread):
    """Resident memory of every worker (and the machine's load) every few seconds."""

    def __init__(self, site: Site, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.site, self.every = site, every
        self.samples: dict[int, list[tuple[float, int]]] = {}
        self.load: list[float] = []
        self.halt = threading.Event()
        self.started_at = time.monotonic()

    def run(self) -> None:
        while not self.halt.wait(self.every):
            now = time.monotonic() - self.started_at
            self.load.append(os.getloadavg()[0])
            for worker in self.site.workers_now():
                try:
                    rss = worker.memory_info().rss
                except psutil.Error:
                    continue
                self.samples.setdefault(worker.pid, []).append((now, rss))

    def growth(self, warm_up: float, window: float = 60.0) -> dict[str, Any]:
        """Per worker: RSS after warm-up and at the end, and the growth between them.

        Each end is the median of a window (the minute after warm-up, the last minute): an
        upload raises its worker's RSS by 12-15 MiB (the decoded scan and its pyramid), which
        glibc hands back a few minutes later, and a single sample taken in such a step read
        as growth although it was given back (PERFORMANCE.md). The samples (`series_mib`)
        and the peak are kept; `growth_last_sample` is the older reading, one sample against
        one sample.
        """
        out = {}
        for pid, series in self.samples.items():
            settled = [s for s in series if s[0] >= warm_up] or series
            end = series[-1][0]
            first = statistics.median(rss for t, rss in settled if t < settled[0][0] + window)
            last = statistics.median(rss for t, rss in series if t > end - window)
            out[str(pid)] = {
                "rss_start_mib": round(series[0][1] / 2**20, 1),
                "rss_after_warm_up_mib": round(first / 2**20, 1),
                "rss_end_mib": round(last / 2**20, 1),
                "rss_peak_mib": round(max(rss for _, rss in series) / 2**20, 1),
                "growth": round((last - first) / first, 3),
                "growth_last_sample": round((series[-1][1] - settled[0][1]) / settled[0][1], 3),
                "samples": len(series),
                "series_mib": [[round(t), round(rss / 2**20, 1)] for t, rss in series],
            }
        return out


def run_locust(site: Site, minutes: float, out: Path) -> tuple[int, dict[str, Any]]:
    """Run locust headless for the given time; (exit status, its report)."""
    report = out / "locust-report.json"
    env = dict(os.environ)
    env.update(
        QOLJAZBA_LOAD_ACKS=str(out / "acks.jsonl"),
        QOLJAZBA_LOAD_REPORT=str(report),
        QOLJAZBA_LOAD_PASSWORD=site.password,
        PYTHONPATH=str(REPO),
        QOLJAZBA_LOAD_WARM_UP=str(min(60.0, minutes * 60 * 0.2)),
    )
    seconds = int(minutes * 60)
    command = [
        str(BIN / "locust"),
        "-f", str(REPO / "bench/load/locustfile.py"),
        "--headless", "--only-summary",
        "--users", str(USERS), "--spawn-rate", str(USERS),
        "--run-time", f"{seconds}s", "--stop-timeout", "15",
        "--host", site.url,
        "--csv", str(out / "locust"),
    ]  # fmt: skip
    with (out / "locust.log").open("w") as log:
        status = subprocess.run(
            command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 300
        ).returncode
    result = json.loads(report.read_text()) if report.exists() else {}
    # GETs sent again after the server closed a reused keep-alive connection (as browsers do).
    result["retried_gets"] = (out / "locust.log").read_text(errors="replace").count("Retrying (")
    return status, result


def judge(result: dict[str, Any], budgets: bool) -> list[str]:
    """What is wrong with a run (empty when it passed)."""
    problems = []
    classes = result["locust"].get("classes", {})
    failed = sum(c["failures"] for c in classes.values())
    if failed or result["locust"].get("user_error_count", 0) or not classes:
        problems.append(
            f"{failed} failed requests, {result['locust'].get('user_error_count')} errors"
        )
    if result["lost"]:
        problems.append(f"acknowledged writes lost: {result['lost'][:5]}")
    if not result["check_clean"]:
        problems.append("qoljazba check is not clean")
    if budgets:
        for group, limit in BUDGETS.items():
            p95 = classes.get(group, {}).get("p95_ms")
            if p95 is None or p95 >= limit:
                problems.append(f"{group}: p95 {p95} ms, budget {limit:g} ms")
        for pid, m in result["memory"].items():
            if m["growth"] >= MEMORY_GROWTH:
                problems.append(f"worker {pid}: memory grew {m['growth']:.1%}")
    return problems


def table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table (p95 after the warm-up beside the whole run's)."""
    lines = [
        "| class | requests | failures | p50 ms | p95 ms | p99 ms | max ms | p95 after warm-up |",
        "|---|---|---|---|---|---|---|---|",
    ]
    settled = result["locust"].get("classes_after_warm_up", {})
    for group, c in result["locust"].get("classes", {}).items():
        lines.append(
            f"| {group} | {c['requests']} | {c['failures']} | {c['p50_ms']} | {c['p95_ms']} "
            f"| {c['p99_ms']} | {c['max_ms']} | {settled.get(group, {}).get('p95_ms')} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=5077)
    parser.add_argument("--pg-admin", default=os.environ.get("QOLJAZBA_PG_ADMIN", DEFAULT_PG_ADMIN))
    parser.add_argument("--budgets", action="store_true", help="hold p95 and memory to budgets")
    parser.add_argument("--json", type=Path, help="write the whole result here")
    parser.add_argument("--keep", action="store_true", help="keep the site's folder afterwards")
    args = parser.parse_args()

    site = make_site(
        args.database, port=args.port, workers=args.workers, threads=args.threads,
        pg_admin=args.pg_admin,
    )  # fmt: skip
    out = site.data_dir.parent
    baseline = image_pages(site)
    site.start()
    sampler = MemorySampler(site)
    sampler.start()
    started = time.time()
    try:
        status, report = run_locust(site, args.minutes, out)
    finally:
        sampler.halt.set()
        sampler.join()
        site.stop()
    verdict = verify(site, out / "acks.jsonl", baseline)
    clean, check_output = check(site)
    warm_up = min(60.0, args.minutes * 60 * 0.2)
    result = {
        "database": args.database,
        "minutes": args.minutes,
        "workers": args.workers,
        "threads": args.threads,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "load_average": {
            "mean": round(sum(sampler.load) / max(1, len(sampler.load)), 2),
            "max": max(sampler.load, default=0.0),
        },
        "cpus": os.cpu_count(),
        "locust_exit": status,
        "locust": report,
        "memory": sampler.growth(warm_up),
        "acknowledged": verdict.acknowledged,
        "lost": verdict.lost,
        "verify_facts": verdict.facts,
        "check_clean": clean,
        "check_output": check_output[-2000:],
        "site_folder": str(out),
    }
    result["problems"] = judge(result, args.budgets)
    print(table(result))
    print(json.dumps({k: v for k, v in result.items() if k != "locust"}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    if not args.keep and not result["problems"]:
        shutil.rmtree(out, ignore_errors=True)
    if result["problems"]:
        print("FAILED:\n- " + "\n- ".join(result["problems"]), file=sys.stderr)
        return 1
    print("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
