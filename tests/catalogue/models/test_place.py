"""Place: a place inside another, approximate coordinates with a review status."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalogue.language.localized import Status
from catalogue.models import Entity, Kind, Place


def _reload(session: Session, slug: str) -> Place:
    session.flush()
    session.expire_all()
    found = session.scalar(select(Place).where(Place.slug == slug))
    assert found is not None
    return found


def test_a_place_lies_in_its_parent(session: Session) -> None:
    city = Place(slug="isfahan", place_kind="city")
    session.add(Place(slug="naqsh-e-jahan", place_kind="site", parent=city))
    read = _reload(session, "naqsh-e-jahan")
    assert read.parent is not None and read.parent.slug == "isfahan"
    assert read.kind is Kind.PLACE


def test_coordinates_round_trip_and_await_review_by_default(session: Session) -> None:
    session.add(Place(slug="mashhad", place_kind="city", latitude=36.297, longitude=59.606))
    read = _reload(session, "mashhad")
    assert (read.latitude, read.longitude) == (36.297, 59.606)
    assert read.coordinates_status is Status.REVIEW


def test_deleting_the_parent_leaves_the_place_without_one(session: Session) -> None:
    city = Place(slug="old-city", place_kind="city")
    session.add(Place(slug="quarter", place_kind="site", parent=city))
    session.flush()
    session.execute(delete(Entity).where(Entity.id == city.id))
    read = _reload(session, "quarter")
    assert read.parent_id is None
