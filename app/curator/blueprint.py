"""The curator blueprint and its guard: idle expiry, roles, forms kept across a login."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TypeVar

from flask import Blueprint, abort, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from app import context
from app.identity import SEEN, TOKEN, USER_ID, logged_in_user
from catalogue.accounts.form_stash import keep, take
from catalogue.audit import Actor
from catalogue.models import Role, User

bp = Blueprint("curator", __name__, url_prefix="/curator")

PUBLIC_ENDPOINTS = frozenset({"curator.login"})
# Forms whose post, arriving after the session ended, is kept and given back after login.
RESTORABLE_ENDPOINTS = frozenset(
    {"curator.edit", "curator.create", "curator.pages", "curator.page_texts"}
)
RESTORE = "restore"

F = TypeVar("F", bound=Callable[..., object])


def current_user() -> User:
    """The logged-in account of this request (the guard has checked there is one)."""
    user: User = g.curator
    return user


def actor() -> Actor:
    """The logged-in account, as the audit history names it."""
    user = current_user()
    return Actor(user.id, user.username)


@bp.before_request
def _guard() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    user = logged_in_user()
    if user is None:
        owner = session.pop(USER_ID, None)
        session.pop(TOKEN, None)
        if request.method != "GET":
            return _keep_form(owner)
        return redirect(url_for("curator.login", next=request.full_path.rstrip("?")))
    session[SEEN] = int(time.time())
    g.curator = user
    return None


@bp.after_request
def _private(response: Response) -> Response:
    # Curator pages hold unpublished work: never kept by a browser or a proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def _stash_root() -> Path:
    return context.settings().data_dir / "forms"


def _keep_form(owner: object) -> Response:
    """A form posted after its session ended: kept for its account, back after login."""
    if request.endpoint not in RESTORABLE_ENDPOINTS or not isinstance(owner, int):
        abort(401)
    fields = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
    token = keep(_stash_root(), owner, request.path, fields)
    if token is None:
        abort(401)
    back = f"{request.path}?{RESTORE}={token}"
    return redirect(url_for("curator.login", next=back, expired="1"), code=303)


def restored_form() -> dict[str, str] | None:
    """The form this account posted here when its session had ended (once), or None."""
    token = request.args.get(RESTORE, "")
    if not token:
        return None
    fields = take(_stash_root(), token, current_user().id, request.path)
    return None if fields is None else dict(fields)


def admin_only(view: F) -> F:
    """Refuse a view to anyone but an admin."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> object:
        if current_user().role is not Role.ADMIN:
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
