"""The typed SQLAlchemy models, one module per concept."""

from catalogue.models.audit import AuditEntry
from catalogue.models.base import Base
from catalogue.models.collection import Collection
from catalogue.models.entity import Citation, Entity, Kind, NameVariant, PublicationState
from catalogue.models.event import Event
from catalogue.models.exhibit import Exhibit, ExhibitStep
from catalogue.models.manuscript import (
    CataloguingStatus,
    ContentsItem,
    Manuscript,
    ProvenanceEntry,
    Seal,
    Shelfmark,
)
from catalogue.models.page import Page, PageText, Side, TextKind
from catalogue.models.person import Person
from catalogue.models.place import Place
from catalogue.models.relation import Certainty, Relation
from catalogue.models.source import Source
from catalogue.models.tombstone import Tombstone
from catalogue.models.user import LoginFailure, Role, User
from catalogue.models.vocabulary_label import VocabularyLabel

__all__ = [
    "AuditEntry",
    "Base",
    "CataloguingStatus",
    "Certainty",
    "Citation",
    "Collection",
    "ContentsItem",
    "Entity",
    "Event",
    "Exhibit",
    "ExhibitStep",
    "Kind",
    "LoginFailure",
    "Manuscript",
    "NameVariant",
    "Page",
    "PageText",
    "Person",
    "Place",
    "ProvenanceEntry",
    "PublicationState",
    "Relation",
    "Role",
    "Seal",
    "Shelfmark",
    "Side",
    "Source",
    "TextKind",
    "Tombstone",
    "User",
    "VocabularyLabel",
]
