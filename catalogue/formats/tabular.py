"""Any list of records as CSV, as a Dublin Core XML document, or as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from lxml import etree
from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar, HistoricalDate, format_years
from catalogue.formats.dublin_core import RecordUrl, oai_dc_element
from catalogue.formats.record_json import record_json
from catalogue.language.localized import LANGUAGES, LocalizedText
from catalogue.models import Entity, Event, Manuscript, Person, Source

CSV_COLUMNS = [
    "kind",
    "id",
    "url",
    *(f"title_{lang}" for lang in LANGUAGES),
    "date_statement",
    "date_calendar",
    "date_gregorian",
    "date_hijri",
    "earliest",
    "latest",
    *(f"summary_{lang}" for lang in LANGUAGES),
    "wikidata",
    "viaf",
]
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection; OWASP):
# the fullwidth forms too (some spreadsheets fold them to ASCII), and a line break, after which
# a cell is read as starting anew. The one rule for every CSV written, public or curators'.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
COLLECTION_NS = "urn:qoljazba:records"  # a wrapper; the oai_dc:dc records inside are the content


def safe_cell(value: str) -> str:
    """A cell that no spreadsheet will run: formula-like text is prefixed with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _main_date(record: Entity) -> HistoricalDate | None:
    if isinstance(record, Manuscript):
        return record.origin_date
    if isinstance(record, Event | Source):
        return record.date
    if isinstance(record, Person):
        return record.active or record.birth
    return None


def csv_row(record: Entity, url: RecordUrl) -> dict[str, str]:
    """One record as a CSV row (every cell made safe)."""
    label = record.label()
    summary = getattr(record, "summary", None) or LocalizedText()
    when = _main_date(record)
    row = {
        "kind": record.kind.value,
        "id": record.slug,
        "url": url(record.kind, record.slug),
        **{f"title_{lang}": label.text(lang) or "" for lang in LANGUAGES},
        "date_statement": when.statement if when else "",
        "date_calendar": when.calendar.value if when else "",
        "date_gregorian": format_years(when, Calendar.GREGORIAN) if when else "",
        "date_hijri": format_years(when, Calendar.HIJRI) if when else "",
        "earliest": when.earliest.isoformat() if when and when.earliest else "",
        "latest": when.latest.isoformat() if when and when.latest else "",
        **{f"summary_{lang}": summary.text(lang) or "" for lang in LANGUAGES},
        "wikidata": getattr(record, "wikidata_id", None) or "",
        "viaf": getattr(record, "viaf_id", None) or "",
    }
    return {key: safe_cell(value) for key, value in row.items()}


def records_csv(records: Iterable[Entity], url: RecordUrl) -> str:
    """The records as CSV (UTF-8 text with a header row; RFC 4180 quoting)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record, url))
    return out.getvalue()


def records_dublin_core(records: Iterable[Entity], url: RecordUrl) -> bytes:
    """The records as one XML document: a <records> element holding one oai_dc:dc each."""
    root = etree.Element(f"{{{COLLECTION_NS}}}records", nsmap={None: COLLECTION_NS})
    for record in records:
        root.append(oai_dc_element(record, url))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def records_json(session: Session, records: Iterable[Entity], url: RecordUrl) -> str:
    """The records in full, as the API gives them, in one JSON array."""
    return json.dumps([record_json(session, r, url) for r in records], ensure_ascii=False)


__all__ = ["CSV_COLUMNS", "records_csv", "records_dublin_core", "records_json", "safe_cell"]
