"""The vocabularies page: curators review and correct the labels of the controlled terms."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from catalogue.db import Database
from catalogue.editing.vocabulary_labels import save_labels
from catalogue.models import (
    NameVariant,
    Person,
    Place,
    PublicationState,
    Relation,
    VocabularyLabel,
)
from catalogue.transaction import run_in_transaction, transaction
from tests.app.curator.conftest import editor_form
from tests.app.curator.conftest import post_form as _post

PAGE = "/curator/vocabularies"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form(client: FlaskClient, name: str, **changes: str) -> dict[str, str]:
    """One vocabulary's form as the page shows it, with some inputs changed."""
    page = client.get(PAGE).get_data(as_text=True)
    section = page[page.index(f'id="vocabulary-{name}"') :]
    version = re.search(r'name="version" value="([^"]*)"', section)
    assert version
    shown = editor_form(client, PAGE)  # every form's inputs, each named after its vocabulary
    form = {key: value for key, value in shown.items() if key.startswith(f"{name}.")}
    form["version"] = version.group(1)
    form.update({f"{name}.{key}": value for key, value in changes.items()})
    return form


def _place(db: Database, slug: str = "yasy") -> None:
    with transaction(db) as session:
        session.add(
            Place(
                slug=slug,
                state=PublicationState.PUBLISHED,
                place_kind="city",
                names=[NameVariant(text="Yasy", lang="en", script="Latn", preferred=True)],
            )
        )


def _changesets(page: str) -> list[str]:
    return re.findall(r"/curator/history/([0-9a-f]{32})/undo", page)


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login(
    curator_app: Flask, db: Database
) -> None:
    client = curator_app.test_client()
    answer = client.get(PAGE)
    assert answer.status_code == 302 and "/curator/login" in answer.location
    posted = client.post(f"{PAGE}/place_kinds", data={"version": "x", "place_kinds.city.en": "T"})
    assert posted.status_code in (400, 401)  # no CSRF token, no session: nothing done
    with db.read() as session:
        assert session.scalars(select(VocabularyLabel)).all() == []


def test_every_vocabulary_and_term_is_listed_with_its_four_labels(
    curator_client: FlaskClient,
) -> None:
    page = curator_client.get(PAGE).get_data(as_text=True)
    assert f'href="{PAGE}"' in page  # in the curator nav
    for name in ("predicates", "place_kinds", "scripts", "subjects", "text_languages"):
        assert f'id="vocabulary-{name}"' in page
    assert 'name="place_kinds.city.fa" value="شهر" dir="rtl" lang="fa"' in page
    assert 'name="place_kinds.city.en" value="City" dir="ltr"' in page
    assert 'name="place_kinds.city.fa.status"' in page
    assert 'name="predicates.author_of.inverse.en" value="author"' in page


def test_a_corrected_persian_label_marked_checked_shows_everywhere(
    curator_client: FlaskClient, db: Database
) -> None:
    _place(db)
    before = curator_client.get("/kiosk/fa/places/yasy").get_data(as_text=True)
    assert "شهر" in before  # and now cached for this catalogue version
    form = _form(
        curator_client, "place_kinds", **{"city.fa": "شهرِ کهن", "city.fa.status": "checked"}
    )
    saved = _post(curator_client, f"{PAGE}/place_kinds", form, page=PAGE)
    assert saved.status_code == 302 and saved.location.endswith("#vocabulary-place_kinds")
    page = curator_client.get(saved.location).get_data(as_text=True)
    assert 'value="شهرِ کهن"' in page and "Saved." in page
    status = re.search(r'name="place_kinds.city.fa.status">(.*?)</select>', page, re.S)
    assert status and '<option value="checked" selected>' in status.group(1)
    assert "شهرِ کهن" in curator_client.get("/kiosk/fa/places/yasy").get_data(as_text=True)
    assert "شهرِ کهن" in curator_client.get("/places/yasy?lang=fa").get_data(as_text=True)
    editor = curator_client.get("/curator/places/yasy?lang=fa").get_data(as_text=True)
    assert "شهرِ کهن" in editor  # the place-kind select of the record form


def test_a_corrected_relation_label_is_in_the_api(
    curator_client: FlaskClient, db: Database
) -> None:
    with transaction(db) as session:
        author = Person(
            slug="hafiz",
            state=PublicationState.PUBLISHED,
            names=[NameVariant(text="Hafiz", lang="en", script="Latn", preferred=True)],
        )
        other = Person(
            slug="saadi",
            state=PublicationState.PUBLISHED,
            names=[NameVariant(text="Saadi", lang="en", script="Latn", preferred=True)],
        )
        session.add_all([author, other])
        session.flush()
        session.add(Relation(subject_id=author.id, object_id=other.id, predicate="influenced_by"))
    form = _form(curator_client, "predicates", **{"influenced_by.inverse.en": "left a mark on"})
    assert _post(curator_client, f"{PAGE}/predicates", form, page=PAGE).status_code == 302
    found = curator_client.get("/api/people/saadi").get_json()
    labels = [r["label"]["en"]["text"] for r in found["relations"]]
    assert labels == ["left a mark on"]
    page = curator_client.get("/people/saadi?lang=en").get_data(as_text=True)
    assert "left a mark on" in page


