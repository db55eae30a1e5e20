"""Qoljazba's Whoosh search against SQLite FTS5, side by side in one run, on a SYNTHETIC corpus.

Builds both over the same generated documents (``bench.search.generate``), reports build time
and size on disk, then runs a fixed, seeded set of queries per class through
``catalogue.search.search`` (first page of 20, with facets and snippets, as the app does) and
through the equivalent FTS5 SQL (MATCH ... ORDER BY rank LIMIT 20, with snippet(), plus a
GROUP BY for one facet's counts), and prints p50 / p95 / max latency per class and engine.

FTS5 is the speed reference, not a correctness reference: its ``unicode61`` tokenizer does
not fold Persian the way Qoljazba does (Arabic ي/ك, harakat, tatweel, digits, compounds),
does not stem, match Kazakh by prefix or match names across scripts. Hits are counted for
both engines so the difference shows.

Usage::

    .venv/bin/python -m bench.search.run --docs 50000 --json /tmp/search-bench.json
"""

from __future__ import annotations

import argparse
import datetime
import gc
import hashlib
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import whoosh

from bench.search.generate import (
    DEFAULT_DOCS,
    KINDS,
    LANGS,
    SEED,
    VOCABULARIES,
    Corpus,
    load_or_generate,
)
from catalogue.search import (
    SearchDocument,
    SearchIndex,
    SearchQuery,
    docsets,
    facets,
    ranking,
    search,
    snippets,
)
from catalogue.search import query as query_module
from catalogue.search.engine.bulk import SegmentBuilder
from catalogue.search.index import _clean, fields_of
from catalogue.search.schema import build_schema

CLASSES = (
    "single word",
    "two-word AND",
    "phrase (3 words)",
    "name variant",
    "date span + kind + word",
)
TARGET_P95_MS = 100.0
TARGET_RATIO = 1.5
TARGET_BUILD_S = 60.0
PER_PAGE = 20
# Rank strata of a language's content words: the 20 most frequent, the next 80, the rest.
STRATA = ((0, 20), (20, 100), (100, None))
SCRIPT_LANG = {"Latn": "en", "Cyrl": "kk", "Arab": "fa"}
FTS5_TOKENIZER = "unicode61 remove_diacritics 2"
FTS5_NOTE = (
    "FTS5 is the speed reference, not a correctness reference: its unicode61 tokenizer does "
    "not fold Persian as Qoljazba does (Arabic ي/ك, harakat, tatweel, digits, ZWNJ/space/"
    "joined compounds), does not stem Russian or English, does not match Kazakh by prefix "
    "and does not match names across scripts; compare the hit counts."
)


# --- Queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    """One query, as the scholar types it (Whoosh) and as FTS5 SQL parameters."""

    cls: str
    text: str  # what goes into SearchQuery.text
    match: str  # the FTS5 MATCH expression
    lang: str  # the reader's language (snippets prefer it)
    kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None


def fts_words(text: str) -> str:
    """Each whitespace-separated word as a quoted FTS5 string, ANDed (the parser's default)."""
    return " ".join(fts_phrase(word) for word in text.split())


def fts_phrase(text: str) -> str:
    """A quoted FTS5 string (a phrase when it tokenizes to several tokens)."""
    return '"' + text.replace('"', '""') + '"'


