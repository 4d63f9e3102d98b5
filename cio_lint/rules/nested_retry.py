"""CIO505 nested-retry: a call that retries by itself inside another retry loop."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, FileModel, RetryCandidate
from cio_lint.rules.base import Severity
from cio_lint.rules.retry_paths import BuiltInRetry, RetryPathsRule
from cio_lint.sdk.retries import RETRY_LOOP


class NestedRetry(RetryPathsRule):
    code = "CIO505"
    name = "nested-retry"
    summary = (
        "A call that its SDK or HTTP library already retries, wrapped in a "
        "second retry, so attempts multiply."
    )
    severity = Severity.INFO

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        self._paths.learn_helpers(models.values())
        for path, model in models.items():
            for call in model.calls:
                if call.wrapper is not None:
                    continue
                wrapper = self._paths.retry_around(call)
                built_in = self._paths.built_in(call, str(path))
                if wrapper is not None and built_in is not None and built_in.retries:
                    yield (
                        path,
                        Violation.at(call.span, _message(call, wrapper, built_in)),
                    )


def _message(call: ApiCall, wrapper: RetryCandidate, built_in: BuiltInRetry) -> str:
    return (
        f"{built_in.reason}, and {_describe(wrapper)} retries the call again: the "
        "attempts multiply, and a send that reached Customer.io before a "
        f"timeout may go out twice: {_remedy(built_in)}"
    )


def _describe(wrapper: RetryCandidate) -> str:
    if wrapper.name == RETRY_LOOP:
        return f"the retry loop on line {wrapper.span.start.line}"
    return wrapper.name


def _remedy(built_in: BuiltInRetry) -> str:
    setting = built_in.version and built_in.version.package
    if setting == "customerio-node":
        return "keep one retry, such as the SDK's with retry: { maxRetries } set"
    if setting == "customerio":
        return "keep one retry, or build the client with retries=0"
    return "keep one of the two retries"
