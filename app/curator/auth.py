"""Logging in and out, and changing one's own password."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp, current_user
from app.identity import start_session
from catalogue.accounts.login import attempt_login
from catalogue.accounts.users import AccountError, change_password, end_sessions, update_account
from catalogue.models import User


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site, never another site (no open redirect)."""
    fallback = url_for("curator.home")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(c in target for c in "\\\r\n\t"):
        return fallback
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    """The login form; five failures per account or address within 15 minutes lock it a while."""
    target = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("curator/login.html", next=target, username="")
    username = request.form.get("username", "")[:200]
    password = request.form.get("password", "")[:2048]
    address = request.remote_addr or "unknown"

    outcome = attempt_login(context.database(), username, password, address)
    if outcome.user_id is not None and outcome.session_token is not None:
        start_session(outcome.user_id, outcome.session_token)
        return redirect(target)
    if outcome.retry_after is not None:
        minutes = max(1, math.ceil(outcome.retry_after.total_seconds() / 60))
        error = gettext(
            "Too many failed logins. Try again in %(minutes)s minutes.", minutes=minutes
        )
        status = 429
    else:
        error = gettext("That username and password do not match an active account.")
        status = 401
    page = render_template("curator/login.html", next=target, username=username, error=error)
    return page, status


@bp.post("/logout")
def logout() -> Response:
    """Log out, ending every session of this account (on every browser)."""
    update_account(context.database(), current_user().id, lambda _s, user: end_sessions(user))
    session.clear()
    return redirect(url_for("curator.login"))


@bp.route("/password", methods=["GET", "POST"])
def password() -> Response | tuple[str, int] | str:
    """Change one's own password; every other session of the account ends."""
    if request.method == "GET":
        return render_template("curator/password.html")
    user_id = current_user().id
    current = request.form.get("current", "")[:2048]
    new = request.form.get("new", "")[:2048]
    if new != request.form.get("again", ""):
        error = gettext("The two new passwords differ.")
        return render_template("curator/password.html", error=error), 400

    def change(_session: object, user: User) -> str:
        change_password(user, current, new)
        return user.session_token

    try:
        token = update_account(context.database(), user_id, change, actor())
    except AccountError as error:
        return render_template("curator/password.html", error=str(error)), 400
    start_session(user_id, token)  # this browser stays logged in; the others are out
    return redirect(url_for("curator.home", changed="password"))
