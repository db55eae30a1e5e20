"""One record as JSON for the API: every field, all four languages, both calendars."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from catalogue.dates import Calendar, HistoricalDate, format_years
from catalogue.localized import LocalizedText
from catalogue.models import (
    Citation,
    Collection,
    Entity,
    Event,
    Kind,
    Manuscript,
    Person,
    Place,
    Source,
)
from catalogue.records import links

RecordUrl = Callable[[Kind, str], str]


def date_json(value: HistoricalDate | None) -> dict[str, Any] | None:
    """A dated statement with its derived range shown in the Gregorian and Hijri calendars."""
    if value is None:
        return None
    return {
        **value.to_dict(),
        "display": {
            "gregorian": format_years(value, Calendar.GREGORIAN),
            "hijri": format_years(value, Calendar.HIJRI),
        },
    }


def ref_json(record: Entity | None, url: RecordUrl) -> dict[str, Any] | None:
    """A short reference to another record."""
    if record is None:
        return None
    return {
        "id": record.slug,
        "kind": record.kind.value,
        "label": record.label().to_json(),
        "url": url(record.kind, record.slug),
    }


def _citations(citations: list[Citation], url: RecordUrl) -> list[dict[str, Any]]:
    return [
        {"source": ref_json(c.source, url), "locator": c.locator, "note": c.note.to_json()}
        for c in citations
    ]


def _names(record: Entity) -> list[dict[str, Any]]:
    return [
        {
            "text": n.text,
            "lang": n.lang,
            "script": n.script,
            "preferred": n.preferred,
            "status": n.status.value,
            "note": n.note,
        }
        for n in record.names
    ]


def summary_json(record: Entity, url: RecordUrl) -> dict[str, Any]:
    """The short form used in lists: id, kind, label in every language, names, url."""
    data = ref_json(record, url)
    assert data is not None
    if isinstance(record, Person | Place):
        data["names"] = _names(record)
    if isinstance(record, Person):
        data["life"] = {k: date_json(getattr(record, k)) for k in ("birth", "death", "active")}
    if isinstance(record, Manuscript):
        data["number"] = record.number
        data["cataloguing_status"] = record.cataloguing_status.value
    if isinstance(record, Event):
        data["date"] = date_json(record.date)
    return data


def _loc(value: LocalizedText) -> dict[str, dict[str, str]]:
    return value.to_json()


def _kind_fields(record: Entity, url: RecordUrl) -> dict[str, Any]:
    if isinstance(record, Manuscript):
        return _manuscript(record, url)
    if isinstance(record, Person):
        return {
            "role": _loc(record.role),
            "summary": _loc(record.summary),
            "birth": date_json(record.birth),
            "death": date_json(record.death),
            "active": date_json(record.active),
            "wikidata": record.wikidata_id,
            "viaf": record.viaf_id,
        }
    if isinstance(record, Place):
        return {
            "place_kind": record.place_kind,
            "parent": ref_json(record.parent, url),
            "latitude": record.latitude,
            "longitude": record.longitude,
            "coordinates_status": record.coordinates_status.value,
            "summary": _loc(record.summary),
            "wikidata": record.wikidata_id,
            "viaf": record.viaf_id,
        }
    if isinstance(record, Event):
        return {
            "event_kind": record.event_kind,
            "title": _loc(record.title),
            "summary": _loc(record.summary),
            "date": date_json(record.date),
            "date_note": _loc(record.date_note),
            "place": ref_json(record.place, url),
        }
    if isinstance(record, Source):
        return {
            "source_kind": record.source_kind,
            "title": _loc(record.title),
            "summary": _loc(record.summary),
            "author": record.author,
            "publisher": record.publisher,
            "url": record.url,
            "language": record.language,
            "date": date_json(record.date),
            "date_note": _loc(record.date_note),
            "full_text": record.full_text,
        }
    if isinstance(record, Collection):
        return {
            "title": _loc(record.title),
            "summary": _loc(record.summary),
            "subjects": record.subjects,
            "manuscripts": [ref_json(m, url) for m in record.manuscripts if m.published],
        }
    return {}


def _manuscript(ms: Manuscript, url: RecordUrl) -> dict[str, Any]:
    return {
        "number": ms.number,
        "collection": ref_json(ms.collection, url),
        "title": _loc(ms.title),
        "cataloguing_status": ms.cataloguing_status.value,
        "accession_number": ms.accession_number,
        "shelfmarks": [
            {
                "kind": s.kind,
                "institution": s.institution,
                "settlement": s.settlement,
                "collection": s.collection,
                "idno": s.idno,
            }
            for s in ms.shelfmarks
        ],
        "summary": _loc(ms.summary),
        "text_languages": ms.text_languages,
        "scripts": ms.scripts,
        "subjects": ms.subjects,
        "support": ms.support,
        "support_note": _loc(ms.support_note),
        "folio_count": ms.folio_count,
        "extent_note": _loc(ms.extent_note),
        "dimensions": {
            "leaf_height_mm": ms.leaf_height_mm,
            "leaf_width_mm": ms.leaf_width_mm,
            "written_height_mm": ms.written_height_mm,
            "written_width_mm": ms.written_width_mm,
        },
        "layout": {
            "columns": ms.columns,
            "lines_per_page": ms.lines_per_page,
            "note": _loc(ms.layout_note),
        },
        "hands": _loc(ms.hands),
        "scribe_name": ms.scribe_name,
        "decoration": _loc(ms.decoration),
        "binding": _loc(ms.binding),
        "condition": _loc(ms.condition),
        "origin": {
            "date": date_json(ms.origin_date),
            "place": ref_json(ms.origin_place, url),
            "note": _loc(ms.origin_note),
        },
        "contents": [
            {
                "locus": item.locus,
                "title": _loc(item.title),
                "author": ref_json(item.author, url),
                "author_text": item.author_text,
                "text_language": item.text_language,
                "rubric": item.rubric,
                "incipit": item.incipit,
                "explicit": item.explicit,
                "colophon": item.colophon,
                "note": _loc(item.note),
            }
            for item in ms.contents
        ],
        "seals": [
            {
                "locus": seal.locus,
                "legend": seal.legend,
                "legend_translation": _loc(seal.legend_translation),
                "shape": seal.shape,
                "owner": ref_json(seal.owner, url),
                "owner_text": seal.owner_text,
                "date": date_json(seal.date),
                "note": _loc(seal.note),
            }
            for seal in ms.seals
        ],
        "provenance": [
            {
                "summary": _loc(entry.summary),
                "date": date_json(entry.date),
                "date_note": _loc(entry.date_note),
                "place": ref_json(entry.place, url),
                "agent": ref_json(entry.agent, url),
                "agent_text": entry.agent_text,
                "citations": _citations(entry.citations, url),
            }
            for entry in ms.provenance
        ],
        "pages": [
            {
                "position": page.position,
                "label": page.label,
                "folio": page.folio,
                "side": page.side.value,
                "placeholder": page.is_placeholder,
                "width": page.width,
                "height": page.height,
            }
            for page in ms.pages
        ],
    }


def record_json(session: Session, record: Entity, url: RecordUrl) -> dict[str, Any]:
    """The full public form of a record, with its citations and relations."""
    data = summary_json(record, url)
    data.setdefault("names", _names(record))  # every kind of record may have other names
    data.update(
        {
            "state": record.state.value,
            "version": record.version,
            "created_at": record.created_at.isoformat(),
            "updated_at": record.updated_at.isoformat(),
            **_kind_fields(record, url),
            "citations": _citations(record.citations, url),
            "relations": [
                {
                    "predicate": link.predicate.key,
                    "direction": "inverse" if link.inverse else "forward",
                    "label": (
                        link.predicate.inverse if link.inverse else link.predicate.label
                    ).to_json(),
                    "certainty": link.certainty.value,
                    "record": ref_json(link.other, url),
                    "citations": _citations(link.relation.citations, url),
                }
                for link in links(session, record, citations=True)
            ],
        }
    )
    return data
