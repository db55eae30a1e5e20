"""What the index holds for each published record (and each transcribed page): SearchDocument."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.dates.calendars import HistoricalDate, Precision
from catalogue.language.localized import LocalizedText
from catalogue.models import (
    Collection,
    Entity,
    Event,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Relation,
    Source,
)
from catalogue.models.manuscript import ContentsItem, ProvenanceEntry, Seal
from catalogue.reading.public import public_only
from catalogue.reading.records import links

# Text in languages other than the four goes to the field whose analysis suits its script.
TEXT_FIELD_OF = {
    "kk": "kk",
    "ru": "ru",
    "en": "en",
    "fa": "fa",
    "ar": "fa",
    "chg": "fa",
    "ota": "fa",
}


@dataclass
class SearchDocument:
    """One searchable unit: a record, or a page of a manuscript with its transcription."""

    key: str  # "person:tauke-khan", "page:ms-01:12"
    kind: str  # manuscript, page, person, place, event, source, collection
    record_id: str  # the record's slug (for a page, its manuscript's)
    version: int  # the database version of the record it reflects
    titles: dict[str, str] = field(default_factory=dict)  # per interface language
    texts: dict[str, str] = field(default_factory=dict)  # per analysis field: kk, ru, en, fa
    names: list[str] = field(default_factory=list)  # names in every script, shelfmarks
    languages: list[str] = field(default_factory=list)  # languages of original texts
    scripts: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: str | None = None  # folio label of a page document

    def add_text(self, lang: str | None, *values: str | None) -> None:
        """Append text in a language to the matching field."""
        target = TEXT_FIELD_OF.get(lang or "", "en")
        parts = [v.strip() for v in values if v and v.strip()]
        if parts:
            self.texts[target] = "\n".join([self.texts.get(target, ""), *parts]).strip()

    def add_localized(self, *values: LocalizedText) -> None:
        """Append every language of localized values."""
        for value in values:
            for lang, item in value.items():
                self.add_text(lang, item.text)

    def set_date(self, value: HistoricalDate | None) -> None:
        """Take the Gregorian range of a dated statement."""
        if value is not None:
            self.date_from, self.date_to = value.earliest, value.latest

    def digest(self) -> str:
        """A fingerprint of the content, to tell an index entry that no longer matches."""
        # vars(), not asdict(): the same JSON (no nested dataclasses) without deep copies.
        data = json.dumps(vars(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha1(data.encode("utf-8")).hexdigest()


def _base(record: Entity, session: Session) -> SearchDocument:
    label = record.label()
    doc = SearchDocument(
        key=f"{record.kind.value}:{record.slug}",
        kind=record.kind.value,
        record_id=record.slug,
        version=record.version,
        titles={lang: value.text for lang, value in label.items()},
    )
    doc.add_localized(label)
    for name in record.names:
        doc.names.append(name.text)
    related: dict[str, set[str]] = defaultdict(set)
    for link in links(session, record):
        related[link.other.kind.value].add(link.other.slug)
    doc.persons = sorted(related["person"])
    doc.places = sorted(related["place"])
    return doc


def _manuscript(ms: Manuscript, doc: SearchDocument) -> None:
    doc.add_localized(
        ms.summary,
        ms.support_note,
        ms.extent_note,
        ms.layout_note,
        ms.hands,
        ms.decoration,
        ms.binding,
        ms.condition,
        ms.origin_note,
    )
    doc.names += [ms.accession_number or "", ms.scribe_name or ""]
    doc.names += [s.idno for s in ms.shelfmarks]
    for item in ms.contents:
        doc.add_localized(item.title, item.note)
        doc.add_text(item.text_language or "fa", item.rubric, item.incipit, item.explicit)
        doc.add_text(item.text_language or "fa", item.colophon)
        doc.names.append(item.author_text or "")
        if (author := public_only(item.author)) is not None:
            doc.persons.append(author.slug)
    for seal in ms.seals:
        doc.add_text("fa", seal.legend)
        doc.add_localized(seal.legend_translation, seal.note)
        doc.names.append(seal.owner_text or "")
        if (owner := public_only(seal.owner)) is not None:
            doc.persons.append(owner.slug)
    for entry in ms.provenance:
        doc.add_localized(entry.summary, entry.date_note)
        if (place := public_only(entry.place)) is not None:
            doc.places.append(place.slug)
        if (agent := public_only(entry.agent)) is not None:
            doc.persons.append(agent.slug)
    if (origin := public_only(ms.origin_place)) is not None:
        doc.places.append(origin.slug)
    doc.languages = list(ms.text_languages)
    doc.scripts = list(ms.scripts)
    doc.subjects = list(ms.subjects)
    doc.set_date(ms.origin_date)


def _pages(ms: Manuscript, record_doc: SearchDocument) -> list[SearchDocument]:
    docs = []
    for page in ms.pages:
        if not page.texts:
            continue
        doc = SearchDocument(
            key=f"page:{ms.slug}:{page.position}",
            kind="page",
            record_id=ms.slug,
            version=page.version,
            titles={lang: f"{text}, f. {page.label}" for lang, text in record_doc.titles.items()},
            page=page.label,
            persons=record_doc.persons,
            places=record_doc.places,
            subjects=record_doc.subjects,
            scripts=record_doc.scripts,
            date_from=record_doc.date_from,
            date_to=record_doc.date_to,
        )
        for text in page.texts:
            doc.add_text(text.lang, text.text)
        doc.languages = sorted({t.lang for t in page.texts})
        docs.append(doc)
    return docs


def documents_for(session: Session, record: Entity) -> list[SearchDocument]:
    """The documents of one published record (a manuscript also yields its transcribed pages)."""
    if record.state is not PublicationState.PUBLISHED:
        return []
    doc = _base(record, session)
    extra: list[SearchDocument] = []
    if isinstance(record, Manuscript):
        _manuscript(record, doc)
        extra = _pages(record, doc)
    elif isinstance(record, Person):
        doc.add_localized(record.role, record.summary)
        doc.persons.append(record.slug)
        doc.set_date(record.active or _span(record.birth, record.death))
    elif isinstance(record, Place):
        doc.add_localized(record.summary)
        doc.places.append(record.slug)
        if (parent := public_only(record.parent)) is not None:
            doc.places.append(parent.slug)
    elif isinstance(record, Event):
        doc.add_localized(record.summary, record.date_note)
        if (place := public_only(record.place)) is not None:
            doc.places.append(place.slug)
        doc.set_date(record.date)
    elif isinstance(record, Source):
        doc.add_localized(record.summary, record.date_note)
        doc.add_text(record.language or "fa", record.full_text)
        doc.names += [record.author or "", record.publisher or ""]
        doc.languages = [record.language] if record.language else []
        doc.set_date(record.date)
    elif isinstance(record, Collection):
        doc.add_localized(record.summary)
        doc.subjects = list(record.subjects)
    doc.names = [n for n in dict.fromkeys(doc.names) if n]
    doc.persons = sorted(set(doc.persons))
    doc.places = sorted(set(doc.places))
    return [doc, *extra]


def _span(birth: HistoricalDate | None, death: HistoricalDate | None) -> HistoricalDate | None:
    if birth is None or death is None:
        return birth or death
    return HistoricalDate(
        f"{birth.statement}–{death.statement}",
        birth.calendar,
        Precision.RANGE,
        birth.earliest,
        death.latest,
    )


def linking_to(session: Session, ids: set[int]) -> set[int]:
    """The records whose documents name one of these (by a relation or a link field).

    A record's facets list the people and places it links to only while those are public, so
    when one is published or withdrawn the records linking to it are indexed again.
    """
    if not ids:
        return set()
    rows = [
        select(Relation.subject_id).where(Relation.object_id.in_(ids)),
        select(Relation.object_id).where(Relation.subject_id.in_(ids)),
        select(Manuscript.id).where(Manuscript.origin_place_id.in_(ids)),
        select(ContentsItem.manuscript_id).where(ContentsItem.author_id.in_(ids)),
        select(Seal.manuscript_id).where(Seal.owner_id.in_(ids)),
        select(ProvenanceEntry.manuscript_id).where(
            ProvenanceEntry.place_id.in_(ids) | ProvenanceEntry.agent_id.in_(ids)
        ),
        select(Event.id).where(Event.place_id.in_(ids)),
        select(Place.id).where(Place.parent_id.in_(ids)),
    ]
    return {found for query in rows for found in session.scalars(query)} - ids


def all_documents(session: Session) -> list[SearchDocument]:
    """Every document of the published catalogue."""
    records = session.scalars(
        select(Entity)
        .where(Entity.state == PublicationState.PUBLISHED)
        .options(selectinload(Entity.names))
        .order_by(Entity.id)
    ).all()
    return [doc for record in records for doc in documents_for(session, record)]


__all__ = ["SearchDocument", "all_documents", "documents_for", "linking_to"]
