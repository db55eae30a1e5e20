"""Errors never show a traceback; security headers are on every response."""

import errno
import sqlite3

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError


def test_an_unexpected_error_gets_a_generic_page(app: Flask) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "secret internals" not in page and "Traceback" not in page


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


def test_a_lost_database_connection_is_a_503(app: Flask) -> None:
    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    lost.connection_invalidated = True  # as SQLAlchemy marks a disconnect

    @app.get("/read")
    def read() -> str:
        raise lost

    response = app.test_client().get("/read?lang=en")
    assert response.status_code == 503
    assert "not available right now" in response.get_data(as_text=True)
