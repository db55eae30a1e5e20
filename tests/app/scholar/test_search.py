"""/search and /api/search: shareable, forgiving, escaped, and true to the OpenAPI document."""

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import context, create_app
from catalogue.search import SearchIndex
from tests.conftest import make_settings


def test_search_page_finds_a_person_in_any_script(client: FlaskClient) -> None:
    for query in ("Tauke", "Тәуке", "توکه"):
        page = client.get("/search", query_string={"q": query, "lang": "en"})
        assert page.status_code == 200
        assert 'href="/people/tauke-khan"' in page.get_data(as_text=True), query


def test_empty_query_browses_everything_with_facets(client: FlaskClient) -> None:
    body = client.get("/api/search?per_page=5").get_json()
    assert body["total"] > 70
    kinds = {f["value"]: f["count"] for f in body["facets"]["kind"]}
    assert kinds["manuscript"] == 27 and kinds["person"] == 13


def test_facet_links_filter_and_are_shareable(client: FlaskClient) -> None:
    page = client.get("/search?q=&kind=person&lang=en").get_data(as_text=True)
    assert "13 results" in page
    assert 'href="/search?q=&amp;lang=en"' in page or "kind=person" in page


def test_api_matches_its_schema(client: FlaskClient) -> None:
    from tests.app.scholar.test_api import _check

    spec = client.get("/api/openapi.json").get_json()
    body = client.get("/api/search?q=Nader&lang=en").get_json()
    _check(spec, "SearchResults", body)
    assert body["hits"][0]["id"] == "nader-shah"
    assert body["hits"][0]["url"].endswith("/people/nader-shah")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("q=x&sort=sideways", 400),
        ("q=x&page=0", 400),
        ("q=x&per_page=1000", 400),
        ("q=x&from=abc", 400),
        ("q=x&from=1800&to=1700", 400),
        ("q=x&cal=julian", 400),
        ("q=x&page=²", 400),  # str.isdigit() accepts these; int() refuses them
        ("q=x&per_page=①", 400),
        ("q=x&page=" + "1" * 5000, 400),  # int() refuses more than 4300 digits
        ("q=x&from=--1", 400),
        ("q=x&from=²", 400),
        ("q=x&to=①", 400),
        ("q=x&page=٣", 400),  # page numbers are ASCII, as links write them
        ("q=x&from=۱۲۰۰&to=١٣٠٠", 200),  # a year typed on a Persian or Arabic keyboard
        ("q=x&colour=red", 200),  # unknown parameters are ignored
    ],
)
def test_bad_parameters_get_a_clear_400(client: FlaskClient, query: str, status: int) -> None:
    assert client.get(f"/api/search?{query}").status_code == status
    page = client.get(f"/search?{query}&lang=en")
    assert page.status_code == status
    assert "Traceback" not in page.get_data(as_text=True)


def test_a_blank_year_is_no_bound_on_the_page_and_a_400_in_the_api(client: FlaskClient) -> None:
    assert client.get("/search?q=Nader&from=&to=&lang=en").status_code == 200  # the form's blanks
    assert client.get("/api/search?q=Nader&from=").status_code == 400


def test_broken_syntax_gets_results_and_a_notice(client: FlaskClient) -> None:
    body = client.get('/api/search?q=Nader AND (OR "').get_json()
    assert body["total"] >= 1


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "at most 2 changed letters"),
        ("ru", "не больше 2"),
        ("kk", "ең көбі 2"),
        ("fa", "حداکثر 2"),
    ],
)
def test_an_unbounded_close_match_gets_a_translated_notice(
    client: FlaskClient, lang: str, words: str
) -> None:
    for text in ("abcdefghijklmnopqrst~6", "tauke~99"):
        page = client.get("/search", query_string={"q": text, "lang": lang})
        assert page.status_code == 200 and words in page.get_data(as_text=True), text
        body = client.get("/api/search", query_string={"q": text, "lang": lang}).get_json()
        assert any(words in notice for notice in body["notices"]), text


def test_a_pattern_of_every_word_is_answered_with_a_notice(client: FlaskClient) -> None:
    body = client.get("/api/search", query_string={"q": "?*", "lang": "en"}).get_json()
    assert body["total"] > 0 and any("too many words" in n for n in body["notices"])
    assert client.get("/api/search", query_string={"q": "**********"}).get_json()["total"] > 70


def test_a_search_is_a_503_while_every_search_slot_is_taken(
    client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.scholar import arguments
    from catalogue.iiif.slots import Slots

    monkeypatch.setattr(arguments, "SEARCH_WAIT_SECONDS", 0.05)
    slots = Slots(tmp_path / ".slots", "search", 2, 0)
    with slots.take(), slots.take():
        for url in ("/api/search?q=Tauke", "/search?q=Tauke&lang=en", "/search?q=Tauke&format=csv"):
            busy = client.get(url)
            assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1, url
        assert client.get("/kiosk/en/").status_code == 200  # the kiosk never waits for them
        russian = client.get("/api/search?q=Tauke&lang=ru").get_json()["error"]["message"]
        assert russian.startswith("сейчас выполняется много поисков")  # in the asker's language
    assert client.get("/api/search?q=Tauke").status_code == 200


def test_snippets_and_echo_are_escaped(client: FlaskClient) -> None:
    evil = "<script>alert(1)</script> Tauke"
    page = client.get("/search", query_string={"q": evil}).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    body = client.get("/api/search", query_string={"q": "Tauke"}).get_json()
    for hit in body["hits"]:
        assert "<script" not in hit["snippet"]


CHARACTERS = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf")
) | st.sampled_from(list('"()*~:^-+\u200c\u0640\x00'))


WORDS = [
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "name:",
    "kind:",
    "nowhere:",
    '"',
    "(",
    ")",
    "*",
    "~2",
    "~9",
    "**",
    "?*",
]
QUERIES = st.lists(
    st.one_of(st.text(CHARACTERS, max_size=10), st.sampled_from(WORDS)), max_size=12
).map(" ".join)


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=QUERIES)
def test_random_queries_never_fail_in_the_api(client: FlaskClient, text: str) -> None:
    response = client.get("/api/search", query_string={"q": text, "per_page": "3"})
    assert response.status_code == 200, text


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=QUERIES)
def test_random_queries_never_fail_on_the_page(client: FlaskClient, text: str) -> None:
    page = client.get("/search", query_string={"q": text, "lang": "fa"})
    assert page.status_code == 200, text


def test_index_state_is_in_healthz(client: FlaskClient) -> None:
    body = client.get("/healthz").get_json()
    assert body["index"]["ok"] is True and body["index"]["documents"] > 70


def test_search_is_unavailable_not_broken_without_an_index(
    tmp_path: Path, shipped_url: str
) -> None:
    made = create_app({"SETTINGS": make_settings(tmp_path, shipped_url), "TESTING": True})
    client = made.test_client()
    assert client.get("/api/search?q=x").status_code == 503
    assert client.get("/search?q=x").status_code == 503
    assert client.get("/healthz").get_json()["status"] == "degraded"
    with made.app_context():
        context.database().dispose()
    assert isinstance(SearchIndex(tmp_path / "index"), SearchIndex)
