"""CSRF: one token per browser session, required on every write, in the form or a header."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.app.curator import conftest as curator
from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in

# The curator workspace's fixtures, for a module whose forms are mostly the curator's.
curator_app = curator.curator_app
curator_client = curator.curator_client


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
    assert isinstance(curator_client, FlaskClient)
    token = csrf_of(curator_client, "/curator/")
    assert curator_client.post("/curator/keepalive").status_code == 400
    ok = curator_client.post("/curator/keepalive", headers={"X-CSRF-Token": token})
    assert ok.status_code == 204


def test_the_token_lasts_the_session_and_changes_at_login(curator_app: Flask) -> None:
    client = curator_app.test_client()
    before = csrf_of(client)
    assert csrf_of(client) == before  # every page of the session carries the same token
    log_in(client, *CURATOR)
    after = csrf_of(client, "/curator/")
    assert after != before and csrf_of(client, "/curator/") == after
    assert client.post("/curator/keepalive", headers={"X-CSRF-Token": after}).status_code == 204
    stale = client.post("/curator/keepalive", headers={"X-CSRF-Token": before})
    assert stale.status_code == 400  # the token from before the login no longer counts


def test_another_sessions_token_is_refused(curator_app: Flask) -> None:
    mine = curator_app.test_client()
    log_in(mine, *CURATOR)
    theirs = curator_app.test_client()
    log_in(theirs, *ADMIN)
    token = csrf_of(theirs, "/curator/")
    assert mine.post("/curator/keepalive", headers={"X-CSRF-Token": token}).status_code == 400
    assert theirs.post("/curator/keepalive", headers={"X-CSRF-Token": token}).status_code == 204


def test_a_session_without_a_token_refuses_even_an_empty_one(curator_app: Flask) -> None:
    client = curator_app.test_client()  # never shown a form: no token in its session
    response = client.post("/curator/login", data={"csrf_token": ""})
    assert response.status_code == 400
    assert client.post("/curator/keepalive", headers={"X-CSRF-Token": ""}).status_code == 400


def test_reads_and_oai_harvests_need_no_token(client: FlaskClient) -> None:
    assert client.get("/curator/login").status_code == 200
    assert client.head("/").status_code == 200
    harvest = client.post("/oai", data={"verb": "Identify"})
    assert harvest.status_code == 200 and b"<Identify>" in harvest.get_data()


def test_a_post_that_would_not_run_gets_its_404_or_405(client: FlaskClient) -> None:
    assert client.post("/no/such/page").status_code == 404
    assert client.post("/manuscripts/").status_code == 405
