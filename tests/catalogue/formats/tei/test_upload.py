"""The TEI upload updates existing records: round trip, changes, conflicts, errors, undo."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.audit import undo
from catalogue.db import Database
from catalogue.editing.saving import find, record_form, save
from catalogue.formats.table.reader import ImportReport
from catalogue.formats.tei.upload import CONFLICT, NEW, run_tei_import
from catalogue.language.localized import Status
from catalogue.models import (
    AuditEntry,
    Citation,
    Manuscript,
    Person,
    Place,
    PublicationState,
    Relation,
    Source,
)
from catalogue.transaction import transaction
from tests.catalogue.formats.tei.test_reader import _export, described_db

__all__ = ["described_db"]  # the fixture, shared with test_tei


def _audit(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _ms(session: Session, slug: str = "test-ms") -> Manuscript:
    found = find(session, Manuscript, slug)
    assert isinstance(found, Manuscript)
    return found


def _versions(report: ImportReport) -> dict[str, str]:
    return {row.slug: row.version for row in report.rows}


def test_exporting_and_importing_back_is_unchanged_for_every_record(
    described_db: Database,
) -> None:
    files = _export(described_db)
    assert len(files) == 29  # the shipped 27, the described one, the authority file
    history = _audit(described_db)
    for name, data in files.items():
        report = run_tei_import(described_db, data, dry_run=True)
        assert report.rows, name
        for row in report.rows:
            assert (row.action, row.errors, row.changed) == ("unchanged", {}, []), (name, row)
    authority = run_tei_import(described_db, files["authority.xml"], dry_run=True)
    assert {"test-scribe", "test-city", "test-quarter", "test-collection"} <= {
        row.slug for row in authority.rows
    }
    # A real import of an unchanged file writes nothing, so leaves no history.
    report = run_tei_import(described_db, files["test-ms.xml"], dry_run=False, expected={})
    assert report.errors and report.rows[0].errors == {"version": CONFLICT}  # no dry run seen
    dry = run_tei_import(described_db, files["test-ms.xml"], dry_run=True)
    done = run_tei_import(
        described_db, files["test-ms.xml"], dry_run=False, expected=_versions(dry)
    )
    assert done.written and done.count("unchanged") == 1
    assert _audit(described_db) == history
    assert _export(described_db) == files


def _keep_extras(db: Database) -> None:
    """What TEI does not carry: a relation, a citation, a provenance citation, a draft state."""
    with transaction(db) as session:
        ms = _ms(session)
        source = Source(
            slug="test-source", state=PublicationState.PUBLISHED, source_kind="reference"
        )
        scribe = find(session, Person, "test-scribe")
        assert scribe is not None
        session.add(source)
        ms.state = PublicationState.DRAFT
        ms.citations.append(Citation(source=source, locator="p. 3", position=0))
        ms.provenance[0].citations.append(Citation(source=source, locator="p. 9", position=0))
        session.add(Relation(subject=ms, object=scribe, predicate="related_to"))


def test_an_update_changes_what_the_file_says_and_keeps_the_rest(described_db: Database) -> None:
    tei = _export(described_db)["test-ms.xml"]
    _keep_extras(described_db)
    with described_db.read() as session:
        before = record_form(_ms(session), "manuscripts")
    edited = (
        tei.replace(b">A test manuscript<", b">A corrected title<")
        .replace(b'quantity="120"', b'quantity="121"')
        .replace(b"<term>history</term>", b"")
    )
    history = _audit(described_db)
    dry = run_tei_import(described_db, edited, dry_run=True)
    (row,) = dry.rows
    assert (row.action, row.errors) == ("update", {})
    assert row.changed == ["title.en", "subjects", "folio_count"]
    assert _audit(described_db) == history  # a dry run writes nothing
    with described_db.read() as session:
        assert record_form(_ms(session), "manuscripts") == before
    done = run_tei_import(described_db, edited, dry_run=False, expected=_versions(dry))
    assert done.written and done.count("update") == 1
    assert _audit(described_db) > history
    with described_db.read() as session:
        ms = _ms(session)
        assert ms.title.text("en") == "A corrected title"
        assert ms.title["en"].status is Status.REVIEW  # changed: to be reviewed
        assert ms.title["fa"].status is Status.REVIEW and ms.summary["en"].status is Status.CHECKED
        assert ms.folio_count == 121 and ms.subjects == []
        assert ms.state is PublicationState.DRAFT  # the file says published; the state is kept
        assert [c.locator for c in ms.citations] == ["p. 3"]
        assert [c.locator for c in ms.provenance[0].citations] == ["p. 9"]
        assert [r.predicate for r in ms.outgoing] == ["related_to"]
        assert len(ms.contents) == 2 and ms.contents[0].author is not None
        assert ms.version == int(row.version) + 1


def test_a_record_saved_after_the_dry_run_is_not_overwritten(described_db: Database) -> None:
    tei = _export(described_db)["test-ms.xml"].replace(b'quantity="120"', b'quantity="121"')
    dry = run_tei_import(described_db, tei, dry_run=True)
    assert dry.rows[0].action == "update"
    with transaction(described_db) as session:  # someone else saves it meanwhile
        form = {**record_form(_ms(session), "manuscripts"), "scribe_name": "another"}
        save(session, "manuscripts", "test-ms", form)
    history = _audit(described_db)
    report = run_tei_import(described_db, tei, dry_run=False, expected=_versions(dry))
    assert not report.written and report.rows[0].errors == {"version": CONFLICT}
    assert _audit(described_db) == history
    with described_db.read() as session:
        assert _ms(session).folio_count == 120 and _ms(session).scribe_name == "another"
    # Checked again, the import goes through (and keeps the other curator's scribe: TEI says
    # "کاتب", so that is a change the new dry run shows).
    again = run_tei_import(described_db, tei, dry_run=True)
    assert again.rows[0].changed == ["scribe_name", "folio_count"]
    assert run_tei_import(described_db, tei, dry_run=False, expected=_versions(again)).written


def test_a_record_created_after_the_dry_run_is_a_conflict(described_db: Database) -> None:
    authority = _export(described_db)["authority.xml"].replace(
        b'xml:id="test-city"', b'xml:id="new-city"'
    )
    authority = authority.replace(b'passive="#test-city"', b'passive="#new-city"')
    dry = run_tei_import(described_db, authority, dry_run=True)
    rows = {row.slug: row for row in dry.rows}
    assert rows["new-city"].action == "create" and rows["new-city"].version == NEW
    assert rows["test-quarter"].action == "update"
    assert rows["test-quarter"].changed == ["parent"]
    with transaction(described_db) as session:
        session.add(Place(slug="new-city", state=PublicationState.DRAFT, place_kind="city"))
    report = run_tei_import(described_db, authority, dry_run=False, expected=_versions(dry))
    assert not report.written
    assert [r.slug for r in report.errors] == ["new-city"]


def test_new_and_changed_authority_records_in_one_import(described_db: Database) -> None:
    authority = _export(described_db)["authority.xml"]
    new_place = (
        b'<place xml:id="test-garden" type="site"><placeName xml:lang="en-Latn" '
        b'type="preferred" cert="high">Test Garden</placeName><relation name="locatedIn" '
        b'active="#test-garden" passive="#test-city"/></place></listPlace>'
    )
    edited = authority.replace(b"</listPlace>", new_place).replace(
        b">A test person.<", b">A test person, corrected.<"
    )
    dry = run_tei_import(described_db, edited, dry_run=True)
    rows = {row.slug: row for row in dry.rows}
    assert rows["test-garden"].action == "create"
    assert rows["test-scribe"].changed == ["summary.en"]
    assert dry.count("update") == 1 and not dry.errors
    assert run_tei_import(described_db, edited, dry_run=False, expected=_versions(dry)).written
    with described_db.read() as session:
        garden = find(session, Place, "test-garden")
        assert isinstance(garden, Place) and garden.state is PublicationState.PUBLISHED
        assert garden.parent is not None and garden.parent.slug == "test-city"
        scribe = find(session, Person, "test-scribe")
        assert isinstance(scribe, Person) and scribe.summary["en"].status is Status.REVIEW
        assert scribe.summary["fa"].status is Status.REVIEW  # as it was
        assert scribe.role["en"].status is Status.CHECKED  # unchanged, still checked
        assert len(scribe.names) == 2


def test_rows_in_error_leave_nothing_written(described_db: Database) -> None:
    authority = _export(described_db)["authority.xml"]
    edited = (
        authority.replace(b">A test person.<", b">Changed.<")
        .replace(b'type="site"', b'type="no-such-kind"')  # test-quarter: not a place kind
        .replace(b'<idno type="wikidata">Q2</idno>', b'<idno type="wikidata">Q 2!</idno>')
    )
    history = _audit(described_db)
    report = run_tei_import(described_db, edited, dry_run=False, expected={})
    assert not report.written
    dry = run_tei_import(described_db, edited, dry_run=True)
    rows = {row.slug: row for row in dry.rows}
    report = run_tei_import(described_db, edited, dry_run=False, expected=_versions(dry))
    assert not report.written
    rows = {row.slug: row for row in report.rows}
    assert rows["test-scribe"].action == "update"
    assert rows["test-quarter"].action == "error" and "place_kind" in rows["test-quarter"].errors
    assert rows["test-city"].action == "error" and "wikidata_id" in rows["test-city"].errors
    assert _audit(described_db) == history
    with described_db.read() as session:
        scribe = find(session, Person, "test-scribe")
        assert isinstance(scribe, Person) and scribe.summary.text("en") == "A test person."


def test_a_text_in_another_language_is_an_error(described_db: Database) -> None:
    tei = _export(described_db)["test-ms.xml"].replace(
        b'<summary xml:lang="en"',
        b'<summary xml:lang="de" cert="unknown">Zusammenfassung</summary><summary xml:lang="en"',
    )
    report = run_tei_import(described_db, tei, dry_run=True)
    assert report.rows[0].action == "error"
    assert "unknown language 'de'" in report.rows[0].errors["document"]


def test_a_manuscript_id_used_by_another_kind_of_record_is_an_error(
    described_db: Database,
) -> None:
    tei = _export(described_db)["test-ms.xml"].replace(b'xml:id="test-ms"', b'xml:id="test-scribe"')
    report = run_tei_import(described_db, tei, dry_run=True)
    assert report.rows[0].action == "error"
    assert "is a person in the catalogue, not a manuscript" in report.rows[0].errors["slug"]


def test_an_import_update_is_undone_from_the_history(described_db: Database) -> None:
    tei = _export(described_db)["test-ms.xml"]
    edited = tei.replace(b">A test manuscript<", b">Retitled<").replace(
        b"<locus>f. 1r</locus>", b"<locus>f. 2r</locus>"
    )
    dry = run_tei_import(described_db, edited, dry_run=True)
    assert dry.rows[0].changed == ["title.en", "seals-0.locus"]
    assert run_tei_import(described_db, edited, dry_run=False, expected=_versions(dry)).written
    with described_db.read() as session:
        changeset = session.scalar(select(AuditEntry.changeset).order_by(AuditEntry.id.desc()))
    assert changeset
    with transaction(described_db) as session:
        assert undo(session, changeset) >= 2
    with described_db.read() as session:
        ms = _ms(session)
        assert ms.title.text("en") == "A test manuscript"
        assert ms.title["en"].status is Status.CHECKED
        assert ms.seals[0].locus == "f. 1r"
    assert _export(described_db)["test-ms.xml"] == tei


def test_name_variants_keep_their_review_status_and_note_unless_changed(
    described_db: Database,
) -> None:
    with transaction(described_db) as session:
        scribe = find(session, Person, "test-scribe")
        assert isinstance(scribe, Person)
        for name in scribe.names:
            name.status, name.note = Status.CHECKED, f"note on {name.lang}"
    authority = _export(described_db)["authority.xml"]
    edited = authority.replace("کاتب آزمایشی".encode(), "کاتبِ آزمایشی".encode())
    assert edited != authority
    dry = run_tei_import(described_db, edited, dry_run=True)
    rows = {row.slug: row for row in dry.rows}
    assert rows["test-scribe"].changed == ["names-1.text"]
    assert run_tei_import(described_db, edited, dry_run=False, expected=_versions(dry)).written
    with described_db.read() as session:
        scribe = find(session, Person, "test-scribe")
        assert isinstance(scribe, Person)
        found = [(n.lang, n.text, n.status, n.note) for n in scribe.names]
    assert found == [
        ("en", "Test Scribe", Status.CHECKED, "note on en"),
        ("fa", "کاتبِ آزمایشی", Status.REVIEW, "note on fa"),
    ]
