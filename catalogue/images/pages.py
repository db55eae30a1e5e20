"""Pages with scans: attach an ingested image to a manuscript, filling a waiting placeholder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.images.ingest import ingest_image
from catalogue.images.store import ImageStore, StoredImage
from catalogue.models import Manuscript, Page, Side
from catalogue.transaction import run_in_transaction

T = TypeVar("T")


def ingest_then_record(
    db: Database,
    store_root: Path,
    source: BinaryIO,
    filename: str,
    record: Callable[[Session, StoredImage], T],
    *,
    actor: Actor | None = None,
) -> T:
    """Ingest an image with no write transaction open, then record(session, image) in one.

    Decoding and tiling a scan takes seconds (minutes for a pathological one); the write lock
    is held only while the image is recorded, so logins and other saves never wait on it. The
    stored image is removed when recording fails (an unknown record, a conflict): no orphan.
    """
    stored = ingest_image(store_root, source, filename)
    try:
        return run_in_transaction(db, lambda session: record(session, stored), actor=actor)
    except BaseException:
        ImageStore(store_root).remove(stored.key)
        raise


def page_folio(folio: str | None) -> str | None:
    """A typed folio, trimmed (None when empty); ValueError when too long."""
    folio = (folio or "").strip() or None
    if folio is not None and len(folio) > 20:
        raise ValueError("a folio is at most 20 characters, such as 12, 12a or front cover")
    return folio


def place_page_image(
    session: Session,
    manuscript: Manuscript,
    stored: StoredImage,
    folio: str | None = None,
    side: Side | None = None,
) -> Page:
    """Make an ingested scan a page of the manuscript (the caller commits).

    With a folio (and side) matching a placeholder page, the scan fills that page; otherwise a
    page is added after the last one, its folio defaulting to its position.
    """
    folio = page_folio(folio)
    side = side or Side.NONE
    page = None
    if folio is not None:
        page = session.scalar(
            select(Page).where(
                Page.manuscript_id == manuscript.id,
                Page.folio == folio,
                Page.side == side,
                Page.image_key.is_(None),
            )
        )
    if page is None:
        last = session.scalar(
            select(func.max(Page.position)).where(Page.manuscript_id == manuscript.id)
        )
        position = (last or 0) + 1
        page = Page(
            manuscript_id=manuscript.id,
            position=position,
            folio=folio or str(position),
            side=side,
        )
        session.add(page)
    page.image_key = stored.key
    page.width, page.height = stored.width, stored.height
    session.flush()
    return page


def add_page_image(
    session: Session,
    store_root: Path,
    manuscript: Manuscript,
    source: BinaryIO,
    filename: str,
    folio: str | None = None,
    side: Side | None = None,
) -> Page:
    """Ingest a scan and make it a page of the manuscript in the caller's session.

    For sessions that hold no write lock (loading fixtures, scripts); a write transaction
    should use ingest_then_record instead, so the ingest runs before the lock is taken.
    Raises ImageRejected, storing nothing, when the file is unfit.
    """
    folio = page_folio(folio)
    stored = ingest_image(store_root, source, filename)
    try:
        return place_page_image(session, manuscript, stored, folio, side)
    except BaseException:
        ImageStore(store_root).remove(stored.key)  # the page was not recorded: keep no orphan
        raise
