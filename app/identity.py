"""Who is logged in: the signed session cookie's account, shared by the curator and IIIF views."""

from __future__ import annotations

import time

from flask import session

from app import context
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
