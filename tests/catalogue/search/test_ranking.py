"""Ranking many matches cheaply still lists every match, best first."""

from __future__ import annotations

import pytest

from catalogue.search import SearchIndex, ranking
from catalogue.search.query import parse
from catalogue.search.ranking import lean_ranking_query
from tests.catalogue.search.conftest import keys, run
from tests.catalogue.search.test_docsets import doc


def test_a_prefix_ranked_by_its_commonest_forms_still_lists_every_match(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ranking, "RANKED_FORMS", 1)
    monkeypatch.setattr(ranking, "SCORE_DIRECTLY", 0)  # the top-N path, as at scale
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
    monkeypatch.setattr(ranking, "SCORE_DIRECTLY", 0)
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
