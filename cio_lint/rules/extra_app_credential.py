"""CIO203 extra-app-credential: a second credential given to APIClient."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec.structs import replace

from cio_lint.binding import lookup
from cio_lint.credentials import classify, describe
from cio_lint.edits import Edit, Fix
from cio_lint.findings import Violation
from cio_lint.model import Client, ClientOrigin, FileModel, Value, ValueKind
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import constructor
from cio_lint.rules.swap_fixes import drop_fix, exact_source
from cio_lint.sdk import javascript, python
from cio_lint.sdk.credentials import Credential, region_constant

# The parameter after the App API key, by SDK.
_SECOND = {python.TRACK_SDK: "url", javascript.NODE_SDK: "defaults"}


class ExtraAppCredential(Rule):
    code = "CIO203"
    name = "extra-app-credential"
    summary = (
        "APIClient is given a second credential (site ID or Track key) after "
        "the App API key, which it reads as the URL or the options."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for client in model.clients:
            extra = extra_credential(client)
            if extra is not None:
                yield Violation.at(
                    extra.span, _message(client, extra), fix=_fix(client, extra)
                )


def _fix(client: Client, extra: Value) -> Fix | None:
    """Drop the extra credential, or the site ID when the App key comes second.

    Unsafe: the names of the values are the only evidence of what they hold.
    """
    key = _key_argument(client)
    if key is None:
        return None
    if classify(key) is Credential.SITE_ID and classify(extra) is Credential.APP_KEY:
        moved = exact_source(extra)
        if moved is None:
            return None
        fix = drop_fix(key, extra, "Pass only the App API key")
        if fix is None:
            return None
        edits = (Edit.replacing(key.span, moved), *fix.edits)
        return replace(fix, edits=edits)
    if classify(key) is Credential.SITE_ID:
        return None
    return drop_fix(key, extra, "Remove the extra credential")


def _key_argument(client: Client) -> Value | None:
    return next(
        (item.value for item in client.arguments if item.key in ("key", "appKey")),
        None,
    )


def extra_credential(client: Client) -> Value | None:
    """Return the credential given in APIClient's second position, if any."""
    parameter = _SECOND.get(client.sdk)
    if (
        client.class_name != "APIClient"
        or parameter is None
        or client.origin is not ClientOrigin.CONSTRUCTED
    ):
        return None
    value = lookup(client.arguments, (parameter,))
    if value is None or region_constant(value.name) is not None:
        return None
    if classify(value) is not None:
        return value
    if value.kind is ValueKind.ENV_VAR:
        return None if client.sdk == python.TRACK_SDK else value
    if value.kind is ValueKind.STRING and isinstance(value.literal, str):
        if not value.literal.lower().startswith(("http://", "https://")):
            return value
    return None


def _message(client: Client, extra: Value) -> str:
    key = _key_argument(client)
    sent = "the first argument"
    if key is not None:
        sent = describe(key)
        if classify(key) is Credential.SITE_ID:
            sent += ", a site ID,"
    what = describe(extra)
    if client.sdk == python.TRACK_SDK:
        effect = (
            f"its second parameter is the base URL `url`, so {what} becomes the "
            "URL and every call fails with CustomerIOException('Failed to "
            "receive valid response …')"
        )
    else:
        effect = (
            f"its second parameter is the options object, so {what} is spread "
            f"into the options and ignored, and {sent} is sent as the Bearer "
            "token"
        )
    return (
        f"{constructor(client)} takes one credential, the App API key; {effect}: "
        "pass only the App API key (the site ID and Track API key are for the "
        "Track API)"
    )
