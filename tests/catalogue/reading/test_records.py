"""Reading records: drafts stay hidden, lists page, relations read both ways."""

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.models import Collection, Kind, Manuscript, Person, PublicationState, Relation
from catalogue.reading.records import RecordNotFound, get_record, links, list_records


def test_drafts_are_hidden_unless_asked_for(
    session: Session, make_person: Callable[..., Person]
) -> None:
    make_person(slug="draft-person", state=PublicationState.DRAFT)
    with pytest.raises(RecordNotFound):
        get_record(session, Kind.PERSON, "draft-person")
    assert get_record(session, Kind.PERSON, "draft-person", include_drafts=True)
    assert list_records(session, Kind.PERSON).total == 0


def test_a_record_of_another_kind_is_not_found(
    session: Session, make_person: Callable[..., Person]
) -> None:
    make_person(slug="someone")
    with pytest.raises(RecordNotFound):
        get_record(session, Kind.MANUSCRIPT, "someone")


def test_lists_page_in_order(session: Session, make_manuscript: Callable[..., Manuscript]) -> None:
    for n in (3, 1, 2):
        make_manuscript(slug=f"ms-{n}", number=n)
    page = list_records(session, Kind.MANUSCRIPT, page=1, per_page=2)
    assert [m.slug for m in page.items] == ["ms-1", "ms-2"] and page.pages == 2
    with pytest.raises(ValueError):
        list_records(session, Kind.MANUSCRIPT, per_page=0)


def test_links_read_relations_from_both_ends_and_skip_drafts(
    session: Session, make_person: Callable[..., Person]
) -> None:
    envoy = make_person(slug="abulkhair")
    shah = make_person(slug="nader")
    hidden = make_person(slug="hidden", state=PublicationState.DRAFT)
    session.add(Relation(subject=envoy, predicate="sent_envoy_to", object=shah))
    session.add(Relation(subject=hidden, predicate="sent_envoy_to", object=shah))
    session.flush()
    [forward] = links(session, envoy)
    assert forward.other is shah and not forward.inverse
    [backward] = links(session, shah)
    assert backward.other is envoy and backward.inverse
    assert len(links(session, shah, include_drafts=True)) == 2


def test_a_list_filtered_by_a_draft_collection_is_empty_for_the_public(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    hoard = Collection(slug="hoard", state=PublicationState.DRAFT)
    session.add(hoard)
    make_manuscript(slug="ms-h", collection=hoard)
    where = {"collection": "hoard"}
    assert list_records(session, Kind.MANUSCRIPT, where=where).total == 0
    assert list_records(session, Kind.MANUSCRIPT, where=where, include_drafts=True).total == 1
