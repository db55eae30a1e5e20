"""Name variants in a table: one column per language, several variants in a cell.

A person's, place's or collection's name variants are rows of the record (language, script,
preferred). In a CSV or XLSX file they are the columns `names.kk`, `names.ru`, `names.en`,
`names.fa` and `names.ar`; a cell holds that language's variants separated by ` | `, the
preferred one first (`Тәуке хан | Тәуке`). The script is the language's usual one (Cyrillic
for kk and ru, Latin for en, Arabic for fa and ar). On import, a row replaces the variants of
the languages whose columns the file has, and keeps the others; an empty cell removes that
language's variants. The export writes the same columns, so a file round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

NAME_SCRIPTS = {"kk": "Cyrl", "ru": "Cyrl", "en": "Latn", "fa": "Arab", "ar": "Arab"}
SEPARATOR = " | "
_ROW = re.compile(r"^names-(\d{1,4})\.(text|lang|script|preferred|status|note)$")


def name_columns() -> list[str]:
    """The columns that hold name variants, one per language."""
    return [f"names.{lang}" for lang in NAME_SCRIPTS]


def variants(values: Mapping[str, str]) -> list[dict[str, str]]:
    """A record's form values (`names-<i>.*`) as one dict per name variant, in row order."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        match = _ROW.match(key)
        if match:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [rows[i] for i in sorted(rows) if rows[i].get("text", "").strip()]


def known_variant(before: list[dict[str, str]], lang: str, text: str) -> dict[str, str] | None:
    """The variant among `before` in this language with this text, if the record has it."""
    return next(
        (v for v in before if v.get("lang") == lang and v.get("text", "").strip() == text), None
    )


def to_columns(values: Mapping[str, str]) -> dict[str, str]:
    """A record's form values (`names-<i>.*`) as the per-language name columns."""
    found: dict[str, list[str]] = {lang: [] for lang in NAME_SCRIPTS}
    for variant in sorted(variants(values), key=lambda v: not v.get("preferred")):
        if variant.get("lang") in found:
            found[variant["lang"]].append(variant["text"])
    return {f"names.{lang}": SEPARATOR.join(texts) for lang, texts in found.items()}


def from_columns(typed: Mapping[str, str]) -> dict[str, str]:
    """Form values with the name columns turned into `names-<i>.*` rows (others kept)."""
    langs = [lang for lang in NAME_SCRIPTS if f"names.{lang}" in typed]
    if not langs:
        return dict(typed)
    before = variants(typed)
    kept = [v for v in before if v.get("lang") not in langs]
    for lang in langs:
        texts = [t.strip() for t in typed[f"names.{lang}"].split("|") if t.strip()]
        for n, text in enumerate(texts):
            variant = {
                "text": text,
                "lang": lang,
                "script": NAME_SCRIPTS[lang],
                "preferred": "1" * (n == 0),
            }
            old = known_variant(before, lang, text)
            if old is not None:  # a variant the record has already keeps what it had
                variant.update({k: old[k] for k in ("status", "note", "script") if k in old})
            kept.append(variant)
    out = {k: v for k, v in typed.items() if not _ROW.match(k) and not k.startswith("names.")}
    for i, variant in enumerate(kept):
        for field, value in variant.items():
            out[f"names-{i}.{field}"] = value
    return out
