"""A person's portrait uploaded by a curator: checked and stored by the scan ingest rules."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.errors import NotFound
from catalogue.images.ingest import ingest_image
from catalogue.images.store import ImageStore
from catalogue.models import Person


def add_portrait(
    session: Session, store_root: Path, slug: str, source: BinaryIO, filename: str
) -> str:
    """Ingest an image as the person's portrait (the caller commits); its key.

    NotFound for an unknown person; ImageRejected, storing nothing, for an unfit file
    (format, size, pixel limit, a corrupt or disguised file), exactly as for page scans.
    """
    person = session.scalar(select(Person).where(Person.slug == slug))
    if person is None:
        raise NotFound(slug)
    stored = ingest_image(store_root, source, filename)
    try:
        person.portrait_key = stored.key
        session.flush()
    except BaseException:
        ImageStore(store_root).remove(stored.key)  # not recorded: keep no orphan
        raise
    return stored.key
