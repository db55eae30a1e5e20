"""AuditEntry: a change kept with its actor's name even after the account is gone."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalogue.models import AuditEntry, User


def test_an_entry_defaults_to_the_system_with_no_changes(session: Session) -> None:
    entry = AuditEntry(changeset="c1", action="create", model="Manuscript", row_id=1)
    session.add(entry)
    session.flush()
    assert entry.actor_name == "system"
    assert entry.actor_id is None
    assert entry.changes == {}
    assert entry.at.tzinfo is not None
    assert entry.undoes is None


def test_field_changes_round_trip_as_before_and_after(session: Session) -> None:
    changes = {"title": [{"en": {"text": "Old", "status": "review"}}, {}], "number": [None, 3]}
    session.add(
        AuditEntry(
            changeset="c2",
            action="update",
            model="Manuscript",
            row_id=7,
            entity_id=7,
            changes=changes,
        )
    )
    session.flush()
    session.expire_all()
    read = session.scalars(select(AuditEntry).where(AuditEntry.changeset == "c2")).one()
    assert read.changes == changes


def test_deleting_the_actor_keeps_the_entry_and_its_name(session: Session) -> None:
    user = User(username="curator", password_hash="x", session_token="t")
    session.add(user)
    session.flush()
    session.add(
        AuditEntry(
            changeset="c3",
            action="delete",
            model="Person",
            row_id=2,
            actor_id=user.id,
            actor_name="Curator",
        )
    )
    session.flush()
    session.execute(delete(User).where(User.id == user.id))
    session.expire_all()
    read = session.scalars(select(AuditEntry).where(AuditEntry.changeset == "c3")).one()
    assert read.actor_id is None
    assert read.actor_name == "Curator"
