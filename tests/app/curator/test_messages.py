"""Validation messages from catalogue/ (fields, links, the date parser) in the page's language."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from catalogue.date_parser import parse
from catalogue.dates import DateError
from catalogue.messages import Message
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
