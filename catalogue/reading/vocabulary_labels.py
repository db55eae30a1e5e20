"""The vocabulary labels in effect: the shipped file's, with curators' corrections over them.

Labels are read on nearly every page (a place's kind, a relation's wording), so each process
keeps the vocabulary in effect together with the catalogue's *version* (the newest audit
entry: every correction is recorded there, and so is its undo) and rebuilds it only when the
version moves. The version itself is asked at most every RECHECK_SECONDS, so a correction
saved by another process is seen within about a second. A caller that has just read the
version (the kiosk's screen cache, which keeps screens per version) passes it in, and never
gets labels older than the screens it caches under that version.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.language.localized import LocalizedText
from catalogue.language.vocabulary import Vocabulary, vocabulary
from catalogue.models import AuditEntry, VocabularyLabel
from catalogue.versioned import MAX_AGE_SECONDS, Versioned

RECHECK_SECONDS = 1.0

Overrides = dict[tuple[str, str, str], LocalizedText]  # (vocabulary, key, which) -> labels


def stored_overrides(session: Session) -> Overrides:
    """Every stored correction, keyed (vocabulary, key, which)."""
    rows = session.scalars(select(VocabularyLabel).order_by(VocabularyLabel.id))
    return {(row.vocabulary, row.key, row.which): row.labels for row in rows}


def read_labels(session: Session) -> Vocabulary:
    """The vocabulary in effect, read now from the database (no cache: for writers)."""
    return vocabulary().with_overrides(stored_overrides(session))


def term_names(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    """For history entries of corrections: row id -> "vocabulary · key" (and which, for
    predicates), from the stored row or, for a deleted one, from what the entry recorded."""
    ids = {e.row_id for e in entries if e.model == VocabularyLabel.__name__}
    if not ids:
        return {}
    found: dict[int, tuple[object, object, object]] = {}
    for entry in entries:
        if entry.row_id in ids and {"vocabulary", "key"} <= set(entry.changes):
            values = {
                k: next((v for v in pair if v is not None), None)
                for k, pair in entry.changes.items()
            }
            found[entry.row_id] = (values["vocabulary"], values["key"], values.get("which"))
    rows = session.scalars(select(VocabularyLabel).where(VocabularyLabel.id.in_(ids)))
    for row in rows:
        found[row.id] = (row.vocabulary, row.key, row.which)
    return {
        row_id: f"{name} · {key}" + (f" · {which}" if name == "predicates" else "")
        for row_id, (name, key, which) in found.items()
    }


class LabelsInEffect(Versioned[Vocabulary]):
    """One process's cached vocabulary in effect, per database (engine)."""

    def __init__(self, recheck: float = RECHECK_SECONDS, max_age: float = MAX_AGE_SECONDS) -> None:
        super().__init__(read_labels, recheck, max_age)


LABELS = LabelsInEffect()


def labels_in_effect(session: Session, version: int | None = None) -> Vocabulary:
    """The vocabulary with the labels in effect (the process's cache; see the module's note)."""
    return LABELS.get(session, version)
