"""Image pipeline benchmark: pyramid build against pyvips dzsave in the same run, tile serving
through the running application, and computed regions at full and 1/8 scale.

Usage: .venv/bin/python bench/images/run.py [--rounds 5] [--requests 1000]
(needs the `bench` extra: .venv/bin/pip install -e '.[bench]')

The test image is SYNTHETIC: generated here, labelled as such in its pixels and its name, never
a manuscript and never shipped.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from catalogue.iiif.image_render import render  # noqa: E402
from catalogue.iiif.image_request import parse_request  # noqa: E402
from catalogue.images.pyramid import build_pyramid  # noqa: E402

WIDTH, HEIGHT = 6000, 8000


def synthetic_scan(path: Path) -> None:
    """A 6000 x 8000 JPEG with page-like texture, marked SYNTHETIC all over."""
    rng = random.Random(1737)
    base = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH // 4, HEIGHT // 4), 24).resize((WIDTH, HEIGHT))
    paper = Image.merge(
        "RGB",
        (
            Image.blend(base, noise, 0.5).point(lambda v: 170 + v // 4),
            Image.blend(base, noise, 0.5).point(lambda v: 150 + v // 4),
            Image.blend(base, noise, 0.5).point(lambda v: 110 + v // 4),
        ),
    )
    draw = ImageDraw.Draw(paper)
    for line in range(40, HEIGHT - 200, 180):  # lines of "writing"
        x = 500
        while x < WIDTH - 600:
            w = rng.randint(80, 420)
            draw.rectangle((x, line + 60, x + w, line + 100), fill=(60, 40, 30))
            x += w + rng.randint(40, 120)
    for y in range(300, HEIGHT, 1600):
        draw.text(
            (400, y), "SYNTHETIC TEST IMAGE - NOT A MANUSCRIPT", fill=(200, 0, 0), font_size=220
        )
    paper = paper.filter(ImageFilter.GaussianBlur(1))
    paper.save(path, "JPEG", quality=90)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_it(work: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started


def qoljazba_pyramid(source: Path, out: Path) -> None:
    with Image.open(source) as image:
        image.load()
        build_pyramid(image, out)


def vips_pyramid(source: Path, out: Path) -> None:
    import pyvips

    image = pyvips.Image.new_from_file(str(source), access="sequential")
    image.dzsave(str(out), layout="iiif3", tile_size=512, overlap=0, suffix=".jpg[Q=85]")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def pyramids(source: Path, work: Path, rounds: int) -> None:
    """Qoljazba's pyramid and pyvips dzsave, alternating, wall and CPU seconds."""
    ours, theirs = [], []
    for n in range(rounds):  # alternate, so both see the same machine state
        for name, build, results in (("q", qoljazba_pyramid, ours), ("v", vips_pyramid, theirs)):
            cpu = cpu_seconds()
            wall = time_it(build, source, work / f"{name}{n}")
            results.append((wall, cpu_seconds() - cpu))
            shutil.rmtree(work / f"{name}{n}")
    print(f"load average (1 min) after the pyramids: {os.getloadavg()[0]:.1f}")
    for what, i in (("wall", 0), ("CPU", 1)):
        q = statistics.median(t[i] for t in ours)
        v = statistics.median(t[i] for t in theirs)
        bq, bv = min(t[i] for t in ours), min(t[i] for t in theirs)
        print(
            f"pyramid build, {what} s, median of {rounds}: Qoljazba {q:.3f}, pyvips dzsave {v:.3f},"
            f" ratio {q / v:.2f} (best {bq:.3f} vs {bv:.3f}, ratio {bq / bv:.2f})"
        )


def regions(master: Path) -> None:
    """Arbitrary regions computed (not cached) at full and at 1/8 scale."""
    rng = random.Random(8)
    for label, size in (("full scale", "max"), ("1/8 scale", "pct:12.5")):
        times = []
        for _ in range(10):
            x, y = rng.randrange(0, 3000), rng.randrange(0, 4000)
            region = f"{x},{y},2048,2048" if size == "max" else f"{x // 4},{y // 4},4096,4096"
            request = parse_request(region, size, "0", "default.jpg", WIDTH, HEIGHT)
            times.append(time_it(render, master, request))
        print(
            f"computed region ({label}, e.g. {region} -> {size}):"
            f" median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
        )


def _wait_for(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def serving(source: Path, work: Path, requests: int) -> None:
    """Ingest with `qoljazba add-pages`, serve with `qoljazba serve`, fetch pre-made tiles."""
    data = work / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QOLJAZBA_")}
    env.update(QOLJAZBA_DATA_DIR=str(data), PYTHONWARNINGS="ignore")
    cli = [sys.executable, "-m", "app.cli"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
    started = time.perf_counter()
    added = subprocess.run(
        [*cli, "add-pages", "ms-01", str(source)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    print(
        f"qoljazba add-pages, whole ingest in a new process: {time.perf_counter() - started:.2f} s"
    )
    match = re.search(r"image ([0-9a-f-]{36})", added.stdout)
    assert match, added.stdout
    key = match.group(1)
    folder = data / "images" / key[:2] / key / "tiles"
    tiles = [p.relative_to(folder).as_posix() for p in folder.rglob("*.jpg")]
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        connection = _wait_for(port)
        rng = random.Random(5)
        times = []
        for _ in range(requests):
            path = f"/iiif/3/{key}/{rng.choice(tiles)}"
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            times.append(time.perf_counter() - started)
            assert response.status == 200, (path, response.status)
    finally:
        server.terminate()
        server.wait(timeout=20)
    p50, p95, p99 = (percentile(times, p) * 1000 for p in (50, 95, 99))
    print(
        f"pre-made tile over HTTP, qoljazba serve, keep-alive ({requests} requests over"
        f" {len(tiles)} files): p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qoljazba-bench-images-"))
    try:
        source = work / "SYNTHETIC-6000x8000.jpg"
        synthetic_scan(source)
        size = source.stat().st_size / 1e6
        print(f"image: {source.name} ({size:.1f} MB, generated); {os.cpu_count()} cores")
        pyramids(source, work, args.rounds)
        regions(source)
        serving(source, work, args.requests)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
