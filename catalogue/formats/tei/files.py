"""The published catalogue as TEI files: one per manuscript and the authority file."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.formats.tei.writer import (
    AUTHORITY_FILE,
    RecordUrl,
    authority_tei,
    manuscript_tei,
    to_bytes,
)
from catalogue.models import Collection, Entity, Manuscript, Person, Place, PublicationState


def _published(session: Session, model: type[Entity]) -> list[Entity]:
    query = select(model).where(Entity.state == PublicationState.PUBLISHED).order_by(Entity.slug)
    return list(session.scalars(query))


def authority_file(session: Session, url: RecordUrl, permalink: str) -> bytes:
    """The published people, places and collections as one TEI file."""
    people = [p for p in _published(session, Person) if isinstance(p, Person)]
    places = [p for p in _published(session, Place) if isinstance(p, Place)]
    collections = [c for c in _published(session, Collection) if isinstance(c, Collection)]
    return to_bytes(authority_tei(people, places, collections, permalink))


def tei_files(session: Session, url: RecordUrl, authority_url: str) -> dict[str, bytes]:
    """{file name: TEI document} for every published manuscript, and the authority file."""
    files = {AUTHORITY_FILE: authority_file(session, url, authority_url)}
    for ms in _published(session, Manuscript):
        assert isinstance(ms, Manuscript)
        files[f"{ms.slug}.xml"] = to_bytes(manuscript_tei(ms, url))
    return files


__all__ = ["authority_file", "tei_files"]
