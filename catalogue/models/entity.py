"""Entity: what every public record shares (identity, publication state, names, citations)."""

from __future__ import annotations

import datetime
import re
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import LANGUAGES, LocalizedText, LocalizedValue, Status
from catalogue.models.base import Base, LocalizedType, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from catalogue.models.relation import Relation
    from catalogue.models.source import Source


class Kind(StrEnum):
    """The kinds of public record; each is a table joined to `entity`."""

    COLLECTION = "collection"
    MANUSCRIPT = "manuscript"
    PERSON = "person"
    PLACE = "place"
    EVENT = "event"
    SOURCE = "source"


class PublicationState(StrEnum):
    """Drafts are seen only by curators; published records by everyone."""

    DRAFT = "draft"
    PUBLISHED = "published"


# A record's (or an exhibit's) stable id, as URLs, forms and imports must spell it.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class Entity(Base):
    """A public record with a stable identifier (its slug, used in every URL and citation)."""

    __tablename__ = "entity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[Kind] = enum_column(Kind, index=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    state: Mapped[PublicationState] = enum_column(PublicationState, default=PublicationState.DRAFT)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    names: Mapped[list[NameVariant]] = relationship(
        back_populates="entity",
        cascade="all, delete-orphan",
        order_by="NameVariant.position",
        foreign_keys="NameVariant.entity_id",
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="entity",
        cascade="all, delete-orphan",
        order_by="Citation.position",
        foreign_keys="Citation.entity_id",
    )
    outgoing: Mapped[list[Relation]] = relationship(
        back_populates="subject",
        cascade="all, delete-orphan",
        foreign_keys="Relation.subject_id",
    )
    incoming: Mapped[list[Relation]] = relationship(
        back_populates="object",
        cascade="all, delete-orphan",
        foreign_keys="Relation.object_id",
    )

    __mapper_args__ = {"polymorphic_on": "kind", "version_id_col": version}

    @property
    def published(self) -> bool:
        """Whether the public may see this record."""
        return self.state is PublicationState.PUBLISHED

    def label(self) -> LocalizedText:
        """The record's display label in each language it has (title or preferred name)."""
        return names_label(self.names)


def names_label(names: list[NameVariant]) -> LocalizedText:
    """Preferred names per language, falling back to the first variant in that language."""
    values: dict[str, LocalizedValue] = {}
    for name in sorted(names, key=lambda n: (not n.preferred, n.position)):
        if name.lang in LANGUAGES and name.lang not in values:
            values[name.lang] = LocalizedValue(name.text, name.status)
    return LocalizedText(values)


class NameVariant(Base):
    """One form of a person's or place's name, in one language and script."""

    __tablename__ = "name_variant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(300))
    lang: Mapped[str] = mapped_column(String(8))  # BCP 47 language: kk, ru, en, fa, ar, ...
    script: Mapped[str] = mapped_column(String(4))  # ISO 15924: Latn, Cyrl, Arab
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[Status] = enum_column(Status, default=Status.REVIEW)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)

    entity: Mapped[Entity] = relationship(back_populates="names", foreign_keys=[entity_id])


class Citation(Base):
    """A source that supports a record, a relation or a provenance entry, with where in it."""

    __tablename__ = "citation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="CASCADE"), index=True, nullable=True
    )
    relation_id: Mapped[int | None] = mapped_column(
        ForeignKey("relation.id", ondelete="CASCADE"), index=True, nullable=True
    )
    provenance_id: Mapped[int | None] = mapped_column(
        ForeignKey("provenance_entry.id", ondelete="CASCADE"), index=True, nullable=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    locator: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    entity: Mapped[Entity | None] = relationship(
        back_populates="citations", foreign_keys=[entity_id]
    )
    source: Mapped[Source] = relationship(foreign_keys=[source_id])


__all__ = ["Citation", "Entity", "Kind", "NameVariant", "PublicationState"]
