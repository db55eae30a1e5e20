"""Citations of a record (or of one folio of a manuscript): BibTeX, RIS and CSL-JSON.

Nothing is invented: the catalogue names no compiler, so no author is given; the date is when
the record was last changed, and the access date is the day the citation was made.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from catalogue.models import Entity, Kind, Manuscript

PUBLISHER = "Qoljazba"
CONTAINER = "Qoljazba: catalogue of the 27 Persian manuscripts presented by Iran to Kazakhstan"
FOLIO = re.compile(r"^[0-9A-Za-z]{1,12}[rv]?$")
CSL_TYPES = {Kind.MANUSCRIPT: "manuscript", Kind.SOURCE: "document", Kind.COLLECTION: "collection"}
RIS_TYPES = {Kind.MANUSCRIPT: "MANSCPT", Kind.COLLECTION: "DBASE"}


@dataclass(frozen=True)
class Citable:
    """What a citation says about a record: every format is written from this."""

    key: str
    kind: Kind
    title: str
    lang: str
    url: str
    updated: datetime.date
    accessed: datetime.date
    folio: str | None = None
    archive: str | None = None
    archive_location: str | None = None


def citable(
    record: Entity,
    *,
    title: str,
    lang: str,
    url: str,
    accessed: datetime.date,
    folio: str | None = None,
) -> Citable:
    """The facts to cite a record by (a folio only for a manuscript; ValueError otherwise)."""
    if folio is not None and (not isinstance(record, Manuscript) or not FOLIO.match(folio)):
        raise ValueError("a folio is cited as 12r, 12v or 12, and only in a manuscript")
    # Once pages are recorded, only a folio that exists can be cited.
    pages = record.pages if isinstance(record, Manuscript) else []
    if folio is not None and pages and folio not in {page.label for page in pages}:
        raise ValueError(f"this manuscript has no folio {folio}")
    archive = location = None
    if isinstance(record, Manuscript) and record.shelfmarks:
        mark = record.shelfmarks[0]
        archive, location = mark.institution, mark.idno
    key = record.slug.replace("-", "_") + (f"_f{folio}" if folio else "")
    return Citable(
        key=f"qoljazba_{key}",
        kind=record.kind,
        title=title or record.slug,
        lang=lang,
        url=url + (f"#f{folio}" if folio else ""),
        updated=record.updated_at.date(),
        accessed=accessed,
        folio=folio,
        archive=archive,
        archive_location=location,
    )


def _date_parts(day: datetime.date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(item: Citable) -> dict[str, Any]:
    """One CSL-JSON item (valid against the CSL-JSON 1.0 input schema)."""
    data: dict[str, Any] = {
        "id": item.key,
        "type": CSL_TYPES.get(item.kind, "entry-encyclopedia"),
        "title": item.title,
        "container-title": CONTAINER,
        "publisher": PUBLISHER,
        "URL": item.url,
        "language": item.lang,
        "issued": _date_parts(item.updated),
        "accessed": _date_parts(item.accessed),
    }
    if item.folio:
        data["locator"] = f"f. {item.folio}"
    if item.archive:
        data["archive"] = item.archive
        data["archive_location"] = item.archive_location
    return data


def csl_json_document(item: Citable) -> str:
    """A CSL-JSON file: an array holding the item."""
    return json.dumps([csl_json(item)], ensure_ascii=False, indent=2)


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)


def _bib(value: str) -> str:
    return " ".join(value.split()).translate(_BIBTEX_SPECIAL)


def bibtex(item: Citable) -> str:
    """A BibTeX @misc entry (UTF-8; TeX specials escaped; the URL as given)."""
    fields = [
        ("title", "{" + _bib(item.title) + "}"),
        ("howpublished", _bib(CONTAINER)),
        ("publisher", PUBLISHER),
        ("year", str(item.updated.year)),
        ("url", item.url),
        ("urldate", item.accessed.isoformat()),
        ("language", item.lang),
    ]
    if item.folio:
        fields.append(("pages", f"f. {_bib(item.folio)}"))
    if item.archive:
        fields.append(("note", _bib(f"{item.archive}, {item.archive_location}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{item.key},\n{body}\n}}\n"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris(item: Citable) -> str:
    """An RIS record (CRLF line ends, as the format asks)."""
    lines = [
        _ris_line("TY", RIS_TYPES.get(item.kind, "ENCYC")),
        _ris_line("ID", item.key),
        _ris_line("TI", item.title),
        _ris_line("T2", CONTAINER),
        _ris_line("PB", PUBLISHER),
        _ris_line("PY", str(item.updated.year)),
        _ris_line("DA", item.updated.strftime("%Y/%m/%d")),
        _ris_line("Y2", item.accessed.strftime("%Y/%m/%d")),
        _ris_line("UR", item.url),
        _ris_line("LA", item.lang),
    ]
    if item.folio:
        lines.append(_ris_line("SP", f"f. {item.folio}"))
    if item.archive:
        lines.append(_ris_line("AN", str(item.archive_location)))
        lines.append(_ris_line("AV", item.archive))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
