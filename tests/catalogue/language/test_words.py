"""Words inside messages (kinds, calendars, months) are Messages: translated with them."""

import pytest

from catalogue.dates.calendars import Calendar, DateError, calendar_label, dated
from catalogue.dates.parser import parse
from catalogue.language.messages import Message
from catalogue.language.words import both, either, kind_word


def test_kinds_and_joints_are_messages() -> None:
    assert isinstance(kind_word("person"), Message) and kind_word("person") == "person"
    assert kind_word("unknown") == "unknown"
    joined = either(kind_word(k) for k in ("person", "place", "event"))
    assert joined == "person or place or event"
    assert isinstance(joined, Message) and joined.template == "%(first)s or %(second)s"
    assert isinstance(joined.params["first"], Message)  # "person or place", translated too
    assert both(["a"]) == "a" and both([]) == ""
    assert both([calendar_label(Calendar.HIJRI), "x"]) == "Hijri (lunar) and x"


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("Rajab 1148 CE", {"month": "Rajab", "kind": "Hijri (lunar)", "calendar": "Gregorian"}),
        ("1150 AH CE", {"names": "Gregorian and Hijri (lunar)"}),
        ("before 1700-1710", {"qualifier": "before"}),
        ("30 Esfand 1101 SH", {"month": "Esfand 1101 SH"}),
    ],
)
def test_date_refusals_pass_their_words_as_messages(statement: str, words: dict[str, str]) -> None:
    with pytest.raises(DateError) as caught:
        parse(statement)
    params = caught.value.message.params
    for name, english in words.items():
        assert params[name] == english and isinstance(params[name], Message), name


def test_a_dated_month_reads_as_before_in_english() -> None:
    assert dated(Calendar.JULIAN, 1700, 2) == "February 1700 (O.S.)"
    assert dated(Calendar.HIJRI, 1148, 7, 3) == "3 Rajab 1148 AH"
    assert dated(Calendar.PERSIAN, 1101, 12, 3, era=False) == "3 Esfand 1101"
