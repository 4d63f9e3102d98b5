"""CIO701 unknown-method: a method the client lacks in the SDK version in use."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint import sdk
from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import VersionLookup
from cio_lint.model import Client, FileModel, Language, Span
from cio_lint.rules.base import Rule
from cio_lint.rules.sdk_version import VersionText
from cio_lint.sdk import absences
from cio_lint.sdk.specs import ClientSpec


class UnknownMethod(Rule):
    code = "CIO701"
    name = "unknown-method"
    summary = (
        "A method the Customer.io client does not have in the SDK version in "
        "use, which fails with an AttributeError or TypeError."
    )

    def __init__(self, versions: VersionLookup | None = None) -> None:
        self._versions = VersionText(versions or VersionLookup())

    def configured(self, settings: Settings) -> Rule:
        return UnknownMethod(VersionLookup.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        for unknown in model.unknown_methods:
            yield from self._report(
                model, unknown.client, unknown.method, unknown.span, listed=False
            )
        for call in model.calls:
            # Calls expanded from project wrappers are reported where the
            # wrapper itself calls the client.
            if call.client is None or getattr(call, "wrapper", None) is not None:
                continue
            yield from self._report(
                model, call.client, call.method, call.span, listed=True
            )

    def _report(
        self, model: FileModel, client: Client, method: str, span: Span, listed: bool
    ) -> Iterator[Violation]:
        spec = sdk.spec_of(client)
        version = self._versions.of(model.path, spec.sdk)
        where = f" in {version.describe()}" if version else ""
        absence = absences.absence(spec.sdk, spec.class_name, method)
        if absence is not None:
            if version is None or absence.applies(version.version):
                yield Violation.at(
                    span,
                    f"{spec.class_name} has no method {method}{where}: "
                    f"{absence.fact}; {absence.instead}",
                )
            return
        if listed or (spec.sdk, spec.class_name) not in absences.COMPLETE_CLIENTS:
            return
        owner = _owner(model.language, spec, method)
        if owner is not None:
            yield Violation.at(span, _wrong_client(spec, owner, method, where))


def _owner(language: Language, spec: ClientSpec, method: str) -> ClientSpec | None:
    """Return the client that has `method`, preferring one of the same SDK."""
    owners = sdk.clients_with_method(language, method)
    same_sdk = [item for item in owners if item.sdk == spec.sdk]
    return next(iter(same_sdk or owners), None)


def _wrong_client(spec: ClientSpec, owner: ClientSpec, method: str, where: str) -> str:
    return (
        f"{spec.class_name} ({spec.api.value}) has no method {method}{where}: "
        f"{method} belongs to {owner.class_name} of {owner.sdk} "
        f"({owner.api.value}); call {owner.class_name}.{method} instead"
    )
