"""The JavaScript and TypeScript SDKs: customerio-node, the Data Pipelines
libraries, the legacy `_cio` snippet and React Native.

Signatures follow customerio-node 5.2.0 (`dist/lib/track.d.ts`, `api.d.ts`,
`pipelines.d.ts`), @customerio/cdp-analytics-node 0.5.9,
@customerio/cdp-analytics-browser 0.5.11 and customerio-reactnative 6.12.0.
Qualified names are the module specifier and the exported path:
`customerio-node.TrackClient`. A package's default export is the package
itself, so `customerio-node` is the 2.x default export, a TrackClient.
"""

from __future__ import annotations

from cio_lint.model import Api, ClientKind
from cio_lint.sdk.specs import (
    ClientSpec,
    MethodSpec,
    RequestSpec,
    methods,
    params,
)

NODE_SDK = "customerio-node"
CDP_NODE_SDK = "@customerio/cdp-analytics-node"
CDP_BROWSER_SDK = "@customerio/cdp-analytics-browser"
SNIPPET_SDK = "customerio-snippet"  # The legacy `_cio` script, not a package.
REACT_NATIVE_SDK = "customerio-reactnative"

_OPTIONS = ("defaults",)

TRACK_CLIENT = ClientSpec(
    sdk=NODE_SDK,
    class_name="TrackClient",
    qualified_names=("customerio-node.TrackClient", "customerio-node"),
    kind=ClientKind.TRACK,
    api=Api.TRACK,
    constructor=params("siteid", "apikey", *_OPTIONS),
    methods=methods(
        MethodSpec(
            "identify", "identify", params("customerId", "data"), attributes=("data",)
        ),
        MethodSpec("destroy", "delete person", params("customerId")),
        MethodSpec("suppress", "suppress", params("customerId")),
        MethodSpec("unsuppress", "unsuppress", params("customerId")),
        MethodSpec(
            "track",
            "event",
            params("customerId", "data"),
            event_name=("data", "name"),
            event_data=("data", "data"),
            timestamp_fields=(("data", "timestamp"),),
        ),
        MethodSpec(
            "trackAnonymous",
            "anonymous event",
            params("anonymousId", "data"),
            event_name=("data", "name"),
            event_data=("data", "data"),
            timestamp_fields=(("data", "timestamp"),),
        ),
        MethodSpec("trackPageView", "page view", params("customerId", "path")),
        MethodSpec(
            "trackPush",
            "push metric",
            params("data"),
            timestamp_fields=(("data", "timestamp"),),
        ),
        MethodSpec(
            "addDevice",
            "add device",
            params("customerId", "device_id", "platform", "data"),
            timestamp_fields=(("data", "last_used"),),
        ),
        MethodSpec(
            "deleteDevice", "delete device", params("customerId", "deviceToken")
        ),
        MethodSpec("batch", "batch", params("operations")),
        MethodSpec(
            "mergeCustomers",
            "merge people",
            params("primaryIdType", "primaryId", "secondaryIdType", "secondaryId"),
        ),
        MethodSpec("getAccountRegion", "account region", ()),
        MethodSpec("entity", "entity", params("operation")),
        MethodSpec(
            "addCustomersToSegment",
            "add to segment",
            params("segmentId", "customerIds", "idType"),
        ),
        MethodSpec(
            "removeCustomersFromSegment",
            "remove from segment",
            params("segmentId", "customerIds", "idType"),
        ),
        MethodSpec("submitForm", "submit form", params("formId", "data")),
        MethodSpec(
            "reportMetric",
            "metric",
            params("data"),
            timestamp_fields=(("data", "timestamp"),),
        ),
        MethodSpec("unsubscribe", "unsubscribe", params("deliveryId", "unsubscribe")),
    ),
)


def _send(name: str, operation: str) -> MethodSpec:
    return MethodSpec(
        name, operation, params("request"), timestamp_fields=(("request", "send_at"),)
    )


