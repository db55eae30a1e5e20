"""Collection: a group of manuscripts received and catalogued together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import LocalizedText
from catalogue.models.base import LocalizedType, StringList
from catalogue.models.entity import Entity, Kind

if TYPE_CHECKING:
    from catalogue.models.manuscript import Manuscript


class Collection(Entity):
    """A collection (the 27 manuscripts presented by Iran are one)."""

    __tablename__ = "collection"
    __mapper_args__ = {"polymorphic_identity": Kind.COLLECTION}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    subjects: Mapped[list[str]] = mapped_column(StringList, default=list)

    manuscripts: Mapped[list[Manuscript]] = relationship(
        back_populates="collection",
        foreign_keys="Manuscript.collection_id",
        order_by="Manuscript.number",
    )

    def label(self) -> LocalizedText:
        """The collection's title."""
        return self.title
