"""Curators' corrections of vocabulary labels: one form per vocabulary, saved whole, never stale."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from catalogue.audit import Actor, history, undo
from catalogue.db import Database
from catalogue.editing.saving import Refused
from catalogue.editing.vocabulary_labels import (
    MAX_LENGTH,
    entries,
    field_name,
    labels_form,
    save_labels,
    version_of,
)
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.language.vocabulary import vocabulary
from catalogue.models import VocabularyLabel
from catalogue.reading.vocabulary_labels import read_labels
from catalogue.transaction import run_in_transaction

CURATOR = Actor(None, "cura")


def _form(db: Database, name: str, **changes: str) -> dict[str, str]:
    """One vocabulary's form as shown now, with some inputs changed (without the name prefix)."""
    with db.read() as session:
        shown = labels_form(read_labels(session), name)
    form = {key: value for key, value in shown.items() if key != f"{name}.version"}
    form["version"] = shown[f"{name}.version"]
    form.update({f"{name}.{key}": value for key, value in changes.items()})
    return form


def _save(db: Database, name: str, form: dict[str, str]) -> int:
    return run_in_transaction(db, lambda s: save_labels(s, name, form), actor=CURATOR)


def test_a_saved_label_is_in_effect_recorded_and_undone(db: Database) -> None:
    changed = _save(
        db,
        "place_kinds",
        _form(db, "place_kinds", **{"city.fa": "شهرِ", "city.fa.status": "checked"}),
    )
    assert changed == 1
    with db.read() as session:
        vocab = read_labels(session)
        assert vocab.terms["place_kinds"]["city"]["fa"] == LocalizedValue("شهرِ", Status.CHECKED)
        assert vocab.terms["place_kinds"]["city"]["en"] == LocalizedValue("City", Status.REVIEW)
        entry = history(session)[0]
        assert entry.model == "VocabularyLabel" and entry.actor_name == "cura"
        changeset = entry.changeset
    run_in_transaction(db, lambda s: undo(s, changeset), actor=CURATOR)
    with db.read() as session:
        assert read_labels(session).label("place_kinds", "city", "fa") == "شهر"
        assert session.scalars(select(VocabularyLabel)).all() == []


def test_labels_back_to_the_files_remove_the_correction(db: Database) -> None:
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Town"}))
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "City"}))
    with db.read() as session:
        assert session.scalars(select(VocabularyLabel)).all() == []


def test_a_predicates_inverse_is_corrected_apart_from_its_label(db: Database) -> None:
    _save(db, "predicates", _form(db, "predicates", **{"author_of.inverse.en": "written by"}))
    with db.read() as session:
        predicate = read_labels(session).predicates["author_of"]
    assert predicate.inverse.text("en") == "written by"
    assert predicate.label == vocabulary().predicates["author_of"].label


def test_an_unchanged_form_changes_nothing(db: Database) -> None:
    assert _save(db, "scripts", _form(db, "scripts")) == 0
    with db.read() as session:
        assert history(session) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"city.en": ""}, "place_kinds.city"),  # English is needed
        ({"city.en": "   "}, "place_kinds.city"),
        ({"city.fa": "x" * (MAX_LENGTH + 1)}, "place_kinds.city"),
        ({"city.fa.status": "approved"}, "place_kinds.city"),
    ],
)
def test_bad_labels_are_refused_and_nothing_is_saved(
    db: Database, changes: dict[str, str], field: str
) -> None:
    form = _form(db, "place_kinds", **{"river.fa": "رودخانه", **changes})
    with pytest.raises(Refused) as refused:
        _save(db, "place_kinds", form)
    assert field in refused.value.errors and refused.value.theirs is None
    with db.read() as session:
        assert read_labels(session).label("place_kinds", "river", "fa") == "رود"


def test_an_empty_label_other_than_english_falls_back(db: Database) -> None:
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.kk": ""}))
    with db.read() as session:
        vocab = read_labels(session)
    assert vocab.label("place_kinds", "city", "kk") == "Город"  # kk falls back to ru


def test_a_stale_form_is_refused_with_the_stored_labels(db: Database) -> None:
    stale = _form(db, "place_kinds", **{"city.fa": "mine"})
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.fa": "theirs"}))
    with pytest.raises(Refused) as refused:
        _save(db, "place_kinds", stale)
    assert refused.value.theirs is not None
    assert refused.value.theirs["place_kinds.city.fa"] == "theirs"
    with db.read() as session:
        assert read_labels(session).label("place_kinds", "city", "fa") == "theirs"


def test_an_unknown_vocabulary_is_a_lookup_error(db: Database) -> None:
    with pytest.raises(LookupError):
        _save(db, "no_such_vocabulary", {"version": ""})


def test_every_vocabulary_has_entries_and_a_version() -> None:
    vocab = vocabulary()
    for name in vocab.names():
        assert entries(vocab, name), name
        assert version_of(vocab, name)
    assert len(entries(vocab, "predicates")) == 2 * len(vocab.predicates)


def test_a_terms_inputs_are_named_by_vocabulary_and_key() -> None:
    assert field_name("place_kinds", "city") == "place_kinds.city"
    assert field_name("predicates", "author_of") == "predicates.author_of.label"
    assert field_name("predicates", "author_of", "inverse") == "predicates.author_of.inverse"
    shown = labels_form(vocabulary(), "place_kinds")
    assert shown["place_kinds.city.en"] == "City"
    assert shown["place_kinds.city.en.status"] in ("checked", "review")
    assert shown["place_kinds.version"] == version_of(vocabulary(), "place_kinds")
    assert [e.key for e in entries(vocabulary(), "place_kinds")] == list(
        vocabulary().keys("place_kinds")
    )
    with pytest.raises(LookupError):
        entries(vocabulary(), "no_such_vocabulary")


def test_the_version_is_of_one_vocabulary_and_moves_with_its_labels() -> None:
    shipped = vocabulary()
    town = LocalizedText({"en": "Town"})
    changed = shipped.with_overrides({("place_kinds", "city", "label"): town})
    assert version_of(changed, "place_kinds") != version_of(shipped, "place_kinds")
    assert version_of(changed, "scripts") == version_of(shipped, "scripts")
    assert version_of(shipped, "place_kinds") == version_of(vocabulary(), "place_kinds")


def test_a_term_whose_inputs_are_missing_is_left_as_it_is(db: Database) -> None:
    _save(db, "place_kinds", _form(db, "place_kinds", **{"river.en": "Stream"}))
    form = {
        key: value
        for key, value in _form(db, "place_kinds", **{"city.en": "Town"}).items()
        if not key.startswith("place_kinds.river.")
    }
    assert _save(db, "place_kinds", form) == 1
    with db.read() as session:
        vocab = read_labels(session)
        assert vocab.label("place_kinds", "river", "en") == "Stream"
        assert vocab.label("place_kinds", "city", "en") == "Town"
        rows = session.scalars(select(VocabularyLabel.key).order_by(VocabularyLabel.key)).all()
    assert rows == ["city", "river"]


def test_a_second_correction_updates_the_stored_row(db: Database) -> None:
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Town"}))
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Township"}))
    with db.read() as session:
        (row,) = session.scalars(select(VocabularyLabel)).all()
    assert (row.vocabulary, row.key, row.which) == ("place_kinds", "city", "label")
    assert row.labels.text("en") == "Township" and row.version == 2
