"""TEI P5: a manuscript as a msDesc, and the people, places and collections it names.

Every language variant carries xml:lang; whether a curator has checked it is carried by @cert
("high" checked, "unknown" not yet). Dates keep the statement as written, with the calendar
it was written in (@calendar and @datingMethod pointing into calendarDesc), the Gregorian
range (@notBefore/@notAfter) and the statement's precision (@ana). People, places and
collections are pointers (@ref, @key) into the authority file (AUTHORITY_FILE), a TEI file of
its own with listPerson and listPlace, each entry with all its name variants and its Wikidata
and VIAF identifiers. catalogue/formats/tei/reader.py reads both back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from catalogue.dates.calendars import Calendar, HistoricalDate, calendar_label
from catalogue.language.characters import xml_text
from catalogue.language.localized import LocalizedText, Status
from catalogue.models import Collection, Entity, Kind, Manuscript, NameVariant, Person, Place
from catalogue.reading.public import public_only

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_SCHEMA = "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
XML = "http://www.w3.org/XML/1998/namespace"
AUTHORITY_FILE = "authority.xml"
PRECISIONS = ("exact", "circa", "before", "after", "range", "century")
CERT = {Status.CHECKED: "high", Status.REVIEW: "unknown"}

RecordUrl = Callable[[Kind, str], str]


def t(
    parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str | None
) -> etree._Element:
    """A TEI element (appended to parent when given); attributes left None are not written."""
    qualified = f"{{{TEI_NS}}}{tag}"
    if parent is None:
        node = etree.Element(qualified, nsmap={None: TEI_NS})
    else:
        node = etree.SubElement(parent, qualified)
    if text is not None:
        node.text = xml_text(text)
    for key, value in attrs.items():
        if value is not None:
            node.set(f"{{{XML}}}{key[4:]}" if key.startswith("xml_") else key, xml_text(value))
    return node


def _opt(parent: etree._Element, tag: str, text: str | None, **attrs: str | None) -> None:
    if text:
        t(parent, tag, text, **attrs)


def localized(parent: etree._Element, tag: str, value: LocalizedText, **attrs: str | None) -> None:
    """One element per language variant, each with xml:lang and its review state."""
    for lang, variant in value.items():
        t(parent, tag, variant.text, xml_lang=lang, cert=CERT[variant.status], **attrs)


def localized_p(parent: etree._Element, tag: str, value: LocalizedText) -> None:
    """A wrapper element holding one <p> per language variant (only when there is any)."""
    if value:
        localized(t(parent, tag), "p", value)


def _scope(node: etree._Element) -> str:
    # Ids are prefixed with the document's own id: several documents travel together in one
    # OAI-PMH response, and an XML id must be unique in the whole of it.
    return str(node.getroottree().getroot().get(f"{{{XML}}}id"))


def date(parent: etree._Element, tag: str, value: HistoricalDate | None) -> None:
    """A dated statement: as written, its calendar, its precision and the Gregorian range."""
    if value is None:
        return
    scope = _scope(parent)
    calendar = f"#{scope}-{value.calendar.value}"
    t(
        parent,
        tag,
        value.statement,
        calendar=calendar,
        datingMethod=calendar,
        notBefore=value.earliest.isoformat() if value.earliest else None,
        notAfter=value.latest.isoformat() if value.latest else None,
        ana=f"#{scope}-precision-{value.precision.value}",
    )


def ref(record: Entity | None) -> str | None:
    """A pointer into the authority file (none to a record that is not (yet) public)."""
    shown = public_only(record)
    return f"{AUTHORITY_FILE}#{shown.slug}" if shown is not None else None


def _document(xml_id: str, titles: LocalizedText, permalink: str, status: str) -> etree._Element:
    root = t(None, "TEI", xml_id=xml_id)
    header = t(root, "teiHeader")
    file_desc = t(header, "fileDesc")
    localized(t(file_desc, "titleStmt"), "title", titles)
    publication = t(file_desc, "publicationStmt")
    t(publication, "publisher", "Qoljazba")
    t(publication, "idno", permalink, type="URI")
    t(file_desc, "sourceDesc")
    taxonomy = t(
        t(t(header, "encodingDesc"), "classDecl"), "taxonomy", xml_id=f"{xml_id}-precision"
    )
    for precision in PRECISIONS:
        t(t(taxonomy, "category", xml_id=f"{xml_id}-precision-{precision}"), "catDesc", precision)
    profile = t(header, "profileDesc")
    calendars = t(profile, "calendarDesc")
    for calendar in Calendar:
        t(
            t(calendars, "calendar", xml_id=f"{xml_id}-{calendar.value}"),
            "p",
            calendar_label(calendar),
        )
    t(t(header, "revisionDesc", status=status), "change", "Exported from Qoljazba.")
    return root


def _source_desc(root: etree._Element) -> etree._Element:
    found = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}sourceDesc")
    assert found is not None
    return found


def manuscript_tei(ms: Manuscript, url: RecordUrl) -> etree._Element:
    """The manuscript as a TEI document whose sourceDesc is its msDesc."""
    root = _document(ms.slug, ms.title, url(Kind.MANUSCRIPT, ms.slug), ms.state.value)
    if ms.subjects:
        profile = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}profileDesc")
        assert profile is not None
        keywords = t(t(profile, "textClass"), "keywords", scheme="#subjects")
        for subject in ms.subjects:
            t(keywords, "term", subject)
    desc = t(
        _source_desc(root),
        "msDesc",
        xml_id=f"{ms.slug}-msdesc",
        n=str(ms.number) if ms.number is not None else None,
        type=ms.cataloguing_status.value,
    )
    ident = t(desc, "msIdentifier")
    # A TEI file is read back by the import: a link that is not (yet) public is left out, not
    # replaced by a mark that would come back as text.
    collection = public_only(ms.collection)
    if collection is not None:
        t(ident, "collection", key=collection.slug, ref=ref(collection))
    if ms.accession_number:
        t(ident, "idno", ms.accession_number, type="accession")
    else:
        t(ident, "idno", ms.slug, type="local")
    for mark in ms.shelfmarks:
        alt = t(ident, "altIdentifier", type=mark.kind)
        _opt(alt, "settlement", mark.settlement)
        t(alt, "institution", mark.institution)
        _opt(alt, "collection", mark.collection)
        t(alt, "idno", mark.idno)
    if ms.title:
        localized(t(desc, "head"), "title", ms.title)
    _contents(desc, ms)
    _physical(desc, ms)
    _history(desc, ms)
    t(t(t(root, "text"), "body"), "p")
    return root


def _contents(desc: etree._Element, ms: Manuscript) -> None:
    contents = t(desc, "msContents")
    localized(contents, "summary", ms.summary)
    if ms.text_languages:
        t(
            contents,
            "textLang",
            mainLang=ms.text_languages[0],
            otherLangs=" ".join(ms.text_languages[1:]) or None,
        )
    for i, item in enumerate(ms.contents, 1):
        node = t(contents, "msItem", n=str(i))
        _opt(node, "locus", item.locus)
        if public_only(item.author) is not None or item.author_text:
            t(node, "author", item.author_text, ref=ref(item.author))
        localized(node, "title", item.title)
        for tag in ("rubric", "incipit", "explicit", "colophon"):
            _opt(node, tag, getattr(item, tag), xml_lang=item.text_language)
        localized(node, "note", item.note)
        if item.text_language:
            t(node, "textLang", mainLang=item.text_language)


def _physical(desc: etree._Element, ms: Manuscript) -> None:
    phys = t(desc, "physDesc")
    objects = t(phys, "objectDesc", form="codex")
    support_desc = t(objects, "supportDesc", material=ms.support)
    localized_p(support_desc, "support", ms.support_note)
    extent = t(support_desc, "extent")
    if ms.folio_count is not None:
        t(extent, "measure", str(ms.folio_count), unit="folios", quantity=str(ms.folio_count))
    localized(extent, "note", ms.extent_note)
    for kind, height, width in (
        ("leaf", ms.leaf_height_mm, ms.leaf_width_mm),
        ("written", ms.written_height_mm, ms.written_width_mm),
    ):
        if height is not None or width is not None:
            dims = t(extent, "dimensions", type=kind, unit="mm")
            _opt(dims, "height", repr(height) if height is not None else None)
            _opt(dims, "width", repr(width) if width is not None else None)
    localized_p(support_desc, "condition", ms.condition)
    layout = t(
        t(objects, "layoutDesc"),
        "layout",
        columns=str(ms.columns) if ms.columns is not None else None,
        writtenLines=ms.lines_per_page,
    )
    localized(layout, "p", ms.layout_note)
    hand = t(t(phys, "handDesc"), "handNote")
    _opt(hand, "persName", ms.scribe_name, role="scribe")
    localized(hand, "p", ms.hands)
    if ms.scripts:
        script_desc = t(phys, "scriptDesc")
        for script in ms.scripts:
            t(script_desc, "scriptNote", n=script)
    localized_p(t(phys, "decoDesc"), "decoNote", ms.decoration)
    localized_p(t(phys, "bindingDesc"), "binding", ms.binding)
    seals = t(phys, "sealDesc")
    for i, seal in enumerate(ms.seals, 1):
        node = t(seals, "seal", n=str(i), type=seal.shape)
        _opt(node, "locus", seal.locus)
        _opt(node, "legend", seal.legend)
        localized(node, "note", seal.legend_translation, type="translation")
        if public_only(seal.owner) is not None or seal.owner_text:
            t(node, "persName", seal.owner_text, role="owner", ref=ref(seal.owner))
        date(node, "date", seal.date)
        localized(node, "note", seal.note, type="comment")


def _history(desc: etree._Element, ms: Manuscript) -> None:
    history = t(desc, "history")
    origin = t(history, "origin")
    date(origin, "origDate", ms.origin_date)
    if public_only(ms.origin_place) is not None:
        t(origin, "origPlace", ref=ref(ms.origin_place))
    localized(origin, "note", ms.origin_note)
    for i, entry in enumerate(ms.provenance, 1):
        node = t(history, "provenance", n=str(i))
        date(node, "date", entry.date)
        localized(node, "note", entry.date_note, type="date")
        if public_only(entry.place) is not None:
            t(node, "placeName", ref=ref(entry.place))
        if public_only(entry.agent) is not None or entry.agent_text:
            t(node, "persName", entry.agent_text, ref=ref(entry.agent))
        localized(node, "p", entry.summary)


def _names(parent: etree._Element, tag: str, names: Iterable[NameVariant]) -> None:
    for name in names:
        t(
            parent,
            tag,
            name.text,
            xml_lang=f"{name.lang}-{name.script}",
            type="preferred" if name.preferred else "variant",
            cert=CERT[name.status],
        )


def _idnos(parent: etree._Element, record: Person | Place) -> None:
    _opt(parent, "idno", record.wikidata_id, type="wikidata")
    _opt(parent, "idno", record.viaf_id, type="VIAF")


def authority_tei(
    people: Iterable[Person],
    places: Iterable[Place],
    collections: Iterable[Collection],
    permalink: str,
) -> etree._Element:
    """People, places and collections as a TEI file of their own (listPerson, listPlace, list)."""
    titles = LocalizedText({"en": "People, places and collections of the Qoljazba catalogue"})
    root = _document("authority", titles, permalink, "published")
    t(_source_desc(root), "p", "Authority records of the Qoljazba catalogue.")
    text = t(root, "text")
    t(t(text, "body"), "p")
    back = t(text, "back")
    list_person = t(back, "listPerson")
    for person in people:
        node = t(list_person, "person", xml_id=person.slug)
        _names(node, "persName", person.names)
        _idnos(node, person)
        date(node, "birth", person.birth)
        date(node, "death", person.death)
        date(node, "floruit", person.active)
        localized(node, "occupation", person.role)
        localized_p(node, "note", person.summary)
    list_place = t(back, "listPlace")
    for place in places:
        node = t(list_place, "place", xml_id=place.slug, type=place.place_kind)
        _names(node, "placeName", place.names)
        _idnos(node, place)
        if place.latitude is not None and place.longitude is not None:
            location = t(node, "location", cert=CERT[place.coordinates_status])
            t(location, "geo", f"{place.latitude!r} {place.longitude!r}")
        parent = public_only(place.parent)
        if parent is not None:
            t(
                node,
                "relation",
                name="locatedIn",
                active=f"#{place.slug}",
                passive=f"#{parent.slug}",
            )
        localized_p(node, "note", place.summary)
    list_collections = t(back, "list", type="collections")
    for collection in collections:
        item = t(list_collections, "item", xml_id=collection.slug)
        localized(item, "title", collection.title)
        localized(item, "note", collection.summary, type="summary")
        for subject in collection.subjects:
            t(item, "term", subject)
    return root


def to_bytes(root: etree._Element) -> bytes:
    """A TEI element as a UTF-8 XML document."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
