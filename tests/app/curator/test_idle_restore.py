"""A form posted after the session idled out is kept and given back after login (no script)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from flask import Flask
from flask.testing import FlaskClient

from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in, post_form


def _idle(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 121 * 60  # past the default 120 minutes


def _version(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return page.split('name="version" value="', 1)[1].split('"', 1)[0]


def test_an_idled_out_save_comes_back_after_login(curator_app: Flask) -> None:
    client = curator_app.test_client()
    assert log_in(client, *CURATOR).status_code == 302
    post_form(client, "/curator/manuscripts/new", {"slug": "ms-i", "title.en": "Before"})
    token = csrf_of(client, "/curator/manuscripts/ms-i")
    version = _version(client, "/curator/manuscripts/ms-i")
    typed = {
        "version": version,
        "title.en": "Typed for hours",
        "title.fa": "نوشته",
        "csrf_token": token,
    }
    _idle(client)
    response = client.post("/curator/manuscripts/ms-i", data=typed)
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert target.path == "/curator/login"
    back = parse_qs(target.query)["next"][0]
    assert back.startswith("/curator/manuscripts/ms-i?restore=")
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "what you typed has been kept" in login_page
    # Nothing was saved in the meantime.
    other = curator_app.test_client()
    log_in(other, *ADMIN)
    assert 'value="Before"' in other.get("/curator/manuscripts/ms-i").get_data(as_text=True)
    # Another account cannot take it.
    assert log_in(other, *ADMIN, next=back).status_code == 302
    assert "Typed for hours" not in other.get(back).get_data(as_text=True)
    # The same account gets it back, once; saving it then works.
    done = log_in(client, *CURATOR, next=back)
    assert done.status_code == 302 and done.headers["Location"] == back
    form = client.get(back).get_data(as_text=True)
    assert 'value="Typed for hours"' in form and 'value="نوشته"' in form
    assert "What you had typed is back in the form" in form
    assert "Typed for hours" not in client.get(back).get_data(as_text=True)
    saved = post_form(
        client, "/curator/manuscripts/ms-i", {"version": version, "title.en": "Typed for hours"}
    )
    assert saved.status_code == 302
    assert 'value="Typed for hours"' in client.get("/curator/manuscripts/ms-i").get_data(
        as_text=True
    )


def test_only_a_browser_that_was_logged_in_gets_its_form_kept(curator_app: Flask) -> None:
    stranger = curator_app.test_client()
    token = csrf_of(stranger)
    response = stranger.post("/curator/manuscripts/new", data={"slug": "x", "csrf_token": token})
    assert response.status_code == 401
    assert not (curator_app.extensions["qoljazba"]["settings"].data_dir / "forms").exists()
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    token = csrf_of(client, "/curator/")
    _idle(client)
    # Logging out is not a form to give back.
    assert client.post("/curator/logout", data={"csrf_token": token}).status_code == 401
