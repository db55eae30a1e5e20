"""The write hooks are attached by whoever opens a write session, and every write path does."""

from __future__ import annotations

import datetime
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.models import Manuscript, NameVariant, PublicationState, Tombstone
from catalogue.transaction import transaction
from catalogue.write_hooks import attach_record_rules
from tests.import_graph import ROOT

LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# Where a session (or anything named `writer`) may be opened, and why: every other write goes
# through transaction(), which attaches the hooks.
OPENERS = {
    "catalogue/db.py": 2,  # the two sessionmakers, reader and writer
    "catalogue/transaction.py": 1,  # db.writer(), with every write hook attached
    "catalogue/search/index.py": 2,  # Whoosh's own index writer, not a database session
    "catalogue/formats/table/writer.py": 1,  # csv.writer
    "bench/faults/writers.py": 1,  # requests.Session: it writes over HTTP, through the app
}
_OPENING = re.compile(r"\bsessionmaker\(|\bSession\(|\.writer\(")


def _published(db: Database, slug: str) -> None:
    with transaction(db) as session:
        session.add(Manuscript(slug=slug, state=PublicationState.PUBLISHED, updated_at=LONG_AGO))


def _withdraw_and_name(session: Session, gone: str, named: str) -> None:
    session.delete(session.scalars(select(Manuscript).where(Manuscript.slug == gone)).one())
    record = session.scalars(select(Manuscript).where(Manuscript.slug == named)).one()
    record.names.append(NameVariant(text="a new name", lang="en", script="Latn"))
    session.commit()


def _state(db: Database, named: str) -> tuple[set[str], datetime.datetime]:
    with db.read() as session:
        buried = set(session.scalars(select(Tombstone.slug)))
        record = session.scalars(select(Manuscript).where(Manuscript.slug == named)).one()
        return buried, record.updated_at


def test_a_session_with_the_record_rules_keeps_tombstones_and_datestamps(db: Database) -> None:
    _published(db, "gone")
    _published(db, "named")
    with db.writer() as session:
        attach_record_rules(session)
        _withdraw_and_name(session, "gone", "named")
    buried, stamp = _state(db, "named")
    assert buried == {"gone"}
    assert stamp > LONG_AGO


def test_the_rules_are_attached_not_global(db: Database) -> None:
    _published(db, "gone")
    _published(db, "named")
    with db.writer() as session:  # what a write path that skipped transaction() would do
        _withdraw_and_name(session, "gone", "named")
    assert _state(db, "named") == (set(), LONG_AGO)


def test_the_tests_write_session_keeps_tombstones_and_datestamps(
    db: Database, session: Session
) -> None:
    _published(db, "gone")
    _published(db, "named")
    _withdraw_and_name(session, "gone", "named")
    buried, stamp = _state(db, "named")
    assert buried == {"gone"}
    assert stamp > LONG_AGO


def test_no_write_session_is_opened_outside_transaction() -> None:
    found: dict[str, int] = {}
    for folder in ("catalogue", "app", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            count = len(_OPENING.findall(path.read_text(encoding="utf-8")))
            if count:
                found[path.relative_to(ROOT).as_posix()] = count
    assert found == OPENERS
