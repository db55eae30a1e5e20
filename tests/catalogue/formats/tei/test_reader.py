"""TEI round trip: export every manuscript, import into an empty database, export again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree
from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar
from catalogue.dates.parser import parse as parse_date
from catalogue.db import Database
from catalogue.formats.tei.files import tei_files
from catalogue.formats.tei.reader import TEIImportError, import_files, parse
from catalogue.formats.tei.writer import TEI_NS
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import (
    CataloguingStatus,
    Collection,
    ContentsItem,
    Kind,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Seal,
    Shelfmark,
)
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import Backend

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def url(kind: Kind, slug: str) -> str:
    return f"https://example.org/{kind.value}/{slug}"


def _both(en: str, fa: str) -> LocalizedText:
    return LocalizedText(
        {"en": LocalizedValue(en, Status.CHECKED), "fa": LocalizedValue(fa, Status.REVIEW)}
    )


def _described(session: Session) -> None:
    """One manuscript with every field the TEI carries filled in (synthetic test data)."""
    scribe = Person(
        slug="test-scribe",
        state=PublicationState.PUBLISHED,
        names=[
            NameVariant(text="Test Scribe", lang="en", script="Latn", preferred=True),
            NameVariant(text="کاتب آزمایشی", lang="fa", script="Arab", position=1),
        ],
        wikidata_id="Q1",
        viaf_id="123",
        birth=parse_date("1100 AH", Calendar.HIJRI),
        active=parse_date("c. 1737"),
        role=_both("scribe", "کاتب"),
        summary=_both("A test person.", "شخص آزمایشی"),
    )
    city = Place(
        slug="test-city",
        state=PublicationState.PUBLISHED,
        place_kind="city",
        names=[NameVariant(text="Test City", lang="en", script="Latn", preferred=True)],
        latitude=32.65,
        longitude=51.6667,
        wikidata_id="Q2",
    )
    quarter = Place(
        slug="test-quarter",
        state=PublicationState.PUBLISHED,
        place_kind="site",
        parent=city,
        names=[NameVariant(text="Test Quarter", lang="en", script="Latn", preferred=True)],
    )
    collection = Collection(
        slug="test-collection", state=PublicationState.PUBLISHED, title=_both("Tests", "آزمون")
    )
    session.add_all([scribe, city, quarter, collection])
    session.add(
        Manuscript(
            slug="test-ms",
            state=PublicationState.PUBLISHED,
            number=99,
            collection=collection,
            cataloguing_status=CataloguingStatus.DONE,
            title=_both("A test manuscript", "نسخهٔ آزمایشی"),
            accession_number="ACC-1",
            summary=_both("Summary & <things>", "خلاصه"),
            text_languages=["fa", "ar"],
            scripts=["nastaliq"],
            subjects=["history"],
            support="paper",
            support_note=_both("Oriental paper", "کاغذ"),
            folio_count=120,
            extent_note=_both("ii + 120 + i", "۱۲۰"),
            leaf_height_mm=250.5,
            leaf_width_mm=160.0,
            written_height_mm=180.0,
            columns=1,
            lines_per_page="13–15",
            layout_note=_both("Ruled in red", "جدول"),
            hands=_both("One hand", "یک دست"),
            scribe_name="کاتب",
            decoration=_both("An unwan", "سرلوح"),
            binding=_both("Leather", "چرم"),
            condition=_both("Worm holes", "کرم‌خوردگی"),
            origin_date=parse_date("Rajab 1150 AH", Calendar.HIJRI),
            origin_place=quarter,
            origin_note=_both("From the colophon", "از انجامه"),
            shelfmarks=[
                Shelfmark(institution="A library", settlement="Astana", idno="MS 1"),
                Shelfmark(kind="former", institution="Another", idno="Old 7", position=1),
            ],
            contents=[
                ContentsItem(
                    locus="ff. 1v–34r",
                    title=_both("A work", "کتاب"),
                    author=scribe,
                    author_text="as written",
                    text_language="fa",
                    rubric="بسم الله",
                    incipit="آغاز",
                    explicit="انجام",
                    colophon="تمت",
                    note=_both("note", "یادداشت"),
                ),
                ContentsItem(position=1, title=_both("Second", "دوم")),
            ],
            seals=[
                Seal(
                    locus="f. 1r",
                    legend="عبده",
                    legend_translation=_both("His servant", "بندهٔ او"),
                    shape="oval",
                    owner=scribe,
                    date=parse_date("1160 AH", Calendar.HIJRI),
                    note=_both("faint", "کمرنگ"),
                )
            ],
            provenance=[
                ProvenanceEntry(
                    summary=_both("Bought", "خریده شد"),
                    date=parse_date("1900"),
                    date_note=_both("about then", "حدود"),
                    place=city,
                    agent=scribe,
                    agent_text="someone",
                )
            ],
        )
    )


@pytest.fixture
def described_db(db: Database) -> Database:
    with transaction(db) as session:
        load_shipped_catalogue(session)
        _described(session)
    return db


def _export(database: Database) -> dict[str, bytes]:
    with database.read() as session:
        return tei_files(session, url, "https://example.org/tei/authority.xml")


def test_export_import_export_is_identical(described_db: Database, backend: Backend) -> None:
    first = _export(described_db)
    assert len(first) == 27 + 1 + 1  # the shipped 27, the described one, the authority file
    empty = Database(backend.fresh_url())
    try:
        with transaction(empty) as session:
            imported = import_files(session, first)
            assert len(imported) == 28
        second = _export(empty)
    finally:
        empty.dispose()
    assert second.keys() == first.keys()
    for name in first:
        assert second[name] == first[name], name


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"<TEI", "well-formed"),
        (b"<x/>", "not TEI"),
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&e;</TEI>',
            "",
        ),
    ],
)
def test_hostile_or_broken_documents_are_refused_or_inert(data: bytes, fragment: str) -> None:
    if fragment:
        with pytest.raises(TEIImportError, match=fragment):
            parse(data)
    else:
        root = parse(data)  # the external entity is left unexpanded
        assert b"root:" not in etree.tostring(root)


def test_an_unknown_reference_is_a_clear_error(
    described_db: Database, backend: Backend, make_person: Callable[..., Person]
) -> None:
    files = _export(described_db)
    files["authority.xml"] = files["authority.xml"].replace(b'xml:id="test-scribe"', b'xml:id="x"')
    empty = Database(backend.fresh_url())
    try:
        with pytest.raises(TEIImportError, match="test-scribe"), transaction(empty) as session:
            import_files(session, files)
    finally:
        empty.dispose()


def test_line_separators_and_controls_xml_can_carry_are_cleaned_at_parse() -> None:
    # XML forbids U+000B, but carries \r (as &#13;), NEL, C1 controls and U+2028/U+2029,
    # none of which the forms let a stored value keep; every importer reads through parse.
    document = (
        f'<TEI xmlns="{TEI_NS}" xml:id="ms-x"><teiHeader><fileDesc><sourceDesc>'
        '<msDesc><head><title xml:lang="en">one&#13;two\u2028three\x85four\x9bfive</title>'
        "</head></msDesc></sourceDesc></fileDesc></teiHeader></TEI>"
    ).encode()
    root = parse(document)
    texts = [t for node in root.iter() for t in (node.text, node.tail) if t]
    assert "one\ntwo\nthree\nfourfive" in texts
