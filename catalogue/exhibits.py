"""Reading exhibits for the kiosk: only published ones, with their steps in order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Entity, Exhibit, ExhibitStep, PublicationState


class ExhibitNotFound(LookupError):
    """No published exhibit with that id."""


def list_exhibits(session: Session) -> list[Exhibit]:
    """Published exhibits in the curators' order."""
    return list(
        session.scalars(
            select(Exhibit)
            .where(Exhibit.state == PublicationState.PUBLISHED)
            .order_by(Exhibit.position, Exhibit.slug)
        ).all()
    )


def get_exhibit(session: Session, slug: str) -> Exhibit:
    """A published exhibit with its steps (steps on unpublished records are left out)."""
    exhibit = session.scalar(
        select(Exhibit)
        .where(Exhibit.slug == slug, Exhibit.state == PublicationState.PUBLISHED)
        .options(
            selectinload(Exhibit.steps).selectinload(ExhibitStep.entity).selectinload(Entity.names),
            selectinload(Exhibit.steps).selectinload(ExhibitStep.page),
        )
    )
    if exhibit is None:
        raise ExhibitNotFound(f"no exhibit with id {slug!r}")
    return exhibit


def visible_steps(exhibit: Exhibit) -> list[ExhibitStep]:
    """The steps a visitor may see: a step on a draft record is skipped."""
    return [s for s in exhibit.steps if s.entity is None or s.entity.published]
