"""Tombstone: a public record that was deleted or unpublished, kept for OAI-PMH harvesters.

OAI-PMH (`deletedRecord` = persistent) tells harvesters when a record they hold is gone. The
rule is kept here; `catalogue.write_hooks` runs it before every flush of a write session, so that
every path that deletes or unpublishes a record (the curator workspace, imports, the CLI, tests)
leaves a tombstone without having to ask.
"""

from __future__ import annotations

import datetime

from sqlalchemy import Integer, String, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalogue.models.base import Base, UTCDateTime, utcnow
from catalogue.models.entity import Entity, Kind, PublicationState


class Tombstone(Base):
    """A record that the public could see and no longer can (deleted or back to draft)."""

    __tablename__ = "tombstone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    collection_slug: Mapped[str | None] = mapped_column(String(80), nullable=True)
    withdrawn_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def _collection_slug(record: Entity) -> str | None:
    if record.kind is Kind.MANUSCRIPT:
        collection = getattr(record, "collection", None)
        return collection.slug if collection is not None else None
    return None


def _was_published(record: Entity) -> bool:
    history = inspect(record).attrs.state.history
    before = history.deleted[0] if history.deleted else record.state
    return bool(before == PublicationState.PUBLISHED)


def _bury(session: Session, record: Entity) -> None:
    with session.no_autoflush:
        existing = session.query(Tombstone).filter_by(slug=record.slug).one_or_none()
    if existing is None:
        existing = Tombstone(slug=record.slug)
        session.add(existing)
    existing.kind = record.kind.value
    existing.collection_slug = _collection_slug(record)
    existing.withdrawn_at = utcnow()


def _unbury(session: Session, slug: str) -> None:
    session.query(Tombstone).filter_by(slug=slug).delete(synchronize_session=False)


def record_withdrawals(session: Session) -> None:
    """Deleted or unpublished public records get a tombstone; republished ones lose theirs."""
    for obj in list(session.deleted):
        if isinstance(obj, Entity) and _was_published(obj):
            _bury(session, obj)
    for obj in list(session.dirty) + list(session.new):
        if not isinstance(obj, Entity) or obj in session.deleted:
            continue
        if obj.state == PublicationState.PUBLISHED:
            if obj in session.new or inspect(obj).attrs.state.history.has_changes():
                _unbury(session, obj.slug)
        elif obj not in session.new and _was_published(obj):
            _bury(session, obj)
