"""Vocabulary labels in effect: the file's, with curators' corrections over them, kept fresh."""

from __future__ import annotations

from catalogue.audit import latest_change
from catalogue.db import Database
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.language.vocabulary import vocabulary
from catalogue.reading.vocabulary_labels import LabelsInEffect
from tests.catalogue.editing.test_vocabulary_labels import _form, _save


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
