"""Fixtures for the curator workspace: an app over a fresh, writable database with two accounts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from catalogue.accounts import create_user
from catalogue.db import Database
from catalogue.models import Role
from catalogue.search import SearchIndex, rebuild
from catalogue.transaction import transaction
from tests.conftest import make_settings

ADMIN = ("admin", "admin password 1")
CURATOR = ("cura", "curator password 1")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def curator_app(db: Database, tmp_path: Path) -> Iterator[Flask]:
    """The application over an empty catalogue with an admin and a curator account."""
    from app import context, create_app

    with transaction(db) as session:
        create_user(session, *ADMIN, role=Role.ADMIN, display_name="The Admin")
        create_user(session, *CURATOR, role=Role.CURATOR, display_name="A Curator")
    index = SearchIndex(tmp_path / "index")
    rebuild(db, index)
    index.close()
    settings = make_settings(
        tmp_path, db.url, default_language="en"
    )  # messages asserted in English
    made = create_app({"SETTINGS": settings, "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


def csrf_of(client: FlaskClient, path: str = "/curator/login") -> str:
    """The CSRF token of this client's session, as a page's form carries it."""
    found = CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def log_in(client: FlaskClient, username: str, password: str, **extra: str) -> TestResponse:
    """Post the login form as a browser would (with the form's CSRF token)."""
    token = csrf_of(client)
    form = {"username": username, "password": password, "csrf_token": token, **extra}
    return client.post("/curator/login", data=form)


@pytest.fixture
def admin_client(curator_app: Flask) -> FlaskClient:
    """A client logged in as the admin."""
    client = curator_app.test_client()
    assert log_in(client, *ADMIN).status_code == 302
    return client


@pytest.fixture
def curator_client(curator_app: Flask) -> FlaskClient:
    """A client logged in as a curator."""
    client = curator_app.test_client()
    assert log_in(client, *CURATOR).status_code == 302
    return client


def post_form(
    client: FlaskClient, path: str, data: dict[str, str], page: str = "/curator/"
) -> TestResponse:
    """Post a form with the CSRF token of the page it is on."""
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)})
