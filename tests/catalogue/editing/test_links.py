"""Link fields, resolved directly: a typed identifier names a record of the right kind, a page or
a page image, or is refused saying why; what a link field offers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.editing.fields import Field, FieldError
from catalogue.editing.links import choices, image_keys, page_ref, resolve, slugs_of
from catalogue.language.messages import Message
from catalogue.models import Manuscript, Page, Person, Place, PublicationState, Side

ANY = Field("object", "ref", label=Message("object"))
PERSON = Field("author", "ref", label=Message("author"), kinds=("person",))
PERSON_OR_PLACE = Field("thing", "ref", label=Message("thing"), kinds=("person", "place"))
PAGE = Field("page", "page", label=Message("page"))
IMAGE = Field("portrait_key", "image", label=Message("portrait_key"))
KEY = "0123abcd-0000-4000-8000-00000000000{}"


def _pages(session: Session, manuscript: Manuscript) -> list[Page]:
    for position, (folio, side, key) in enumerate(
        [("12", Side.RECTO, KEY.format(1)), ("12", Side.VERSO, None), ("13a", Side.NONE, None)],
        start=1,
    ):
        manuscript.pages.append(Page(folio=folio, side=side, position=position, image_key=key))
    session.flush()
    return list(manuscript.pages)


def test_a_ref_names_a_record_of_any_kind_drafts_too(
    session: Session, make_person: Callable[..., Person], make_place: Callable[..., Place]
) -> None:
    person = make_person(slug="tauke", state=PublicationState.DRAFT)
    place = make_place(slug="yasy")
    assert resolve(session, ANY, "tauke") is person
    assert resolve(session, ANY, "yasy") is place
    assert resolve(session, PERSON, "tauke") is person
    assert resolve(session, PERSON_OR_PLACE, "yasy") is place


def test_an_unknown_or_wrong_kind_of_record_is_refused_saying_which(
    session: Session, make_place: Callable[..., Place]
) -> None:
    make_place(slug="yasy")
    with pytest.raises(FieldError, match="no record with the identifier 'nobody'"):
        resolve(session, ANY, "nobody")
    with pytest.raises(FieldError, match="no person with the identifier 'nobody'"):
        resolve(session, PERSON, "nobody")
    with pytest.raises(FieldError, match="'yasy' is a place, not a person"):
        resolve(session, PERSON, "yasy")


def test_a_page_is_named_by_manuscript_and_folio(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    recto, verso, single = _pages(session, make_manuscript(slug="ms-01"))
    assert resolve(session, PAGE, "ms-01/12r") is recto
    assert resolve(session, PAGE, "ms-01/12v") is verso
    assert resolve(session, PAGE, "ms-01/13a") is single
    assert [page_ref(p) for p in (recto, verso, single)] == ["ms-01/12r", "ms-01/12v", "ms-01/13a"]
    assert page_ref(None) == ""


def test_a_folio_ending_in_r_or_v_without_a_side_is_found_whole(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript(slug="ms-02")
    manuscript.pages.append(Page(folio="4v", side=Side.NONE, position=1))
    session.flush()
    assert resolve(session, PAGE, "ms-02/4v") is manuscript.pages[0]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12r", "e.g. ms-01/12r"),
        ("ms-01/", "e.g. ms-01/12r"),
        ("ms-01/12r/x", "e.g. ms-01/12r"),
        ("ms-99/12r", "no manuscript with the identifier 'ms-99'"),
        ("ms-01/99r", "manuscript 'ms-01' has no page '99r'"),
        ("ms-01/13ar", "has no page '13ar'"),
    ],
)
def test_a_page_that_is_not_there_is_refused(
    session: Session, make_manuscript: Callable[..., Manuscript], typed: str, message: str
) -> None:
    _pages(session, make_manuscript(slug="ms-01"))
    with pytest.raises(FieldError, match=message):
        resolve(session, PAGE, typed)


def test_an_image_is_one_of_the_catalogues_page_images_or_portraits(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> None:
    _pages(session, make_manuscript())
    make_person(portrait_key=KEY.format(2))
    assert image_keys(session) == {KEY.format(1), KEY.format(2)}
    assert resolve(session, IMAGE, KEY.format(1)) == KEY.format(1)
    assert resolve(session, IMAGE, KEY.format(2)) == KEY.format(2)
    for typed in (KEY.format(3), "../" + KEY.format(1), KEY.format(1).upper()):
        with pytest.raises(FieldError, match="page images"):
            resolve(session, IMAGE, typed)


def test_slugs_of_names_records_by_id(
    session: Session, make_person: Callable[..., Person], make_place: Callable[..., Place]
) -> None:
    person, place = make_person(slug="a-person"), make_place(slug="a-place")
    assert slugs_of(session, {person.id, place.id, 999_999}) == {
        person.id: "a-person",
        place.id: "a-place",
    }
    assert slugs_of(session, set()) == {}


def test_a_link_field_offers_records_of_its_kinds_pages_and_images(
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
    make_manuscript: Callable[..., Manuscript],
) -> None:
    make_person(slug="b-person", state=PublicationState.DRAFT)
    make_person(slug="a-person")
    make_place(slug="a-place")
    _pages(session, make_manuscript(slug="ms-01"))
    assert [c.value for c in choices(session, PERSON)] == ["a-person", "b-person"]
    assert [c.value for c in choices(session, ANY)] == ["a-person", "a-place", "b-person", "ms-01"]
    offered = choices(session, PERSON)[0]
    assert offered.label.text("en") == "Name a-person"
    assert [c.value for c in choices(session, PAGE)] == ["ms-01/12r", "ms-01/12v", "ms-01/13a"]
    assert [(c.value, c.hint) for c in choices(session, IMAGE)] == [(KEY.format(1), "ms-01/12r")]
