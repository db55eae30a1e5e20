"""What the OAI-PMH repository offers, asked directly: published records and withdrawn ones,
their sets, formats and datestamps; drafts never."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sqlalchemy.orm import Session

from catalogue.language.localized import LocalizedText
from catalogue.models import Collection, Manuscript, Person, PublicationState, Tombstone
from catalogue.oai.repository import (
    IDENTIFIER_PREFIX,
    all_headers,
    earliest_datestamp,
    find_header,
    list_sets,
    load_records,
    slug_of,
)

UTC = datetime.UTC


def _catalogue(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    """A published collection with a manuscript, a draft one, people, and a withdrawn record."""
    collection = Collection(
        slug="coll", state=PublicationState.PUBLISHED, title=LocalizedText({"en": "Gift"})
    )
    hidden = Collection(slug="hidden-coll", state=PublicationState.DRAFT)
    session.add_all([collection, hidden])
    make_manuscript(slug="ms-1", collection=collection)
    make_manuscript(slug="ms-2", collection=hidden)  # in a draft collection: no such set
    make_manuscript(slug="ms-draft", state=PublicationState.DRAFT)
    make_person(slug="tauke")
    session.add(
        Tombstone(
            slug="ms-gone",
            kind="manuscript",
            collection_slug="coll",
            withdrawn_at=datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
    )
    session.flush()


def test_identifiers_are_ours_or_none() -> None:
    assert slug_of(IDENTIFIER_PREFIX + "ms-1") == "ms-1"
    assert slug_of(IDENTIFIER_PREFIX) is None
    assert slug_of("oai:elsewhere:ms-1") is None


def test_every_published_and_withdrawn_item_in_datestamp_order(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)
    headers = all_headers(session, prefix="oai_dc")
    assert headers[0].slug == "ms-gone"  # the oldest first
    assert {h.slug for h in headers} == {"ms-gone", "coll", "ms-1", "ms-2", "tauke"}
    assert headers == sorted(headers, key=lambda h: h.key)
    by_slug = {h.slug: h for h in headers}
    assert by_slug["ms-1"].sets == ("kind:manuscript", "collection:coll")
    assert by_slug["ms-2"].sets == ("kind:manuscript",)
    gone = by_slug["ms-gone"]
    assert gone.deleted and gone.entity_id is None and gone.datestamp == "2020-01-02T03:04:05Z"
    assert gone.identifier == "oai:qoljazba:ms-gone"


def test_tei_is_for_manuscripts_only(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)
    assert {h.slug for h in all_headers(session, prefix="tei")} == {"ms-gone", "ms-1", "ms-2"}


def test_sets_select_by_kind_and_collection(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)

    def slugs(spec: str) -> set[str]:
        return {h.slug for h in all_headers(session, prefix="oai_dc", set_spec=spec)}

    assert slugs("kind:person") == {"tauke"}
    assert slugs("kind") == {"ms-gone", "coll", "ms-1", "ms-2", "tauke"}  # a set holds its subsets
    assert slugs("collection") == slugs("collection:coll") == {"ms-1", "ms-gone"}
    assert slugs("collection:hidden-coll") == set()
    assert slugs("kind:perso") == set()  # a prefix of a name is not a set


def test_dates_bound_the_list_and_the_harvests_snapshot_holds(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)
    old = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert [h.slug for h in all_headers(session, prefix="oai_dc", end=old)] == []
    until = old + datetime.timedelta(seconds=1)
    assert [h.slug for h in all_headers(session, prefix="oai_dc", end=until)] == ["ms-gone"]
    assert [h.slug for h in all_headers(session, prefix="oai_dc", snapshot=old)] == ["ms-gone"]
    recent = all_headers(session, prefix="oai_dc", start=until)
    assert "ms-gone" not in {h.slug for h in recent} and len(recent) == 4


def test_one_item_is_found_by_its_id_and_its_record_loaded(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)
    header = find_header(session, "tauke")
    assert header is not None and not header.deleted and header.kind == "person"
    gone = find_header(session, "ms-gone")
    assert gone is not None and gone.deleted
    assert find_header(session, "ms-draft") is None and find_header(session, "never") is None
    records = load_records(session, [header, gone])
    assert [r.slug for r in records.values()] == ["tauke"]
    assert load_records(session, [gone]) == {}


def test_the_sets_listed_are_the_kinds_and_the_published_collections(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _catalogue(session, make_manuscript, make_person)
    sets = dict(list_sets(session))
    assert sets["kind:manuscript"] == "Records of kind manuscript"
    assert sets["collection:coll"] == "Gift"
    assert "collection:hidden-coll" not in sets
    assert list_sets(session)[0] == ("kind", "Records by kind")


def test_the_earliest_datestamp(session: Session, make_person: Callable[..., Person]) -> None:
    assert earliest_datestamp(session) == datetime.datetime(1970, 1, 1, tzinfo=UTC)
    make_person(slug="draft", state=PublicationState.DRAFT)
    assert earliest_datestamp(session) == datetime.datetime(1970, 1, 1, tzinfo=UTC)
    make_person(slug="tauke")
    assert earliest_datestamp(session) > datetime.datetime(2020, 1, 3, tzinfo=UTC)
    withdrawn = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    session.add(Tombstone(slug="gone", kind="person", withdrawn_at=withdrawn))
    session.flush()
    assert earliest_datestamp(session) == withdrawn