# NOTE: customerio-node 5.2.0's APIClient has about 150 methods. Only the
# transactional sends and the methods with a documented payload shape are
# listed, so a call to any other method is not recognised.
API_CLIENT = ClientSpec(
    sdk=NODE_SDK,
    class_name="APIClient",
    qualified_names=("customerio-node.APIClient", "customerio-node/api.APIClient"),
    kind=ClientKind.APP,
    api=Api.APP,
    constructor=params("appKey", *_OPTIONS),
    methods=methods(
        _send("sendEmail", "transactional email"),
        _send("sendPush", "transactional push"),
        _send("sendSMS", "transactional SMS"),
        _send("sendWhatsApp", "transactional WhatsApp"),
        _send("sendInboxMessage", "transactional inbox message"),
        _send("sendInApp", "transactional in-app message"),
        MethodSpec("getCustomersByEmail", "find people by email", params("email")),
        MethodSpec(
            "triggerBroadcast",
            "trigger broadcast",
            params("broadcastId", "data", "recipients"),
        ),
        MethodSpec("listExports", "list exports", ()),
        MethodSpec("getExport", "get export", params("exportId")),
        MethodSpec("downloadExport", "download export", params("exportId")),
        MethodSpec("createCustomersExport", "export people", params("filters")),
        MethodSpec(
            "createDeliveriesExport",
            "export deliveries",
            params("newsletterId", "options"),
            timestamp_fields=(("options", "start"), ("options", "end")),
        ),
        MethodSpec("getAttributes", "get attributes", params("customerId", "idType")),
    ),
)

_PIPELINES_CALLS = (
    ("identify", "identify", None),
    ("track", "event", "event"),
    ("page", "page", None),
    ("screen", "screen", None),
    ("group", "group", None),
    ("alias", "alias", None),
)


def _pipelines_methods(payload: str, *extra: str) -> dict[str, MethodSpec]:
    """Methods that take one payload object with `timestamp` inside it."""
    return methods(
        *(
            MethodSpec(
                name,
                operation,
                params(payload, *extra),
                event_name=(payload, event) if event else None,
                event_data=(payload, "properties"),
                timestamp_fields=((payload, "timestamp"),),
            )
            for name, operation, event in _PIPELINES_CALLS
        )
    )


PIPELINES_CLIENT = ClientSpec(
    sdk=NODE_SDK,
    class_name="PipelinesClient",
    qualified_names=("customerio-node.PipelinesClient",),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=params("writeKey", *_OPTIONS),
    methods={
        **_pipelines_methods("payload"),
        "batch": MethodSpec("batch", "batch", params("items")),
    },
)

CDP_NODE_ANALYTICS = ClientSpec(
    sdk=CDP_NODE_SDK,
    class_name="Analytics",
    qualified_names=(f"{CDP_NODE_SDK}.Analytics", CDP_NODE_SDK),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=params("settings"),
    methods={
        **_pipelines_methods("params", "callback"),
        "closeAndFlush": MethodSpec("closeAndFlush", "flush", params("options")),
    },
)

# Segment's analytics.js signatures: the event time goes in `options`.
_BROWSER_METHODS = methods(
    MethodSpec(
        "track",
        "event",
        params("name", "properties", "options", "callback"),
        event_name=("name",),
        event_data=("properties",),
        timestamp_fields=(("options", "timestamp"),),
    ),
    MethodSpec(
        "identify",
        "identify",
        params("userId", "traits", "options", "callback"),
        timestamp_fields=(("options", "timestamp"),),
    ),
    MethodSpec("page", "page", params("category", "name", "properties", "options")),
    MethodSpec("screen", "screen", params("category", "name", "properties", "options")),
    MethodSpec(
        "group",
        "group",
        params("groupId", "traits", "options", "callback"),
        timestamp_fields=(("options", "timestamp"),),
    ),
    MethodSpec(
        "alias",
        "alias",
        params("to", "from", "options", "callback"),
        timestamp_fields=(("options", "timestamp"),),
    ),
    MethodSpec("reset", "reset", ()),
)

# NOTE: the static `AnalyticsBrowser.load(...)` is recognised, but
# `new AnalyticsBrowser().load(...)` (an instance, then `load`) is not.
CDP_BROWSER_ANALYTICS = ClientSpec(
    sdk=CDP_BROWSER_SDK,
    class_name="AnalyticsBrowser",
    qualified_names=(
        f"{CDP_BROWSER_SDK}.AnalyticsBrowser.load",
        f"{CDP_BROWSER_SDK}.AnalyticsBrowser.standalone",
    ),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=params("settings", "options"),
    methods=_BROWSER_METHODS,
)

# The global the Data Pipelines browser snippet defines.
CIOANALYTICS_GLOBAL = ClientSpec(
    sdk=CDP_BROWSER_SDK,
    class_name="cioanalytics",
    qualified_names=("cioanalytics",),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=(),
    methods=_BROWSER_METHODS,
)

