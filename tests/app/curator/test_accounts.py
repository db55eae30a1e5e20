"""Account management: only admins, and deactivation or a reset ends the account's sessions."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.app.curator.conftest import ADMIN, CURATOR, log_in, post_form


def _user_id(client: FlaskClient, username: str) -> int:
    from app import context
    from catalogue.accounts.users import find_user

    with client.application.app_context():
        found = find_user(context.session(), username)
        assert found is not None
        return found.id


def test_a_curator_cannot_manage_accounts(curator_client: FlaskClient) -> None:
    assert curator_client.get("/curator/accounts").status_code == 403
    form = {"username": "intruder", "password": "long enough 123", "role": "admin"}
    assert post_form(curator_client, "/curator/accounts", form).status_code == 403
    admin_id = _user_id(curator_client, ADMIN[0])
    response = post_form(curator_client, f"/curator/accounts/{admin_id}/active", {"active": "0"})
    assert response.status_code == 403
    assert log_in(curator_client.application.test_client(), *ADMIN).status_code == 302
    assert (
        log_in(curator_client.application.test_client(), "intruder", "long enough 123").status_code
        == 401
    )


def test_an_admin_creates_an_account_that_can_log_in(admin_client: FlaskClient) -> None:
    form = {
        "username": "Dana",
        "display_name": "Dana",
        "password": "long enough 123",
        "role": "curator",
    }
    assert post_form(admin_client, "/curator/accounts", form).status_code == 302
    assert "dana" in admin_client.get("/curator/accounts").get_data(as_text=True)
    assert (
        log_in(admin_client.application.test_client(), "dana", "long enough 123").status_code == 302
    )


def test_a_bad_new_account_is_refused_and_keeps_what_was_typed(admin_client: FlaskClient) -> None:
    form = {
        "username": "x y",
        "display_name": "Kept <b>name</b>",
        "password": "long enough 123",
        "role": "curator",
    }
    response = post_form(admin_client, "/curator/accounts", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "2–40 characters" in page
    assert 'value="Kept &lt;b&gt;name&lt;/b&gt;"' in page
    bad_role = post_form(
        admin_client, "/curator/accounts", {**form, "username": "ok", "role": "god"}
    )
    assert bad_role.status_code == 400


def test_deactivation_ends_every_session_and_refuses_logins(
    admin_client: FlaskClient, curator_app: Flask
) -> None:
    curator = curator_app.test_client()
    log_in(curator, *CURATOR)
    cura_id = _user_id(admin_client, CURATOR[0])
    assert (
        post_form(admin_client, f"/curator/accounts/{cura_id}/active", {"active": "0"}).status_code
        == 302
    )
    assert curator.get("/curator/").status_code == 302
    assert log_in(curator_app.test_client(), *CURATOR).status_code == 401
    assert (
        post_form(admin_client, f"/curator/accounts/{cura_id}/active", {"active": "1"}).status_code
        == 302
    )
    assert log_in(curator_app.test_client(), *CURATOR).status_code == 302


def test_the_last_admin_cannot_be_deactivated(admin_client: FlaskClient) -> None:
    admin_id = _user_id(admin_client, ADMIN[0])
    response = post_form(admin_client, f"/curator/accounts/{admin_id}/active", {"active": "0"})
    assert response.status_code == 400 and "last active admin" in response.get_data(as_text=True)
    assert admin_client.get("/curator/").status_code == 200


def test_a_password_reset_ends_the_sessions_and_sets_the_password(
    admin_client: FlaskClient, curator_app: Flask
) -> None:
    curator = curator_app.test_client()
    log_in(curator, *CURATOR)
    cura_id = _user_id(admin_client, CURATOR[0])
    path = f"/curator/accounts/{cura_id}/password"
    assert post_form(admin_client, path, {"password": "short"}).status_code == 400
    assert curator.get("/curator/").status_code == 200
    assert post_form(admin_client, path, {"password": "reset password 9"}).status_code == 302
    assert curator.get("/curator/").status_code == 302
    assert log_in(curator_app.test_client(), CURATOR[0], "reset password 9").status_code == 302


def test_unknown_accounts_are_a_clear_refusal(admin_client: FlaskClient) -> None:
    response = post_form(admin_client, "/curator/accounts/999999/active", {"active": "0"})
    assert response.status_code == 400 and "no such account" in response.get_data(as_text=True)


def test_account_administration_is_in_the_site_history(admin_client: FlaskClient) -> None:
    import re

    form = {"username": "dana", "display_name": "Dana", "password": "long enough 123"}
    assert (
        post_form(admin_client, "/curator/accounts", {**form, "role": "curator"}).status_code == 302
    )
    dana = _user_id(admin_client, "dana")
    steps = [
        (f"/curator/accounts/{dana}/active", {"active": "0"}),
        (f"/curator/accounts/{dana}/active", {"active": "1"}),
        (f"/curator/accounts/{dana}/password", {"password": "another password 9"}),
        (f"/curator/accounts/{dana}/role", {"role": "admin"}),
    ]
    for path, data in steps:
        assert post_form(admin_client, path, data).status_code == 302, path
    page = admin_client.get("/curator/history").get_data(as_text=True)
    entries = page.split("<li>")[1:]
    assert len([e for e in entries if f"User #{dana}" in e]) == 5
    for entry in entries[:5]:
        assert "<bdi>admin</bdi>" in entry and '<bdi dir="ltr">dana</bdi>' in entry
    assert re.search(r"role</td><td><bdi>curator</bdi></td><td><bdi>admin</bdi>", page)
    assert re.search(r"active</td><td><bdi>True</bdi></td><td><bdi>False</bdi>", page)
    assert re.search(r"password</td><td><span class=\"empty\">—</span></td><td><bdi>changed", page)
    assert "$argon2" not in page and "session_token" not in page and "password_hash" not in page
    assert "/undo" not in "".join(entries[:5])  # accounts are changed on the accounts page
    with admin_client.application.app_context():
        from sqlalchemy import select

        from app import context
        from catalogue.models import AuditEntry

        changeset = (
            context.session()
            .scalars(select(AuditEntry.changeset).where(AuditEntry.model == "User"))
            .first()
        )
    refused = post_form(admin_client, f"/curator/history/{changeset}/undo", {})
    assert refused.status_code == 409 and "accounts page" in refused.get_data(as_text=True)
    admin_id = _user_id(admin_client, ADMIN[0])
    post_form(admin_client, f"/curator/accounts/{dana}/active", {"active": "0"})
    last = post_form(admin_client, f"/curator/accounts/{admin_id}/role", {"role": "curator"})
    assert last.status_code == 400 and "last active admin" in last.get_data(as_text=True)
