"""Entity: unique slugs, drafts by default, optimistic locking, ordered names and citations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import (
    Citation,
    Entity,
    Kind,
    Manuscript,
    NameVariant,
    Person,
    PublicationState,
    Source,
)
from catalogue.models.entity import SLUG, names_label


def _count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_new_record_is_a_draft_at_version_one(session: Session) -> None:
    record = Manuscript(slug="fresh")
    session.add(record)
    session.flush()
    assert record.state is PublicationState.DRAFT
    assert not record.published
    assert record.version == 1
    assert record.kind is Kind.MANUSCRIPT
    assert record.created_at.tzinfo is not None


def test_two_records_cannot_share_a_slug_even_of_different_kinds(session: Session) -> None:
    session.add(Manuscript(slug="same"))
    session.flush()
    session.add(Person(slug="same"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_each_save_moves_the_version(session: Session, make_person: Callable[..., Person]) -> None:
    person = make_person()
    assert person.version == 1
    person.viaf_id = "123"
    session.flush()
    assert person.version == 2


def test_a_save_over_someone_elses_is_refused(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person()
    # Another writer saved first: the row's version is no longer the one we read.
    session.execute(
        update(Entity).where(Entity.id == person.id).values(version=7),
        execution_options={"synchronize_session": False},
    )
    person.viaf_id = "456"
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()


def test_names_come_back_in_position_order(session: Session) -> None:
    person = Person(
        slug="ordered",
        names=[
            NameVariant(text="C", lang="en", script="Latn", position=3),
            NameVariant(text="A", lang="en", script="Latn", position=1),
            NameVariant(text="B", lang="en", script="Latn", position=2),
        ],
    )
    session.add(person)
    session.flush()
    session.expire_all()
    read = session.get(Person, person.id)
    assert read is not None
    assert [n.text for n in read.names] == ["A", "B", "C"]
    assert read.names[0].status is Status.REVIEW
    assert read.names[0].preferred is False


def test_the_label_prefers_preferred_names_then_the_first_in_each_language() -> None:
    names = [
        NameVariant(text="Second", lang="en", script="Latn", position=2),
        NameVariant(text="First", lang="en", script="Latn", position=1),
        NameVariant(text="Қазақша", lang="kk", script="Cyrl", position=5, preferred=True),
        NameVariant(text="Other", lang="kk", script="Latn", position=0),
        NameVariant(text="Arabic", lang="ar", script="Arab", position=0, preferred=True),
    ]
    for name in names:
        name.status = Status.REVIEW  # the column default applies only when a row is saved
    label = names_label(names)
    assert label.text("en") == "First"
    assert label.text("kk") == "Қазақша"
    assert "ar" not in label  # not a language the catalogue is shown in
    assert names_label([]) == LocalizedText()
    assert label["kk"] == LocalizedValue("Қазақша", Status.REVIEW)


def test_deleting_a_record_deletes_its_names_and_citations(session: Session) -> None:
    source = Source(slug="src", source_kind="reference")
    person = Person(
        slug="gone",
        names=[NameVariant(text="X", lang="en", script="Latn")],
        citations=[Citation(source=source, locator="p. 3")],
    )
    session.add(person)
    session.flush()
    session.delete(person)
    session.flush()
    assert _count(session, NameVariant) == 0
    assert _count(session, Citation) == 0
    assert _count(session, Source) == 1  # the source itself stays


def test_the_database_cascades_a_record_deletion_to_its_child_rows(session: Session) -> None:
    person = Person(slug="db-gone", names=[NameVariant(text="X", lang="en", script="Latn")])
    session.add(person)
    session.flush()
    session.execute(delete(Entity).where(Entity.id == person.id))
    session.expunge_all()
    assert _count(session, NameVariant) == 0
    assert _count(session, Person) == 0


def test_a_cited_source_cannot_be_deleted_under_its_citations(session: Session) -> None:
    source = Source(slug="cited", source_kind="reference")
    session.add(Person(slug="citing", citations=[Citation(source=source)]))
    session.flush()
    with pytest.raises(IntegrityError):
        session.execute(delete(Entity).where(Entity.id == source.id))
    session.rollback()


@pytest.mark.parametrize("slug", ["ms-1", "a", "0x", "a" * 80])
def test_slugs_that_urls_accept(slug: str) -> None:
    assert SLUG.match(slug)


@pytest.mark.parametrize("slug", ["", "-a", "Ms-1", "ms_1", "ms 1", "a" * 81, "é"])
def test_slugs_that_urls_refuse(slug: str) -> None:
    assert not SLUG.match(slug)
