"""Pages: add, reorder, relabel and remove; transcription (RTL) and translations; stale saves."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.app.curator.conftest import CURATOR, log_in
from tests.app.curator.conftest import post_form as _post


def _values(client: FlaskClient, path: str) -> dict[str, str]:
    page = client.get(path).get_data(as_text=True)
    found = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))
    found.pop("csrf_token", None)
    # An unticked checkbox is not sent; selects keep their default here.
    return {k: v for k, v in found.items() if not k.endswith(".remove")}


def _with_pages(client: FlaskClient) -> dict[str, str]:
    _post(client, "/curator/manuscripts/new", {"slug": "ms-p", "title.en": "Paged"})
    form = _values(client, "/curator/manuscripts/ms-p/pages")
    form.update({"page-0.folio": "1", "page-0.side": "recto"})
    assert _post(client, "/curator/manuscripts/ms-p/pages", form).status_code == 302
    for n, (folio, side) in enumerate([("1", "verso"), ("2", "recto")], start=1):
        form = _values(client, "/curator/manuscripts/ms-p/pages")
        form.update({f"page-{n}.folio": folio, f"page-{n}.side": side})
        assert _post(client, "/curator/manuscripts/ms-p/pages", form).status_code == 302
    return _values(client, "/curator/manuscripts/ms-p/pages")


def test_pages_are_added_reordered_relabelled_and_removed(curator_client: FlaskClient) -> None:
    form = _with_pages(curator_client)
    assert [form[f"page-{i}.folio"] for i in range(3)] == ["1", "1", "2"]
    first_id = form["page-0.id"]
    form.update({"page-0.order": "9", "page-1.folio": "1a", "page-2.remove": "1"})
    assert _post(curator_client, "/curator/manuscripts/ms-p/pages", form).status_code == 302
    after = _values(curator_client, "/curator/manuscripts/ms-p/pages")
    assert [after[f"page-{i}.folio"] for i in range(2)] == ["1a", "1"]
    assert (after["page-1.id"] == first_id and "page-2.id" not in after) or not after["page-2.id"]


def test_a_page_from_another_manuscript_or_a_bad_row_is_refused(
    curator_client: FlaskClient,
) -> None:
    form = _with_pages(curator_client)
    for bad in (
        {"page-0.id": "999999"},
        {"page-0.folio": ""},
        {"page-0.side": "upside"},
        {"page-0.order": "first"},
        {"page-0.id": "../1"},
    ):
        response = _post(curator_client, "/curator/manuscripts/ms-p/pages", {**form, **bad})
        assert response.status_code == 400, bad
    assert _values(curator_client, "/curator/manuscripts/ms-p/pages") == form


def test_transcription_and_translations_beside_the_image(curator_client: FlaskClient) -> None:
    form = _with_pages(curator_client)
    path = f"/curator/manuscripts/ms-p/pages/{form['page-0.id']}"
    page = curator_client.get(path).get_data(as_text=True)
    assert 'name="transcription" dir="rtl"' in page and "placeholder-page.svg" in page
    texts = {
        **_values(curator_client, path),
        "transcription": "بسم الله الرحمن الرحیم",
        "translation.en": "In the name of God",
        "translation.ru": "Во имя Бога",
    }
    assert _post(curator_client, path, texts).status_code == 302
    shown = curator_client.get(path).get_data(as_text=True)
    assert "بسم الله الرحمن الرحیم" in shown and "Во имя Бога" in shown
    other = curator_client.application.test_client()
    log_in(other, *CURATOR)
    mine, theirs = _values(curator_client, path), _values(other, path)
    assert _post(other, path, {**texts, **theirs, "translation.en": "Theirs"}).status_code == 302
    refused = _post(curator_client, path, {**texts, **mine, "translation.en": "Mine, stale"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Mine, stale" in page and ">Theirs</textarea>" in page
    assert curator_client.get("/curator/manuscripts/ms-p/pages/999999").status_code == 404
    assert curator_client.get("/curator/manuscripts/nope/pages").status_code == 404


ODD_VALUES = ("abc", "-1", "-0", "9" * 40, "²", "①", "١", "", " ", "1e999", "nan", "inf", "1.5")


def test_odd_values_in_every_field_of_the_pages_form_never_answer_500(
    curator_client: FlaskClient,
) -> None:
    form = _with_pages(curator_client)
    fields = ("id", "order", "folio", "side", "remove")
    for row in (0, 3):
        for name in fields:
            for odd in ODD_VALUES:
                typed = {**form, f"page-{row}.{name}": odd}
                response = _post(curator_client, "/curator/manuscripts/ms-p/pages", typed)
                assert response.status_code in (302, 400), (row, name, odd)
                if response.status_code == 302:
                    form = _values(curator_client, "/curator/manuscripts/ms-p/pages")
    # Odd row numbers and a version that is not a number.
    for key in ("page-².folio", "page-x.folio", "page--1.folio", "page-١.folio", "page-.folio"):
        response = _post(curator_client, "/curator/manuscripts/ms-p/pages", {**form, key: "7"})
        assert response.status_code in (302, 400), key
        form = _values(curator_client, "/curator/manuscripts/ms-p/pages")
        bad = {**form, key: "7", "page-0.side": "upside"}  # re-shown with the odd key
        assert _post(curator_client, "/curator/manuscripts/ms-p/pages", bad).status_code == 400
    for version in ("", "x", "²", "-1", "9" * 40):
        typed = {**form, "version": version}
        assert _post(curator_client, "/curator/manuscripts/ms-p/pages", typed).status_code == 409


def test_a_page_listed_twice_or_an_order_that_is_no_number_is_refused(
    curator_client: FlaskClient,
) -> None:
    form = _with_pages(curator_client)
    for bad in (
        {"page-1.id": form["page-0.id"]},  # the same page in two rows
        {"page-0.order": "nan"},
        {"page-0.order": "inf"},
        {"page-0.order": "²"},
        {"page-0.id": "²"},
    ):
        response = _post(curator_client, "/curator/manuscripts/ms-p/pages", {**form, **bad})
        assert response.status_code == 400, bad
    assert _values(curator_client, "/curator/manuscripts/ms-p/pages") == form


def test_control_characters_in_page_texts_and_folios_are_cleaned(
    curator_client: FlaskClient,
) -> None:
    form = _with_pages(curator_client)
    form["page-0.folio"] = "1\x0ba"
    assert _post(curator_client, "/curator/manuscripts/ms-p/pages", form).status_code == 302
    assert _values(curator_client, "/curator/manuscripts/ms-p/pages")["page-0.folio"] == "1 a"
    path = f"/curator/manuscripts/ms-p/pages/{form['page-0.id']}"
    texts = {
        **_values(curator_client, path),
        "transcription": "بیت\x0bمصراع\u2028دوم\x00",
        "translation.en": "line\r\nline\x0cline",
    }
    assert _post(curator_client, path, texts).status_code == 302
    shown = curator_client.get(path).get_data(as_text=True)
    assert "بیت\nمصراع\nدوم</textarea>" in shown and "line\nline\nline</textarea>" in shown
