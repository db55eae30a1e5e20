"""Editing a record's parts (names, contents items, seals, provenance, shelfmarks) as form rows.

Row i of part `contents` is typed in inputs named `contents-<i>.<field>`; a row left empty is
removed, rows are kept in the order given, and existing rows are updated in place (so the
history shows what changed, not a delete and a re-create). A row can hold rows of its own (a
field of kind `rows`): citation j of provenance entry i is typed in
`provenance-<i>.citations-<j>.<field>`.
Review-status inputs (a translation's, a name variant's) do not make a row: a row with nothing
but them is empty.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalogue.editing.fields import Field, FieldError, Form, from_form, to_form
from catalogue.language.messages import Message

MAX_ROWS = 500
LINK_KINDS = ("ref", "page", "image")  # typed as an identifier, resolved by the caller


@dataclass(frozen=True)
class Part:
    """One kind of row a record holds, and what a kept row must have."""

    attr: str
    model: type[Any]
    fields: tuple[Field, ...]
    label: str = dataclasses.field(kw_only=True)  # a Message, as for a Field
    needed: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()  # no two rows may agree on all of these
    ordered: bool = True  # rows have a `position`
    check: Callable[[Any, dict[str, Any]], str | None] | None = None  # (record, row) -> error


def every_field(fields: tuple[Field, ...]) -> list[Field]:
    """These fields and those of the rows nested in them."""
    found: list[Field] = []
    for f in fields:
        found.append(f)
        if f.kind == "rows" and f.part is not None:
            found.extend(every_field(f.part.fields))
    return found


def part_form(record: Any, part: Part, prefix: str = "") -> dict[str, str]:
    """The record's rows as form values (inside row `prefix` for nested rows)."""
    values: dict[str, str] = {}
    for i, child in enumerate(getattr(record, part.attr)):
        row = f"{prefix}{part.attr}-{i}."
        for f in part.fields:
            if f.kind == "rows" and f.part is not None:
                values.update(part_form(child, f.part, row))
                continue
            for key, value in to_form(f, getattr(child, f.name)).items():
                values[row + key] = value
    return values


def row_count(values: Form, part: Part, prefix: str = "") -> int:
    """How many rows the values hold (the highest row index plus one)."""
    pattern = re.compile(rf"^{re.escape(prefix + part.attr)}-(\d{{1,4}})\.")
    found = [int(m.group(1)) for key in values if (m := pattern.match(key))]
    return max(found) + 1 if found else 0


def typed_rows(part: Part, form: Form) -> list[int]:
    """The numbers of the rows the form holds that are not empty (those `read_part` reads)."""
    found = []
    for i in range(row_count(form, part)):
        prefix = f"{part.attr}-{i}."
        sub = {key[len(prefix) :]: value for key, value in form.items() if key.startswith(prefix)}
        if _typed_something(part, sub):
            found.append(i)
    return found


def _typed_something(part: Part, sub: Form) -> bool:
    """Whether a row's inputs hold anything but review statuses (which every row shows)."""
    statuses = {f.name for f in part.fields if f.kind == "status"}
    return any(
        value.strip()
        for key, value in sub.items()
        if key not in statuses and not key.endswith(".status")
    )


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
    current = list(getattr(record, part.attr)) if record is not None else []
    seen: dict[tuple[Any, ...], int] = {}
    count = row_count(form, part)
    if count > MAX_ROWS:
        return [], {part.attr: Message("at most %(count)s rows", count=MAX_ROWS)}
    rows: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for i in range(count):
        prefix = f"{part.attr}-{i}."
        sub = {key[len(prefix) :]: value for key, value in form.items() if key.startswith(prefix)}
        if not _typed_something(part, sub):
            continue
        old = current[i] if i < len(current) else None
        row: dict[str, Any] = {}
        for f in part.fields:
            if f.kind == "rows" and f.part is not None:
                row[f.name], nested = read_part(f.part, sub, old, resolve)
                errors.update({prefix + key: error for key, error in nested.items()})
                continue
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
        nested = {f.name: f.part for f in part.fields if f.kind == "rows" and f.part is not None}
        for name, value in ({**row, "position": i} if part.ordered else row).items():
            if name in nested:
                changed = apply_part(child, nested[name], value) or changed
            elif getattr(child, name) != value:
                setattr(child, name, value)
                changed = True
    del children[len(rows) :]
    return changed
