"""OAI-PMH requests: arguments, datestamps and signed, expiring resumption tokens."""

from __future__ import annotations

import datetime

import pytest

from catalogue.oai.protocol import OAIError, make_token, parse_datestamp, parse_request

NOW = datetime.datetime(2026, 11, 24, 12, 0, 0, tzinfo=datetime.UTC)


def _list(**extra: str) -> dict[str, list[str]]:
    return {
        "verb": ["ListRecords"],
        "metadataPrefix": ["oai_dc"],
        **{k: [v] for k, v in extra.items()},
    }


@pytest.mark.parametrize(
    ("text", "granularity"),
    [("2026-11-24", "YYYY-MM-DD"), ("2026-11-24T10:11:12Z", "YYYY-MM-DDThh:mm:ssZ")],
)
def test_both_granularities_are_read(text: str, granularity: str) -> None:
    assert parse_datestamp("from", text).granularity == granularity


@pytest.mark.parametrize(
    "text", ["2026-11-24T10:11Z", "2026-11-24T10:11:12", "24.11.2026", "2026-13-01", "2026-1-1"]
)
def test_other_dates_are_bad_arguments(text: str) -> None:
    with pytest.raises(OAIError) as raised:
        parse_datestamp("from", text)
    assert raised.value.code == "badArgument"


def test_until_a_day_includes_the_whole_day() -> None:
    request = parse_request(_list(until="2026-11-24"), "s", NOW)
    assert request.end == datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59:59Z"])
def test_until_the_last_day_datetime_holds_is_everything(until: str) -> None:
    # Harvesters send it for "up to now"; the day after it is beyond datetime's range.
    start = "9999-01-01" + until[10:]  # the same granularity
    request = parse_request(_list(until=until, **{"from": start}), "s", NOW)
    assert request.end is None
    assert request.start == parse_datestamp("from", start).moment


def test_a_token_resumes_with_the_original_arguments() -> None:
    first = parse_request(_list(set="kind:person", **{"from": "2026-01-01"}), "s", NOW)
    token, expires = make_token(first, ("2026-02-01T00:00:00Z", "x"), 7, NOW, "s", NOW)
    assert expires > NOW
    resumed = parse_request({"verb": ["ListRecords"], "resumptionToken": [token]}, "s", NOW)
    assert (resumed.prefix, resumed.set_spec, resumed.start) == (
        "oai_dc",
        "kind:person",
        first.start,
    )
    assert resumed.after == ("2026-02-01T00:00:00Z", "x") and resumed.cursor == 7


@pytest.mark.parametrize("case", ["other key", "expired", "other verb", "edited"])
def test_bad_tokens_are_refused(case: str) -> None:
    request = parse_request(_list(), "s", NOW)
    token, _ = make_token(request, ("a", "b"), 1, NOW, "s", NOW)
    verb, secret, now = "ListRecords", "s", NOW
    if case == "other key":
        secret = "t"
    elif case == "expired":
        now = NOW + datetime.timedelta(days=2)
    elif case == "other verb":
        verb = "ListIdentifiers"
    else:
        token = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    with pytest.raises(OAIError) as raised:
        parse_request({"verb": [verb], "resumptionToken": [token]}, secret, now)
    assert raised.value.code == "badResumptionToken"
