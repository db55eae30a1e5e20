"""Whoosh analysis: Persian tokens, offsets, compounds, digits, stemming, names, skeletons."""

from __future__ import annotations

import pickle
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.highlight import HtmlFormatter
from whoosh.qparser import QueryParser
from whoosh.query import And, Or, Prefix, Query, Term

from catalogue.language.text import fold, persian_compounds
from catalogue.search.analysis import (
    PAIR_MARK,
    FoldFilter,
    WordTokenizer,
    english_analyzer,
    kazakh_analyzer,
    name_analyzer,
    pair_term,
    persian_analyzer,
    russian_analyzer,
    skeleton_analyzer,
)
from catalogue.search.compounds import split_compounds

ARTICLE = (
    Path(__file__).resolve().parents[3] / "catalogue/data/texts/press-conference.fa.txt"
).read_text(encoding="utf-8")
ZWNJ = "\u200c"


_WRITERS_TEMP = tempfile.TemporaryDirectory(prefix="qoljazba-test-whoosh-")  # gone at exit


class PrivateRamStorage(RamStorage):  # type: ignore[misc]
    """Whoosh's RamStorage gives a writer its temporary files in /tmp/MAIN.tmp, one folder
    shared by every process on the machine (two test suites at once collided there): this one
    gives each writer a folder of its own, in a folder removed when the tests end."""

    def temp_storage(self, name: str | None = None) -> Storage:
        path = Path(_WRITERS_TEMP.name) / f"{name or 'tmp'}-{uuid.uuid4().hex}"
        return FileStorage(str(path)).create()


ANALYZERS: dict[str, Callable[[], Any]] = {
    "persian index": lambda: persian_analyzer(index_time=True),
    "persian query": lambda: persian_analyzer(index_time=False),
    "russian": russian_analyzer,
    "english": english_analyzer,
    "kazakh": kazakh_analyzer,
    "name": name_analyzer,
    "skeleton": skeleton_analyzer,
}


def texts(analyzer: Any, text: str, mode: str = "query") -> list[str]:
    return [token.text for token in analyzer(text, mode=mode)]


def persian_query(text: str, field: str = "fa") -> Query:
    """What the query side does: the words ANDed, or any joined window of them."""
    terms = texts(persian_analyzer(index_time=False), text)
    if len(terms) == 1:
        return Term(field, terms[0])
    joined = [Term(field, compound) for compound in persian_compounds(text.split())]
    return Or([And([Term(field, term) for term in terms]), *joined])


@pytest.fixture
def make_index() -> Callable[[dict[str, str]], Any]:
    def make(documents: dict[str, str]) -> Any:
        schema = Schema(
            id=ID(stored=True, unique=True),
            fa=TEXT(analyzer=persian_analyzer(index_time=True), stored=True),
        )
        index = PrivateRamStorage().create_index(schema)
        with index.writer() as writer:
            for key, text in documents.items():
                writer.add_document(id=key, fa=text)
        return index

    return make


def found(index: Any, query: Query) -> set[str]:
    """What the query finds, with Persian words also cut into the words they join, as
    ``catalogue.search.query`` does."""
    with index.searcher() as searcher:
        widened = split_compounds(query, searcher.reader(), fieldname="fa")
        return {hit["id"] for hit in searcher.search(widened, limit=None)}


# --- The tokenizer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تَوکهخان و شاه", ["تَوکهخان", "و", "شاه"]),
        (f"حمل{ZWNJ}ونقل، لجستیک", [f"حمل{ZWNJ}ونقل", "لجستیک"]),
        ("بـــزرگ", ["بـــزرگ"]),
        ("Тәуке-хан and Tauke 1718", ["Тәуке", "хан", "and", "Tauke", "1718"]),
        ("۳۱۰.۸ میلیون", ["۳۱۰.۸", "میلیون"]),
    ],
)
def test_tokenizer_keeps_persian_words_whole(text: str, expected: list[str]) -> None:
    assert texts(WordTokenizer(), text) == expected


