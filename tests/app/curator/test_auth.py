"""Logging in and out: sessions, throttling, revocation, idle expiry and redirects."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from flask import Flask

from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in, post_form


def test_pages_need_a_login_and_send_you_back_after_it(curator_app: Flask) -> None:
    client = curator_app.test_client()
    response = client.get("/curator/accounts")
    assert response.status_code == 302
    assert response.location.startswith("/curator/login?next=/curator/accounts")
    done = log_in(client, *ADMIN, next="/curator/accounts")
    assert done.status_code == 302 and done.location == "/curator/accounts"
    assert client.get("/curator/accounts").status_code == 200


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


def test_an_idle_session_expires(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    assert client.get("/curator/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 121 * 60  # the default idle limit is 120 minutes
    assert client.get("/curator/").status_code == 302


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


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    for form in [{}, {"csrf_token": "forged"}]:
        response = client.post("/curator/logout", data=form)
        assert response.status_code == 400
        assert "not sent from this page" in response.get_data(as_text=True)
    assert client.get("/curator/").status_code == 200  # still logged in: logout did not happen
    login = client.post("/curator/login", data={"username": ADMIN[0], "password": ADMIN[1]})
    assert login.status_code == 400


def test_the_keepalive_needs_the_token_in_a_header(curator_client: object) -> None:
    from flask.testing import FlaskClient

    assert isinstance(curator_client, FlaskClient)
    token = csrf_of(curator_client, "/curator/")
    assert curator_client.post("/curator/keepalive").status_code == 400
    ok = curator_client.post("/curator/keepalive", headers={"X-CSRF-Token": token})
    assert ok.status_code == 204
