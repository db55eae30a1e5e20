"""Event: a dated (or knowingly undated) happening at a place, labelled by its title."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalogue.dates.parser import parse
from catalogue.language.localized import LocalizedText
from catalogue.models import Entity, Event, Kind, Place


def _reload(session: Session, slug: str) -> Event:
    session.flush()
    session.expire_all()
    found = session.scalar(select(Event).where(Event.slug == slug))
    assert found is not None
    return found


def test_an_event_keeps_its_date_place_and_title(session: Session) -> None:
    place = Place(slug="tehran", place_kind="city")
    date = parse("1313 AH")
    session.add(
        Event(
            slug="gift",
            event_kind="gift",
            title=LocalizedText({"en": "The gift"}),
            date=date,
            place=place,
        )
    )
    read = _reload(session, "gift")
    assert read.date == date
    assert read.place is not None and read.place.slug == "tehran"
    assert read.label().text("en") == "The gift"
    assert read.kind is Kind.EVENT


def test_an_undated_event_says_why_instead(session: Session) -> None:
    session.add(
        Event(slug="undated", event_kind="gift", date_note=LocalizedText({"en": "Not recorded"}))
    )
    read = _reload(session, "undated")
    assert read.date is None
    assert read.date_note.text("en") == "Not recorded"


def test_deleting_its_place_keeps_the_event(session: Session) -> None:
    place = Place(slug="lost", place_kind="city")
    session.add(Event(slug="kept", event_kind="gift", place=place))
    session.flush()
    session.execute(delete(Entity).where(Entity.id == place.id))
    assert _reload(session, "kept").place_id is None
