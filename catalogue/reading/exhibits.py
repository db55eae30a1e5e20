"""Reading exhibits for the kiosk: only published ones, with their steps in order.

A visitor never sees a hole: a step is skipped when its record is a draft or when its page
belongs to a draft manuscript (whose scans the IIIF server refuses). Curators are told which
steps those are (`hidden_steps`, `exhibits_skipping`) and cannot publish an exhibit with one.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from catalogue.errors import NotFound
from catalogue.language.messages import Message
from catalogue.models import Entity, Exhibit, ExhibitStep, Manuscript, Page, PublicationState


class ExhibitNotFound(NotFound):
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
            selectinload(Exhibit.steps)
            .selectinload(ExhibitStep.page)
            .selectinload(Page.manuscript),
        )
    )
    if exhibit is None:
        raise ExhibitNotFound(f"no exhibit with id {slug!r}")
    return exhibit


def why_hidden(entity: Entity | None, page: Page | None) -> tuple[str, Message] | None:
    """Why visitors would not see a step on this record and page: (field, reason), or None."""
    if entity is not None and not entity.published:
        return "entity", Message("the record %(slug)r is a draft", slug=entity.slug)
    if page is not None and not page.manuscript.published:
        return "page", Message(
            "page %(page)s belongs to the draft manuscript %(slug)r",
            page=page.label,
            slug=page.manuscript.slug,
        )
    return None


def visible_steps(exhibit: Exhibit) -> list[ExhibitStep]:
    """The steps a visitor may see: a step on a draft record, or a draft's page, is skipped."""
    return [s for s in exhibit.steps if why_hidden(s.entity, s.page) is None]


def hidden_steps(exhibit: Exhibit) -> list[tuple[int, Message]]:
    """The steps visitors would not see (numbered from 1, as the form shows them) and why."""
    found = []
    for number, step in enumerate(exhibit.steps, start=1):
        hidden = why_hidden(step.entity, step.page)
        if hidden is not None:
            found.append((number, hidden[1]))
    return found


def exhibits_skipping(session: Session, record: Entity) -> list[tuple[Exhibit, list[int]]]:
    """Published exhibits with steps that skip this draft record (or its pages), step numbers."""
    if record.published:
        return []
    on_record = ExhibitStep.entity_id == record.id
    if isinstance(record, Manuscript):
        pages = select(Page.id).where(Page.manuscript_id == record.id)
        on_record = or_(on_record, ExhibitStep.page_id.in_(pages))
    exhibits = session.scalars(
        select(Exhibit)
        .where(
            Exhibit.state == PublicationState.PUBLISHED,
            Exhibit.id.in_(select(ExhibitStep.exhibit_id).where(on_record)),
        )
        .order_by(Exhibit.position, Exhibit.slug)
    )
    found = []
    for exhibit in exhibits:
        numbers = [
            number
            for number, step in enumerate(exhibit.steps, start=1)
            if step.entity is record or (step.page is not None and step.page.manuscript is record)
        ]
        found.append((exhibit, numbers))
    return found
