"""The one rule for links seen by the public: a published record is named, a draft only marked."""

from __future__ import annotations

from collections.abc import Callable

from catalogue.models import Kind, Person, Place, PublicationState
from catalogue.reading.public import NOT_PUBLIC, PublicRef, is_public, public_only, public_ref


def test_a_published_record_is_named_and_a_draft_is_only_marked(
    make_person: Callable[..., Person], make_place: Callable[..., Place]
) -> None:
    person = make_person(slug="known")
    draft = make_place(slug="hidden", state=PublicationState.DRAFT)
    assert is_public(person) and not is_public(draft)
    assert public_ref(person) == PublicRef(Kind.PERSON, "known", person.label())
    marked = public_ref(draft)
    assert marked is not None and not marked.public
    assert (marked.kind, marked.slug, marked.label.text("en")) == (Kind.PLACE, None, NOT_PUBLIC)
    assert "Place hidden" not in str(marked)
    assert public_ref(None) is None
    assert (
        public_only(person) is person and public_only(draft) is None and public_only(None) is None
    )
