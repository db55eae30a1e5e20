"""Source: a document that the catalogue's statements rest on (an article, a reference work)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.dates.calendars import HistoricalDate
from catalogue.language.localized import LocalizedText
from catalogue.models.base import LocalizedType, date_composite
from catalogue.models.entity import Entity, Kind


class Source(Entity):
    """A source, with its full text when we may keep it (the press article is kept whole)."""

    __tablename__ = "source"
    __mapper_args__ = {"polymorphic_identity": Kind.SOURCE}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(24))  # news_article, reference, archival, ...
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    author: Mapped[str | None] = mapped_column(String(300), nullable=True)
    publisher: Mapped[str | None] = mapped_column(String(300), nullable=True)
    url: Mapped[str | None] = mapped_column(String(500), nullable=True)  # http(s) only
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    date: Mapped[HistoricalDate | None] = date_composite("date")
    date_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    full_text: Mapped[str | None] = mapped_column(Text, nullable=True)

    def label(self) -> LocalizedText:
        """The source's title."""
        return self.title
