"""Relation: one typed link per (subject, predicate, object), gone with either end."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalogue.models import Certainty, Citation, Entity, Manuscript, Person, Relation, Source


def _count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_relation_is_attested_unless_said_otherwise(
    session: Session, make_person: Callable[..., Person], make_manuscript: Callable[..., Manuscript]
) -> None:
    author, book = make_person(), make_manuscript()
    session.add(Relation(subject=author, predicate="author_of", object=book))
    session.flush()
    session.expire_all()
    relation = session.scalars(select(Relation)).one()
    assert relation.certainty is Certainty.ATTESTED
    assert [r.predicate for r in relation.subject.outgoing] == ["author_of"]
    assert [r.predicate for r in relation.object.incoming] == ["author_of"]


def test_the_same_link_cannot_be_made_twice(
    session: Session, make_person: Callable[..., Person], make_manuscript: Callable[..., Manuscript]
) -> None:
    author, book = make_person(), make_manuscript()
    session.add(Relation(subject=author, predicate="author_of", object=book))
    session.add(Relation(subject=author, predicate="mentioned_in", object=book))  # another link
    session.flush()
    session.add(
        Relation(
            subject_id=author.id,
            predicate="author_of",
            object_id=book.id,
            certainty=Certainty.POSSIBLE,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


@pytest.mark.parametrize("end", ["subject", "object"])
def test_deleting_either_end_deletes_the_relation_and_its_citations(
    session: Session,
    make_person: Callable[..., Person],
    make_manuscript: Callable[..., Manuscript],
    make_source: Callable[..., Source],
    end: str,
) -> None:
    author, book = make_person(), make_manuscript()
    relation = Relation(
        subject=author,
        predicate="author_of",
        object=book,
        citations=[Citation(source=make_source())],
    )
    session.add(relation)
    session.flush()
    gone = author if end == "subject" else book
    session.execute(delete(Entity).where(Entity.id == gone.id))
    session.expunge_all()
    assert _count(session, Relation) == 0
    assert _count(session, Citation) == 0


def test_a_relations_citations_come_back_in_position_order(
    session: Session, make_person: Callable[..., Person], make_source: Callable[..., Source]
) -> None:
    a, b, source = make_person(), make_person(), make_source()
    relation = Relation(
        subject=a,
        predicate="envoy_to",
        object=b,
        citations=[
            Citation(source=source, position=2, locator="p. 9"),
            Citation(source=source, position=1, locator="p. 1"),
        ],
    )
    session.add(relation)
    session.flush()
    session.expire_all()
    read = session.get(Relation, relation.id)
    assert read is not None
    assert [c.locator for c in read.citations] == ["p. 1", "p. 9"]
    assert all(c.entity_id is None for c in read.citations)  # they belong to the relation
