"""owner_ids: which record(s) a row belongs to, the one rule audit, datestamps and search share."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from catalogue.models import (
    Citation,
    LoginFailure,
    Manuscript,
    NameVariant,
    Page,
    PageText,
    Person,
    ProvenanceEntry,
    Relation,
    Seal,
    Source,
    TextKind,
)
from catalogue.models.ownership import owner_ids


def test_a_record_owns_itself_once_it_has_an_id(make_person: Callable[..., Person]) -> None:
    person = make_person()
    assert owner_ids(person) == {person.id}
    assert owner_ids(Person(slug="unsaved")) == set()


def test_names_seals_and_pages_belong_to_their_record(
    session: Session, make_person: Callable[..., Person], make_manuscript: Callable[..., Manuscript]
) -> None:
    person, manuscript = make_person(), make_manuscript()
    seal, page = Seal(), Page(position=1, folio="1")
    manuscript.seals.append(seal)
    manuscript.pages.append(page)
    session.flush()
    assert owner_ids(person.names[0]) == {person.id}
    assert owner_ids(seal) == {manuscript.id}
    assert owner_ids(page) == {manuscript.id}


def test_a_page_text_belongs_to_the_manuscript_of_its_page(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript()
    text = PageText(kind=TextKind.TRANSCRIPTION, lang="fa", text="x")
    manuscript.pages.append(Page(position=1, folio="1", texts=[text]))
    session.flush()
    assert owner_ids(text) == {manuscript.id}


def test_a_relation_belongs_to_both_ends(
    session: Session, make_person: Callable[..., Person], make_manuscript: Callable[..., Manuscript]
) -> None:
    person, manuscript = make_person(), make_manuscript()
    relation = Relation(subject=person, predicate="author_of", object=manuscript)
    session.add(relation)
    session.flush()
    assert owner_ids(relation) == {person.id, manuscript.id}


def test_a_citation_belongs_to_the_records_of_what_it_supports(
    session: Session,
    make_person: Callable[..., Person],
    make_manuscript: Callable[..., Manuscript],
    make_source: Callable[..., Source],
) -> None:
    person, manuscript, source = make_person(), make_manuscript(), make_source()
    on_record = Citation(source=source)
    person.citations.append(on_record)
    on_relation = Citation(source=source)
    session.add(
        Relation(subject=person, predicate="author_of", object=manuscript, citations=[on_relation])
    )
    on_provenance = Citation(source=source)
    manuscript.provenance.append(ProvenanceEntry(citations=[on_provenance]))
    session.flush()
    assert owner_ids(on_record) == {person.id}
    assert owner_ids(on_relation) == {person.id, manuscript.id}
    assert owner_ids(on_provenance) == {manuscript.id}
    assert source.id not in owner_ids(on_record)  # citing a source does not change the source


def test_rows_outside_the_catalogue_belong_to_no_record(session: Session) -> None:
    failure = LoginFailure(username="x", address="203.0.113.1")
    session.add(failure)
    session.flush()
    assert owner_ids(failure) == set()
    assert owner_ids(NameVariant(text="unsaved", lang="en", script="Latn")) == set()
