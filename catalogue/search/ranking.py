"""Ranking: the best page of matches by BM25F, at a cost that does not grow with every match.

The set of matches is computed exactly elsewhere (``docsets.matching``); here only their order
is decided. Few matches are each scored directly. Many matches go through Whoosh's top-N
search restricted to them, with a scoring query made cheaper than the query that found them
(phrases by their word pairs, a prefix by its commonest forms, each word only in its script's
fields, very common words not at all); matches it leaves unscored follow the scored ones.
"""

from __future__ import annotations

from typing import Any

from whoosh.query import FuzzyTerm, NullQuery, Or, Phrase, Prefix, Query, Term
from whoosh.searching import Searcher

from catalogue.language.text import script_of
from catalogue.search.docsets import PAIRED_FIELDS, pairs_query

__all__ = ["best_matches", "lean_ranking_query", "ranking_query"]


RANKED_FORMS = 3  # of a prefix's many word forms, the commonest are scored


def _commonest_forms(prefix: Prefix, reader: Any) -> Query:
    # Scoring a Kazakh prefix walks a union of every word form it expands to (хан: dozens);
    # the commonest few carry the ranking, and matches with rarer forms are filled in after.
    forms = list(prefix._btexts(reader))
    if len(forms) <= RANKED_FORMS:
        return prefix
    frequency = reader.doc_frequency
    forms.sort(key=lambda form: -frequency(prefix.fieldname, form))
    return Or([Term(prefix.fieldname, form, boost=prefix.boost) for form in forms[:RANKED_FORMS]])


# For ranking many matches: the text fields a word in each script is scored in (names always).
SCORED_FIELDS = {
    "Arab": frozenset({"text_fa", "names"}),
    "Cyrl": frozenset({"text_kk", "text_ru", "names"}),
    "Latn": frozenset({"text_en", "names"}),
}


COMMON_SHARE = 0.5  # a word in more than this share of documents barely weighs in BM25


def lean_ranking_query(query: Query, reader: Any = None) -> Query:
    """``query`` for scoring a large set of matches: each word only in the fields of its script,
    and no consonant-skeleton or fuzzy terms.

    Scoring many matches walks every field's postings of every word; a Persian word's few
    postings in the English field, or a skeleton's thousands, change little in the order of
    the best twenty. The matches this leaves unscored are found all the same (the match set
    is computed apart), and come after the scored ones, as close misspellings should. Words
    without letters (numbers) keep every field. With a ``reader``, a word in more than half
    the documents (Persian و, English "the") is not scored at all: its BM25 weight is near
    nought, and walking its postings was most of the cost. NullQuery when nothing is left.
    """
    common = (reader.doc_count_all() * COMMON_SHARE) if reader is not None else None

    def lean(node: Query) -> Query:
        if isinstance(node, FuzzyTerm) or getattr(node, "fieldname", None) == "skeleton":
            return NullQuery
        if isinstance(node, Term | Prefix | Phrase):
            text = " ".join(map(str, node.words)) if isinstance(node, Phrase) else str(node.text)
            allowed = SCORED_FIELDS.get(script_of(text))
            if allowed is not None and node.fieldname not in allowed:
                return NullQuery
        if (
            common is not None
            and isinstance(node, Term)
            and reader.doc_frequency(node.fieldname, node.text) > common
        ):
            return NullQuery
        return node

    return query.accept(lean).normalize()


def ranking_query(query: Query, reader: Any = None) -> Query:
    """``query`` with each phrase in a paired field replaced by its pair terms, for scoring.

    Scoring walks the query's matchers over the candidates; a phrase matcher decodes positions
    where pair terms are plain postings. The set of matches comes from ``matching`` (exact);
    this only ranks them (by BM25F of the pairs, a fair measure of a phrase's weight).
    With a ``reader``, a prefix is scored by its commonest word forms only (RANKED_FORMS);
    the caller fills in the matches this leaves unscored.
    """

    def swap(node: Query) -> Query:
        if isinstance(node, Phrase) and node.fieldname in PAIRED_FIELDS and node.slop == 1:
            return pairs_query(node)
        if isinstance(node, Prefix) and reader is not None:
            return _commonest_forms(node, reader)
        return node

    return query.accept(swap)


# Below this many matches, scoring each match directly beats Whoosh's top-N walk over all the
# postings of the query's words (which the filter then mostly throws away).
SCORE_DIRECTLY = 1000


def best_matches(
    searcher: Searcher,
    parsed: Query,
    matches: list[tuple[Searcher, int, set[int]]],
    total: int,
    limit: int,
) -> list[tuple[int, float]]:
    """The best ``limit`` matches by relevance (BM25F), as (searcher docnum, score)."""
    allowed = {offset + docnum for _, offset, found in matches for docnum in found}
    if total > SCORE_DIRECTLY:
        lean = lean_ranking_query(parsed, searcher.reader())
        results = searcher.search(
            parsed if lean is NullQuery else lean, limit=limit, filter=allowed, optimize=True
        )
        ranked = [(hit.docnum, float(hit.score)) for hit in results]
        if len(ranked) < min(limit, total):
            # Matches the lean query leaves unscored (rarer prefix forms, other scripts' fields,
            # skeleton and fuzzy matches): after the scored ones.
            seen = {docnum for docnum, _ in ranked}
            ranked += [(docnum, 0.0) for docnum in sorted(allowed - seen)[: limit - len(ranked)]]
        return ranked
    # Few matches: move the matcher straight to each of them and score it there.
    matcher = parsed.matcher(searcher, searcher.context())
    scored: list[tuple[float, int]] = []
    for docnum in sorted(allowed):
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        score = float(matcher.score()) if matcher.id() == docnum else 0.0
        scored.append((-score, docnum))
    scored.sort()
    return [(docnum, -negative) for negative, docnum in scored[:limit]]
