"""Editing a record's parts (contents, seals, names...) and every kind of record; no form 500s."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.editing.fields import form_keys
from catalogue.editing.sections import SECTIONS
from tests.app.curator.conftest import csrf_of
from tests.app.curator.conftest import post_form as _post


def _version(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True))
    assert found
    return found.group(1)


def test_contents_items_are_added_changed_and_removed(curator_client: FlaskClient) -> None:
    form = {
        "slug": "ms-c",
        "title.en": "With contents",
        "contents-0.locus": "ff. 1v–34r",
        "contents-0.title.fa": "دیوان",
        "contents-1.locus": "ff. 35r–40v",
        "contents-1.incipit": "بسم الله",
        "seals-0.legend": "عبده محمد",
        "seals-0.date": "1150 AH",
        "shelfmarks-0.kind": "shelfmark",
        "shelfmarks-0.institution": "National Library",
        "shelfmarks-0.idno": "Ms. 1",
        "provenance-0.agent_text": "A collector",
    }
    assert _post(curator_client, "/curator/manuscripts/new", form).status_code == 302
    page = curator_client.get("/curator/manuscripts/ms-c").get_data(as_text=True)
    assert 'value="ff. 35r–40v"' in page and "عبده محمد" in page and 'value="Ms. 1"' in page
    version = _version(curator_client, "/curator/manuscripts/ms-c")
    edit = {**form, "version": version, "contents-0.locus": "", "contents-0.title.fa": ""}
    edit.pop("slug")
    assert _post(curator_client, "/curator/manuscripts/ms-c", edit).status_code == 302
    page = curator_client.get("/curator/manuscripts/ms-c").get_data(as_text=True)
    assert "ff. 1v–34r" not in page and 'name="contents-0.locus" value="ff. 35r–40v"' in page
    assert (
        _version(curator_client, "/curator/manuscripts/ms-c") != version
    )  # a part change is a new version


def test_a_bad_row_is_refused_with_what_was_typed(curator_client: FlaskClient) -> None:
    form = {
        "slug": "ms-d",
        "seals-0.legend": "نقش",
        "seals-0.date": "Rajab 99999 AH",
        "shelfmarks-0.institution": "Only an institution",
    }
    response = _post(curator_client, "/curator/manuscripts/new", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'value="Rajab 99999 AH"' in page and "نقش" in page
    assert "this is needed" in page
    assert curator_client.get("/curator/manuscripts/ms-d").status_code == 404


def test_a_person_with_name_variants_in_several_scripts(curator_client: FlaskClient) -> None:
    form = {
        "slug": "tauke",
        "state": "published",
        "names-0.text": "Tauke Khan",
        "names-0.lang": "en",
        "names-0.script": "Latn",
        "names-0.preferred": "1",
        "names-1.text": "Тәуке хан",
        "names-1.lang": "kk",
        "names-1.script": "Cyrl",
        "names-2.text": "توکه خان",
        "names-2.lang": "fa",
        "names-2.script": "Arab",
        "birth": "c. 1635",
    }
    assert _post(curator_client, "/curator/people/new", form).status_code == 302
    public = curator_client.application.test_client().get("/people/tauke?lang=en")
    assert public.status_code == 200 and "Тәуке хан" in public.get_data(as_text=True)


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_section_has_a_working_form(curator_client: FlaskClient, section: str) -> None:
    assert curator_client.get(f"/curator/{section}/").status_code == 200
    assert curator_client.get(f"/curator/{section}/new").status_code == 200
    required = {f.name: f.choices[0] for f in SECTIONS[section].fields if f.required}
    response = _post(
        curator_client, f"/curator/{section}/new", {"slug": f"{section}-1", **required}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    assert curator_client.get(f"/curator/{section}/{section}-1").status_code == 200


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@pytest.mark.parametrize("section", list(SECTIONS))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(TEXT, min_size=40, max_size=40), extra=st.dictionaries(TEXT, TEXT, max_size=4)
)
def test_no_form_answers_500(
    curator_client: FlaskClient, section: str, values: list[str], extra: dict[str, str]
) -> None:
    keys = ["slug", "version"] + [k for f in SECTIONS[section].fields for k in form_keys(f)]
    keys += [f"{p.attr}-0.{f.name}" for p in SECTIONS[section].parts for f in p.fields]
    form = {**extra, **dict(zip(keys, values, strict=False))}
    token = csrf_of(curator_client, "/curator/")
    for path in (f"/curator/{section}/new", f"/curator/{section}/{section}-x"):
        response = curator_client.post(path, data={**form, "csrf_token": token})
        assert response.status_code < 500


def test_relations_link_records_with_clear_refusals(curator_client: FlaskClient) -> None:
    _post(
        curator_client,
        "/curator/manuscripts/new",
        {"slug": "ms-r", "state": "published", "title.en": "Divan"},
    )
    person = {
        "slug": "scribe",
        "state": "published",
        "names-0.text": "A Scribe",
        "names-0.lang": "en",
        "names-0.script": "Latn",
    }
    refusals = [
        (
            {
                "outgoing-0.predicate": "scribe_of",
                "outgoing-0.object": "nobody",
                "outgoing-0.certainty": "attested",
            },
            "no record with the identifier",
        ),
        (
            {
                "outgoing-0.predicate": "scribe_of",
                "outgoing-0.object": "ms-r",
                "outgoing-0.certainty": "attested",
                "outgoing-1.predicate": "scribe_of",
                "outgoing-1.object": "ms-r",
                "outgoing-1.certainty": "probable",
            },
            "repeats row 1",
        ),
    ]
    for extra, message in refusals:
        response = _post(curator_client, "/curator/people/new", {**person, **extra})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    good = {
        "outgoing-0.predicate": "scribe_of",
        "outgoing-0.object": "ms-r",
        "outgoing-0.certainty": "attested",
    }
    assert _post(curator_client, "/curator/people/new", {**person, **good}).status_code == 302
    public = curator_client.application.test_client().get("/manuscripts/ms-r?lang=en")
    assert "A Scribe" in public.get_data(as_text=True)
    wrong = _post(
        curator_client,
        "/curator/events/new",
        {
            "slug": "ev",
            "event_kind": "other",
            "outgoing-0.predicate": "scribe_of",
            "outgoing-0.object": "ms-r",
            "outgoing-0.certainty": "attested",
        },
    )
    assert wrong.status_code == 400 and "does not link" in wrong.get_data(as_text=True)


def test_an_exhibit_is_a_story_of_steps(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-e", "title.en": "Shown"})
    form = {
        "slug": "story",
        "title.en": "A story",
        "title.fa": "داستان",
        "steps-0.entity": "ms-e",
        "steps-0.caption.en": "First, the manuscript",
        "steps-1.heading.en": "Then a heading alone",
    }
    assert _post(curator_client, "/curator/exhibits/new", form).status_code == 302
    page = curator_client.get("/curator/exhibits/story").get_data(as_text=True)
    assert 'name="steps-0.entity" value="ms-e"' in page and "Then a heading alone" in page
    bad = _post(
        curator_client,
        "/curator/exhibits/new",
        {**form, "slug": "story-2", "steps-0.entity": "gone"},
    )
    assert bad.status_code == 400 and "no record with the identifier" in bad.get_data(as_text=True)
    assert curator_client.get("/curator/exhibits/story/history").status_code == 404


def test_citations_name_sources_only(curator_client: FlaskClient) -> None:
    _post(curator_client, "/curator/sources/new", {"slug": "src", "source_kind": "reference"})
    _post(curator_client, "/curator/manuscripts/new", {"slug": "not-a-source"})
    form = {"slug": "cited", "citations-0.source": "not-a-source", "citations-0.locator": "p. 3"}
    bad = _post(curator_client, "/curator/manuscripts/new", form)
    assert bad.status_code == 400 and "not a source" in bad.get_data(as_text=True)
    good = _post(curator_client, "/curator/manuscripts/new", {**form, "citations-0.source": "src"})
    assert good.status_code == 302
    assert 'value="p. 3"' in curator_client.get("/curator/manuscripts/cited").get_data(as_text=True)
