"""Vocabulary labels in effect: the file's, with curators' corrections over them, kept fresh."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from catalogue.audit import Actor, history, latest_change, undo
from catalogue.db import Database
from catalogue.editing.records import Refused
from catalogue.editing.vocabulary_labels import (
    MAX_LENGTH,
    entries,
    labels_form,
    save_labels,
    version_of,
)
from catalogue.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import VocabularyLabel
from catalogue.transaction import run_in_transaction
from catalogue.vocabulary import vocabulary
from catalogue.vocabulary_labels import LabelsInEffect, read_labels

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


def test_overrides_replace_the_files_labels_of_their_term_only() -> None:
    shipped = vocabulary()
    corrected = LocalizedText({"en": "Town", "fa": LocalizedValue("شهرستان", Status.CHECKED)})
    inverse = LocalizedText({"en": "written by"})
    vocab = shipped.with_overrides(
        {
            ("place_kinds", "city", "label"): corrected,
            ("predicates", "author_of", "inverse"): inverse,
            ("place_kinds", "no-such-key", "label"): corrected,  # keys come from the file
            ("no_such_vocabulary", "city", "label"): corrected,
        }
    )
    assert vocab.label("place_kinds", "city", "fa") == "شهرستان"
    assert vocab.label("place_kinds", "city", "kk") == "Town"  # empty in kk: falls back
    assert vocab.label("place_kinds", "river", "fa") == shipped.label("place_kinds", "river", "fa")
    assert vocab.predicates["author_of"].inverse == inverse
    assert vocab.predicates["author_of"].label == shipped.predicates["author_of"].label
    assert vocab.keys("place_kinds") == shipped.keys("place_kinds")
    assert vocab.label("place_kinds", "no-such-key", "en") == "no-such-key"
    assert "no_such_vocabulary" not in vocab.terms
    assert shipped.label("place_kinds", "city", "fa") == "شهر"  # the file's stays as it was


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


def test_the_cache_sees_a_change_once_it_rechecks(db: Database) -> None:
    patient = LabelsInEffect(recheck=3600)
    eager = LabelsInEffect(recheck=0)
    with db.read() as session:
        assert patient.get(session).label("place_kinds", "city", "en") == "City"
        assert eager.get(session).label("place_kinds", "city", "en") == "City"
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Town"}))
    with db.read() as session:
        assert eager.get(session).label("place_kinds", "city", "en") == "Town"
        assert patient.get(session).label("place_kinds", "city", "en") == "City"  # not asked yet
        with db.read() as other:
            version = latest_change(other)
        # A caller that has read the version (the kiosk cache) never gets older labels.
        assert patient.get(session, version).label("place_kinds", "city", "en") == "Town"
    patient.recheck_soon()
    _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Township"}))
    patient.recheck_soon()
    with db.read() as session:
        assert patient.get(session).label("place_kinds", "city", "en") == "Township"


def test_the_cache_is_kept_per_database(db: Database, backend: object) -> None:
    from tests.conftest import Backend

    assert isinstance(backend, Backend)
    other = Database(backend.fresh_url())
    try:
        cache = LabelsInEffect(recheck=3600)
        _save(db, "place_kinds", _form(db, "place_kinds", **{"city.en": "Town"}))
        with db.read() as session, other.read() as elsewhere:
            assert cache.get(session).label("place_kinds", "city", "en") == "Town"
            assert cache.get(elsewhere).label("place_kinds", "city", "en") == "City"
    finally:
        other.dispose()


def test_a_predicates_label_is_looked_up_like_any_terms() -> None:
    vocab = vocabulary().with_overrides(
        {("predicates", "author_of", "label"): LocalizedText({"en": "wrote"})}
    )
    assert vocab.label("predicates", "author_of", "en") == "wrote"
    assert vocab.label("predicates", "author_of", "fa") == "wrote"
    assert vocabulary().label("predicates", "scribe_of", "en") == "scribe of"
