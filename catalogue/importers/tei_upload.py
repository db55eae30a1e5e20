"""A TEI file uploaded by a curator: a dry run reported record by record, then all or nothing.

The file is either one manuscript (a TEI document with an msDesc, as `/manuscripts/<id>.tei.xml`
writes it), whose references to people, places and its collection name records already in the
catalogue, or an authority file (`/manuscripts/authority.xml`: people, places, collections).
It is parsed by `catalogue.importers.tei.parse` (no entity expansion, no DTD, no network); a
document that declares a DOCTYPE at all is refused here, so that nothing an entity would have
said is silently dropped. Only new records are created: an identifier that exists is an
error on its row (existing records are edited in their forms, or through the CSV import).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.editing.records import SLUG
from catalogue.importers.table import ImportReport, RowReport
from catalogue.importers.tei import (
    ID,
    TEIImportError,
    _find,
    import_authority,
    import_manuscript,
    parse,
    q,
)
from catalogue.models import Entity, Manuscript
from catalogue.transaction import transaction

AUTHORITY_TAGS = ("person", "place", "item")


class _Rollback(Exception):
    pass


def check_document(data: bytes) -> None:
    """Refuse what is not a TEI document, or declares a DOCTYPE (entities); TEIImportError."""
    root = parse(data)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise TEIImportError("documents that declare a DOCTYPE or entities are refused")


def _rows(session: Session, data: bytes) -> tuple[list[RowReport], bool]:
    """One row per record the document would create, with its problems; and whether authority."""
    root = parse(data)
    existing = set(session.scalars(select(Entity.slug)))
    desc = _find(root, "teiHeader/fileDesc/sourceDesc/msDesc")
    back = _find(root, "text/back")
    authority = desc is None and back is not None
    if authority:
        assert back is not None
        nodes = [node for tag in AUTHORITY_TAGS for node in back.iter(q(tag))]
    elif desc is not None:
        nodes = [root]
    else:
        raise TEIImportError("neither a manuscript (msDesc) nor an authority file (text/back)")
    rows: list[RowReport] = []
    seen: set[str] = set()
    for node in nodes:
        slug = str(node.get(ID) or "")
        kind = "manuscript" if node is root else etree_tag(node)
        row = RowReport(int(node.sourceline or 1), slug, "create", changed=[kind])
        if not SLUG.match(slug):
            row.errors["slug"] = "xml:id must be 2–80 lowercase latin letters, digits, hyphens"
        elif slug in existing:
            row.errors["slug"] = f"{slug!r} exists already (edit it in its form)"
        elif slug in seen:
            row.errors["slug"] = "this identifier is in the file twice"
        seen.add(slug)
        if row.errors:
            row.action = "error"
        rows.append(row)
    return rows, authority


def etree_tag(node: object) -> str:
    """An element's local name (person, place, item...)."""
    return str(getattr(node, "tag", "")).rpartition("}")[2]


def _write(session: Session, data: bytes, authority: bool, rows: list[RowReport]) -> None:
    """Create the records; a problem found while building them goes on the first row."""
    try:
        with session.begin_nested():
            if authority:
                import_authority(session, data)
            else:
                known = {e.slug: e for e in session.scalars(select(Entity))}
                made: Manuscript = import_manuscript(session, data, known)
                rows[0].changed += [
                    f"{len(made.contents)} contents items",
                    f"{len(made.seals)} seals",
                    f"{len(made.provenance)} provenance entries",
                ]
            session.flush()
    except (TEIImportError, ValueError, KeyError, TypeError, SQLAlchemyError) as error:
        message = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
        rows[0].action = "error"
        rows[0].errors["document"] = message


def run_tei_import(
    db: Database, data: bytes, *, dry_run: bool, actor: Actor | None = None
) -> ImportReport:
    """Check the document, and create its records in one transaction unless dry or wrong."""
    check_document(data)
    rows: list[RowReport] = []
    try:
        with transaction(db, actor) as session:
            rows, authority = _rows(session, data)
            if rows and not any(r.errors for r in rows):
                _write(session, data, authority, rows)
            if dry_run or not rows or any(r.errors for r in rows):
                raise _Rollback
    except _Rollback:
        return ImportReport(rows, written=False)
    return ImportReport(rows, written=True)
