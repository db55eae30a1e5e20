"""Reading typed values: table-driven, every refusal a clear message."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.editing.fields import Field, FieldError, check_url, from_form, to_form
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.language.messages import Message


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (Field("n", "int", label="n", low=1, high=10), " 7 ", 7),
        (Field("x", "float", label="x", high=100), "12,5", 12.5),
        (Field("t", "text", label="t"), "  kept  ", "kept"),
        (Field("t", "text", label="t"), "", None),
        (Field("f", "flag", label="f"), "1", True),
        (Field("f", "flag", label="f"), "", False),
        (Field("c", "choice", label="c", choices=("a", "b")), "b", "b"),
        (Field("u", "url", label="u"), "https://example.org/x?y=1", "https://example.org/x?y=1"),
        (Field("r", "ref", label="r"), "tauke-khan", "tauke-khan"),
        (Field("k", "code", label="k"), "fa", "fa"),
    ],
)
def test_good_values_are_read(field: Field, typed: str, expected: object) -> None:
    assert from_form(field, {field.name: typed}, None) == expected


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        (Field("n", "int", label="n", low=1, high=10), "11", "from 1 to 10"),
        (Field("n", "int", label="n"), "seven", "whole number"),
        (Field("t", "text", label="t", max_length=3), "four", "at most 3"),
        (Field("c", "choice", label="c", choices=("a",), required=True), "", "needed"),
        (Field("c", "choice", label="c", choices=("a",)), "z", "choose one of"),
        (Field("d", "date", label="d"), "32 Rajab 1148", "Rajab"),
        (Field("d", "date", label="d"), "tomorrow-ish", "1150 AH"),
        (Field("r", "ref", label="r"), "../etc", "identifier"),
        (Field("k", "code", label="k"), "f a", "letters, digits"),
    ],
)
def test_bad_values_are_refused_clearly(field: Field, typed: str, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        from_form(field, {field.name: typed}, None)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "//evil.example",
        "http://",
        "https://exa mple.org",
        "http://x\n.org",
        "ftp://x.org",
    ],
)
def test_only_http_and_https_links(url: str) -> None:
    with pytest.raises(FieldError):
        check_url(url)


CHECKED_TITLE = LocalizedText(
    {
        "en": LocalizedValue("Divan", Status.CHECKED),
        "fa": LocalizedValue("دیوان", Status.CHECKED),
    }
)


def test_without_status_inputs_an_unchanged_text_keeps_its_status_and_a_new_one_needs_review() -> (
    None
):
    # What an import or an older form sends: texts only.
    field = Field("title", "localized", label="title")
    typed = {"title.en": "Divan", "title.fa": "دیوان حافظ", "title.ru": ""}
    read = from_form(field, typed, CHECKED_TITLE)
    assert read["en"].status is Status.CHECKED
    assert read["fa"] == LocalizedValue("دیوان حافظ", Status.REVIEW)
    assert "ru" not in read


def test_the_form_shows_each_languages_status_and_the_curator_sets_it() -> None:
    field = Field("title", "localized", label="title")
    shown = to_form(field, CHECKED_TITLE)
    assert shown["title.en.status"] == "checked" and shown["title.ru.status"] == "review"
    assert from_form(field, shown, CHECKED_TITLE) == CHECKED_TITLE  # a no-op save
    # Marked checked: a translation that needed review.
    reviewed = LocalizedText({"en": "Divan", "kk": "Диуан"})
    typed = {**to_form(field, reviewed), "title.kk.status": "checked"}
    read = from_form(field, typed, reviewed)
    assert read["kk"].status is Status.CHECKED and read["en"].status is Status.REVIEW
    # Sent back to review, and a changed text saved as checked (the saver vouches for it).
    typed = {**shown, "title.en.status": "review", "title.fa": "دیوان حافظ"}
    read = from_form(field, typed, CHECKED_TITLE)
    assert read["en"] == LocalizedValue("Divan", Status.REVIEW)
    assert read["fa"] == LocalizedValue("دیوان حافظ", Status.CHECKED)
    # A status without a text is no value.
    assert "ru" not in from_form(field, {**shown, "title.ru.status": "checked"}, CHECKED_TITLE)


def test_a_status_that_is_neither_checked_nor_review_is_refused() -> None:
    field = Field("title", "localized", label="title")
    with pytest.raises(FieldError, match="checked"):
        from_form(field, {"title.en": "Divan", "title.en.status": "approved"}, None)
    with pytest.raises(FieldError):
        from_form(Field("status", "status", label="status"), {"status": "yes"}, None)
    assert (
        from_form(Field("status", "status", label="status"), {"status": ""}, None) is Status.REVIEW
    )
    assert (
        from_form(Field("status", "status", label="status"), {"status": "checked"}, None)
        is Status.CHECKED
    )


def test_a_date_is_parsed_and_kept_when_unchanged() -> None:
    field = Field("d", "date", label="d")
    parsed = from_form(field, {"d": "1150 AH"}, None)
    assert parsed.earliest.year == 1737
    assert from_form(field, {"d": "1150 AH"}, parsed) is parsed


def _every_field_of_every_form() -> list[Field]:
    from catalogue.editing.children import every_field
    from catalogue.editing.sections import SECTIONS

    found: dict[tuple[str, str, int], Field] = {}
    for section in SECTIONS.values():
        fields = list(every_field(section.fields))
        for part in section.parts:
            fields.extend(every_field(part.fields))
        for f in fields:
            if f.kind != "rows":
                found.setdefault((f.kind, f.name, f.max_length), f)
    return list(found.values())


FIELDS = _every_field_of_every_form()
CONTROL = st.sampled_from(
    [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)] + ["\u2028", "\u2029"]
)
TYPED = st.lists(
    st.one_of(CONTROL, st.sampled_from(["fa", "1150 AH", "12", "https://x.org", "a-b", "Тәуке"])),
    min_size=1,
    max_size=6,
).map("".join)
NOT_STORED = {chr(c) for c in range(0x20)} - {"\t", "\n"} | {chr(c) for c in range(0x7F, 0xA0)}


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, LocalizedText):
        return [variant.text for _lang, variant in value.items()]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    statement = getattr(value, "statement", None)
    return [statement] if isinstance(statement, str) else []


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIELDS), TYPED)
def test_control_characters_never_reach_a_stored_value(field: Field, typed: str) -> None:
    # Word's U+000B (from a form or a CSV) made every XML export of the record fail.
    keys = [f"{field.name}.{lang}" for lang in ("kk", "ru", "en", "fa")]
    form = dict.fromkeys(keys if field.kind == "localized" else [field.name], typed)
    try:
        value = from_form(field, form, None)
    except FieldError:
        return
    for text in _texts(value):
        assert not set(text) & NOT_STORED, (field, text)
        if not field.multiline:
            assert "\n" not in text and "\t" not in text, (field, text)


def test_line_breaks_are_kept_where_the_field_holds_several_lines() -> None:
    long = Field("summary", "localized", max_length=5000, label=Message("Summary"))
    short = Field("title", "localized", max_length=1000, label=Message("Title"))
    typed = {"summary.en": "one\x0btwo\r\nthree", "title.en": "one\x0btwo"}
    assert from_form(long, typed, None).text("en") == "one\ntwo\nthree"
    assert from_form(short, typed, None).text("en") == "one two"
    assert (
        from_form(Field("c", "text", max_length=5000, label=Message("c")), {"c": "a\u2028b"}, None)
        == "a\nb"
    )
    assert from_form(Field("c", "text", label=Message("c")), {"c": "a\u2028b\x00"}, None) == "a b"