class QueryMaker:
    """Seeded query sets drawn from the vocabularies and the generated documents."""

    def __init__(self, corpus: Corpus, docs: Sequence[SearchDocument], seed: int) -> None:
        self.corpus = corpus
        self.docs = docs
        self.rng = random.Random(seed)

    def word(self, lang: str, stratum: int) -> str:
        """A content word of a language from a rank stratum, spelled as the texts may spell it."""
        content = VOCABULARIES[lang].content
        low, high = STRATA[stratum]
        word = self.rng.choice(content[low:high])
        if lang == "fa":  # canonical mostly; else Arabic letters, harakat, tatweel, ZWNJ/space
            return self.rng.choice(self.corpus.persian_forms[word])
        return word

    def _lang_stratum(self, number: int) -> tuple[str, int]:
        return LANGS[number % len(LANGS)], (number // len(LANGS)) % len(STRATA)

    def single(self, number: int) -> BenchQuery:
        lang, stratum = self._lang_stratum(number)
        text = self.word(lang, stratum)
        return BenchQuery(CLASSES[0], text, fts_words(text), lang)

    def two_words(self, number: int) -> BenchQuery:
        lang, stratum = self._lang_stratum(number)
        first = self.word(lang, stratum)
        second = self.word(lang, self.rng.randrange(len(STRATA)))
        text = f"{first} {second}"
        return BenchQuery(CLASSES[1], text, fts_words(text), lang)

    def phrase(self, number: int) -> BenchQuery:
        lang = LANGS[number % len(LANGS)]
        function_words = set(VOCABULARIES[lang].words[: VOCABULARIES[lang].function_count])
        while True:
            doc = self.rng.choice(self.docs)
            body = doc.texts[lang].split("\n", 1)[-1]  # the text after the title line
            tokens = re.findall(r"[^\s.:]+", body)
            if len(tokens) < 3:
                continue
            start = self.rng.randrange(len(tokens) - 2)
            words = tokens[start : start + 3]
            if all(w.lower() in function_words for w in words):
                continue  # at least one content word, as a scholar's phrase has
            phrase = " ".join(words)
            return BenchQuery(CLASSES[2], f'"{phrase}"', fts_phrase(phrase), lang)

    def name(self, number: int) -> BenchQuery:
        del number
        while True:
            doc = self.rng.choice(self.docs)
            slugs = [*doc.persons, *doc.places] if doc.kind not in ("person", "place") else []
            if not slugs:
                continue
            named = self.corpus.by_slug[self.rng.choice(slugs)]
            indexed = [code for code, name in named.variants if name in doc.names]
            if not indexed:
                continue
            others = [(code, name) for code, name in named.variants if code != indexed[0]]
            script, text = self.rng.choice(others)
            return BenchQuery(CLASSES[3], text, fts_words(text), SCRIPT_LANG[script])

    def dated(self, number: int) -> BenchQuery:
        lang, stratum = self._lang_stratum(number)
        text = self.word(lang, stratum)
        kind = self.rng.choice([k for k in KINDS if k != "place"])
        year_from = self.rng.randrange(1100, 1850, 10)
        return BenchQuery(CLASSES[4], text, fts_words(text), lang, kind, year_from, year_from + 50)

    def queries(self, count: int) -> dict[str, list[BenchQuery]]:
        """`count` queries per class."""
        makers: list[Callable[[int], BenchQuery]] = [
            self.single,
            self.two_words,
            self.phrase,
            self.name,
            self.dated,
        ]
        return {
            cls: [make(n) for n in range(count)] for cls, make in zip(CLASSES, makers, strict=True)
        }


# --- Building ----------------------------------------------------------------------------------


@dataclass
class Build:
    """One engine's build: time, its parts, and size on disk."""

    engine: str
    procs: int
    seconds: float
    parts: dict[str, float] = field(default_factory=dict)
    bytes: int = 0
    segments: int = 1


def dir_size(path: Path) -> int:
    """Bytes of every file under a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_whoosh(docs: Sequence[SearchDocument], path: Path, procs: int) -> Build:
    """Qoljazba's own rebuild (``SearchIndex.rebuild``: ``catalogue.search.engine.bulk``) into an
    empty folder."""
    shutil.rmtree(path, ignore_errors=True)
    index = SearchIndex(path)
    gc.collect()
    start = time.perf_counter()
    count = index.rebuild(docs, procs=procs)
    end = time.perf_counter()
    assert count == len(docs)
    with index.searcher() as searcher:
        segments = len(searcher.leaf_searchers())
        assert searcher.doc_count() == len(docs)
    index.close()
    return Build("whoosh", procs, end - start, {}, dir_size(path), segments)


SPLIT_SAMPLE = 10_000


def whoosh_split(docs: Sequence[SearchDocument], workdir: Path) -> dict[str, float]:
    """Where a one-process build's time goes, on the first ``SPLIT_SAMPLE`` documents: the
    documents' fields (``fields_of``), analysis and postings gathered in memory
    (``SegmentBuilder.add``), and writing the segment's files (``finish``)."""
    sample = docs[:SPLIT_SAMPLE]
    path = workdir / "whoosh-split"
    shutil.rmtree(path, ignore_errors=True)
    index = SearchIndex(path)
    index.create()
    ix = index.index()
    builder = SegmentBuilder(ix.storage, ix.indexname, build_schema())
    gc.collect()
    start = time.perf_counter()
    all_fields = [_clean(fields_of(doc)) for doc in sample]
    prepared = time.perf_counter()
    for fields in all_fields:
        builder.add(fields)
    added = time.perf_counter()
    builder.finish()
    written = time.perf_counter()
    index.close()
    shutil.rmtree(path, ignore_errors=True)
    return {
        f"documents (of {len(sample)})": len(sample),
        "fields_of": prepared - start,
        "analysis and postings in memory": added - prepared,
        "writing the segment": written - added,
    }


def facet_row(number: int, doc: SearchDocument) -> tuple[Any, ...]:
    """The ordinary table's row: facets and dates, for filters and GROUP BY."""
    return (
        number,
        doc.key,
        doc.kind,
        doc.record_id,
        doc.date_from.toordinal() if doc.date_from else None,
        doc.date_to.toordinal() if doc.date_to else None,
        ",".join(doc.languages),
        ",".join(doc.scripts),
        ",".join(doc.persons),
        ",".join(doc.places),
        ",".join(doc.subjects),
        1,
    )


def fts_row(number: int, doc: SearchDocument) -> tuple[Any, ...]:
    """The FTS5 row: the same texts and names Whoosh indexes (titles stored, not indexed)."""
    return (
        number,
        "\n".join(doc.titles.values()),
        *(doc.texts.get(lang, "") for lang in ("kk", "ru", "en", "fa")),
        "\n".join(doc.names),
    )


def build_fts5(docs: Sequence[SearchDocument], path: Path) -> Build:
    """An FTS5 table over the same documents, with an ordinary table for facets and dates."""
    path.unlink(missing_ok=True)
    gc.collect()
    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        f"""
        CREATE TABLE docs(
            id INTEGER PRIMARY KEY, key TEXT UNIQUE, kind TEXT, record_id TEXT,
            date_from INTEGER, date_to INTEGER, languages TEXT, scripts TEXT,
            persons TEXT, places TEXT, subjects TEXT, synthetic INTEGER NOT NULL
        );
        CREATE VIRTUAL TABLE fts USING fts5(
            title UNINDEXED, text_kk, text_ru, text_en, text_fa, names,
            tokenize = '{FTS5_TOKENIZER}'
        );
        """
    )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (facet_row(n, d) for n, d in enumerate(docs, 1)),
    )
    conn.executemany(
        "INSERT INTO fts(rowid, title, text_kk, text_ru, text_en, text_fa, names) "
        "VALUES (?,?,?,?,?,?,?)",
        (fts_row(n, d) for n, d in enumerate(docs, 1)),
    )
    conn.execute("CREATE INDEX docs_kind_dates ON docs(kind, date_from, date_to)")
    conn.execute("COMMIT")
    inserted = time.perf_counter()
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.close()
    end = time.perf_counter()
    return Build(
        "fts5",
        1,
        end - start,
        {"insert": inserted - start, "optimize + analyze": end - inserted},
        path.stat().st_size,
    )


