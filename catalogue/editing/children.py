"""Editing a record's parts (names, contents items, seals, provenance, shelfmarks) as form rows.

Row i of part `contents` is typed in inputs named `contents-<i>.<field>`; a row left empty is
removed, rows are kept in the order given, and existing rows are updated in place (so the
history shows what changed, not a delete and a re-create).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalogue.editing.fields import Field, FieldError, Form, from_form, to_form
from catalogue.messages import Message
from catalogue.models import Citation

MAX_ROWS = 500
LINK_KINDS = ("ref", "page", "image", "citations")  # typed as an identifier, resolved by the caller


@dataclass(frozen=True)
class Part:
    """One kind of row a record holds, and what a kept row must have."""

    attr: str
    model: type[Any]
    fields: tuple[Field, ...]
    needed: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()  # no two rows may agree on all of these
    ordered: bool = True  # rows have a `position`
    check: Callable[[Any, dict[str, Any]], str | None] | None = None  # (record, row) -> error


def part_form(record: Any, part: Part) -> dict[str, str]:
    """The record's rows as form values."""
    values: dict[str, str] = {}
    for i, child in enumerate(getattr(record, part.attr)):
        for f in part.fields:
            for key, value in to_form(f, getattr(child, f.name)).items():
                values[f"{part.attr}-{i}.{key}"] = value
    return values


def row_count(values: Form, part: Part) -> int:
    """How many rows the values hold (the highest row index plus one)."""
    pattern = re.compile(rf"^{re.escape(part.attr)}-(\d{{1,4}})\.")
    found = [int(m.group(1)) for key in values if (m := pattern.match(key))]
    return max(found) + 1 if found else 0


def _unresolved(_field: Field, _raw: str) -> Any:
    raise FieldError("there is no record with this identifier")


def read_part(
    part: Part,
    form: Form,
    record: Any,
    resolve: Callable[[Field, str], Any] = _unresolved,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows typed (empty ones dropped) and the errors, keyed `<attr>-<i>.<field>`.

    `resolve` turns a typed link (an identifier) into what it names, or raises FieldError.
    """
    current = list(getattr(record, part.attr))
    seen: dict[tuple[Any, ...], int] = {}
    count = row_count(form, part)
    if count > MAX_ROWS:
        return [], {part.attr: Message("at most %(count)s rows", count=MAX_ROWS)}
    rows: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for i in range(count):
        prefix = f"{part.attr}-{i}."
        sub = {key[len(prefix) :]: value for key, value in form.items() if key.startswith(prefix)}
        if not any(value.strip() for value in sub.values()):
            continue
        old = current[i] if i < len(current) else None
        row: dict[str, Any] = {}
        for f in part.fields:
            try:
                row[f.name] = from_form(f, sub, getattr(old, f.name, None) if old else None)
            except FieldError as error:
                errors[prefix + f.name] = error.message
        for f in part.fields:
            if f.kind in LINK_KINDS and row.get(f.name) and prefix + f.name not in errors:
                try:
                    row[f.name] = resolve(f, row[f.name])
                except FieldError as error:
                    errors[prefix + f.name] = error.message
        for name in part.needed:
            if name in row and not row[name]:
                errors.setdefault(prefix + name, Message("this is needed"))
        if part.unique and not any(k.startswith(prefix) for k in errors):
            key = tuple(row.get(name) for name in part.unique)
            if key in seen:
                errors[prefix + part.unique[0]] = Message(
                    "this repeats row %(row)s", row=seen[key] + 1
                )
            seen[key] = i
        if part.check and not any(k.startswith(prefix) for k in errors):
            problem = part.check(record, row)
            if problem:
                errors[prefix + part.fields[0].name] = problem
        rows.append(row)
    return rows, errors


def apply_part(record: Any, part: Part, rows: list[dict[str, Any]]) -> bool:
    """Make the record's rows these, updating in place; whether anything changed."""
    children: list[Any] = getattr(record, part.attr)
    changed = len(children) != len(rows)
    for i, row in enumerate(rows):
        if i < len(children):
            child = children[i]
        else:
            child = part.model()
            children.append(child)
        for name, value in ({**row, "position": i} if part.ordered else row).items():
            if name == "citations":
                changed = _sync_citations(child, value or []) or changed
            elif getattr(child, name) != value:
                setattr(child, name, value)
                changed = True
    del children[len(rows) :]
    return changed


def _sync_citations(owner: Any, cited: list[tuple[Any, str | None]]) -> bool:
    """Make the row's citations these (source, locator) pairs, in place; whether any changed."""
    current: list[Citation] = owner.citations
    changed = len(current) != len(cited)
    for i, (source, locator) in enumerate(cited):
        if i < len(current):
            citation = current[i]
        else:
            citation = Citation(position=i)
            current.append(citation)
            changed = True
        for name, value in (("source", source), ("locator", locator), ("position", i)):
            if getattr(citation, name) is not value and getattr(citation, name) != value:
                setattr(citation, name, value)
                changed = True
    del current[len(cited) :]
    return changed
