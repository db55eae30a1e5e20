"""Place: a city, region, site or sea, with name variants and approximate coordinates."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import LocalizedText, Status
from catalogue.models.base import LocalizedType, enum_column
from catalogue.models.entity import Entity, Kind


class Place(Entity):
    """A place; `parent` is the place it lies in (a port in a city, a site in a town)."""

    __tablename__ = "place"
    __mapper_args__ = {"polymorphic_identity": Kind.PLACE}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    place_kind: Mapped[str] = mapped_column(String(24))  # vocabulary: place_kinds
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, nullable=True
    )
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    coordinates_status: Mapped[Status] = enum_column(Status, default=Status.REVIEW)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    wikidata_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    viaf_id: Mapped[str | None] = mapped_column(String(30), nullable=True)

    parent: Mapped[Place | None] = relationship(remote_side="Place.id", foreign_keys=[parent_id])
