"""Interface catalogues: every string translated in kk, ru, en and fa, placeholders intact."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import ngettext

TRANSLATIONS = Path(__file__).resolve().parents[2] / "app" / "translations"


@pytest.mark.parametrize("lang", ["kk", "ru", "en", "fa"])
def test_catalogue_is_complete(lang: str) -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    messages = {m.id: m for m in catalogue if m.id}
    assert set(messages) == template, "run `make extract-messages` and translate"
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        assert all(strings), f"{lang}: {ids[0]!r} is untranslated"
        assert "fuzzy" not in message.flags, f"{lang}: {ids[0]!r} is fuzzy"
        wanted = set(re.findall(r"%\(\w+\)s", str(ids[0])))
        for text in strings:
            assert set(re.findall(r"%\(\w+\)s", str(text))) == wanted, f"{lang}: {ids[0]!r}"


def test_persian_uses_persian_letters() -> None:
    text = (TRANSLATIONS / "fa" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "ي" not in text and "ك" not in text


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 лист"), (3, "3 листа"), (11, "11 листов"), (21, "21 лист")]
)
def test_russian_counts_agree_with_the_number(app: Flask, count: int, expected: str) -> None:
    with app.test_request_context("/?lang=ru"):
        assert ngettext("%(num)s folio", "%(num)s folios", count) == expected
