"""Collection: a record that lists its manuscripts by number and is labelled by its title."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalogue.language.localized import LocalizedText
from catalogue.models import Collection, Entity, Kind, Manuscript


def test_a_collection_lists_its_manuscripts_by_number(session: Session) -> None:
    collection = Collection(slug="c2")
    for slug, number in (("m3", 3), ("m1", 1), ("m2", 2)):
        session.add(Manuscript(slug=slug, number=number, collection=collection))
    session.flush()
    session.expire_all()
    read = session.get(Collection, collection.id)
    assert read is not None
    assert [m.slug for m in read.manuscripts] == ["m1", "m2", "m3"]
    assert read.kind is Kind.COLLECTION


def test_its_label_is_its_title_and_subjects_round_trip(session: Session) -> None:
    collection = Collection(
        slug="iran", title=LocalizedText({"en": "Gift of Iran"}), subjects=["diplomacy"]
    )
    session.add(collection)
    session.flush()
    session.expire_all()
    read = session.scalar(select(Collection).where(Collection.slug == "iran"))
    assert read is not None
    assert read.label().text("en") == "Gift of Iran"
    assert read.subjects == ["diplomacy"]
    assert read.summary == LocalizedText()


def test_deleting_a_collection_keeps_its_manuscripts(session: Session) -> None:
    collection = Collection(slug="c3")
    session.add(Manuscript(slug="kept", number=1, collection=collection))
    session.flush()
    session.execute(delete(Entity).where(Entity.id == collection.id))
    session.expire_all()
    kept = session.scalar(select(Manuscript).where(Manuscript.slug == "kept"))
    assert kept is not None
    assert kept.collection is None
