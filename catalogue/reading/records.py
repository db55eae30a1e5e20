"""Reading records: one by its stable id, lists with paging, and what each is related to."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload, with_polymorphic
from sqlalchemy.orm.interfaces import LoaderOption

from catalogue.errors import NotFound
from catalogue.language.localized import LocalizedText
from catalogue.language.vocabulary import Predicate
from catalogue.models import (
    Collection,
    Entity,
    Event,
    Kind,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Relation,
    Source,
)
from catalogue.models.entity import Citation
from catalogue.models.manuscript import ContentsItem, ProvenanceEntry, Seal
from catalogue.models.relation import Certainty
from catalogue.reading.public import is_public
from catalogue.reading.vocabulary_labels import labels_in_effect

MODELS: dict[Kind, type[Entity]] = {
    Kind.COLLECTION: Collection,
    Kind.MANUSCRIPT: Manuscript,
    Kind.PERSON: Person,
    Kind.PLACE: Place,
    Kind.EVENT: Event,
    Kind.SOURCE: Source,
}
MAX_PER_PAGE = 200


class RecordNotFound(NotFound):
    """No record of that kind with that id (or it is a draft the caller may not see)."""


@dataclass(frozen=True)
class RecordPage:
    """One page of a list of records."""

    items: list[Entity]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are in all."""
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Link:
    """A relation seen from one record: the predicate read in the right direction, and the other."""

    predicate: Predicate
    inverse: bool  # True when the record is the relation's object
    other: Entity
    certainty: Certainty
    relation: Relation


def _visible(query: Any, include_drafts: bool) -> Any:
    if include_drafts:
        return query
    return query.where(Entity.state == PublicationState.PUBLISHED)


def _ordering(model: type[Entity]) -> list[Any]:
    if model is Manuscript:
        return [Manuscript.number, Entity.slug]
    if model is Event:
        earliest = Event.__table__.c.date_earliest
        return [earliest.is_(None), earliest, Entity.slug]  # undated events last
    return [Entity.slug]


def _whole_record(model: type[Entity]) -> list[LoaderOption]:
    """Load what a record's page, JSON and manifest show in one query per kind of part.

    Lazy loading asked the database once per attribute the template touched (14 round trips
    for a manuscript page); on PostgreSQL under load each round trip waits for a busy server
    process (PERFORMANCE.md). Names are loaded by a second query rather than joined: a joined
    load repeats the record's row, and its JSON columns are decoded again for every name.
    """
    cited = selectinload(model.citations).joinedload(Citation.source)
    options: list[LoaderOption] = [selectinload(model.names), cited]
    if model is Manuscript:
        options += [
            joinedload(Manuscript.collection).selectinload(Entity.names),
            joinedload(Manuscript.origin_place).selectinload(Entity.names),
            selectinload(Manuscript.shelfmarks),
            selectinload(Manuscript.pages),
            selectinload(Manuscript.contents)
            .joinedload(ContentsItem.author)
            .selectinload(Entity.names),
            selectinload(Manuscript.seals).joinedload(Seal.owner).selectinload(Entity.names),
            selectinload(Manuscript.provenance).options(
                joinedload(ProvenanceEntry.place).selectinload(Entity.names),
                joinedload(ProvenanceEntry.agent).selectinload(Entity.names),
                selectinload(ProvenanceEntry.citations).joinedload(Citation.source),
            ),
        ]
    elif model is Event:
        options.append(joinedload(Event.place).selectinload(Entity.names))
    elif model is Place:
        options.append(joinedload(Place.parent).selectinload(Entity.names))
    return options


def get_record(
    session: Session, kind: Kind, slug: str, *, include_drafts: bool = False, whole: bool = False
) -> Entity:
    """The record of this kind with this id; RecordNotFound otherwise.

    whole: load every part its page shows up front (for pages, JSON and TEI that show them all).
    """
    model = MODELS[kind]
    options = _whole_record(model) if whole else [selectinload(model.names)]
    query = _visible(select(model).where(Entity.slug == slug).options(*options), include_drafts)
    record: Entity | None = session.scalar(query)
    if record is None:
        raise RecordNotFound(f"no {kind.value} with id {slug!r}")
    return record


