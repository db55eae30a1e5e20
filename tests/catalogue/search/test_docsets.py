"""Match sets from posting lists agree with Whoosh's own matching, phrases and dates included."""

from __future__ import annotations

import datetime

import pytest
from whoosh.query import Every, NumericRange, Phrase, Query, Term

from catalogue.search import SearchDocument, SearchIndex, docsets
from catalogue.search import query as query_module
from catalogue.search.docsets import lean_ranking_query, leaves, matching, ranking_query
from catalogue.search.query import SearchQuery, _filter, parse
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


def test_a_prefix_ranked_by_its_commonest_forms_still_lists_every_match(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docsets, "RANKED_FORMS", 1)
    monkeypatch.setattr(query_module, "SCORE_DIRECTLY", 0)  # the top-N path, as at scale
    index.create()
    made = []
    for key, text in {
        "a": "хан",
        "b": "хан ханы",
        "c": "ханның",
        "d": "хандар",
        "e": "бек",
    }.items():
        made.append(doc(key, ""))
        made[-1].texts = {"kk": text}
    index.update(made, [])
    results = run(index, "kk:хан")
    assert results.total == 4
    assert set(keys(results)) == {"event:a", "event:b", "event:c", "event:d"}


def test_the_lean_ranking_query_scores_each_word_in_its_scripts_fields() -> None:
    lean = lean_ranking_query(parse("Tauke توکه 1150", []))
    fields = {(node.fieldname, str(node.text)) for node in lean.leaves()}
    assert ("text_en", "tauk") in fields and ("names", "tauke") in fields
    assert ("text_fa", "توکه") in fields and ("names", "توکه") in fields
    assert {("text_fa", "tauke"), ("text_en", "توکه")}.isdisjoint(fields)
    assert {field for field, text in fields if text == "1150"} >= {"text_en", "text_fa"}
    assert not any(field == "skeleton" for field, _ in fields)


def test_many_matches_ranked_leanly_are_all_still_listed(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "SCORE_DIRECTLY", 0)
    index.create()
    exact, misspelt = doc("exact", "Tauke"), doc("misspelt", "")
    exact.names, misspelt.names = ["Tauke"], ["Tawke"]  # found by skeleton or fuzzy only
    index.update([exact, misspelt], [])
    assert keys(run(index, "Tauke")) == ["event:exact", "event:misspelt"]


def test_a_word_in_most_documents_is_left_out_of_lean_scoring(index: SearchIndex) -> None:
    index.create()
    docs = [doc(f"d{n}", "the seal" if n < 2 else "the book") for n in range(5)]
    index.update(docs, [])
    with index.searcher() as searcher:
        lean = lean_ranking_query(parse("the seal", []), searcher.reader())
    scored = {(node.fieldname, str(node.text)) for node in lean.leaves()}
    assert ("text_en", "seal") in scored and ("text_en", "the") not in scored
    assert set(keys(run(index, "the seal"))) == {"event:d0", "event:d1"}
