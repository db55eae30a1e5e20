"""qoljazba check and /healthz state."""

import sqlite3

from catalogue.db import Database
from catalogue.health import check_database, database_state
from catalogue.models import Person, PublicationState, Relation
from catalogue.transaction import transaction


def test_a_healthy_database(shipped_db: Database) -> None:
    report = check_database(shipped_db)
    assert report.ok, report.problems
    assert report.facts["records"]["manuscript"] == 27
    state = database_state(shipped_db)
    assert state["ok"] and state["records"] > 27


def test_an_empty_database_is_not_ok(backend: object, tmp_path: object) -> None:
    from tests.conftest import Backend

    assert isinstance(backend, Backend)
    empty = Database(backend.fresh_url(migrated=False))
    assert database_state(empty)["ok"] is False
    assert "qoljazba init" in check_database(empty).problems[0]
    empty.dispose()


def test_an_unknown_relation_type_is_reported(db: Database) -> None:
    with transaction(db) as session:
        a = Person(slug="a", state=PublicationState.PUBLISHED)
        b = Person(slug="b", state=PublicationState.PUBLISHED)
        session.add_all([a, b, Relation(subject=a, predicate="befriended", object=b)])
    assert any("befriended" in p for p in check_database(db).problems)


def test_a_dangling_reference_is_reported_on_sqlite(db: Database) -> None:
    if not db.is_sqlite:
        return
    # A damaged file, as a crash or a hand edit could leave it: written past the foreign keys.
    raw = sqlite3.connect(db.url.removeprefix("sqlite:///"))
    raw.execute(
        "INSERT INTO name_variant (entity_id, position, text, lang, script, preferred, status) "
        "VALUES (4242, 0, 'x', 'en', 'Latn', 0, 'review')"
    )
    raw.commit()
    raw.close()
    assert any("refer to rows" in p for p in check_database(db).problems)
