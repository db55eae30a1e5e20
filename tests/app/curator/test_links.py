"""Fields that link to other records (collection, places, people, sources, pages, portraits)."""

from __future__ import annotations

import re
import uuid

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from app import context
from catalogue.models import Manuscript, Page, Place, PublicationState, Side
from catalogue.transaction import transaction
from tests.app.curator.conftest import csrf_of
from tests.app.curator.conftest import post_form as _post


def _version(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True))
    assert found
    return found.group(1)


def _changesets(page: str) -> list[str]:
    return re.findall(r"/curator/history/([0-9a-f]{32})/undo", page)


def _name(slug: str, text: str) -> dict[str, str]:
    return {
        "slug": slug,
        "names-0.text": text,
        "names-0.lang": "en",
        "names-0.script": "Latn",
    }


def _catalogue(client: FlaskClient) -> None:
    forms = [
        (
            "collections",
            {"slug": "the-27", "title.en": "The 27 manuscripts", "subjects": "history"},
        ),
        ("places", {**_name("iran", "Iran"), "place_kind": "country"}),
        ("places", {**_name("isfahan", "Isfahan"), "place_kind": "city", "parent": "iran"}),
        ("people", _name("tauke", "Tauke Khan")),
        ("sources", {"slug": "press-2025", "source_kind": "news_article", "title.en": "Press"}),
    ]
    for section, form in forms:
        response = _post(client, f"/curator/{section}/new", form)
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]


MANUSCRIPT = {
    "slug": "ms-l",
    "title.en": "Linked",
    "collection": "the-27",
    "origin_place": "isfahan",
    "scripts": "nastaliq, shikasta",
    "subjects": "history;diplomacy",
    "text_languages": "fa ar",
    "support": "paper",
    "contents-0.locus": "ff. 1v–3r",
    "contents-0.author": "tauke",
    "seals-0.legend": "عبده",
    "seals-0.owner": "tauke",
    "provenance-0.agent_text": "A collector",
    "provenance-0.place": "isfahan",
    "provenance-0.agent": "tauke",
    "provenance-0.citations-0.source": "press-2025",
    "provenance-0.citations-0.locator": "p. 3",
    "provenance-0.citations-1.source": "press-2025",
}


def test_every_link_field_is_saved_shown_and_undone(curator_client: FlaskClient) -> None:
    _catalogue(curator_client)
    form = curator_client.get("/curator/manuscripts/new").get_data(as_text=True)
    assert '<datalist id="choices-ref-place">' in form and 'value="isfahan"' in form
    assert _post(curator_client, "/curator/manuscripts/new", MANUSCRIPT).status_code == 302
    with curator_client.application.app_context():
        session = context.session()
        found = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-l"))
        assert found is not None and found.collection is not None
        assert found.collection.slug == "the-27" and found.origin_place is not None
        assert found.origin_place.slug == "isfahan"
        assert found.scripts == ["nastaliq", "shikasta"] and found.subjects == [
            "history",
            "diplomacy",
        ]
        assert found.text_languages == ["fa", "ar"] and found.support == "paper"
        assert found.contents[0].author is not None and found.contents[0].author.slug == "tauke"
        assert found.seals[0].owner is not None
        entry = found.provenance[0]
        assert entry.place is not None and entry.agent is not None
        assert [(c.source.slug, c.locator) for c in entry.citations] == [
            ("press-2025", "p. 3"),
            ("press-2025", None),
        ]
    page = curator_client.get("/curator/manuscripts/ms-l").get_data(as_text=True)
    for shown in (
        'name="collection" value="the-27"',
        'name="origin_place" value="isfahan"',
        'name="scripts" value="nastaliq, shikasta"',
        'name="contents-0.author" value="tauke"',
        'name="provenance-0.citations-0.source" value="press-2025"',
        'name="provenance-0.citations-0.locator" value="p. 3"',
        'name="provenance-0.citations-1.source" value="press-2025"',
        'name="provenance-0.citations-2.source" value=""',  # the empty row that adds one
    ):
        assert shown in page, shown
    # A change of a link is in the history, and its undo puts the old link back.
    change = {
        **MANUSCRIPT,
        "version": _version(curator_client, "/curator/manuscripts/ms-l"),
        "origin_place": "iran",
        "provenance-0.citations-0.locator": "f. 9",
    }
    del change["slug"]
    assert _post(curator_client, "/curator/manuscripts/ms-l", change).status_code == 302
    history = curator_client.get("/curator/manuscripts/ms-l/history").get_data(as_text=True)
    assert "origin_place_id" in history and "f. 9" in history
    assert '(<bdi dir="ltr">isfahan</bdi>)' in history and '(<bdi dir="ltr">iran</bdi>)' in history
    undone = _post(curator_client, f"/curator/history/{_changesets(history)[0]}/undo", {})
    assert undone.status_code == 302
    page = curator_client.get("/curator/manuscripts/ms-l").get_data(as_text=True)
    assert 'name="origin_place" value="isfahan"' in page
    assert 'name="provenance-0.citations-0.locator" value="p. 3"' in page


