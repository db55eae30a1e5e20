"""Rendered kiosk screens kept for a few seconds, so a busy hall costs no rendering.

Every kiosk screen depends only on its URL (the language is part of it), on whether it is
a partial, and on the catalogue. A curator's change therefore shows on the kiosk within
KIOSK_CACHE_SECONDS (app config, default 10). Each worker process keeps its own copy.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, request

DEFAULT_SECONDS = 10.0
MAX_ENTRIES = 1024
_KEY = "qoljazba_kiosk_cache"


@dataclass(frozen=True)
class _Entry:
    body: bytes
    headers: list[tuple[str, str]]
    expires: float


class ScreenCache:
    """A small time-bounded map from (path, partial) to a rendered response."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._entries: dict[tuple[str, bool], _Entry] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bool]) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None or entry.expires < time.monotonic():
            return None
        return entry

    def put(self, key: tuple[str, bool], response: Response) -> None:
        if self.seconds <= 0:
            return
        entry = _Entry(
            response.get_data(),
            [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"],
            time.monotonic() + self.seconds,
        )
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = entry


def _key() -> tuple[str, bool]:
    from app.kiosk import PARTIAL_HEADER

    return request.full_path, request.headers.get(PARTIAL_HEADER) == "1"


def install(app: Flask) -> None:
    """Serve kiosk screens from the cache when fresh; keep each one rendered."""
    app.extensions[_KEY] = ScreenCache(
        float(app.config.get("KIOSK_CACHE_SECONDS", DEFAULT_SECONDS))
    )

    @app.before_request
    def _from_cache() -> Response | None:
        if request.blueprint != "kiosk" or request.method != "GET":
            return None
        entry = current_app.extensions[_KEY].get(_key())
        if entry is None:
            return None
        response = Response(entry.body, headers=entry.headers)
        response.make_conditional(request)
        return response

    @app.after_request
    def _to_cache(response: Response) -> Response:
        if request.blueprint == "kiosk" and request.method == "GET" and response.status_code == 200:
            current_app.extensions[_KEY].put(_key(), response)
        return response
