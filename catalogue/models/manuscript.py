"""Manuscript: a TEI msDesc-grade record with its identifiers, contents, seals and provenance."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.dates.calendars import HistoricalDate
from catalogue.language.localized import LocalizedText
from catalogue.models.base import Base, LocalizedType, StringList, date_composite, enum_column
from catalogue.models.entity import Citation, Entity, Kind

if TYPE_CHECKING:
    from catalogue.models.collection import Collection
    from catalogue.models.page import Page
    from catalogue.models.person import Person
    from catalogue.models.place import Place


class CataloguingStatus(StrEnum):
    """Whether the item has been described yet; the 27 start in progress."""

    IN_PROGRESS = "in_progress"
    DONE = "done"


class Manuscript(Entity):
    """One manuscript (codex or document) of the collection."""

    __tablename__ = "manuscript"
    __mapper_args__ = {"polymorphic_identity": Kind.MANUSCRIPT}

    id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    collection_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection.id", ondelete="SET NULL"), index=True, nullable=True
    )
    number: Mapped[int | None] = mapped_column(
        Integer, nullable=True
    )  # its place in the collection
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    cataloguing_status: Mapped[CataloguingStatus] = enum_column(
        CataloguingStatus, default=CataloguingStatus.IN_PROGRESS
    )
    accession_number: Mapped[str | None] = mapped_column(String(80), nullable=True)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    text_languages: Mapped[list[str]] = mapped_column(StringList, default=list)  # BCP 47 codes
    scripts: Mapped[list[str]] = mapped_column(StringList, default=list)  # vocabulary: scripts
    subjects: Mapped[list[str]] = mapped_column(StringList, default=list)  # vocabulary: subjects
    support: Mapped[str | None] = mapped_column(String(24), nullable=True)  # vocabulary: supports
    support_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    folio_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    extent_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    leaf_height_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    leaf_width_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    written_height_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    written_width_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    columns: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lines_per_page: Mapped[str | None] = mapped_column(String(40), nullable=True)  # "15", "13–15"
    layout_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    hands: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    scribe_name: Mapped[str | None] = mapped_column(String(300), nullable=True)  # as written
    decoration: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    binding: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    condition: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    origin_date: Mapped[HistoricalDate | None] = date_composite("origin_date")
    origin_place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, nullable=True
    )
    origin_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    collection: Mapped[Collection | None] = relationship(
        back_populates="manuscripts", foreign_keys=[collection_id]
    )
    origin_place: Mapped[Place | None] = relationship(foreign_keys=[origin_place_id])
    shelfmarks: Mapped[list[Shelfmark]] = relationship(
        cascade="all, delete-orphan", order_by="Shelfmark.position"
    )
    contents: Mapped[list[ContentsItem]] = relationship(
        cascade="all, delete-orphan", order_by="ContentsItem.position"
    )
    seals: Mapped[list[Seal]] = relationship(cascade="all, delete-orphan", order_by="Seal.position")
    provenance: Mapped[list[ProvenanceEntry]] = relationship(
        cascade="all, delete-orphan", order_by="ProvenanceEntry.position"
    )
    pages: Mapped[list[Page]] = relationship(
        back_populates="manuscript", cascade="all, delete-orphan", order_by="Page.position"
    )

    def label(self) -> LocalizedText:
        """The manuscript's title."""
        return self.title


class Shelfmark(Base):
    """An identifier at a holding institution (shelfmark, accession or former number)."""

    __tablename__ = "shelfmark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manuscript_id: Mapped[int] = mapped_column(
        ForeignKey("manuscript.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(24), default="shelfmark")  # shelfmark|accession|former
    institution: Mapped[str] = mapped_column(String(300))
    settlement: Mapped[str | None] = mapped_column(String(120), nullable=True)
    collection: Mapped[str | None] = mapped_column(String(300), nullable=True)
    idno: Mapped[str] = mapped_column(String(120))


class ContentsItem(Base):
    """One work or text within a manuscript (TEI msItem)."""

    __tablename__ = "contents_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manuscript_id: Mapped[int] = mapped_column(
        ForeignKey("manuscript.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    locus: Mapped[str | None] = mapped_column(String(80), nullable=True)  # "ff. 1v–34r"
    title: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True, nullable=True
    )
    author_text: Mapped[str | None] = mapped_column(String(300), nullable=True)  # as written
    text_language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    rubric: Mapped[str | None] = mapped_column(Text, nullable=True)  # original script, verbatim
    incipit: Mapped[str | None] = mapped_column(Text, nullable=True)
    explicit: Mapped[str | None] = mapped_column(Text, nullable=True)
    colophon: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    author: Mapped[Person | None] = relationship(foreign_keys=[author_id])


class Seal(Base):
    """A seal impression: its legend as read, whose it was, and when."""

    __tablename__ = "seal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manuscript_id: Mapped[int] = mapped_column(
        ForeignKey("manuscript.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    locus: Mapped[str | None] = mapped_column(String(80), nullable=True)
    legend: Mapped[str | None] = mapped_column(Text, nullable=True)  # original script, verbatim
    legend_translation: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    shape: Mapped[str | None] = mapped_column(String(40), nullable=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True, nullable=True
    )
    owner_text: Mapped[str | None] = mapped_column(String(300), nullable=True)
    date: Mapped[HistoricalDate | None] = date_composite("date")
    note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])


class ProvenanceEntry(Base):
    """One step in the manuscript's history of ownership and custody, oldest first."""

    __tablename__ = "provenance_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manuscript_id: Mapped[int] = mapped_column(
        ForeignKey("manuscript.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    date: Mapped[HistoricalDate | None] = date_composite("date")
    date_note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="SET NULL"), index=True, nullable=True
    )
    agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True, nullable=True
    )
    agent_text: Mapped[str | None] = mapped_column(String(300), nullable=True)

    place: Mapped[Place | None] = relationship(foreign_keys=[place_id])
    agent: Mapped[Person | None] = relationship(foreign_keys=[agent_id])
    citations: Mapped[list[Citation]] = relationship(
        cascade="all, delete-orphan",
        order_by="Citation.position",
        foreign_keys="Citation.provenance_id",
    )