def test_unknown_and_wrong_kind_links_are_refused_and_the_form_kept(
    curator_client: FlaskClient,
) -> None:
    _catalogue(curator_client)
    refusals = [
        ({"origin_place": "tauke"}, "&#39;tauke&#39; is a person, not a place"),
        ({"collection": "nowhere"}, "there is no collection with the identifier &#39;nowhere&#39;"),
        ({"contents-0.author": "isfahan"}, "is a place, not a person"),
        ({"provenance-0.citations-0.source": "tauke"}, "is a person, not a source"),
        ({"scripts": "nastaliq, gothic"}, "&#39;gothic&#39; is not one of"),
        ({"text_languages": "fa, <b>"}, "letters, digits and hyphens only"),
        ({"support": "papyrus"}, "choose one of"),
    ]
    for extra, message in refusals:
        response = _post(curator_client, "/curator/manuscripts/new", {**MANUSCRIPT, **extra})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and message in page, message
        assert 'name="title.en" value="Linked"' in page  # what was typed is kept
    assert curator_client.get("/curator/manuscripts/ms-l").status_code == 404


def test_a_place_cannot_lie_within_itself(curator_client: FlaskClient) -> None:
    _catalogue(curator_client)
    form = {
        **_name("iran", "Iran"),
        "place_kind": "country",
        "parent": "isfahan",
        "version": _version(curator_client, "/curator/places/iran"),
    }
    del form["slug"]
    response = _post(curator_client, "/curator/places/iran", form)
    assert response.status_code == 400
    assert "a place cannot lie within itself" in response.get_data(as_text=True)
    with curator_client.application.app_context():
        iran = context.session().scalar(select(Place).where(Place.slug == "iran"))
        assert iran is not None and iran.parent is None


def test_exhibit_steps_show_a_page_and_people_a_portrait(curator_client: FlaskClient) -> None:
    _catalogue(curator_client)
    assert _post(curator_client, "/curator/manuscripts/new", MANUSCRIPT).status_code == 302
    key = str(uuid.uuid4())
    with curator_client.application.app_context(), transaction(context.database()) as session:
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-l"))
        assert manuscript is not None
        manuscript.state = PublicationState.PUBLISHED  # a draft's page is no portrait (below)
        session.add(Page(manuscript_id=manuscript.id, position=1, folio="12", side=Side.RECTO))
        session.add(
            Page(
                manuscript_id=manuscript.id, position=2, folio="12", side=Side.VERSO, image_key=key
            )
        )
    story = {"slug": "story", "title.en": "A story", "steps-0.page": "ms-l/12r"}
    assert _post(curator_client, "/curator/exhibits/new", story).status_code == 302
    page = curator_client.get("/curator/exhibits/story").get_data(as_text=True)
    assert 'name="steps-0.page" value="ms-l/12r"' in page
    for typed, message in [
        ("ms-l/99v", "has no page"),
        ("ms-x/1r", "no manuscript"),
        ("x", "e.g."),
    ]:
        bad = _post(
            curator_client, "/curator/exhibits/new", {**story, "slug": "s2", "steps-0.page": typed}
        )
        assert bad.status_code == 400 and message in bad.get_data(as_text=True), typed
    person = {**_name("abulkhair", "Abulkhair"), "portrait_key": key}
    assert _post(curator_client, "/curator/people/new", person).status_code == 302
    form = curator_client.get("/curator/people/abulkhair").get_data(as_text=True)
    assert f'name="portrait_key" value="{key}"' in form and "ms-l/12v" in form
    wrong = {**person, "slug": "other", "portrait_key": str(uuid.uuid4())}
    refused = _post(curator_client, "/curator/people/new", wrong)
    assert refused.status_code == 400 and "page images" in refused.get_data(as_text=True)


