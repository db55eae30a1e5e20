"""A published record linked to drafts: no public surface names a draft or gives its identifier."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import context
from catalogue.db import Database
from catalogue.language.localized import LocalizedText
from catalogue.models import (
    Citation,
    Collection,
    ContentsItem,
    Event,
    Kind,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Seal,
    Source,
)
from catalogue.reading.records import get_record
from catalogue.search import SearchIndex, rebuild
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import make_settings

LANGS = ("kk", "ru", "en", "fa")
PERSON = {"en": "Zorvath Vizier", "ru": "Зорват визирь", "kk": "Зорват уәзір", "fa": "زورواث وزیر"}
PLACE = {"en": "Quillmere", "ru": "Квиллмир", "kk": "Квиллмер", "fa": "کویلمیر"}
COLLECTION = {
    "en": "Hoard of Xandu",
    "ru": "Клад Ксанду",
    "kk": "Ксанду қазынасы",
    "fa": "گنج خاندو",
}
SOURCE = {
    "en": "Chronicle of Yemvar",
    "ru": "Хроника Емвара",
    "kk": "Емвар шежіресі",
    "fa": "تاریخ یموار",
}
SLUGS = ("zorvath-draft", "quillmere-draft", "xandu-hoard", "yemvar-chronicle")
SECRETS = (*SLUGS, *PERSON.values(), *PLACE.values(), *COLLECTION.values(), *SOURCE.values())
NOT_PUBLIC = {
    "en": "not (yet) public",
    "ru": "(ещё) не опубликовано",
    "kk": "(әзірге) жарияланбаған",
    "fa": "(هنوز) منتشر نشده",
}
SCRIPTS = {"en": "Latn", "ru": "Cyrl", "kk": "Cyrl", "fa": "Arab"}


def _names(texts: dict[str, str]) -> list[NameVariant]:
    return [
        NameVariant(text=text, lang=lang, script=SCRIPTS[lang], preferred=True, position=i)
        for i, (lang, text) in enumerate(texts.items())
    ]


def _link_everything_to_drafts(db: Database) -> None:
    draft = PublicationState.DRAFT
    with transaction(db) as session:
        person = Person(slug=SLUGS[0], state=draft, names=_names(PERSON))
        place = Place(slug=SLUGS[1], state=draft, place_kind="city", names=_names(PLACE))
        collection = Collection(slug=SLUGS[2], state=draft, title=LocalizedText(COLLECTION))
        source = Source(
            slug=SLUGS[3], state=draft, source_kind="reference", title=LocalizedText(SOURCE)
        )
        session.add_all([person, place, collection, source])
        session.flush()
        ms = get_record(session, Kind.MANUSCRIPT, "ms-01")
        assert isinstance(ms, Manuscript)
        ms.collection = collection
        ms.origin_place = place
        ms.contents.append(ContentsItem(position=99, locus="f. 1r", author=person))
        ms.seals.append(Seal(position=99, legend="عبده", owner=person))
        ms.provenance.append(
            ProvenanceEntry(
                position=99,
                summary=LocalizedText({"en": "Kept in a house."}),
                place=place,
                agent=person,
                citations=[Citation(source=source, locator="p. 1")],
            )
        )
        ms.citations.append(Citation(source=source, locator="p. 2", position=99))
        event = get_record(session, Kind.EVENT, "taikazan-casting")
        assert isinstance(event, Event)
        event.place = place
        astana = get_record(session, Kind.PLACE, "astana")
        assert isinstance(astana, Place)
        astana.parent = place
        tauke = get_record(session, Kind.PERSON, "tauke-khan")
        tauke.citations.append(Citation(source=source, locator="p. 3", position=99))


@pytest.fixture
def linked_app(db: Database, tmp_path: Path) -> Iterator[Flask]:
    """The shipped catalogue, its published records linked to four drafts, indexed afresh."""
    from app import create_app

    with transaction(db) as session:
        load_shipped_catalogue(session)
    _link_everything_to_drafts(db)
    index = SearchIndex(tmp_path / "index")
    rebuild(db, index)
    index.close()
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


RECORDS = [
    "/manuscripts/ms-01",
    "/events/taikazan-casting",
    "/places/astana",
    "/people/tauke-khan",
]
KIOSK = [
    "/kiosk/{lang}/",
    "/kiosk/{lang}/manuscripts/",
    "/kiosk/{lang}/manuscripts/ms-01",
    "/kiosk/{lang}/people/",
    "/kiosk/{lang}/people/tauke-khan",
    "/kiosk/{lang}/timeline",
    "/kiosk/{lang}/events/taikazan-casting",
    "/kiosk/{lang}/map",
    "/kiosk/{lang}/places/astana",
]
SCHOLARS = [
    "/manuscripts/",
    "/places/",
    "/events/",
    "/people/",
    "/api/manuscripts/ms-01",
    "/api/events/taikazan-casting",
    "/api/places/astana",
    "/api/people/tauke-khan",
    "/api/manuscripts?per_page=200",
    "/api/events?per_page=200",
    "/api/places?per_page=200",
    "/api/people?per_page=200",
    "/api/search?q=Tauke",
    "/api/search?q=ms",
    "/export/catalogue.csv",
    "/export/catalogue.json",
    "/export/catalogue.dc",
    "/search",
    "/search?q=Tauke",
    "/search?kind=manuscript",
    "/search?q=Tauke&format=csv",
    "/search?q=Tauke&format=json",
    "/search?q=Tauke&format=dc",
    "/manuscripts/ms-01.tei.xml",
    "/manuscripts/authority.xml",
    "/manuscripts/ms-01/cite.bib",
    "/manuscripts/ms-01/cite.ris",
    "/manuscripts/ms-01/cite.json",
    "/iiif/manuscripts/ms-01/manifest.json",
    "/iiif/collection.json",
]


def _text(client: FlaskClient, path: str) -> str:
    response = client.get(path, buffered=True)
    assert response.status_code == 200, path
    body = response.get_data(as_text=True)
    if response.is_json:  # compare the text, not its \u escapes
        body = json.dumps(response.get_json(), ensure_ascii=False)
    return body


def _oai(client: FlaskClient, prefix: str) -> Iterator[str]:
    path = f"/oai?verb=ListRecords&metadataPrefix={prefix}"
    while path:
        body = _text(client, path)
        yield body
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
        path = f"/oai?verb=ListRecords&resumptionToken={token.group(1)}" if token else ""


def test_no_public_surface_names_a_linked_draft(linked_app: Flask) -> None:
    client = linked_app.test_client()
    pages: dict[str, str] = {}
    for lang in LANGS:
        for path in RECORDS:
            pages[f"{path}?lang={lang}"] = _text(client, f"{path}?lang={lang}")
        for path in KIOSK:
            pages[path.format(lang=lang)] = _text(client, path.format(lang=lang))
    for path in SCHOLARS:
        pages[path] = _text(client, path)
    for prefix in ("oai_dc", "tei"):
        for n, body in enumerate(_oai(client, prefix)):
            pages[f"oai {prefix} {n}"] = body
    leaks = {path: [s for s in SECRETS if s in body] for path, body in pages.items()}
    assert {path: found for path, found in leaks.items() if found} == {}
    # The links are there, marked, in the page's language; the API says which are not public.
    for lang in LANGS:
        assert NOT_PUBLIC[lang] in pages[f"/manuscripts/ms-01?lang={lang}"]
        assert NOT_PUBLIC[lang] in pages[f"/kiosk/{lang}/events/taikazan-casting"]
    record = json.loads(pages["/api/manuscripts/ms-01"])
    assert record["collection"] == {
        "id": None,
        "kind": "collection",
        "label": {"en": {"text": "not (yet) public", "status": "review"}},
        "url": None,
    }
    # The manuscript itself is as public as before.
    assert "ms-01" in pages["/iiif/collection.json"]
