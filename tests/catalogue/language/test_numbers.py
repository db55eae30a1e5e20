"""Whole numbers from URLs: ASCII digits only, bounded in length and value."""

from __future__ import annotations

import pytest

from catalogue.language.numbers import MAX_DIGITS, whole_number


@pytest.mark.parametrize(
    ("text", "low", "high", "expected"),
    [
        ("1", 1, 10, 1),
        ("10", 1, 10, 10),
        ("007", 1, 10, 7),
        ("0", 1, 10, None),
        ("11", 1, 10, None),
        ("-1", 1, 10, None),
        ("-1", -5000, 5000, -1),
        ("-5001", -5000, 5000, None),
        ("--1", -5000, 5000, None),
        ("-", -5000, 5000, None),
        ("", 1, 10, None),
        ("²", 1, 10, None),  # str.isdigit() says yes; int() says no
        ("①", 1, 10, None),
        ("٣", 1, 10, None),  # Arabic-Indic three: int() reads it
        ("۳", 1, 10, None),  # Persian three
        ("1_0", 1, 100, None),  # int() reads it
        (" 7", 1, 10, None),
        ("7\n", 1, 10, None),
        ("+7", 1, 10, None),
        ("1" * MAX_DIGITS, 1, 10**MAX_DIGITS, int("1" * MAX_DIGITS)),
        ("1" * (MAX_DIGITS + 1), 1, 10**20, None),
        ("9" * 5000, 1, 10, None),  # int() refuses more than 4300 digits
    ],
)
def test_only_bounded_ascii_digits_are_numbers(
    text: str, low: int, high: int, expected: int | None
) -> None:
    assert whole_number(text, low, high) == expected