def test_a_stale_save_is_refused_with_both_versions(curator_client: FlaskClient) -> None:
    mine = _form(curator_client, "place_kinds", **{"river.en": "Stream"})
    theirs = _form(curator_client, "place_kinds", **{"river.en": "Waterway"})
    assert _post(curator_client, f"{PAGE}/place_kinds", theirs, page=PAGE).status_code == 302
    refused = _post(curator_client, f"{PAGE}/place_kinds", mine, page=PAGE)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Someone else saved these labels" in page
    assert 'value="Waterway"' in page  # theirs, in the form
    assert "You had typed:" in page and "<bdi>Stream</bdi>" in page  # mine, beside it
    assert page.count("You had typed:") == 1  # only where they differ
    again = curator_client.get(PAGE).get_data(as_text=True)
    assert 'value="Waterway"' in again and 'value="Stream"' not in again


def test_an_empty_english_label_is_refused_and_nothing_saved(curator_client: FlaskClient) -> None:
    form = _form(curator_client, "place_kinds", **{"city.en": "", "river.fa": "رودخانه"})
    refused = _post(curator_client, f"{PAGE}/place_kinds", form, page=PAGE)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "an English label is needed" in page
    assert 'value="رودخانه"' in page  # what was typed is kept in the form
    assert 'value="رودخانه"' not in curator_client.get(PAGE).get_data(as_text=True)


def test_too_long_and_odd_input_is_a_clear_refusal_never_a_500(
    curator_client: FlaskClient,
) -> None:
    form = _form(curator_client, "scripts", **{"naskh.fa": "ن" * 5000, "naskh.en.status": "??"})
    assert _post(curator_client, f"{PAGE}/scripts", form, page=PAGE).status_code == 400
    assert (
        _post(curator_client, f"{PAGE}/scripts", {"version": "nope"}, page=PAGE).status_code == 409
    )
    assert (
        _post(curator_client, f"{PAGE}/no_such_list", {"version": ""}, page=PAGE).status_code == 404
    )
    assert _post(curator_client, f"{PAGE}/..%2Fx", {"version": ""}, page=PAGE).status_code == 404


def test_a_change_is_in_the_history_and_undone_there(
    curator_client: FlaskClient, db: Database
) -> None:
    _place(db)
    form = _form(curator_client, "place_kinds", **{"city.en": "Town"})
    assert _post(curator_client, f"{PAGE}/place_kinds", form, page=PAGE).status_code == 302
    assert "Town" in curator_client.get("/places/yasy?lang=en").get_data(as_text=True)
    history = curator_client.get("/curator/history").get_data(as_text=True)
    assert "VocabularyLabel" in history and "Town" in history
    assert "place_kinds · city" in history  # which term, not just a row number
    latest = _changesets(history)[0]
    assert _post(curator_client, f"/curator/history/{latest}/undo", {}).status_code == 302
    page = curator_client.get(PAGE).get_data(as_text=True)
    assert 'name="place_kinds.city.en" value="City"' in page
    history = curator_client.get("/curator/history").get_data(as_text=True)
    assert history.count("place_kinds · city") == 2  # the deleted row is still named
    public = curator_client.get("/places/yasy?lang=en").get_data(as_text=True)
    assert "Town" not in public and "City" in public


def test_a_script_in_a_label_is_shown_as_text(curator_client: FlaskClient, db: Database) -> None:
    _place(db)
    form = _form(curator_client, "place_kinds", **{"city.en": XSS, "city.fa": XSS})
    assert _post(curator_client, f"{PAGE}/place_kinds", form, page=PAGE).status_code == 302
    for path in (
        PAGE,
        "/places/yasy?lang=en",
        "/kiosk/en/places/yasy",
        "/kiosk/fa/places/yasy",
        "/curator/places/yasy",
        "/curator/history",
    ):
        page = curator_client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;" in page or "&#34;x&#34;" in page or "&lt;img" in page, path


def test_a_kiosk_screen_never_keeps_labels_older_than_its_version(
    curator_client: FlaskClient, db: Database
) -> None:
    """Another process's correction: this one's labels are at most a second old, but a kiosk
    screen cached under the new catalogue version must not be rendered with the old ones."""
    _place(db)
    assert "شهر" in curator_client.get("/kiosk/fa/places/yasy").get_data(as_text=True)
    form = _form(curator_client, "place_kinds", **{"city.fa": "بلده"})
    elsewhere = Database(db.url)  # another worker process's connection, without our hooks
    try:
        run_in_transaction(elsewhere, lambda s: save_labels(s, "place_kinds", form))
    finally:
        elsewhere.dispose()
    assert "بلده" in curator_client.get("/kiosk/fa/places/yasy").get_data(as_text=True)