# The legacy "classic" snippet's `window._cio`, which sends to the Track API.
# NOTE: only method calls are recognised. The array-queue form
# `_cio.push(["identify", {...}])` is not read.
SNIPPET_GLOBAL = ClientSpec(
    sdk=SNIPPET_SDK,
    class_name="_cio",
    qualified_names=("_cio",),
    kind=ClientKind.TRACK,
    api=Api.TRACK,
    constructor=(),
    methods=methods(
        MethodSpec(
            "identify", "identify", params("attributes"), attributes=("attributes",)
        ),
        MethodSpec("track", "event", params("name", "data"), event_name=("name",)),
        MethodSpec("page", "page view", params("url", "data")),
        MethodSpec("reset", "reset", ()),
    ),
)

# React Native's `CustomerIO` class has only static methods.
REACT_NATIVE = ClientSpec(
    sdk=REACT_NATIVE_SDK,
    class_name="CustomerIO",
    qualified_names=(f"{REACT_NATIVE_SDK}.CustomerIO",),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=(),
    methods=methods(
        MethodSpec("initialize", "initialize", params("config")),
        MethodSpec("identify", "identify", params("params")),
        MethodSpec("clearIdentify", "clear identify", ()),
        MethodSpec(
            "track",
            "event",
            params("name", "properties"),
            event_name=("name",),
            event_data=("properties",),
        ),
        MethodSpec("screen", "screen", params("title", "properties")),
        MethodSpec("setProfileAttributes", "profile attributes", params("attributes")),
        MethodSpec("setDeviceAttributes", "device attributes", params("attributes")),
        MethodSpec("registerDeviceToken", "register device", params("token")),
        MethodSpec("deleteDeviceToken", "delete device", ()),
        MethodSpec("trackMetric", "metric", params("metric")),
    ),
)

_EMAIL_FIELDS = (
    "to",
    "identifiers",
    "transactional_message_id",
    "from",
    "subject",
    "body",
    "message_data",
    "headers",
    "preheader",
    "reply_to",
    "bcc",
    "body_plain",
    "body_amp",
    "fake_bcc",
    "disable_message_retention",
    "send_to_unsubscribed",
    "tracked",
    "queue_draft",
    "send_at",
    "disable_css_preprocessing",
    "language",
)
_PUSH_FIELDS = (
    "identifiers",
    "transactional_message_id",
    "to",
    "title",
    "message",
    "disable_message_retention",
    "send_to_unsubscribed",
    "queue_draft",
    "message_data",
    "send_at",
    "language",
    "image_url",
    "link",
    "sound",
    "custom_data",
    "custom_payload",
    "device",
)
_SMS_FIELDS = (
    "identifiers",
    "transactional_message_id",
    "to",
    "disable_message_retention",
    "send_to_unsubscribed",
    "queue_draft",
    "message_data",
    "send_at",
    "language",
)
_INBOX_FIELDS = (
    "identifiers",
    "transactional_message_id",
    "disable_message_retention",
    "queue_draft",
    "message_data",
    "send_at",
    "language",
)


def _request(class_name: str, fields: tuple[str, ...]) -> RequestSpec:
    """Describe a request class whose one options object becomes the payload."""
    return RequestSpec(
        sdk=NODE_SDK,
        class_name=class_name,
        qualified_names=(
            f"customerio-node.{class_name}",
            f"customerio-node/api.{class_name}",
        ),
        params=params(*fields),
    )


CLIENTS = (
    TRACK_CLIENT,
    API_CLIENT,
    PIPELINES_CLIENT,
    CDP_NODE_ANALYTICS,
    CDP_BROWSER_ANALYTICS,
)
MODULE_CLIENTS = (CIOANALYTICS_GLOBAL, SNIPPET_GLOBAL, REACT_NATIVE)
REQUESTS = (
    _request("SendEmailRequest", _EMAIL_FIELDS),
    _request("SendPushRequest", _PUSH_FIELDS),
    _request("SendSMSRequest", _SMS_FIELDS),
    _request("SendWhatsAppRequest", (*_SMS_FIELDS, "from", "tracked")),
    _request("SendInboxMessageRequest", _INBOX_FIELDS),
    _request("SendInAppRequest", _INBOX_FIELDS),
)
