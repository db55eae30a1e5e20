"""The audit history is kept at the one place writes go through, and undo restores what was."""

from __future__ import annotations

from sqlalchemy import select

from catalogue.audit import Actor, history, latest_change, undo
from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import AuditEntry, ContentsItem, Manuscript, PublicationState
from catalogue.transaction import transaction


def _make(db: Database) -> int:
    with transaction(db, Actor(None, "tester")) as session:
        ms = Manuscript(slug="ms-a", state=PublicationState.DRAFT, title=LocalizedText({"en": "A"}))
        ms.contents = [ContentsItem(position=n, locus=f"ff. {n}") for n in range(3)]
        session.add(ms)
        session.flush()
        return ms.id


def test_every_row_of_a_write_is_recorded_with_its_record(db: Database) -> None:
    ms_id = _make(db)
    with db.read() as session:
        entries = history(session, entity_id=ms_id)
    assert {(e.model, e.action) for e in entries} == {
        ("Manuscript", "create"),
        ("ContentsItem", "create"),
    }
    assert len(entries) == 4 and {e.actor_name for e in entries} == {"tester"}
    assert len({e.changeset for e in entries}) == 1
    title = next(e for e in entries if e.model == "Manuscript").changes["title"]
    assert title == [None, {"en": {"text": "A", "status": "review"}}]


def test_a_deletion_with_its_parts_is_undone_whole(db: Database) -> None:
    ms_id = _make(db)
    with transaction(db) as session:
        ms = session.get(Manuscript, ms_id)
        assert ms is not None
        session.delete(ms)
    with db.read() as session:
        latest = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert latest is not None and latest.action == "delete" and latest.actor_name == "system"
        changeset = latest.changeset
    with transaction(db) as session:
        assert undo(session, changeset) == 4
    with db.read() as session:
        restored = session.get(Manuscript, ms_id)
        assert restored is not None and restored.title.text("en") == "A"
        assert [c.locus for c in restored.contents] == ["ff. 0", "ff. 1", "ff. 2"]


def test_a_row_removed_from_its_record_is_recorded_and_undone(db: Database) -> None:
    """A part dropped from its record's list is deleted by the flush as an orphan; the history
    has it all the same, and undo puts it back."""
    ms_id = _make(db)
    with transaction(db, Actor(None, "tester")) as session:
        ms = session.get(Manuscript, ms_id)
        assert ms is not None
        del ms.contents[1]
    with db.read() as session:
        removed = [e for e in history(session, entity_id=ms_id) if e.action == "delete"]
        assert [(e.model, e.changes["locus"]) for e in removed] == [
            ("ContentsItem", ["ff. 1", None])
        ]
        changeset = removed[0].changeset
    with transaction(db) as session:
        undo(session, changeset)
    with db.read() as session:
        loci = session.scalars(
            select(ContentsItem.locus)
            .where(ContentsItem.manuscript_id == ms_id)
            .order_by(ContentsItem.position)
        )
        assert list(loci) == ["ff. 0", "ff. 1", "ff. 2"]


def test_the_latest_change_grows_with_every_committed_write(db: Database) -> None:
    with db.read() as session:
        assert latest_change(session) == 0  # nothing written yet
    ms_id = _make(db)
    with db.read() as session:
        first = latest_change(session)
    assert first > 0
    with transaction(db) as session:
        ms = session.get(Manuscript, ms_id)
        assert ms is not None
        ms.title = LocalizedText({"en": "B"})
    with db.read() as session:
        assert latest_change(session) > first
