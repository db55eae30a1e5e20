"""The labels of the record forms, declared with their fields, in the page's language."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from markupsafe import escape

from catalogue.editing.children import every_field
from catalogue.editing.sections import SECTIONS

TRANSLATIONS = Path(__file__).parents[3] / "app" / "translations"


def _labels() -> set[str]:
    found = set()
    for section in SECTIONS.values():
        found.add(section.title)
        found.update(part.label for part in section.parts)
        fields = every_field((*section.fields, *(f for p in section.parts for f in p.fields)))
        found.update(f.label for f in fields)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru", "fa"])
def test_every_label_is_translated(lang: str) -> None:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    missing = [label for label in _labels() if not (m := catalog.get(label)) or not m.string]
    assert missing == []


def test_the_form_shows_the_labels_in_the_pages_language(curator_client: FlaskClient) -> None:
    curator_client.get("/curator/?lang=ru")
    page = curator_client.get("/curator/events/new").get_data(as_text=True)
    assert "<h1>События" in page  # the section's title
    assert "Вид события" in page  # event_kind, a field
    assert "<legend>Связи</legend>" in page  # outgoing, a part
    assert "<label>Место <input" in page  # place: shown by its name before labels were declared


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_form_shows_every_label_it_declares(
    curator_client: FlaskClient, section: str
) -> None:
    page = curator_client.get(f"/curator/{section}/new").get_data(as_text=True)
    spec = SECTIONS[section]
    fields = every_field((*spec.fields, *(f for p in spec.parts for f in p.fields)))
    shown = [str(spec.title), *(str(p.label) for p in spec.parts), *(str(f.label) for f in fields)]
    assert [label for label in shown if escape(label) not in page] == []
