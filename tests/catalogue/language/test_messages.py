"""Message: the English text itself, remembering its template and values for translation."""

from __future__ import annotations

import pickle

import pytest

from catalogue.language.messages import N_, Explained, Message


def test_a_message_is_its_english_text_and_keeps_template_and_values() -> None:
    message = Message("write a number from %(low)s to %(high)s", low=1, high=9)
    assert message == "write a number from 1 to 9"
    assert isinstance(message, str)
    assert message.template == "write a number from %(low)s to %(high)s"
    assert message.params == {"low": 1, "high": 9}


def test_a_template_without_values_is_not_formatted() -> None:
    message = Message("100% sure")  # a lone % would break %-formatting
    assert message == "100% sure"
    assert message.params == {}


def test_a_template_missing_a_value_is_refused() -> None:
    with pytest.raises(KeyError):
        Message("from %(low)s to %(high)s", low=1)


def test_a_message_survives_pickling_with_its_template() -> None:
    message = Message("no record %(slug)s", slug="ms-1")
    copy = pickle.loads(pickle.dumps(message))
    assert copy == "no record ms-1"
    assert isinstance(copy, Message)
    assert copy.template == message.template
    assert copy.params == {"slug": "ms-1"}


def test_n_marks_a_template_and_returns_it_unchanged() -> None:
    assert N_("a template %(x)s") == "a template %(x)s"


def test_an_explained_error_carries_a_message() -> None:
    error = Explained("the year %(year)s is too late", year=3000)
    assert isinstance(error, ValueError)
    assert str(error) == "the year 3000 is too late"
    assert error.message.template == "the year %(year)s is too late"
    assert error.message.params == {"year": 3000}


def test_an_explained_error_keeps_a_ready_message_as_it_is() -> None:
    ready = Message("from %(low)s", low=2)
    error = Explained(ready)
    assert error.message is ready
    assert str(error) == "from 2"
