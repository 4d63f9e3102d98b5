"""The Python SDKs: `customerio` 3.x and `customerio-cdp-analytics` 1.x.

Signatures follow customerio 3.2.0 (`customerio/track.py`, `customerio/api.py`)
and customerio-cdp-analytics 1.1.0 (`customerio/analytics/client.py`).
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

TRACK_SDK = "customerio"
PIPELINES_SDK = "customerio-cdp-analytics"

_TRACK_EVENT = params("customer_id", "name", "data", "id", "timestamp")

CUSTOMERIO = ClientSpec(
    sdk=TRACK_SDK,
    class_name="CustomerIO",
    qualified_names=("customerio.CustomerIO", "customerio.track.CustomerIO"),
    kind=ClientKind.TRACK,
    api=Api.TRACK,
    constructor=params(
        "site_id",
        "api_key",
        "host",
        "region",
        "port",
        "url_prefix",
        "json_encoder",
        "retries",
        "timeout",
        "backoff_factor",
        "use_connection_pooling",
    ),
    methods=methods(
        MethodSpec("identify", "identify", params("id", "**kwargs"), attributes=()),
        MethodSpec(
            "track",
            "event",
            _TRACK_EVENT,
            event_name=("name",),
            event_data=("data",),
            timestamp_fields=(("timestamp",),),
        ),
        MethodSpec(
            "track_anonymous",
            "anonymous event",
            params("anonymous_id", "name", "data", "id", "timestamp"),
            event_name=("name",),
            event_data=("data",),
            timestamp_fields=(("timestamp",),),
        ),
        MethodSpec("pageview", "page view", params("customer_id", "page", "**data")),
        MethodSpec(
            "backfill",
            "event",
            params("customer_id", "name", "timestamp", "**data"),
            event_name=("name",),
            timestamp_fields=(("timestamp",),),
        ),
        MethodSpec("delete", "delete person", params("customer_id")),
        MethodSpec(
            "add_device",
            "add device",
            params("customer_id", "device_id", "platform", "**data"),
            timestamp_fields=(("last_used",),),
        ),
        MethodSpec(
            "delete_device", "delete device", params("customer_id", "device_id")
        ),
        MethodSpec("suppress", "suppress", params("customer_id")),
        MethodSpec("unsuppress", "unsuppress", params("customer_id")),
        MethodSpec(
            "merge_customers",
            "merge people",
            params(
                "primary_id_type", "primary_id", "secondary_id_type", "secondary_id"
            ),
        ),
        MethodSpec("batch", "batch", params("operations")),
    ),
)


def _send(name: str, operation: str) -> MethodSpec:
    return MethodSpec(
        name, operation, params("request"), timestamp_fields=(("request", "send_at"),)
    )


API_CLIENT = ClientSpec(
    sdk=TRACK_SDK,
    class_name="APIClient",
    qualified_names=("customerio.APIClient", "customerio.api.APIClient"),
    kind=ClientKind.APP,
    api=Api.APP,
    constructor=params(
        "key",
        "url",
        "region",
        "retries",
        "timeout",
        "backoff_factor",
        "use_connection_pooling",
    ),
    methods=methods(
        _send("send_email", "transactional email"),
        _send("send_push", "transactional push"),
        _send("send_sms", "transactional SMS"),
        _send("send_whatsapp", "transactional WhatsApp"),
        _send("send_inbox_message", "transactional inbox message"),
        _send("send_in_app", "transactional in-app message"),
    ),
)

_PIPELINES_COMMON = (
    "context",
    "timestamp",
    "anonymous_id",
    "integrations",
    "message_id",
)
_PIPELINES_METHODS = methods(
    MethodSpec(
        "identify",
        "identify",
        params("user_id", "traits", *_PIPELINES_COMMON),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec(
        "track",
        "event",
        params("user_id", "event", "properties", *_PIPELINES_COMMON),
        event_name=("event",),
        event_data=("properties",),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec(
        "alias",
        "alias",
        params(
            "previous_id",
            "user_id",
            "context",
            "timestamp",
            "integrations",
            "message_id",
        ),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec(
        "group",
        "group",
        params("user_id", "group_id", "traits", *_PIPELINES_COMMON),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec(
        "page",
        "page",
        params("user_id", "category", "name", "properties", *_PIPELINES_COMMON),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec(
        "screen",
        "screen",
        params("user_id", "category", "name", "properties", *_PIPELINES_COMMON),
        timestamp_fields=(("timestamp",),),
    ),
    MethodSpec("flush", "flush", ()),
    MethodSpec("join", "join", ()),
    MethodSpec("shutdown", "shutdown", ()),
)

PIPELINES_CLIENT = ClientSpec(
    sdk=PIPELINES_SDK,
    class_name="Client",
    qualified_names=(
        "customerio.analytics.Client",
        "customerio.analytics.client.Client",
    ),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=params(
        "write_key",
        "host",
        "debug",
        "max_queue_size",
        "send",
        "on_error",
        "gzip",
        "max_retries",
        "sync_mode",
        "timeout",
        "proxies",
        "thread",
        "upload_size",
        "upload_interval",
    ),
    methods=_PIPELINES_METHODS,
)

# The `customerio.analytics` module contains a default client that its module-level
# functions (`analytics.track(...)`) call.
PIPELINES_MODULE = ClientSpec(
    sdk=PIPELINES_SDK,
    class_name="analytics",
    qualified_names=("customerio.analytics",),
    kind=ClientKind.PIPELINES,
    api=Api.PIPELINES,
    constructor=(),
    methods=_PIPELINES_METHODS,
)

_EMAIL_FIELDS = (
    "transactional_message_id",
    "to",
    "identifiers",
    "_from",
    "headers",
    "reply_to",
    "cc",
    "bcc",
    "subject",
    "preheader",
    "body",
    "body_plain",
    "body_amp",
    "fake_bcc",
    "disable_message_retention",
    "send_to_unsubscribed",
    "tracked",
    "queue_draft",
    "message_data",
    "attachments",
    "disable_css_preprocessing",
    "send_at",
    "language",
)
_PUSH_FIELDS = (
    "transactional_message_id",
    "to",
    "identifiers",
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
    "custom_data",
    "custom_payload",
    "device",
    "sound",
)
_SMS_FIELDS = (
    "transactional_message_id",
    "to",
    "identifiers",
    "disable_message_retention",
    "send_to_unsubscribed",
    "queue_draft",
    "message_data",
    "send_at",
    "language",
)
_INBOX_FIELDS = (
    "transactional_message_id",
    "identifiers",
    "disable_message_retention",
    "queue_draft",
    "message_data",
    "send_at",
    "language",
)


def _request(class_name: str, fields: tuple[str, ...]) -> RequestSpec:
    return RequestSpec(
        sdk=TRACK_SDK,
        class_name=class_name,
        qualified_names=(f"customerio.{class_name}", f"customerio.api.{class_name}"),
        params=params(*fields),
    )


CLIENTS = (CUSTOMERIO, API_CLIENT, PIPELINES_CLIENT)
MODULE_CLIENTS = (PIPELINES_MODULE,)
REQUESTS = (
    _request("SendEmailRequest", _EMAIL_FIELDS),
    _request("SendPushRequest", _PUSH_FIELDS),
    _request("SendSMSRequest", _SMS_FIELDS),
    _request("SendWhatsAppRequest", (*_SMS_FIELDS, "tracked")),
    _request("SendInboxMessageRequest", _INBOX_FIELDS),
    _request("SendInAppRequest", _INBOX_FIELDS),
)

# Every name under which code can import something from these SDKs; a file that
# imports none of them has no Customer.io client of its own.
PACKAGES = ("customerio",)
