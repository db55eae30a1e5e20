"""`qoljazba serve`: the application under gunicorn, a production WSGI server."""

from __future__ import annotations

import platform
import sys
from typing import Any

from gunicorn.app.base import BaseApplication

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

        return create_app()


# CPython 3.11.7 workers died of SIGSEGV within seconds when 4 threads rendered pages at once
# (the garbage collector, collecting ORM objects; none with 3.12.1 nor with one thread).
THREAD_SAFE_PYTHON = (3, 12)


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted."""
    if settings.threads > 1 and sys.version_info < THREAD_SAFE_PYTHON:
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
        }
    ).run()
