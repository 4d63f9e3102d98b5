"""CIO507 swallowed-error: a handler that drops the error of a Customer.io call."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, ErrorHandler, FileModel, ResultHandling
from cio_lint.rules.base import Rule

# The last part of exception names that catch a failed Customer.io request:
# the SDK's own exception, the transport errors of plain HTTP libraries and
# their bases. A handler of only other types, such as KeyError, is left alone.
_CATCHING = frozenset(
    {
        "Exception",
        "BaseException",
        "CustomerIOException",
        "RequestException",
        "HTTPError",
        "HTTPStatusError",
        "TransportError",
        "ConnectionError",
        "Timeout",
        "TimeoutError",
        "OSError",
        "IOError",
        "ClientError",
        "ClientResponseError",
    }
)


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
    context = call.context
    if context.rejection_handler is not None:
        return context.rejection_handler if context.rejection_handler.empty else None
    if context.result not in (None, ResultHandling.AWAITED):
        # A try block does not see the rejection of a promise it does not await.
        return None
    for block in context.try_blocks:
        handler = next((item for item in block.handlers if _catches(item)), None)
        if handler is None:
            continue
        if handler.empty:
            return handler
        if not handler.reraises:
            return None
    return None


def _catches(handler: ErrorHandler) -> bool:
    if not handler.exception_types:
        return True
    return any(name.rsplit(".", 1)[-1] in _CATCHING for name in handler.exception_types)


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