# --- Querying ----------------------------------------------------------------------------------


def whoosh_request(query: BenchQuery) -> SearchQuery:
    """The app's request for a benchmark query."""
    return SearchQuery(
        text=query.text,
        filters={"kind": (query.kind,)} if query.kind else {},
        year_from=query.year_from,
        year_to=query.year_to,
        per_page=PER_PAGE,
        lang=query.lang,
    )


def run_whoosh(index: SearchIndex, query: BenchQuery) -> tuple[float, int]:
    """Milliseconds and total hits of one query through ``catalogue.search.search``."""
    request = whoosh_request(query)
    start = time.perf_counter()
    results = search(index, request)
    elapsed = time.perf_counter() - start
    return elapsed * 1000, results.total


FTS5_FROM = "FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?"
FTS5_FILTER = " AND d.kind = ? AND d.date_to >= ? AND d.date_from <= ?"
FTS5_PAGE = (
    "SELECT d.key, d.kind, fts.title, "
    "snippet(fts, -1, '<mark>', '</mark>', ' … ', 24), d.date_from, d.date_to "
)


def run_fts5(conn: sqlite3.Connection, query: BenchQuery) -> tuple[float, int]:
    """Milliseconds and total hits of the equivalent FTS5 SQL (a page of 20 and kind counts)."""
    where = FTS5_FROM
    params: list[Any] = [query.match]
    if query.kind is not None:
        assert query.year_from is not None and query.year_to is not None
        where += FTS5_FILTER
        params += [
            query.kind,
            datetime.date(query.year_from, 1, 1).toordinal(),
            datetime.date(query.year_to, 12, 31).toordinal(),
        ]
    start = time.perf_counter()
    conn.execute(f"{FTS5_PAGE}{where} ORDER BY rank LIMIT {PER_PAGE}", params).fetchall()
    counts = conn.execute(f"SELECT d.kind, count(*) {where} GROUP BY d.kind", params).fetchall()
    elapsed = time.perf_counter() - start
    return elapsed * 1000, sum(count for _, count in counts)


