"""The vocabulary: every term labelled in four languages; predicates know their kinds."""

from catalogue.language.localized import LANGUAGES
from catalogue.language.vocabulary import vocabulary
from catalogue.models import Kind


def test_every_term_and_predicate_has_four_labels() -> None:
    vocab = vocabulary()
    for name, terms in vocab.terms.items():
        for key, label in terms.items():
            assert set(label) == set(LANGUAGES), (name, key)
    for predicate in vocab.predicates.values():
        assert set(predicate.label) == set(LANGUAGES) == set(predicate.inverse)


def test_predicates_name_real_kinds() -> None:
    kinds = {k.value for k in Kind} | {"any"}
    for predicate in vocabulary().predicates.values():
        assert predicate.subject_kinds <= kinds and predicate.object_kinds <= kinds


def test_allows_checks_both_ends() -> None:
    participant = vocabulary().predicates["participant_in"]
    assert participant.allows("person", "event")
    assert not participant.allows("event", "person")


def test_labels_fall_back_to_the_key_for_unknown_terms() -> None:
    vocab = vocabulary()
    assert vocab.label("scripts", "nastaliq", "en")
    assert vocab.label("scripts", "unheard-of", "en") == "unheard-of"
