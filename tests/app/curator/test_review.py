"""Review status of translations and name variants, and the sources of relations and provenance.

A curator marks a translation or a name variant "checked" (the public pages then stop saying
"needs review"), sends it back to review, and undoes either from the history; a relation and
a provenance entry cite their own sources, each with where in it and a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask.testing import FlaskClient
from sqlalchemy import select

from app import context
from catalogue.language.localized import LocalizedText, Status
from catalogue.models import Manuscript, Person
from tests.app.curator.conftest import editor_form
from tests.app.curator.conftest import post_form as _post


def _changesets(history: str) -> list[str]:
    return re.findall(r'/curator/history/([0-9a-f-]+)/undo"', history)


@dataclass(frozen=True)
class _Tauke:
    role: LocalizedText
    names: list[tuple[str, Status, str | None]]


def _person(client: FlaskClient) -> _Tauke:
    with client.application.app_context():
        found = context.session().scalar(select(Person).where(Person.slug == "tauke"))
        assert found is not None
        return _Tauke(found.role, [(n.text, n.status, n.note) for n in found.names])


def _make_tauke(client: FlaskClient) -> None:
    form = {
        "slug": "tauke",
        "state": "published",
        "role.en": "Khan of the Kazakh Khanate",
        "role.kk": "Қазақ хандығының ханы",
        "names-0.text": "Tauke Khan",
        "names-0.lang": "en",
        "names-0.script": "Latn",
        "names-0.preferred": "1",
        "names-1.text": "Тәуке хан",
        "names-1.lang": "kk",
        "names-1.script": "Cyrl",
    }
    assert _post(client, "/curator/people/new", form).status_code == 302


def test_a_translation_and_a_name_variant_are_marked_checked_then_undone(
    curator_client: FlaskClient,
) -> None:
    _make_tauke(curator_client)
    person = _person(curator_client)
    assert person.role["kk"].status is Status.REVIEW and person.names[1][1] is Status.REVIEW
    public = curator_client.get("/people/tauke").get_data(as_text=True)
    assert public.count("needs review") >= 2

    form = editor_form(curator_client, "/curator/people/tauke")
    assert form["role.kk.status"] == "review" and form["names-1.status"] == "review"
    form.update({"role.kk.status": "checked", "names-1.status": "checked"})
    form["names-1.note"] = "Spelling as in the Kazakh encyclopaedia"
    assert _post(curator_client, "/curator/people/tauke", form).status_code == 302

    person = _person(curator_client)
    assert person.role["kk"].status is Status.CHECKED
    assert person.role["en"].status is Status.REVIEW  # only what was marked
    assert person.names[1][1] is Status.CHECKED and person.names[0][1] is Status.REVIEW
    assert person.names[1][2] == "Spelling as in the Kazakh encyclopaedia"
    page = editor_form(curator_client, "/curator/people/tauke")
    assert page["role.kk.status"] == "checked" and page["names-1.status"] == "checked"
    public = curator_client.get("/people/tauke?lang=kk").get_data(as_text=True)
    assert "Spelling as in the Kazakh encyclopaedia" in public

    history = curator_client.get("/curator/people/tauke/history").get_data(as_text=True)
    assert "checked" in history
    undone = _post(curator_client, f"/curator/history/{_changesets(history)[0]}/undo", {})
    assert undone.status_code == 302
    person = _person(curator_client)
    assert person.role["kk"].status is Status.REVIEW and person.names[1][1] is Status.REVIEW
    assert person.names[1][2] is None


def test_a_changed_text_saved_without_a_status_input_needs_review_again(
    curator_client: FlaskClient,
) -> None:
    _make_tauke(curator_client)
    form = editor_form(curator_client, "/curator/people/tauke")
    form.update({"role.kk.status": "checked", "role.en.status": "checked"})
    assert _post(curator_client, "/curator/people/tauke", form).status_code == 302
    # An older form (or a script) that sends texts only: the changed text needs review.
    form = {
        k: v
        for k, v in editor_form(curator_client, "/curator/people/tauke").items()
        if not k.endswith(".status")
    }
    form["role.en"] = "Khan of the Kazakhs"
    assert _post(curator_client, "/curator/people/tauke", form).status_code == 302
    person = _person(curator_client)
    assert person.role["en"].status is Status.REVIEW and person.role["kk"].status is Status.CHECKED


def test_a_bad_status_is_refused_and_the_form_kept(curator_client: FlaskClient) -> None:
    _make_tauke(curator_client)
    form = editor_form(curator_client, "/curator/people/tauke")
    form.update({"role.kk.status": "approved", "names-0.status": "<b>yes</b>", "role.en": "Typed"})
    response = _post(curator_client, "/curator/people/tauke", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'value="Typed"' in page
    assert "choose “checked” or “review”" in page and "<b>yes</b>" not in page
    assert _person(curator_client).role["en"].text == "Khan of the Kazakh Khanate"


def test_every_editor_posted_back_untouched_changes_nothing(curator_client: FlaskClient) -> None:
    """The empty rows every form offers (with their review selects) add no rows, and an
    untouched form is no change: same version, nothing new in the history."""
    _make_tauke(curator_client)
    _sources_and_places(curator_client)
    assert _post(curator_client, "/curator/manuscripts/new", _MANUSCRIPT).status_code == 302
    for path in (
        "/curator/people/tauke",
        "/curator/manuscripts/ms-r",
        "/curator/places/isfahan",
        "/curator/sources/press-2025",
    ):
        before = curator_client.get("/curator/history").get_data(as_text=True)
        form = editor_form(curator_client, path)
        assert _post(curator_client, path, form).status_code == 302, path
        assert editor_form(curator_client, path) == form, path
        after = curator_client.get("/curator/history").get_data(as_text=True)
        assert _changesets(after) == _changesets(before), path


def _sources_and_places(client: FlaskClient) -> None:
    for section, form in (
        ("sources", {"slug": "press-2025", "source_kind": "news_article", "title.en": "Press"}),
        ("sources", {"slug": "tokayev-2025", "source_kind": "news_article", "title.en": "Speech"}),
        (
            "places",
            {
                "slug": "isfahan",
                "place_kind": "city",
                "names-0.text": "Isfahan",
                "names-0.lang": "en",
                "names-0.script": "Latn",
            },
        ),
    ):
        assert _post(client, f"/curator/{section}/new", form).status_code == 302


_MANUSCRIPT = {
    "slug": "ms-r",
    "state": "published",
    "title.en": "Relations and provenance",
    "provenance-0.summary.en": "Given to Kazakhstan",
    "provenance-0.place": "isfahan",
    "provenance-0.citations-0.source": "press-2025",
    "provenance-0.citations-0.locator": "p. 3",
    "provenance-0.citations-0.note.en": "The gift is reported here",
    "provenance-0.citations-1.source": "tokayev-2025",
    "outgoing-0.predicate": "related_to",
    "outgoing-0.object": "tauke",
    "outgoing-0.certainty": "probable",
    "outgoing-0.citations-0.source": "tokayev-2025",
    "outgoing-0.citations-0.locator": "para. 4",
    "outgoing-0.citations-0.note.fa": "نام خان در متن",
}


def test_relations_and_provenance_entries_cite_sources_with_notes(
    curator_client: FlaskClient,
) -> None:
    _make_tauke(curator_client)
    _sources_and_places(curator_client)
    response = _post(curator_client, "/curator/manuscripts/new", _MANUSCRIPT)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with curator_client.application.app_context():
        ms = context.session().scalar(select(Manuscript).where(Manuscript.slug == "ms-r"))
        assert ms is not None
        cited = ms.provenance[0].citations
        assert [(c.source.slug, c.locator) for c in cited] == [
            ("press-2025", "p. 3"),
            ("tokayev-2025", None),
        ]
        assert cited[0].note.text("en") == "The gift is reported here"
        relation = ms.outgoing[0]
        assert [(c.source.slug, c.locator) for c in relation.citations] == [
            ("tokayev-2025", "para. 4")
        ]
        assert relation.citations[0].note.text("fa") == "نام خان در متن"
    # Scholars see them on the public page, beside the entry and the connection.
    public = curator_client.get("/manuscripts/ms-r").get_data(as_text=True)
    assert "The gift is reported here" in public and "para. 4" in public
    # The form shows them, one row each plus an empty one to add another.
    form = editor_form(curator_client, "/curator/manuscripts/ms-r")
    assert form["outgoing-0.citations-0.note.fa"] == "نام خان در متن"
    assert form["outgoing-0.citations-1.source"] == ""
    # A note changed, a citation removed: both in the history, and undone.
    form["provenance-0.citations-0.note.en"] = "Reported with a photograph"
    form["outgoing-0.citations-0.source"] = ""
    form["outgoing-0.citations-0.locator"] = ""
    form["outgoing-0.citations-0.note.fa"] = ""
    assert _post(curator_client, "/curator/manuscripts/ms-r", form).status_code == 302
    with curator_client.application.app_context():
        ms = context.session().scalar(select(Manuscript).where(Manuscript.slug == "ms-r"))
        assert ms is not None and ms.outgoing[0].citations == []
        assert ms.provenance[0].citations[0].note.text("en") == "Reported with a photograph"
    history = curator_client.get("/curator/manuscripts/ms-r/history").get_data(as_text=True)
    assert "Reported with a photograph" in history
    undone = _post(curator_client, f"/curator/history/{_changesets(history)[0]}/undo", {})
    assert undone.status_code == 302
    form = editor_form(curator_client, "/curator/manuscripts/ms-r")
    assert form["outgoing-0.citations-0.locator"] == "para. 4"
    assert form["provenance-0.citations-0.note.en"] == "The gift is reported here"


def test_a_citation_of_a_record_that_is_not_a_source_is_refused_where_it_was_typed(
    curator_client: FlaskClient,
) -> None:
    _make_tauke(curator_client)
    _sources_and_places(curator_client)
    form = {
        **_MANUSCRIPT,
        "outgoing-0.citations-0.source": "isfahan",
        "provenance-0.citations-1.source": "nowhere",
    }
    response = _post(curator_client, "/curator/manuscripts/new", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "is a place, not a source" in page and "there is no source" in page
    assert 'name="outgoing-0.citations-0.locator" value="para. 4"' in page  # kept as typed
    assert curator_client.get("/curator/manuscripts/ms-r").status_code == 404


def test_names_of_events_manuscripts_and_sources_are_edited_and_shown(
    curator_client: FlaskClient,
) -> None:
    form = {
        "slug": "aqtaban",
        "state": "published",
        "event_kind": "military",
        "title.en": "The Great Disaster",
        "names-0.text": "Ақтабан шұбырынды",
        "names-0.lang": "kk",
        "names-0.script": "Cyrl",
    }
    assert _post(curator_client, "/curator/events/new", form).status_code == 302
    public = curator_client.get("/events/aqtaban").get_data(as_text=True)
    assert "Ақтабан шұбырынды" in public
    found = curator_client.get("/api/search?q=шұбырынды").get_json()
    assert any(hit["id"] == "aqtaban" for hit in found["hits"]), found
    record = curator_client.get("/api/events/aqtaban").get_json()
    assert record["names"] == [
        {
            "text": "Ақтабан шұбырынды",
            "lang": "kk",
            "script": "Cyrl",
            "preferred": False,
            "status": "review",
            "note": None,
        }
    ]
