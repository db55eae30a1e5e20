"""Which images the public may see: published manuscripts' scans, cached per catalogue version."""

from __future__ import annotations

from catalogue.db import Database
from catalogue.iiif.visibility import PublicImages, catalogue_version, public_image_keys
from catalogue.models import Manuscript, Page, Person, PublicationState, Side
from catalogue.transaction import transaction

KEY = "00000000-0000-4000-8000-000000000001"
PORTRAIT = "00000000-0000-4000-8000-000000000002"


def _catalogue(db: Database, state: PublicationState) -> None:
    with transaction(db) as session:
        manuscript = Manuscript(slug="ms-v", state=state)
        session.add(manuscript)
        session.flush()
        session.add(Page(manuscript_id=manuscript.id, position=1, folio="1", side=Side.RECTO))
        session.add(
            Page(manuscript_id=manuscript.id, position=2, folio="2", side=Side.NONE, image_key=KEY)
        )
        session.add(Person(slug="p-v", state=state, portrait_key=PORTRAIT))


def _withdraw(db: Database) -> None:
    with transaction(db) as session:
        for model in (Manuscript, Person):
            for record in session.query(model):
                record.state = PublicationState.DRAFT


def test_published_scans_and_portraits_are_public(db: Database) -> None:
    _catalogue(db, PublicationState.PUBLISHED)
    with db.read() as session:
        assert public_image_keys(session) == {KEY, PORTRAIT}
        before = catalogue_version(session)
    _withdraw(db)
    with db.read() as session:
        assert public_image_keys(session) == frozenset()
        assert catalogue_version(session) > before


def test_the_cache_follows_the_version_and_rechecks_it_at_most_so_often(db: Database) -> None:
    _catalogue(db, PublicationState.PUBLISHED)
    at_once, lazy = PublicImages(), PublicImages(recheck=3600)
    with db.read() as session:
        assert at_once.is_public(session, KEY) and lazy.is_public(session, PORTRAIT)
    _withdraw(db)
    with db.read() as session:
        assert not at_once.is_public(session, KEY)
        assert lazy.is_public(session, KEY)  # within its recheck interval: no query, old answer
        assert not at_once.is_public(session, "not-a-key")


def test_a_portrait_taken_from_a_draft_manuscripts_page_stays_private(db: Database) -> None:
    _catalogue(db, PublicationState.DRAFT)
    with transaction(db) as session:
        session.add(Person(slug="p-w", state=PublicationState.PUBLISHED, portrait_key=KEY))
    with db.read() as session:
        assert public_image_keys(session) == frozenset()
    with transaction(db) as session:
        for manuscript in session.query(Manuscript):
            manuscript.state = PublicationState.PUBLISHED
    with db.read() as session:
        assert public_image_keys(session) == {KEY}
