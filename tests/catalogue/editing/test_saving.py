"""Saving a record from a form, called directly: created, updated, refused whole, never stale."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.editing.saving import Refused, find, list_for_curators, record_form, save
from catalogue.models import (
    CataloguingStatus,
    ContentsItem,
    Exhibit,
    Manuscript,
    Person,
    Place,
    PublicationState,
)


def test_a_new_record_is_a_draft_with_the_typed_values(session: Session) -> None:
    saved = save(
        session,
        "manuscripts",
        None,
        {"slug": " MS-New ", "title.en": "A divan", "number": "7", "folio_count": "120"},
    )
    assert isinstance(saved, Manuscript) and saved.id is not None
    assert saved.slug == "ms-new"  # trimmed and lowercased
    assert saved.state is PublicationState.DRAFT
    assert saved.cataloguing_status is CataloguingStatus.IN_PROGRESS
    assert saved.title.text("en") == "A divan" and saved.number == 7 and saved.folio_count == 120
    assert find(session, Manuscript, "ms-new") is saved


@pytest.mark.parametrize("slug", ["", "-lead", "Has Space", "ünï", "a" * 81, "a/b"])
def test_a_bad_slug_is_refused(session: Session, slug: str) -> None:
    with pytest.raises(Refused) as refused:
        save(session, "people", None, {"slug": slug})
    assert set(refused.value.errors) == {"slug"}
    assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_a_slug_is_unique_across_every_kind_of_record(
    session: Session, make_person: Callable[..., Person]
) -> None:
    make_person(slug="tauke")
    with pytest.raises(Refused) as refused:
        save(session, "places", None, {"slug": "tauke", "place_kind": "city"})
    assert "taken" in refused.value.errors["slug"]


def test_every_bad_field_is_refused_at_once_and_nothing_is_added(session: Session) -> None:
    form = {
        "slug": "ms-bad",
        "number": "seven",
        "columns": "99",
        "origin_date": "32 Rajab 1148",
        "collection": "nowhere",
        "title.en": "Kept out",
    }
    with pytest.raises(Refused) as refused:
        save(session, "manuscripts", None, form)
    errors = refused.value.errors
    assert set(errors) == {"number", "columns", "origin_date", "collection"}
    assert "whole number" in errors["number"] and "nowhere" in errors["collection"]
    assert refused.value.theirs is None
    assert find(session, Manuscript, "ms-bad") is None


def test_an_update_with_the_shown_version_is_saved_and_moves_the_version(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript(slug="ms-1")
    form = record_form(manuscript, "manuscripts")
    before = manuscript.version
    save(session, "manuscripts", "ms-1", {**form, "title.en": "Renamed", "state": "draft"})
    assert manuscript.title.text("en") == "Renamed"
    assert manuscript.state is PublicationState.DRAFT
    assert manuscript.version == before + 1


def test_saving_the_form_as_shown_changes_nothing(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="unchanged", birth=None)
    save(session, "people", "unchanged", {**record_form(person, "people"), "summary.en": "Poet"})
    version = person.version
    save(session, "people", "unchanged", record_form(person, "people"))
    assert person.version == version
    assert [n.text for n in person.names] == ["Name unchanged", "نام"]


def test_a_stale_save_is_refused_with_the_stored_version(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript(slug="ms-2")
    shown = record_form(manuscript, "manuscripts")
    save(session, "manuscripts", "ms-2", {**shown, "title.en": "Theirs"})
    with pytest.raises(Refused) as refused:
        save(session, "manuscripts", "ms-2", {**shown, "title.en": "Mine"})
    assert refused.value.errors == {}
    assert refused.value.their_version == manuscript.version
    assert refused.value.theirs is not None and refused.value.theirs["title.en"] == "Theirs"
    assert manuscript.title.text("en") == "Theirs"


def test_a_missing_record_is_a_lookup_error(session: Session) -> None:
    with pytest.raises(LookupError):
        save(session, "people", "nobody", {"version": "1"})


def test_a_change_to_a_part_alone_is_a_new_version(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript(slug="ms-3")
    form = {**record_form(manuscript, "manuscripts"), "contents-0.locus": "ff. 1v-34r"}
    before = manuscript.version
    save(session, "manuscripts", "ms-3", form)
    assert [item.locus for item in manuscript.contents] == ["ff. 1v-34r"]
    assert manuscript.version > before
    assert session.scalar(select(func.count()).select_from(ContentsItem)) == 1


def test_links_are_resolved_to_records(
    session: Session, make_place: Callable[..., Place], make_person: Callable[..., Person]
) -> None:
    make_place(slug="bukhara")
    make_person(slug="a-person")
    saved = save(session, "manuscripts", None, {"slug": "ms-4", "origin_place": "bukhara"})
    assert isinstance(saved, Manuscript) and saved.origin_place is not None
    assert saved.origin_place.slug == "bukhara"
    with pytest.raises(Refused) as refused:
        save(session, "manuscripts", None, {"slug": "ms-5", "origin_place": "a-person"})
    assert "person" in refused.value.errors["origin_place"]


def test_a_place_cannot_lie_within_itself_even_through_another(
    session: Session, make_place: Callable[..., Place]
) -> None:
    outer = make_place(slug="outer")
    inner = make_place(slug="inner", parent=outer)
    with pytest.raises(Refused) as refused:
        save(session, "places", "outer", {**record_form(outer, "places"), "parent": "inner"})
    assert "within itself" in refused.value.errors["parent"]
    with pytest.raises(Refused):
        save(session, "places", "inner", {**record_form(inner, "places"), "parent": "inner"})
    assert outer.parent is None and inner.parent is outer


def test_an_exhibit_is_published_only_when_visitors_see_every_step(
    session: Session,
    make_person: Callable[..., Person],
) -> None:
    make_person(slug="shown")
    make_person(slug="hidden", state=PublicationState.DRAFT)
    form = {
        "slug": "story",
        "state": "published",
        "title.en": "A story",
        "steps-0.entity": "shown",
        "steps-1.entity": "hidden",
    }
    with pytest.raises(Refused) as refused:
        save(session, "exhibits", None, form)
    assert list(refused.value.errors) == ["steps-1.entity"]
    assert "'hidden' is a draft" in refused.value.errors["steps-1.entity"]
    draft = save(session, "exhibits", None, {**form, "state": "draft"})  # a draft may wait
    assert isinstance(draft, Exhibit)
    assert [s.entity.slug if s.entity else None for s in draft.steps] == ["shown", "hidden"]


def test_curators_list_drafts_too_newest_first(session: Session) -> None:
    save(session, "people", None, {"slug": "first"})
    save(session, "people", None, {"slug": "second", "state": "published"})
    listed = list_for_curators(session, "people")
    assert {r.slug for r in listed} == {"first", "second"}
    assert listed == sorted(listed, key=lambda r: r.updated_at, reverse=True)
    assert list_for_curators(session, "places") == []