def test_the_stock_analyzer_splits_a_vocalised_word() -> None:
    # Why this module exists (NOTES.md): \w does not match harakat.
    assert texts(StandardAnalyzer(), "تَوکهخان") != ["توکهخان"]
    assert texts(persian_analyzer(index_time=False), "تَوکهخان") == ["توکهخان"]


@pytest.mark.parametrize("name", ["persian index", "persian query", "kazakh", "name", "skeleton"])
def test_every_token_of_the_article_maps_back_to_the_original(name: str) -> None:
    analyzer = ANALYZERS[name]()
    tokens = [
        (token.text, token.pos, token.startchar, token.endchar)
        for token in analyzer(ARTICLE, positions=True, chars=True, mode="index")
    ]
    assert len(tokens) > 800
    previous_pos = -1
    for text, pos, start, end in tokens:
        original = ARTICLE[start:end]
        assert original == original.strip()
        if text.startswith(PAIR_MARK):  # a pair of words: both, at the first one's position
            first, second = text[1:].split(PAIR_MARK)
            assert fold(original).startswith(first) and fold(original).endswith(second)
            assert pos == previous_pos - 1
            continue
        joined = "".join(original.split())  # a compound spans its words and the spaces
        if name == "skeleton":  # words without a consonant (و) are dropped, leaving gaps
            assert text and pos > previous_pos
        else:
            assert fold(joined) == text, (text, original)
            assert pos in (previous_pos, previous_pos + 1)  # compounds are stacked at a word
        previous_pos = pos


def test_offsets_are_the_original_substrings_with_a_start_char() -> None:
    tokens = list(WordTokenizer()(ARTICLE, chars=True, keeporiginal=True, start_char=7))
    assert all(ARTICLE[t.startchar - 7 : t.endchar - 7] == t.original for t in tokens)


# --- Folding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["۱۱۵۰", "١١٥٠", "1150"], ["1150"]),
        (["۳۱۰٫۸", "۳۱۰.۸", "310.8"], ["310.8"]),
        (["تَوکهخان", "توکه\u200cخان", "توکهخان", "تـوکـهخان"], ["توکهخان"]),
        (["بین\u200cالمللی", "بینالمللی", "بينالمللي"], ["بینالمللی"]),
        (["كتاب", "کتاب"], ["کتاب"]),
        (["ТАУКЕ", "Тауке"], ["тауке"]),
    ],
)
def test_fold_filter_makes_forms_one_term(forms: list[str], expected: list[str]) -> None:
    analyzer = WordTokenizer() | FoldFilter()
    assert all(texts(analyzer, form) == expected for form in forms)


def test_digits_in_every_form_find_each_other(make_index: Callable[..., Any]) -> None:
    index = make_index({"fa": "سال ۱۱۵۰ هجری", "ar": "سنة ١١٥٠", "ascii": "1150 AH"})
    for form in ("۱۱۵۰", "١١٥٠", "1150"):
        assert found(index, persian_query(form)) == {"fa", "ar", "ascii"}


# --- Persian compounds ----------------------------------------------------------------------


def test_the_index_holds_words_and_pairs_not_compounds() -> None:
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in persian_analyzer(index_time=True)("حمل و نقل", positions=True, chars=True)
    ]
    assert tokens == [
        ("حمل", 0, 0, 3),
        ("و", 1, 4, 5),
        (pair_term("حمل", "و"), 0, 0, 5),
        ("نقل", 2, 6, 9),
        (pair_term("و", "نقل"), 1, 4, 9),
    ]
    # At query time the same analyzer gives the words only.
    assert texts(persian_analyzer(index_time=True), "حمل و نقل", mode="query") == [
        "حمل",
        "و",
        "نقل",
    ]


