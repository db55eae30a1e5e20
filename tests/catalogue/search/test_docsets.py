"""Match sets from posting lists agree with Whoosh's own matching, phrases and dates included."""

from __future__ import annotations

import datetime

import pytest
from whoosh.query import Every, NumericRange, Phrase, Query, Term

from catalogue.search import SearchDocument, SearchIndex
from catalogue.search.docsets import leaves, matching
from catalogue.search.query import SearchQuery, _filter, parse
from catalogue.search.ranking import ranking_query
from tests.catalogue.search.conftest import keys, run


def whoosh_ids(index: SearchIndex, query: Query) -> set[int]:
    with index.searcher() as searcher:
        return set(query.matcher(searcher).all_ids())


def docset_ids(index: SearchIndex, query: Query) -> set[int]:
    with index.searcher() as searcher:
        return {
            offset + docnum for leaf, offset in leaves(searcher) for docnum in matching(query, leaf)
        }


@pytest.mark.parametrize(
    "text",
    [
        "khan",
        "Тәуке",
        "توکه خان",
        "بین‌المللی",
        "ханд*",
        "Tauk~",
        "Tauke OR Abulkhair",
        "khan NOT Tauke",
        "khan AND Persia",
        '"the Kazakh Khanate"',
        '"Kazakh Khanate"',
        '"هیئت ایرانی"',
        "name:Nader",
        'name:"Abulkhair Khan"',
        '"Тәуке хан"',
        "",
    ],
)
def test_the_same_documents_as_whoosh(shipped_index: SearchIndex, text: str) -> None:
    query = parse(text, [])
    assert docset_ids(shipped_index, query) == whoosh_ids(shipped_index, query)


def test_date_spans_read_from_columns_are_exact(shipped_index: SearchIndex) -> None:
    # Whoosh's own numeric ranges are no oracle here (wrong on unsigned fields): stored dates are.
    with shipped_index.searcher() as searcher:
        stored = dict(enumerate(searcher.all_stored_fields()))
    for year_from, year_to in ((1700, 1750), (1399, 1399), (1, 1000), (2020, 2030)):
        span = _filter(SearchQuery(year_from=year_from, year_to=year_to))
        assert span is not None
        start = datetime.date(year_from, 1, 1).toordinal()
        end = datetime.date(year_to, 12, 31).toordinal()
        expected = {
            docnum
            for docnum, fields in stored.items()
            if fields.get("date_from") and fields["date_from"] <= end and fields["date_to"] >= start
        }
        assert docset_ids(shipped_index, span) == expected


def doc(key: str, text: str, year: int | None = None) -> SearchDocument:
    made = SearchDocument(key=f"event:{key}", kind="event", record_id=key, version=1)
    made.texts["en"] = text
    if year is not None:
        made.date_from = datetime.date(year, 1, 1)
        made.date_to = datetime.date(year, 12, 31)
    return made


def test_a_phrase_is_its_words_in_order_not_its_pairs_apart(index: SearchIndex) -> None:
    index.create()
    index.update(
        [
            doc("apart", "a seal of silver, a ring of gold"),  # "seal of" and "of gold" apart
            doc("together", "a silver seal of gold"),
            doc("reversed", "gold of seal"),
        ],
        [],
    )
    assert keys(run(index, '"seal of gold"')) == ["event:together"]
    assert set(keys(run(index, '"seal of"'))) == {"event:apart", "event:together"}
    assert keys(run(index, '"gold of seal"')) == ["event:reversed"]
    phrase = Phrase("text_en", ["seal", "of", "gold"])
    assert docset_ids(index, phrase) == whoosh_ids(index, phrase)
    # Scoring uses the pairs instead of positions; what matches stays the phrase's.
    assert not isinstance(ranking_query(phrase), Phrase)


def test_deleted_documents_never_match(index: SearchIndex) -> None:
    index.create()
    index.update([doc("a", "seal of gold", 1720), doc("b", "seal of gold", 1721)], [])
    index.update([doc("c", "another seal", 1722)], ["event:a"])  # a deletion in a segment
    span = NumericRange("date_from", 1, datetime.date(1800, 1, 1).toordinal())
    for query in (Term("text_en", "seal"), Phrase("text_en", ["seal", "of"]), Every()):
        assert docset_ids(index, query) == whoosh_ids(index, query)
    assert len(docset_ids(index, span)) == 2  # a (1720) was deleted
    assert set(keys(run(index, "seal"))) == {"event:b", "event:c"}
    assert set(keys(run(index, year_from=1700, year_to=1800))) == {"event:b", "event:c"}
    assert run(index, "seal").facets["kind"] == [("event", 2)]


def test_undated_records_match_no_span_and_sort_last(index: SearchIndex) -> None:
    index.create()
    index.update(
        [doc("undated", "seal"), doc("late", "seal", 1750), doc("early", "seal", 1700)], []
    )
    assert set(keys(run(index, "seal", year_from=1, year_to=2100))) == {
        "event:late",
        "event:early",
    }
    assert keys(run(index, "seal", sort="date")) == ["event:early", "event:late", "event:undated"]


def test_a_segment_of_undated_records_only_matches_no_span(index: SearchIndex) -> None:
    # A curator's save of an undated record writes a segment without date columns.
    index.create()
    index.update([doc("dated", "seal", 1750)], [])
    index.update([doc("undated", "seal")], [])
    assert keys(run(index, "seal", year_from=1700, year_to=1800)) == ["event:dated"]
    assert keys(run(index, "seal", year_from=1700, year_to=1800, sort="date")) == ["event:dated"]
