"""Validation messages from catalogue/ (fields, links, the date parser) in the page's language."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from catalogue.dates.calendars import DateError
from catalogue.dates.parser import parse
from catalogue.language.messages import Message
from tests.app.curator.conftest import post_form as _post

FORM = {
    "slug": "ms-m",
    "title.en": "Kept as typed",
    "origin_date": "32 Rajab 1148",
    "folio_count": "many",
    "origin_place": "nowhere",
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Rajab has 30 days; &#34;32 Rajab 1148&#34; is not a date",
                "write a whole number, not &#39;many&#39;",
                "there is no place",
            ],
        ),
        ("ru", ["дн.; «32 Rajab 1148» — не дата", "напишите целое число, а не", "нет записи"]),
        ("kk", ["«32 Rajab 1148» — күн емес", "бүтін сан жазыңыз", "идентификаторы бар"]),
        ("fa", ["«32 Rajab 1148» تاریخ نیست", "یک عدد صحیح بنویسید", "با شناسهٔ"]),
    ],
)
def test_field_errors_are_in_the_pages_language(
    curator_client: FlaskClient, lang: str, expected: list[str]
) -> None:
    curator_client.get(f"/curator/?lang={lang}")  # the language is remembered (a cookie)
    response = _post(curator_client, "/curator/manuscripts/new", FORM)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'value="Kept as typed"' in page
    for text in expected:
        assert text in page, (lang, text, re.findall(r'class="field-error"[^>]*>([^<]*)<', page))


def test_messages_stay_plain_english_strings_outside_the_web() -> None:
    with pytest.raises(DateError) as caught:
        parse("Rajab")
    assert str(caught.value) == '"Rajab" has no year; write e.g. "Rajab 1148"'
    message = caught.value.message
    assert isinstance(message, Message) and message.params == {"statement": "Rajab"}
    assert message.template == '"%(statement)s" has no year; write e.g. "Rajab 1148"'
    literal = Message("100% sure")  # no values: the template is not %-formatted
    assert literal == "100% sure"


WORDS = {  # kinds of record, calendars and months inside messages, in the page's language
    "fa": [
        "«scribe_of» یک رویداد را به یک نسخهٔ خطی پیوند نمی‌دهد",
        "رجب ماهِ گاه‌شماری هجری قمری است، اما «Rajab 1148 CE» گاه‌شماری میلادی را نام می‌برد",
        "یک نسخهٔ خطی است، نه مکان",
        "(میلادی و هجری قمری)",
    ],
    "kk": [
        "«scribe_of» «оқиға» түріндегі жазбаны «қолжазба» түріндегі жазбамен байланыстырмайды",
        "Ражаб — һижра (ай) күнтізбесінің айы, ал «Rajab 1148 CE» григориан күнтізбесін атайды",
        "— қолжазба, ал орын емес",
        "(григориан және һижра (ай))",
    ],
    "en": [
        "“scribe_of” does not link a event to a manuscript",
        "Rajab is a Hijri (lunar) month, but &#34;Rajab 1148 CE&#34; names the Gregorian calendar",
        "is a manuscript, not a place",
        "(Gregorian and Hijri (lunar))",
    ],
}


@pytest.mark.parametrize("lang", list(WORDS))
def test_kinds_and_calendars_inside_messages_are_translated(
    curator_client: FlaskClient, lang: str
) -> None:
    assert _post(curator_client, "/curator/manuscripts/new", {"slug": "ms-r"}).status_code == 302
    curator_client.get(f"/curator/?lang={lang}")
    pages = [
        _post(
            curator_client,
            "/curator/events/new",
            {
                "slug": "ev",
                "event_kind": "other",
                "date": "Rajab 1148 CE",
                "place": "ms-r",
                "outgoing-0.predicate": "scribe_of",
                "outgoing-0.object": "ms-r",
                "outgoing-0.certainty": "attested",
            },
        ),
        _post(curator_client, "/curator/events/new", {"slug": "ev", "date": "1150 AH CE"}),
    ]
    text = "".join(page.get_data(as_text=True) for page in pages)
    assert all(page.status_code == 400 for page in pages)
    for expected in WORDS[lang]:
        assert expected in text, (lang, expected, re.findall(r'field-error"[^>]*>([^<]*)<', text))
