"""Rendered kiosk screens kept per catalogue version: served again until the catalogue changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, Response
from flask.testing import FlaskClient

from app import context
from app.kiosk.cache import MAX_ENTRIES, ScreenCache
from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import Kind, Person
from catalogue.reading.records import get_record
from catalogue.transaction import transaction
from tests.conftest import make_settings


def test_rendered_screens_are_kept_per_catalogue_version(app: Flask, client: FlaskClient) -> None:
    from app.kiosk.cache import ScreenCache
    from catalogue.audit import latest_change

    cache = app.extensions["qoljazba_kiosk_cache"]
    assert isinstance(cache, ScreenCache) and cache.seconds == 3600
    first = client.get("/kiosk/en/people/")
    assert "cache;desc=miss" in first.headers["Server-Timing"]
    with app.app_context():
        version = latest_change(context.session())
    assert version > 0
    assert cache.get((version, "/kiosk/en/people/?", False)) is not None
    again = client.get("/kiosk/en/people/")
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert "cache;desc=hit" in again.headers["Server-Timing"]
    assert "Content-Security-Policy" in again.headers
    revalidated = client.get("/kiosk/en/people/", headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304
    # Scholars' pages are not the kiosk's: never cached here.
    scholars = client.get("/people/")
    assert cache.get((version, "/people/?", False)) is None
    assert "cache;" not in scholars.headers["Server-Timing"]


def test_a_change_to_the_catalogue_shows_on_the_next_request(own_app: Flask, db: Database) -> None:
    client = own_app.test_client()
    path = "/kiosk/en/people/tauke-khan"
    assert "cache;desc=miss" in client.get(path).headers["Server-Timing"]
    assert "cache;desc=hit" in client.get(path).headers["Server-Timing"]
    with transaction(db) as session:
        person = get_record(session, Kind.PERSON, "tauke-khan")
        assert isinstance(person, Person)
        person.summary = LocalizedText({"en": "A summary changed by the test."})
    changed = client.get(path)
    assert "cache;desc=miss" in changed.headers["Server-Timing"]
    assert "A summary changed by the test." in changed.get_data(as_text=True)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    made = _Clock()
    monkeypatch.setattr("app.kiosk.cache.time.monotonic", made)
    return made


def _response(body: str) -> Response:
    return Response(body, headers={"ETag": '"e"', "X-Own": "kept"})


def test_an_entry_is_kept_for_its_seconds_then_dropped(clock: _Clock) -> None:
    cache = ScreenCache(60)
    cache.put((1, "/kiosk/en/?", False), _response("screen"))
    entry = cache.get((1, "/kiosk/en/?", False))
    assert entry is not None and entry.body == b"screen"
    assert ("X-Own", "kept") in entry.headers
    assert not any(name.lower() == "content-length" for name, _ in entry.headers)
    assert cache.get((1, "/kiosk/en/?", True)) is None  # a partial is another screen
    clock.now += 60
    assert cache.get((1, "/kiosk/en/?", False)) is not None
    clock.now += 0.5
    assert cache.get((1, "/kiosk/en/?", False)) is None


def test_no_seconds_means_no_cache(clock: _Clock) -> None:
    cache = ScreenCache(0)
    cache.put((1, "/kiosk/en/?", False), _response("screen"))
    assert cache.get((1, "/kiosk/en/?", False)) is None


def test_a_new_catalogue_version_drops_the_old_screens(clock: _Clock) -> None:
    cache = ScreenCache(60)
    cache.put((1, "/a?", False), _response("a"))
    cache.put((1, "/b?", False), _response("b"))
    cache.put((2, "/a?", False), _response("a, changed"))
    assert cache.get((1, "/b?", False)) is None and cache.get((1, "/a?", False)) is None
    entry = cache.get((2, "/a?", False))
    assert entry is not None and entry.body == b"a, changed"


def test_a_full_cache_starts_again_rather_than_grow(clock: _Clock) -> None:
    cache = ScreenCache(60)
    for n in range(MAX_ENTRIES):
        cache.put((1, f"/{n}?", False), _response(str(n)))
    assert cache.get((1, f"/{MAX_ENTRIES - 1}?", False)) is not None
    cache.put((1, "/one more?", False), _response("more"))
    assert cache.get((1, "/0?", False)) is None
    assert cache.get((1, "/one more?", False)) is not None


def test_the_kiosk_cache_seconds_setting_is_taken(
    app: Flask, tmp_path: Path, shipped_url: str
) -> None:
    from app import create_app

    assert app.extensions["qoljazba_kiosk_cache"].seconds == 3600  # the default
    settings = make_settings(tmp_path, shipped_url)  # the `app` fixture's folder and index
    made = create_app({"SETTINGS": settings, "TESTING": True, "KIOSK_CACHE_SECONDS": 0})
    try:
        client = made.test_client()
        client.get("/kiosk/en/people/")
        again = client.get("/kiosk/en/people/")
        assert "cache;desc=miss" in again.headers["Server-Timing"]  # nothing was kept
    finally:
        with made.app_context():
            context.database().dispose()
            context.search_index().close()


def test_only_whole_screens_that_worked_are_kept(app: Flask, client: FlaskClient) -> None:
    cache = app.extensions["qoljazba_kiosk_cache"]
    assert client.get("/kiosk/en/people/nobody").status_code == 404
    again = client.get("/kiosk/en/people/nobody")
    assert again.status_code == 404 and "cache;desc=miss" in again.headers["Server-Timing"]
    partial = client.get("/kiosk/en/people/", headers={"X-Kiosk-Partial": "1"})
    whole = client.get("/kiosk/en/people/")
    assert "cache;desc=miss" in whole.headers["Server-Timing"]  # the partial is not the page
    assert whole.get_data() != partial.get_data()
    assert isinstance(cache, ScreenCache)
    scholars = client.get("/kiosk/en/people/?lang=ru")
    assert "cache;desc=miss" in scholars.headers["Server-Timing"]  # the query is in the key
