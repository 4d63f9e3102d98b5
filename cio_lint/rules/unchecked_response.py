"""CIO508 unchecked-response: an HTTP call whose response status is never read."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, FileModel
from cio_lint.rules.base import Rule
from cio_lint.sdk.http_statuses import (
    package_of,
    returns_error_statuses,
    status_remedy,
)


class UncheckedResponse(Rule):
    code = "CIO508"
    name = "unchecked-response"
    summary = (
        "A plain HTTP call to Customer.io whose response status is never read, "
        "so a 401 or 429 passes as success."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if _unchecked(call):
                yield Violation.at(call.span, _message(call))


def _unchecked(call: ApiCall) -> bool:
    # A wrapper's callers get the response the wrapper hands on; the call
    # inside the wrapper is checked where it is written.
    if call.http is None or call.wrapper is not None:
        return False
    if not returns_error_statuses(call.http.library):
        return False
    return not call.context.status_checked


def _message(call: ApiCall) -> str:
    assert call.http is not None
    library = call.http.library
    return (
        f"The status of this {library}() response from the {call.api.value} is "
        f"never read: {package_of(library)} returns a 401, 429 or 5xx response without "
        "raising, so a rejected request passes as success: "
        f"{status_remedy(library)}"
    )
