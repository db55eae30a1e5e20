"""Accounts: argon2id hashes, and clear refusals."""

import pytest
from sqlalchemy.orm import Session

from catalogue.accounts.users import AccountError, create_user, verify_password
from catalogue.models import Role


def test_password_is_hashed_with_argon2id_and_verifies(session: Session) -> None:
    user = create_user(session, "Aigerim", "a long passphrase", role=Role.ADMIN)
    assert user.username == "aigerim"
    assert user.password_hash.startswith("$argon2id$")
    assert "a long passphrase" not in user.password_hash
    assert verify_password(user, "a long passphrase")
    assert not verify_password(user, "wrong password!")


@pytest.mark.parametrize(
    ("username", "password", "fragment"),
    [
        ("a", "a long passphrase", "2–40 characters"),
        ("has space", "a long passphrase", "2–40 characters"),
        ("ok-name", "short", "at least 10"),
    ],
)
def test_bad_accounts_are_refused(
    session: Session, username: str, password: str, fragment: str
) -> None:
    with pytest.raises(AccountError, match=fragment):
        create_user(session, username, password)


def test_usernames_are_unique(session: Session) -> None:
    create_user(session, "curator", "a long passphrase")
    with pytest.raises(AccountError, match="already"):
        create_user(session, "Curator", "another passphrase")