def whoosh_breakdown(
    index: SearchIndex, queries: dict[str, list[BenchQuery]], count: int
) -> dict[str, dict[str, float]]:
    """Where a Whoosh query's time goes, per class (median and p95 ms of `count` queries).

    The stages of ``catalogue.search.query._search``, each timed: parsing (and the filter);
    the sets of matching documents (``docsets.matching``); facet counts; ranking the first
    page; reading and highlighting its hits; and, apart, the app's whole ``search()``. Uses
    the query module's private helpers: skipped if they are gone.
    """
    needed = ("_filter", "_hit")
    if not all(hasattr(query_module, name) for name in needed):
        return {}

    def stages(query: BenchQuery) -> dict[str, float]:
        request = whoosh_request(query)
        times: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            times[stage] = now - clock
            clock = now

        parsed = query_module.parse(request.text, [])
        filtered = query_module._filter(request)
        lap("parse")
        with index.searcher() as searcher:
            clock = time.perf_counter()
            matches = []
            for leaf, offset in docsets.leaves(searcher):
                found = docsets.matching(parsed, leaf)
                if found and filtered is not None:
                    found &= docsets.matching(filtered, leaf)
                matches.append((leaf, offset, found))
            total = sum(len(found) for _, _, found in matches)
            lap("match sets")
            facets.facet_counts(matches)
            lap("facet counts")
            ranked = (
                ranking.best_matches(
                    searcher,
                    ranking.ranking_query(parsed, searcher.reader()),
                    matches,
                    total,
                    PER_PAGE,
                )
                if total
                else []
            )
            lap("rank a page")
            terms = snippets.query_terms(parsed, searcher)
            for docnum, score in ranked:
                query_module._hit(searcher.stored_fields(docnum), score, terms, request.lang)
            lap("hits + snippets")
        times["app search()"] = run_whoosh(index, query)[0] / 1000
        return times

    out: dict[str, dict[str, float]] = {}
    for cls, batch in queries.items():
        rows = [stages(query) for query in batch[:count]]
        for stage in rows[0]:
            values = [row[stage] * 1000 for row in rows]
            out.setdefault(cls, {})[f"{stage} p50"] = percentile(values, 50)
            out[cls][f"{stage} p95"] = percentile(values, 95)
    return out


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def summary(latencies: Sequence[float], hits: Sequence[int]) -> dict[str, float]:
    """p50 / p95 / max milliseconds and hit counts of one class on one engine."""
    return {
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies),
        "mean_hits": sum(hits) / len(hits),
        "median_hits": percentile([float(h) for h in hits], 50),
        "zero_hit_queries": sum(1 for h in hits if h == 0),
    }


