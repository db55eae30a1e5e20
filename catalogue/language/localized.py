"""Values given in the four interface languages, each marked checked or awaiting review."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en", "fa")
RTL_LANGUAGES = frozenset({"fa"})

# When a value is missing in the visitor's language, the nearest one is shown (with a note).
# Kazakhstan reads Russian widely; English is the scholars' common language.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "ru", "en", "fa"),
    "ru": ("ru", "kk", "en", "fa"),
    "en": ("en", "ru", "kk", "fa"),
    "fa": ("fa", "en", "ru", "kk"),
}


class Status(StrEnum):
    """Whether a curator has checked a value or it still needs review."""

    CHECKED = "checked"
    REVIEW = "review"


@dataclass(frozen=True)
class LocalizedValue:
    """One language's text of a value, with its review status."""

    text: str
    status: Status = Status.REVIEW


class LocalizedText(Mapping[str, LocalizedValue]):
    """An immutable map language -> LocalizedValue; replace it to change it."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, LocalizedValue | str] | None = None) -> None:
        cleaned: dict[str, LocalizedValue] = {}
        for lang, value in (values or {}).items():
            if lang not in LANGUAGES:
                raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
            item = LocalizedValue(value) if isinstance(value, str) else value
            if item.text.strip():
                cleaned[lang] = LocalizedValue(item.text.strip(), Status(item.status))
        self._values = {lang: cleaned[lang] for lang in LANGUAGES if lang in cleaned}

    def __getitem__(self, lang: str) -> LocalizedValue:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalizedText):
            return self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        return f"LocalizedText({self.to_json()!r})"

    def text(self, lang: str) -> str | None:
        """The text in exactly this language, or None."""
        value = self._values.get(lang)
        return value.text if value else None

    def best(self, lang: str) -> tuple[str, LocalizedValue] | None:
        """The value in lang or the nearest fallback language, with the language it is in."""
        for candidate in FALLBACKS.get(lang, LANGUAGES):
            if candidate in self._values:
                return candidate, self._values[candidate]
        return None

    def with_value(self, lang: str, text: str, status: Status = Status.REVIEW) -> LocalizedText:
        """A copy with one language's value replaced (an empty text removes it)."""
        values: dict[str, LocalizedValue | str] = dict(self._values)
        values[lang] = LocalizedValue(text, status)
        return LocalizedText(values)

    def to_json(self) -> dict[str, dict[str, str]]:
        """A JSON-ready form: {lang: {"text": ..., "status": ...}}."""
        return {
            lang: {"text": v.text, "status": v.status.value} for lang, v in self._values.items()
        }

    @classmethod
    def from_json(cls, data: Any) -> LocalizedText:
        """Read the form written by to_json (a plain string per language is accepted too)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError("a localized value must be a mapping of language to text")
        values: dict[str, LocalizedValue | str] = {}
        for lang, value in data.items():
            if isinstance(value, str):
                values[lang] = value
            elif isinstance(value, Mapping) and isinstance(value.get("text"), str):
                values[lang] = LocalizedValue(value["text"], Status(value.get("status", "review")))
            else:
                raise ValueError(f"the {lang!r} value must be a text or {{text, status}}")
        return cls(values)
