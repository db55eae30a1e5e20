"""TEI import through /curator/import: a dry run record by record, then all or nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app import context
from catalogue.db import Database
from catalogue.formats.tei import upload as tei_upload
from catalogue.formats.tei.files import tei_files
from catalogue.models import AuditEntry, Entity, Manuscript
from catalogue.transaction import transaction
from tests.app.curator.conftest import csrf_of
from tests.app.curator.test_imports import _run, _upload
from tests.catalogue.formats.tei.test_reader import _described, url
from tests.conftest import Backend, write_lock_free


@pytest.fixture(scope="module")
def files(backend: Backend) -> dict[str, bytes]:
    """TEI files of one fully described synthetic manuscript and its authority file."""
    source = Database(backend.fresh_url())
    try:
        with transaction(source) as session:
            _described(session)
        with source.read() as session:
            return tei_files(session, url, "https://example.org/tei/authority.xml")
    finally:
        source.dispose()


def _count(client: FlaskClient, model: type[Entity] | type[AuditEntry]) -> int:
    with client.application.app_context():
        return int(context.session().scalar(select(func.count()).select_from(model)) or 0)


def test_authority_then_manuscript_dry_run_then_import(
    curator_client: FlaskClient, files: dict[str, bytes]
) -> None:
    manuscript = files["test-ms.xml"]
    # The manuscript first: its people and places are not in the catalogue yet.
    early = _upload(curator_client, "test-ms.xml", manuscript)
    page = early.get_data(as_text=True)
    assert early.status_code == 400 and "is not a known person, place or collection" in page
    assert "Import all rows" not in page
    entities, history = _count(curator_client, Entity), _count(curator_client, AuditEntry)
    dry = _upload(curator_client, "authority.xml", files["authority.xml"])
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "Dry run, nothing written yet" in page
    for slug in ("test-scribe", "test-city", "test-quarter", "test-collection"):
        assert f"<bdi>{slug}</bdi>" in page, slug
    assert _count(curator_client, Entity) == entities  # nothing written by the dry run
    assert _count(curator_client, AuditEntry) == history
    done = _run(curator_client, page, "import")
    assert done.status_code == 200 and "Imported: " in done.get_data(as_text=True)
    assert _count(curator_client, Entity) == entities + 4
    assert _count(curator_client, AuditEntry) > history  # in the history, in the curator's name
    # Now the manuscript's references resolve to the catalogue's records.
    dry = _upload(curator_client, "test-ms.xml", manuscript)
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "<bdi>test-ms</bdi>" in page and "contents items" in page
    assert curator_client.get("/curator/manuscripts/test-ms").status_code == 404
    assert _run(curator_client, page, "import").status_code == 200
    with curator_client.application.app_context():
        made = context.session().scalar(select(Manuscript).where(Manuscript.slug == "test-ms"))
        assert made is not None and made.collection is not None
        assert made.contents and made.contents[0].author is not None
        assert made.contents[0].author.slug == "test-scribe"
    # Once more, as it is: it exists, and the file changes nothing in it.
    again = _upload(curator_client, "test-ms.xml", manuscript)
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "0 would be created, 0 changed, 1 unchanged" in page


def test_a_corrected_manuscript_updates_its_record_unless_saved_meanwhile(
    curator_client: FlaskClient, files: dict[str, bytes]
) -> None:
    for name in ("authority.xml", "test-ms.xml"):
        page = _upload(curator_client, name, files[name]).get_data(as_text=True)
        assert _run(curator_client, page, "import").status_code == 200
    corrected = files["test-ms.xml"].replace(b">A test manuscript<", b">Corrected<")
    dry = _upload(curator_client, "test-ms.xml", corrected)
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "0 would be created, 1 changed, 0 unchanged" in page
    assert re.search(r"<bdi>test-ms</bdi>.*?changed.*?title\.en", page, re.S)
    assert 'name="version-test-ms" value="1"' in page
    # Someone saves the record between the dry run and the import: nothing is overwritten.
    history = _count(curator_client, AuditEntry)
    with curator_client.application.app_context(), transaction(context.database()) as session:
        ms = session.scalar(select(Manuscript).where(Manuscript.slug == "test-ms"))
        assert ms is not None
        ms.scribe_name = "someone else"
    refused = _run(curator_client, page, "import")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "saved by someone else after the dry run" in text
    assert _count(curator_client, AuditEntry) == history + 1  # only the other save
    # Checked again, it imports; the change is in the history, to be undone there.
    page = _run(curator_client, text, "dry").get_data(as_text=True)
    assert 'name="version-test-ms" value="2"' in page
    done = _run(curator_client, page, "import")
    assert done.status_code == 200 and "1 changed" in done.get_data(as_text=True)
    with curator_client.application.app_context():
        made = context.session().scalar(select(Manuscript).where(Manuscript.slug == "test-ms"))
        assert made is not None and made.title.text("en") == "Corrected"
        assert made.scribe_name == "کاتب"  # what the file says
        changeset = context.session().scalar(
            select(AuditEntry.changeset).order_by(AuditEntry.id.desc())
        )
    token = csrf_of(curator_client, "/curator/")
    undone = curator_client.post(f"/curator/history/{changeset}/undo", data={"csrf_token": token})
    assert undone.status_code == 302
    with curator_client.application.app_context():
        made = context.session().scalar(select(Manuscript).where(Manuscript.slug == "test-ms"))
        assert made is not None and made.title.text("en") == "A test manuscript"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&e;</TEI>',
            "DOCTYPE",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&e;</text></TEI>',
            "DOCTYPE",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><TEI>&b;</TEI>',
            "",
        ),
        (b"<TEI", "well-formed"),
        (b"<x/>", "not TEI"),
        (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "neither a manuscript"),
    ],
)
def test_hostile_and_broken_xml_is_refused_and_nothing_changes(
    curator_client: FlaskClient, data: bytes, message: str
) -> None:
    before = _count(curator_client, Entity), _count(curator_client, AuditEntry)
    response = _upload(curator_client, "evil.xml", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert "root:" not in page and "aaaaaaaaaa" not in page
    assert (_count(curator_client, Entity), _count(curator_client, AuditEntry)) == before


def test_a_tei_dry_run_holds_no_write_lock(
    curator_client: FlaskClient,
    files: dict[str, bytes],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    real = tei_upload._write

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(write_lock_free(db))
        return real(*args, **kwargs)

    monkeypatch.setattr(tei_upload, "_write", watched)
    assert _upload(curator_client, "authority.xml", files["authority.xml"]).status_code == 200
    assert seen == [True]
    assert _count(curator_client, Entity) == 0
