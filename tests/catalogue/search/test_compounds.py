"""Persian compounds at query time, with the index's term table as a plain set: a typed word is
also its cuts into two or three words that stand side by side in the index, and only those.
(Searching real indexes for every form of a compound: tests/catalogue/search/test_analysis.py.)"""

from __future__ import annotations

from itertools import pairwise

from whoosh.query import And, Or, Phrase, Query, Term

from catalogue.search.analysis import pair_term
from catalogue.search.compounds import COMPOUND_FIELD, MAX_CUT_LETTERS, split_compounds


def _reader(*phrases: str, field: str = COMPOUND_FIELD) -> set[tuple[str, str]]:
    """What `(field, term) in reader` answers: the word pairs of these phrases."""
    held = set()
    for phrase in phrases:
        words = phrase.split()
        held |= {(field, pair_term(a, b)) for a, b in pairwise(words)}
    return held


def _cuts(query: Query) -> list[tuple[str, ...]]:
    assert isinstance(query, Or)
    return sorted(tuple(q.words) for q in query.subqueries if isinstance(q, Phrase))


def test_a_word_is_also_each_cut_the_index_holds() -> None:
    widened = split_compounds(Term(COMPOUND_FIELD, "حملونقل"), _reader("حمل و نقل", "حمل ونقل"))
    assert isinstance(widened, Or)
    assert widened.subqueries[0] == Term(COMPOUND_FIELD, "حملونقل")  # the word itself first
    assert _cuts(widened) == [("حمل", "و", "نقل"), ("حمل", "ونقل")]


def test_a_cut_is_kept_only_when_all_its_pairs_are_held() -> None:
    reader = _reader("حمل و", "دیگر نقل")  # حمل·و but not و·نقل
    word = Term(COMPOUND_FIELD, "حملونقل")
    assert split_compounds(word, reader) == word


def test_the_boost_is_kept_and_words_inside_other_queries_are_widened() -> None:
    reader = _reader("حمل و نقل")
    query = And([Term(COMPOUND_FIELD, "حملونقل", boost=2.0), Term(COMPOUND_FIELD, "کتاب")])
    widened = split_compounds(query, reader)
    assert isinstance(widened, And)
    first, second = widened.subqueries
    assert second == Term(COMPOUND_FIELD, "کتاب")
    assert _cuts(first) == [("حمل", "و", "نقل")]
    assert all(q.boost == 2.0 for q in first.subqueries if isinstance(q, Phrase))


def test_other_fields_non_persian_and_overlong_words_are_left_alone() -> None:
    reader = _reader("حمل و نقل") | _reader("حمل و نقل", field="names")
    for query in (
        Term("names", "حملونقل"),
        Term(COMPOUND_FIELD, "tauke"),
        Term(COMPOUND_FIELD, "ح"),
    ):
        assert split_compounds(query, reader) == query
    long_word = "ب" * (MAX_CUT_LETTERS + 1)
    halves = _reader(f"{'ب' * 12} {'ب' * (MAX_CUT_LETTERS - 11)}")
    assert split_compounds(Term(COMPOUND_FIELD, long_word), halves) == Term(
        COMPOUND_FIELD, long_word
    )
    longest = "ب" * MAX_CUT_LETTERS
    cut = split_compounds(Term(COMPOUND_FIELD, longest), _reader(f"{'ب' * 12} {'ب' * 12}"))
    assert ("ب" * 12, "ب" * 12) in _cuts(cut)


def test_another_field_can_be_named() -> None:
    reader = _reader("حمل و نقل", field="fa")
    assert _cuts(split_compounds(Term("fa", "حملونقل"), reader, fieldname="fa")) == [
        ("حمل", "و", "نقل")
    ]
    assert split_compounds(Term("fa", "حملونقل"), reader) == Term("fa", "حملونقل")
