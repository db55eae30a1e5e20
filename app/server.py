"""`qoljazba serve`: the application under gunicorn, a production WSGI server."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import itertools
import os
import platform
import sys
from typing import Any

from flask import Flask, Response
from gunicorn.app.base import BaseApplication

from catalogue.search import request_reconcile
from catalogue.settings import Settings


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Each worker builds its own app, so database engines are never shared across a fork.
        from app import create_app

        app = create_app()
        # What exists now (modules, the app, its engines and caches) lives as long as the
        # worker: keep it out of the collector's full passes. Each of them otherwise scans
        # ~140,000 objects, ~60 ms, and stalls every request queued on this worker behind it
        # (seen as a 100-190 ms tail in bench/kiosk; bench/README.md).
        gc.freeze()
        if sys.version_info < SAFE_GC_PYTHON:
            collect_between_requests(app)
        repair_after_a_worker_died(app)
        return app


# Under CPython 3.11.7, a worker rendering pages of freshly loaded records died of SIGSEGV
# inside the cyclic garbage collector, within 600 requests of `/` even with one thread (and
# within seconds with four). Never with 3.12.1 (3,000 requests), never with the collector run
# only between requests (3,000 requests). RELIABILITY.md has the reproduction.
SAFE_GC_PYTHON = (3, 12)
FULL_COLLECTION_EVERY = 200  # requests


def collect_between_requests(app: Flask) -> None:
    """Run the cyclic garbage collector only after a response is sent, never during a request."""
    gc.disable()
    served = itertools.count(1)

    def collect() -> None:
        gc.collect(2 if next(served) % FULL_COLLECTION_EVERY == 0 else 0)

    @app.after_request
    def _after(response: Response) -> Response:
        response.call_on_close(collect)
        return response


# glibc gives each thread that allocates its own arena (up to 8 per core) and keeps what it
# freed there. An upload decodes and tiles its scan on a pool of fresh threads, so a worker's
# memory grew in steps with every few uploads (+6% to +22% over a 10-minute load run); with two
# arenas it stayed flat (PERFORMANCE.md). MALLOC_ARENA_MAX in the environment is respected.
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process and the workers it forks; False if not glibc."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False  # the operator chose; glibc has read it at start
    name = ctypes.util.find_library("c")
    if not name or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_ARENA_MAX, arenas))


def repair_after_a_worker_died(app: Flask) -> None:
    """In a new worker: reconcile the index if the master saw a worker exit (see sync.py)."""
    from app import context
    from catalogue.search import reconcile_if_requested

    with app.app_context():
        reconcile_if_requested(context.database(), context.search_index())


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted."""
    limit_malloc_arenas()  # before any worker is forked or thread started
    if settings.threads > 1 and sys.version_info < SAFE_GC_PYTHON:
        print(
            f"warning: QOLJAZBA_THREADS={settings.threads} on Python "
            f"{platform.python_version()}: workers may crash under load; use 1 (RELIABILITY.md)",
            file=sys.stderr,
            flush=True,
        )
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": settings.workers,
            "threads": settings.threads,
            "worker_class": "gthread",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": "-",
            "errorlog": "-",
            "preload_app": False,
            # A worker that exits (killed, crashed) may have committed a save it had not yet
            # indexed: its replacement reconciles the index (RELIABILITY.md, "kill -9 a worker").
            "child_exit": lambda _arbiter, _worker: request_reconcile(settings.data_dir / "index"),
        }
    ).run()
