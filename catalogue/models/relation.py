"""Relation: a typed, sourced link between two records (author of, envoy to, mentioned in...)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.language.localized import LocalizedText
from catalogue.models.base import Base, LocalizedType, enum_column
from catalogue.models.entity import Citation, Entity


class Certainty(StrEnum):
    """How firmly the sources support a relation."""

    ATTESTED = "attested"
    PROBABLE = "probable"
    POSSIBLE = "possible"


class Relation(Base):
    """subject —predicate→ object; predicates and their kinds are in the vocabulary."""

    __tablename__ = "relation"
    __table_args__ = (UniqueConstraint("subject_id", "predicate", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    predicate: Mapped[str] = mapped_column(String(40), index=True)
    object_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    certainty: Mapped[Certainty] = enum_column(Certainty, default=Certainty.ATTESTED)
    note: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)

    subject: Mapped[Entity] = relationship(back_populates="outgoing", foreign_keys=[subject_id])
    object: Mapped[Entity] = relationship(back_populates="incoming", foreign_keys=[object_id])
    citations: Mapped[list[Citation]] = relationship(
        cascade="all, delete-orphan",
        order_by="Citation.position",
        foreign_keys="Citation.relation_id",
    )
