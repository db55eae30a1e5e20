"""CSV export of a section's records, in the import's columns, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from sqlalchemy.orm import Session

from catalogue.editing.saving import list_for_curators, record_form
from catalogue.formats.table.name_columns import to_columns
from catalogue.formats.table.reader import targets
from catalogue.formats.tabular import safe_cell


def export_csv(session: Session, section: str) -> str:
    """Every record of the section (drafts included), one per row; re-importable as it is."""
    columns = targets(section)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in reversed(list_for_curators(session, section)):
        values = record_form(record, section)
        values.update(to_columns(values))
        writer.writerow([safe_cell(values.get(key, "")) for key in columns])
    return out.getvalue()


__all__ = ["export_csv", "safe_cell"]  # safe_cell: the one CSV guard, the public exports' own
