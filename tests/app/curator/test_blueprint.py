"""The curator guard: a login first, idle expiry that slides, no caching, admin-only views."""

from __future__ import annotations

import time

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from werkzeug.exceptions import Forbidden

from app import context
from app.curator.blueprint import actor, admin_only, current_user
from catalogue.audit import Actor
from catalogue.models import Role, User
from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in


def test_pages_need_a_login_and_send_you_back_after_it(curator_app: Flask) -> None:
    client = curator_app.test_client()
    response = client.get("/curator/accounts")
    assert response.status_code == 302
    assert response.location.startswith("/curator/login?next=/curator/accounts")
    done = log_in(client, *ADMIN, next="/curator/accounts")
    assert done.status_code == 302 and done.location == "/curator/accounts"
    assert client.get("/curator/accounts").status_code == 200


def test_curator_pages_are_never_cached(client: FlaskClient) -> None:
    assert client.get("/curator/login").headers["Cache-Control"] == "no-store"


def test_the_way_back_keeps_the_query(curator_app: Flask) -> None:
    response = curator_app.test_client().get("/curator/?changed=password")
    assert response.status_code == 302
    assert response.location == "/curator/login?next=/curator/?changed%3Dpassword"


def test_each_request_restarts_the_idle_clock(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    almost = int(time.time()) - 119 * 60  # a minute before the default limit of 120
    with client.session_transaction() as held:
        held["seen"] = almost
    assert client.get("/curator/").status_code == 200
    with client.session_transaction() as held:
        assert held["seen"] >= int(time.time()) - 2
    assert client.get("/curator/").status_code == 200


def _idled_out(app: Flask) -> tuple[FlaskClient, str]:
    """A client whose login has idled out, and its session's CSRF token (still valid)."""
    client = app.test_client()
    log_in(client, *CURATOR)
    token = csrf_of(client, "/curator/")
    with client.session_transaction() as held:
        held["seen"] = int(time.time()) - 121 * 60
    return client, token


def test_a_write_after_the_session_ended_is_refused_and_logs_out(curator_app: Flask) -> None:
    client, token = _idled_out(curator_app)
    # The keep-alive is no form worth keeping: refused outright, not redirected to a login.
    assert client.post("/curator/keepalive", headers={"X-CSRF-Token": token}).status_code == 401
    with client.session_transaction() as held:
        assert "uid" not in held and "tok" not in held
    with client.session_transaction() as held:
        held["seen"] = int(time.time())  # a fresh clock does not bring the account back
    assert client.get("/curator/").status_code == 302


def test_a_form_posted_without_any_login_is_not_kept(curator_app: Flask) -> None:
    client = curator_app.test_client()
    token = csrf_of(client)
    response = client.post("/curator/manuscripts/new", data={"csrf_token": token, "title": "x"})
    assert response.status_code == 401  # no account to keep it for
    with curator_app.app_context():
        assert not (context.settings().data_dir / "forms").exists()


def _as(role: Role) -> User:
    return User(id=5, username="someone", role=role)


def test_admin_only_refuses_anyone_else(curator_app: Flask) -> None:
    def done() -> str:
        return "done"

    view = admin_only(done)
    with curator_app.test_request_context("/curator/accounts"):
        g.curator = _as(Role.CURATOR)
        with pytest.raises(Forbidden):
            view()
        g.curator = _as(Role.ADMIN)
        assert view() == "done"


def test_the_current_user_and_the_audit_actor(curator_app: Flask) -> None:
    with curator_app.test_request_context("/curator/"):
        g.curator = _as(Role.CURATOR)
        assert current_user().username == "someone"
        assert actor() == Actor(5, "someone")