def run_queries(
    index: SearchIndex,
    conn: sqlite3.Connection,
    queries: dict[str, list[BenchQuery]],
    warmup: int,
    slowest: int = 3,
) -> dict[str, dict[str, Any]]:
    """Warm up, then time every query on both engines, alternating which goes first."""
    for batch in queries.values():
        for query in batch[:warmup]:
            run_whoosh(index, query)
            run_fts5(conn, query)
    out: dict[str, dict[str, Any]] = {}
    for cls, batch in queries.items():
        times: dict[str, list[float]] = {"whoosh": [], "fts5": []}
        hits: dict[str, list[int]] = {"whoosh": [], "fts5": []}
        for number, query in enumerate(batch):
            order = ("whoosh", "fts5") if number % 2 == 0 else ("fts5", "whoosh")
            for engine in order:
                ms, total = (
                    run_whoosh(index, query) if engine == "whoosh" else run_fts5(conn, query)
                )
                times[engine].append(ms)
                hits[engine].append(total)
        whoosh_stats = summary(times["whoosh"], hits["whoosh"])
        fts5_stats = summary(times["fts5"], hits["fts5"])
        worst = sorted(range(len(batch)), key=lambda i: -times["whoosh"][i])[:slowest]
        out[cls] = {
            "queries": len(batch),
            "whoosh": whoosh_stats,
            "fts5": fts5_stats,
            "p95_ratio": whoosh_stats["p95_ms"] / max(fts5_stats["p95_ms"], 1e-9),
            "whoosh_more_hits": sum(
                1 for w, f in zip(hits["whoosh"], hits["fts5"], strict=True) if w > f
            ),
            "slowest_whoosh": [
                {"text": batch[i].text, "ms": times["whoosh"][i], "hits": hits["whoosh"][i]}
                for i in worst
            ],
            "examples": [batch[i].text for i in range(min(4, len(batch)))],
        }
    return out


# --- Report ------------------------------------------------------------------------------------