def filter_columns(kind: Kind) -> dict[str, Any]:
    """The fields a list of this kind can be filtered on (exact match), by name."""
    if kind is Kind.MANUSCRIPT:
        return {"cataloguing_status": Manuscript.cataloguing_status, "collection": None}
    if kind is Kind.PLACE:
        return {"place_kind": Place.place_kind}
    if kind is Kind.EVENT:
        return {"event_kind": Event.event_kind}
    if kind is Kind.SOURCE:
        return {"source_kind": Source.source_kind}
    return {}


def _filtered(query: Any, kind: Kind, where: Mapping[str, str], include_drafts: bool) -> Any:
    columns = filter_columns(kind)
    for name, value in where.items():
        if name not in columns:
            raise ValueError(f"{kind.value} lists cannot be filtered by {name!r}")
        if name == "collection":
            # A draft collection is no filter for the public (its id would be confirmed).
            found = _visible(select(Entity.id).where(Entity.slug == value), include_drafts)
            collection_id = found.scalar_subquery()
            query = query.where(Manuscript.collection_id == collection_id)
        else:
            query = query.where(columns[name] == value)
    return query


def list_records(
    session: Session,
    kind: Kind,
    *,
    page: int = 1,
    per_page: int = 50,
    include_drafts: bool = False,
    updated_since: datetime.datetime | None = None,
    where: Mapping[str, str] | None = None,
) -> RecordPage:
    """One page of the records of a kind, in their natural order, optionally filtered."""
    if page < 1:
        raise ValueError("page numbers start at 1")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    model = MODELS[kind]
    base = _filtered(_visible(select(model), include_drafts), kind, where or {}, include_drafts)
    if updated_since is not None:
        base = base.where(Entity.updated_at >= updated_since)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    items = session.scalars(
        base.options(selectinload(Entity.names))
        .order_by(*_ordering(model))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return RecordPage(items=list(items), total=total, page=page, per_page=per_page)


def links(
    session: Session, record: Entity, *, include_drafts: bool = False, citations: bool = False
) -> list[Link]:
    """Every relation of the record, both directions, to records the caller may see.

    citations: load each relation's citations (and their sources) too, in one query.
    """
    predicates = labels_in_effect(session).predicates  # with curators' corrections
    found: list[Link] = []
    relations = session.scalars(
        select(Relation)
        .where((Relation.subject_id == record.id) | (Relation.object_id == record.id))
        .order_by(Relation.predicate, Relation.id)
        .options(
            *([selectinload(Relation.citations).joinedload(Citation.source)] if citations else [])
        )
    ).all()
    # The records on the other side, with their names and their kind's own columns (an event's
    # title), in one query: the relations then find them in the session without asking again.
    others = {r.subject_id for r in relations} | {r.object_id for r in relations}
    loaded: list[Entity] = []  # held here: the session's identity map keeps only weak references
    if others - {record.id}:
        every_kind = with_polymorphic(Entity, "*")
        loaded += session.scalars(
            select(every_kind)
            .where(every_kind.id.in_(others - {record.id}))
            .options(selectinload(every_kind.names))
        ).all()
    for relation in relations:
        inverse = relation.object_id == record.id and relation.subject_id != record.id
        other = relation.subject if inverse else relation.object
        predicate = predicates.get(relation.predicate)
        if predicate is None or not (include_drafts or is_public(other)):
            continue
        found.append(
            Link(
                predicate, inverse and not predicate.symmetric, other, relation.certainty, relation
            )
        )
    return found


def labels(session: Session, slugs: list[str]) -> dict[str, LocalizedText]:
    """Display labels of the records with these ids (for facet values)."""
    if not slugs:
        return {}
    found = session.scalars(
        select(Entity).where(Entity.slug.in_(slugs)).options(selectinload(Entity.names))
    ).all()
    return {record.slug: record.label() for record in found}


def published_by_slug(session: Session, slugs: list[str]) -> list[Entity]:
    """The published records with these ids, in the order given (unknown ids are skipped)."""
    if not slugs:
        return []
    found = session.scalars(
        _visible(select(Entity).where(Entity.slug.in_(slugs)), False).options(
            selectinload(Entity.names)
        )
    ).all()
    by_slug = {record.slug: record for record in found}
    return [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]


def all_published(session: Session) -> list[Entity]:
    """Every published record, kind by kind in their natural order."""
    records: list[Entity] = []
    for model in MODELS.values():
        query = _visible(select(model), False).options(selectinload(Entity.names))
        records += session.scalars(query.order_by(*_ordering(model))).all()
    return records
