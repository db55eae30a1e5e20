"""`qoljazba serve`'s workers: the collector runs between requests; malloc arenas are capped."""

from __future__ import annotations

import gc
import platform
from collections.abc import Iterator

import pytest
from flask import Flask

from app import server


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()


def test_collection_waits_for_the_response_to_be_sent(
    app: Flask, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    monkeypatch.setattr(server, "FULL_COLLECTION_EVERY", 3)
    server.collect_between_requests(app)
    assert not gc.isenabled()
    client = app.test_client()
    for served in range(1, 4):
        response = client.get("/healthz")
        response.close()  # the server closes the response once sent: then, and only then
        assert len(collected) == served
    assert collected == [0, 0, 2]  # the young generation each time, everything every 3rd


def test_a_worker_keeps_what_it_loaded_out_of_full_collections(
    app: Flask, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app as package

    monkeypatch.setattr(package, "create_app", lambda: app)
    monkeypatch.setattr(server, "collect_between_requests", lambda _app: None)
    try:
        assert server._Server({}).load() is app
        assert gc.get_freeze_count() > 10_000  # modules, the app: never scanned again
    finally:
        gc.unfreeze()


def test_malloc_arenas_are_capped_on_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    expected = platform.libc_ver()[0] == "glibc"
    assert server.limit_malloc_arenas() is expected


def test_an_operators_malloc_arena_max_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert server.limit_malloc_arenas() is False
