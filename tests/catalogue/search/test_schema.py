"""The search schema: one text field per language, facets, and date columns for the undated."""

from __future__ import annotations

from whoosh.fields import KEYWORD, NUMERIC, TEXT
from whoosh.filedb.filestore import RamStorage
from whoosh.query import And, Every, NumericRange

from catalogue.search.schema import (
    FACETS,
    FAR_FUTURE,
    FAR_PAST,
    TEXT_FIELDS,
    build_schema,
    shared_schema,
)


def test_every_language_has_its_own_stored_text_field() -> None:
    schema = build_schema()
    for name in TEXT_FIELDS:
        assert isinstance(schema[name], TEXT)
        assert schema[name].stored
    assert len({id(schema[name].analyzer) for name in TEXT_FIELDS}) == len(TEXT_FIELDS)


def test_every_facet_is_a_stored_comma_separated_keyword_field() -> None:
    schema = build_schema()
    for name in FACETS:
        if name == "kind":
            continue  # one value per document: an ID
        field = schema[name]
        assert isinstance(field, KEYWORD) and field.stored
        assert [t.text for t in field.analyzer("ce18,ah12")] == ["ce18", "ah12"]
    assert schema["kind"].stored


def test_the_key_is_unique_and_names_outweigh_the_skeleton() -> None:
    schema = build_schema()
    assert schema["key"].unique
    assert schema["names"].format.field_boost > 1 > schema["skeleton"].format.field_boost


def test_each_index_gets_fresh_analyzers_and_queries_share_one_schema() -> None:
    first, second = build_schema(), build_schema()
    assert first["text_fa"].analyzer is not second["text_fa"].analyzer
    assert shared_schema() is shared_schema()


def test_undated_documents_sort_last_and_match_no_span_of_years() -> None:
    schema = build_schema()
    for name in ("date_from", "date_to"):
        field = schema[name]
        assert isinstance(field, NUMERIC) and field.column_type is not None and not field.signed
    assert FAR_PAST < 1 and FAR_FUTURE > 3_652_059  # before and after every real day's ordinal
    index = RamStorage().create_index(build_schema())
    with index.writer() as writer:
        writer.add_document(key="dated", date_from=700_000, date_to=700_100)
        writer.add_document(key="undated")
    with index.searcher() as searcher:
        starts = searcher.reader().column_reader("date_from")
        ends = searcher.reader().column_reader("date_to")
        assert (starts[1], ends[1]) == (FAR_FUTURE, FAR_PAST)
        assert [hit["key"] for hit in searcher.documents()] == ["dated", "undated"]
        ordered = searcher.search(Every(), sortedby="date_from")
        assert [hit["key"] for hit in ordered] == ["dated", "undated"]
        # A span of years: begins before its end and ends after its start.
        span = And(
            [NumericRange("date_from", None, 800_000), NumericRange("date_to", 600_000, None)]
        )
        assert [hit["key"] for hit in searcher.search(span)] == ["dated"]
