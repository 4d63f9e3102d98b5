"""Transactional message requests: required fields, sender spelling, dropped keys.

Facts come from Customer.io's transactional API schema (`sendemail`,
`transactionalSharedObject`), customerio 3.2.0 (`customerio/api.py`) and
customerio-node 5.2.0 (`dist/lib/api/requests.js`, run without network).
"""

from __future__ import annotations

from msgspec import Struct

from cio_lint.model import Language, RequestSource
from cio_lint.sdk import javascript as _javascript

EMAIL = "email"
# Each channel is the last segment of its `POST /v1/send/<channel>` path.
CHANNELS = ("email", "push", "sms", "whatsapp", "inbox_message", "in_app")

_CLASS_CHANNELS = {
    "SendEmailRequest": "email",
    "SendPushRequest": "push",
    "SendSMSRequest": "sms",
    "SendWhatsAppRequest": "whatsapp",
    "SendInboxMessageRequest": "inbox_message",
    "SendInAppRequest": "in_app",
}
_OPERATION_CHANNELS = {
    "transactional email": "email",
    "transactional push": "push",
    "transactional SMS": "sms",
    "transactional WhatsApp": "whatsapp",
    "transactional inbox message": "inbox_message",
    "transactional in-app message": "in_app",
}

# `identifiers` contains exactly one of these keys.
IDENTIFIER_KEYS = ("id", "email", "cio_id")
# An email without a template needs all of these in place of the template id.
TEMPLATE_ID = "transactional_message_id"
WIRE_SENDER = "from"
# Python's request classes spell the sender `_from` because `from` is a keyword.
PYTHON_SENDER = "_from"


def channel_of_class(class_name: str) -> str | None:
    """Return the channel a request class sends on, such as `email`."""
    return _CLASS_CHANNELS.get(class_name)


def class_of_channel(channel: str) -> str:
    """Return the request class of a channel: `email` gives `SendEmailRequest`."""
    return next(name for name, item in _CLASS_CHANNELS.items() if item == channel)


def channel_of_operation(operation: str) -> str | None:
    """Return the channel of an `ApiCall.operation` such as `transactional SMS`."""
    return _OPERATION_CHANNELS.get(operation)


def sender_key(language: Language, source: RequestSource) -> str:
    """Return how the sender is spelled: `_from` in Python request classes only.

    A dict given to Python's `APIClient` is sent as written, so it needs the
    wire name `from`, like customerio-node and plain HTTP.
    """
    if language is Language.PYTHON and source is RequestSource.REQUEST_CLASS:
        return PYTHON_SENDER
    return WIRE_SENDER


def template_free_keys(sender: str) -> tuple[str, ...]:
    """Return the keys an email needs when it has no `transactional_message_id`."""
    return ("body", "subject", sender)


def requires_to(channel: str) -> bool:
    """Tell whether `to` is required: Customer.io's schema requires it on email."""
    return channel == EMAIL


class DroppedKey(Struct, frozen=True):
    """A constructor key a request class ignores in some major versions."""

    sdk: str
    majors: frozenset[int]
    class_name: str
    key: str
    instead: str


DROPPED_KEYS = (
    DroppedKey(
        _javascript.NODE_SDK,
        frozenset({5}),
        "SendEmailRequest",
        "cc",
        "send such emails with a plain HTTP request to /v1/send/email, whose "
        "body keeps 'cc'",
    ),
    DroppedKey(
        _javascript.NODE_SDK,
        frozenset({5}),
        "SendEmailRequest",
        "attachments",
        "call request.attach(name, data) after construction",
    ),
    DroppedKey(
        _javascript.NODE_SDK,
        frozenset({5}),
        "SendPushRequest",
        "custom_device",
        "pass it as 'device', which the request sends as custom_device",
    ),
)

# customerio-node 5.2.0's SendEmailRequest copies only the keys the catalogue
# lists and drops every other one. The other classes were not checked for this.
_COPIES_ONLY_LISTED = {(_javascript.NODE_SDK, "SendEmailRequest"): frozenset({5})}


def dropped_key(sdk: str, major: int, class_name: str, key: str) -> DroppedKey | None:
    """Return why `class_name` of `sdk` drops `key` in major version `major`."""
    for fact in DROPPED_KEYS:
        if (fact.sdk, fact.class_name, fact.key) == (sdk, class_name, key):
            return fact if major in fact.majors else None
    majors = _COPIES_ONLY_LISTED.get((sdk, class_name))
    if majors is None or major not in majors or key in _node_keys(class_name):
        return None
    instead = "pass it as 'from'" if key == PYTHON_SENDER else "remove it"
    return DroppedKey(sdk, majors, class_name, key, instead)


def _node_keys(class_name: str) -> frozenset[str]:
    for spec in _javascript.REQUESTS:
        if spec.class_name == class_name:
            return frozenset(param.name for param in spec.params)
    return frozenset()
