"""Event: something that happened, dated as the sources allow, at a place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.dates.calendars import HistoricalDate
from catalogue.language.localized import LocalizedText
from catalogue.models.base import LocalizedType, date_composite
from catalogue.models.entity import Entity, Kind

if TYPE_CHECKING:
    from catalogue.models.place import Place


class Event(Entity):
    """An event; an undated one keeps `date` empty and says why in `date_note`."""

    __tablename__ = "event"
    __mapper_args__ = {"polymorphic_identity": Kind.EVENT}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    event_kind: Mapped[str] = mapped_column(String(24))  # vocabulary: event_kinds
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    date: Mapped[HistoricalDate | None] = date_composite("date")
    date_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, nullable=True
    )

    place: Mapped[Place | None] = relationship(foreign_keys=[place_id])

    def label(self) -> LocalizedText:
        """The event's title."""
        return self.title
