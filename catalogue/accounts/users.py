"""Curator accounts: creation, passwords (argon2id), deactivation and session revocation."""

from __future__ import annotations

import contextlib
import functools
import re
import secrets
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.models import Role, User
from catalogue.transaction import run_in_transaction

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # bounds the hashing work one request can ask for


class AccountError(ValueError):
    """An account request that cannot be carried out; the message says why."""


def create_user(
    session: Session,
    username: str,
    password: str,
    *,
    role: Role = Role.CURATOR,
    display_name: str = "",
) -> User:
    """Add an account; the caller commits."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError(
            "a username is 2–40 characters: lowercase latin letters, digits, '.', '_' or '-'"
        )
    _check_password(password)
    if session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"there is already an account named {username!r}")
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        role=role,
        session_token=new_session_token(),
    )
    session.add(user)
    session.flush()
    return user


def verify_password(user: User, password: str) -> bool:
    """Whether the password is this user's."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_hex(16))


def waste_a_hash(password: str) -> None:
    """Spend the time of one password check, so that unknown usernames answer as slowly."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)


def new_session_token() -> str:
    """A fresh random session token (a session cookie holding an older one is void)."""
    return secrets.token_hex(32)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"a password has at most {MAX_PASSWORD_LENGTH} characters")


def find_user(session: Session, username: str) -> User | None:
    """The account with this username, if any."""
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def get_user(session: Session, user_id: int) -> User | None:
    """The account with this id, if any."""
    return session.get(User, user_id)


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def session_user(session: Session, user_id: object, token: object) -> User | None:
    """The active account a session cookie names, if its token is still the account's."""
    if not isinstance(user_id, int) or not isinstance(token, str):
        return None
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    return user if secrets.compare_digest(user.session_token, token) else None


def end_sessions(user: User) -> None:
    """Void every session of this account (logout, password change, deactivation)."""
    user.session_token = new_session_token()


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password, knowing the current one; ends every other session."""
    if not verify_password(user, current):
        raise AccountError("the current password is not right")
    set_password(user, new)


def set_password(user: User, new: str) -> None:
    """Set a new password (an admin's reset, or a change); ends every session of the account."""
    _check_password(new)
    user.password_hash = _hasher.hash(new)
    end_sessions(user)


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivate (ending every session) or reactivate an account; one active admin must remain."""
    if not active and user.role is Role.ADMIN:
        admins = session.scalars(select(User).where(User.role == Role.ADMIN, User.active)).all()
        if [a.id for a in admins] == [user.id]:
            raise AccountError("the last active admin cannot be deactivated")
    user.active = active
    end_sessions(user)


T = TypeVar("T")


def set_role(session: Session, user: User, role: Role) -> None:
    """Make an account an admin or a curator; one active admin must remain."""
    if user.role is Role.ADMIN and role is not Role.ADMIN and user.active:
        admins = session.scalars(select(User).where(User.role == Role.ADMIN, User.active)).all()
        if [a.id for a in admins] == [user.id]:
            raise AccountError("the last active admin cannot stop being an admin")
    user.role = role


def update_account(
    db: Database,
    user_id: int,
    change: Callable[[Session, User], T],
    actor: Actor | None = None,
) -> T:
    """Apply change(session, user) to one account in its own write transaction (in the history)."""

    def work(session: Session) -> T:
        user = session.get(User, user_id)
        if user is None:
            raise AccountError("there is no such account")
        return change(session, user)

    return run_in_transaction(db, work, actor=actor)
