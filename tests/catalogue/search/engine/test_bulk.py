"""Bulk rebuilds: the same terms as the Whoosh analyzers, the same index as Whoosh's writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import TEXT
from whoosh.writing import CLEAR

from catalogue.db import Database
from catalogue.search import SearchIndex
from catalogue.search.documents import SearchDocument, all_documents
from catalogue.search.engine.bulk import analyse, field_analysis
from catalogue.search.index import _clean, fields_of
from catalogue.search.schema import build_schema

SCHEMA = build_schema()
FAST_FIELDS = [name for name, field in SCHEMA.items() if field_analysis(field) is not None]
ARTICLE = (
    Path(__file__).resolve().parents[4] / "catalogue/data/texts/press-conference.fa.txt"
).read_text(encoding="utf-8")
SAMPLES = [
    ARTICLE,
    "حمل‌ونقل و حمل و نقل و حملونقل؛ تَوکّه‌خان ١١٥٠ ۱۱۵۰ كتاب الرحمة",
    "Рукописи и рукопись, летопись; ёлка, Тәуке хан — Tauke Khan's manuscripts, running",
    "Abu'l-Khair Әбілқайыр ابوالخیر  Nader   Shah\u200cنادر شاه\u0640\u064e",
    "",
    "\u200c\u200c . , ; ١",
]


def whoosh_terms(field_name: str, value: str) -> dict[str, tuple[int, float, bytes]]:
    """What the field's own Whoosh analysis and format make of a value."""
    field = SCHEMA[field_name]
    return {
        term: (freq, weight, vbytes)
        for term, freq, weight, vbytes in field.format.word_values(
            value, field.analyzer, mode="index"
        )
    }


def bulk_terms(field_name: str, value: str) -> dict[str, tuple[int, float, bytes]]:
    how = field_analysis(SCHEMA[field_name])
    assert how is not None
    terms = analyse(value, how)
    fmt = SCHEMA[field_name].format
    return {
        term: (len(positions), len(positions) * fmt.field_boost, fmt.encode(positions))
        for term, positions in terms.items()
    }


def test_every_text_field_has_the_fast_path() -> None:
    assert sorted(FAST_FIELDS) == sorted(
        ["text_kk", "text_ru", "text_en", "text_fa", "names", "skeleton"]
    )


def test_other_analyzers_take_whooshs_own_path() -> None:
    assert field_analysis(TEXT(analyzer=StandardAnalyzer())) is None
    assert field_analysis(SCHEMA["kind"]) is None
    assert field_analysis(SCHEMA["date_from"]) is None


@pytest.mark.parametrize("field_name", FAST_FIELDS)
@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_the_same_terms_positions_and_weights_as_the_analyzer(field_name: str, sample: int) -> None:
    assert bulk_terms(field_name, SAMPLES[sample]) == whoosh_terms(field_name, SAMPLES[sample])


# Letters, marks, joiners and punctuation of every script the catalogue holds.
_ALPHABET = st.sampled_from(
    list("توکهخانيكىةۀأإآؤئءـَُِّْ٠١٢۰۱۲۳")
    + list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәіңғүұқөһ")
    + list("ABCabcxyz0129")
    + [" ", " ", " ", "\u200c", "\u200d", "\n", ".", ",", "-", "'", "؛"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.sampled_from(FAST_FIELDS))
def test_random_text_analyses_the_same(value: str, field_name: str) -> None:
    assert bulk_terms(field_name, value) == whoosh_terms(field_name, value)


def snapshot(index: SearchIndex) -> dict[str, Any]:
    """Everything a reader sees: postings (decoded), term statistics, stored fields, field
    lengths and columns."""
    with index.searcher() as searcher:
        reader = searcher.reader()
        postings = {
            (fieldname, btext): (
                list(reader.postings(fieldname, btext).all_items()),
                reader.doc_frequency(fieldname, btext),
                round(reader.frequency(fieldname, btext), 4),
            )
            for fieldname, btext in reader.all_terms()
        }
        count = reader.doc_count_all()
        return {
            "postings": postings,
            "stored": list(reader.all_stored_fields()),
            "lengths": {
                name: [reader.doc_field_length(doc, name) for doc in range(count)]
                for name in FAST_FIELDS
            },
            "columns": {
                name: list(reader.column_reader(name))
                for name in ("date_from", "date_to", "sort_title")
            },
            "count": count,
        }


@pytest.fixture(scope="module")
def shipped_documents(shipped_url: str) -> list[SearchDocument]:
    database = Database(shipped_url)
    try:
        with database.read() as session:
            return all_documents(session)
    finally:
        database.dispose()


def test_a_bulk_index_equals_one_whooshs_writer_makes(
    shipped_documents: list[SearchDocument], tmp_path: Path
) -> None:
    reference = SearchIndex(tmp_path / "whoosh")
    reference.create()
    with reference.writer() as writer:
        for doc in shipped_documents:
            writer.add_document(**_clean(fields_of(doc)))
        writer.commit(mergetype=CLEAR)
    bulk = SearchIndex(tmp_path / "bulk")
    assert bulk.rebuild(shipped_documents) == len(shipped_documents)
    expected, made = snapshot(reference), snapshot(bulk)
    assert made["count"] == len(shipped_documents) > 50
    assert made == expected
    reference.close()
    bulk.close()


def test_several_processes_write_one_segment_each(
    shipped_documents: list[SearchDocument], tmp_path: Path
) -> None:
    # Enough documents for two shares (a share is at least 1,000 documents).
    many = [
        SearchDocument(**{**doc.__dict__, "key": f"{doc.key}#{copy}"})
        for copy in range(2100 // len(shipped_documents) + 1)
        for doc in shipped_documents
    ]
    one, two = SearchIndex(tmp_path / "one"), SearchIndex(tmp_path / "two")
    one.rebuild(many)
    two.rebuild(many, procs=2)
    with one.searcher() as first, two.searcher() as second:
        assert len(first.leaf_searchers()) == 1
        assert len(second.leaf_searchers()) == 2
        assert second.doc_count() == first.doc_count() == len(many)
        assert list(second.all_stored_fields()) == list(first.all_stored_fields())
        for fieldname, btext in list(first.reader().all_terms())[::50]:
            assert list(second.reader().postings(fieldname, btext).all_ids()) == list(
                first.reader().postings(fieldname, btext).all_ids()
            )
    one.close()
    two.close()


def test_a_rebuild_replaces_what_was_there(
    shipped_documents: list[SearchDocument], tmp_path: Path
) -> None:
    index = SearchIndex(tmp_path / "index")
    index.rebuild(shipped_documents)
    index.rebuild(shipped_documents[:5])
    with index.searcher() as searcher:
        assert searcher.doc_count() == 5
    assert len(list((tmp_path / "index").glob("*.toc"))) == 1
    index.close()
