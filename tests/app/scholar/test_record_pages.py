"""Public record pages: every shipped record, in every language, as valid HTML."""

from typing import Any

import html5lib
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from catalogue.db import Database
from catalogue.models import Entity
from catalogue.reading.records import MODELS

LANGS = ["kk", "ru", "en", "fa"]
SECTIONS = {
    "manuscript": "manuscripts",
    "person": "people",
    "place": "places",
    "event": "events",
    "source": "sources",
    "collection": "collections",
}


def _valid_html(text: str) -> None:
    html5lib.HTMLParser(strict=True).parse(text)  # raises on any parse error


def _all_records(database: Database) -> list[tuple[str, str]]:
    with database.read() as session:
        return [(SECTIONS[e.kind.value], e.slug) for e in session.query(Entity).order_by(Entity.id)]


def test_every_record_page_renders_in_every_language(
    client: FlaskClient, shipped_db: Database
) -> None:
    records = _all_records(shipped_db)
    assert len({kind for kind, _ in records}) == len(MODELS)
    for section, slug in records:
        for lang in LANGS:
            response = client.get(f"/{section}/{slug}?lang={lang}")
            assert response.status_code == 200, (section, slug, lang)
            page = response.get_data(as_text=True)
            _valid_html(page)
            assert f'<html lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">' in page


@pytest.mark.parametrize("section", sorted(SECTIONS.values()))
def test_lists_render(client: FlaskClient, section: str) -> None:
    response = client.get(f"/{section}/?lang=en")
    assert response.status_code == 200
    _valid_html(response.get_data(as_text=True))


def test_manuscript_page_says_cataloguing_is_in_progress_and_shows_a_placeholder(
    client: FlaskClient,
) -> None:
    page = client.get("/manuscripts/ms-01?lang=en").get_data(as_text=True)
    assert "Cataloguing in progress" in page
    assert "placeholder-page.svg" in page
    assert "placeholder, not an image of the manuscript" in page


def test_person_page_shows_both_calendars_names_and_sources(client: FlaskClient) -> None:
    page = client.get("/people/nader-shah?lang=en").get_data(as_text=True)
    assert "AH" in page  # Hijri beside Gregorian
    assert "نادر" in page
    assert "/sources/fact-sheet" in page


def test_persian_pages_are_right_to_left_and_translated(client: FlaskClient) -> None:
    page = client.get("/people/tauke-khan?lang=fa").get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "Manuscripts" not in page  # the navigation is translated


def test_missing_translation_shows_another_language_with_a_note(client: FlaskClient) -> None:
    # The press article's full text exists only in Persian; the English page marks its language.
    page = client.get("/sources/press-article?lang=en").get_data(as_text=True)
    assert 'lang="fa"' in page


def test_the_language_choice_is_remembered(client: FlaskClient) -> None:
    client.get("/?lang=ru")
    page = client.get("/people/").get_data(as_text=True)
    assert '<html lang="ru"' in page


def test_accept_language_is_honoured(client: FlaskClient) -> None:
    page = client.get("/people/", headers={"Accept-Language": "fa-IR,fa;q=0.9"}).get_data(
        as_text=True
    )
    assert '<html lang="fa" dir="rtl">' in page


@pytest.mark.parametrize(
    "path",
    [
        "/people/nobody",
        "/people/Tauke-Khan",
        "/people/..%2F..%2Fetc%2Fpasswd",
        "/manuscripts/tauke-khan",  # a person is not a manuscript
        "/nowhere/",
        "/people/" + "a" * 500,
    ],
)
def test_unknown_records_get_a_friendly_404(client: FlaskClient, path: str) -> None:
    response = client.get(path + "?lang=en")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "This page does not exist" in page and "Traceback" not in page


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "page=-1", "page=99999999999", "page=²", "page=①", "page=" + "1" * 5000],
)
def test_bad_page_numbers_get_a_400_page(client: FlaskClient, query: str) -> None:
    response = client.get(f"/people/?{query}&lang=en")
    assert response.status_code == 400
    assert "could not be understood" in response.get_data(as_text=True)


def test_the_kiosk_lists_the_27_manuscripts(client: FlaskClient) -> None:
    page = client.get("/kiosk/en/manuscripts/").get_data(as_text=True)
    assert page.count('href="/kiosk/en/manuscripts/ms-') == 27


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("/manuscripts/ms-01", 12),
        ("/people/tauke-khan", 7),  # the connections' own sources are shown, as in the JSON
        ("/api/manuscripts/ms-01", 12),
        ("/api/people/tauke-khan", 7),
    ],
)
def test_a_record_asks_the_database_once_per_kind_of_part(
    app: Flask, client: FlaskClient, path: str, most: int
) -> None:
    # Each lazy load was a round trip; on PostgreSQL under load they kept record pages over
    # their p95 budget (PERFORMANCE.md). 14 queries for a manuscript page, 10 for a person's,
    # 13 for a person's JSON.
    from app import context

    with app.app_context():
        engine = context.database().engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    client.get(path)  # warm: the vocabulary and the like are read once per process
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # The catalogue's version is asked at most once a second per process (catalogue/versioned.py):
    # on a loaded machine that second can end inside the request. It is not a part of the page.
    queries = [
        s
        for s in statements
        if s.lstrip().upper().startswith("SELECT") and "max(audit_entry.id)" not in s
    ]
    assert len(queries) <= most, "\n".join(queries)
