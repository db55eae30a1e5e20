"""What the public sees of a link to another record: the record if it is published, else a mark.

A published record may name a draft through a link field or a citation (its collection, place
of origin, a contents item's author, a seal's owner, a provenance entry's place, agent and
sources, an event's place, a place's parent, any record's cited sources). Every public reader
(record pages, the kiosk, the API, JSON-LD, exports, TEI, OAI, the search index) resolves such
a link here, so a draft's name and identifier leave the database only once it is published;
relations to drafts are left out by `records.links` by the same rule. Curators' screens read
the records themselves and see everything. Where a format can say "a record, not (yet) public"
(a page, the kiosk, JSON, JSON-LD) it does, with `public_ref`; where it cannot (a Dublin Core
value, a search facet, TEI, which the import reads back) the link is left out, with
`public_only`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from catalogue.language.localized import LocalizedText
from catalogue.language.messages import Message
from catalogue.models import Entity, Kind, PublicationState

NOT_PUBLIC = Message("not (yet) public")

E = TypeVar("E", bound=Entity)


def is_public(record: Entity) -> bool:
    """Whether the public may see (and be told the name and identifier of) this record."""
    return record.state is PublicationState.PUBLISHED


@dataclass(frozen=True)
class PublicRef:
    """A link as the public sees it: the record's kind, and its id and label when it is public."""

    kind: Kind
    slug: str | None  # None: the record is not (yet) public
    label: LocalizedText

    @property
    def public(self) -> bool:
        """Whether the linked record may be named (and linked to)."""
        return self.slug is not None


def public_ref(record: Entity | None) -> PublicRef | None:
    """The link as the public sees it; None when there is no link at all."""
    if record is None:
        return None
    if not is_public(record):
        return PublicRef(record.kind, None, LocalizedText({"en": NOT_PUBLIC}))
    return PublicRef(record.kind, record.slug, record.label())


def public_only(record: E | None) -> E | None:
    """The linked record when it is public, else None (for readers that leave such links out)."""
    return record if record is not None and is_public(record) else None


__all__ = ["NOT_PUBLIC", "PublicRef", "is_public", "public_only", "public_ref"]
