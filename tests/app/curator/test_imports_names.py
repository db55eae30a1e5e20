"""Name variants in a CSV: `names.<lang>` columns, several variants per cell with ` | `."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from catalogue.formats.table.name_columns import from_columns, to_columns
from tests.app.curator.conftest import csrf_of, editor_form
from tests.app.curator.conftest import post_form as _post
from tests.app.curator.test_imports import _upload


def _run(client: FlaskClient, page: str, section: str) -> TestResponse:
    action = re.search(r'action="(/curator/import/[0-9a-f]{32})"', page)
    assert action
    form = {"csrf_token": csrf_of(client, "/curator/"), "section": section, "go": "import"}
    for n, key in re.findall(
        r'name="column-(\d+)">.*?<option value="([^"]*)" selected', page, re.S
    ):
        form[f"column-{n}"] = key
    return client.post(action.group(1), data=form)


def test_name_columns_round_trip() -> None:
    typed = {"slug": "tauke", "names.kk": "Тәуке хан | Тәуке", "names.fa": "توکه خان"}
    form = from_columns(typed)
    assert form["names-0.text"] == "Тәуке хан" and form["names-0.script"] == "Cyrl"
    assert form["names-0.preferred"] == "1" and form["names-1.preferred"] == ""
    assert form["names-2.lang"] == "fa" and form["names-2.script"] == "Arab"
    assert "names.kk" not in form
    columns = to_columns(form)
    assert columns["names.kk"] == "Тәуке хан | Тәуке" and columns["names.en"] == ""
    # Only the languages the file has are replaced; the others are kept.
    kept = from_columns({**form, "names.fa": "تاوکه"})
    assert [kept[f"names-{i}.text"] for i in range(3)] == ["Тәуке хан", "Тәуке", "تاوکه"]


def test_people_with_name_variants_are_imported_and_exported(curator_client: FlaskClient) -> None:
    csv = (
        "slug,names.en,names.kk,names.fa\n"
        "tauke,Tauke Khan,Тәуке хан | Тәуке,توکه خان\n"
        "abylai,Ablai Khan,Абылай хан,\n"
    )
    dry = _upload(curator_client, "people.csv", csv.encode(), section="people")
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "2 would be created" in page, page[-3000:]
    assert _run(curator_client, page, "people").status_code == 200
    form = curator_client.get("/curator/people/tauke").get_data(as_text=True)
    assert 'value="Тәуке"' in form and 'value="توکه خان"' in form
    # A second file touches only the Persian variants: the others stay.
    again = _upload(
        curator_client, "fa.csv", "slug,names.fa\ntauke,تاوکه | توکه\n".encode(), "people"
    )
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "1 changed" in page
    done = _run(curator_client, page, "people")
    assert done.status_code == 200
    form = curator_client.get("/curator/people/tauke").get_data(as_text=True)
    for shown in ('value="تاوکه"', 'value="توکه"', 'value="Tauke Khan"', 'value="Тәуке"'):
        assert shown in form, (shown, re.findall(r'name="names-\d\.text" value="[^"]*"', form))
    export = curator_client.get("/curator/people/export.csv").get_data(as_text=True)
    assert "names.kk" in export.splitlines()[0]
    assert "Тәуке хан | Тәуке" in export and "تاوکه | توکه" in export


def test_an_import_keeps_the_review_status_of_what_it_leaves_as_it_was(
    curator_client: FlaskClient,
) -> None:
    csv = "slug,role.en,role.kk,names.en,names.kk\ntauke,Khan,Хан,Tauke Khan,Тәуке хан | Тәуке\n"
    page = _upload(curator_client, "people.csv", csv.encode(), section="people").get_data(
        as_text=True
    )
    assert _run(curator_client, page, "people").status_code == 200
    # A curator checks both role translations and every name variant.
    form = editor_form(curator_client, "/curator/people/tauke")
    for key in [k for k in form if k.endswith(".status") or re.match(r"names-\d\.status$", k)]:
        if form.get(key.removesuffix(".status")) or key.startswith("names-"):
            form[key] = "checked"
    assert _post(curator_client, "/curator/people/tauke", form).status_code == 302
    # The export, imported back as it is, changes nothing.
    export = curator_client.get("/curator/people/export.csv").get_data(as_text=True)
    back = _upload(curator_client, "back.csv", export.lstrip("\ufeff").encode(), "people")
    text = back.get_data(as_text=True)
    assert "1 unchanged" in text, text[-2000:]
    # A file that changes the English role and adds a Kazakh variant: only those need review.
    changed = "slug,role.en,names.kk\ntauke,Khan of the Kazakhs,Тәуке хан | Тәуке | Тауке\n"
    page = _upload(curator_client, "c.csv", changed.encode(), "people").get_data(as_text=True)
    assert _run(curator_client, page, "people").status_code == 200
    form = editor_form(curator_client, "/curator/people/tauke")
    assert form["role.en.status"] == "review" and form["role.kk.status"] == "checked"
    statuses = {form[f"names-{i}.text"]: form[f"names-{i}.status"] for i in range(4)}
    assert statuses == {
        "Tauke Khan": "checked",
        "Тәуке хан": "checked",
        "Тәуке": "checked",
        "Тауке": "review",
    }
