"""VocabularyLabel: one row per term and label kind, saved with optimistic locking."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import VocabularyLabel


def test_a_row_replaces_a_terms_labels_and_keeps_their_status(session: Session) -> None:
    labels = LocalizedText({"en": LocalizedValue("Paper", Status.CHECKED)})
    session.add(VocabularyLabel(vocabulary="supports", key="paper", labels=labels))
    session.flush()
    session.expire_all()
    read = session.scalars(select(VocabularyLabel)).one()
    assert read.which == "label"
    assert read.labels == labels
    assert read.version == 1


def test_one_row_per_term_and_label_kind(session: Session) -> None:
    session.add(VocabularyLabel(vocabulary="predicates", key="author_of"))
    session.add(VocabularyLabel(vocabulary="predicates", key="author_of", which="inverse"))
    session.add(VocabularyLabel(vocabulary="subjects", key="author_of"))  # another vocabulary
    session.flush()
    session.add(VocabularyLabel(vocabulary="predicates", key="author_of", which="label"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_label_saved_by_someone_else_meanwhile_is_refused(session: Session) -> None:
    row = VocabularyLabel(vocabulary="supports", key="paper")
    session.add(row)
    session.flush()
    session.execute(
        update(VocabularyLabel).where(VocabularyLabel.id == row.id).values(version=2),
        execution_options={"synchronize_session": False},
    )
    row.labels = LocalizedText({"en": "Paper"})
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()
