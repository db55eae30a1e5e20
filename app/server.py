"""`qoljazba serve`: the application under gunicorn, a production WSGI server."""

from __future__ import annotations

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


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted."""
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
