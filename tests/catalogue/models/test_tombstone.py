"""Tombstones: every deletion or unpublication of a public record is remembered for OAI-PMH."""

from __future__ import annotations

from sqlalchemy import select

from catalogue.db import Database
from catalogue.models import Manuscript, PublicationState, Tombstone
from catalogue.transaction import transaction


def _tombstones(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Tombstone.slug)))


def _add(db: Database, slug: str, state: PublicationState) -> None:
    with transaction(db) as session:
        session.add(Manuscript(slug=slug, state=state))


def _get(session: object, slug: str) -> Manuscript:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    found = session.scalar(select(Manuscript).where(Manuscript.slug == slug))
    assert found is not None
    return found


def test_deleting_a_published_record_leaves_a_tombstone(db: Database) -> None:
    _add(db, "ms-a", PublicationState.PUBLISHED)
    with transaction(db) as session:
        session.delete(_get(session, "ms-a"))
    assert _tombstones(db) == {"ms-a"}


def test_drafts_leave_none(db: Database) -> None:
    _add(db, "ms-b", PublicationState.DRAFT)
    with transaction(db) as session:
        session.delete(_get(session, "ms-b"))
    assert _tombstones(db) == set()


def test_unpublishing_buries_and_republishing_unburies(db: Database) -> None:
    _add(db, "ms-c", PublicationState.PUBLISHED)
    with transaction(db) as session:
        _get(session, "ms-c").state = PublicationState.DRAFT
    assert _tombstones(db) == {"ms-c"}
    with transaction(db) as session:
        _get(session, "ms-c").state = PublicationState.PUBLISHED
    assert _tombstones(db) == set()


def test_a_new_record_reusing_a_buried_id_is_alive(db: Database) -> None:
    _add(db, "ms-d", PublicationState.PUBLISHED)
    with transaction(db) as session:
        session.delete(_get(session, "ms-d"))
    _add(db, "ms-d", PublicationState.PUBLISHED)
    assert _tombstones(db) == set()
