"""Scholars' queries: parsing forgivingly, date spans in either calendar, facets, snippets."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from whoosh import qparser
from whoosh.query import And, Every, FuzzyTerm, NullQuery, NumericRange, Or, Prefix, Query, Term
from whoosh.searching import Searcher

from catalogue.dates.calendars import Calendar, DateError, to_gregorian
from catalogue.language.localized import FALLBACKS
from catalogue.language.text import is_arabic_script
from catalogue.search.compounds import split_compounds
from catalogue.search.docsets import leaves, matching
from catalogue.search.facets import facet_counts, sorted_docnums
from catalogue.search.index import SearchIndex
from catalogue.search.limits import Limits, bounded
from catalogue.search.ranking import best_matches, ranking_query
from catalogue.search.schema import FACETS, TEXT_FIELDS, shared_schema
from catalogue.search.snippets import highlighted, query_terms

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100
SORTS = ("relevance", "date", "title")
SEARCH_FIELDS = (*TEXT_FIELDS, "names", "skeleton")
FIELD_BOOSTS = {"names": 3.0, "skeleton": 0.3}
# What a scholar may write before a colon, and the index field it means.
FIELD_ALIASES = {
    "name": "names",
    "text": "text_en",
    "fa": "text_fa",
    "ru": "text_ru",
    "en": "text_en",
    "kk": "text_kk",
    **{facet: facet for facet in FACETS},
}
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class QueryError(ValueError):
    """A search request whose parameters cannot be used (not the query text: that never fails)."""


@dataclass(frozen=True)
class SearchQuery:
    """What the scholar asked for."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values
    year_from: int | None = None
    year_to: int | None = None
    calendar: Calendar = Calendar.GREGORIAN  # of year_from / year_to
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    lang: str = "en"  # the reader's language: titles and snippets prefer it


@dataclass(frozen=True)
class SearchHit:
    """One result."""

    key: str
    kind: str
    record_id: str
    page: str | None
    title: str
    title_lang: str
    snippet: str  # HTML: escaped text with <mark> around matches
    snippet_lang: str | None
    score: float
    date_from: datetime.date | None
    date_to: datetime.date | None


