"""Reading one typed form value: localized texts, numbers, dates, web addresses, choices."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from catalogue.dates.calendars import DateError, HistoricalDate
from catalogue.dates.parser import parse as parse_date
from catalogue.language.characters import clean_text
from catalogue.language.localized import LANGUAGES, LocalizedText, LocalizedValue, Status
from catalogue.language.messages import Explained
from catalogue.models.entity import SLUG

if TYPE_CHECKING:
    from catalogue.editing.children import Part

Form = Mapping[str, str]
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")  # language tags, scripts, ids
LIST_SEPARATOR = re.compile(r"[,;\s]+")  # "Arab, Latn" · "fa;ar" · "fa ar"


class FieldError(Explained):
    """A typed value that cannot be used; the message says why, for the curator."""


@dataclass(frozen=True)
class Field:
    """One editable attribute and how its typed text is read."""

    name: str
    # localized | text | int | float | date | url | choice | flag | code | list (several codes
    # or choices, comma-separated) | ref (a record) | page (`ms-01/12r`) | image (a page image)
    # | status (checked or review) | rows (the rows of `part`, nested in each row of the part
    # that holds this field, e.g. a provenance entry's citations)
    kind: str
    # what the form shows beside it: a Message, so babel extracts it and the interface
    # translates it; required, so no field is ever shown by its attribute name
    label: str = dataclasses.field(kw_only=True)
    max_length: int = 300
    choices: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # for a ref: the kinds of record it may name (any if empty)
    low: float = 0
    high: float = 100_000
    required: bool = False
    part: Part | None = None  # for rows
    vocabulary: str = ""  # the vocabulary whose terms label the choices (none: shown as typed)

    @property
    def multiline(self) -> bool:
        """Whether the field holds several lines (the form shows a text area for it)."""
        if self.kind == "localized":
            return self.max_length > 1000
        return self.kind == "text" and self.max_length > 300


def form_keys(field: Field) -> list[str]:
    """The form inputs that hold this field's text (one per language for a localized one)."""
    if field.kind == "localized":
        return [f"{field.name}.{lang}" for lang in LANGUAGES]
    return [field.name]


def status_key(field: Field, lang: str) -> str:
    """The form input that holds a localized field's review status in one language."""
    return f"{field.name}.{lang}.status"


def to_form(field: Field, value: Any) -> dict[str, str]:
    """The stored value as the text a form shows."""
    if field.kind == "localized":
        text = value if isinstance(value, LocalizedText) else LocalizedText()
        values = {f"{field.name}.{lang}": text.text(lang) or "" for lang in LANGUAGES}
        for lang in LANGUAGES:
            item = text.get(lang)
            values[status_key(field, lang)] = (item.status if item else Status.REVIEW).value
        return values
    if field.kind == "status":
        return {field.name: Status(value or Status.REVIEW).value}
    if field.kind == "date":
        return {field.name: value.statement if isinstance(value, HistoricalDate) else ""}
    if field.kind == "flag":
        return {field.name: "1" if value else ""}
    if field.kind == "ref":
        return {field.name: str(getattr(value, "slug", "") or "")}
    if field.kind == "page":
        page = getattr(value, "manuscript", None)
        return {field.name: f"{page.slug}/{value.label}" if page is not None else ""}
    if field.kind == "list":
        return {field.name: ", ".join(value or [])}
    if value is None:
        return {field.name: ""}
    if field.kind == "float" and isinstance(value, float) and value.is_integer():
        return {field.name: str(int(value))}
    return {field.name: str(getattr(value, "value", value))}


def _number(field: Field, raw: str) -> float:
    try:
        number = float(raw.replace(",", ".")) if field.kind == "float" else int(raw)
    except ValueError:
        if field.kind == "float":
            raise FieldError("write a number, not %(typed)r", typed=raw[:40]) from None
        raise FieldError("write a whole number, not %(typed)r", typed=raw[:40]) from None
    if not field.low <= number <= field.high:
        raise FieldError(
            "write a number from %(low)s to %(high)s", low=f"{field.low:g}", high=f"{field.high:g}"
        )
    return number


def _list(field: Field, raw: str) -> list[str]:
    items: list[str] = []
    for item in (part.strip() for part in LIST_SEPARATOR.split(raw)):
        if not item or item in items:
            continue
        if field.choices and item not in field.choices:
            raise FieldError(
                "%(typed)r is not one of: %(choices)s",
                typed=item[:40],
                choices=", ".join(field.choices),
            )
        if not field.choices and not CODE.match(item):
            raise FieldError("%(typed)r: letters, digits and hyphens only", typed=item[:40])
        items.append(item)
    return items


def check_url(raw: str) -> str:
    """A web address, only http or https (never javascript:, data: or file:)."""
    parts = urlsplit(raw)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() or ord(c) < 32 for c in raw)
    ):
        raise FieldError("write a web address starting with http:// or https://")
    return raw


def _chosen_status(raw: str) -> Status:
    if raw not in (Status.CHECKED.value, Status.REVIEW.value, ""):
        raise FieldError("choose “checked” or “review”")
    return Status(raw or Status.REVIEW.value)


def _status(field: Field, form: Form, lang: str, kept: LocalizedValue | None, text: str) -> Status:
    """A value's review status: as the curator set it in the form; without a status input
    (an import, an older form), an unchanged text keeps its status and a new text needs review.
    """
    chosen = form.get(status_key(field, lang))
    if chosen is not None:
        return _chosen_status(chosen.strip())
    return kept.status if kept and kept.text == text else Status.REVIEW


def from_form(field: Field, form: Form, current: Any) -> Any:
    """The value typed for this field; FieldError when it makes no sense."""
    if field.kind == "localized":
        old = current if isinstance(current, LocalizedText) else LocalizedText()
        values: dict[str, LocalizedValue | str] = {}
        for lang in LANGUAGES:
            typed = form.get(f"{field.name}.{lang}", "")
            text = clean_text(typed, multiline=field.multiline).strip()
            if len(text) > field.max_length:
                raise FieldError(
                    "%(lang)s: at most %(count)s characters", lang=lang, count=field.max_length
                )
            if text:
                values[lang] = LocalizedValue(text, _status(field, form, lang, old.get(lang), text))
        return LocalizedText(values)
    raw = clean_text(form.get(field.name, ""), multiline=field.multiline).strip()
    if field.kind == "status":
        return _chosen_status(raw)
    if field.kind == "flag":
        return raw in ("1", "on", "true")
    if len(raw) > field.max_length:
        raise FieldError("at most %(count)s characters", count=field.max_length)
    if field.kind == "list":
        return _list(field, raw)
    if not raw:
        if field.required:
            raise FieldError("this is needed")
        return None
    if field.kind in ("int", "float"):
        number = _number(field, raw)
        return int(number) if field.kind == "int" else number
    if field.kind == "date":
        if isinstance(current, HistoricalDate) and current.statement == raw:
            return current
        try:
            return parse_date(raw)
        except DateError as error:
            raise FieldError(error.message) from None
    if field.kind == "url":
        return check_url(raw)
    if field.kind == "ref" and not SLUG.match(raw):
        raise FieldError("write a record's identifier (its address ending), e.g. tauke-khan")
    if field.kind == "code" and not CODE.match(raw):
        raise FieldError("letters, digits and hyphens only")
    if field.kind == "choice" and raw not in field.choices:
        raise FieldError("choose one of: %(choices)s", choices=", ".join(field.choices))
    return raw
