"""Numbers and dates in query strings: Unicode digits and the ends of time never give a 5xx."""

from __future__ import annotations

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SECTIONS = ["manuscripts", "people", "places", "events", "sources", "collections"]
SEARCH = ("page", "per_page", "from", "to")
# Every public route that reads a whole number from its query string, with those parameters.
INTEGER_PARAMETERS: list[tuple[str, tuple[str, ...]]] = [
    ("/search?q=Tauke", SEARCH),
    ("/search?q=Tauke&format=csv", SEARCH),  # the search's export
    ("/api/search?q=Tauke", SEARCH),
    *((f"/api/{section}", ("page", "per_page")) for section in SECTIONS),
    *((f"/{section}/", ("page",)) for section in SECTIONS),
    ("/export/catalogue.csv", ("page",)),
]
DATE_PARAMETERS: list[tuple[str, tuple[str, ...]]] = [
    *((f"/api/{section}", ("updated_since",)) for section in SECTIONS),
    ("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc", ("from", "until")),
    ("/oai?verb=ListRecords&metadataPrefix=oai_dc", ("until",)),
]

# ², ①, Arabic-Indic ٣ and Persian ۳ and the like: str.isdigit() or int() accepts some of them.
UNICODE_DIGITS = st.one_of(
    st.sampled_from(["²", "①", "٣", "۳", "١٢٠٠", "۱۲۰۰", "¹²", "⑳", "Ⅻ", "--1", "-²", "1_0"]),
    st.text(st.characters(categories=["N"]), min_size=1, max_size=8),
    st.tuples(
        st.sampled_from(["", "-", "+", " "]), st.text(st.characters(categories=["Nd"]), min_size=1)
    ).map("".join),
    st.integers(1, 6000).map(lambda n: "9" * n),
)
EXTREME_DATES = st.one_of(
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
            "9999-12-31T23:59:59.999999-14:00",
            "۲۰۲۶-۰۱-۰۱",
            "2026-²-01",
        ]
    ),
    st.datetimes(timezones=st.timezones() | st.none()).map(lambda moment: moment.isoformat()),
    st.dates().map(lambda day: day.isoformat()),
)


def _url(route: str, values: dict[str, str]) -> tuple[str, dict[str, str]]:
    path, _, query = route.partition("?")
    fixed = dict(part.split("=", 1) for part in query.split("&") if part)
    return path, {**fixed, **values}


def _choices(
    table: list[tuple[str, tuple[str, ...]]], values: st.SearchStrategy[str]
) -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    return st.sampled_from(table).flatmap(
        lambda entry: st.tuples(
            st.just(entry[0]),
            st.dictionaries(st.sampled_from(entry[1]), values, min_size=1),
        )
    )


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(choice=_choices(INTEGER_PARAMETERS, UNICODE_DIGITS))
def test_unicode_digits_in_any_integer_parameter_never_give_a_server_error(
    client: FlaskClient, choice: tuple[str, dict[str, str]]
) -> None:
    path, query = _url(*choice)
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (path, query)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(choice=_choices(DATE_PARAMETERS, EXTREME_DATES))
def test_extreme_dates_in_any_date_parameter_never_give_a_server_error(
    client: FlaskClient, choice: tuple[str, dict[str, str]]
) -> None:
    path, query = _url(*choice)
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (path, query)
