"""Who is logged in: a fresh session at login, the idle limit, and nothing from a forged cookie."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask, session

from app.identity import SEEN, TOKEN, USER_ID, logged_in_user, start_session
from tests.app.curator import conftest as curator
from tests.app.curator.conftest import CURATOR, log_in

# The curator workspace's fixtures: its accounts are the ones a session logs in as.
curator_app = curator.curator_app


def _logged_in_cookie(app: Flask) -> dict[str, Any]:
    """What the session cookie holds after a real login."""
    client = app.test_client()
    assert log_in(client, *CURATOR).status_code == 302
    with client.session_transaction() as held:
        return dict(held)


def test_an_idle_session_expires(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    assert client.get("/curator/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 121 * 60  # the default idle limit is 120 minutes
    assert client.get("/curator/").status_code == 302


def test_a_login_starts_a_fresh_permanent_session(curator_app: Flask) -> None:
    with curator_app.test_request_context("/"):
        session["next"] = "/somewhere"
        session["csrf"] = "from before the login"
        start_session(7, "a token")
        assert "next" not in session and "csrf" not in session  # nothing carries over
        assert (session[USER_ID], session[TOKEN]) == (7, "a token")
        assert session.permanent
        assert abs(session[SEEN] - time.time()) <= 2


def test_the_logged_in_account_is_the_cookies(curator_app: Flask) -> None:
    cookie = _logged_in_cookie(curator_app)
    with curator_app.test_request_context("/"):
        session.update(cookie)
        user = logged_in_user()
        assert user is not None and user.username == CURATOR[0]


@pytest.mark.parametrize(
    "change",
    [
        {SEEN: None},
        {SEEN: "0"},
        {SEEN: float(time.time())},  # only the whole seconds the app itself writes count
        {SEEN: int(time.time()) - 120 * 60 - 5},
        {TOKEN: "not the session's token"},
        {TOKEN: None},
        {USER_ID: "1"},
        {USER_ID: 10_000},
    ],
)
def test_a_stale_or_forged_cookie_is_nobody(curator_app: Flask, change: dict[str, Any]) -> None:
    cookie = _logged_in_cookie(curator_app)
    with curator_app.test_request_context("/"):
        session.update(cookie)
        session.update(change)
        assert logged_in_user() is None


def test_an_empty_session_is_nobody(curator_app: Flask) -> None:
    with curator_app.test_request_context("/"):
        assert logged_in_user() is None
