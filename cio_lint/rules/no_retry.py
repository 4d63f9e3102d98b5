"""CIO501 no-retry: a Customer.io call that nothing retries when it fails."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from cio_lint.findings import Violation
from cio_lint.model import Api, ApiCall, FileModel, Language
from cio_lint.rules.retry_paths import BuiltInRetry, RetryPathsRule

_SUGGESTIONS = {
    Language.PYTHON: "a retry such as tenacity's @retry or backoff.on_exception",
    Language.JAVASCRIPT: "a retry such as p-retry or async-retry",
}


class NoRetry(RetryPathsRule):
    code = "CIO501"
    name = "no-retry"
    summary = (
        "A Customer.io call that no SDK, HTTP library or wrapper retries, so a "
        "429 or 5xx response loses it."
    )

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        self._paths.learn_helpers(models.values())
        for path, model in models.items():
            for call in model.calls:
                message = self._problem(call, path, model.language)
                if message is not None:
                    yield path, Violation.at(call.span, message)

    def _problem(self, call: ApiCall, path: Path, language: Language) -> str | None:
        # A call through a project wrapper is reported once, inside the wrapper.
        if call.wrapper is not None or self._paths.retry_around(call) is not None:
            return None
        built_in = self._paths.built_in(call, str(path))
        if built_in is None or built_in.retries:
            return None
        return (
            f"Nothing retries this {call.api.value} call: {built_in.reason}, so a "
            f"429 or 5xx response loses it: {_remedy(call, built_in, language)}"
        )


def _remedy(call: ApiCall, built_in: BuiltInRetry, language: Language) -> str:
    wrap = f"wrap the call in {_SUGGESTIONS[language]}"
    if built_in.turned_off_by is not None:
        return f"drop {built_in.turned_off_by} so that the SDK retries, or {wrap}"
    client = call.client
    if client is None or call.http is not None:
        return wrap
    if client.sdk == "customerio-node" and call.api is not Api.PIPELINES:
        return f"upgrade to customerio-node 5, which retries by itself, or {wrap}"
    if client.sdk == "customerio":
        return f"upgrade to customerio 3, which retries 5xx responses, or {wrap}"
    return wrap