@pytest.mark.parametrize(
    ("documents", "word", "cuts"),
    [
        (["حمل و نقل"], "حملونقل", [("حمل", "و", "نقل")]),
        (["حمل ونقل"], "حملونقل", [("حمل", "ونقل")]),
        (["حمل و نقل"], "حملو", [("حمل", "و")]),
        (["حمل، و نقل"], "ونقل", [("و", "نقل")]),
        (["الف ب ج د"], "الفبجد", []),  # four words: not a compound of two or three
        (["الف ب ج د"], "بجد", [("ب", "ج", "د")]),
        (["حمل Tauke نقل"], "حملنقل", []),
        (["حمل و نقل"], "حمل", []),
    ],
)
def test_a_joined_word_is_cut_where_the_index_holds_its_words_side_by_side(
    make_index: Callable[..., Any], documents: list[str], word: str, cuts: list[tuple[str, ...]]
) -> None:
    index = make_index({str(n): text for n, text in enumerate(documents)})
    with index.searcher() as searcher:
        widened = split_compounds(Term("fa", word), searcher.reader(), fieldname="fa")
    phrases = [tuple(q.words) for q in widened.subqueries[1:]] if isinstance(widened, Or) else []
    assert sorted(phrases) == sorted(cuts)


def test_only_plain_persian_words_are_cut(make_index: Callable[..., Any]) -> None:
    index = make_index({"doc": "حمل و نقل"})
    with index.searcher() as searcher:
        reader = searcher.reader()
        for query in (Term("fa", "tauke"), Prefix("fa", "حملو"), Term("other", "حملونقل")):
            assert split_compounds(query, reader, fieldname="fa") == query


COMPOUNDS = {
    "haml-o-naql": (f"حمل{ZWNJ}ونقل", "حمل و نقل", "حملونقل"),
    "beinolmelali": (f"بین{ZWNJ}المللی", "بین المللی", "بینالمللی"),
    "qabel-e-etemad": (f"قابل{ZWNJ}اعتماد", "قابل اعتماد", "قابلاعتماد"),
    "khan-neshin": (f"خان{ZWNJ}نشین", "خان نشین", "خاننشین"),
}
FORMS = ("zwnj", "spaced", "joined")


@pytest.fixture
def compound_index(make_index: Callable[..., Any]) -> Any:
    documents = {
        f"{key}/{form}": f"پروتکل توافق درباره {text} جادهای"
        for key, forms in COMPOUNDS.items()
        for form, text in zip(FORMS, forms, strict=True)
    }
    documents["other"] = "پروتکل توافق درباره حمل کالا و مسافر"
    return make_index(documents)


@pytest.mark.parametrize("query_form", FORMS)
@pytest.mark.parametrize("key", COMPOUNDS)
def test_each_form_of_a_compound_finds_every_form(
    compound_index: Any, key: str, query_form: str
) -> None:
    query = persian_query(COMPOUNDS[key][FORMS.index(query_form)])
    assert found(compound_index, query) == {f"{key}/{form}" for form in FORMS}


@pytest.mark.parametrize(
    "query_text",
    [
        # The article as published writes its compounds joined: بینالمللی, قابلاعتماد, ...
        f"بین{ZWNJ}المللی",
        "بین المللی",
        "بینالمللی",
        f"قابل{ZWNJ}اعتماد",
        "قابل اعتماد",
        "قابلاعتماد",
        f"خان{ZWNJ}نشین",
        "خان نشین",
        "خاننشین",
        f"حمل{ZWNJ}ونقل",
        "حمل و نقل",
        "حملونقل",
        f"ریاست{ZWNJ}جمهوری",
        f"گفت{ZWNJ}وگو",
        "گفت و گو",
        f"سرمایه{ZWNJ}گذاران",
        # vocalised in the article: تَوکهخان
        f"توکه{ZWNJ}خان",
        "توکهخان",
        "توکه خان",
        "تَوکهخان",
        # hamza on waw: the article has both روسای and رؤسای
        "رؤسای",
        "روسای",
        # Persian digits in the article: ۱۹۹۲
        "1992",
    ],
)
def test_the_article_is_found_by_every_form(
    make_index: Callable[..., Any], query_text: str
) -> None:
    index = make_index({"article": ARTICLE, "other": "کتابخانه ملی قزاقستان"})
    assert found(index, persian_query(query_text)) == {"article"}