def test_a_draft_manuscripts_page_is_no_portrait_until_it_is_published(
    curator_client: FlaskClient,
) -> None:
    _catalogue(curator_client)
    assert _post(curator_client, "/curator/manuscripts/new", MANUSCRIPT).status_code == 302
    key = str(uuid.uuid4())
    with curator_client.application.app_context(), transaction(context.database()) as session:
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-l"))
        assert manuscript is not None and not manuscript.published
        session.add(Page(manuscript_id=manuscript.id, position=1, folio="3", image_key=key))
    person = {**_name("abulkhair", "Abulkhair"), "portrait_key": key, "state": "published"}
    refused = _post(curator_client, "/curator/people/new", person)
    assert refused.status_code == 400
    assert "belongs to a draft manuscript" in refused.get_data(as_text=True)
    with curator_client.application.app_context(), transaction(context.database()) as session:
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-l"))
        assert manuscript is not None
        manuscript.state = PublicationState.PUBLISHED
    assert _post(curator_client, "/curator/people/new", person).status_code == 302


def test_a_portrait_is_uploaded_through_the_ingest_rules(curator_client: FlaskClient) -> None:
    import io

    from PIL import Image

    curator_client.application.config["IIIF_VISIBILITY_SECONDS"] = 0  # no 1 s grace here
    assert _post(curator_client, "/curator/people/new", _name("tauke", "Tauke")).status_code == 302
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (120, 100, 90)).save(buffer, "PNG")  # SYNTHETIC
    token = csrf_of(curator_client, "/curator/people/tauke")

    def upload(data: bytes, name: str) -> TestResponse:
        return curator_client.post(
            "/curator/people/tauke/portrait",
            data={"csrf_token": token, "file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )

    bad = upload(b"not an image at all", "face.png")
    assert bad.status_code == 400 and 'class="field-error"' in bad.get_data(as_text=True)
    assert upload(buffer.getvalue(), "face.png").status_code == 302
    form = curator_client.get("/curator/people/tauke").get_data(as_text=True)
    key = re.search(r'name="portrait_key" value="([0-9a-f-]{36})"', form)
    assert key and f"/iiif/3/{key.group(1)}/full/300,/0/default.jpg" in form
    history = curator_client.get("/curator/people/tauke/history").get_data(as_text=True)
    assert "portrait_key" in history
    # The form saves with the uploaded portrait kept (a known image key).
    again = {
        **_name("tauke", "Tauke"),
        "portrait_key": key.group(1),
        "version": _version(curator_client, "/curator/people/tauke"),
    }
    del again["slug"]
    assert _post(curator_client, "/curator/people/tauke", again).status_code == 302
    # A draft's portrait is not public; a published person's is.
    public = curator_client.application.test_client()
    info = f"/iiif/3/{key.group(1)}/info.json"
    assert public.get(info).status_code == 404
    again["state"] = "published"
    again["version"] = _version(curator_client, "/curator/people/tauke")
    assert _post(curator_client, "/curator/people/tauke", again).status_code == 302
    assert public.get(info).status_code == 200
