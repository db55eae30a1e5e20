"""Fixtures for the curator workspace: an app over a fresh, writable database with two accounts."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from catalogue.accounts.users import create_user
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


class _FormReader(HTMLParser):
    """What a browser submits from a page's `form.editor`: each input, selected option and text
    area by name (checkboxes only when ticked)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._in_form = "editor" in a.get("class", "").split()
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("file", "submit"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self.values.setdefault(self._select, self._first_option)
            if "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def editor_form(client: FlaskClient, path: str) -> dict[str, str]:
    """The record editor's form at `path` as a browser would submit it untouched."""
    reader = _FormReader()
    reader.feed(client.get(path).get_data(as_text=True))
    return reader.values


def login_while(app: Flask, seconds: float = 8.0) -> tuple[int, float]:
    """Log in from another thread (another worker) and wait for it: its status and duration.

    Not waited on past `seconds` (less than SQLite's busy timeout), so a login stuck behind a
    held write lock fails the caller's test rather than the login.
    """
    started = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        status = pool.submit(lambda: log_in(app.test_client(), *ADMIN).status_code)
        return status.result(timeout=seconds), time.monotonic() - started
    except FutureTimeout:
        return 0, time.monotonic() - started
    finally:
        pool.shutdown(wait=False)
