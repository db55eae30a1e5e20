"""Every write hook in one place, attached by `catalogue.transaction` to the session it opens.

Before each flush, the record rules: datestamps (`models.datestamps`) and OAI-PMH tombstones
(`models.tombstone`). After each flush, what derived data needs: the audit history (`audit`) and
the records the search index must refresh (`Changes`). The hooks are attached to one session, not
registered on every Session at import time, so whoever opens a write session can see what runs
on it. The module sits beside `transaction.py` rather than in `models/` because the audit history
and the index's change tracking are services above the models, and models never import services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from catalogue.audit import deleted_in_flush, record_flush, start_changeset
from catalogue.models import Entity
from catalogue.models.datestamps import touch_owners
from catalogue.models.ownership import owner_ids
from catalogue.models.tombstone import record_withdrawals


@dataclass
class Changes:
    """Which records a committed transaction touched (by entity id), for derived data."""

    touched: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)


def attach_record_rules(session: Session) -> None:
    """Keep datestamps and tombstones right in a session (`attach` does it and more)."""

    @event.listens_for(session, "before_flush")
    def _before_flush(sess: Session, _context: Any, _instances: Any) -> None:
        touch_owners(sess)
        record_withdrawals(sess)


def attach(session: Session, changes: Changes) -> None:
    """Attach every write hook to a write session, collecting what it changes in `changes`."""
    attach_record_rules(session)
    start_changeset(session)

    @event.listens_for(session, "after_flush")
    def _after_flush(sess: Session, flush_context: Any) -> None:
        _track(sess, flush_context, changes)
        record_flush(sess, flush_context)


def _track(session: Session, flush_context: Any, changes: Changes) -> None:
    for obj in list(session.new) + list(session.dirty):
        changes.touched |= owner_ids(obj)
    for obj in deleted_in_flush(session, flush_context):
        if isinstance(obj, Entity) and obj.id is not None:
            changes.deleted.add(obj.id)
        else:
            changes.touched |= owner_ids(obj)
