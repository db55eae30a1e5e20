"""TEI P5: a manuscript as a msDesc, and the people and places it names as an authority file.

Every language variant carries xml:lang; a value not yet checked by a curator says so with
@cert="unknown" (checked ones, @cert="high"). Dates keep the statement as written, with the
calendar it was written in (@calendar and @datingMethod pointing into calendarDesc) and the
Gregorian range as @notBefore/@notAfter. People and places are pointers (@ref) into the
authority file (AUTHORITY_FILE), where each is a <person>/<place> with all its name variants
and its Wikidata and VIAF identifiers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from catalogue.dates import Calendar, HistoricalDate, calendar_label
from catalogue.localized import LocalizedText, Status
from catalogue.models import Entity, Kind, Manuscript, NameVariant, Person, Place

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_SCHEMA = "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
XML = "http://www.w3.org/XML/1998/namespace"
AUTHORITY_FILE = "authority.xml"
CALENDARS = ("hijri", "persian", "julian", "gregorian")
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
        node.text = text
    for key, value in attrs.items():
        if value is not None:
            node.set(f"{{{XML}}}{key[4:]}" if key.startswith("xml_") else key, value)
    return node


def localized(parent: etree._Element, name: str, value: LocalizedText, **attrs: str | None) -> None:
    """One element per language variant, each with xml:lang and its review state."""
    for lang, variant in value.items():
        t(parent, name, variant.text, xml_lang=lang, cert=CERT[variant.status], **attrs)


def localized_p(
    parent: etree._Element, name: str, value: LocalizedText, **attrs: str | None
) -> None:
    """A wrapper element holding one <p> per language variant (only when there is any)."""
    if value:
        localized(t(parent, name, **attrs), "p", value)


def date(parent: etree._Element, name: str, value: HistoricalDate | None) -> None:
    """A dated statement: as written, its calendar, and the Gregorian range."""
    if value is None:
        return
    cal = f"#{value.calendar.value}"
    t(
        parent,
        name,
        value.statement,
        calendar=cal,
        datingMethod=cal,
        notBefore=value.earliest.isoformat() if value.earliest else None,
        notAfter=value.latest.isoformat() if value.latest else None,
        ana=f"#precision-{value.precision.value}",
    )


def ref(record: Entity | None) -> str | None:
    """A pointer to a person or place in the authority file."""
    return f"{AUTHORITY_FILE}#{record.slug}" if record is not None else None


def _header_common(header: etree._Element) -> None:
    encoding = t(header, "encodingDesc")
    taxonomy = t(t(encoding, "classDecl"), "taxonomy", xml_id="precision")
    for precision in ("exact", "circa", "before", "after", "range", "century"):
        t(t(taxonomy, "category", xml_id=f"precision-{precision}"), "catDesc", precision)
    calendars = t(t(header, "profileDesc"), "calendarDesc")
    for name in CALENDARS:
        t(t(calendars, "calendar", xml_id=name), "p", calendar_label(Calendar(name)))


def _document(
    xml_id: str, titles: LocalizedText, permalink: str
) -> tuple[etree._Element, etree._Element]:
    root = t(None, "TEI", xml_id=xml_id)
    header = t(root, "teiHeader")
    file_desc = t(header, "fileDesc")
    localized(t(file_desc, "titleStmt"), "title", titles)
    publication = t(file_desc, "publicationStmt")
    t(publication, "publisher", "Qoljazba")
    t(publication, "idno", permalink, type="URI")
    source = t(file_desc, "sourceDesc")
    _header_common(header)
    return root, source


def manuscript_tei(ms: Manuscript, url: RecordUrl) -> etree._Element:
    """The manuscript as a TEI document whose sourceDesc is its msDesc."""
    root, source = _document(ms.slug, ms.title, url(Kind.MANUSCRIPT, ms.slug))
    desc = t(
        source,
        "msDesc",
        xml_id=f"{ms.slug}-msdesc",
        n=str(ms.number) if ms.number else None,
        type=ms.cataloguing_status.value,
    )
    ident = t(desc, "msIdentifier")
    if ms.collection is not None:
        t(ident, "collection", key=ms.collection.slug)
    t(
        ident,
        "idno",
        ms.accession_number or ms.slug,
        type="accession" if ms.accession_number else "local",
    )
    for mark in ms.shelfmarks:
        alt = t(ident, "altIdentifier", type=mark.kind)
        t(alt, "settlement", mark.settlement)
        t(alt, "institution", mark.institution)
        t(alt, "collection", mark.collection)
        t(alt, "idno", mark.idno)
    if ms.title:
        localized(t(desc, "head"), "title", ms.title)
    _contents(desc, ms)
    _physical(desc, ms)
    _history(desc, ms)
    text = t(root, "text")
    t(t(text, "body"), "p")
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
        if item.locus:
            t(node, "locus", item.locus)
        if item.author is not None or item.author_text:
            t(node, "author", item.author_text, ref=ref(item.author))
        localized(node, "title", item.title)
        for name in ("rubric", "incipit", "explicit", "colophon"):
            value = getattr(item, name)
            if value:
                t(node, name, value, xml_lang=item.text_language)
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
            t(dims, "height", repr(height) if height is not None else None)
            t(dims, "width", repr(width) if width is not None else None)
    localized_p(support_desc, "condition", ms.condition)
    layout = t(
        t(objects, "layoutDesc"),
        "layout",
        columns=str(ms.columns) if ms.columns else None,
        writtenLines=ms.lines_per_page,
    )
    localized(layout, "p", ms.layout_note)
    hand = t(t(phys, "handDesc"), "handNote")
    if ms.scribe_name:
        t(hand, "persName", ms.scribe_name, role="scribe")
    localized(hand, "p", ms.hands)
    localized_p(t(phys, "decoDesc"), "decoNote", ms.decoration)
    localized_p(t(phys, "bindingDesc"), "binding", ms.binding)
    seals = t(phys, "sealDesc")
    for i, seal in enumerate(ms.seals, 1):
        node = t(seals, "seal", n=str(i), type=seal.shape)
        if seal.locus:
            t(node, "locus", seal.locus)
        if seal.legend:
            t(node, "legend", seal.legend)
        localized(node, "legendTranslation", seal.legend_translation)
        if seal.owner is not None or seal.owner_text:
            t(node, "persName", seal.owner_text, role="owner", ref=ref(seal.owner))
        date(node, "date", seal.date)
        localized(node, "note", seal.note)


def _history(desc: etree._Element, ms: Manuscript) -> None:
    history = t(desc, "history")
    origin = t(history, "origin")
    date(origin, "origDate", ms.origin_date)
    if ms.origin_place is not None:
        t(origin, "origPlace", ref=ref(ms.origin_place))
    localized(origin, "note", ms.origin_note)
    for i, entry in enumerate(ms.provenance, 1):
        node = t(history, "provenance", n=str(i))
        date(node, "date", entry.date)
        localized(node, "dateNote", entry.date_note)
        if entry.place is not None:
            t(node, "placeName", ref=ref(entry.place))
        if entry.agent is not None or entry.agent_text:
            t(node, "persName", entry.agent_text, ref=ref(entry.agent))
        localized(node, "p", entry.summary)


def _names(parent: etree._Element, element: str, names: Iterable[NameVariant]) -> None:
    for name in names:
        t(
            parent,
            element,
            name.text,
            xml_lang=f"{name.lang}-{name.script}",
            type="preferred" if name.preferred else "variant",
            cert=CERT[name.status],
        )


def _idnos(parent: etree._Element, record: Person | Place) -> None:
    if record.wikidata_id:
        t(parent, "idno", record.wikidata_id, type="wikidata")
    if record.viaf_id:
        t(parent, "idno", record.viaf_id, type="VIAF")


def authority_tei(
    people: Iterable[Person], places: Iterable[Place], permalink: str
) -> etree._Element:
    """The people and places as a TEI file of their own: listPerson and listPlace."""
    titles = LocalizedText({"en": "People and places of the Qoljazba catalogue"})
    root, source = _document("authority", titles, permalink)
    t(source, "p", "Authority records of the Qoljazba catalogue.")
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
            t(
                t(node, "location", cert=CERT[place.coordinates_status]),
                "geo",
                f"{place.latitude!r} {place.longitude!r}",
            )
        if place.parent is not None:
            t(
                node,
                "relation",
                name="locatedIn",
                active=f"#{place.slug}",
                passive=f"#{place.parent.slug}",
            )
        localized_p(node, "note", place.summary)
    return root


def to_bytes(root: etree._Element) -> bytes:
    """A TEI element as a UTF-8 XML document."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
