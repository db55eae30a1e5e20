"""Queries over the shipped catalogue: one or more per rule, with the records expected."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.dates.calendars import Calendar
from catalogue.search import QueryError, SearchIndex, SearchQuery, search
from catalogue.search.query import parse
from tests.catalogue.search.conftest import keys, run

# Each group: every spelling must find exactly the same records, and these records.
PERSIAN_FORMS = [
    # Arabic yeh and kaf, tatweel, harakat: the same letters to the index
    (["توكه", "تـوکه", "تَوکه", "توکه"], {"person:tauke-khan", "person:kassym-jomart-tokayev"}),
    # teh marbuta folds to heh
    (["منطقة", "منطقه"], {"place:mangystau-region", "source:press-article"}),
    # compounds: with ZWNJ, with a space, run together (as the article prints them)
    (["بین‌المللی", "بین المللی", "بینالمللی"], {"source:press-article"}),
    (["قابل‌اعتماد", "قابل اعتماد", "قابلاعتماد"], {"source:press-article"}),
    (["حمل‌ونقل", "حمل و نقل", "حملونقل"], {"place:caspian-sea", "source:press-article"}),
]


@pytest.mark.parametrize(("forms", "expected"), PERSIAN_FORMS)
def test_persian_spellings_find_the_same_records(
    shipped_index: SearchIndex, forms: list[str], expected: set[str]
) -> None:
    for form in forms:
        assert set(keys(run(shipped_index, form))) == expected, form


@pytest.mark.parametrize(
    "forms", [["ايران", "ایران"], ["۲۷", "٢٧", "27"], ["آستانه", "استانه", "أستانه"]]
)
def test_yeh_digits_and_alef_variants_are_one(shipped_index: SearchIndex, forms: list[str]) -> None:
    found = [set(keys(run(shipped_index, form))) for form in forms]
    assert found[0] and all(f == found[0] for f in found)


def test_snippets_show_the_original_text(shipped_index: SearchIndex) -> None:
    [hit] = run(shipped_index, "بین‌المللی").hits  # typed with a ZWNJ
    assert "بینالمللی</mark>" in hit.snippet  # shown as the article prints it


NAME_VARIANTS = [
    ("person:tauke-khan", ["Tauke", "Täuke", "Тәуке", "Тауке", "توکه", "تاوکه", "Tevke", "Тевкей"]),
    ("person:nader-shah", ["Nader", "Nadir", "Надир", "نادر"]),
    ("person:abulkhair-khan", ["Abulkhair", "Әбілқайыр", "ابوالخیر"]),
    ("person:ferdowsi", ["Ferdowsi", "Фирдоуси", "فردوسی"]),
    ("place:isfahan", ["Isfahan", "Исфахан", "اصفهان"]),
    ("person:khoja-ahmed-yasawi", ["Yasawi", "Ясауи", "یسوی"]),
]


@pytest.mark.parametrize(("expected", "variants"), NAME_VARIANTS)
def test_names_in_every_script_find_the_record_first(
    shipped_index: SearchIndex, expected: str, variants: list[str]
) -> None:
    kind = expected.split(":")[0]
    for variant in variants:
        found = keys(run(shipped_index, variant, filters={"kind": (kind,)}))
        assert found and found[0] == expected, variant


@pytest.mark.parametrize(
    ("misspelling", "expected"),
    [
        ("Touke", "person:tauke-khan"),
        ("Abulkhayr", "person:abulkhair-khan"),
        ("Firdausi", "person:ferdowsi"),
    ],
)
def test_close_misspellings_still_find_the_name(
    shipped_index: SearchIndex, misspelling: str, expected: str
) -> None:
    found = keys(run(shipped_index, misspelling, filters={"kind": (expected.split(":")[0],)}))
    assert found[0] == expected


def test_exact_variants_rank_above_skeleton_matches(shipped_index: SearchIndex) -> None:
    results = run(shipped_index, "Tauke", filters={"kind": ("person",)})
    scores = {f"{h.kind}:{h.record_id}": h.score for h in results.hits}
    assert scores["person:tauke-khan"] > scores["person:kassym-jomart-tokayev"]


@pytest.mark.parametrize(
    ("forms", "kind", "expected"),
    [
        (
            ["envoy", "envoys"],
            "event",
            {"event:abulkhair-envoy-nader-shah", "event:iranian-envoy-kazakh-steppes"},
        ),
        (["послы", "послов"], "event", None),
        (["партнерства", "партнёрства"], "place", None),  # ё and е are one letter
        (["қолжазба", "қолжазбалар"], "collection", {"collection:iran-kazakhstan-27"}),  # prefix
    ],
)
def test_stemming_folding_and_kazakh_prefixes(
    shipped_index: SearchIndex, forms: list[str], kind: str, expected: set[str] | None
) -> None:
    found = [set(keys(run(shipped_index, f, filters={"kind": (kind,)}))) for f in forms]
    assert found[0] and all(f == found[0] for f in found), forms
    if expected is not None:
        assert found[0] == expected


def test_a_span_of_years_in_either_calendar(shipped_index: SearchIndex) -> None:
    ce = set(keys(run(shipped_index, filters={"kind": ("event",)}, year_from=1722, year_to=1722)))
    assert "event:fall-of-isfahan" in ce
    assert "event:taikazan-casting" not in ce
    # 1134 AH ran from October 1721 to October 1722.
    ah = set(
        keys(
            run(
                shipped_index,
                filters={"kind": ("event",)},
                year_from=1134,
                year_to=1134,
                calendar=Calendar.HIJRI,
            )
        )
    )
    assert "event:fall-of-isfahan" in ah and ah <= ce | ah


def test_centuries_in_both_calendars_are_facets(shipped_index: SearchIndex) -> None:
    expected = {"event:taikazan-casting", "event:yasawi-mausoleum-construction"}  # 1399, 1389
    assert set(keys(run(shipped_index, filters={"century": ("ce14",), "kind": ("event",)}))) == (
        expected
    )
    # 1389 and 1399 CE are 791 and 801–802 AH: the 8th and 9th centuries AH.
    assert "event:taikazan-casting" in keys(run(shipped_index, filters={"century": ("ah9",)}))
    assert "event:yasawi-mausoleum-construction" in keys(
        run(shipped_index, filters={"century": ("ah8",)})
    )


def test_hits_carry_dates_for_both_calendars(shipped_index: SearchIndex) -> None:
    [hit] = run(shipped_index, "Isfahan", filters={"kind": ("event",), "century": ("ce18",)}).hits[
        :1
    ]
    assert hit.date_from is not None and hit.date_from.year == 1722


def test_every_facet_counts(shipped_index: SearchIndex) -> None:
    facets = run(shipped_index).facets
    assert dict(facets["kind"]) == {
        "manuscript": 27,
        "person": 13,
        "place": 19,
        "event": 16,
        "source": 2,
        "collection": 1,
    }
    for name in ("century", "person", "place", "subject", "language"):
        assert facets[name], name


@pytest.mark.parametrize(
    ("facet", "value", "expected_in"),
    [
        ("person", "tauke-khan", "event:tauke-sultan-husayn-contacts"),
        ("place", "isfahan", "event:fall-of-isfahan"),
        ("subject", "mineral_exploration", "collection:iran-kazakhstan-27"),
        ("language", "fa", "source:press-article"),
    ],
)
def test_facet_filters(
    shipped_index: SearchIndex, facet: str, value: str, expected_in: str
) -> None:
    found = keys(run(shipped_index, filters={facet: (value,)}))
    assert expected_in in found
    assert len(found) < 78


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Nader AND Abulkhair", {"event:abulkhair-envoy-nader-shah"}),
        ('"Shah Sultan Husayn" kind:person', {"person:shah-sultan-husayn"}),
        ("kind:person Isfahan NOT Nader", {"person:shah-sultan-husayn"}),
        ("name:Ferdowsi OR name:Hafez", {"person:ferdowsi", "person:hafez"}),
        ("kind:place Isfah*", {"place:isfahan"}),
        ("kind:person Nadr~", {"person:nader-shah"}),
    ],
)
def test_query_syntax(shipped_index: SearchIndex, query: str, expected: set[str]) -> None:
    found = set(keys(run(shipped_index, query)))
    assert expected <= found, query
    if "NOT" in query:
        assert "person:nader-shah" not in found


def test_sorting_and_pages(shipped_index: SearchIndex) -> None:
    by_date = run(shipped_index, filters={"kind": ("event",)}, sort="date").hits
    dates = [h.date_from for h in by_date if h.date_from]
    assert dates == sorted(dates) and by_date[0].record_id == "yasawi-mausoleum-construction"
    first = search(shipped_index, SearchQuery(sort="title", per_page=10, lang="en"))
    second = search(shipped_index, SearchQuery(sort="title", per_page=10, page=2, lang="en"))
    assert first.total == second.total == 78 and first.pages == 8
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_empty_query_browses_everything(shipped_index: SearchIndex) -> None:
    assert run(shipped_index).total == 78


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(sort="sideways"),
        SearchQuery(page=0),
        SearchQuery(per_page=0),
        SearchQuery(filters={"colour": ("red",)}),
        SearchQuery(year_from=1800, year_to=1700),
    ],
)
def test_bad_requests_raise_a_clear_error(shipped_index: SearchIndex, query: SearchQuery) -> None:
    with pytest.raises(QueryError):
        search(shipped_index, query)


SYNTAX = ["AND", "OR", "NOT", "ANDNOT", "name:", "kind:", "nowhere:", '"', "(", ")", "*", "~", "^2"]
SYNTAX += ["~9", "~2/1", "**", "?*", "*?*"]  # fuzzy and wildcard terms past their bounds
QUERY_TEXT = st.lists(
    st.one_of(
        st.text(max_size=12), st.sampled_from(SYNTAX), st.sampled_from(["توکه", "\u200c", "ـ"])
    ),
    max_size=10,
).map(" ".join)


@settings(max_examples=3000, deadline=None)
@given(text=QUERY_TEXT)
def test_the_parser_reads_anything(text: str) -> None:
    notices: list[str] = []
    assert parse(text, notices) is not None


@settings(max_examples=500, deadline=None)
@given(text=QUERY_TEXT)
def test_search_answers_anything(shipped_index_path: object, text: str) -> None:
    from pathlib import Path

    assert isinstance(shipped_index_path, Path)
    index = SearchIndex(shipped_index_path)
    try:
        results = search(index, SearchQuery(text=text, per_page=3))
        assert results.total >= 0
    finally:
        index.close()
