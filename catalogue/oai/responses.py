"""OAI-PMH responses: the XML envelope and the six verbs, errors included."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from sqlalchemy.orm import Session

from catalogue.formats.dublin_core import OAI_DC, OAI_DC_SCHEMA, XSI, RecordUrl, oai_dc_element
from catalogue.formats.tei.writer import TEI_NS, TEI_SCHEMA, manuscript_tei
from catalogue.language.characters import xml_text
from catalogue.models import Entity, Manuscript
from catalogue.oai import repository as repo
from catalogue.oai.protocol import (
    SECOND,
    OAIError,
    OAIRequest,
    format_datestamp,
    make_token,
    parse_request,
)

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC), "tei": (TEI_SCHEMA, TEI_NS)}


@dataclass(frozen=True)
class Repository:
    """What a response needs to know about this repository."""

    name: str
    base_url: str
    admin_emails: tuple[str, ...]
    secret: str
    page_size: int
    record_url: RecordUrl


def _el(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, f"{{{OAI}}}{name}")
    if text is not None:
        child.text = xml_text(text)
    return child


def _envelope(
    repository: Repository, now: datetime.datetime, arguments: dict[str, str] | None
) -> etree._Element:
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    _el(root, "responseDate", format_datestamp(now))
    request = _el(root, "request", repository.base_url)
    for name, value in (arguments or {}).items():
        request.set(name, xml_text(value))
    return root


def respond(
    session: Session,
    repository: Repository,
    params: dict[str, list[str]],
    now: datetime.datetime | None = None,
) -> bytes:
    """The XML answer to one OAI-PMH request (protocol errors are answers too, with status 200)."""
    now = (now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    try:
        request = parse_request(params, repository.secret, now)
    except OAIError as error:
        # badVerb and badArgument: the request element carries no attributes.
        echoed = None if error.code in {"badVerb", "badArgument"} else _echo(params)
        return _error_document(repository, now, echoed, error)
    root = _envelope(repository, now, dict(request.arguments))
    try:
        HANDLERS[request.verb](session, repository, request, root, now)
    except OAIError as error:
        return _error_document(repository, now, dict(request.arguments), error)
    return _serialize(root)


def _echo(params: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[0] for k, v in params.items() if len(v) == 1}


def _error_document(
    repository: Repository,
    now: datetime.datetime,
    arguments: dict[str, str] | None,
    error: OAIError,
) -> bytes:
    root = _envelope(repository, now, arguments)
    _el(root, "error", error.message).set("code", error.code)
    return _serialize(root)


def _serialize(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _identify(
    session: Session, repository: Repository, _r: OAIRequest, root: etree._Element, _n: object
) -> None:
    node = _el(root, "Identify")
    _el(node, "repositoryName", repository.name)
    _el(node, "baseURL", repository.base_url)
    _el(node, "protocolVersion", "2.0")
    for email in repository.admin_emails:
        _el(node, "adminEmail", email)
    _el(node, "earliestDatestamp", format_datestamp(repo.earliest_datestamp(session)))
    _el(node, "deletedRecord", "persistent")
    _el(node, "granularity", SECOND)


def _check_prefix(prefix: str | None) -> str:
    if prefix not in FORMATS:
        raise OAIError(
            "cannotDisseminateFormat",
            f"the metadata format {str(prefix)[:40]!r} is not offered; see ListMetadataFormats",
        )
    return prefix


def _header_for_identifier(session: Session, identifier: str) -> repo.Header:
    slug = repo.slug_of(identifier)
    header = repo.find_header(session, slug) if slug else None
    if header is None:
        raise OAIError("idDoesNotExist", f"no item has the identifier {identifier[:80]!r}")
    return header


def _list_formats(
    session: Session, _p: Repository, request: OAIRequest, root: etree._Element, _n: object
) -> None:
    prefixes = list(FORMATS)
    if request.identifier is not None:
        header = _header_for_identifier(session, request.identifier)
        prefixes = [p for p in FORMATS if header.kind in repo.FORMAT_KINDS[p]]
        if not prefixes:
            raise OAIError("noMetadataFormats", "no metadata format is offered for this item")
    node = _el(root, "ListMetadataFormats")
    for prefix in prefixes:
        schema, namespace = FORMATS[prefix]
        fmt = _el(node, "metadataFormat")
        _el(fmt, "metadataPrefix", prefix)
        _el(fmt, "schema", schema)
        _el(fmt, "metadataNamespace", namespace)


def _list_sets(
    session: Session, _p: Repository, request: OAIRequest, root: etree._Element, _n: object
) -> None:
    if request.after is not None:  # the whole list is always given in one response
        raise OAIError("badResumptionToken", "ListSets is never split; this token is not ours")
    node = _el(root, "ListSets")
    for spec, name in repo.list_sets(session):
        entry = _el(node, "set")
        _el(entry, "setSpec", spec)
        _el(entry, "setName", name)


def _header(parent: etree._Element, header: repo.Header) -> None:
    node = _el(parent, "header")
    if header.deleted:
        node.set("status", "deleted")
    _el(node, "identifier", header.identifier)
    _el(node, "datestamp", header.datestamp)
    for spec in header.sets:
        _el(node, "setSpec", spec)


def _metadata(record: Entity, prefix: str, url: RecordUrl) -> etree._Element:
    if prefix == "tei":
        assert isinstance(record, Manuscript)
        return manuscript_tei(record, url)
    return oai_dc_element(record, url)


def _record(
    parent: etree._Element,
    header: repo.Header,
    records: dict[int, Entity],
    prefix: str,
    url: RecordUrl,
) -> None:
    node = _el(parent, "record")
    _header(node, header)
    if not header.deleted and header.entity_id in records:
        _el(node, "metadata").append(_metadata(records[header.entity_id], prefix, url))


def _get_record(
    session: Session, repository: Repository, request: OAIRequest, root: etree._Element, _n: object
) -> None:
    prefix = _check_prefix(request.prefix)
    header = _header_for_identifier(session, str(request.identifier))
    if header.kind not in repo.FORMAT_KINDS[prefix]:
        raise OAIError(
            "cannotDisseminateFormat", f"{prefix} is not offered for a {header.kind} record"
        )
    records = repo.load_records(session, [header])
    _record(_el(root, "GetRecord"), header, records, prefix, repository.record_url)


def _list(
    session: Session,
    repository: Repository,
    request: OAIRequest,
    root: etree._Element,
    now: datetime.datetime,
) -> None:
    prefix = _check_prefix(request.prefix)
    snapshot = request.snapshot or now
    headers = repo.all_headers(
        session,
        prefix=prefix,
        set_spec=request.set_spec,
        start=request.start,
        end=request.end,
        snapshot=snapshot,
    )
    if request.set_spec is not None and request.after is None:
        known = {spec for spec, _ in repo.list_sets(session)}
        if request.set_spec not in known:
            raise OAIError("noRecordsMatch", f"there is no set {request.set_spec[:80]!r}")
    remaining = [h for h in headers if request.after is None or h.key > request.after]
    if not remaining:
        if request.after is not None:
            raise OAIError("badResumptionToken", "the list this token continues has changed")
        raise OAIError("noRecordsMatch", "no record matches these arguments")
    page = remaining[: repository.page_size]
    verb = request.verb
    node = _el(root, verb)
    if verb == "ListIdentifiers":
        for header in page:
            _header(node, header)
    else:
        records = repo.load_records(session, page)
        for header in page:
            _record(node, header, records, prefix, repository.record_url)
    cursor = request.cursor
    done = cursor + len(page)
    if request.after is None and len(remaining) <= len(page):
        return  # a complete list in one response: no token at all
    token = _el(node, "resumptionToken")
    token.set("cursor", str(cursor))
    token.set("completeListSize", str(cursor + len(remaining)))
    if len(remaining) > len(page):
        token.text, expires = make_token(
            request, page[-1].key, done, snapshot, repository.secret, now
        )
        token.set("expirationDate", format_datestamp(expires))


HANDLERS: dict[str, Callable[..., None]] = {
    "Identify": _identify,
    "ListMetadataFormats": _list_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": _list,
    "ListRecords": _list,
}
