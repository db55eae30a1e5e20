"""A record as a TEI document describes it, written as the curator's form (directly): what the
TEI carries is put over the record's own form, the rest kept, review statuses the curator's."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.editing.saving import record_form, save
from catalogue.editing.sections import SECTIONS
from catalogue.formats.tei.forms import (
    KIND_OF,
    SECTION_OF,
    TEI_FIELDS,
    TEI_PARTS,
    stand_ins,
    update_form,
)
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import (
    Entity,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Source,
)


def test_what_the_tei_carries_is_what_the_sections_edit() -> None:
    assert set(SECTION_OF.values()) == set(TEI_FIELDS) == set(TEI_PARTS) == set(KIND_OF)
    for section, names in TEI_FIELDS.items():
        spec = SECTIONS[section]
        assert set(names) <= {f.name for f in spec.fields}, section
        assert "state" not in names  # publishing is the curator's
        assert set(TEI_PARTS[section]) <= {p.attr for p in spec.parts}, section
        assert SECTIONS[section].model.__mapper__.polymorphic_identity == KIND_OF[section]


def test_stand_ins_are_every_record_of_its_kind_in_no_session(
    session: Session, make_person: Callable[..., Person], make_place: Callable[..., Place]
) -> None:
    make_person(slug="tauke", state=PublicationState.DRAFT)
    make_place(slug="yasy")
    found = stand_ins(session)
    assert set(found) == {"tauke", "yasy"}
    assert isinstance(found["tauke"], Person) and isinstance(found["yasy"], Place)
    assert all(record not in session for record in found.values())
    count = session.scalar(select(func.count()).select_from(Entity))
    assert count == 2


def test_a_person_the_tei_describes_over_the_record(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="tauke", state=PublicationState.PUBLISHED)
    person.summary = LocalizedText(
        {
            "en": LocalizedValue("A khan", Status.CHECKED),
            "ru": LocalizedValue("Хан", Status.CHECKED),
        }
    )
    person.names[0].status = Status.CHECKED
    person.names[0].note = "as the chronicle writes it"
    person.portrait_key = None
    session.flush()
    described = Person(
        slug="tauke",
        summary=LocalizedText({"en": "A khan", "ru": "Хан Казахского ханства"}),
        names=[
            NameVariant(text="Name tauke", lang="en", script="Latn", preferred=True, position=0),
            NameVariant(text="Тәуке", lang="kk", script="Cyrl", position=1),
        ],
    )
    form = update_form(person, "people", described)
    assert form["state"] == "published" and form["slug"] == "tauke"
    assert form["version"] == str(person.version)
    assert form["summary.en"] == "A khan" and form["summary.ru"] == "Хан Казахского ханства"
    assert not any(key.startswith("summary.") and key.endswith(".status") for key in form)
    assert (form["names-0.status"], form["names-0.note"]) == (
        "checked",
        "as the chronicle writes it",
    )
    assert (form["names-1.text"], form["names-1.status"]) == ("Тәуке", "review")
    assert "names-2.text" not in form  # the Persian name the file leaves out goes
    # Saved, the unchanged text keeps its review status and the changed one needs review.
    save(session, "people", "tauke", form)
    assert person.summary["en"].status is Status.CHECKED
    assert person.summary["ru"] == LocalizedValue("Хан Казахского ханства", Status.REVIEW)
    assert [(n.text, n.status) for n in person.names] == [
        ("Name tauke", Status.CHECKED),
        ("Тәуке", Status.REVIEW),
    ]


def test_a_place_that_moved_needs_its_coordinates_checked_again(
    session: Session, make_place: Callable[..., Place]
) -> None:
    place = make_place(
        slug="yasy", latitude=43.3, longitude=68.25, coordinates_status=Status.CHECKED
    )
    same = Place(slug="yasy", place_kind="city", latitude=43.3, longitude=68.25)
    assert update_form(place, "places", same)["coordinates_status"] == "checked"
    moved = Place(slug="yasy", place_kind="city", latitude=43.31, longitude=68.25)
    form = update_form(place, "places", moved)
    assert form["coordinates_status"] == "review" and form["latitude"] == "43.31"


def test_a_manuscripts_rows_are_the_files_but_provenance_keeps_its_citations(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_source: Callable[..., Source],
) -> None:
    manuscript = make_manuscript(slug="ms-1")
    make_source(slug="src")
    form = {
        **record_form(manuscript, "manuscripts"),
        "contents-0.locus": "ff. 1-2",
        "provenance-0.agent_text": "A collector",
        "provenance-0.citations-0.source": "src",
        "provenance-0.citations-0.locator": "p. 1",
    }
    save(session, "manuscripts", "ms-1", form)
    described = Manuscript(
        slug="ms-1",
        title=LocalizedText({"en": "From the file"}),
        provenance=[ProvenanceEntry(agent_text="Another collector", position=0)],
    )
    form = update_form(manuscript, "manuscripts", described)
    assert form["title.en"] == "From the file" and form["state"] == "published"
    assert form["provenance-0.agent_text"] == "Another collector"
    assert form["provenance-0.citations-0.source"] == "src"
    assert form["provenance-0.citations-0.locator"] == "p. 1"
    assert not any(key.startswith("contents-") for key in form)  # the file has none
    save(session, "manuscripts", "ms-1", form)
    assert manuscript.contents == []
    (entry,) = manuscript.provenance
    assert entry.agent_text == "Another collector"
    assert [c.source.slug for c in entry.citations] == ["src"]
