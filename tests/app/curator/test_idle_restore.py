"""A form posted after the session idled out is kept and given back after login (no script)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalogue import stash
from catalogue.accounts import form_stash
from catalogue.accounts.users import find_user, set_active, set_password
from catalogue.db import Database
from catalogue.formats import upload_stash
from catalogue.transaction import transaction
from tests.app.curator.conftest import ADMIN, CURATOR, csrf_of, log_in, post_form
from tests.conftest import make_settings


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


def _forms_kept(app: Flask) -> list[Path]:
    root = form_stash.root(app.extensions["qoljazba"]["settings"].data_dir)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _replayed(app: Flask, cookie: str) -> FlaskClient:
    """Another browser sending a copy of a session cookie taken earlier."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def _end(db: Database, client: FlaskClient, how: str) -> None:
    if how == "logout":
        assert post_form(client, "/curator/logout", {}).status_code == 302
        return
    with transaction(db) as session:
        user = find_user(session, CURATOR[0])
        assert user is not None
        if how == "password":
            set_password(user, "a new password 1")
        else:
            set_active(session, user, False)


@pytest.mark.parametrize("how", ["logout", "password", "deactivation"])
@pytest.mark.parametrize("idled", [False, True])
def test_a_revoked_session_cookie_keeps_no_form(
    curator_app: Flask, db: Database, how: str, idled: bool
) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    post_form(client, "/curator/manuscripts/new", {"slug": "ms-r", "title.en": "Before"})
    form = {
        "version": _version(client, "/curator/manuscripts/ms-r"),
        "title.en": "x" * 1000,
        "csrf_token": csrf_of(client, "/curator/manuscripts/ms-r"),
    }
    copied = _cookie(client)
    _end(db, client, how)
    replay = _replayed(curator_app, copied)
    if idled:
        _idle(replay)
    for _ in range(3):
        assert replay.post("/curator/manuscripts/ms-r", data=form).status_code == 401
    assert _forms_kept(curator_app) == []


def test_one_account_never_keeps_more_forms_than_its_bound(curator_app: Flask) -> None:
    client = curator_app.test_client()
    log_in(client, *CURATOR)
    post_form(client, "/curator/manuscripts/new", {"slug": "ms-b", "title.en": "Before"})
    version = _version(client, "/curator/manuscripts/ms-b")
    token = csrf_of(client, "/curator/manuscripts/ms-b")
    _idle(client)
    copied = _cookie(client)
    backs = []
    for n in range(form_stash.MAX_FILES + 5):
        form = {"version": version, "title.en": f"Try {n}", "csrf_token": token}
        response = _replayed(curator_app, copied).post("/curator/manuscripts/ms-b", data=form)
        assert response.status_code == 303
        backs.append(parse_qs(urlsplit(response.headers["Location"]).query)["next"][0])
        assert len(_forms_kept(curator_app)) <= form_stash.MAX_FILES
    assert len(_forms_kept(curator_app)) == form_stash.MAX_FILES
    # The newest are kept, the oldest went first.
    log_in(client, *CURATOR)
    assert f'value="Try {form_stash.MAX_FILES + 4}"' in client.get(backs[-1]).get_data(as_text=True)
    assert 'value="Try 0"' not in client.get(backs[0]).get_data(as_text=True)


def test_forms_and_uploads_nobody_came_back_for_are_swept_at_start_up(
    db: Database, tmp_path: Path
) -> None:
    from app import context, create_app

    data_dir = make_settings(tmp_path, db.url).data_dir
    owner = 1
    old = stash.put(form_stash.root(data_dir), owner, ".json", b"{}", max_files=9, max_bytes=99)
    new = stash.put(form_stash.root(data_dir), owner, ".json", b"{}", max_files=9, max_bytes=99)
    upload = stash.put(upload_stash.root(data_dir), owner, ".csv", b"a", max_files=9, max_bytes=9)
    legacy = form_stash.root(data_dir) / ("e" * 32 + ".json")  # from before account folders
    legacy.write_bytes(b"{}")
    aged = [form_stash.root(data_dir) / str(owner) / f"{old}.json", legacy]
    aged.append(upload_stash.root(data_dir) / str(owner) / f"{upload}.csv")
    then = time.time() - stash.KEEP_SECONDS - 60
    for path in aged:
        os.utime(path, (then, then))
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    try:
        assert not any(path.exists() for path in aged)
        assert (form_stash.root(data_dir) / str(owner) / f"{new}.json").exists()
    finally:
        with made.app_context():
            context.database().dispose()
            context.search_index().close()
