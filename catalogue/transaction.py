"""The one place that commits: write transactions, conflict retries, and after-commit hooks."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.audit import Actor, deleted_in_flush, record_changes
from catalogue.db import Database
from catalogue.models import Entity, ProvenanceEntry, Relation

T = TypeVar("T")


@dataclass
class Changes:
    """Which records a committed transaction touched (by entity id), for derived data."""

    touched: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)


AfterCommit = Callable[[Changes], None]


def owner_ids(obj: Any) -> set[int]:
    """The ids of the records a row belongs to (itself, for a record)."""
    # Child rows (names, pages, seals, relations...) belong to the record(s) they hang off.
    if isinstance(obj, Entity):
        return {obj.id} if obj.id is not None else set()
    owners: set[int] = set()
    for attr in ("entity_id", "manuscript_id", "subject_id", "object_id"):
        value = getattr(obj, attr, None)
        if isinstance(value, int):
            owners.add(value)
    page = getattr(obj, "page", None)
    if page is not None and isinstance(getattr(page, "manuscript_id", None), int):
        owners.add(page.manuscript_id)
    # A citation of a provenance row or of a relation belongs to that row's record(s).
    session = object_session(obj)
    if session is not None:
        for attr, model in (("provenance_id", ProvenanceEntry), ("relation_id", Relation)):
            parent_id = getattr(obj, attr, None)
            if isinstance(parent_id, int):
                parent = session.get(model, parent_id)
                if parent is not None:
                    owners |= owner_ids(parent)
    return owners


def _track(session: Session, changes: Changes) -> None:
    @event.listens_for(session, "after_flush")
    def _after_flush(sess: Session, flush_context: Any) -> None:
        for obj in list(sess.new) + list(sess.dirty):
            changes.touched |= owner_ids(obj)
        for obj in deleted_in_flush(sess, flush_context):
            if isinstance(obj, Entity) and obj.id is not None:
                changes.deleted.add(obj.id)
            else:
                changes.touched |= owner_ids(obj)


@contextmanager
def transaction(db: Database, actor: Actor | None = None) -> Iterator[Session]:
    """A write session that begins immediately and commits at the end of the block.

    Every change in it is recorded in the audit history, in `actor`'s name (None: the system).
    """
    changes = Changes()
    session = db.writer()
    session.info["actor"] = actor
    _track(session, changes)
    record_changes(session)
    try:
        with session.begin():
            yield session
    finally:
        session.close()
    changes.touched -= changes.deleted
    for hook in db.after_commit:
        hook(changes)


def _is_conflict(error: Exception) -> bool:
    if isinstance(error, StaleDataError):
        return True
    if isinstance(error, OperationalError) and "locked" in str(error.orig).lower():
        return True
    # PostgreSQL: serialization_failure and deadlock_detected are safe to retry.
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return isinstance(error, DBAPIError) and code in {"40001", "40P01"}


def run_in_transaction(
    db: Database, work: Callable[[Session], T], *, actor: Actor | None = None, attempts: int = 8
) -> T:
    """Run work(session) in a write transaction, retrying it when another writer got there first."""
    for attempt in range(1, attempts + 1):
        try:
            with transaction(db, actor) as session:
                return work(session)
        except Exception as error:
            if attempt == attempts or not _is_conflict(error):
                raise
            time.sleep(random.uniform(0, 0.02 * attempt))
    raise AssertionError("unreachable")
