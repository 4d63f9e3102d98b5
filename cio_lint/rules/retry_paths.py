"""The retries of a Customer.io call: its SDK, its HTTP library or code around it.

Shared by no-retry (CIO501) and nested-retry (CIO505). SDK versions come from
the manifests at check time, through `VersionLookup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import SdkVersion, VersionLookup
from cio_lint.model import ApiCall, Client, FileModel, RetryCandidate
from cio_lint.rules.base import ProjectRule, Rule
from cio_lint.sdk import retries as catalogue


class BuiltInRetry(Struct, frozen=True):
    """Whether a call retries by itself, and the fact behind it.

    `reason` is a clause such as `customerio-node 4.4.0 (package.json: ^4.4.0)
    never retries a failed request`.
    """

    retries: bool
    reason: str
    version: SdkVersion | None = None
    turned_off_by: str | None = None
    """The constructor setting that turns off the SDK's retries, such as
    `sync_mode=True`, or None."""


class RetryPaths:
    """Find, per call, the wrapper that retries it and whether it retries itself."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.versions = VersionLookup.from_settings(settings)
        self._configured = frozenset(settings.retry_wrappers if settings else ())
        self._helpers: frozenset[str] = frozenset()

    def learn_helpers(self, models: Iterable[FileModel]) -> None:
        """Take in the retry helpers that the project's files define."""
        self._helpers = frozenset(
            name.rsplit(".", 1)[-1] for model in models for name in model.retry_helpers
        )

    def retry_around(self, call: ApiCall) -> RetryCandidate | None:
        """Return the innermost decorator, function or loop that retries `call`."""
        for candidate in call.context.retry_candidates:
            if self._retries(candidate.name):
                return candidate
        return None

    def _retries(self, name: str) -> bool:
        if name in catalogue.RETRY_WRAPPERS or name in self._configured:
            return True
        return name.rsplit(".", 1)[-1] in self._helpers | self._configured

    def built_in(self, call: ApiCall, path: str) -> BuiltInRetry | None:
        """Return whether the SDK or library behind `call` retries it.

        None means nothing is known, as for the browser snippet.
        """
        if call.http is not None:
            return _http_retry(call)
        client = call.client
        if client is None:
            return None
        version = self.versions.version(path, client.sdk)
        policy = catalogue.sdk_policy(client.sdk, version.version)
        if policy is None:
            return None
        if policy.retries and catalogue.sends_synchronously(
            client.sdk, client.arguments
        ):
            return BuiltInRetry(
                False,
                f"the {_client_name(client)} is built with sync_mode=True, which "
                "sends each call at once and never retries it",
                version,
                turned_off_by="sync_mode=True",
            )
        if policy.retries and catalogue.retries_off(client.retries):
            written = client.retries.text if client.retries else "0"
            return BuiltInRetry(
                False,
                f"the {_client_name(client)} is built with its retries set to "
                f"{written}",
                version,
                turned_off_by=f"the retry count of {written}",
            )
        return BuiltInRetry(
            policy.retries, f"{version.describe()} {policy.behaviour}", version
        )


def _client_name(client: Client) -> str:
    """Return `CustomerIO client`, or `customerio-cdp-analytics Client`."""
    if client.class_name == "Client":
        return f"{client.sdk} Client"
    return f"{client.class_name} client"


def _http_retry(call: ApiCall) -> BuiltInRetry | None:
    assert call.http is not None
    if call.http.client_configured_by is not None:
        # What the function set up is not read, so the retries are unknown.
        return None
    library, method = call.http.library, call.http.method or "GET"
    if catalogue.http_library_retries(library, method):
        return BuiltInRetry(True, f"{library} retries {method} requests by itself")
    name = library.split(".")[0].split(" ")[0]
    if name in catalogue.HTTP_LIBRARIES_WITH_RETRY:
        return BuiltInRetry(
            False, f"{name} does not retry {method} requests by default"
        )
    return BuiltInRetry(False, f"a plain HTTP call with {library} is never retried")


class RetryPathsRule(ProjectRule):
    """A project rule that reads, per call, what retries it (see `RetryPaths`).

    It checks the whole project at once, because retry helpers may be defined
    in other files than the calls they wrap.
    """

    def __init__(self, paths: RetryPaths | None = None) -> None:
        self._paths = paths or RetryPaths()

    def configured(self, settings: Settings) -> Rule:
        return type(self)(RetryPaths(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        return iter(())
