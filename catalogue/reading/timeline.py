"""The kiosk's timeline: dated events from a first event to the presentation of the manuscripts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Entity, Event, PublicationState
from catalogue.reading.records import links

# The timeline starts with the casting of the Taikazan (1399) and ends with the event at which
# the 27 manuscripts were presented; both are records of the shipped catalogue.
START_EVENT = "taikazan-casting"
END_EVENT = "pezeshkian-visit-astana"
NO_DAY = datetime.date.min


@dataclass(frozen=True)
class Timeline:
    """Events in date order, those no source dates, and the closing event with what it led to."""

    dated: list[Event]
    undated: list[Event]
    end: Event | None
    end_related: list[Event] = field(default_factory=list)

    @property
    def first_year(self) -> int | None:
        """The Gregorian year the timeline starts in."""
        if not self.dated or self.dated[0].date is None:
            return None
        return self.dated[0].date.gregorian_years()[0]


def build_timeline(
    session: Session, start_slug: str = START_EVENT, end_slug: str = END_EVENT
) -> Timeline:
    """Published events from the start event on, in date order, closing with the end event."""
    events = list(
        session.scalars(
            select(Event)
            .where(Entity.state == PublicationState.PUBLISHED)
            .options(selectinload(Entity.names))
        ).all()
    )
    by_slug = {event.slug: event for event in events}
    start = by_slug.get(start_slug)
    end = by_slug.get(end_slug)
    threshold = start.date.earliest if start and start.date and start.date.earliest else None
    related: list[Event] = []
    if end is not None:
        related = [
            link.other
            for link in links(session, end)
            if isinstance(link.other, Event) and link.other.slug != end.slug
        ]
    set_aside = {e.slug for e in related} | ({end.slug} if end else set())
    dated = [
        e
        for e in events
        if e.slug not in set_aside
        and e.date is not None
        and e.date.earliest is not None
        and (threshold is None or e.date.earliest >= threshold)
    ]
    dated.sort(key=lambda e: (e.date.earliest if e.date and e.date.earliest else NO_DAY, e.slug))
    undated = sorted(
        (
            e
            for e in events
            if e.slug not in set_aside and (e.date is None or e.date.earliest is None)
        ),
        key=lambda e: e.slug,
    )
    return Timeline(dated=dated, undated=undated, end=end, end_related=related)
