"""VocabularyLabel: a curator's correction of the labels of one vocabulary term."""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.language.localized import LocalizedText
from catalogue.models.base import Base, LocalizedType


class VocabularyLabel(Base):
    """The labels in effect for one term (or a predicate's inverse), over the shipped file's.

    Keys are the file's and never change here: a row only replaces the labels (and their
    review status) of a term that `catalogue/data/vocabulary.yaml` defines.
    """

    __tablename__ = "vocabulary_label"
    __table_args__ = (UniqueConstraint("vocabulary", "key", "which"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(80))
    which: Mapped[str] = mapped_column(String(8), default="label")  # label | inverse (predicates)
    labels: Mapped[LocalizedText] = mapped_column(LocalizedType, default=LocalizedText)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
