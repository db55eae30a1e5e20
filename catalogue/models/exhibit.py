"""Exhibit: an ordered story for the kiosk, composed by curators from catalogue records."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import LocalizedText
from catalogue.models.base import Base, LocalizedType, UTCDateTime, enum_column, utcnow
from catalogue.models.entity import PublicationState

if TYPE_CHECKING:
    from catalogue.models.entity import Entity
    from catalogue.models.page import Page


class Exhibit(Base):
    """A story in steps (a title, an introduction, then records and pages with captions).

    Exhibits are not catalogue records: they have no citations or names of their own, and
    only published ones are played by the kiosk. `position` orders them on the kiosk's menu.
    """

    __tablename__ = "exhibit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[PublicationState] = enum_column(PublicationState, default=PublicationState.DRAFT)
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    introduction: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    steps: Mapped[list[ExhibitStep]] = relationship(
        back_populates="exhibit", cascade="all, delete-orphan", order_by="ExhibitStep.position"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def published(self) -> bool:
        """Whether the kiosk may play this exhibit."""
        return self.state is PublicationState.PUBLISHED


class ExhibitStep(Base):
    """One step of an exhibit: a record, optionally one of a manuscript's pages, a caption."""

    __tablename__ = "exhibit_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exhibit_id: Mapped[int] = mapped_column(
        ForeignKey("exhibit.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="CASCADE"), index=True, nullable=True
    )
    page_id: Mapped[int | None] = mapped_column(
        ForeignKey("page.id", ondelete="SET NULL"), index=True, nullable=True
    )
    heading: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    caption: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    exhibit: Mapped[Exhibit] = relationship(back_populates="steps")
    entity: Mapped[Entity | None] = relationship(foreign_keys=[entity_id])
    page: Mapped[Page | None] = relationship(foreign_keys=[page_id])


__all__ = ["Exhibit", "ExhibitStep"]
