"""Controlled vocabularies (predicates, scripts, subjects...) with labels in the four languages.

`vocabulary()` is the shipped file as it is; the labels people read are those in effect,
`catalogue.reading.vocabulary_labels.labels_in_effect(session)`: the file's with curators'
corrections over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from catalogue.language.localized import LocalizedText

VOCABULARY_FILE = Path(__file__).parent.parent / "data" / "vocabulary.yaml"
LABEL, INVERSE = "label", "inverse"
WHICH = (LABEL, INVERSE)  # a predicate's two labels: read forwards, and read backwards


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
        found = self.labels_of(name, key)  # a predicate's: as read forwards
        best = found.best(lang) if found else None
        return best[1].text if best else key

    def keys(self, name: str) -> list[str]:
        """The keys of one vocabulary, in file order."""
        return list(self.terms.get(name, {}))

    def names(self) -> list[str]:
        """Every vocabulary's name (predicates first), in file order."""
        return ["predicates", *self.terms]

    def labels_of(self, name: str, key: str, which: str = LABEL) -> LocalizedText | None:
        """A term's labels (for a predicate, `which` is "label" or "inverse"); None if unknown."""
        if name == "predicates":
            predicate = self.predicates.get(key)
            if predicate is None or which not in WHICH:
                return None
            return predicate.inverse if which == INVERSE else predicate.label
        return self.terms.get(name, {}).get(key) if which == LABEL else None

    def with_overrides(self, overrides: Mapping[tuple[str, str, str], LocalizedText]) -> Vocabulary:
        """A copy with these labels, keyed (vocabulary, key, which), over its own.

        Overrides of terms the vocabulary does not define are left out: keys come from the file.
        """
        predicates = dict(self.predicates)
        terms = {name: dict(entries) for name, entries in self.terms.items()}
        for (name, key, which), labels in overrides.items():
            if self.labels_of(name, key, which) is None:
                continue
            if name == "predicates":
                if which == INVERSE:
                    predicates[key] = replace(predicates[key], inverse=labels)
                else:
                    predicates[key] = replace(predicates[key], label=labels)
            else:
                terms[name][key] = labels
        return Vocabulary(predicates=predicates, terms=terms)


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
    """The vocabulary shipped with the catalogue, with the file's labels (read once per process)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    predicates = {key: _predicate(key, value) for key, value in raw.pop("predicates").items()}
    terms = {
        name: {key: LocalizedText.from_json(labels) for key, labels in entries.items()}
        for name, entries in raw.items()
    }
    return Vocabulary(predicates=predicates, terms=terms)
