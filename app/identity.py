"""Who is logged in: the signed session cookie's account, shared by the curator and IIIF views."""

from __future__ import annotations

import time

from flask import session

from app import context
from catalogue import stash
from catalogue.accounts.users import session_user
from catalogue.models import User

# What the signed session cookie holds once someone has logged in.
USER_ID = "uid"
TOKEN = "tok"
SEEN = "seen"


def start_session(user_id: int, token: str) -> None:
    """Log this browser in (a fresh session: nothing from before the login carries over)."""
    session.clear()
    session.permanent = True
    session[USER_ID] = user_id
    session[TOKEN] = token
    session[SEEN] = int(time.time())


def logged_in_user() -> User | None:
    """The account this browser is logged in as (session live, not idled out), or None."""
    idle = context.settings().curator_idle_minutes * 60
    seen = session.get(SEEN)
    if not isinstance(seen, int) or time.time() - seen > idle:
        return None
    return session_user(context.session(), session.get(USER_ID), session.get(TOKEN))


def idled_out_user() -> User | None:
    """The account whose live session in this browser idled out recently, else None.

    "Live" is exactly what `logged_in_user` checks, less the idle clock: the signed cookie
    (which Flask refuses once it has not been refreshed for the idle time) names an active
    account and still holds that account's current session token. Every way a session is
    ended on purpose (logout, a password change or reset, deactivation) gives the account a
    new token (`users.end_sessions`), so a cookie from such a session is revoked and gets
    nothing: no form of it is kept. "Recently": its last curator request (the idle clock)
    was less than a day ago (`stash.KEEP_SECONDS`, as long as a kept form is kept).
    """
    idle = context.settings().curator_idle_minutes * 60
    seen = session.get(SEEN)
    if not isinstance(seen, int):
        return None
    idle_for = time.time() - seen
    if idle_for <= idle or idle_for > stash.KEEP_SECONDS:
        return None
    return session_user(context.session(), session.get(USER_ID), session.get(TOKEN))
