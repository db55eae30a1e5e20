"""Words that go inside messages (record kinds, "or", "and"), as Messages, so they are translated.

A message's values are shown as given unless they are Messages themselves (`app.i18n.translated`
translates those too): a kind of record or a list of calendars passed as a plain English word
would stay English on a Persian, Kazakh or Russian page.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalogue.language.messages import Message

# Keyed by `catalogue.models.Kind` values (not imported: models import this package's dates).
_KINDS = {
    "collection": Message("collection"),
    "manuscript": Message("manuscript"),
    "person": Message("person"),
    "place": Message("place"),
    "event": Message("event"),
    "source": Message("source"),
}

__all__ = ["both", "either", "kind_word"]


def kind_word(kind: str) -> Message:
    """The word for a kind of record ("person"), translatable; an unknown kind as it is."""
    return _KINDS.get(str(kind)) or Message(str(kind))


def either(words: Iterable[str]) -> str:
    """ "a or b or c", each joint translatable (a single word is returned as it is)."""
    return _joined(words, "or")


def both(words: Iterable[str]) -> str:
    """ "a and b and c", each joint translatable (a single word is returned as it is)."""
    return _joined(words, "and")


def _joined(words: Iterable[str], joint: str) -> str:
    items = list(words)
    if not items:
        return ""
    joined = items[0]
    for word in items[1:]:
        if joint == "or":
            joined = Message("%(first)s or %(second)s", first=joined, second=word)
        else:
            joined = Message("%(first)s and %(second)s", first=joined, second=word)
    return joined
