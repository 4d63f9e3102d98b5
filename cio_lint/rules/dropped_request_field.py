"""CIO603 dropped-field: request fields the SDK drops or the API does not read."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import SdkVersion, VersionLookup
from cio_lint.model import (
    Field,
    FileModel,
    Language,
    RequestSource,
    TransactionalRequest,
)
from cio_lint.rules.base import Rule
from cio_lint.sdk import transactional as catalogue
from cio_lint.transactional import requests_of

# Spellings of the sender that Python's request classes reject with TypeError.
_PYTHON_WRONG_SENDERS = ("from", "from_")


class DroppedRequestField(Rule):
    code = "CIO603"
    name = "dropped-field"
    summary = (
        "A transactional request field that the SDK version in use discards, or "
        "a sender spelled the other language's way."
    )

    def __init__(self, versions: VersionLookup | None = None) -> None:
        self._versions = versions or VersionLookup()

    def configured(self, settings: Settings) -> Rule:
        return DroppedRequestField(VersionLookup.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        for request in requests_of(model):
            for item in request.written_fields():
                message = self._message(model, request, item)
                if message is not None and item.key_span is not None:
                    yield Violation.at(item.key_span, message)

    def _message(
        self, model: FileModel, request: TransactionalRequest, item: Field
    ) -> str | None:
        if request.source is not RequestSource.REQUEST_CLASS:
            return _plain_message(request, item)
        if request.language is Language.PYTHON:
            return _python_class(request, item)
        if request.sdk is None:
            return None
        version = self._versions.version(model.path or ".", request.sdk)
        return _node_class(request, item, version)


def _plain_message(request: TransactionalRequest, item: Field) -> str | None:
    if request.source is RequestSource.SDK_OBJECT and (
        request.language is Language.JAVASCRIPT
    ):
        return None  # The SDK throws on a plain object: CIO601.
    if item.key == catalogue.PYTHON_SENDER:
        # TODO: offer renaming the key to `from` as a safe fix.
        carrier = "body" if request.source is RequestSource.HTTP_BODY else "dict"
        return (
            f"the {carrier} is sent as written and the API reads the sender from "
            f"'{catalogue.WIRE_SENDER}', so '{item.key}' is not used: rename "
            f"it to '{catalogue.WIRE_SENDER}'"
        )
    return None


def _python_class(request: TransactionalRequest, item: Field) -> str | None:
    if item.key not in _PYTHON_WRONG_SENDERS:
        return None
    # TODO: offer renaming the keyword to `_from` as a safe fix.
    return (
        f"{request.class_name} takes the sender as "
        f"'{catalogue.PYTHON_SENDER}' (sent as '{catalogue.WIRE_SENDER}'), so "
        f"'{item.key}' raises TypeError: rename it to "
        f"'{catalogue.PYTHON_SENDER}'"
    )


def _node_class(
    request: TransactionalRequest, item: Field, version: SdkVersion
) -> str | None:
    if request.sdk is None or request.class_name is None:
        return None
    major = version.version[0] if version.version else 0
    fact = catalogue.dropped_key(request.sdk, major, request.class_name, item.key)
    if fact is None:
        return None
    # TODO: offer `_from` → `from` as a safe fix. Moving `attachments` into
    # attach() calls changes the code's shape, so it needs review.
    return (
        f"{version.describe()} drops '{item.key}' given to the "
        f"{request.class_name} constructor, so it never reaches Customer.io: "
        f"{fact.instead}"
    )
