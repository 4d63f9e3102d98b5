"""The HTTP side of the catalogue: hosts, endpoints and auth of each API.

Hosts and auth follow Customer.io's Track and Pipelines OpenAPI documents and
the regions that customerio-node 5.2.0 (`dist/lib/regions.js`) and customerio
3.2.0 (`customerio/regions.py`) use. Endpoint paths follow the same documents
and the SDK methods that call them (`TrackClient`, `APIClient`,
`PipelinesClient`), so a plain HTTP call gets the operation names and payload
expectations of the SDK method that sends the same request.
"""

from __future__ import annotations

from msgspec import Struct

from cio_lint.model import Api, AuthScheme, Region
from cio_lint.sdk.specs import FieldPath

# A path segment that contains an expression whose value is unknown.
HOLE = "\x00"


class Host(Struct, frozen=True):
    name: str
    api: Api
    region: Region
    legacy: bool = False


HOSTS: dict[str, Host] = {
    host.name: host
    for host in (
        Host("track.customer.io", Api.TRACK, Region.US),
        Host("track-eu.customer.io", Api.TRACK, Region.EU),
        Host("api.customer.io", Api.APP, Region.US),
        Host("api-eu.customer.io", Api.APP, Region.EU),
        # The old name of the App API host; no current SDK uses it.
        Host("beta-api.customer.io", Api.APP, Region.US, legacy=True),
        Host("beta-api-eu.customer.io", Api.APP, Region.EU, legacy=True),
        Host("cdp.customer.io", Api.PIPELINES, Region.US),
        Host("cdp-eu.customer.io", Api.PIPELINES, Region.EU),
    )
}


class Endpoint(Struct, frozen=True):
    """One request an API accepts: method, path template and payload shape.

    Paths in the payload name keys of the JSON body. `attributes` names the
    object whose keys are person attributes (`()` is the body itself); with
    `attributes_when`, only when the body field at that path contains that string.
    """

    api: Api
    method: str
    path: str
    operation: str
    event_name: FieldPath | None = None
    event_data: FieldPath | None = None
    timestamp_fields: tuple[FieldPath, ...] = ()
    attributes: FieldPath | None = None
    attributes_when: tuple[FieldPath, str] | None = None

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.path.strip("/").split("/"))


_TIMESTAMP: tuple[FieldPath, ...] = (("timestamp",),)
_SEND_AT: tuple[FieldPath, ...] = (("send_at",),)
_TRACK = Api.TRACK
_APP = Api.APP
_PIPELINES = Api.PIPELINES

