"""A TEI file uploaded by a curator: a dry run reported record by record, then all or nothing.

The file is either one manuscript (a TEI document with an msDesc, as `/manuscripts/<id>.tei.xml`
writes it), whose references to people, places and its collection name records already in the
catalogue, or an authority file (`/manuscripts/authority.xml`: people, places, collections).
It is parsed by `catalogue.formats.tei.reader.parse` (no entity expansion, no DTD, no network); a
document that declares a DOCTYPE at all is refused here, so that nothing an entity would have
said is silently dropped.

Each record the file describes is a row: "create" (a new identifier: made as `tei.py` builds
it, published as the file says), "update" (naming the form fields that change), "unchanged",
or "error" with why. An update goes through `catalogue.editing.saving.save` with the form
`tei_forms.update_form` writes: only what the TEI carries changes, a changed text needs review,
and the rest of the record (publication state, pages, portraits, relations, citations) is kept.
So exporting a record's TEI and importing it back is "unchanged".

Every row carries the version of the record it was checked against ("new" for one to create).
The real import is given the versions the curator saw in the dry run (`expected`) and refuses
any record that someone saved (or created) since: nothing is written, and a new check shows
what the import would now do. The import is one transaction, in the audit history (undoable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.editing.saving import Record, Refused, find, record_form, save
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.reader import ImportReport, RowReport, changed_fields
from catalogue.formats.tei.forms import (
    KIND_OF,
    SECTION_OF,
    stand_ins,
    update_form,
)
from catalogue.formats.tei.reader import (
    ID,
    TEIImportError,
    _find,
    build_authority,
    build_manuscript,
    parse,
    q,
)
from catalogue.language.messages import Message
from catalogue.models import Entity, Kind, Manuscript, Place
from catalogue.models.entity import SLUG
from catalogue.transaction import transaction

AUTHORITY_TAGS = ("person", "place", "item")
NEW = "new"  # the version of a record the dry run would create
CONFLICT = Message("this record was saved by someone else after the dry run; check the file again")


class _Rollback(Exception):
    pass


@dataclass
class _Entry:
    """One record of the document: its row, its section, and the record it updates (if any)."""

    row: RowReport
    section: str
    record: Record | None


def check_document(data: bytes) -> None:
    """Refuse what is not a TEI document, or declares a DOCTYPE (entities); TEIImportError."""
    root = parse(data)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise TEIImportError("documents that declare a DOCTYPE or entities are refused")


def _entries(session: Session, root: etree._Element) -> tuple[list[_Entry], bool]:
    """One entry per record the document describes, with its problems; and whether authority."""
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
    kinds: dict[str, Kind] = {
        slug: kind for slug, kind in session.execute(select(Entity.slug, Entity.kind))
    }
    entries: list[_Entry] = []
    seen: set[str] = set()
    for node in nodes:
        slug = str(node.get(ID) or "")
        tag = "manuscript" if node is root else etree_tag(node)
        section = SECTION_OF[tag]
        row = RowReport(int(node.sourceline or 1), slug, "create", changed=[tag])
        entry = _Entry(row, section, None)
        if not SLUG.match(slug):
            row.errors["slug"] = Message(
                "xml:id must be 2–80 lowercase latin letters, digits, hyphens"
            )
        elif slug in seen:
            row.errors["slug"] = Message("this identifier is in the file twice")
        elif slug in kinds and kinds[slug] != KIND_OF[section]:
            row.errors["slug"] = Message(
                "%(slug)r is a %(kind)s in the catalogue, not a %(tag)s",
                slug=slug,
                kind=kinds[slug].value,
                tag=KIND_OF[section].value,
            )
        elif slug in kinds:
            entry.record = find(session, SECTIONS[section].model, slug)
            assert entry.record is not None
            row.action, row.changed, row.version = "update", [], str(entry.record.version)
        else:
            row.version = NEW
        seen.add(slug)
        if row.errors:
            row.action = "error"
        entries.append(entry)
    return entries, authority


def etree_tag(node: object) -> str:
    """An element's local name (person, place, item...)."""
    return str(getattr(node, "tag", "")).rpartition("}")[2]


