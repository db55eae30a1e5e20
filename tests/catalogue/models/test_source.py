"""Source: a document the catalogue rests on, with its date and (when we may) its full text."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.dates.parser import parse
from catalogue.language.localized import LocalizedText
from catalogue.models import Kind, Source


def test_a_source_round_trips_its_text_and_date(session: Session) -> None:
    date = parse("2019")
    text = "Long article text " * 2000  # longer than any String column
    session.add(
        Source(
            slug="press",
            source_kind="news_article",
            title=LocalizedText({"ru": "Статья"}),
            date=date,
            full_text=text,
            url="https://example.org/a",
        )
    )
    session.flush()
    session.expire_all()
    read = session.scalar(select(Source).where(Source.slug == "press"))
    assert read is not None
    assert read.full_text == text
    assert read.date == date
    assert read.label().text("ru") == "Статья"
    assert read.kind is Kind.SOURCE
    assert read.date_note == LocalizedText()


def test_an_undated_source_has_no_date(session: Session) -> None:
    session.add(Source(slug="undated", source_kind="reference"))
    session.flush()
    session.expire_all()
    read = session.scalar(select(Source).where(Source.slug == "undated"))
    assert read is not None
    assert read.date is None and read.full_text is None and read.author is None
