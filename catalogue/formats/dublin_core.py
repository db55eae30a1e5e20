"""Dublin Core (the 15 simple elements) of any record, as the OAI-PMH oai_dc format."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from catalogue.dates.calendars import Calendar, HistoricalDate, format_years
from catalogue.language.characters import xml_text
from catalogue.language.localized import LocalizedText
from catalogue.models import Collection, Entity, Event, Kind, Manuscript, Person, Place, Source
from catalogue.reading.public import public_only

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

RecordUrl = Callable[[Kind, str], str]
# DCMI Type vocabulary where it fits; the kind itself otherwise.
DC_TYPES = {
    Kind.MANUSCRIPT: ("Text", "manuscript"),
    Kind.COLLECTION: ("Collection",),
    Kind.EVENT: ("Event",),
    Kind.SOURCE: ("Text",),
    Kind.PERSON: ("person",),
    Kind.PLACE: ("place",),
}


def _date(value: HistoricalDate | None) -> list[str]:
    if value is None:
        return []
    shown = [
        f"{value.statement} ({value.calendar.value})",
        format_years(value, Calendar.GREGORIAN),
    ]
    if value.earliest and value.latest:
        shown.append(f"{value.earliest.isoformat()}/{value.latest.isoformat()}")
    return [s for s in dict.fromkeys(shown) if s]


def dublin_core(record: Entity, url: RecordUrl) -> list[tuple[str, str, str | None]]:
    """(element, value, language) triples describing the record, most important first."""
    out: list[tuple[str, str, str | None]] = []

    def localized(element: str, value: LocalizedText) -> None:
        out.extend((element, v.text, lang) for lang, v in value.items())

    localized("title", record.label())
    if isinstance(record, Person | Place):
        out.extend(("title", n.text, n.lang) for n in record.names if not n.preferred)
    out.append(("identifier", url(record.kind, record.slug), None))
    out.extend(("type", t, None) for t in DC_TYPES[record.kind])
    summary = getattr(record, "summary", None)
    if isinstance(summary, LocalizedText):
        localized("description", summary)
    if isinstance(record, Manuscript):
        if record.cataloguing_status.value == "in_progress":
            out.append(("description", "Cataloguing in progress.", "en"))
        out.extend(("identifier", s.idno, None) for s in record.shelfmarks)
        out.extend(("language", lang, None) for lang in record.text_languages)
        out.extend(("subject", s, None) for s in record.subjects)
        out.extend(("date", d, None) for d in _date(record.origin_date))
        # Dublin Core has no way to say "some record, not yet public": such a link is left out.
        origin = public_only(record.origin_place)
        if origin is not None:
            localized("coverage", origin.label())
        if record.folio_count:
            out.append(("format", f"{record.folio_count} folios", "en"))
        if record.support:
            out.append(("format", record.support, None))
        collection = public_only(record.collection)
        if collection is not None:
            out.append(("relation", url(Kind.COLLECTION, collection.slug), None))
    if isinstance(record, Person):
        for value in (record.birth, record.death, record.active):
            out.extend(("date", d, None) for d in _date(value))
        out.extend(_authority_ids(record))
    if isinstance(record, Place):
        out.extend(_authority_ids(record))
        if record.latitude is not None and record.longitude is not None:
            out.append(("coverage", f"{record.latitude},{record.longitude}", None))
    if isinstance(record, Event):
        out.extend(("date", d, None) for d in _date(record.date))
        place = public_only(record.place)
        if place is not None:
            localized("coverage", place.label())
    if isinstance(record, Source):
        if record.author:
            out.append(("creator", record.author, None))
        if record.publisher:
            out.append(("publisher", record.publisher, None))
        if record.language:
            out.append(("language", record.language, None))
        if record.url:
            out.append(("source", record.url, None))
        out.extend(("date", d, None) for d in _date(record.date))
    if isinstance(record, Collection):
        out.extend(("subject", s, None) for s in record.subjects)
    return out


def _authority_ids(record: Person | Place) -> list[tuple[str, str, str | None]]:
    found: list[tuple[str, str, str | None]] = []
    if record.wikidata_id:
        found.append(("relation", f"http://www.wikidata.org/entity/{record.wikidata_id}", None))
    if record.viaf_id:
        found.append(("relation", f"http://viaf.org/viaf/{record.viaf_id}", None))
    return found


def oai_dc_element(record: Entity, url: RecordUrl) -> etree._Element:
    """The record as an <oai_dc:dc> element (valid against the oai_dc schema)."""
    root = etree.Element(
        f"{{{OAI_DC}}}dc",
        nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI},
    )
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    for element, value, lang in dublin_core(record, url):
        child = etree.SubElement(root, f"{{{DC}}}{element}")
        child.text = xml_text(value)
        if lang:
            child.set(XML_LANG, lang)
    return root
