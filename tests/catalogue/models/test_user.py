"""User and LoginFailure: unique usernames, curator by default, failures kept with a time."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalogue.models import LoginFailure, Role, User


def test_a_new_account_is_an_active_curator(session: Session) -> None:
    user = User(username="aigul", password_hash="hash", session_token="token")
    session.add(user)
    session.flush()
    assert user.role is Role.CURATOR
    assert user.active is True
    assert user.display_name == ""
    assert user.created_at.tzinfo is not None


def test_usernames_are_unique(session: Session) -> None:
    session.add(User(username="same", password_hash="a", session_token="a"))
    session.flush()
    session.add(User(username="same", password_hash="b", session_token="b", role=Role.ADMIN))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_login_failure_is_stamped_when_it_happens(session: Session) -> None:
    failure = LoginFailure(username="aigul", address="203.0.113.5")
    session.add(failure)
    session.flush()
    assert failure.at.tzinfo is not None
