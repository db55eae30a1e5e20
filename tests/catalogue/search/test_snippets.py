"""Snippets, made directly: the original text around the query's words, in the reader's language
first, names last; the words to mark as the index holds them."""

from __future__ import annotations

import re
from pathlib import Path

from whoosh.query import And, Or, Prefix, Term

from catalogue.search.documents import SearchDocument
from catalogue.search.index import SearchIndex
from catalogue.search.schema import shared_schema
from catalogue.search.snippets import highlighted, query_terms


def _terms(fieldname: str, text: str) -> frozenset[str]:
    """The words as the field indexes them."""
    analyzer = shared_schema()[fieldname].analyzer
    return frozenset(token.text for token in analyzer(text, mode="query"))


def _marked(snippet: str) -> list[str]:
    """The words a snippet marks."""
    return re.findall(r"<mark[^>]*>([^<]*)</mark>", snippet)


STORED = {
    "text_en": "The divan of a poet, copied in Herat for the poets of the court.",
    "text_ru": "Диван поэта, переписанный в Герате.",
    "text_fa": "دیوان شاعر، در هرات",
    "names": "Navoi\nنوایی",
}


def test_the_readers_language_is_preferred_and_the_words_marked() -> None:
    terms = {"text_en": _terms("text_en", "poets"), "text_ru": _terms("text_ru", "поэты")}
    snippet, lang = highlighted(STORED, terms, "en")
    assert lang == "en"
    assert _marked(snippet) == ["poet", "poets"]  # one stem, both forms
    snippet, lang = highlighted(STORED, terms, "ru")
    assert lang == "ru" and _marked(snippet) == ["поэта"]


def test_another_languages_text_when_the_readers_holds_no_match() -> None:
    terms = {"text_fa": _terms("text_fa", "هرات")}
    snippet, lang = highlighted(STORED, terms, "kk")
    assert lang == "fa" and _marked(snippet) == ["هرات"]


def test_names_when_no_text_holds_the_words_and_nothing_when_none_do() -> None:
    snippet, lang = highlighted(STORED, {"names": _terms("names", "navoi")}, "en")
    assert lang is None and _marked(snippet) == ["Navoi"]
    assert highlighted(STORED, {"text_en": _terms("text_en", "samarkand")}, "en") == ("", None)
    assert highlighted({}, {"text_en": _terms("text_en", "poet")}, "en") == ("", None)
    assert highlighted(STORED, {}, "en") == ("", None)


def test_markup_in_the_text_is_escaped() -> None:
    stored = {"text_en": "<script>alert(1)</script> a poet"}
    snippet, _ = highlighted(stored, {"text_en": _terms("text_en", "poet")}, "en")
    assert "<script" not in snippet and "&lt;/script&gt;" in snippet
    assert _marked(snippet) == ["poet"]


def test_a_long_text_is_cut_around_the_words() -> None:
    stored = {"text_en": " ".join(["filler"] * 400 + ["poet"] + ["filler"] * 400)}
    snippet, _ = highlighted(stored, {"text_en": _terms("text_en", "poet")}, "en")
    assert _marked(snippet) == ["poet"] and len(snippet) < 400


def test_query_terms_are_per_field_with_prefixes_expanded(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        index.rebuild(
            [
                SearchDocument(
                    "person:navoi",
                    "person",
                    "navoi",
                    1,
                    texts={"en": "A poet"},
                    names=["Navoi", "Navoiy"],
                )
            ]
        )
        query = Or([And([Term("text_en", "poet")]), Prefix("names", "navo"), Term("kind", "x")])
        with index.searcher() as searcher:
            found = query_terms(query, searcher)
    finally:
        index.close()
    assert found["text_en"] == frozenset({"poet"})
    assert found["names"] == _terms("names", "Navoi Navoiy")