def test_the_query_parser_reads_zwnj_and_joined_forms(compound_index: Any) -> None:
    parser = QueryParser("fa", compound_index.schema)
    for text in (f"حمل{ZWNJ}ونقل", "حملونقل"):
        query = parser.parse(text)
        assert query == Term("fa", "حملونقل")
        assert found(compound_index, query) == {f"haml-o-naql/{form}" for form in FORMS}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ('"حمل و نقل"', {"haml-o-naql/spaced"}),
        ('"نقل جادهای"', {"haml-o-naql/spaced"}),  # the words after a run keep their positions
        ('"درباره حمل و نقل جادهای"', {"haml-o-naql/spaced"}),
        ('"حمل نقل"', set()),
        ('"حملونقل جادهای"', {"haml-o-naql/zwnj", "haml-o-naql/joined"}),
        ('"درباره حمل"', {"haml-o-naql/spaced", "other"}),
    ],
)
def test_phrases_are_undisturbed_by_compounds(
    compound_index: Any, phrase: str, expected: set[str]
) -> None:
    query = QueryParser("fa", compound_index.schema).parse(phrase)
    assert found(compound_index, query) == expected


@pytest.mark.parametrize(
    ("document", "query_text", "highlighted"),
    [
        ("article", "توکهخان", "تَوکهخان"),  # the original, vocalised
        ("article", "بین المللی", "بینالمللی"),
        ("پروتکل درباره حمل و نقل جادهای", "حملونقل", "حمل"),  # a compound's words
        ("پروتکل درباره حمل و نقل جادهای", "حملونقل", "نقل"),
        (f"پروتکل درباره حمل{ZWNJ}ونقل جادهای", "حملونقل", f"حمل{ZWNJ}ونقل"),
    ],
)
def test_highlights_show_the_original_text(
    make_index: Callable[..., Any], document: str, query_text: str, highlighted: str
) -> None:
    index = make_index({"doc": ARTICLE if document == "article" else document})
    with index.searcher() as searcher:
        query = split_compounds(persian_query(query_text), searcher.reader(), fieldname="fa")
        hits = searcher.search(query)
        hits.formatter = HtmlFormatter(tagname="mark", classname="m", termclass="t")
        snippet = hits[0].highlights("fa")
    assert re.search(f'<mark class="m t\\d+">{re.escape(highlighted)}</mark>', snippet), snippet


# --- Stemming -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("analyzer", "forms"),
    [
        (english_analyzer, ["running", "runs", "run", "Run"]),
        (english_analyzer, ["manuscripts", "manuscript", "Manuscript's"]),
        (english_analyzer, ["embassies", "embassy"]),
        (russian_analyzer, ["рукописи", "рукопись", "рукописей", "рукописью", "Рукописях"]),
        (russian_analyzer, ["летопись", "летописи", "летописей"]),
        (russian_analyzer, ["надпись", "надписи"]),
        (russian_analyzer, ["Алёна", "Алена", "АЛЁНА"]),
        (russian_analyzer, ["ханство", "ханства", "ханств"]),
    ],
)
def test_stemming_makes_forms_one_term(analyzer: Callable[[], Any], forms: list[str]) -> None:
    stems = {texts(analyzer(), form)[0] for form in forms}
    assert len(stems) == 1, stems


def test_english_is_not_whooshs_stemming_analyzer() -> None:
    assert texts(StemmingAnalyzer(), "running") == ["runn"]
    assert texts(english_analyzer(), "running") == ["run"]


def test_russian_text_is_found_by_another_form(make_index: Callable[..., Any]) -> None:
    schema = Schema(id=ID(stored=True), ru=TEXT(analyzer=russian_analyzer()))
    index = PrivateRamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(id="a", ru="Рукописи, что видела Алёна, о Тауке-хане")
        writer.add_document(id="b", ru="Карты Великой степи")
    parser = QueryParser("ru", schema)
    for text in ("рукопись", "рукописей", "Алена", "тауке", "ханом"):
        assert found(index, parser.parse(text)) == {"a"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Қазақтар ҚАЗАҚ қазақ", ["қазақтар", "қазақ", "қазақ"]),  # unstemmed, folded
        ("Әбілқайыр хандығы", ["әбілқайыр", "хандығы"]),
    ],
)
def test_kazakh_is_folded_not_stemmed(text: str, expected: list[str]) -> None:
    assert texts(kazakh_analyzer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Тәуке хан", ["тәуке", "хан"]),
        ("Tauke Khan", ["tauke", "khan"]),
        ("تَوکه خان", ["توکه", "خان"]),
        ("Abu'l-Khair", ["abu", "l", "khair"]),
        ("Надир-шах Афшар", ["надир", "шах", "афшар"]),
    ],
)
def test_names_are_folded_in_every_script(text: str, expected: list[str]) -> None:
    assert texts(name_analyzer(), text) == expected


