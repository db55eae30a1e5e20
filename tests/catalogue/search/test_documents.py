"""What the index holds for each published record and each transcribed page, built directly."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sqlalchemy.orm import Session

from catalogue.dates.parser import parse as parse_date
from catalogue.language.localized import LocalizedText
from catalogue.models import (
    ContentsItem,
    Manuscript,
    Page,
    PageText,
    Person,
    Place,
    PublicationState,
    Relation,
    Seal,
    Shelfmark,
    Side,
    Source,
    TextKind,
)
from catalogue.search.documents import SearchDocument, all_documents, documents_for


def test_text_goes_to_the_field_of_its_language_or_script() -> None:
    doc = SearchDocument("person:x", "person", "x", 1)
    doc.add_text("ar", "  نص  ", None, "")
    doc.add_text("chg", "سوز")
    doc.add_text("ru", "текст")
    doc.add_text(None, "untagged")
    doc.add_text("de", "Wort")  # a language without a field of its own: English's
    doc.add_text("kk", "   ")  # nothing typed: no field
    assert doc.texts == {"fa": "نص\nسوز", "ru": "текст", "en": "untagged\nWort"}
    doc.add_localized(LocalizedText({"kk": "мәтін", "en": "more"}))
    assert doc.texts["kk"] == "мәтін" and doc.texts["en"].endswith("\nmore")


def test_the_digest_changes_with_the_content_only() -> None:
    one = SearchDocument("person:x", "person", "x", 1, titles={"en": "X"})
    same = SearchDocument("person:x", "person", "x", 1, titles={"en": "X"})
    assert one.digest() == same.digest()
    same.names.append("Another name")
    assert one.digest() != same.digest()
    one.set_date(parse_date("1150 AH"))
    assert one.date_from is not None and one.date_from.year == 1737


def test_drafts_have_no_documents(session: Session, make_person: Callable[..., Person]) -> None:
    draft = make_person(state=PublicationState.DRAFT)
    assert documents_for(session, draft) == []
    assert all_documents(session) == []


def test_a_manuscript_holds_its_parts_and_links_and_each_transcribed_page(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
) -> None:
    author = make_person(slug="navoi")
    owner = make_person(slug="owner")
    place = make_place(slug="herat")
    manuscript = make_manuscript(
        slug="ms-1",
        title=LocalizedText({"en": "Divan", "fa": "دیوان"}),
        accession_number="A-17",
        origin_place=place,
        origin_date=parse_date("1150 AH"),
        scripts=["nastaliq"],
        text_languages=["chg"],
    )
    manuscript.shelfmarks.append(
        Shelfmark(kind="shelfmark", institution="Library", idno="Ms. 1", position=0)
    )
    manuscript.contents.append(
        ContentsItem(author=author, incipit="بسم الله", text_language="chg", position=0)
    )
    manuscript.seals.append(Seal(legend="عبده", owner=owner, owner_text="Its owner", position=0))
    manuscript.pages += [
        Page(folio="1", side=Side.RECTO, position=1),
        Page(folio="1", side=Side.VERSO, position=2),
    ]
    session.flush()
    manuscript.pages[1].texts.append(
        PageText(kind=TextKind.TRANSCRIPTION, lang="fa", text="متن صفحه")
    )
    session.flush()
    record, page = documents_for(session, manuscript)
    assert (record.key, record.kind, record.record_id) == ("manuscript:ms-1", "manuscript", "ms-1")
    assert record.titles["en"] == "Divan" and record.version == manuscript.version
    assert {"A-17", "Ms. 1", "Its owner"} <= set(record.names)
    assert "بسم الله" in record.texts["fa"] and "عبده" in record.texts["fa"]
    assert record.persons == ["navoi", "owner"] and record.places == ["herat"]
    assert record.scripts == ["nastaliq"] and record.languages == ["chg"]
    assert record.date_from is not None and record.date_from.year == 1737
    assert (page.key, page.kind, page.page) == ("page:ms-1:2", "page", "1v")
    assert page.titles["en"] == "Divan, f. 1v" and page.texts == {"fa": "متن صفحه"}
    assert page.persons == record.persons and page.date_from == record.date_from
    assert page.languages == ["fa"]


def test_a_persons_date_is_their_life_when_no_active_years(
    session: Session, make_person: Callable[..., Person]
) -> None:
    person = make_person(birth=parse_date("1441"), death=parse_date("1501"))
    (doc,) = documents_for(session, person)
    assert (doc.date_from, doc.date_to) == (datetime.date(1441, 1, 1), datetime.date(1501, 12, 31))
    assert doc.persons == [person.slug]
    assert set(doc.names) == {f"Name {person.slug}", "نام"}
    only_born = make_person(birth=parse_date("1441"))
    (doc,) = documents_for(session, only_born)
    assert doc.date_to == datetime.date(1441, 12, 31)


def test_related_records_are_listed_as_persons_and_places(
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
    make_source: Callable[..., Source],
) -> None:
    person = make_person(slug="navoi")
    city = make_place(slug="herat", parent=make_place(slug="khorasan"))
    session.add(Relation(subject=person, object=city, predicate="born_in"))
    source = make_source(slug="src", language="ru", full_text="Полный текст", author="Автор")
    session.flush()
    (doc,) = documents_for(session, person)
    assert doc.places == ["herat"]
    (place_doc,) = documents_for(session, city)
    assert place_doc.places == ["herat", "khorasan"] and place_doc.persons == ["navoi"]
    (source_doc,) = documents_for(session, source)
    assert source_doc.texts["ru"] == "Полный текст" and source_doc.languages == ["ru"]
    assert "Автор" in source_doc.names
    assert {d.key for d in all_documents(session)} == {
        "person:navoi",
        "place:herat",
        "place:khorasan",
        "source:src",
    }
