"""CIO507 swallowed-error: a handler that drops the error of a Customer.io call."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.guards import first_handler
from cio_lint.model import ApiCall, ErrorHandler, FileModel
from cio_lint.rules.base import Rule


class SwallowedError(Rule):
    code = "CIO507"
    name = "swallowed-error"
    summary = (
        "A handler that drops the error of a Customer.io call without logging, "
        "counting or re-raising it."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        # TODO: report a retry loop that cannot loop, such as a `for attempt`
        # loop whose handler re-raises or returns on the first failure.
        reported: set[tuple[int, int]] = set()
        for call in model.calls:
            handler = _dropping_handler(call)
            if handler is None:
                continue
            key = (handler.type_span.start_offset, handler.type_span.end_offset)
            if key not in reported:
                reported.add(key)
                yield Violation.at(handler.type_span, _message(call))


def _dropping_handler(call: ApiCall) -> ErrorHandler | None:
    """Return the handler that first receives the call's error, if it drops it."""
    handler = first_handler(call)
    return handler if handler is not None and handler.empty else None


def _message(call: ApiCall) -> str:
    return (
        f"This handler drops the error of the {call.api.value} call "
        f"{_callee(call)} at line {call.span.start.line} without logging, "
        "counting or re-raising it, so a rejected or failed request goes "
        "unnoticed: log the error with the customer id, count it, or re-raise it"
    )


def _callee(call: ApiCall) -> str:
    if call.wrapper is not None:
        return f"{call.wrapper.callee}()"
    if call.http is not None:
        return f"{call.http.library}()"
    return f"{call.method}()"
