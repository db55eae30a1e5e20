"""Person: three dated statements, localized role and summary, outside identifiers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar
from catalogue.dates.parser import parse
from catalogue.language.localized import LocalizedText
from catalogue.models import Kind, NameVariant, Person


def _reload(session: Session, slug: str) -> Person:
    session.flush()
    session.expire_all()
    found = session.scalar(select(Person).where(Person.slug == slug))
    assert found is not None
    return found


def test_birth_death_and_activity_are_kept_apart(session: Session) -> None:
    birth, death, active = parse("1688"), parse("1747"), parse("1736-1747")
    session.add(Person(slug="nadir", birth=birth, death=death, active=active))
    read = _reload(session, "nadir")
    assert (read.birth, read.death, read.active) == (birth, death, active)
    assert read.birth is not None and read.birth.calendar is Calendar.GREGORIAN


def test_an_undated_person_has_no_dates_rather_than_empty_ones(session: Session) -> None:
    session.add(Person(slug="undated"))
    read = _reload(session, "undated")
    assert read.birth is None and read.death is None and read.active is None
    assert read.role == LocalizedText() and read.summary == LocalizedText()
    assert read.kind is Kind.PERSON


def test_clearing_a_date_clears_all_of_its_columns(session: Session) -> None:
    session.add(Person(slug="cleared", death=parse("1747")))
    read = _reload(session, "cleared")
    read.death = None
    read = _reload(session, "cleared")
    assert read.death is None


def test_the_label_is_made_of_preferred_names(session: Session) -> None:
    session.add(
        Person(
            slug="named",
            role=LocalizedText({"en": "Shah"}),
            wikidata_id="Q193317",
            names=[
                NameVariant(text="Nader", lang="en", script="Latn", position=1),
                NameVariant(text="Nadir Shah", lang="en", script="Latn", preferred=True),
            ],
        )
    )
    read = _reload(session, "named")
    assert read.label().text("en") == "Nadir Shah"
    assert read.role.text("en") == "Shah"
    assert read.wikidata_id == "Q193317"