def _build(
    session: Session, root: etree._Element, authority: bool, entries: list[_Entry]
) -> dict[str, Entity]:
    """The records as the document describes them, in no session yet."""
    if authority:
        return build_authority(root)
    if entries[0].record is None:  # to be created: its references are the catalogue's records
        known = {e.slug: e for e in session.scalars(select(Entity))}
    else:  # to be read as a form: references to stand-ins, so nothing joins the session
        known = stand_ins(session)
    made = build_manuscript(root, known)
    return {made.slug: made}


def _create(session: Session, built: dict[str, Entity], entries: list[_Entry]) -> None:
    """Add the new records; a new place within an existing one lies within the stored one."""
    new = [built[e.row.slug] for e in entries if e.record is None]
    described = [built[e.row.slug] for e in entries if e.record is not None]
    for record in described:
        if isinstance(record, Place):  # read as a form only: never added along a link
            record.parent = None
    for record in new:
        if isinstance(record, Place) and record.parent in described:
            stored = find(session, Place, record.parent.slug)
            record.parent = stored if isinstance(stored, Place) else None
    session.add_all(new)
    if isinstance(built.get(entries[0].row.slug), Manuscript) and entries[0].record is None:
        made = built[entries[0].row.slug]
        assert isinstance(made, Manuscript)
        entries[0].row.changed += [
            f"{len(made.contents)} contents items",
            f"{len(made.seals)} seals",
            f"{len(made.provenance)} provenance entries",
        ]
    session.flush()


def _update(session: Session, entry: _Entry, form: dict[str, str]) -> None:
    """Save one existing record from its form; its row says what changed, or why not."""
    row, record = entry.row, entry.record
    assert record is not None
    before = record_form(record, entry.section)
    try:
        with session.begin_nested():
            saved = save(session, entry.section, row.slug, {**form, "version": row.version})
    except Refused as refused:
        row.action, row.errors = "error", refused.errors or {"version": CONFLICT}
        return
    after = record_form(saved, entry.section)
    row.changed = changed_fields(before, after)
    if not row.changed:
        row.action = "unchanged"


def _write(session: Session, root: etree._Element, authority: bool, entries: list[_Entry]) -> None:
    """Create and update the records; a problem found while building them goes on row one."""
    try:
        with session.begin_nested():
            built = _build(session, root, authority, entries)
            forms = {
                e.row.slug: update_form(e.record, e.section, built[e.row.slug])
                for e in entries
                if e.record is not None
            }
            _create(session, built, entries)
    except (TEIImportError, ValueError, KeyError, TypeError, SQLAlchemyError) as error:
        message = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
        entries[0].row.action = "error"
        entries[0].row.errors["document"] = message
        return
    for entry in entries:
        if entry.record is not None:
            _update(session, entry, forms[entry.row.slug])


def run_tei_import(
    db: Database,
    data: bytes,
    *,
    dry_run: bool,
    actor: Actor | None = None,
    expected: Mapping[str, str] | None = None,
) -> ImportReport:
    """Check the document, and write its records in one transaction unless dry or wrong.

    `expected` (slug: version, as the dry run's rows said) makes the import refuse every
    record that is not as the curator saw it; None checks nothing (a dry run, the CLI).
    """
    check_document(data)
    root = parse(data)
    rows: list[RowReport] = []
    # A dry run is tried on a scratch copy: the write lock is not held while records are built.
    opened = db.scratch() if dry_run else transaction(db, actor)
    try:
        with opened as session:
            entries, authority = _entries(session, root)
            rows = [e.row for e in entries]
            for row in rows:
                if (
                    expected is not None
                    and not row.errors
                    and expected.get(row.slug) != row.version
                ):
                    row.action, row.errors = "error", {"version": CONFLICT}
            if rows and not any(r.errors for r in rows):
                _write(session, root, authority, entries)
            if dry_run or not rows or any(r.errors for r in rows):
                raise _Rollback
    except _Rollback:
        return ImportReport(rows, written=False)
    return ImportReport(rows, written=True)
