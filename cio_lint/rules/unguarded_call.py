"""CIO506 unguarded-call: a Customer.io error that escapes into a request or job."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.guards import catches_request_error, first_handler
from cio_lint.model import ApiCall, EntryKind, EntryPoint, FileModel, ResultHandling
from cio_lint.rules.base import Rule

# SDKs whose calls raise, or return a promise that rejects, on a failed
# request. The Data Pipelines SDKs queue events and report failures later.
RAISING_SDKS = frozenset({"customerio", "customerio-node"})
# A promise that is awaited or returned passes its rejection to the caller.
_PASSED_UP = frozenset({None, ResultHandling.AWAITED, ResultHandling.RETURNED})
_HARM = {
    EntryKind.REQUEST_HANDLER: "fails the whole request, usually with a 500",
    EntryKind.QUEUE_CONSUMER: "fails the task and skips the work after the call",
    EntryKind.MODEL_SAVE: "makes save() raise and fails whatever saved the model",
}


class UnguardedCall(Rule):
    code = "CIO506"
    name = "unguarded-call"
    summary = (
        "A Customer.io call whose error escapes into a request handler, a "
        "model save or a queue task with no handler on the way."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        app_handles = any(
            catches_request_error(handler) for handler in model.framework_handlers
        )
        for call in model.calls:
            entry = call.context.entry_point
            if entry is None or not _escapes(call, entry):
                continue
            # The application's own handler responds to a route's error.
            if app_handles and entry.kind is EntryKind.REQUEST_HANDLER:
                continue
            yield Violation.at(call.span, _message(call, entry))


def _escapes(call: ApiCall, entry: EntryPoint) -> bool:
    if entry.retries:
        return False
    if call.http is None and (
        call.client is None or call.client.sdk not in RAISING_SDKS
    ):
        return False
    if call.context.result not in _PASSED_UP:
        return False
    if call.wrapper is not None and call.wrapper.guarded:
        return False
    return first_handler(call) is None and not _responds(call)


def _responds(call: ApiCall) -> bool:
    """Tell whether the handler that catches the error responds with an HTTP error."""
    for block in call.context.try_blocks:
        for handler in block.handlers:
            if catches_request_error(handler):
                return handler.responds
    return False


def _raises(call: ApiCall) -> bool:
    if call.http is not None:
        return True
    return call.client is not None and call.client.sdk in RAISING_SDKS


def _message(call: ApiCall, entry: EntryPoint) -> str:
    function = call.context.function
    named = f"{function}(), " if function else ""
    return (
        f"An error from this {call.api.value} call {_callee(call)} escapes "
        f"{named}a {entry.kind.value} ({entry.source}), with no handler on the "
        f"way, so a Customer.io outage or a rejected request {_HARM[entry.kind]}: "
        "catch the error and log it, or send the call from a background job "
        "that retries"
    )


def _callee(call: ApiCall) -> str:
    # The engine names the wrapper of a call made through one.
    if call.http is not None:
        return f"{call.http.library}()"
    return f"{call.method}()"
