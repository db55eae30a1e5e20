"""The shipped catalogue: what FACTS.md knows and nothing more, in four languages, idempotent."""

from pathlib import Path

from sqlalchemy import func, select

from catalogue.db import Database
from catalogue.language.localized import LANGUAGES, LocalizedText, Status
from catalogue.models import (
    CataloguingStatus,
    Citation,
    Entity,
    Event,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Relation,
    Source,
)
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import table_counts

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_ARTICLE = ROOT / "catalogue" / "data" / "texts" / "press-conference.fa.txt"
SHARED_ARTICLE = ROOT.parent / "shared" / "source" / "press-conference.fa.txt"  # beside a checkout
FACT_SHEET_PEOPLE = {
    "tauke-khan",
    "shah-sultan-husayn",
    "abulkhair-khan",
    "nader-shah",
    "abdulaziz-sharafuddin-tabrizi",
    "khoja-ahmed-yasawi",
    "abai-qunanbaiuly",
    "ferdowsi",
    "hafez",
    "saadi",
    "al-farabi",
    "kassym-jomart-tokayev",
    "masoud-pezeshkian",
}


def test_loading_twice_creates_nothing_the_second_time(db: Database) -> None:
    with transaction(db) as session:
        first = load_shipped_catalogue(session)
    counts = table_counts(db)
    with transaction(db) as session:
        second = load_shipped_catalogue(session)
    assert first.total > 150 and second.total == 0
    assert table_counts(db) == counts


def test_curators_edits_survive_a_reload(db: Database) -> None:
    with transaction(db) as session:
        load_shipped_catalogue(session)
    with transaction(db) as session:
        person = session.scalars(select(Person).where(Person.slug == "hafez")).one()
        person.summary = LocalizedText({"en": "Edited by a curator"})
    with transaction(db) as session:
        load_shipped_catalogue(session)
    with db.read() as session:
        person = session.scalars(select(Person).where(Person.slug == "hafez")).one()
        assert person.summary.text("en") == "Edited by a curator"


def test_the_27_manuscripts_claim_nothing_unknown(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        manuscripts = session.scalars(select(Manuscript).order_by(Manuscript.number)).all()
        assert [m.slug for m in manuscripts] == [f"ms-{n:02d}" for n in range(1, 28)]
        for ms in manuscripts:
            assert ms.state is PublicationState.PUBLISHED
            assert ms.cataloguing_status is CataloguingStatus.IN_PROGRESS
            assert ms.origin_date is None and ms.folio_count is None
            assert not ms.contents and not ms.text_languages and not ms.scripts and not ms.pages
            assert ms.collection is not None and ms.collection.slug == "iran-kazakhstan-27"
            assert set(ms.title) == set(LANGUAGES)
            assert ms.provenance and all(entry.citations for entry in ms.provenance)


def test_the_13_people_of_the_fact_sheet(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        people = session.scalars(select(Person)).all()
        assert {p.slug for p in people} == FACT_SHEET_PEOPLE
        for person in people:
            languages = {n.lang for n in person.names if n.preferred}
            assert languages >= set(LANGUAGES), person.slug
            assert {n.script for n in person.names} >= {"Latn", "Cyrl", "Arab"}
            assert person.citations, person.slug


def test_every_record_cites_a_source_and_has_every_language(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        for record in session.scalars(select(Entity)):
            if not isinstance(record, Source):
                assert record.citations, record.slug
            assert set(record.label()) == set(LANGUAGES), record.slug
            for field in ("summary", "role", "title"):
                value = getattr(record, field, None)
                if value:
                    assert set(value) == set(LANGUAGES), (record.slug, field)


def test_uncertainty_is_kept(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        tauke = session.scalars(select(Person).where(Person.slug == "tauke-khan")).one()
        assert tauke.active is not None and tauke.active.precision.value == "circa"
        assert tauke.active.earliest is not None and tauke.active.earliest.year < 1680
        undated = session.scalars(
            select(Event).where(Event.__table__.c.date_statement.is_(None))
        ).all()
        assert undated and all(e.date_note for e in undated)


def test_translations_are_marked_for_review(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        for person in session.scalars(select(Person)):
            for lang in ("kk", "ru", "fa"):
                assert person.summary[lang].status is Status.REVIEW


def test_the_press_article_is_kept_whole(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        article = session.scalars(select(Source).where(Source.slug == "press-article")).one()
        assert article.full_text == SHIPPED_ARTICLE.read_text(encoding="utf-8")
        assert article.language == "fa"
    if SHARED_ARTICLE.exists():  # the team's copy of the source, where it is at hand
        assert SHIPPED_ARTICLE.read_bytes() == SHARED_ARTICLE.read_bytes()


def test_places_have_coordinates_awaiting_review(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        for place in session.scalars(select(Place)):
            if place.latitude is not None:
                assert -90 <= place.latitude <= 90 and -180 <= (place.longitude or 0) <= 180
                assert place.coordinates_status is Status.REVIEW


def test_relations_are_sourced(shipped_db: Database) -> None:
    with shipped_db.read() as session:
        relations = session.scalar(select(func.count()).select_from(Relation))
        unsourced = session.scalar(
            select(func.count())
            .select_from(Relation)
            .where(~Relation.citations.any(Citation.relation_id.is_not(None)))
        )
        assert relations and relations > 50 and unsourced == 0
