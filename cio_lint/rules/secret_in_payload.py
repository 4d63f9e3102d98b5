"""CIO206 secret-in-payload: a password, key or card number sent as data."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, Field, FileModel, ValueKind
from cio_lint.rules.base import Rule

# A key names a secret when it ends in one of these words or word pairs:
# `user_password` and `password_hash` do, `password_changed_at` and
# `reset_password_url` do not.
_SECRET_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "passcode", "secret", "ssn"}
    | {"cvv", "cvc", "cvv2", "apikey", "ccnumber"}
)
_SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("access", "key"),
        ("private", "key"),
        ("secret", "key"),
        ("signing", "key"),
        ("card", "number"),
        ("security", "number"),
        ("password", "hash"),
        ("password", "digest"),
    }
)
_TOKEN_WORDS = frozenset({"token", "jwt"})
# Device and push tokens are what Customer.io needs to reach a device.
_DEVICE_WORDS = frozenset({"device", "push", "fcm", "apns", "registration"})
# Operations that store attributes on the person for good.
_PROFILE_OPERATIONS = frozenset({"identify", "profile attributes"})
# A key that starts with one of these words, such as `has_password`, is a yes or no.
_FLAG_WORDS = frozenset({"has", "is", "needs", "requires", "uses", "no", "with"})
# A key that starts with one of these words names a masked, safe-to-show form.
_SAFE_FORM_WORDS = frozenset({"masked", "redacted", "obfuscated", "truncated"})
_NOT_SECRET_KINDS = frozenset({ValueKind.BOOLEAN, ValueKind.NONE, ValueKind.NUMBER})
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


class SecretInPayload(Rule):
    code = "CIO206"
    name = "secret-in-payload"
    summary = (
        "A password, API key, card number or similar secret is sent to "
        "Customer.io as a profile attribute, event data or message data."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            for item in _payload_fields(call):
                kind = _secret_kind(item.key, call)
                if kind is None or item.value.kind in _NOT_SECRET_KINDS:
                    continue
                span = item.key_span or item.value.span
                yield Violation.at(span, _message(item.key, kind, call))


def _payload_fields(call: ApiCall) -> Iterator[Field]:
    """Yield every key of the objects a call sends, nested ones included."""
    stack = [item.value for item in call.arguments]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        for item in value.fields or ():
            yield item
            stack.append(item.value)
    for item in call.arguments:
        if item.value.fields is None and _is_payload_key(item.key, call):
            yield item


def _is_payload_key(key: str, call: ApiCall) -> bool:
    """Tell whether a keyword argument is itself an attribute, as `**kwargs` are."""
    return call.operation in _PROFILE_OPERATIONS and key not in ("id", "customer_id")


def _secret_kind(key: str, call: ApiCall) -> str | None:
    words = [word.lower() for word in _WORD.findall(key)]
    if not words or words[0] in _FLAG_WORDS or words[0] in _SAFE_FORM_WORDS:
        return None
    if words[-1] in _SECRET_WORDS or tuple(words[-2:]) in _SECRET_PAIRS:
        return "a secret"
    if words[-1] in _TOKEN_WORDS and _DEVICE_WORDS.isdisjoint(words):
        # A token in event or message data is often what the message is for,
        # such as a password-reset link, so only profiles are checked.
        return "a token" if call.operation in _PROFILE_OPERATIONS else None
    return None


def _message(key: str, kind: str, call: ApiCall) -> str:
    where = (
        "stored on the person's profile"
        if call.operation in _PROFILE_OPERATIONS
        else f"stored with the {call.operation}"
    )
    return (
        f"'{key}' looks like {kind}, sent to Customer.io by {call.method}() and "
        f"{where}; what a workspace stores is visible to its members and "
        "included in its exports, so a secret there leaks: leave it out, or "
        "send a flag such as 'has_password' instead"
    )
