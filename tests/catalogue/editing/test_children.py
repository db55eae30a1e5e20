"""A record's parts as form rows: read (empty rows dropped, each refusal keyed by row), applied in
place, shown back; nested rows."""

from __future__ import annotations

from typing import Any

from catalogue.editing.children import (
    MAX_ROWS,
    Part,
    apply_part,
    every_field,
    part_form,
    read_part,
    row_count,
    typed_rows,
)
from catalogue.editing.fields import Field, FieldError
from catalogue.language.messages import Message


class Note:
    """A row: a note with nested references."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.count: int | None = None
        self.status: Any = None
        self.target: Any = None
        self.position = -1
        self.refs: list[Ref] = []


class Ref:
    """A nested row."""

    def __init__(self) -> None:
        self.label: str | None = None
        self.position = -1


class Holder:
    """A record holding notes."""

    def __init__(self) -> None:
        self.notes: list[Note] = []


REFS = Part(
    "refs",
    Ref,
    (Field("label", "text", label=Message("label"), max_length=10),),
    needed=("label",),
    label=Message("refs"),
)
NOTES = Part(
    "notes",
    Note,
    (
        Field("text", "text", label=Message("text"), max_length=20),
        Field("count", "int", label=Message("count"), low=1, high=9),
        Field("status", "status", label=Message("status")),
        Field("target", "ref", label=Message("target"), max_length=80),
        Field("refs", "rows", label=Message("refs"), part=REFS),
    ),
    needed=("text",),
    unique=("text",),
    label=Message("notes"),
)


def test_every_field_includes_the_nested_rows_fields() -> None:
    assert [f.name for f in every_field(NOTES.fields)] == [
        "text",
        "count",
        "status",
        "target",
        "refs",
        "label",
    ]


def test_rows_are_counted_by_their_highest_number() -> None:
    form = {"notes-0.text": "a", "notes-3.count": "", "other-9.text": "x", "notes-x.text": "y"}
    assert row_count(form, NOTES) == 4
    assert row_count({}, NOTES) == 0
    nested = {"notes-0.refs-2.label": "r"}
    assert row_count(nested, REFS, "notes-0.") == 3


def test_empty_rows_and_rows_of_statuses_alone_are_dropped_in_order() -> None:
    form = {
        "notes-0.text": "first",
        "notes-1.text": "  ",
        "notes-1.status": "checked",
        "notes-2.text": "third",
        "notes-2.count": "2",
    }
    assert typed_rows(NOTES, form) == [0, 2]
    rows, errors = read_part(NOTES, form, None)
    assert errors == {}
    assert [(r["text"], r["count"]) for r in rows] == [("first", None), ("third", 2)]
    assert rows[0]["refs"] == []


def test_each_refusal_is_keyed_by_its_row_and_field() -> None:
    form = {
        "notes-0.count": "12",  # out of range, and the needed text is missing
        "notes-1.text": "x" * 21,
        "notes-2.text": "ok",
        "notes-2.refs-0.label": "far too long a label",
        "notes-2.refs-1.label": "fine",
    }
    rows, errors = read_part(NOTES, form, None)
    assert set(errors) == {"notes-0.count", "notes-0.text", "notes-1.text", "notes-2.refs-0.label"}
    assert "needed" in errors["notes-0.text"] and "from 1 to 9" in errors["notes-0.count"]
    assert len(rows) == 3  # rows are read whole so the form shows what was typed


def test_a_repeated_row_is_refused_naming_the_first() -> None:
    form = {"notes-0.text": "same", "notes-1.text": "other", "notes-2.text": "same"}
    _, errors = read_part(NOTES, form, None)
    assert errors == {"notes-2.text": "this repeats row 1"}


def test_links_are_resolved_by_the_caller_and_unresolved_by_default() -> None:
    form = {"notes-0.text": "a", "notes-0.target": "somebody"}
    _, errors = read_part(NOTES, form, None)
    assert "no record" in errors["notes-0.target"]

    def resolve(field: Field, raw: str) -> Any:
        if raw == "somebody":
            return ("record", raw)
        raise FieldError("unknown %(typed)r", typed=raw)

    rows, errors = read_part(NOTES, form, None, resolve)
    assert errors == {} and rows[0]["target"] == ("record", "somebody")
    _, errors = read_part(NOTES, {**form, "notes-0.target": "nobody"}, None, resolve)
    assert errors == {"notes-0.target": "unknown 'nobody'"}


def test_a_check_runs_only_on_a_row_without_other_errors() -> None:
    seen: list[dict[str, Any]] = []

    def check(record: Any, row: dict[str, Any]) -> str | None:
        seen.append(row)
        return "not this one" if row["text"] == "no" else None

    part = Part("notes", Note, NOTES.fields, needed=("text",), check=check, label=Message("notes"))
    form = {"notes-0.text": "no", "notes-1.text": "yes", "notes-2.count": "0"}
    _, errors = read_part(part, form, Holder())
    assert errors["notes-0.text"] == "not this one" and "notes-1.text" not in errors
    assert [row["text"] for row in seen] == ["no", "yes"]


def test_too_many_rows_are_refused_before_reading_any() -> None:
    rows, errors = read_part(NOTES, {f"notes-{MAX_ROWS}.text": "last"}, None)
    assert rows == [] and list(errors) == ["notes"]


def test_rows_are_applied_in_place_and_the_rest_removed() -> None:
    holder = Holder()
    rows, _ = read_part(
        NOTES, {"notes-0.text": "a", "notes-1.text": "b", "notes-1.refs-0.label": "r"}, holder
    )
    assert apply_part(holder, NOTES, rows) is True
    first, second = holder.notes
    assert (first.text, first.position, second.text, second.position) == ("a", 0, "b", 1)
    assert [r.label for r in second.refs] == ["r"]
    assert apply_part(holder, NOTES, rows) is False  # the same rows again: no change

    rows, _ = read_part(NOTES, {"notes-0.text": "a2"}, holder)
    assert apply_part(holder, NOTES, rows) is True
    assert holder.notes == [first] and first.text == "a2"  # updated in place, not re-created


def test_a_change_in_a_nested_row_alone_is_a_change() -> None:
    holder = Holder()
    form = {"notes-0.text": "a", "notes-0.refs-0.label": "r"}
    apply_part(holder, NOTES, read_part(NOTES, form, holder)[0])
    changed = {**form, "notes-0.refs-0.label": "s"}
    assert apply_part(holder, NOTES, read_part(NOTES, changed, holder)[0]) is True
    assert holder.notes[0].refs[0].label == "s"


def test_the_form_shows_the_rows_and_reads_back_the_same() -> None:
    holder = Holder()
    form = {
        "notes-0.text": "a",
        "notes-0.count": "3",
        "notes-0.status": "checked",
        "notes-1.text": "b",
        "notes-1.refs-0.label": "r0",
        "notes-1.refs-1.label": "r1",
    }
    apply_part(holder, NOTES, read_part(NOTES, form, holder)[0])
    shown = part_form(holder, NOTES)
    assert shown["notes-0.count"] == "3" and shown["notes-1.refs-1.label"] == "r1"
    assert "notes-0.refs-0.label" not in shown
    assert apply_part(holder, NOTES, read_part(NOTES, shown, holder)[0]) is False


def test_row_numbers_of_more_than_four_digits_are_not_rows() -> None:
    assert row_count({"notes-0001.text": "x"}, NOTES) == 2
    assert row_count({"notes-12345.text": "x"}, NOTES) == 0
