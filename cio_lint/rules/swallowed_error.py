"""CIO507 swallowed-error: a handler that drops the error of a Customer.io call."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.guards import catches_request_error, first_handler
from cio_lint.model import ApiCall, ErrorHandler, FileModel
from cio_lint.rules.base import Rule
from cio_lint.sdk.retries import RETRY_LOOP


class SwallowedError(Rule):
    code = "CIO507"
    name = "swallowed-error"
    summary = (
        "A handler that drops the error of a Customer.io call without logging, "
        "counting or re-raising it."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        reported: set[tuple[int, int]] = set()
        for call in model.calls:
            found = [(item, _message(call)) for item in _dropping_handlers(call)]
            found.extend(_dead_retry_loops(call))
            for handler, message in found:
                key = (handler.type_span.start_offset, handler.type_span.end_offset)
                if key not in reported:
                    reported.add(key)
                    yield Violation.at(handler.type_span, message)


def _dropping_handlers(call: ApiCall) -> Iterator[ErrorHandler]:
    """Yield the handler that first receives the call's error, if it drops it."""
    handler = first_handler(call)
    if handler is not None and handler.empty and not _reported_after(call):
        yield handler


def _reported_after(call: ApiCall) -> bool:
    """Tell whether a retry loop around the call reports its last failure.

    A handler that only goes on to the next attempt drops nothing when the
    loop's `else` clause logs or raises after the last attempt.
    """
    return any(
        candidate.name == RETRY_LOOP and candidate.reports_exhaustion
        for candidate in call.context.retry_candidates
    )


def _dead_retry_loops(call: ApiCall) -> Iterator[tuple[ErrorHandler, str]]:
    """Yield handlers inside a retry loop that leave it on the first failure."""
    for candidate in call.context.retry_candidates:
        if candidate.name != RETRY_LOOP:
            continue
        for block in call.context.try_blocks:
            if not candidate.span.contains(block.span.start):
                break
            handler = next(
                (item for item in block.handlers if catches_request_error(item)), None
            )
            if handler is not None and handler.exits and not handler.empty:
                yield handler, _loop_message(call, candidate.span.start.line)
                break


def _message(call: ApiCall) -> str:
    return (
        f"This handler drops the error of the {call.api.value} call "
        f"{_callee(call)} at line {call.span.start.line} without logging, "
        "counting or re-raising it, so a rejected or failed request goes "
        "unnoticed: log the error with the customer id, count it, or re-raise it"
    )


def _loop_message(call: ApiCall, line: int) -> str:
    return (
        f"The retry loop on line {line} never runs the {call.api.value} call "
        f"{_callee(call)} again: this handler leaves the loop on the first "
        "failure, so the call is tried once: wait and let the loop continue, "
        "and re-raise only after the last attempt"
    )


def _callee(call: ApiCall) -> str:
    if call.wrapper is not None:
        return f"{call.wrapper.callee}()"
    if call.http is not None:
        return f"{call.http.library}()"
    return f"{call.method}()"
