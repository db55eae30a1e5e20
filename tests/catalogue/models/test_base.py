"""The shared column types: aware UTC timestamps, localized JSON, string lists, enums, dates."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar
from catalogue.dates.parser import parse
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import Base, Manuscript, Person, PublicationState
from catalogue.models.base import utcnow


def _raw(session: Session, sql: str, **params: Any) -> Any:
    """One value as stored (JSON is text on SQLite, already decoded on PostgreSQL)."""
    value: Any = session.execute(text(sql), params).scalar_one()
    return json.loads(value) if isinstance(value, str) else value


def _reload(session: Session, record: Manuscript) -> Manuscript:
    session.flush()
    session.expire_all()
    found = session.get(Manuscript, record.id)
    assert found is not None
    return found


def test_utcnow_is_aware_and_in_utc() -> None:
    now = utcnow()
    assert now.tzinfo is not None
    assert now.utcoffset() == datetime.timedelta(0)


def test_a_naive_timestamp_is_refused(session: Session) -> None:
    session.add(Manuscript(slug="naive", created_at=datetime.datetime(2024, 1, 1, 12, 0)))
    with pytest.raises(StatementError, match="timezone-aware"):
        session.flush()
    session.rollback()


def test_a_timestamp_in_another_zone_reads_back_as_the_same_instant_in_utc(
    session: Session,
) -> None:
    almaty = datetime.timezone(datetime.timedelta(hours=5))
    written = datetime.datetime(2024, 3, 1, 9, 30, tzinfo=almaty)
    record = Manuscript(slug="zoned", created_at=written)
    session.add(record)
    read = _reload(session, record).created_at
    assert read == written
    assert read.utcoffset() == datetime.timedelta(0)
    assert read.hour == 4


def test_localized_text_round_trips_with_its_review_status(session: Session) -> None:
    title = LocalizedText(
        {"en": LocalizedValue("Firman", Status.CHECKED), "fa": LocalizedValue("فرمان")}
    )
    record = Manuscript(slug="loc", title=title)
    session.add(record)
    read = _reload(session, record)
    assert read.title == title
    assert read.title["en"].status is Status.CHECKED
    assert read.title["fa"].status is Status.REVIEW


def test_an_empty_localized_value_is_stored_as_an_empty_object_not_null(session: Session) -> None:
    record = Manuscript(slug="empty-loc", title=None)
    session.add(record)
    session.flush()
    assert _raw(session, "SELECT title FROM manuscript WHERE id = :id", id=record.id) == {}
    assert _reload(session, record).title == LocalizedText()


def test_a_string_list_keeps_its_order_and_reads_back_as_strings(session: Session) -> None:
    record = Manuscript(slug="lists", scripts=["nastaliq", "naskh"], subjects=None)
    session.add(record)
    read = _reload(session, record)
    assert read.scripts == ["nastaliq", "naskh"]
    assert read.subjects == []
    assert _raw(session, "SELECT subjects FROM manuscript WHERE id = :id", id=record.id) == []


def test_an_enum_is_stored_as_its_plain_value(session: Session) -> None:
    record = Manuscript(slug="enum", state=PublicationState.PUBLISHED)
    session.add(record)
    session.flush()
    stored: Any = session.execute(
        text("SELECT state FROM entity WHERE id = :id"), {"id": record.id}
    ).scalar_one()
    assert stored == "published"


def test_a_historical_date_round_trips_through_its_five_columns(session: Session) -> None:
    date = parse("1145 AH")
    person = Person(slug="dated", birth=date)
    session.add(person)
    session.flush()
    row = session.execute(
        text(
            "SELECT birth_statement, birth_calendar, birth_precision, birth_earliest, birth_latest"
            " FROM person WHERE id = :id"
        ),
        {"id": person.id},
    ).one()
    assert row[0] == "1145 AH"
    assert row[1] == Calendar.HIJRI.value
    assert row[2] == date.precision.value
    assert str(row[3]) == date.earliest.isoformat()  # type: ignore[union-attr]
    assert str(row[4]) == date.latest.isoformat()  # type: ignore[union-attr]
    session.expire_all()
    read = session.scalar(select(Person).where(Person.slug == "dated"))
    assert read is not None
    assert read.birth == date
    assert read.death is None  # no statement, no date


def test_constraint_names_follow_the_naming_convention() -> None:
    names = {c.name for c in Base.metadata.tables["entity"].constraints}
    assert "pk_entity" in names
    assert "uq_entity_slug" in names
    fks = {
        fk.constraint.name
        for fk in Base.metadata.tables["manuscript"].foreign_keys
        if fk.constraint is not None
    }
    assert "fk_manuscript_collection_id_collection" in fks
