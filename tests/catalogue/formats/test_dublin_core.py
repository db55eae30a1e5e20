"""Dublin Core of each kind of record: the elements, their languages, and the oai_dc element."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from catalogue.dates.parser import parse as parse_date
from catalogue.formats.dublin_core import DC, OAI_DC, XML_LANG, dublin_core, oai_dc_element
from catalogue.language.localized import LocalizedText
from catalogue.models import (
    CataloguingStatus,
    Collection,
    Event,
    Kind,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Shelfmark,
    Source,
)


def url(kind: Kind, slug: str) -> str:
    return f"https://example.org/{kind.value}/{slug}"


def _values(triples: list[tuple[str, str, str | None]], element: str) -> list[str]:
    return [value for name, value, _ in triples if name == element]


def test_a_manuscript(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_place: Callable[..., Place],
) -> None:
    collection = Collection(slug="coll", state=PublicationState.PUBLISHED)
    session.add(collection)
    manuscript = make_manuscript(
        slug="ms-1",
        title=LocalizedText({"en": "Divan", "fa": "دیوان"}),
        summary=LocalizedText({"ru": "Сборник"}),
        text_languages=["fa", "chg"],
        subjects=["poetry"],
        origin_date=parse_date("1150 AH"),
        origin_place=make_place(slug="herat"),
        folio_count=120,
        support="paper",
        collection=collection,
        cataloguing_status=CataloguingStatus.IN_PROGRESS,
    )
    manuscript.shelfmarks.append(Shelfmark(kind="shelfmark", institution="L", idno="Ms. 1"))
    session.flush()
    dc = dublin_core(manuscript, url)
    assert dc[:2] == [("title", "Divan", "en"), ("title", "دیوان", "fa")]
    assert _values(dc, "identifier") == ["https://example.org/manuscript/ms-1", "Ms. 1"]
    assert _values(dc, "type") == ["Text", "manuscript"]
    assert ("description", "Сборник", "ru") in dc
    assert ("description", "Cataloguing in progress.", "en") in dc
    assert _values(dc, "language") == ["fa", "chg"] and _values(dc, "subject") == ["poetry"]
    dates = _values(dc, "date")
    assert dates[0] == "1150 AH (hijri)" and any("/" in d and d[:4] == "1737" for d in dates)
    assert ("coverage", "Place herat", "en") in dc
    assert _values(dc, "format") == ["120 folios", "paper"]
    assert _values(dc, "relation") == ["https://example.org/collection/coll"]


def test_a_catalogued_manuscript_is_not_said_to_be_in_progress(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = make_manuscript(cataloguing_status=CataloguingStatus.DONE)
    assert "Cataloguing in progress." not in _values(dublin_core(manuscript, url), "description")


def test_a_person_with_other_names_dates_and_authority_ids(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="tauke", birth=parse_date("1635"), wikidata_id="Q123", viaf_id="456")
    person.names[1].preferred = False  # the Persian name is a variant
    dc = dublin_core(person, url)
    assert dc[0] == ("title", "Name tauke", "en")
    assert ("title", "نام", "fa") in dc
    assert _values(dc, "type") == ["person"]
    assert "1635 (gregorian)" in _values(dc, "date")
    assert _values(dc, "relation") == [
        "http://www.wikidata.org/entity/Q123",
        "http://viaf.org/viaf/456",
    ]


def test_a_place_an_event_a_source_and_a_collection(
    session: Session, make_place: Callable[..., Place], make_source: Callable[..., Source]
) -> None:
    place = make_place(slug="yasy", latitude=43.3, longitude=68.25)
    assert ("coverage", "43.3,68.25", None) in dublin_core(place, url)
    event = Event(slug="ev", state=PublicationState.PUBLISHED, event_kind="battle", place=place)
    event.date = parse_date("1723")
    session.add(event)
    session.flush()
    dc = dublin_core(event, url)
    assert _values(dc, "type") == ["Event"] and ("coverage", "Place yasy", "en") in dc
    assert "1723 (gregorian)" in _values(dc, "date")
    source = make_source(
        author="An author", publisher="A press", language="ru", url="https://example.org/s"
    )
    dc = dublin_core(source, url)
    assert _values(dc, "creator") == ["An author"] and _values(dc, "publisher") == ["A press"]
    assert _values(dc, "language") == ["ru"] and _values(dc, "source") == ["https://example.org/s"]
    collection = Collection(slug="c", state=PublicationState.PUBLISHED, subjects=["history"])
    session.add(collection)
    session.flush()
    dc = dublin_core(collection, url)
    assert _values(dc, "type") == ["Collection"] and _values(dc, "subject") == ["history"]


def test_the_oai_dc_element_holds_the_triples_with_their_languages(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(slug="tauke")
    root = oai_dc_element(person, url)
    assert root.tag == f"{{{OAI_DC}}}dc"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").startswith(
        OAI_DC
    )
    children = [(c.tag.removeprefix(f"{{{DC}}}"), c.text, c.get(XML_LANG)) for c in root]
    assert children == dublin_core(person, url)