# --- Skeletons ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Tauke", "Täuke", "Тәуке", "Тауке", "توکه", "تاوکه", "Tevke"], ["tk"]),
        (["Nader", "Nadir", "Надир", "نادر"], ["ndr"]),
        (["Abulkhair", "Abu'l-Khair", "Әбілқайыр", "ابوالخیر"], ["blkr"]),
        (["Tauke Khan", "Тәуке хан", "توکه خان"], ["tk", "kn"]),
        (["Ai 1718"], []),
    ],
)
def test_skeleton_analyzer(names: list[str], expected: list[str]) -> None:
    assert all(texts(skeleton_analyzer(), name) == expected for name in names)


def test_a_name_is_found_by_its_skeleton_in_another_script() -> None:
    schema = Schema(id=ID(stored=True), skeleton=TEXT(analyzer=skeleton_analyzer()))
    index = PrivateRamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(id="tauke", skeleton="Тәуке хан")
        writer.add_document(id="nader", skeleton="نادر شاه")
    parser = QueryParser("skeleton", schema)
    assert found(index, parser.parse("Tevke")) == {"tauke"}
    assert found(index, parser.parse("Nadir")) == {"nader"}


# --- Pickling (the schema is pickled into the index) --------------------------------------


def _all_tokens(analyzer: Any) -> Iterator[tuple[str, int]]:
    sample = f"{ARTICLE[:400]} Рукописи Алёна running Tauke Тәуке"
    for token in analyzer(sample, positions=True, mode="index"):
        yield token.text, token.pos


@pytest.mark.parametrize("name", ANALYZERS)
def test_analyzers_survive_pickling(name: str) -> None:
    analyzer = ANALYZERS[name]()
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer
    assert list(_all_tokens(restored)) == list(_all_tokens(analyzer))


def test_an_index_reopened_from_storage_analyzes_alike() -> None:
    storage = PrivateRamStorage()
    schema = Schema(
        id=ID(stored=True),
        fa=TEXT(analyzer=persian_analyzer(index_time=True)),
        ru=TEXT(analyzer=russian_analyzer()),
        en=TEXT(analyzer=english_analyzer()),
    )
    with storage.create_index(schema).writer() as writer:
        writer.add_document(id="a", fa="حمل و نقل", ru="рукописи", en="running")
    reopened = storage.open_index()
    for field, text in (("fa", "حملونقل"), ("ru", "рукопись"), ("en", "runs")):
        query = QueryParser(field, reopened.schema).parse(text)
        assert found(reopened, query) == {"a"}


# --- Word pairs -----------------------------------------------------------------------------


def test_pairs_are_consecutive_words_at_the_first_ones_position() -> None:
    tokens = [
        (token.text, token.pos)
        for token in english_analyzer()("The running horses", positions=True, mode="index")
    ]
    assert tokens == [
        ("the", 0),
        ("run", 1),
        (pair_term("the", "run"), 0),
        ("hors", 2),
        (pair_term("run", "hors"), 1),
    ]


def test_compounds_are_not_paired_and_queries_get_no_pairs() -> None:
    analyzer = persian_analyzer(index_time=True)
    index = [t.text for t in analyzer("حمل و نقل", positions=True, mode="index")]
    pairs = [text for text in index if text.startswith(PAIR_MARK)]
    assert pairs == [pair_term("حمل", "و"), pair_term("و", "نقل")]
    query = [t.text for t in persian_analyzer(index_time=True)("حمل و نقل", mode="query")]
    assert query == ["حمل", "و", "نقل"]
