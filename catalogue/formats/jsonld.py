"""schema.org JSON-LD of a record: Manuscript, Person, Place, Event, CreativeWork, Collection."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from catalogue.dates.calendars import HistoricalDate, Precision
from catalogue.language.localized import LocalizedText
from catalogue.models import Collection, Entity, Event, Kind, Manuscript, Person, Place, Source
from catalogue.reading.public import NOT_PUBLIC, is_public, public_ref

RecordUrl = Callable[[Kind, str], str]
TYPES = {
    Kind.MANUSCRIPT: "Manuscript",
    Kind.PERSON: "Person",
    Kind.PLACE: "Place",
    Kind.EVENT: "Event",
    Kind.SOURCE: "CreativeWork",
    Kind.COLLECTION: "Collection",
}


def _values(value: LocalizedText) -> list[dict[str, str]]:
    return [{"@language": lang, "@value": v.text} for lang, v in value.items()]


def _when(value: HistoricalDate | None) -> str | None:
    # Only a date known to the day is given as a schema.org Date; anything vaguer would be
    # presented as more precise than it is.
    if value and value.precision is Precision.EXACT and value.earliest == value.latest:
        return value.earliest.isoformat() if value.earliest else None
    return None


WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]{0,11}$")
VIAF_ID = re.compile(r"^[1-9][0-9]{0,21}$")


def authority_links(record: Entity) -> list[tuple[str, str]]:
    """(label, URL) of the Wikidata item and VIAF cluster, for well-formed ids only."""
    links = []
    wikidata = getattr(record, "wikidata_id", None) or ""
    viaf = getattr(record, "viaf_id", None) or ""
    if WIKIDATA_ID.match(wikidata):
        links.append((f"Wikidata {wikidata}", f"https://www.wikidata.org/wiki/{wikidata}"))
    if VIAF_ID.match(viaf):
        links.append((f"VIAF {viaf}", f"https://viaf.org/viaf/{viaf}"))
    return links


def same_as(record: Person | Place) -> list[str]:
    """Links to the record's Wikidata item and VIAF cluster."""
    return [url for _label, url in authority_links(record)]


def _node(linked: Entity | None, url: RecordUrl) -> dict[str, Any] | None:
    """A linked record as a node: its @id, or only a name when it is not (yet) public."""
    ref = public_ref(linked)
    if ref is None:
        return None
    if ref.slug is None:
        return {"@type": TYPES[ref.kind], "name": str(NOT_PUBLIC)}
    return {"@id": url(ref.kind, ref.slug)}


def jsonld(record: Entity, url: RecordUrl) -> dict[str, Any]:
    """The record as a schema.org JSON-LD object."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": TYPES[record.kind],
        "@id": url(record.kind, record.slug),
        "url": url(record.kind, record.slug),
        "identifier": record.slug,
        "name": _values(record.label()),
        "dateModified": record.updated_at.isoformat(),
    }
    summary = getattr(record, "summary", None)
    if isinstance(summary, LocalizedText) and summary:
        data["description"] = _values(summary)
    if isinstance(record, Person | Place):
        data["alternateName"] = [
            {"@language": n.lang, "@value": n.text} for n in record.names if not n.preferred
        ]
        if same_as(record):
            data["sameAs"] = same_as(record)
    if isinstance(record, Person):
        data["birthDate"] = _when(record.birth)
        data["deathDate"] = _when(record.death)
    if isinstance(record, Place):
        if record.latitude is not None and record.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": record.latitude,
                "longitude": record.longitude,
            }
        data["containedInPlace"] = _node(record.parent, url)
    if isinstance(record, Manuscript):
        data["inLanguage"] = record.text_languages or None
        data["dateCreated"] = record.origin_date.statement if record.origin_date else None
        data["isPartOf"] = _node(record.collection, url)
        data["locationCreated"] = _node(record.origin_place, url)
        data["numberOfPages"] = record.folio_count
    if isinstance(record, Event):
        data["startDate"] = _when(record.date)
        data["location"] = _node(record.place, url)
    if isinstance(record, Source):
        data["author"] = record.author
        data["publisher"] = record.publisher
        data["sameAs"] = record.url
    if isinstance(record, Collection):
        data["hasPart"] = [
            {"@id": url(Kind.MANUSCRIPT, m.slug)} for m in record.manuscripts if is_public(m)
        ]
    return {key: value for key, value in data.items() if value not in (None, [], "")}
