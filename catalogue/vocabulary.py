"""Controlled vocabularies (predicates, scripts, subjects...) with labels in the four languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from catalogue.localized import LocalizedText

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


@dataclass(frozen=True)
class Predicate:
    """A relation type: which kinds it links, its label and the label read backwards."""

    key: str
    subject_kinds: frozenset[str]
    object_kinds: frozenset[str]
    label: LocalizedText
    inverse: LocalizedText
    symmetric: bool

    def allows(self, subject_kind: str, object_kind: str) -> bool:
        """Whether a relation of this type may link these two kinds of record."""

        def ok(kinds: frozenset[str], kind: str) -> bool:
            return "any" in kinds or kind in kinds

        return ok(self.subject_kinds, subject_kind) and ok(self.object_kinds, object_kind)


@dataclass(frozen=True)
class Vocabulary:
    """All vocabularies: `terms[name][key]` is a term's label in each language."""

    predicates: dict[str, Predicate]
    terms: dict[str, dict[str, LocalizedText]]

    def label(self, name: str, key: str, lang: str) -> str:
        """A term's label in lang (or the nearest language), or the key itself if unknown."""
        found = self.terms.get(name, {}).get(key)
        best = found.best(lang) if found else None
        return best[1].text if best else key

    def keys(self, name: str) -> list[str]:
        """The keys of one vocabulary, in file order."""
        return list(self.terms.get(name, {}))


def _predicate(key: str, raw: dict[str, Any]) -> Predicate:
    return Predicate(
        key=key,
        subject_kinds=frozenset(raw.get("subject", ["any"])),
        object_kinds=frozenset(raw.get("object", ["any"])),
        label=LocalizedText.from_json(raw["label"]),
        inverse=LocalizedText.from_json(raw.get("inverse", raw["label"])),
        symmetric=bool(raw.get("symmetric", False)),
    )


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The vocabulary shipped with the catalogue (read once per process)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    predicates = {key: _predicate(key, value) for key, value in raw.pop("predicates").items()}
    terms = {
        name: {key: LocalizedText.from_json(labels) for key, labels in entries.items()}
        for name, entries in raw.items()
    }
    return Vocabulary(predicates=predicates, terms=terms)
