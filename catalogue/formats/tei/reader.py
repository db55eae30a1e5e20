"""TEI P5 import: manuscripts (msDesc) and the authority file, as written by formats/tei/writer.py.

Parsed safely: no DTD loading, no entity expansion, no network (lxml with
resolve_entities=False, no_network=True, load_dtd=False). `build_authority` and
`build_manuscript` make the records without adding them anywhere (the curator's upload,
`tei_upload.py`, reads existing records' new values from them); `import_authority` and
`import_manuscript` add them to the session given; the caller commits
(catalogue.transaction), so an import is all or nothing.
"""

from __future__ import annotations

import datetime

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.dates.calendars import HistoricalDate
from catalogue.formats.tei.writer import AUTHORITY_FILE, CERT, TEI_NS, XML
from catalogue.language.characters import clean_text
from catalogue.language.localized import LocalizedText, LocalizedValue
from catalogue.models import (
    CataloguingStatus,
    Collection,
    ContentsItem,
    Entity,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Seal,
    Shelfmark,
)

STATUS = {value: status for status, value in CERT.items()}
LANG = f"{{{XML}}}lang"
ID = f"{{{XML}}}id"


class TEIImportError(ValueError):
    """The document cannot be imported; the message says why."""


def parse(data: bytes) -> etree._Element:
    """A TEI document's root, parsed without entities, DTDs or network; TEIImportError if not."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise TEIImportError(f"not well-formed XML: {error}") from None
    if root.tag != q("TEI"):
        raise TEIImportError(f"the root element is {root.tag!r}, not TEI")
    _clean_characters(root)
    return root


def _clean_characters(root: etree._Element) -> None:
    """Every text and attribute as the forms store it (catalogue.language.characters): XML can carry
    \r, NEL, U+2028/U+2029 and C1 controls (as characters or references) that no field keeps."""
    for node in root.iter():
        if node.tail and node.tail != (tail := clean_text(node.tail, multiline=True)):
            node.tail = tail
        if not isinstance(node.tag, str):
            continue  # a comment's or processing instruction's own text is not read
        if node.text and node.text != (text := clean_text(node.text, multiline=True)):
            node.text = text
        for key, value in node.attrib.items():
            if value != (cleaned := clean_text(value, multiline=False)):
                node.set(key, cleaned)


def q(tag: str) -> str:
    """A tag in the TEI namespace."""
    return f"{{{TEI_NS}}}{tag}"


def _find(parent: etree._Element, path: str) -> etree._Element | None:
    return parent.find("/".join(q(part) for part in path.split("/")))


def _all(parent: etree._Element, tag: str, kind: str | None = None) -> list[etree._Element]:
    return [child for child in parent.findall(q(tag)) if child.get("type") == kind]


def _text(parent: etree._Element | None, tag: str) -> str | None:
    node = parent.find(q(tag)) if parent is not None else None
    return node.text if node is not None else None


def _localized(parent: etree._Element | None, tag: str, kind: str | None = None) -> LocalizedText:
    if parent is None:
        return LocalizedText()
    return LocalizedText(
        {
            str(node.get(LANG)): LocalizedValue(
                node.text or "", STATUS[node.get("cert", "unknown")]
            )
            for node in _all(parent, tag, kind)
        }
    )


def _paragraphs(parent: etree._Element | None, tag: str) -> LocalizedText:
    return _localized(parent.find(q(tag)) if parent is not None else None, "p")


def _date(parent: etree._Element | None, tag: str) -> HistoricalDate | None:
    node = parent.find(q(tag)) if parent is not None else None
    if node is None:
        return None

    def day(name: str) -> datetime.date | None:
        value = node.get(name)
        return datetime.date.fromisoformat(value) if value else None

    return HistoricalDate(
        node.text or "",
        # "#ms-01-hijri", "#ms-01-precision-circa": the document's id, then the value.
        str(node.get("calendar", "#gregorian")).rpartition("-")[2].lstrip("#"),  # type: ignore[arg-type]
        str(node.get("ana", "#precision-exact")).rpartition("precision-")[2],  # type: ignore[arg-type]
        day("notBefore"),
        day("notAfter"),
    )


def _ref(node: etree._Element | None, known: dict[str, Entity]) -> Entity | None:
    if node is None or not node.get("ref"):
        return None
    slug = str(node.get("ref")).rpartition("#")[2]
    if slug not in known:
        raise TEIImportError(f"{slug!r} is not a known person, place or collection")
    return known[slug]


def _names(node: etree._Element, tag: str) -> list[NameVariant]:
    names = []
    for position, name in enumerate(node.findall(q(tag))):
        lang, _, script = str(name.get(LANG)).rpartition("-")
        names.append(
            NameVariant(
                position=position,
                text=name.text or "",
                lang=lang,
                script=script,
                preferred=name.get("type") == "preferred",
                status=STATUS[name.get("cert", "unknown")],
            )
        )
    return names


def _idno(node: etree._Element, kind: str) -> str | None:
    found = [i.text for i in node.findall(q("idno")) if i.get("type") == kind]
    return found[0] if found else None


def build_authority(root: etree._Element) -> dict[str, Entity]:
    """The people, places and collections of an authority file (published), in no session."""
    back = _find(root, "text/back")
    if back is None:
        raise TEIImportError("an authority file has its lists in text/back")
    known: dict[str, Entity] = {}
    published = PublicationState.PUBLISHED
    for node in back.iter(q("person")):
        known[str(node.get(ID))] = Person(
            slug=node.get(ID),
            state=published,
            names=_names(node, "persName"),
            wikidata_id=_idno(node, "wikidata"),
            viaf_id=_idno(node, "VIAF"),
            birth=_date(node, "birth"),
            death=_date(node, "death"),
            active=_date(node, "floruit"),
            role=_localized(node, "occupation"),
            summary=_paragraphs(node, "note"),
        )
    parents: list[tuple[Place, str]] = []
    for node in back.iter(q("place")):
        place = Place(
            slug=node.get(ID),
            state=published,
            place_kind=node.get("type"),
            names=_names(node, "placeName"),
            wikidata_id=_idno(node, "wikidata"),
            viaf_id=_idno(node, "VIAF"),
            summary=_paragraphs(node, "note"),
        )
        location = node.find(q("location"))
        if location is not None:
            latitude, longitude = (_text(location, "geo") or "").split()
            place.latitude, place.longitude = float(latitude), float(longitude)
            place.coordinates_status = STATUS[location.get("cert", "unknown")]
        relation = node.find(q("relation"))
        if relation is not None:
            parents.append((place, str(relation.get("passive")).lstrip("#")))
        known[place.slug] = place
    for place, parent in parents:
        found = known.get(parent)
        if not isinstance(found, Place):
            raise TEIImportError(f"{place.slug!r} lies in {parent!r}, which is not a place here")
        place.parent = found
    for node in back.iter(q("item")):
        known[str(node.get(ID))] = Collection(
            slug=node.get(ID),
            state=published,
            title=_localized(node, "title"),
            summary=_localized(node, "note", "summary"),
            subjects=[term.text or "" for term in node.findall(q("term"))],
        )
    return known


def import_authority(session: Session, data: bytes) -> dict[str, Entity]:
    """Add the people, places and collections of an authority file; they are published."""
    known = build_authority(parse(data))
    existing = set(session.scalars(select(Entity.slug).where(Entity.slug.in_(list(known)))))
    if existing:
        raise TEIImportError(f"records already exist: {', '.join(sorted(existing))}")
    session.add_all(known.values())
    return known


def import_manuscript(session: Session, data: bytes, known: dict[str, Entity]) -> Manuscript:
    """Add one manuscript from its TEI document; people and places come from `known`."""
    ms = build_manuscript(parse(data), known)
    session.add(ms)
    return ms


def build_manuscript(root: etree._Element, known: dict[str, Entity]) -> Manuscript:
    """One manuscript from its TEI document, in no session; references name `known` records."""
    desc = _find(root, "teiHeader/fileDesc/sourceDesc/msDesc")
    if desc is None:
        raise TEIImportError("no msDesc in teiHeader/fileDesc/sourceDesc")
    status = _find(root, "teiHeader/revisionDesc")
    ms = Manuscript(
        slug=root.get(ID),
        state=PublicationState(status.get("status") if status is not None else "draft"),
        number=int(str(desc.get("n"))) if desc.get("n") else None,
        cataloguing_status=CataloguingStatus(desc.get("type", "in_progress")),
        title=_localized(desc.find(q("head")), "title"),
    )
    keywords = _find(root, "teiHeader/profileDesc/textClass/keywords")
    ms.subjects = [term.text or "" for term in keywords] if keywords is not None else []
    _identifiers(ms, desc, known)
    _contents(ms, desc, known)
    _physical(ms, desc, known)
    _history(ms, desc, known)
    return ms


def _identifiers(ms: Manuscript, desc: etree._Element, known: dict[str, Entity]) -> None:
    ident = desc.find(q("msIdentifier"))
    assert ident is not None
    collection = ident.find(q("collection"))
    if collection is not None:
        found = known.get(str(collection.get("key")))
        if not isinstance(found, Collection):
            raise TEIImportError(
                f"{collection.get('key')!r} is not a known person, place or collection"
            )
        ms.collection = found
    idno = ident.find(q("idno"))
    if idno is not None and idno.get("type") == "accession":
        ms.accession_number = idno.text
    ms.shelfmarks = [
        Shelfmark(
            position=position,
            kind=alt.get("type"),
            settlement=_text(alt, "settlement"),
            institution=_text(alt, "institution") or "",
            collection=_text(alt, "collection"),
            idno=_text(alt, "idno") or "",
        )
        for position, alt in enumerate(ident.findall(q("altIdentifier")))
    ]


def _contents(ms: Manuscript, desc: etree._Element, known: dict[str, Entity]) -> None:
    contents = desc.find(q("msContents"))
    ms.summary = _localized(contents, "summary")
    lang = contents.find(q("textLang")) if contents is not None else None
    if lang is not None:
        ms.text_languages = [str(lang.get("mainLang")), *str(lang.get("otherLangs", "")).split()]
    items = contents.findall(q("msItem")) if contents is not None else []
    for position, node in enumerate(items):
        author = node.find(q("author"))
        text_lang = node.find(q("textLang"))
        ms.contents.append(
            ContentsItem(
                position=position,
                locus=_text(node, "locus"),
                title=_localized(node, "title"),
                author=_ref(author, known),
                author_text=author.text if author is not None else None,
                text_language=text_lang.get("mainLang") if text_lang is not None else None,
                rubric=_text(node, "rubric"),
                incipit=_text(node, "incipit"),
                explicit=_text(node, "explicit"),
                colophon=_text(node, "colophon"),
                note=_localized(node, "note"),
            )
        )


def _float(node: etree._Element | None, tag: str) -> float | None:
    value = _text(node, tag)
    return float(value) if value else None


def _physical(ms: Manuscript, desc: etree._Element, known: dict[str, Entity]) -> None:
    phys = desc.find(q("physDesc"))
    support = _find(desc, "physDesc/objectDesc/supportDesc")
    ms.support = support.get("material") if support is not None else None
    ms.support_note = _paragraphs(support, "support")
    ms.condition = _paragraphs(support, "condition")
    extent = support.find(q("extent")) if support is not None else None
    measure = extent.find(q("measure")) if extent is not None else None
    ms.folio_count = int(str(measure.get("quantity"))) if measure is not None else None
    ms.extent_note = _localized(extent, "note")
    for dims in extent.findall(q("dimensions")) if extent is not None else []:
        prefix = "leaf" if dims.get("type") == "leaf" else "written"
        setattr(ms, f"{prefix}_height_mm", _float(dims, "height"))
        setattr(ms, f"{prefix}_width_mm", _float(dims, "width"))
    layout = _find(desc, "physDesc/objectDesc/layoutDesc/layout")
    if layout is not None:
        ms.columns = int(str(layout.get("columns"))) if layout.get("columns") else None
        ms.lines_per_page = layout.get("writtenLines")
        ms.layout_note = _localized(layout, "p")
    hand = _find(desc, "physDesc/handDesc/handNote")
    ms.scribe_name = _text(hand, "persName")
    ms.hands = _localized(hand, "p")
    script_desc = _find(desc, "physDesc/scriptDesc")
    ms.scripts = [str(n.get("n")) for n in script_desc] if script_desc is not None else []
    ms.decoration = _paragraphs(_find(desc, "physDesc/decoDesc"), "decoNote")
    ms.binding = _paragraphs(_find(desc, "physDesc/bindingDesc"), "binding")
    seals = phys.find(q("sealDesc")) if phys is not None else None
    for position, node in enumerate(seals.findall(q("seal")) if seals is not None else []):
        owner = node.find(q("persName"))
        ms.seals.append(
            Seal(
                position=position,
                shape=node.get("type"),
                locus=_text(node, "locus"),
                legend=_text(node, "legend"),
                legend_translation=_localized(node, "note", "translation"),
                owner=_ref(owner, known),
                owner_text=owner.text if owner is not None else None,
                date=_date(node, "date"),
                note=_localized(node, "note", "comment"),
            )
        )


def _history(ms: Manuscript, desc: etree._Element, known: dict[str, Entity]) -> None:
    origin = _find(desc, "history/origin")
    ms.origin_date = _date(origin, "origDate")
    ms.origin_place = _ref(origin.find(q("origPlace")), known) if origin is not None else None  # type: ignore[assignment]
    ms.origin_note = _localized(origin, "note")
    history = desc.find(q("history"))
    for position, node in enumerate(
        history.findall(q("provenance")) if history is not None else []
    ):
        agent = node.find(q("persName"))
        ms.provenance.append(
            ProvenanceEntry(
                position=position,
                date=_date(node, "date"),
                date_note=_localized(node, "note", "date"),
                place=_ref(node.find(q("placeName")), known),
                agent=_ref(agent, known),
                agent_text=agent.text if agent is not None else None,
                summary=_localized(node, "p"),
            )
        )


def import_files(session: Session, files: dict[str, bytes]) -> list[Manuscript]:
    """Import a set of files as written by formats.tei.files (the authority file first)."""
    if AUTHORITY_FILE not in files:
        raise TEIImportError(f"{AUTHORITY_FILE} is missing")
    known = import_authority(session, files[AUTHORITY_FILE])
    return [
        import_manuscript(session, data, known)
        for name, data in sorted(files.items())
        if name != AUTHORITY_FILE
    ]
