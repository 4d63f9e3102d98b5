"""CIO601 plain-object-request: a plain object given to customerio-node's sends."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import VersionLookup
from cio_lint.model import FileModel, Language, RequestSource
from cio_lint.rules.base import Rule
from cio_lint.sdk import transactional as catalogue
from cio_lint.transactional import requests_of


class PlainObjectRequest(Rule):
    code = "CIO601"
    name = "plain-object-request"
    summary = (
        "A plain object is passed to a customerio-node transactional send, which "
        "throws unless it gets an instance of the matching request class."
    )

    def __init__(self, versions: VersionLookup | None = None) -> None:
        self._versions = versions or VersionLookup()

    def configured(self, settings: Settings) -> Rule:
        return PlainObjectRequest(VersionLookup.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        for request in requests_of(model):
            if request.source is not RequestSource.SDK_OBJECT:
                continue
            if request.language is not Language.JAVASCRIPT or request.sdk is None:
                continue
            class_name = catalogue.class_of_channel(request.channel)
            version = self._versions.version(model.path or ".", request.sdk)
            # TODO: offer wrapping the object in `new <class>(...)` as a fix, with
            # the class added to the import, once fixes can edit imports.
            yield Violation.at(
                request.span,
                f'{version.describe()} throws \'"request" must be an instance '
                f"of {class_name}' synchronously when it gets a plain object, so "
                f"nothing is sent and a .catch() on the call never sees the error: "
                f"wrap the object in new {class_name}(...)",
            )
