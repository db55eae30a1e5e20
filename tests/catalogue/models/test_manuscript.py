"""Manuscript: its defaults, ordered child rows, what it takes with it and what it lets go."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from catalogue.dates.parser import parse
from catalogue.language.localized import LocalizedText
from catalogue.models import (
    CataloguingStatus,
    Citation,
    Collection,
    ContentsItem,
    Entity,
    Manuscript,
    Page,
    Person,
    Place,
    ProvenanceEntry,
    Seal,
    Shelfmark,
    Source,
)


def _count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _reload(session: Session, record: Manuscript) -> Manuscript:
    session.flush()
    session.expire_all()
    found = session.get(Manuscript, record.id)
    assert found is not None
    return found


def test_a_new_manuscript_is_in_cataloguing_with_empty_lists_and_texts(session: Session) -> None:
    record = _reload(session, _add(session, Manuscript(slug="bare")))
    assert record.cataloguing_status is CataloguingStatus.IN_PROGRESS
    assert record.text_languages == [] and record.scripts == [] and record.subjects == []
    assert record.summary == LocalizedText()
    assert record.origin_date is None
    assert record.collection is None
    assert record.label() == record.title


def _add(session: Session, record: Manuscript) -> Manuscript:
    session.add(record)
    session.flush()
    return record


def test_child_rows_come_back_in_position_order(session: Session) -> None:
    record = _add(
        session,
        Manuscript(
            slug="ordered",
            shelfmarks=[
                Shelfmark(position=2, institution="B", idno="2"),
                Shelfmark(position=1, institution="A", idno="1"),
            ],
            contents=[
                ContentsItem(position=2, locus="ff. 2"),
                ContentsItem(position=1, locus="f. 1"),
            ],
            seals=[Seal(position=5, locus="f. 9"), Seal(position=0, locus="f. 1")],
            provenance=[ProvenanceEntry(position=1), ProvenanceEntry(position=0)],
            pages=[Page(position=2, folio="1"), Page(position=1, folio="1")],
        ),
    )
    read = _reload(session, record)
    assert [s.idno for s in read.shelfmarks] == ["1", "2"]
    assert [c.locus for c in read.contents] == ["f. 1", "ff. 2"]
    assert [s.locus for s in read.seals] == ["f. 1", "f. 9"]
    assert [p.position for p in read.provenance] == [0, 1]
    assert [p.position for p in read.pages] == [1, 2]
    assert read.shelfmarks[0].kind == "shelfmark"


def test_removing_a_child_from_its_list_deletes_the_row(session: Session) -> None:
    record = _add(
        session,
        Manuscript(
            slug="orphans",
            shelfmarks=[Shelfmark(institution="A", idno="1"), Shelfmark(institution="A", idno="2")],
            seals=[Seal(legend="الملك لله")],
        ),
    )
    record.shelfmarks.pop(0)
    record.seals.clear()
    session.flush()
    assert [s.idno for s in session.scalars(select(Shelfmark))] == ["2"]
    assert _count(session, Seal) == 0


def test_deleting_a_manuscript_takes_all_its_parts_with_it(session: Session) -> None:
    source = Source(slug="src", source_kind="reference")
    record = _add(
        session,
        Manuscript(
            slug="whole",
            shelfmarks=[Shelfmark(institution="A", idno="1")],
            contents=[ContentsItem()],
            seals=[Seal()],
            provenance=[ProvenanceEntry(citations=[Citation(source=source)])],
            pages=[Page(position=1, folio="1")],
        ),
    )
    session.execute(delete(Entity).where(Entity.id == record.id))  # as the database does it
    session.expunge_all()
    for model in (Manuscript, Shelfmark, ContentsItem, Seal, ProvenanceEntry, Citation, Page):
        assert _count(session, model) == 0, model.__name__
    assert _count(session, Source) == 1


def test_deleting_a_collection_place_or_person_only_unlinks_the_manuscript(
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
) -> None:
    collection = Collection(slug="coll")
    person = make_person()
    place = make_place()
    record = _add(
        session,
        Manuscript(
            slug="linked",
            collection=collection,
            number=4,
            origin_place=place,
            contents=[ContentsItem(author=person, author_text="as written")],
            seals=[Seal(owner=person)],
            provenance=[ProvenanceEntry(agent=person, place=place)],
        ),
    )
    ids = [collection.id, person.id, place.id]
    session.execute(delete(Entity).where(Entity.id.in_(ids)))
    read = _reload(session, record)
    assert read.collection_id is None and read.number == 4
    assert read.origin_place_id is None
    assert read.contents[0].author_id is None
    assert read.contents[0].author_text == "as written"
    assert read.seals[0].owner_id is None
    assert read.provenance[0].agent_id is None and read.provenance[0].place_id is None


def test_dates_of_origin_seals_and_provenance_round_trip(session: Session) -> None:
    origin, sealed, owned = parse("1250 AH"), parse("1834"), parse("c. 1900")
    record = _add(
        session,
        Manuscript(
            slug="dates",
            origin_date=origin,
            seals=[Seal(date=sealed)],
            provenance=[ProvenanceEntry(date=owned)],
        ),
    )
    read = _reload(session, record)
    assert read.origin_date == origin
    assert read.seals[0].date == sealed
    assert read.provenance[0].date == owned
