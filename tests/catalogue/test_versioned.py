"""A value derived from the catalogue, rebuilt only when the catalogue's version moves."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.audit import latest_change
from catalogue.db import Database
from catalogue.models import Place, PublicationState
from catalogue.transaction import transaction
from catalogue.versioned import Versioned
from tests.conftest import Backend


class Counter:
    """A load function that counts places, and how often it was called."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, session: Session) -> int:
        self.calls += 1
        return session.scalar(select(func.count()).select_from(Place)) or 0


def _add_place(db: Database, slug: str) -> None:
    with transaction(db) as session:
        session.add(Place(slug=slug, place_kind="city", state=PublicationState.PUBLISHED))


@pytest.fixture
def counter() -> Counter:
    return Counter()


def _get(db: Database, cached: Versioned[int], version: int | None = None) -> int:
    with db.read() as session:
        return cached.get(session, version)


def test_the_value_is_loaded_once_while_nothing_changes(db: Database, counter: Counter) -> None:
    cached = Versioned(counter)
    assert [_get(db, cached) for _ in range(3)] == [0, 0, 0]
    assert counter.calls == 1


def test_a_recorded_change_moves_the_version_and_the_value_is_rebuilt(
    db: Database, counter: Counter
) -> None:
    cached = Versioned(counter)
    assert _get(db, cached) == 0
    _add_place(db, "yasy")
    assert _get(db, cached) == 1 and counter.calls == 2
    assert _get(db, cached) == 1 and counter.calls == 2


def test_within_recheck_the_version_is_not_asked_unless_the_caller_read_a_newer_one(
    db: Database, counter: Counter
) -> None:
    cached = Versioned(counter, recheck=3600)
    assert _get(db, cached) == 0
    _add_place(db, "yasy")
    assert _get(db, cached) == 0  # not asked yet: the snapshot is still served
    with db.read() as session:
        version = latest_change(session)
    assert version > 0
    assert _get(db, cached, version) == 1  # never older than a version the caller has seen
    _add_place(db, "turkistan")
    cached.recheck_soon()  # this process has just written
    assert _get(db, cached) == 2 and counter.calls == 3


def test_a_snapshot_older_than_max_age_is_rebuilt_even_without_a_change(
    db: Database, counter: Counter
) -> None:
    cached = Versioned(counter, max_age=-1)
    _get(db, cached)
    _get(db, cached)
    assert counter.calls == 2


def test_one_snapshot_per_database(db: Database, backend: Backend, counter: Counter) -> None:
    other = Database(backend.fresh_url())
    try:
        cached = Versioned(counter, recheck=3600)
        _add_place(db, "yasy")
        assert _get(db, cached) == 1
        assert _get(other, cached) == 0
        assert _get(db, cached) == 1 and counter.calls == 2
    finally:
        other.dispose()
