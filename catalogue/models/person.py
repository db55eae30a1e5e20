"""Person: a historical figure, with name variants in every script and dated life events."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.dates.calendars import HistoricalDate
from catalogue.language.localized import LocalizedText
from catalogue.models.base import LocalizedType, date_composite
from catalogue.models.entity import Entity, Kind


class Person(Entity):
    """A person; `active` holds a reign, office or floruit described by `role`."""

    __tablename__ = "person"
    __mapper_args__ = {"polymorphic_identity": Kind.PERSON}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    birth: Mapped[HistoricalDate | None] = date_composite("birth")
    death: Mapped[HistoricalDate | None] = date_composite("death")
    active: Mapped[HistoricalDate | None] = date_composite("active")
    wikidata_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    viaf_id: Mapped[str | None] = mapped_column(String(30), nullable=True)
    portrait_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
