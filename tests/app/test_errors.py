"""Errors never show a traceback; security headers are on every response."""

import errno
import sqlite3
from collections.abc import Callable

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError

from app import errors
from catalogue.db import connection_lost
from catalogue.errors import NotFound


def test_an_unexpected_error_gets_a_generic_page(app: Flask) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "secret internals" not in page and "Traceback" not in page


def test_a_catalogue_not_found_is_the_usual_404(app: Flask) -> None:
    @app.get("/missing")
    def missing() -> str:
        raise NotFound("no such thing")

    @app.get("/api/missing")
    def api_missing() -> str:
        raise NotFound("no manuscript with id 'nothing'")

    client = app.test_client()
    page = client.get("/missing?lang=en")
    assert page.status_code == 404
    assert page.get_data(as_text=True) == client.get("/no/such/page?lang=en").get_data(as_text=True)
    api = client.get("/api/missing")
    assert api.status_code == 404
    assert api.get_json() == {
        "error": {"status": 404, "message": "no manuscript with id 'nothing'"}
    }


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(client: FlaskClient) -> None:
    page = client.get("/people/tauke-khan").get_data(as_text=True)
    assert "<script>" not in page and "onclick=" not in page


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OperationalError("INSERT ...", {}, sqlite3.OperationalError("database or disk is full")),
    ],
    ids=["ENOSPC", "SQLITE_FULL"],
)
def test_a_full_disk_says_so_and_that_nothing_was_saved(app: Flask, error: Exception) -> None:
    @app.get("/save")  # a GET: a POST would first need the CSRF token
    def save() -> str:
        raise error

    response = app.test_client().get("/save?lang=en")
    assert response.status_code == 503
    assert "disk is full, so nothing was saved" in response.get_data(as_text=True)


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "RETRY_PAUSE_SECONDS", 0)


def _invalidated() -> OperationalError:
    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    lost.connection_invalidated = True  # as SQLAlchemy marks a disconnect
    return lost


def _refused() -> OperationalError:
    # What a new connection gets while PostgreSQL restarts: not marked as a disconnect.
    return OperationalError(
        "SELECT 1", {}, psycopg.OperationalError("connection failed: Connection refused")
    )


@pytest.mark.usefixtures("no_pause")
@pytest.mark.parametrize("make", [_invalidated, _refused], ids=["invalidated", "refused"])
def test_a_lost_database_connection_is_a_503_with_retry_after(
    app: Flask, make: Callable[[], Exception]
) -> None:
    calls = []

    @app.get("/read")
    def read() -> str:
        calls.append(1)
        raise make()

    response = app.test_client().get("/read?lang=en")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert "not available right now" in response.get_data(as_text=True)
    assert len(calls) == 2  # read once more, then given up


@pytest.mark.usefixtures("no_pause")
def test_a_read_that_lost_its_connection_is_tried_once_more(app: Flask) -> None:
    calls = []

    @app.get("/read")
    def read() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise _refused()
        return "fine"

    response = app.test_client().get("/read?lang=en")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "fine")


@pytest.mark.usefixtures("no_pause")
def test_a_write_that_lost_its_connection_is_not_sent_again(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    calls = []

    @app.post("/write")
    def write() -> str:
        calls.append(1)
        raise _invalidated()

    response = app.test_client().post("/write?lang=en")
    assert response.status_code in (400, 503)
    assert len(calls) <= 1


def test_other_database_errors_are_not_taken_for_a_lost_connection() -> None:
    locked = OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
    assert not connection_lost(locked)
    assert connection_lost(_refused())
    shutdown = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    assert connection_lost(OperationalError("SELECT 1", {}, shutdown))
    assert not connection_lost(
        OperationalError("SELECT 1", {}, psycopg.errors.SerializationFailure("retry"))
    )