@dataclass
class SearchResults:
    """A page of results with facet counts and any notice about how the query was read."""

    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int
    notices: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages there are in all."""
        return max(1, -(-self.total // self.per_page))


def _clean_text(text: str, notices: list[str]) -> str:
    text = "".join(ch if ch.isprintable() or ch == "\u200c" else " " for ch in text)
    if len(text) > MAX_QUERY_LENGTH:
        notices.append(f"the query was shortened to its first {MAX_QUERY_LENGTH} characters")
        text = text[:MAX_QUERY_LENGTH]

    # Unknown "field:" prefixes are read as words.
    def field_name(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.lower() in FIELD_ALIASES:
            return f"{FIELD_ALIASES[name.lower()]}:"
        notices.append(f"there is no field “{name}”; it was searched as a word")
        return f"{name} "

    return re.sub(r"(?<![\w\"])(\w+):(?=\S)", field_name, text).strip()


def _persian_compounds(text: str) -> str:
    # A Persian compound arrives with a ZWNJ, a space or joined; the index holds ZWNJ text as
    # the joined form, so a run of spaced words also tries its joined form (and a joined word
    # tries its cuts into spaced words: catalogue.search.compounds).
    tokens = text.split(" ")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if 2 <= len(run) <= 3:
            out.append(f"(({' '.join(run)}) OR {''.join(run)})")
        else:
            out.extend(run)
        run.clear()

    quoted = False
    for token in tokens:
        if token.count('"') % 2:
            quoted = not quoted
        if not quoted and '"' not in token and is_arabic_script(token):
            run.append(token)
            continue
        flush()
        out.append(token)
    flush()
    return " ".join(t for t in out if t)


def _widen(node: Query) -> Query:
    # Kazakh is matched by prefix (no stemmer exists); names also by close misspelling.
    if isinstance(node, Term) and not isinstance(node, FuzzyTerm):
        text = str(node.text)
        if node.fieldname == "text_kk" and len(text) >= 3:
            return Prefix("text_kk", text, boost=node.boost)
        if node.fieldname == "names" and len(text) >= 5:
            return Or([node, FuzzyTerm("names", text, boost=0.2, maxdist=1, prefixlength=1)])
    return node


@cache
def _parser() -> qparser.QueryParser:
    parser = qparser.MultifieldParser(
        list(SEARCH_FIELDS), shared_schema(), fieldboosts=FIELD_BOOSTS
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def parse(text: str, notices: list[str]) -> Query:
    """The Whoosh query for what the scholar typed; never raises."""
    cleaned = _clean_text(text, notices)
    if not cleaned:
        return Every()
    parser = _parser()
    try:
        query = parser.parse(_persian_compounds(cleaned)).accept(_widen)
    except Exception:
        query = None
    if query is None or query is NullQuery:
        notices.append("the query could not be read as written; these are results for its words")
        query = words_query(re.findall(r"[^\W_]+", cleaned))
    return query


def words_query(words: list[str]) -> Query:
    """Any of these words in any field, analysed as each field analyses text (no parser)."""
    schema = shared_schema()
    terms: list[Query] = []
    for word in words:
        for fieldname in SEARCH_FIELDS:
            for token in schema[fieldname].process_text(word, mode="query"):
                boost = FIELD_BOOSTS.get(fieldname, 1.0)
                terms.append(_widen(Term(fieldname, token, boost=boost)))
    return Or(terms) if terms else Every()


def _day(year: int, calendar: Calendar, last: bool) -> int:
    try:
        if last:
            return to_gregorian(year + 1, 1, 1, calendar).toordinal() - 1
        return to_gregorian(year, 1, 1, calendar).toordinal()
    except (DateError, ValueError) as error:
        raise QueryError(f"year {year} cannot be used: {error}") from None


def _filter(query: SearchQuery) -> Query | None:
    parts: list[Query] = []
    for facet, values in query.filters.items():
        if facet not in FACETS:
            raise QueryError(f"unknown facet {facet!r}; facets are {', '.join(FACETS)}")
        parts += [Term(facet, value) for value in values if value]
    if query.year_from is not None or query.year_to is not None:
        low = query.year_from if query.year_from is not None else query.year_to
        high = query.year_to if query.year_to is not None else query.year_from
        assert low is not None and high is not None
        if high < low:
            raise QueryError(f"the span of years ends ({high}) before it begins ({low})")
        # Overlap: the record's range ends after the span begins and begins before it ends.
        parts.append(NumericRange("date_to", _day(low, query.calendar, last=False), None))
        parts.append(NumericRange("date_from", None, _day(high, query.calendar, last=True)))
    return And(parts) if parts else None


def _check(query: SearchQuery) -> None:
    if query.sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    if query.page < 1:
        raise QueryError("page numbers start at 1")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")


def _title(titles: dict[str, str], record_id: str, lang: str) -> tuple[str, str]:
    for candidate in FALLBACKS.get(lang, (lang,)):
        if titles.get(candidate):
            return titles[candidate], candidate
    return record_id, lang


SYNTAX = re.compile(r'["()*~:^]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b')


def search(index: SearchIndex, query: SearchQuery, limits: Limits | None = None) -> SearchResults:
    """Run a query: a page of hits, facet counts over all matches, and notices.

    Within ``limits`` (by default, those of ``catalogue.search.limits``): past them, the
    results are what was found, with a notice saying so.
    """
    limits = Limits() if limits is None else limits
    notices: list[str] = []
    results = _search(index, query, parse(query.text, notices), notices, limits)
    # A query already held to its limits is not read a second time: that reading would cost
    # as much again, for a query written to cost (issue 22).
    if results.total == 0 and SYNTAX.search(query.text) and not limits.notices:
        # Syntax typed wrong often asks for something impossible: try the words themselves.
        words = [w for w in re.findall(r"[^\W_]+", query.text) if w not in OPERATORS]
        if words:
            plain = " ".join(words)
            limits.refill()
            retry = _search(index, query, words_query(words), [], limits)
            if retry.total:
                retry.notices = [
                    *notices,
                    f"nothing matched as written; results for: {plain}",
                    *(n for n in retry.notices if n not in notices),
                ]
                return retry
    return results


def _search(
    index: SearchIndex, query: SearchQuery, parsed: Query, notices: list[str], limits: Limits
) -> SearchResults:
    _check(query)
    filtered = _filter(query)
    limit = query.page * query.per_page
    with index.searcher() as searcher:
        parsed = split_compounds(bounded(parsed, limits), searcher.reader())
        matches: list[tuple[Searcher, int, set[int]]] = []
        for number, (leaf, offset) in enumerate(leaves(searcher)):
            # Past its time, a search counts the segments it has matched (at least the first;
            # the rest: none). The words it matches are already bounded (limits.bounded).
            found = set() if number and limits.expired() else matching(parsed, leaf)
            if found and filtered is not None:
                found &= matching(filtered, leaf)
            matches.append((leaf, offset, found))
        total = sum(len(found) for _, _, found in matches)
        counts = facet_counts(matches)
        if not total or (query.page - 1) * query.per_page >= total:
            ranked: list[tuple[int, float]] = []
        elif query.sort == "date":
            ranked = [(docnum, 0.0) for docnum in sorted_docnums(matches, "date_from", limit)]
        elif query.sort == "title" or isinstance(parsed, Every):
            ranked = [(docnum, 0.0) for docnum in sorted_docnums(matches, "sort_title", limit)]
        elif limits.expired():  # unranked, in the index's order
            ranked = [(docnum, 0.0) for docnum in _first(matches, limit)]
        else:
            ranked = best_matches(
                searcher, ranking_query(parsed, searcher.reader()), matches, total, limit
            )
        terms = query_terms(parsed, searcher) if ranked and not limits.expired() else {}
        hits = [
            _hit(searcher.stored_fields(docnum), score, terms, query.lang)
            for docnum, score in ranked[(query.page - 1) * query.per_page : limit]
        ]
    return SearchResults(
        total=total,
        hits=hits,
        facets={name: [(v, c) for v, c in values if v] for name, values in counts.items()},
        page=query.page,
        per_page=query.per_page,
        notices=[*notices, *(n for n in limits.notices.values() if n not in notices)],
    )


def _first(matches: list[tuple[Searcher, int, set[int]]], limit: int) -> list[int]:
    """The first ``limit`` matches in the index's order, as searcher document numbers."""
    return sorted(offset + docnum for _, offset, found in matches for docnum in found)[:limit]


def _hit(
    stored: dict[str, Any], score: float, terms: dict[str, frozenset[str]], lang: str
) -> SearchHit:
    title, title_lang = _title(stored.get("titles") or {}, stored["record_id"], lang)
    snippet, snippet_lang = highlighted(stored, terms, lang)
    return SearchHit(
        key=stored["key"],
        kind=stored["kind"],
        record_id=stored["record_id"],
        page=stored.get("page"),
        title=title,
        title_lang=title_lang,
        snippet=snippet,
        snippet_lang=snippet_lang,
        score=score,
        date_from=_date(stored.get("date_from")),
        date_to=_date(stored.get("date_to")),
    )


def _date(ordinal: int | None) -> datetime.date | None:
    return datetime.date.fromordinal(ordinal) if ordinal else None
