"""The server's own time for each response, in a `Server-Timing` header.

A WSGI middleware around the whole Flask application: `app;dur=` is the time from the
request entering Flask to the response's headers (routing, hooks, rendering or a cached
screen), in milliseconds; kiosk screens add `cache;desc=hit` or `miss`. Load clients
(bench/kiosk) read it next to their own latency, and browsers show it in their developer tools.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from app.kiosk.cache import STATUS

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class ServerTiming:
    """Wrap a WSGI application so that every response says how long it took to make."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        began = time.perf_counter()

        def timed(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            metrics = [f"app;dur={(time.perf_counter() - began) * 1000:.3f}"]
            cache = environ.get(STATUS)
            if cache:
                metrics.append(f"cache;desc={cache}")
            headers.append(("Server-Timing", ", ".join(metrics)))
            return start_response(status, headers, *args)

        return self.app(environ, timed)
