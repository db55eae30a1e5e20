"""The manuscripts as the kiosk's grid shows them: in order, with their pages loaded at once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Entity, Manuscript, PublicationState


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
