"""Time a full rebuild of the synthetic corpus alone (no FTS5, no queries): wall time and the
CPU seconds of the building processes, with the load average before and after.

    .venv/bin/python -m bench.search.rebuild --docs 50000 --procs 2 --cache /tmp/corpus50000.jsonl

The CPU seconds are the figure that moves least with other work on the machine: on N idle
cores the wall time is about CPU / N. The corpus is SYNTHETIC (``bench.search.generate``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.search.generate import DEFAULT_DOCS, SEED, load_or_generate
from catalogue.search.index import SearchIndex


def main(argv: Sequence[str] | None = None) -> int:
    """Build the index once and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cache", type=Path, default=None, help="JSONL corpus cache (in /tmp)")
    args = parser.parse_args(argv)
    docs = load_or_generate(args.docs, args.seed, args.cache)
    folder = Path(tempfile.mkdtemp(prefix="qoljazba-rebuild-"))
    try:
        index = SearchIndex(folder / "index")
        index.create()
        load_before = os.getloadavg()[0]
        start, cpu = time.perf_counter(), time.process_time()
        index.rebuild(docs, procs=args.procs)
        wall = time.perf_counter() - start
        parent = time.process_time() - cpu
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        index.close()
        print(
            f"{len(docs)} SYNTHETIC documents, procs={args.procs}: wall {wall:.1f} s; "
            f"CPU {parent + children.ru_utime + children.ru_stime:.1f} s; "
            f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
