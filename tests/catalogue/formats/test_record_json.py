"""One record as the API's JSON, made directly: every field, dates in both calendars, references
as short links, relations both ways to published records only."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy.orm import Session

from catalogue.dates.parser import parse as parse_date
from catalogue.formats.record_json import date_json, record_json, ref_json, summary_json
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import (
    Citation,
    Collection,
    ContentsItem,
    Kind,
    Manuscript,
    Page,
    Person,
    Place,
    PublicationState,
    Relation,
    Side,
    Source,
)


def url(kind: Kind, slug: str) -> str:
    return f"https://example.org/{kind.value}/{slug}"


def test_a_date_is_shown_in_both_calendars() -> None:
    shown = date_json(parse_date("1150 AH"))
    assert shown is not None
    assert shown["statement"] == "1150 AH" and shown["calendar"] == "hijri"
    assert shown["display"]["hijri"].startswith("1150")
    assert shown["display"]["gregorian"].startswith("1737")
    assert date_json(None) is None


def test_a_reference_is_a_short_link(session: Session, make_place: Callable[..., Place]) -> None:
    place = make_place(slug="yasy")
    assert ref_json(place, url) == {
        "id": "yasy",
        "kind": "place",
        "label": place.label().to_json(),
        "url": "https://example.org/place/yasy",
    }
    assert place.label().text("en") == "Place yasy"
    assert ref_json(None, url) is None


def test_a_persons_summary_holds_names_and_life(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="tauke", birth=parse_date("1635"))
    person.names[0].status = Status.CHECKED
    summary = summary_json(person, url)
    assert summary["id"] == "tauke" and summary["url"] == "https://example.org/person/tauke"
    assert [(n["text"], n["lang"], n["status"]) for n in summary["names"]] == [
        ("Name tauke", "en", "checked"),
        ("نام", "fa", "review"),
    ]
    assert summary["life"]["birth"]["statement"] == "1635" and summary["life"]["death"] is None


def test_a_manuscript_in_full(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
    make_source: Callable[..., Source],
) -> None:
    author = make_person(slug="navoi")
    manuscript = make_manuscript(
        slug="ms-1",
        number=7,
        title=LocalizedText({"fa": LocalizedValue("دیوان", Status.CHECKED)}),
        leaf_height_mm=210.5,
        columns=2,
        origin_date=parse_date("1150 AH"),
    )
    manuscript.contents.append(ContentsItem(locus="ff. 1-10", author=author, incipit="بسم"))
    manuscript.pages.append(Page(folio="1", side=Side.RECTO, position=1))
    manuscript.citations.append(Citation(source=make_source(slug="src"), locator="p. 3"))
    session.flush()
    data = record_json(session, manuscript, url)
    json.dumps(data)  # JSON all the way down
    assert (data["id"], data["kind"], data["number"], data["state"]) == (
        "ms-1",
        "manuscript",
        7,
        "published",
    )
    assert data["version"] == manuscript.version
    assert data["title"] == {"fa": {"text": "دیوان", "status": "checked"}}
    assert data["dimensions"]["leaf_height_mm"] == 210.5 and data["layout"]["columns"] == 2
    assert data["origin"]["date"]["display"]["gregorian"].startswith("1737")
    (item,) = data["contents"]
    assert item["locus"] == "ff. 1-10" and item["author"]["id"] == "navoi"
    assert data["pages"] == [
        {
            "position": 1,
            "label": "1r",
            "folio": "1",
            "side": "recto",
            "placeholder": True,
            "width": None,
            "height": None,
        }
    ]
    assert [(c["source"]["id"], c["locator"]) for c in data["citations"]] == [("src", "p. 3")]
    assert data["names"] == []


def test_relations_go_both_ways_to_published_records_only(
    session: Session,
    make_person: Callable[..., Person],
    make_manuscript: Callable[..., Manuscript],
    make_source: Callable[..., Source],
) -> None:
    person = make_person(slug="navoi")
    manuscript = make_manuscript(slug="ms-1")
    hidden = make_manuscript(slug="ms-draft", state=PublicationState.DRAFT)
    source = make_source(slug="src")
    relation = Relation(subject_id=person.id, object_id=manuscript.id, predicate="author_of")
    session.add_all(
        [relation, Relation(subject_id=person.id, object_id=hidden.id, predicate="author_of")]
    )
    session.flush()
    relation.citations.append(Citation(source=source, locator="l. 2"))
    session.flush()
    (forward,) = record_json(session, person, url)["relations"]
    assert (forward["predicate"], forward["direction"], forward["record"]["id"]) == (
        "author_of",
        "forward",
        "ms-1",
    )
    assert forward["label"]["en"]["text"] == "author of"
    assert [c["locator"] for c in forward["citations"]] == ["l. 2"]
    (inverse,) = record_json(session, manuscript, url)["relations"]
    assert (inverse["direction"], inverse["record"]["id"]) == ("inverse", "navoi")
    assert inverse["label"]["en"]["text"] == "author"


def test_a_place_and_a_collection(
    session: Session,
    make_place: Callable[..., Place],
    make_manuscript: Callable[..., Manuscript],
) -> None:
    parent = make_place(slug="khorasan")
    place = make_place(slug="herat", parent=parent, latitude=34.35, longitude=62.2)
    data = record_json(session, place, url)
    assert data["parent"]["id"] == "khorasan" and data["latitude"] == 34.35
    assert data["coordinates_status"] == "review"
    collection = Collection(slug="coll", state=PublicationState.PUBLISHED, subjects=["poetry"])
    session.add(collection)
    make_manuscript(slug="ms-shown", collection=collection)
    make_manuscript(slug="ms-hidden", collection=collection, state=PublicationState.DRAFT)
    session.flush()
    session.refresh(collection)
    data = record_json(session, collection, url)
    assert [m["id"] for m in data["manuscripts"]] == ["ms-shown"]
    assert data["subjects"] == ["poetry"]
