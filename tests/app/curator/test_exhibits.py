"""Exhibits and drafts: no published exhibit names a draft, and curators see what visitors skip."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from app import context
from catalogue.models import Exhibit, Manuscript, Page, Side
from catalogue.transaction import transaction
from tests.app.curator.conftest import editor_form
from tests.app.curator.conftest import post_form as _post


def _version(client: FlaskClient, path: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True))
    assert found
    return found.group(1)


def _catalogue(client: FlaskClient) -> None:
    for slug, state in (("ms-pub", "published"), ("ms-draft", "draft")):
        form = {"slug": slug, "state": state, "title.en": slug}
        assert _post(client, "/curator/manuscripts/new", form).status_code == 302
    with client.application.app_context(), transaction(context.database()) as session:
        for manuscript in session.scalars(select(Manuscript)):
            session.add(Page(manuscript_id=manuscript.id, position=1, folio="4", side=Side.RECTO))


def _exhibit(client: FlaskClient, slug: str) -> Exhibit | None:
    with client.application.app_context():
        return context.session().scalar(select(Exhibit).where(Exhibit.slug == slug))


TOUR = {
    "slug": "tour",
    "state": "published",
    "title.en": "A tour typed by hand",
    "steps-0.entity": "ms-pub",
    "steps-0.page": "ms-pub/4r",
    "steps-1.entity": "ms-pub",
    "steps-1.page": "ms-draft/4r",
    "steps-1.caption.en": "A caption typed by hand",
}


def test_publishing_an_exhibit_with_a_draft_page_is_refused_and_the_form_kept(
    curator_client: FlaskClient,
) -> None:
    _catalogue(curator_client)
    refused = _post(curator_client, "/curator/exhibits/new", TOUR)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "page 4r belongs to the draft manuscript &#39;ms-draft&#39;" in page
    assert "keep the exhibit as a draft" in page
    assert 'value="A tour typed by hand"' in page and "A caption typed by hand" in page
    assert _exhibit(curator_client, "tour") is None  # nothing saved
    draft = {**TOUR, "state": "draft"}
    assert _post(curator_client, "/curator/exhibits/new", draft).status_code == 302
    shown = curator_client.get("/curator/exhibits/tour").get_data(as_text=True)
    assert 'id="hidden-steps"' in shown and "Visitors would not see these steps" in shown
    assert "Step 2: page 4r belongs to the draft manuscript" in shown
    assert "Step 1:" not in shown


def test_withdrawing_a_record_an_exhibit_uses_is_allowed_and_the_curator_told(
    curator_client: FlaskClient,
) -> None:
    _catalogue(curator_client)
    tour = {**TOUR, "steps-1.page": "", "steps-2.heading.en": "Text alone"}
    assert _post(curator_client, "/curator/exhibits/new", tour).status_code == 302
    fresh = curator_client.get("/curator/manuscripts/ms-pub").get_data(as_text=True)
    assert "skipped-by-exhibits" not in fresh
    withdraw = {
        "state": "draft",
        "title.en": "ms-pub",
        "version": _version(curator_client, "/curator/manuscripts/ms-pub"),
    }
    saved = _post(curator_client, "/curator/manuscripts/ms-pub", withdraw)
    assert saved.status_code == 302
    page = curator_client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Saved." in page and 'id="skipped-by-exhibits"' in page
    assert "A tour typed by hand" in page and "steps 1, 2" in page
    exhibit = curator_client.get("/curator/exhibits/tour").get_data(as_text=True)
    assert "Visitors do not see these steps:" in exhibit
    assert "Step 1: the record &#39;ms-pub&#39; is a draft" in exhibit
    kiosk = curator_client.application.test_client()
    step = kiosk.get("/kiosk/en/exhibits/tour/1").get_data(as_text=True)
    assert "Text alone" in step and "Step 1 of 1" in step


def test_publishing_from_the_editors_own_form_is_refused_then_accepted(
    curator_client: FlaskClient,
) -> None:
    """As a browser posts it: every row with its review selects, an empty last row."""
    _catalogue(curator_client)
    draft = {**TOUR, "state": "draft"}
    assert _post(curator_client, "/curator/exhibits/new", draft).status_code == 302
    form = editor_form(curator_client, "/curator/exhibits/tour")
    assert form["steps-2.heading.en.status"] == "review"  # the empty row offers them too
    refused = _post(curator_client, "/curator/exhibits/tour", {**form, "state": "published"})
    assert refused.status_code == 400
    assert "belongs to the draft manuscript" in refused.get_data(as_text=True)
    form["steps-1.page"] = "ms-pub/4r"
    done = _post(curator_client, "/curator/exhibits/tour", {**form, "state": "published"})
    assert done.status_code == 302
    exhibit = _exhibit(curator_client, "tour")
    assert exhibit is not None and exhibit.state.value == "published"
