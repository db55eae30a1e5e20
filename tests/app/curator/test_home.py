"""The curator's start page and the keep-alive a page being edited sends."""

from __future__ import annotations

import time

from flask import Flask
from flask.testing import FlaskClient

from tests.app.curator.conftest import CURATOR, csrf_of, log_in


def test_the_start_page_is_where_a_login_lands(curator_app: Flask) -> None:
    client = curator_app.test_client()
    response = log_in(client, *CURATOR)
    assert response.status_code == 302 and response.location == "/curator/"
    page = client.get("/curator/")
    assert page.status_code == 200 and "A Curator" in page.get_data(as_text=True)


def test_the_start_page_says_a_password_was_changed_only_when_it_was(
    curator_client: FlaskClient,
) -> None:
    said = "Your password has been changed."
    assert said in curator_client.get("/curator/?changed=password").get_data(as_text=True)
    for other in ("", "?changed=", "?changed=<b>password</b>", "?changed=role"):
        assert said not in curator_client.get(f"/curator/{other}").get_data(as_text=True)


def test_the_keepalive_answers_nothing_and_keeps_the_session_alive(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    token = csrf_of(client, "/curator/")
    with client.session_transaction() as held:
        held["seen"] = int(time.time()) - 119 * 60  # a minute before the default limit
    alive = client.post("/curator/keepalive", headers={"X-CSRF-Token": token})
    assert alive.status_code == 204 and alive.get_data() == b""
    assert alive.headers["Cache-Control"] == "no-store"
    with client.session_transaction() as held:
        assert held["seen"] >= int(time.time()) - 2  # the idle clock starts again