def targets(builds: Iterable[Build], classes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The project's targets at 50,000 documents, each met or not."""
    out: list[dict[str, Any]] = []
    for cls, row in classes.items():
        p95 = row["whoosh"]["p95_ms"]
        out.append(
            {
                "target": f"p95 < {TARGET_P95_MS:g} ms: {cls}",
                "met": p95 < TARGET_P95_MS,
                "value": f"{p95:.1f} ms",
            }
        )
    for cls, row in classes.items():
        ratio = row["p95_ratio"]
        out.append(
            {
                "target": f"p95 ratio to FTS5 <= {TARGET_RATIO:g}x: {cls}",
                "met": ratio <= TARGET_RATIO,
                "value": f"{ratio:.1f}x",
            }
        )
    for build in builds:
        if build.engine == "whoosh":
            out.append(
                {
                    "target": f"full rebuild < {TARGET_BUILD_S:g} s (procs={build.procs})",
                    "met": build.seconds < TARGET_BUILD_S,
                    "value": f"{build.seconds:.1f} s",
                }
            )
    return out


def markdown(result: dict[str, Any]) -> str:
    """The figures as Markdown tables."""
    lines = [
        f"Search benchmark, {result['date']}: {result['corpus']['docs']:,} SYNTHETIC documents "
        f"(seed {result['corpus']['seed']}, {result['corpus']['words_per_doc']:.0f} words each "
        f"on average), {result['queries_per_class']} queries per class after "
        f"{result['warmup']} warm-up; {result['machine']['cpus']} cores, Python "
        f"{result['machine']['python']}, SQLite {result['machine']['sqlite']}, Whoosh "
        f"{result['machine']['whoosh']}. Queries ran on the procs={result['query_procs']} index.",
        "",
        "| build | time | split | size on disk | segments |",
        "|---|---|---|---|---|",
    ]
    for build in result["builds"]:
        name = f"Whoosh procs={build['procs']}" if build["engine"] == "whoosh" else "FTS5"
        split = ", ".join(f"{k} {v:.1f} s" for k, v in build["parts"].items())
        lines.append(
            f"| {name} | {build['seconds']:.1f} s | {split} | "
            f"{build['bytes'] / 2**20:.1f} MiB | {build['segments']} |"
        )
    if result.get("whoosh_split"):
        split = ", ".join(
            f"{k} {v:.1f} s" if isinstance(v, float) else f"{k}: {v}"
            for k, v in result["whoosh_split"].items()
        )
        lines += ["", f"Whoosh build, measured apart (one process): {split}."]
    lines += [
        "",
        "| query class | Whoosh p50 / p95 / max ms | FTS5 p50 / p95 / max ms | p95 ratio "
        "| mean hits Whoosh / FTS5 | zero-hit queries Whoosh / FTS5 |",
        "|---|---|---|---|---|---|",
    ]
    for cls, row in result["classes"].items():
        w, f = row["whoosh"], row["fts5"]
        lines.append(
            f"| {cls} | {w['p50_ms']:.1f} / {w['p95_ms']:.1f} / {w['max_ms']:.1f} "
            f"| {f['p50_ms']:.1f} / {f['p95_ms']:.1f} / {f['max_ms']:.1f} "
            f"| {row['p95_ratio']:.1f}x | {w['mean_hits']:.0f} / {f['mean_hits']:.0f} "
            f"| {w['zero_hit_queries']} / {f['zero_hit_queries']} |"
        )
    breakdown = result.get("whoosh_breakdown") or {}
    if breakdown:
        stages = [k.removesuffix(" p50") for k in next(iter(breakdown.values())) if "p50" in k]
        lines += [
            "",
            f"Where Whoosh's time goes (p50 / p95 ms of the first {result['breakdown_queries']} "
            "queries per class, each stage timed on its own):",
            "",
            "| query class | " + " | ".join(stages) + " |",
            "|---|" + "---|" * len(stages),
        ]
        for cls, row in breakdown.items():
            cells = [f"{row[f'{st} p50']:.1f} / {row[f'{st} p95']:.1f}" for st in stages]
            lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    lines += ["", f"Note: {FTS5_NOTE}", "", "| target | value | met |", "|---|---|---|"]
    for target in result["targets"]:
        lines.append(
            f"| {target['target']} | {target['value']} | {'yes' if target['met'] else '**no**'} |"
        )
    lines += ["", "Slowest Whoosh queries per class:"]
    for cls, row in result["classes"].items():
        worst = "; ".join(
            f"{q['text']} ({q['ms']:.0f} ms, {q['hits']} hits)" for q in row["slowest_whoosh"]
        )
        lines.append(f"- {cls}: {worst}")
    return "\n".join(lines)


def code_fingerprint() -> dict[str, str]:
    """SHA-1 of the search code measured (it is edited often; figures belong to a version)."""
    root = Path(__file__).resolve().parents[2]
    files = [
        *sorted((root / "catalogue" / "search").rglob("*.py")),
        root / "catalogue/language/text.py",
    ]
    return {
        str(path.relative_to(root)): hashlib.sha1(path.read_bytes()).hexdigest()[:12]
        for path in files
    }


def log(message: str) -> None:
    """A timestamped progress line on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Build both engines, run the query classes, print Markdown and write JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="documents (50000)")
    parser.add_argument("--queries", type=int, default=200, help="queries per class (200)")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up queries per class (20)")
    parser.add_argument(
        "--procs", default="1,2", help="Whoosh build processes to try, comma-separated (1,2)"
    )
    parser.add_argument(
        "--query-procs", type=int, default=None, help="query the index built with this procs"
    )
    parser.add_argument("--workdir", type=Path, default=None, help="kept (default: a temp dir)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cache", type=Path, default=None, help="JSONL corpus cache (in /tmp)")
    parser.add_argument("--no-split", action="store_true", help="skip the build-time split")
    parser.add_argument(
        "--reuse-builds",
        action="store_true",
        help="query the indexes an earlier run kept in --workdir (its build figures are shown)",
    )
    parser.add_argument(
        "--breakdown",
        type=int,
        default=30,
        help="queries per class for the Whoosh time breakdown (30; 0 skips it)",
    )
    args = parser.parse_args(argv)
    procs_list = [int(p) for p in str(args.procs).split(",") if p.strip()]
    query_procs = args.query_procs if args.query_procs is not None else procs_list[0]
    if query_procs not in procs_list:
        parser.error("--query-procs must be one of --procs")
    if args.reuse_builds and args.workdir is None:
        parser.error("--reuse-builds needs the --workdir of the earlier run")

    code = code_fingerprint()  # now: the modules are imported; the files may change later
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="qoljazba-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        log(f"generating {args.docs} synthetic documents (seed {args.seed}) in {workdir}")
        start = time.perf_counter()
        docs = load_or_generate(args.docs, args.seed, args.cache)
        generated = time.perf_counter() - start
        words = sum(len(t.split()) for d in docs for t in d.texts.values()) / len(docs)

        builds: list[Build] = []
        previous = workdir / "builds.json"
        if args.reuse_builds:  # a query-only rerun (e.g. on a quieter machine) of kept indexes
            builds = [Build(**row) for row in json.loads(previous.read_text())]
            log(f"reusing the builds in {workdir}: {builds}")
        else:
            for procs in procs_list:
                log(f"building Whoosh, procs={procs}")
                builds.append(build_whoosh(docs, workdir / f"whoosh-procs{procs}", procs))
                log(f"  {builds[-1]}")
            log("building FTS5")
            builds.append(build_fts5(docs, workdir / "fts5.sqlite3"))
            log(f"  {builds[-1]}")
            previous.write_text(json.dumps([asdict(build) for build in builds]))
        split = {} if args.no_split else whoosh_split(docs, workdir)
        if split:
            log(f"  Whoosh split: {split}")

        corpus = Corpus(args.seed)
        queries = QueryMaker(corpus, docs, args.seed + 1).queries(args.queries)
        log(f"running {args.queries} queries per class after {args.warmup} warm-up")
        index = SearchIndex(workdir / f"whoosh-procs{query_procs}")
        conn = sqlite3.connect(workdir / "fts5.sqlite3")
        try:
            classes = run_queries(index, conn, queries, args.warmup)
            if args.breakdown:
                log(f"Whoosh time breakdown over {args.breakdown} queries per class")
            breakdown = whoosh_breakdown(index, queries, args.breakdown) if args.breakdown else {}
        finally:
            index.close()
            conn.close()
        result: dict[str, Any] = {
            "code": code,
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": " ".join(
                [Path(sys.executable).name, "-m", "bench.search.run", *sys.argv[1:]]
            ),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                "sqlite": sqlite3.sqlite_version,
                "whoosh": whoosh.versionstring(),
            },
            "corpus": {
                "synthetic": True,
                "docs": len(docs),
                "seed": args.seed,
                "generate_s": generated,
                "words_per_doc": words,
            },
            "queries_per_class": args.queries,
            "warmup": args.warmup,
            "query_procs": query_procs,
            "breakdown_queries": args.breakdown,
            "fts5_tokenizer": FTS5_TOKENIZER,
            "fts5_note": FTS5_NOTE,
            "builds": [asdict(b) for b in builds],
            "whoosh_split": split,
            "classes": classes,
            "whoosh_breakdown": breakdown,
        }
        result["targets"] = targets(builds, classes)
        print(markdown(result))
        if args.json is not None:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
            log(f"wrote {args.json}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
