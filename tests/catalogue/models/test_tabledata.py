"""Table rows as JSON-ready values and back: every catalogue table, no accounts, no loss."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import Base, Manuscript, Person, PublicationState
from catalogue.models.tabledata import (
    NON_CATALOGUE_TABLES,
    catalogue_tables,
    from_plain,
    to_plain,
)


def test_the_catalogue_tables_are_all_but_accounts_and_bookkeeping() -> None:
    names = [t.name for t in catalogue_tables()]
    assert not set(names) & NON_CATALOGUE_TABLES
    assert {"user_account", "audit_entry"} <= {t.name for t in Base.metadata.sorted_tables}
    assert {"entity", "person", "page", "page_text", "name_variant"} <= set(names)


def test_parents_come_before_their_children() -> None:
    order = {t.name: i for i, t in enumerate(catalogue_tables())}
    for table in catalogue_tables():
        for key in table.foreign_keys:
            parent = key.column.table.name
            if parent in order and parent != table.name:
                assert order[parent] < order[table.name], (parent, table.name)


def test_plain_values_are_json() -> None:
    when = datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.UTC)
    text = LocalizedText({"en": "Divan", "fa": LocalizedValue("دیوان", Status.CHECKED)})
    assert to_plain(when) == "2024-03-01T12:30:00+00:00"
    assert to_plain(datetime.date(1737, 5, 2)) == "1737-05-02"
    assert to_plain(PublicationState.DRAFT) == "draft"
    assert to_plain(text) == text.to_json()
    assert to_plain(7) == 7 and to_plain(None) is None and to_plain("x") == "x"
    json.dumps([to_plain(v) for v in (when, text, PublicationState.DRAFT)])


def test_every_column_of_stored_rows_reads_back_as_it_was(
    session: Session,
    make_person: Callable[..., Person],
    make_manuscript: Callable[..., Manuscript],
) -> None:
    make_person(summary=LocalizedText({"en": LocalizedValue("A poet", Status.CHECKED)}))
    make_manuscript(title=LocalizedText({"fa": "دیوان"}), folio_count=12, leaf_height_mm=210.5)
    checked = 0
    for table in catalogue_tables():
        for row in session.execute(select(table)).mappings():
            for column in table.columns:
                value = row[column.name]
                plain = json.loads(json.dumps(to_plain(value)))
                assert from_plain(column, plain) == value, (table.name, column.name)
                checked += 1
    assert checked > 20  # the rows above were there to be read


def test_none_stays_none_in_every_kind_of_column() -> None:
    for table in catalogue_tables():
        for column in table.columns:
            assert from_plain(column, None) is None
