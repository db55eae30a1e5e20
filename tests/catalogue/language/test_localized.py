"""LocalizedText: four languages, review status, fallbacks."""

import pytest

from catalogue.language.localized import LocalizedText, LocalizedValue, Status


def test_plain_strings_need_review_and_blanks_are_dropped() -> None:
    value = LocalizedText({"en": "Khan", "kk": "  ", "fa": LocalizedValue("خان", Status.CHECKED)})
    assert list(value) == ["en", "fa"]
    assert value["en"].status is Status.REVIEW
    assert value["fa"].status is Status.CHECKED


def test_order_follows_the_interface_languages() -> None:
    value = LocalizedText({"fa": "الف", "en": "a", "kk": "ә", "ru": "а"})
    assert list(value) == ["kk", "ru", "en", "fa"]


@pytest.mark.parametrize(
    ("available", "asked", "expected"),
    [
        ({"en": "x"}, "en", "en"),
        ({"en": "x", "ru": "y"}, "kk", "ru"),
        ({"en": "x", "fa": "y"}, "kk", "en"),
        ({"kk": "x", "fa": "y"}, "en", "kk"),
        ({"ru": "x"}, "fa", "ru"),
    ],
)
def test_best_falls_back_to_the_nearest_language(
    available: dict[str, str], asked: str, expected: str
) -> None:
    found = LocalizedText(available).best(asked)
    assert found is not None and found[0] == expected


def test_empty_value_has_no_best() -> None:
    assert LocalizedText().best("en") is None
    assert not LocalizedText()


def test_json_round_trip_and_equality() -> None:
    value = LocalizedText({"en": LocalizedValue("Tauke", Status.CHECKED), "fa": "توکه"})
    again = LocalizedText.from_json(value.to_json())
    assert again == value and hash(again) == hash(value)
    assert value.to_json() == {
        "en": {"text": "Tauke", "status": "checked"},
        "fa": {"text": "توکه", "status": "review"},
    }


def test_with_value_replaces_one_language_and_leaves_the_original() -> None:
    value = LocalizedText({"en": "a"})
    changed = value.with_value("kk", "ә", Status.CHECKED)
    assert value.text("kk") is None
    assert changed.text("kk") == "ә" and changed.text("en") == "a"


@pytest.mark.parametrize("bad", [{"de": "x"}, ["en"], {"en": 3}, {"en": {"status": "checked"}}])
def test_bad_input_is_refused_with_a_clear_error(bad: object) -> None:
    with pytest.raises(ValueError):
        LocalizedText.from_json(bad)
