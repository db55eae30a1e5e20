"""The Whoosh schema: one text field per analysis (language), names, facets and dates."""

from __future__ import annotations

from functools import cache

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
SCHEMA_VERSION = 3
TEXT_FIELDS = ("text_kk", "text_ru", "text_en", "text_fa")
# Column values of undated documents: after every date, before every date (so no span of
# years matches them, and sorting by date puts them last).
FAR_FUTURE = 10**7
FAR_PAST = 0
FACETS = ("kind", "language", "script", "century", "person", "place", "subject")


def _date_field(undated: int) -> NUMERIC:
    # Unsigned: ordinals of real dates start at 1, and Whoosh would not shift a signed
    # column's default (the value of documents without one) as it shifts the values.
    return NUMERIC(int, bits=32, signed=False, stored=True, sortable=True, default=undated)


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
        # Proleptic Gregorian ordinals; the columns answer spans of years and sort by date.
        date_from=_date_field(FAR_FUTURE),
        date_to=_date_field(FAR_PAST),
        sort_title=ID(sortable=True),
    )


@cache
def shared_schema() -> Schema:
    """One schema for query parsing and highlighting, built once (building its analyzers for
    every query cost ~10 ms); never given to an index, which gets its own."""
    return build_schema()
