"""Whole numbers typed into URLs (pages, sizes, years): ASCII digits only, of bounded length."""

from __future__ import annotations

import re

# str.isdigit() accepts "²" and "①", which int() refuses, and int() reads "٣" and "۳" and
# "1_000" and " 7 "; a URL's number is none of these. Twelve digits exceed every bound the
# site uses, and int() of a long string is slow (and refused beyond 4300 digits).
MAX_DIGITS = 12
_UNSIGNED = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_SIGNED = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}")


def whole_number(text: str, low: int, high: int) -> int | None:
    """The number text spells in ASCII digits (a minus only if low < 0) if from low to high."""
    pattern = _SIGNED if low < 0 else _UNSIGNED
    if not pattern.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None
