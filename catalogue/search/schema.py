"""The Whoosh schema: one text field per analysis (language), names, facets and dates."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from catalogue.search.analysis import (
    english_analyzer,
    kazakh_analyzer,
    name_analyzer,
    persian_analyzer,
    russian_analyzer,
    skeleton_analyzer,
)

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 1
TEXT_FIELDS = ("text_kk", "text_ru", "text_en", "text_fa")
FACETS = ("kind", "language", "script", "century", "person", "place", "subject")


def build_schema() -> Schema:
    """A fresh schema object (analyzers hold state; each index gets its own)."""
    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True),
        record_id=ID(stored=True),
        version=STORED(),
        digest=ID(stored=True),
        titles=STORED(),  # {lang: title}
        page=STORED(),
        text_kk=TEXT(analyzer=kazakh_analyzer(), stored=True),
        text_ru=TEXT(analyzer=russian_analyzer(), stored=True),
        text_en=TEXT(analyzer=english_analyzer(), stored=True),
        text_fa=TEXT(analyzer=persian_analyzer(index_time=True), stored=True),
        names=TEXT(analyzer=name_analyzer(), stored=True, field_boost=3.0),
        skeleton=TEXT(analyzer=skeleton_analyzer(), field_boost=0.3),
        language=KEYWORD(commas=True, stored=True),
        script=KEYWORD(commas=True, stored=True),
        century=KEYWORD(commas=True, stored=True),  # "ce18", "ah12"
        person=KEYWORD(commas=True, stored=True),
        place=KEYWORD(commas=True, stored=True),
        subject=KEYWORD(commas=True, stored=True),
        date_from=NUMERIC(int, bits=32, signed=True, stored=True),  # proleptic Gregorian ordinal
        date_to=NUMERIC(int, bits=32, signed=True, stored=True),
        sort_date=NUMERIC(int, bits=32, signed=True, sortable=True),
        sort_title=ID(sortable=True),
    )