ENDPOINTS: tuple[Endpoint, ...] = (
    # Track API v1. Source of each row: Customer.io's Track API OpenAPI
    # document (`paths`), and the customerio-node 5.2.0 TrackClient method
    # named in the row's comment (`dist/lib/track.js`).
    # identify
    Endpoint(_TRACK, "PUT", "/api/v1/customers/{id}", "identify", attributes=()),
    # destroy
    Endpoint(_TRACK, "DELETE", "/api/v1/customers/{id}", "delete person"),
    # track
    Endpoint(
        _TRACK,
        "POST",
        "/api/v1/customers/{id}/events",
        "event",
        event_name=("name",),
        event_data=("data",),
        timestamp_fields=_TIMESTAMP,
    ),
    # trackAnonymous
    Endpoint(
        _TRACK,
        "POST",
        "/api/v1/events",
        "anonymous event",
        event_name=("name",),
        event_data=("data",),
        timestamp_fields=_TIMESTAMP,
    ),
    # addDevice
    Endpoint(
        _TRACK,
        "PUT",
        "/api/v1/customers/{id}/devices",
        "add device",
        timestamp_fields=(("device", "last_used"),),
    ),
    # deleteDevice
    Endpoint(
        _TRACK, "DELETE", "/api/v1/customers/{id}/devices/{token}", "delete device"
    ),
    # suppress, unsuppress, mergeCustomers
    Endpoint(_TRACK, "POST", "/api/v1/customers/{id}/suppress", "suppress"),
    Endpoint(_TRACK, "POST", "/api/v1/customers/{id}/unsuppress", "unsuppress"),
    Endpoint(_TRACK, "POST", "/api/v1/merge_customers", "merge people"),
    # trackPush
    Endpoint(
        _TRACK,
        "POST",
        "/api/v1/push/events",
        "push metric",
        timestamp_fields=_TIMESTAMP,
    ),
    # reportMetric, getAccountRegion, addCustomersToSegment,
    # removeCustomersFromSegment, submitForm
    Endpoint(_TRACK, "POST", "/api/v1/metrics", "metric", timestamp_fields=_TIMESTAMP),
    Endpoint(_TRACK, "GET", "/api/v1/accounts/region", "account region"),
    Endpoint(_TRACK, "POST", "/api/v1/segments/{id}/add_customers", "add to segment"),
    Endpoint(
        _TRACK, "POST", "/api/v1/segments/{id}/remove_customers", "remove from segment"
    ),
    Endpoint(_TRACK, "POST", "/api/v1/forms/{id}/submit", "submit form"),
    # Track API v2. NOTE: the operations of a `batch` body are a JSON array,
    # which the model does not hold, so their fields are not checked.
    Endpoint(_TRACK, "POST", "/api/v2/batch", "batch"),
    Endpoint(
        _TRACK,
        "POST",
        "/api/v2/entity",
        "entity",
        event_name=("name",),
        timestamp_fields=_TIMESTAMP,
        attributes=("attributes",),
        attributes_when=(("action",), "identify"),
    ),
    # App API. The sends follow customerio-node 5.2.0 APIClient
    # (`dist/lib/api.js`) and customerio 3.2.0 APIClient (`customerio/api.py`).
    # The broadcast, customer and export rows follow customerio-node 5.2.0.
    Endpoint(
        _APP, "POST", "/v1/send/email", "transactional email", timestamp_fields=_SEND_AT
    ),
    Endpoint(
        _APP, "POST", "/v1/send/push", "transactional push", timestamp_fields=_SEND_AT
    ),
    Endpoint(
        _APP, "POST", "/v1/send/sms", "transactional SMS", timestamp_fields=_SEND_AT
    ),
    Endpoint(
        _APP,
        "POST",
        "/v1/send/whatsapp",
        "transactional WhatsApp",
        timestamp_fields=_SEND_AT,
    ),
    Endpoint(
        _APP,
        "POST",
        "/v1/send/inbox_message",
        "transactional inbox message",
        timestamp_fields=_SEND_AT,
    ),
    Endpoint(
        _APP,
        "POST",
        "/v1/send/in_app",
        "transactional in-app message",
        timestamp_fields=_SEND_AT,
    ),
    Endpoint(_APP, "POST", "/v1/campaigns/{id}/triggers", "trigger broadcast"),
    # The broadcast path customerio-node used before 4.5.0.
    Endpoint(_APP, "POST", "/v1/api/campaigns/{id}/triggers", "trigger broadcast"),
    Endpoint(_APP, "GET", "/v1/customers", "find people by email"),
    Endpoint(_APP, "GET", "/v1/customers/{id}/attributes", "get attributes"),
    Endpoint(_APP, "POST", "/v1/exports/customers", "export people"),
    Endpoint(
        _APP,
        "POST",
        "/v1/exports/deliveries",
        "export deliveries",
        timestamp_fields=(("start",), ("end",)),
    ),
    # Data Pipelines API, whose timestamps are ISO-8601 strings. Source:
    # Customer.io's Pipelines OpenAPI document and customerio-node 5.2.0
    # PipelinesClient (`dist/lib/pipelines.js`).
    Endpoint(
        _PIPELINES, "POST", "/v1/identify", "identify", timestamp_fields=_TIMESTAMP
    ),
    Endpoint(
        _PIPELINES,
        "POST",
        "/v1/track",
        "event",
        event_name=("event",),
        event_data=("properties",),
        timestamp_fields=_TIMESTAMP,
    ),
    Endpoint(_PIPELINES, "POST", "/v1/page", "page", timestamp_fields=_TIMESTAMP),
    Endpoint(_PIPELINES, "POST", "/v1/screen", "screen", timestamp_fields=_TIMESTAMP),
    Endpoint(_PIPELINES, "POST", "/v1/group", "group", timestamp_fields=_TIMESTAMP),
    Endpoint(_PIPELINES, "POST", "/v1/alias", "alias", timestamp_fields=_TIMESTAMP),
    Endpoint(_PIPELINES, "POST", "/v1/batch", "batch"),
)


class AuthRequirement(Struct, frozen=True):
    """The auth an API accepts, and how to say it in a message."""

    schemes: frozenset[AuthScheme]
    needs: str
    basic_needs_password: bool = False


AUTH: dict[Api, AuthRequirement] = {
    Api.TRACK: AuthRequirement(
        frozenset({AuthScheme.BASIC}),
        "Basic auth with the base64 of 'site_id:api_key' (site ID and Track API key)",
        basic_needs_password=True,
    ),
    Api.APP: AuthRequirement(
        frozenset({AuthScheme.BEARER}),
        "'Authorization: Bearer <App API key>'",
    ),
    # customerio-cdp-analytics 1.1.0 sends Bearer for keys prefixed pk_ or sk_,
    # and Basic with the write key as user name and an empty password otherwise.
    Api.PIPELINES: AuthRequirement(
        frozenset({AuthScheme.BASIC, AuthScheme.BEARER}),
        "Basic auth with the base64 of 'write_key:' (the source's write key "
        "and an empty password)",
    ),
}


def host(name: str) -> Host | None:
    """Return the Customer.io host called `name` (any case, port ignored)."""
    return HOSTS.get(name.lower().rsplit(":", 1)[0].rstrip("."))


def endpoint(api: Api, method: str, path: str) -> Endpoint | None:
    """Return the endpoint that `method` and `path` request, or None.

    In `path`, a `HOLE` marks text whose value is unknown; a segment with a
    hole matches only a `{parameter}` segment of the template.
    """
    segments = tuple(path.strip("/").split("/"))
    for candidate in ENDPOINTS:
        if candidate.api is api and candidate.method == method.upper():
            if _matches(candidate.segments, segments):
                return candidate
    return None


def _matches(template: tuple[str, ...], segments: tuple[str, ...]) -> bool:
    if len(template) != len(segments):
        return False
    for expected, actual in zip(template, segments, strict=True):
        if expected.startswith("{"):
            if not actual:
                return False
        elif expected != actual:
            return False
    return True
