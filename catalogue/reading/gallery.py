"""The manuscripts as the kiosk's grid shows them (in order, pages loaded at once); image sizes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Entity, Manuscript, Page, PublicationState


def manuscripts_with_pages(session: Session, limit: int = 200) -> list[Manuscript]:
    """Published manuscripts in catalogue order, names and pages loaded in two queries."""
    return list(
        session.scalars(
            select(Manuscript)
            .where(Entity.state == PublicationState.PUBLISHED)
            .options(selectinload(Entity.names), selectinload(Manuscript.pages))
            .order_by(Manuscript.number, Entity.slug)
            .limit(limit)
        ).all()
    )


def image_size(session: Session, key: str) -> tuple[int, int] | None:
    """The width and height of a stored page image, from its page; None when not known."""
    row = session.execute(
        select(Page.width, Page.height).where(Page.image_key == key).limit(1)
    ).first()
    if row is None or not row.width or not row.height:
        return None
    return int(row.width), int(row.height)


def height_size(height: int | None, wanted: int) -> str:
    """The IIIF size of a scan shown `wanted` px high: `,wanted`, or `max` for a shorter scan.

    A shorter scan asked for at `,wanted` would be an upscale without `^`, which the Image API
    refuses with a 400: the whole scan is sent instead, and the browser enlarges it.
    """
    if height is not None and 0 < height <= wanted:
        return "max"
    return f",{wanted}"
