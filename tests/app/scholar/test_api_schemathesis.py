"""Schemathesis against /api/openapi.json on a real server (loopback port): every operation.

Schemathesis generates requests from the OpenAPI document (valid ones and, for its negative
checks, invalid ones), sends them over HTTP to the application served by Werkzeug on
127.0.0.1, and checks every answer: no server error, the documented status codes, content
types and headers, and bodies valid against the documented schemas. The number of examples
per operation is bounded so that the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

MAX_EXAMPLES = 25
# What people and harvesters type where a number or a date belongs: superscripts, circled
# digits, Arabic-Indic and Persian digits (str.isdigit() or int() accepts some), and dates
# at the ends of what datetime holds, with offsets that push them beyond.
UNICODE_DIGITS = st.sampled_from(
    ["²", "①", "٣", "۳", "١٢٠٠", "۱۲۰۰", "¹²", "⑳", "--1", "-²", "9" * 500]
) | st.text(st.characters(categories=["N"]), min_size=1, max_size=6)
EXTREME_DATES = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00:00+05:00",
        "0001-01-01T00:00:00-05:00",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59.999999+14:00",
        "۲۰۲۶-۰۱-۰۱",
    ]
)


@pytest.fixture
def api_schema(app: Flask, live_server: Callable[[Flask], str]) -> schemathesis.BaseSchema:
    """The API's own OpenAPI document, fetched over HTTP from the running server."""
    return schemathesis.openapi.from_url(live_server(app) + "/api/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI must not pass or fail by chance
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    excluded = []
    if case.operation.path == "/api/search":
        # One rule crosses parameters, which OpenAPI cannot say: a span of years that ends
        # before it begins (from=2000&to=1900) is refused with 400, as it should be.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(timeout=30, excluded_checks=excluded)


def _odd_values(parameter: Any) -> st.SearchStrategy[str] | None:
    schema = parameter.definition.get("schema", {})
    if schema.get("type") == "integer" or schema.get("items", {}).get("type") == "integer":
        return UNICODE_DIGITS
    if schema.get("format") in ("date", "date-time"):
        return EXTREME_DATES
    return None


def flatmap_query(context: Any, query: dict[str, Any] | None) -> st.SearchStrategy[Any]:
    """The generated query with some integer and date parameters given odd values."""
    odd = {p.name: _odd_values(p) for p in context.operation.query}
    chosen = {name: st.none() | values for name, values in odd.items() if values is not None}
    if not chosen:
        return st.just(query)
    return st.fixed_dictionaries(chosen).map(
        lambda drawn: {**(query or {}), **{k: v for k, v in drawn.items() if v is not None}}
    )


@pytest.fixture
def odd_values_schema(api_schema: schemathesis.BaseSchema) -> schemathesis.BaseSchema:
    """The API's document, its generated queries given odd numbers and dates (this test only)."""
    api_schema.hooks.hook(flatmap_query)
    return api_schema


odd_values = schemathesis.pytest.from_fixture("odd_values_schema")


@odd_values.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_unicode_digits_and_extreme_dates_never_give_a_server_error(case: Any) -> None:
    # The values are outside the document's schemas, so only one check applies: no 5xx.
    case.call_and_validate(timeout=30, checks=[not_a_server_error])
