"""Interface catalogues: every string translated in kk, ru, en and fa, placeholders intact."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import ngettext

from app.i18n import both_calendars
from catalogue.dates.parser import parse as parse_date

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


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "c. 1680–1715 · c. 1090–1128 AH"),
        ("ru", "ок. 1680–1715 · ок. 1090–1128 г. х."),
        ("kk", "шамамен 1680–1715 · шамамен 1090–1128 һ.ж."),
        ("fa", "حدود ۱۶۸۰–۱۷۱۵ م · حدود ۱۰۹۰–۱۱۲۸ ق"),
    ],
)
def test_dates_are_worded_in_the_pages_language(app: Flask, lang: str, expected: str) -> None:
    with app.test_request_context(f"/?lang={lang}"):
        assert both_calendars(parse_date("c. 1680–1715")) == expected


def test_before_and_after_are_worded_too(app: Flask) -> None:
    with app.test_request_context("/?lang=ru"):
        assert both_calendars(parse_date("before 1700")).startswith("до 1700")
