"""Logging in: password checks throttled per account and per address, counted in the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from catalogue.accounts.users import find_user, verify_password, waste_a_hash
from catalogue.db import Database
from catalogue.models import LoginFailure, User
from catalogue.models.base import utcnow
from catalogue.transaction import run_in_transaction

MAX_FAILURES = 5  # failed logins allowed per account, and per address, within the window
WINDOW = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class LoginResult:
    """The outcome of one attempt: the user, or why not (`retry_after` when throttled)."""

    user: User | None
    throttled: bool = False
    retry_after: datetime.timedelta | None = None


def _failures(
    session: Session, column: InstrumentedAttribute[str], value: str, since: datetime.datetime
) -> list[datetime.datetime]:
    query = select(LoginFailure.at).where(column == value, LoginFailure.at >= since)
    return list(session.scalars(query.order_by(LoginFailure.at)))


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str,
    *,
    now: datetime.datetime | None = None,
) -> LoginResult:
    """Check a login attempt; run it in a write transaction and commit whatever it returns.

    The throttle is checked before any hashing, so refused attempts cost almost nothing; a
    failure is written to the database, so every worker process sees it.
    """
    now = now or utcnow()
    username = username.strip().lower()[:80]
    address = address[:64]
    since = now - WINDOW
    session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    recent = [
        _failures(session, LoginFailure.username, username, since),
        _failures(session, LoginFailure.address, address, since),
    ]
    blocking = [times[-MAX_FAILURES] for times in recent if len(times) >= MAX_FAILURES]
    if blocking:
        return LoginResult(None, throttled=True, retry_after=max(blocking) + WINDOW - now)
    user = find_user(session, username)
    if user is None or not user.active:
        waste_a_hash(password)  # the same cost as a real check: no hint which accounts exist
        ok = False
    else:
        ok = verify_password(user, password)
    if not ok:
        session.add(LoginFailure(username=username, address=address, at=now))
        session.flush()
        return LoginResult(None)
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    return LoginResult(user)


def recent_failures(session: Session, *, now: datetime.datetime | None = None) -> int:
    """Failed logins within the throttling window (for the accounts page)."""
    since = (now or utcnow()) - WINDOW
    return session.scalar(select(func.count()).where(LoginFailure.at >= since)) or 0


@dataclass(frozen=True)
class LoginAttempt:
    """A committed login attempt: the account and its session token, or when to retry."""

    user_id: int | None = None
    session_token: str | None = None
    retry_after: datetime.timedelta | None = None


def attempt_login(db: Database, username: str, password: str, address: str) -> LoginAttempt:
    """Check a login in its own write transaction, so that a failure is recorded for everyone."""

    def work(session: Session) -> LoginAttempt:
        result = authenticate(session, username, password, address)
        if result.user is None:
            return LoginAttempt(retry_after=result.retry_after)
        return LoginAttempt(result.user.id, result.user.session_token)

    return run_in_transaction(db, work)
