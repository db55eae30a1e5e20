"""Logging in and out: sessions, throttling, revocation, idle expiry and redirects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalogue.accounts.users import create_user
from catalogue.db import Database
from catalogue.models import Role
from catalogue.transaction import transaction
from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in, post_form
from tests.conftest import make_settings


def test_session_cookie_is_httponly_samesite_and_secure_over_tls(curator_app: Flask) -> None:
    client = curator_app.test_client()
    plain = log_in(client, *ADMIN).headers.getlist("Set-Cookie")
    cookie = next(c for c in plain if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    tls = curator_app.test_client()
    csrf = csrf_of(tls, "https://localhost/curator/login")
    form = {"username": ADMIN[0], "password": ADMIN[1], "csrf_token": csrf}
    cookies = tls.post("https://localhost/curator/login", data=form).headers.getlist("Set-Cookie")
    assert any(c.startswith("session=") and "Secure" in c for c in cookies)


def test_wrong_password_is_refused_without_saying_which_part(curator_app: Flask) -> None:
    client = curator_app.test_client()
    for username, password in [(ADMIN[0], "wrong password"), ("nobody", ADMIN[1])]:
        response = log_in(client, username, password)
        assert response.status_code == 401
        assert "do not match an active account" in response.get_data(as_text=True)
    assert client.get("/curator/").status_code == 302


def test_the_sixth_failed_login_is_refused_even_with_the_right_password(
    curator_app: Flask,
) -> None:
    client = curator_app.test_client()
    for _ in range(5):
        assert log_in(client, *CURATOR[:1], "wrong password").status_code == 401
    refused = log_in(client, *CURATOR)
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.get_data(as_text=True)
    assert client.get("/curator/").status_code == 302  # not logged in


def test_a_session_copied_before_logout_is_useless_after_it(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    with client.session_transaction() as copied:
        saved = dict(copied)
    assert post_form(client, "/curator/logout", {}).status_code == 302
    thief = curator_app.test_client()
    with thief.session_transaction() as session:
        session.update(saved)
    assert thief.get("/curator/").status_code == 302
    assert client.get("/curator/").status_code == 302


def test_a_password_change_ends_the_other_sessions_but_not_this_one(curator_app: Flask) -> None:
    here, there = curator_app.test_client(), curator_app.test_client()
    log_in(here, *CURATOR)
    log_in(there, *CURATOR)
    form = {"current": CURATOR[1], "new": "a new password 2", "again": "a new password 2"}
    assert post_form(here, "/curator/password", form).status_code == 302
    assert here.get("/curator/").status_code == 200
    assert there.get("/curator/").status_code == 302
    assert log_in(curator_app.test_client(), CURATOR[0], "a new password 2").status_code == 302


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"current": "not it at all", "new": "a new password 2", "again": "a new password 2"},
            "current password is not right",
        ),
        ({"current": CURATOR[1], "new": "short", "again": "short"}, "at least 10"),
        ({"current": CURATOR[1], "new": "a new password 2", "again": "different 12345"}, "differ"),
    ],
)
def test_bad_password_changes_are_refused_and_nothing_changes(
    curator_app: Flask, form: dict[str, str], message: str
) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    response = post_form(client, "/curator/password", form)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert client.get("/curator/").status_code == 200
    assert log_in(curator_app.test_client(), *CURATOR).status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/%0d%0aLocation: http://evil.example",
    ],
)
def test_an_open_redirect_through_next_is_refused(curator_app: Flask, target: str) -> None:
    response = log_in(curator_app.test_client(), *CURATOR, next=target)
    assert response.status_code == 302
    where = urlsplit(response.location)
    assert not where.scheme and not where.netloc and where.path.startswith("/")
    assert not response.location.startswith(("//", "/\\")) and "\n" not in response.location


def _from(app: Flask, address: str, forwarded_for: str | None = None) -> FlaskClient:
    """A client connecting from this address, sending this X-Forwarded-For if any."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if forwarded_for is not None:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


@pytest.fixture
def proxied_app(db: Database, tmp_path: Path) -> Iterator[Flask]:
    """The curator app behind one trusted reverse proxy (QOLJAZBA_TRUSTED_PROXIES=1)."""
    from app import context, create_app

    with transaction(db) as session:
        create_user(session, *ADMIN, role=Role.ADMIN)
        create_user(session, *CURATOR, role=Role.CURATOR)
    settings = make_settings(tmp_path, db.url, default_language="en", trusted_proxies=1)
    made = create_app({"SETTINGS": settings, "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


def test_behind_a_proxy_one_clients_failures_lock_out_no_one_else(proxied_app: Flask) -> None:
    # Every request arrives from the proxy (127.0.0.1); the client is in X-Forwarded-For.
    attacker = _from(proxied_app, "127.0.0.1", "203.0.113.5")
    for _ in range(5):
        assert log_in(attacker, CURATOR[0], "wrong password").status_code == 401
    assert log_in(attacker, *ADMIN).status_code == 429  # this client is locked out
    # A curator elsewhere logs in to another account, through the same proxy.
    colleague = _from(proxied_app, "127.0.0.1", "198.51.100.7")
    assert log_in(colleague, *ADMIN).status_code == 302
    # What a client writes into X-Forwarded-For itself is left of what the proxy appended.
    disguised = _from(proxied_app, "127.0.0.1", "198.51.100.7, 203.0.113.5")
    assert log_in(disguised, *ADMIN).status_code == 429


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(curator_app: Flask) -> None:
    for n in range(5):
        forger = _from(curator_app, "203.0.113.5", f"198.51.100.{n}")
        assert log_in(forger, f"guess{n}", "wrong password").status_code == 401
    assert log_in(_from(curator_app, "203.0.113.5", "198.51.100.99"), *ADMIN).status_code == 429
    assert log_in(_from(curator_app, "198.51.100.7"), *ADMIN).status_code == 302


def test_a_locked_account_says_the_same_whether_it_exists_or_not(curator_app: Flask) -> None:
    answers: list[tuple[int, int]] = []
    for username in (CURATOR[0], "nobody-at-all"):
        for n in range(5):
            log_in(_from(curator_app, f"10.0.{len(answers)}.{n}"), username, "wrong password")
        refused = log_in(_from(curator_app, "10.9.9.9"), username, "any password")
        answers.append((refused.status_code, refused.get_data(as_text=True).count("Too many")))
    assert answers[0] == answers[1] == (429, 1)
