"""What the OAI-PMH repository offers: published records and tombstones, their sets and formats."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Collection, Entity, Kind, Manuscript, PublicationState, Tombstone
from catalogue.oai.protocol import format_datestamp

IDENTIFIER_PREFIX = "oai:qoljazba:"
# Kinds whose records can be given in each metadata format (TEI msDesc describes manuscripts).
FORMAT_KINDS: dict[str, frozenset[str]] = {
    "oai_dc": frozenset(k.value for k in Kind),
    "tei": frozenset({Kind.MANUSCRIPT.value}),
}
SET_NAMES = {
    "kind": "Records by kind",
    "collection": "Manuscripts by collection",
    **{f"kind:{k.value}": f"Records of kind {k.value}" for k in Kind},
}


@dataclass(frozen=True)
class Header:
    """One item as a harvester first sees it."""

    slug: str
    kind: str
    datestamp: str
    sets: tuple[str, ...]
    deleted: bool
    entity_id: int | None = None

    @property
    def identifier(self) -> str:
        """The item's OAI identifier."""
        return IDENTIFIER_PREFIX + self.slug

    @property
    def key(self) -> tuple[str, str]:
        """The order in which lists are given, and the position a token resumes after."""
        return (self.datestamp, self.slug)


def slug_of(identifier: str) -> str | None:
    """The record id inside an OAI identifier, or None if it is not one of ours."""
    if identifier.startswith(IDENTIFIER_PREFIX):
        return identifier[len(IDENTIFIER_PREFIX) :] or None
    return None


def _sets(kind: str, collection: str | None) -> tuple[str, ...]:
    return (f"kind:{kind}",) + ((f"collection:{collection}",) if collection else ())


def _in_set(header: Header, spec: str | None) -> bool:
    if spec is None:
        return True
    return any(s == spec or s.startswith(spec + ":") for s in header.sets)


def _published_headers(session: Session) -> list[Header]:
    # Plain tables: the entity, its manuscript row (if any) and that manuscript's collection.
    entity = Entity.__table__
    manuscript = Manuscript.__table__
    collection = entity.alias("coll")
    rows: Sequence[Any] = session.execute(
        select(entity.c.id, entity.c.slug, entity.c.kind, entity.c.updated_at, collection.c.slug)
        .select_from(
            entity.outerjoin(manuscript, manuscript.c.id == entity.c.id).outerjoin(
                collection,
                (collection.c.id == manuscript.c.collection_id)
                & (collection.c.state == PublicationState.PUBLISHED.value),
            )
        )
        .where(entity.c.state == PublicationState.PUBLISHED.value)
    ).all()
    return [
        Header(
            str(slug), str(kind), format_datestamp(_utc(stamp)), _sets(str(kind), coll), False, id_
        )
        for id_, slug, kind, stamp, coll in rows
    ]


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _tombstone_headers(session: Session) -> list[Header]:
    return [
        Header(
            t.slug, t.kind, format_datestamp(t.withdrawn_at), _sets(t.kind, t.collection_slug), True
        )
        for t in session.scalars(select(Tombstone))
    ]


def all_headers(
    session: Session,
    *,
    prefix: str,
    set_spec: str | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    snapshot: datetime.datetime | None = None,
) -> list[Header]:
    """Every item (published or withdrawn) in the format, set and span, in list order."""
    kinds = FORMAT_KINDS[prefix]
    low = format_datestamp(start) if start else None
    # `end` is exclusive; the snapshot (when the harvest began) is inclusive.
    high = format_datestamp(end) if end else None
    last = format_datestamp(snapshot) if snapshot else None
    found = [
        h
        for h in _published_headers(session) + _tombstone_headers(session)
        if h.kind in kinds
        and _in_set(h, set_spec)
        and (low is None or h.datestamp >= low)
        and (high is None or h.datestamp < high)
        and (last is None or h.datestamp <= last)
    ]
    return sorted(found, key=lambda h: h.key)


def find_header(session: Session, slug: str) -> Header | None:
    """The item with this record id, published or withdrawn; None if there never was one."""
    for header in _published_headers(session) + _tombstone_headers(session):
        if header.slug == slug:
            return header
    return None


def load_records(session: Session, headers: list[Header]) -> dict[int, Entity]:
    """The full records behind the (non-deleted) headers, by entity id."""
    ids = [h.entity_id for h in headers if h.entity_id is not None]
    if not ids:
        return {}
    records = session.scalars(
        select(Entity).where(Entity.id.in_(ids)).options(selectinload(Entity.names))
    ).all()
    return {r.id: r for r in records}


def list_sets(session: Session) -> list[tuple[str, str]]:
    """(setSpec, setName) of every set: the kinds, and each published collection."""
    sets = [("kind", SET_NAMES["kind"])]
    sets += [(f"kind:{k.value}", SET_NAMES[f"kind:{k.value}"]) for k in Kind]
    sets.append(("collection", SET_NAMES["collection"]))
    collections = session.scalars(
        select(Collection)
        .where(Collection.state == PublicationState.PUBLISHED)
        .order_by(Collection.slug)
    ).all()
    for coll in collections:
        title = coll.title.best("en")
        sets.append((f"collection:{coll.slug}", title[1].text if title else coll.slug))
    return sets


def earliest_datestamp(session: Session) -> datetime.datetime:
    """The oldest datestamp the repository can give (the Unix epoch when it is empty)."""
    candidates = [
        session.scalar(
            select(func.min(Entity.updated_at)).where(Entity.state == PublicationState.PUBLISHED)
        ),
        session.scalar(select(func.min(Tombstone.withdrawn_at))),
    ]
    found = [c for c in candidates if c is not None]
    if not found:
        return datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    return min(c if c.tzinfo else c.replace(tzinfo=datetime.UTC) for c in found)
