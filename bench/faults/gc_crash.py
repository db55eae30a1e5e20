"""Reproduce the CPython 3.11 worker crash: render lists of records over and over, one thread.

    .venv/bin/python -m bench.faults.gc_crash [--requests 600] [--path /_records]

Each mode runs in its own process on a fresh site (no server: Flask's test client):
"collector on" is Python's default; "between requests" is what `qoljazba serve` does on 3.11
(app/server.py: collect_between_requests). A crash shows as exit status -11 (SIGSEGV).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys

from bench.load.site import make_site

CHILD = """
import sys, time
from flask import render_template_string
from app import context, create_app
from app.server import collect_between_requests
from catalogue.models import Kind
from catalogue.reading.records import list_records
app = create_app()

@app.get("/_records")  # what `/` rendered before the kiosk: 4 lists of freshly loaded records
def records():
    session = context.session()
    kinds = (Kind.MANUSCRIPT, Kind.PERSON, Kind.PLACE, Kind.EVENT)
    pages = [list_records(session, kind, per_page=60) for kind in kinds]
    return render_template_string(
        '{% from "macros.html" import ref with context %}'
        '{% for page in pages %}{% for item in page.items %}{{ ref(item) }}'
        '{% endfor %}{% endfor %}',
        pages=pages,
    )

if sys.argv[1] == "between":
    collect_between_requests(app)
client = app.test_client()
started = time.monotonic()
for _ in range(int(sys.argv[2])):
    response = client.get(sys.argv[3])
    assert response.status_code == 200, response.status_code
    response.close()
print(f"{sys.argv[2]} requests in {time.monotonic() - started:.1f} s", flush=True)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--path", default="/_records?lang=fa")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    site = make_site("sqlite", sample_pages=0)
    print(f"Python {platform.python_version()}, {args.requests} x GET {args.path}")
    try:
        for mode in ("on", "between"):
            for _ in range(args.rounds):
                result = subprocess.run(
                    [sys.executable, "-X", "faulthandler", "-c", CHILD, mode,
                     str(args.requests), args.path],
                    env=site.env(), capture_output=True, text=True, timeout=1800,
                )  # fmt: skip
                outcome = result.stdout.strip() or f"exit status {result.returncode}"
                print(f"collector {mode:8}: {outcome}")
    finally:
        shutil.rmtree(site.data_dir.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
