"""The one place that commits: write transactions, conflict retries, and after-commit hooks."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue import write_hooks
from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.write_hooks import Changes as Changes  # what after-commit hooks are given

T = TypeVar("T")


AfterCommit = Callable[[Changes], None]


@contextmanager
def transaction(db: Database, actor: Actor | None = None) -> Iterator[Session]:
    """A write session that begins immediately and commits at the end of the block.

    Every change in it is recorded in the audit history, in `actor`'s name (None: the system),
    and stamps and tombstones its records (the hooks of `catalogue.write_hooks`).
    """
    changes = Changes()
    session = db.writer()
    session.info["actor"] = actor
    write_hooks.attach(session, changes)
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
