"""Curators' corrections of vocabulary labels: one form per vocabulary, no stale saves.

Keys are the shipped file's and never change here (they are in URLs, the API and exports);
only the labels of each term in the four languages, and their review status, do. A vocabulary's
form carries a version: a digest of its labels in effect when the form was shown, so a save
over someone else's newer labels is refused with both versions, never silently overwritten.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.editing.fields import Field, FieldError, Form, from_form, to_form
from catalogue.editing.saving import Refused
from catalogue.errors import NotFound
from catalogue.language.localized import LocalizedText
from catalogue.language.messages import Message
from catalogue.language.vocabulary import LABEL, WHICH, Vocabulary, vocabulary
from catalogue.models import VocabularyLabel
from catalogue.reading.vocabulary_labels import read_labels

MAX_LENGTH = 200  # characters of one label in one language
VERSION = "version"


@dataclass(frozen=True)
class Entry:
    """One editable set of labels: a term (or a predicate's label or inverse) and its input."""

    key: str
    which: str
    field: str  # the form's name for it: `<vocabulary>.<key>` (predicates: `.<which>` too)
    labels: LocalizedText


def field_name(name: str, key: str, which: str = LABEL) -> str:
    """The form name of a term's labels (inputs `<that>.<lang>` and `<that>.<lang>.status`)."""
    return f"{name}.{key}.{which}" if name == "predicates" else f"{name}.{key}"


def entries(vocab: Vocabulary, name: str) -> list[Entry]:
    """The editable labels of one vocabulary, in file order (NotFound if there is none)."""
    if name not in vocab.names():
        raise NotFound(name)
    pairs = (
        [(key, which) for key in vocab.predicates for which in WHICH]
        if name == "predicates"
        else [(key, LABEL) for key in vocab.keys(name)]
    )
    found = []
    for key, which in pairs:
        labels = vocab.labels_of(name, key, which)
        if labels is not None:
            found.append(Entry(key, which, field_name(name, key, which), labels))
    return found


def version_of(vocab: Vocabulary, name: str) -> str:
    """A digest of one vocabulary's labels in effect: it changes whenever any of them does."""
    plain = [[e.key, e.which, e.labels.to_json()] for e in entries(vocab, name)]
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def labels_form(vocab: Vocabulary, name: str) -> dict[str, str]:
    """One vocabulary's labels as its form shows them, with its version as `<name>.version`."""
    values = {f"{name}.{VERSION}": version_of(vocab, name)}
    for entry in entries(vocab, name):
        values.update(to_form(_field(entry.field), entry.labels))
    return values


def _field(name: str) -> Field:
    return Field(name, "localized", label=name, max_length=MAX_LENGTH)  # the page shows the key


def save_labels(session: Session, name: str, form: Form) -> int:
    """Store the labels typed in one vocabulary's form; the number of terms changed.

    Refused (nothing saved) for a stale form or a field that makes no sense; NotFound for
    a vocabulary the file does not define. A term whose inputs are missing is left as it is.
    """
    current = read_labels(session)  # in this transaction, never the process's cache
    shipped = vocabulary()
    if form.get(VERSION, "") != version_of(current, name):
        raise Refused(theirs=labels_form(current, name))
    errors: dict[str, str] = {}
    changed: dict[tuple[str, str], LocalizedText] = {}
    for entry in entries(current, name):
        if f"{entry.field}.en" not in form:
            continue
        try:
            typed = from_form(_field(entry.field), form, entry.labels)
        except FieldError as error:
            errors[entry.field] = error.message
            continue
        if not typed.text("en"):
            errors[entry.field] = Message(
                "an English label is needed (the other languages fall back to it when empty)"
            )
        elif typed != entry.labels:
            changed[entry.key, entry.which] = typed
    if errors:
        raise Refused(errors)
    rows = {
        (row.key, row.which): row
        for row in session.scalars(
            select(VocabularyLabel).where(VocabularyLabel.vocabulary == name)
        )
    }
    for (key, which), labels in changed.items():
        row = rows.get((key, which))
        if labels == shipped.labels_of(name, key, which):
            if row is not None:  # back to the file's labels: nothing to keep
                session.delete(row)
        elif row is not None:
            row.labels = labels
        else:
            session.add(VocabularyLabel(vocabulary=name, key=key, which=which, labels=labels))
    session.flush()
    return len(changed)
