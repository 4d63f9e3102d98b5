"""CIO208 payload-logged: a log line that writes a Customer.io request payload."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.guards import catches_request_error
from cio_lint.model import ApiCall, ErrorHandler, FileModel, Span
from cio_lint.rules.base import Rule

# The Python SDK raises CustomerIOException("<status>: <url> <request data>
# <response text>") for a non-2xx response (customerio 3.2.0,
# client_base.py), so its message contains the whole payload.
PAYLOAD_IN_MESSAGE_SDKS = frozenset({"customerio"})


class PayloadLogged(Rule):
    code = "CIO208"
    name = "payload-logged"
    summary = (
        "A log line at info level or above that writes a CustomerIOException "
        "message, which embeds the request payload."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        # TODO: report a log call that writes a payload object passed to a
        # Customer.io call, such as LOG.info("sending %s", attributes).
        reported: set[int] = set()
        for call in model.calls:
            for log, traceback in _error_logs(call):
                if log.start_offset not in reported:
                    reported.add(log.start_offset)
                    message = _TRACEBACK_MESSAGE if traceback else _MESSAGE
                    yield Violation.at(log, message)


def _error_logs(call: ApiCall) -> Iterator[tuple[Span, bool]]:
    """Yield the log calls that write the call's error, and whether each writes
    the traceback."""
    client = call.client
    if client is None or client.sdk not in PAYLOAD_IN_MESSAGE_SDKS:
        return
    if call.http is not None:
        return
    for block in call.context.try_blocks:
        handler = _receiving(block.handlers)
        if handler is None:
            continue
        for log in handler.error_logs:
            yield log, log in handler.traceback_logs
        if not handler.reraises:
            return


def _receiving(handlers: tuple[ErrorHandler, ...]) -> ErrorHandler | None:
    return next((item for item in handlers if catches_request_error(item)), None)


_MESSAGE = (
    "This log line writes the CustomerIOException text, which contains the whole "
    "request payload (attributes, email addresses, message data) next to the "
    "status and URL, so personal data ends up in the logs: log the operation, "
    "the customer id and the status code (the text before the first colon) "
    "instead"
)
_TRACEBACK_MESSAGE = (
    "This log line writes the traceback of the CustomerIOException, and the "
    "traceback's last line is the exception text, which contains the whole "
    "request payload (attributes, email addresses, message data) next to the "
    "status and URL, so personal data ends up in the logs: log the operation, "
    "the customer id and the status code (the text before the first colon) "
    "without the traceback"
)
