"""CIO602 missing-required-field: a transactional request Customer.io rejects."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import (
    FileModel,
    Language,
    RequestSource,
    TransactionalRequest,
    Value,
    ValueKind,
)
from cio_lint.rules.base import Rule
from cio_lint.sdk import transactional as catalogue
from cio_lint.transactional import requests_of

_CHANNEL_NAMES = {
    "email": "email",
    "push": "push",
    "sms": "SMS",
    "whatsapp": "WhatsApp",
    "inbox_message": "inbox message",
    "in_app": "in-app message",
}


class MissingRequestField(Rule):
    code = "CIO602"
    name = "missing-required-field"
    summary = (
        "A transactional request without identifiers, without a template id "
        "(or body, subject and sender), or an email without 'to': Customer.io "
        "answers 400."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for request in requests_of(model):
            if not request.whole or _throws_first(request):
                continue
            missing = list(_missing(request))
            if missing:
                kind = _CHANNEL_NAMES.get(request.channel, request.channel)
                yield Violation.at(
                    request.span,
                    f"this transactional {kind} request has no "
                    f"{_join(missing)}, so Customer.io rejects it with 400 Bad "
                    f"Request: add {'them' if len(missing) > 1 else 'it'}",
                )
            identifiers = request.field("identifiers")
            if identifiers is not None:
                yield from _check_identifiers(identifiers.value)


def _throws_first(request: TransactionalRequest) -> bool:
    """Tell whether the SDK throws before sending, as for a plain object in Node."""
    return (
        request.source is RequestSource.SDK_OBJECT
        and request.language is Language.JAVASCRIPT
    )


def _missing(request: TransactionalRequest) -> Iterator[str]:
    """Yield the required keys the request lacks, as the message names them.

    A key set to `None`, `null` or `undefined` counts as missing: Python's
    request classes leave `None` fields out of the payload, and
    `JSON.stringify` drops `undefined` ones.
    """
    present = {
        item.key for item in request.fields if item.value.kind is not ValueKind.NONE
    }
    if "identifiers" not in present:
        yield "'identifiers'"
    if catalogue.TEMPLATE_ID not in present:
        if request.channel != catalogue.EMAIL:
            yield f"'{catalogue.TEMPLATE_ID}'"
        else:
            sender = catalogue.sender_key(request.language, request.source)
            absent = [
                key
                for key in catalogue.template_free_keys(sender)
                if key not in present
            ]
            if absent:
                yield (
                    f"'{catalogue.TEMPLATE_ID}' (nor the {_join(absent, 'and')} "
                    "that an email without a template needs)"
                )
    if catalogue.requires_to(request.channel) and "to" not in present:
        yield "'to'"


def _check_identifiers(identifiers: Value) -> Iterator[Violation]:
    """Report an `identifiers` object with no or several person keys."""
    if identifiers.kind is not ValueKind.OBJECT or identifiers.partial:
        return
    keys = [item.key for item in identifiers.fields or ()]
    if not keys:
        return
    found = [key for key in catalogue.IDENTIFIER_KEYS if key in keys]
    allowed = _join([f"'{key}'" for key in catalogue.IDENTIFIER_KEYS])
    if len(found) > 1:
        names = _join([f"'{key}'" for key in found], "and")
        yield Violation.at(
            identifiers.span,
            f"'identifiers' sets {names}; Customer.io takes exactly one of "
            f"{allowed} and rejects the request with 400: keep one",
        )
    elif not found:
        yield Violation.at(
            identifiers.span,
            f"'identifiers' has none of {allowed}, the only keys Customer.io "
            "reads, so it rejects the request with 400: name the person with one "
            "of them",
        )


def _join(items: list[str], word: str = "or") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
