"""Rendered kiosk screens kept per catalogue version, so a busy hall costs no rendering.

Every kiosk screen depends only on its URL (the language is part of it), on whether it is a
partial, and on the catalogue. Each request reads the catalogue's version (the newest audit
entry, one indexed query); a screen rendered for that version is served as it was, so a
curator's change shows on the next tap. KIOSK_CACHE_SECONDS (app config, default 3600) bounds
an entry's age as a safety net. Each worker process keeps its own copy.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request

from app import context
from app.i18n import current_vocabulary
from catalogue.audit import latest_change

DEFAULT_SECONDS = 3600.0
MAX_ENTRIES = 2048
_KEY = "qoljazba_kiosk_cache"
STATUS = "qoljazba.kiosk_cache"  # WSGI environ key: "hit" or "miss" (read by server_timing)

Key = tuple[int, str, bool]  # (catalogue version, path with query, partial)


@dataclass(frozen=True)
class _Entry:
    body: bytes
    headers: list[tuple[str, str]]
    expires: float


class ScreenCache:
    """A bounded map from (catalogue version, path, partial) to a rendered response."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._entries: dict[Key, _Entry] = {}
        self._lock = threading.Lock()

    def get(self, key: Key) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None or entry.expires < time.monotonic():
            return None
        return entry

    def put(self, key: Key, response: Response) -> None:
        if self.seconds <= 0:
            return
        entry = _Entry(
            response.get_data(),
            [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"],
            time.monotonic() + self.seconds,
        )
        with self._lock:
            if any(old[0] != key[0] for old in self._entries):  # the catalogue changed
                self._entries = {k: v for k, v in self._entries.items() if k[0] == key[0]}
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = entry


def _key() -> Key:
    from app.kiosk.views import PARTIAL_HEADER

    version = latest_change(context.session())
    return version, request.full_path, request.headers.get(PARTIAL_HEADER) == "1"


def install(app: Flask) -> None:
    """Serve kiosk screens from the cache when rendered for this catalogue version."""
    app.extensions[_KEY] = ScreenCache(
        float(app.config.get("KIOSK_CACHE_SECONDS", DEFAULT_SECONDS))
    )

    @app.before_request
    def _from_cache() -> Response | None:
        if request.blueprint != "kiosk" or request.method != "GET":
            return None
        g.kiosk_cache_key = key = _key()
        entry = current_app.extensions[_KEY].get(key)
        request.environ[STATUS] = "miss" if entry is None else "hit"
        if entry is None:
            # The screen is cached under this version: its labels must be at least as new.
            current_vocabulary(version=key[0])
            return None
        response = Response(entry.body, headers=entry.headers)
        response.make_conditional(request)
        return response

    @app.after_request
    def _to_cache(response: Response) -> Response:
        key = g.get("kiosk_cache_key")
        if key and request.environ.get(STATUS) == "miss" and response.status_code == 200:
            current_app.extensions[_KEY].put(key, response)
        return response
