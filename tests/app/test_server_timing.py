"""The Server-Timing header: the server's own time on every response, and the kiosk cache's say."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from flask.testing import FlaskClient

from app.kiosk.cache import STATUS
from app.server_timing import ServerTiming


def test_every_response_says_how_long_the_server_took(client: FlaskClient) -> None:
    for path in ("/kiosk/en/", "/healthz", "/kiosk/en/nothing"):
        timing = client.get(path).headers["Server-Timing"]
        assert re.match(r"app;dur=\d+\.\d{3}", timing), timing


def _call(app: Any, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    seen: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> None:
        seen.append((status, headers))

    body = b"".join(ServerTiming(app)(environ, start_response))  # type: ignore[arg-type]
    return seen[0][0], seen[0][1], body


def test_the_time_is_the_applications_and_the_rest_passes_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter([10.0, 10.0125])

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        start_response("418 I'm a teapot", [("X-Own", "kept")])
        return [b"body"]

    monkeypatch.setattr("app.server_timing.time.perf_counter", lambda: next(clock))
    status, headers, body = _call(app, {})
    assert status == "418 I'm a teapot" and body == b"body"
    assert headers == [("X-Own", "kept"), ("Server-Timing", "app;dur=12.500")]


def test_a_kiosk_cache_verdict_is_added_when_there_is_one() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ[STATUS] = "hit"
        start_response("200 OK", [])
        return [b""]

    _, headers, _ = _call(app, {})
    assert re.fullmatch(r"app;dur=\d+\.\d{3}, cache;desc=hit", dict(headers)["Server-Timing"])
    _, plain, _ = _call(lambda environ, start: (start("200 OK", []), [b""])[1], {STATUS: ""})
    assert "cache" not in dict(plain)["Server-Timing"]
