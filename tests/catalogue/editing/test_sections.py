"""What a curator can edit of each kind of record: every field and part names what its model holds,
choices come from the vocabularies, and the parts' own checks (relations, citations, names)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.editing.children import Part, every_field
from catalogue.editing.saving import Refused, record_form, save
from catalogue.editing.sections import CITATIONS, NAMES, RELATIONS, SECTIONS, STATES
from catalogue.language.vocabulary import vocabulary
from catalogue.models import Certainty, Manuscript, Person, Place, PublicationState, Source


def _parts(model: type[object], parts: tuple[Part, ...]) -> list[tuple[type[object], Part]]:
    """Each part with the model that holds its rows, nested parts included."""
    found: list[tuple[type[object], Part]] = []
    for part in parts:
        found.append((model, part))
        nested = tuple(f.part for f in part.fields if f.part is not None)
        found.extend(_parts(part.model, nested))
    return found


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_field_and_part_names_what_its_model_holds(section: str) -> None:
    spec = SECTIONS[section]
    for f in spec.fields:
        assert hasattr(spec.model, f.name), f"{section}: {f.name}"
    for holder, part in _parts(spec.model, spec.parts):
        assert hasattr(holder, part.attr), f"{section}: {part.attr}"
        for f in part.fields:
            assert hasattr(part.model, f.name), f"{section}: {part.attr}.{f.name}"
        assert set(part.needed) | set(part.unique) <= {f.name for f in part.fields}
        if part.ordered:
            assert hasattr(part.model, "position"), part.attr


def test_every_section_can_publish_and_has_the_names_its_records_need() -> None:
    for section, spec in SECTIONS.items():
        assert spec.fields[0].name == "state" and spec.fields[0].choices == STATES, section
        if section != "exhibits":  # an exhibit is titled, not named
            assert NAMES in spec.parts and RELATIONS in spec.parts, section
    assert set(STATES) == {s.value for s in PublicationState}


def test_choices_are_the_vocabularies_keys() -> None:
    vocab = vocabulary()
    fields = {f.name: f for f in SECTIONS["places"].fields}
    assert fields["place_kind"].choices == tuple(vocab.keys("place_kinds"))
    assert fields["place_kind"].required
    manuscript = {f.name: f for f in every_field(SECTIONS["manuscripts"].fields)}
    assert manuscript["support"].choices == tuple(vocab.keys("supports"))
    assert manuscript["subjects"].choices == tuple(vocab.keys("subjects"))
    relation = {f.name: f for f in RELATIONS.fields}
    assert relation["predicate"].choices == tuple(vocab.predicates)
    assert relation["certainty"].choices == tuple(c.value for c in Certainty)


def test_a_relation_is_saved_with_its_cited_sources(
    session: Session,
    make_person: Callable[..., Person],
    make_manuscript: Callable[..., Manuscript],
    make_source: Callable[..., Source],
) -> None:
    person = make_person(slug="navoi")
    make_manuscript(slug="ms-1")
    make_source(slug="fact-sheet")
    form = {
        **record_form(person, "people"),
        "outgoing-0.predicate": "author_of",
        "outgoing-0.object": "ms-1",
        "outgoing-0.certainty": "attested",
        "outgoing-0.citations-0.source": "fact-sheet",
        "outgoing-0.citations-0.locator": "p. 3",
    }
    save(session, "people", "navoi", form)
    (relation,) = person.outgoing
    assert (relation.predicate, relation.object.slug) == ("author_of", "ms-1")
    assert [(c.source.slug, c.locator) for c in relation.citations] == [("fact-sheet", "p. 3")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"predicate": "author_of", "object": "a-place"}, "does not link a person to a place"),
        ({"predicate": "influenced_by", "object": "navoi"}, "cannot be related to itself"),
        ({"predicate": "author_of", "object": "ms-1", "certainty": ""}, "this is needed"),
        ({"predicate": "no_such", "object": "ms-1"}, "choose one of"),
    ],
)
def test_a_relation_that_makes_no_sense_is_refused(
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
    make_manuscript: Callable[..., Manuscript],
    row: dict[str, str],
    message: str,
) -> None:
    person = make_person(slug="navoi")
    make_place(slug="a-place")
    make_manuscript(slug="ms-1")
    typed = {f"outgoing-0.{key}": value for key, value in {"certainty": "attested", **row}.items()}
    with pytest.raises(Refused) as refused:
        save(session, "people", "navoi", {**record_form(person, "people"), **typed})
    assert any(message in error for error in refused.value.errors.values()), refused.value.errors
    assert person.outgoing == []


def test_the_same_relation_twice_is_refused(
    session: Session, make_person: Callable[..., Person], make_manuscript: Callable[..., Manuscript]
) -> None:
    person = make_person(slug="navoi")
    make_manuscript(slug="ms-1")
    row = {"predicate": "author_of", "object": "ms-1", "certainty": "attested"}
    typed = {f"outgoing-{i}.{k}": v for i in (0, 1) for k, v in row.items()}
    with pytest.raises(Refused) as refused:
        save(session, "people", "navoi", {**record_form(person, "people"), **typed})
    assert refused.value.errors == {"outgoing-1.predicate": "this repeats row 1"}


def test_a_citation_names_a_source_only(
    session: Session, make_person: Callable[..., Person], make_source: Callable[..., Source]
) -> None:
    person = make_person(slug="navoi")
    source = make_source(slug="a-source")
    assert CITATIONS.check is not None
    assert CITATIONS.check(person, {"source": source}) is None
    assert "not a source" in (CITATIONS.check(person, {"source": person}) or "")
    form = {**record_form(person, "people"), "citations-0.source": "navoi"}
    with pytest.raises(Refused) as refused:
        save(session, "people", "navoi", form)
    assert "not a source" in refused.value.errors["citations-0.source"]


def test_a_name_needs_its_text_language_and_a_known_script(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="navoi")
    form = {**record_form(person, "people"), "names-2.text": "Навоий", "names-2.script": "Grek"}
    with pytest.raises(Refused) as refused:
        save(session, "people", "navoi", form)
    assert set(refused.value.errors) == {"names-2.lang", "names-2.script"}
    save(session, "people", "navoi", {**form, "names-2.lang": "uz", "names-2.script": "Cyrl"})
    assert [(n.text, n.lang, n.position) for n in person.names][2] == ("Навоий", "uz", 2)


def test_a_place_needs_its_kind(session: Session) -> None:
    with pytest.raises(Refused) as refused:
        save(session, "places", None, {"slug": "somewhere"})
    assert list(refused.value.errors) == ["place_kind"]
    with pytest.raises(Refused) as refused:
        save(session, "places", None, {"slug": "somewhere", "place_kind": "planet"})
    assert list(refused.value.errors) == ["place_kind"]
    assert isinstance(save(session, "places", None, {"slug": "ok", "place_kind": "city"}), Place)
