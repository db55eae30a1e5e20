"""OAI-PMH requests: verbs and their arguments, datestamps, and stateless resumption tokens."""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # verb: (required arguments, optional arguments); resumptionToken is exclusive.
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
    "ListIdentifiers": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set", "resumptionToken"}),
    ),
    "ListRecords": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set", "resumptionToken"}),
    ),
}
TOKEN_LIFETIME = datetime.timedelta(hours=24)
DAY = "YYYY-MM-DD"
SECOND = "YYYY-MM-DDThh:mm:ssZ"


class OAIError(Exception):
    """A protocol error: `code` is one of OAI-PMH's error codes, the message says what was wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Datestamp:
    """A from/until bound as given, with the granularity it was given in."""

    text: str
    granularity: str
    moment: datetime.datetime  # the first second the bound names


@dataclass(frozen=True)
class OAIRequest:
    """A validated request; list requests carry their position (after) once resumed."""

    verb: str
    arguments: Mapping[str, str]  # as received, echoed in the response's <request>
    identifier: str | None = None
    prefix: str | None = None
    set_spec: str | None = None
    start: datetime.datetime | None = None  # inclusive
    end: datetime.datetime | None = None  # exclusive
    after: tuple[str, str] | None = None  # (datestamp, identifier) of the last item sent
    cursor: int = 0
    snapshot: datetime.datetime | None = None  # changes after this wait for the next harvest


def format_datestamp(moment: datetime.datetime) -> str:
    """A UTC datestamp at the repository's granularity (seconds)."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datestamp(name: str, text: str) -> Datestamp:
    """A from/until value in either granularity; badArgument otherwise."""
    for pattern, granularity in (("%Y-%m-%d", DAY), ("%Y-%m-%dT%H:%M:%SZ", SECOND)):
        try:
            moment = datetime.datetime.strptime(text, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if len(text) == len(granularity):
            return Datestamp(text, granularity, moment)
    raise OAIError("badArgument", f"{name} must be a UTC date {DAY} or {SECOND}, not {text[:40]!r}")


def _single(params: Mapping[str, Sequence[str]]) -> dict[str, str]:
    single: dict[str, str] = {}
    for name, values in params.items():
        if len(values) != 1:
            raise OAIError("badArgument", f"the argument {name!r} is repeated")
        single[name] = values[0]
    return single


def parse_request(
    params: Mapping[str, Sequence[str]], secret: str, now: datetime.datetime
) -> OAIRequest:
    """Check a request's verb and arguments (GET query or POST form, every value as sent)."""
    verbs = params.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        shown = ", ".join(repr(v[:40]) for v in verbs) or "none"
        raise OAIError("badVerb", f"the verb must be one of {', '.join(VERBS)} (got {shown})")
    verb = verbs[0]
    arguments = _single({k: v for k, v in params.items() if k != "verb"})
    required, optional = VERBS[verb]
    unknown = set(arguments) - required - optional
    if unknown:
        raise OAIError("badArgument", f"{verb} takes no argument {sorted(unknown)[0]!r}")
    echoed = {"verb": verb, **arguments}
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", "resumptionToken must be the only argument besides verb")
        return _resume(verb, echoed, arguments["resumptionToken"], secret, now)
    missing = required - set(arguments)
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument {sorted(missing)[0]!r}")
    request = OAIRequest(
        verb=verb,
        arguments=echoed,
        identifier=arguments.get("identifier"),
        prefix=arguments.get("metadataPrefix"),
        set_spec=arguments.get("set"),
    )
    return _with_dates(request, arguments.get("from"), arguments.get("until"))


def _with_dates(request: OAIRequest, start: str | None, until: str | None) -> OAIRequest:
    lower = parse_datestamp("from", start) if start else None
    upper = parse_datestamp("until", until) if until else None
    if lower and upper and lower.granularity != upper.granularity:
        raise OAIError("badArgument", "from and until must have the same granularity")
    end = None
    if upper is not None:
        # until is inclusive: the whole day, or the whole second, it names.
        step = (
            datetime.timedelta(days=1)
            if upper.granularity == DAY
            else datetime.timedelta(seconds=1)
        )
        try:
            end = upper.moment + step
        except OverflowError:
            # until=9999-12-31, which harvesters send for "up to now": the moment after it is
            # beyond datetime's range, and nothing is later, so there is no upper bound.
            end = None
    if lower and end and lower.moment >= end:
        raise OAIError("badArgument", "from is later than until")
    return replace(request, start=lower.moment if lower else None, end=end)


# Resumption tokens are stateless: the request's arguments and position, signed so that a
# token cannot be forged or edited, with an expiry. Any server process can resume any token.


def _sign(payload: bytes, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"oai-token:" + payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(
    request: OAIRequest,
    after: tuple[str, str],
    cursor: int,
    snapshot: datetime.datetime,
    secret: str,
    now: datetime.datetime,
) -> tuple[str, datetime.datetime]:
    """A token resuming the list after `after`, and when it expires."""
    expires = now + TOKEN_LIFETIME
    fields = {
        "v": request.verb,
        "p": request.prefix,
        "s": request.set_spec,
        "f": format_datestamp(request.start) if request.start else None,
        "u": format_datestamp(request.end) if request.end else None,
        "a": list(after),
        "c": cursor,
        "n": format_datestamp(snapshot),
        "e": int(expires.timestamp()),
    }
    payload = json.dumps(fields, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(payload)}.{_sign(payload, secret)}", expires


def _resume(
    verb: str, echoed: dict[str, str], token: str, secret: str, now: datetime.datetime
) -> OAIRequest:
    bad = OAIError("badResumptionToken", "the resumption token is not valid (or has expired)")
    encoded, _, signature = token.partition(".")
    try:
        payload = _unb64(encoded)
    except ValueError:
        raise bad from None
    if not signature or not hmac.compare_digest(signature, _sign(payload, secret)):
        raise bad
    fields = json.loads(payload)
    if fields["v"] != verb:
        raise OAIError("badResumptionToken", f"this resumption token is not for {verb}")
    if now.timestamp() > fields["e"]:
        raise OAIError("badResumptionToken", "the resumption token has expired; start again")

    def moment(value: str | None) -> datetime.datetime | None:
        return parse_datestamp("token", value).moment if value else None

    after = fields["a"]
    return OAIRequest(
        verb=verb,
        arguments=echoed,
        prefix=fields["p"],
        set_spec=fields["s"],
        start=moment(fields["f"]),
        end=moment(fields["u"]),
        after=(str(after[0]), str(after[1])),
        cursor=int(fields["c"]),
        snapshot=moment(fields["n"]),
    )
