"""TEI export: every language variant with xml:lang and @cert, dates with their calendar and
range, links only to public records, and nothing XML cannot carry."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from sqlalchemy.orm import Session

from catalogue.dates.parser import parse as parse_date
from catalogue.db import Database
from catalogue.formats.tei.writer import (
    TEI_NS,
    XML,
    authority_tei,
    date,
    localized,
    localized_p,
    manuscript_tei,
    ref,
    t,
    to_bytes,
)
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import (
    Collection,
    ContentsItem,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Seal,
)
from tests.catalogue.formats.tei.test_reader import XML_LANG, _export, described_db, url

NS = {"tei": TEI_NS}
__all__ = ["described_db"]  # a fixture, used by name


def test_exports_are_well_formed_tei_with_languages_and_calendars(described_db: Database) -> None:
    files = _export(described_db)
    for data in files.values():
        root = etree.fromstring(data)
        assert root.tag == f"{{{TEI_NS}}}TEI"
    root = etree.fromstring(files["test-ms.xml"])
    ns = {"tei": TEI_NS}
    titles = root.findall(".//tei:msDesc/tei:head/tei:title", ns)
    assert {t.get(XML_LANG) for t in titles} == {"en", "fa"}
    (orig,) = root.findall(".//tei:origDate", ns)
    assert orig.get("calendar") == orig.get("datingMethod") == "#test-ms-hijri"
    assert orig.get("notBefore") == "1737-10-25" and orig.get("notAfter") == "1737-11-23"
    assert orig.text == "Rajab 1150 AH"
    assert root.xpath("//tei:calendarDesc/tei:calendar[@xml:id='test-ms-hijri']", namespaces=ns)
    (place,) = root.findall(".//tei:origPlace", ns)
    assert place.get("ref") == "authority.xml#test-quarter"
    authority = etree.fromstring(files["authority.xml"])
    (person,) = authority.xpath("//tei:listPerson/tei:person[@xml:id='test-scribe']", namespaces=ns)
    assert [i.text for i in person.findall("tei:idno", ns)] == ["Q1", "123"]
    assert authority.xpath("//tei:listPlace/tei:place[@xml:id='test-quarter']", namespaces=ns)
    # every element with text in one of the interface languages says which
    for node in root.iter(f"{{{TEI_NS}}}summary", f"{{{TEI_NS}}}title"):
        assert node.get(XML_LANG)


def test_an_element_leaves_out_attributes_without_a_value() -> None:
    root = t(None, "TEI", xml_id="doc")
    node = t(root, "idno", "12", type=None, n="3")
    assert root.nsmap == {None: TEI_NS}
    assert root.get(f"{{{XML}}}id") == "doc"
    assert dict(node.attrib) == {"n": "3"}
    assert node.text == "12"


def test_text_xml_cannot_carry_is_cleaned_on_the_way_out() -> None:
    node = t(t(None, "TEI"), "p", "a\x0bb\x00", n="x\x1by")
    assert node.text == "a\nb"
    assert node.get("n") == "xy"
    etree.fromstring(to_bytes(node.getroottree().getroot()))  # well-formed


def test_every_language_variant_says_its_language_and_whether_it_was_checked() -> None:
    parent = t(None, "TEI")
    value = LocalizedText({"en": LocalizedValue("Firman", Status.CHECKED), "fa": "فرمان"})
    localized(parent, "title", value, type="main")
    assert [(n.get(XML_LANG), n.get("cert"), n.get("type"), n.text) for n in parent] == [
        ("en", "high", "main", "Firman"),
        ("fa", "unknown", "main", "فرمان"),
    ]


def test_an_empty_value_writes_no_wrapper() -> None:
    parent = t(None, "TEI")
    localized_p(parent, "note", LocalizedText())
    assert len(parent) == 0
    localized_p(parent, "note", LocalizedText({"kk": "Жазба"}))
    (note,) = parent
    assert [p.tag for p in note] == [f"{{{TEI_NS}}}p"]


def test_a_date_points_at_its_documents_calendar_and_precision() -> None:
    root = t(None, "TEI", xml_id="ms-7")
    origin = t(root, "origin")
    date(origin, "origDate", None)
    assert len(origin) == 0
    date(origin, "origDate", parse_date("before 1800"))
    (node,) = origin
    assert node.text == "before 1800"
    assert node.get("calendar") == node.get("datingMethod") == "#ms-7-gregorian"
    assert node.get("ana") == "#ms-7-precision-before"
    assert node.get("notAfter") is not None


def test_links_point_into_the_authority_file_only_for_public_records(
    make_person: Callable[..., Person],
) -> None:
    public = make_person(slug="shown")
    draft = make_person(slug="hidden", state=PublicationState.DRAFT)
    assert ref(public) == "authority.xml#shown"
    assert ref(draft) is None
    assert ref(None) is None


def test_a_manuscript_leaves_out_links_to_drafts_but_keeps_names_as_written(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
) -> None:
    draft_person = make_person(state=PublicationState.DRAFT)
    ms = make_manuscript(
        slug="ms-links",
        number=4,
        collection=Collection(slug="draft-coll"),
        origin_place=make_place(state=PublicationState.DRAFT),
        contents=[ContentsItem(author=draft_person, author_text="as written")],
        seals=[Seal(owner=draft_person)],
    )
    session.flush()
    root = manuscript_tei(ms, url)
    assert root.get(f"{{{XML}}}id") == "ms-links"
    (desc,) = root.iterfind(".//tei:msDesc", NS)
    assert desc.get("n") == "4"
    assert root.find(".//tei:msIdentifier/tei:collection", NS) is None
    assert root.find(".//tei:origPlace", NS) is None
    (author,) = root.iterfind(".//tei:msItem/tei:author", NS)
    assert author.text == "as written" and author.get("ref") is None
    assert root.find(".//tei:seal/tei:persName", NS) is None  # no name, and not public
    assert root.findtext(".//tei:msIdentifier/tei:idno[@type='local']", namespaces=NS) == "ms-links"
    assert "hidden" not in to_bytes(root).decode()


def test_the_authority_file_lists_names_identifiers_and_parents(
    make_person: Callable[..., Person], make_place: Callable[..., Place]
) -> None:
    person = make_person(slug="p1", wikidata_id="Q5", viaf_id=None)
    city = make_place(slug="city")
    quarter = make_place(slug="quarter", parent=city, latitude=36.5, longitude=59.25)
    hidden_parent = make_place(slug="hidden-parent", state=PublicationState.DRAFT)
    orphan = make_place(slug="orphan", parent=hidden_parent)
    root = authority_tei([person], [quarter, orphan], [], "https://example.org/authority.xml")
    (entry,) = root.iterfind(".//tei:listPerson/tei:person", NS)
    names = entry.findall("tei:persName", NS)
    assert [(n.get(XML_LANG), n.get("type")) for n in names] == [
        ("en-Latn", "preferred"),
        ("fa-Arab", "preferred"),
    ]
    assert [(i.get("type"), i.text) for i in entry.findall("tei:idno", NS)] == [("wikidata", "Q5")]
    relations = root.findall(".//tei:listPlace/tei:place/tei:relation", NS)
    assert [(r.get("active"), r.get("passive")) for r in relations] == [("#quarter", "#city")]
    assert root.findtext(".//tei:place/tei:location/tei:geo", namespaces=NS) == "36.5 59.25"


def test_to_bytes_is_a_utf8_document_with_its_declaration() -> None:
    data = to_bytes(t(None, "TEI", xml_id="x"))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert etree.fromstring(data).tag == f"{{{TEI_NS}}}TEI"
