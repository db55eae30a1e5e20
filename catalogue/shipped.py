"""Loads the shipped catalogue (catalogue/data/*.yaml) into a database; safe to run again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar, DateError, HistoricalDate
from catalogue.dates.parser import parse as parse_date
from catalogue.db import Database
from catalogue.language.localized import LocalizedText, Status
from catalogue.language.vocabulary import vocabulary
from catalogue.models import (
    CataloguingStatus,
    Citation,
    Collection,
    Entity,
    Event,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Relation,
    Source,
)
from catalogue.models.relation import Certainty

DATA_DIR = Path(__file__).parent / "data"


class ShippedDataError(ValueError):
    """The shipped data files contradict themselves; the message says where."""


@dataclass
class LoadReport:
    """What a load created (existing records are left exactly as curators left them)."""

    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        """Count one created record of this kind."""
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def total(self) -> int:
        """How many records were created in all."""
        return sum(self.created.values())


def _read(name: str, data_dir: Path) -> Any:
    return yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))


def _localized(value: Any) -> LocalizedText:
    return LocalizedText.from_json(value)


def _date(value: Any, where: str) -> HistoricalDate | None:
    if value is None:
        return None
    try:
        return parse_date(str(value["statement"]), Calendar(value.get("calendar", "gregorian")))
    except (DateError, KeyError, ValueError) as error:
        raise ShippedDataError(f"{where}: bad date {value!r}: {error}") from None


def _names(items: Sequence[dict[str, Any]]) -> list[NameVariant]:
    return [
        NameVariant(
            position=position,
            text=item["text"],
            lang=item["lang"],
            script=item["script"],
            preferred=bool(item.get("preferred", False)),
            status=Status(item.get("status", "review")),
            note=item.get("note"),
        )
        for position, item in enumerate(items)
    ]


class _Loader:
    def __init__(self, session: Session, data_dir: Path) -> None:
        self.session = session
        self.data_dir = data_dir
        self.report = LoadReport()
        self.by_slug: dict[str, Entity] = {e.slug: e for e in session.scalars(select(Entity)).all()}

    def entity(self, slug: str, where: str) -> Entity:
        try:
            return self.by_slug[slug]
        except KeyError:
            raise ShippedDataError(f"{where}: no record with id {slug!r}") from None

    def citations(self, items: Iterable[dict[str, Any]] | None, where: str) -> list[Citation]:
        result = []
        for position, item in enumerate(items or []):
            source = self.entity(item["source"], where)
            if not isinstance(source, Source):
                raise ShippedDataError(f"{where}: {item['source']!r} is not a source")
            result.append(
                Citation(
                    source=source,
                    position=position,
                    locator=item.get("locator"),
                    note=_localized(item.get("note")),
                )
            )
        return result

    def add(self, record: Entity, raw: dict[str, Any]) -> None:
        record.state = PublicationState.PUBLISHED
        record.citations = self.citations(raw.get("sources"), record.slug)
        self.session.add(record)
        self.session.flush()
        self.by_slug[record.slug] = record
        self.report.add(record.kind.value)

    def new(self, slug: str) -> bool:
        return slug not in self.by_slug

    def sources(self) -> None:
        for raw in _read("sources.yaml", self.data_dir):
            if not self.new(raw["id"]):
                continue
            text_file = raw.get("full_text_file")
            full_text = (
                (self.data_dir / text_file).read_text(encoding="utf-8") if text_file else None
            )
            source = Source(
                slug=raw["id"],
                source_kind=raw["kind"],
                title=_localized(raw.get("title")),
                summary=_localized(raw.get("summary")),
                author=raw.get("author"),
                publisher=raw.get("publisher"),
                url=raw.get("url"),
                language=raw.get("language"),
                date=_date(raw.get("date"), raw["id"]),
                date_note=_localized(raw.get("date_note")),
                full_text=full_text,
            )
            self.add(source, {})
        # Sources may cite each other only after all exist.
        for raw in _read("sources.yaml", self.data_dir):
            record = self.by_slug[raw["id"]]
            if not record.citations and raw.get("sources"):
                record.citations = self.citations(raw["sources"], raw["id"])

    def places(self) -> None:
        raws = _read("places.yaml", self.data_dir)
        for raw in raws:
            if not self.new(raw["id"]):
                continue
            place = Place(
                slug=raw["id"],
                place_kind=raw["kind"],
                names=_names(raw["names"]),
                latitude=raw.get("latitude"),
                longitude=raw.get("longitude"),
                coordinates_status=Status(raw.get("coordinates_status", "review")),
                summary=_localized(raw.get("summary")),
                wikidata_id=raw.get("wikidata"),
                viaf_id=raw.get("viaf"),
            )
            self.add(place, raw)
        for raw in raws:
            child = self.by_slug[raw["id"]]
            if raw.get("parent") and isinstance(child, Place) and child.parent_id is None:
                parent = self.entity(raw["parent"], raw["id"])
                if not isinstance(parent, Place):
                    raise ShippedDataError(f"{raw['id']}: parent {raw['parent']!r} is not a place")
                child.parent = parent

    def people(self) -> None:
        for raw in _read("people.yaml", self.data_dir):
            if not self.new(raw["id"]):
                continue
            person = Person(
                slug=raw["id"],
                names=_names(raw["names"]),
                role=_localized(raw.get("role")),
                summary=_localized(raw.get("summary")),
                birth=_date(raw.get("birth"), raw["id"]),
                death=_date(raw.get("death"), raw["id"]),
                active=_date(raw.get("active"), raw["id"]),
                wikidata_id=raw.get("wikidata"),
                viaf_id=raw.get("viaf"),
            )
            self.add(person, raw)

    def _place(self, slug: str | None, where: str) -> Place | None:
        if not slug:
            return None
        place = self.entity(slug, where)
        if not isinstance(place, Place):
            raise ShippedDataError(f"{where}: {slug!r} is not a place")
        return place

    def events(self) -> None:
        for raw in _read("events.yaml", self.data_dir):
            if not self.new(raw["id"]):
                continue
            event = Event(
                slug=raw["id"],
                event_kind=raw["kind"],
                title=_localized(raw.get("title")),
                summary=_localized(raw.get("summary")),
                date=_date(raw.get("date"), raw["id"]),
                date_note=_localized(raw.get("date_note")),
                place=self._place(raw.get("place"), raw["id"]),
            )
            self.add(event, raw)

    def collection(self) -> Collection:
        raw = _read("collection.yaml", self.data_dir)
        if self.new(raw["id"]):
            collection = Collection(
                slug=raw["id"],
                title=_localized(raw.get("title")),
                summary=_localized(raw.get("summary")),
                subjects=list(raw.get("subjects", [])),
            )
            self.add(collection, raw)
        found = self.by_slug[raw["id"]]
        assert isinstance(found, Collection)
        return found

    def manuscripts(self, collection: Collection) -> None:
        raw = _read("manuscripts.yaml", self.data_dir)
        for n in range(1, int(raw["count"]) + 1):
            slug = raw["id_pattern"].format(n=n)
            if not self.new(slug):
                continue
            title = {lang: text.format(n=n) for lang, text in raw["title_pattern"].items()}
            manuscript = Manuscript(
                slug=slug,
                number=n,
                collection=collection,
                title=_localized(title),
                summary=_localized(raw.get("summary")),
                cataloguing_status=CataloguingStatus(raw.get("cataloguing_status", "in_progress")),
                provenance=[
                    ProvenanceEntry(
                        position=position,
                        summary=_localized(entry.get("summary")),
                        date=_date(entry.get("date"), slug),
                        date_note=_localized(entry.get("date_note")),
                        place=self._place(entry.get("place"), slug),
                        citations=self.citations(entry.get("sources"), slug),
                    )
                    for position, entry in enumerate(raw.get("provenance", []))
                ],
            )
            self.add(manuscript, raw)

    def relations(self) -> None:
        predicates = vocabulary().predicates
        existing = {
            (r.subject_id, r.predicate, r.object_id)
            for r in self.session.scalars(select(Relation)).all()
        }
        for raw in _read("relations.yaml", self.data_dir):
            where = f"relation {raw['subject']} {raw['predicate']} {raw['object']}"
            subject = self.entity(raw["subject"], where)
            obj = self.entity(raw["object"], where)
            predicate = predicates.get(raw["predicate"])
            if predicate is None:
                raise ShippedDataError(f"{where}: unknown predicate")
            if not predicate.allows(subject.kind.value, obj.kind.value):
                raise ShippedDataError(f"{where}: {predicate.key} cannot link these kinds")
            if (subject.id, predicate.key, obj.id) in existing:
                continue
            relation = Relation(
                subject=subject,
                predicate=predicate.key,
                object=obj,
                certainty=Certainty(raw.get("certainty", "attested")),
                note=_localized(raw.get("note")),
                citations=self.citations(raw.get("sources"), where),
            )
            self.session.add(relation)
            existing.add((subject.id, predicate.key, obj.id))
            self.report.add("relation")


def load_shipped_catalogue(session: Session, data_dir: Path = DATA_DIR) -> LoadReport:
    """Create every shipped record that does not exist yet; the caller commits."""
    loader = _Loader(session, data_dir)
    loader.sources()
    loader.places()
    loader.people()
    loader.events()
    loader.manuscripts(loader.collection())
    loader.relations()
    session.flush()
    return loader.report


def init_catalogue(db: Database, *, with_data: bool = True) -> LoadReport:
    """Bring the schema up to date, then add any shipped record that is missing."""
    from catalogue.schema import upgrade
    from catalogue.transaction import transaction

    upgrade(db)
    if not with_data:
        return LoadReport()
    with transaction(db) as session:
        return load_shipped_catalogue(session)
