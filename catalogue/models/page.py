"""Page: one folio side of a manuscript, its image and its transcriptions and translations."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import Status
from catalogue.models.base import Base, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from catalogue.models.manuscript import Manuscript


class Side(StrEnum):
    """Which side of the leaf a page image shows."""

    RECTO = "recto"
    VERSO = "verso"
    NONE = "none"  # a single sheet, a binding, a flyleaf without a side


class TextKind(StrEnum):
    """A page's text is a transcription of the original or a translation of it."""

    TRANSCRIPTION = "transcription"
    TRANSLATION = "translation"


class Page(Base):
    """A page in reading order; `image_key` stays empty until a scan is uploaded."""

    __tablename__ = "page"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manuscript_id: Mapped[int] = mapped_column(
        ForeignKey("manuscript.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # reading order, 1-based
    folio: Mapped[str] = mapped_column(String(20))  # "12", "12a", "front cover"
    side: Mapped[Side] = enum_column(Side, default=Side.NONE)
    image_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)

    manuscript: Mapped[Manuscript] = relationship(back_populates="pages")
    texts: Mapped[list[PageText]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="PageText.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def label(self) -> str:
        """The folio as scholars cite it: 12r, 12v, or the folio alone."""
        suffix = {Side.RECTO: "r", Side.VERSO: "v", Side.NONE: ""}[self.side]
        return f"{self.folio}{suffix}"

    @property
    def is_placeholder(self) -> bool:
        """True until a real scan has been uploaded for this page."""
        return self.image_key is None


class PageText(Base):
    """A transcription or translation of one page, in one language, with who made it."""

    __tablename__ = "page_text"
    __table_args__ = (UniqueConstraint("page_id", "kind", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TextKind] = enum_column(TextKind)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    made_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[Status] = enum_column(Status, default=Status.REVIEW)
    updated_at: Mapped[datetime.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    page: Mapped[Page] = relationship(back_populates="texts")
