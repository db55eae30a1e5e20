"""A person's portrait uploaded by a curator: checked and stored by the scan ingest rules."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.errors import NotFound
from catalogue.images.pages import ingest_then_record
from catalogue.images.store import StoredImage
from catalogue.models import Person


def _person(session: Session, slug: str) -> Person:
    person = session.scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise NotFound(slug)
    return person


def add_portrait(
    db: Database,
    store_root: Path,
    slug: str,
    source: BinaryIO,
    filename: str,
    *,
    actor: Actor | None = None,
) -> str:
    """Ingest an image as the person's portrait and record it (committed); its key.

    NotFound for an unknown person; ImageRejected, storing nothing, for an unfit file
    (format, size, pixel limit, a corrupt or disguised file), exactly as for page scans. The
    ingest runs before the write transaction (ingest_then_record).
    """
    with db.read() as session:
        _person(session, slug)  # refused before the work of an ingest

    def record(session: Session, stored: StoredImage) -> str:
        _person(session, slug).portrait_key = stored.key
        session.flush()
        return stored.key

    return ingest_then_record(db, store_root, source, filename, record, actor=actor)
