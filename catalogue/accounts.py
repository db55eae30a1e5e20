"""Curator accounts: creation with an argon2id password hash."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Role, User

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_LENGTH = 10


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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"there is already an account named {username!r}")
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        role=role,
        session_token=secrets.token_hex(32),
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
