"""Pages with scans: attach an ingested image to a manuscript, filling a waiting placeholder."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.images.ingest import ingest_image
from catalogue.images.store import ImageStore
from catalogue.models import Manuscript, Page, Side


def add_page_image(
    session: Session,
    store_root: Path,
    manuscript: Manuscript,
    source: BinaryIO,
    filename: str,
    folio: str | None = None,
    side: Side | None = None,
) -> Page:
    """Ingest a scan and make it a page of the manuscript (the caller commits).

    With a folio (and side) matching a placeholder page, the scan fills that page; otherwise a
    page is added after the last one, its folio defaulting to its position. Raises
    ImageRejected, storing nothing, when the file is unfit.
    """
    folio = (folio or "").strip() or None
    if folio is not None and len(folio) > 20:
        raise ValueError("a folio is at most 20 characters, such as 12, 12a or front cover")
    side = side or Side.NONE
    stored = ingest_image(store_root, source, filename)
    try:
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
    except BaseException:
        ImageStore(store_root).remove(stored.key)  # the page was not recorded: keep no orphan
        raise
    return page
