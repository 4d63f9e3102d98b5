"""CIO504 dead-error-handling: error handling that cannot work around a call."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, ErrorHandler, FileModel, ResultHandling, TryBlock
from cio_lint.rules.base import Rule

PYTHON_SDK = "customerio"
CDP_NODE_SDK = "@customerio/cdp-analytics-node"
# Exception families that the Python SDK never lets through: it wraps every
# failure, connection errors included, in CustomerIOException.
_WRAPPED_FAMILIES = ("requests.", "urllib3.")
_SDK_EXCEPTION = "CustomerIOException"
_WAITED = frozenset(
    {ResultHandling.AWAITED, ResultHandling.CAUGHT, ResultHandling.COLLECTED}
)


class DeadErrorHandling(Rule):
    code = "CIO504"
    name = "dead-error-handling"
    summary = (
        "Error handling around a Customer.io call that cannot fire or cannot "
        "work as written."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        # TODO: report `.catch()` on customerio-node calls meant for argument
        # errors, which the client methods throw synchronously, once the model
        # records which arguments may be empty.
        for call in model.calls:
            if call.wrapper is not None:
                continue
            yield from _python_handlers(call)
            if _awaits_nothing(call):
                yield Violation.at(call.span, _nothing_message(call))


def _python_handlers(call: ApiCall) -> Iterator[Violation]:
    if call.client is None or call.client.sdk != PYTHON_SDK or call.http is not None:
        return
    for block in call.context.try_blocks:
        for handler in block.handlers:
            if _cannot_fire(handler, block):
                yield Violation.at(handler.type_span, _unreachable_message(handler))
            if _catches_sdk_exception(handler):
                for read in handler.status_reads:
                    yield Violation.at(read, _STATUS_MESSAGE)


def _cannot_fire(handler: ErrorHandler, block: TryBlock) -> bool:
    """Tell whether a handler catches only what the SDK never raises.

    A `try` body that also makes its own `requests` or `urllib3` calls may
    need the handler, so it is left alone.
    """
    if not handler.exception_types:
        return False
    if not all(name.startswith(_WRAPPED_FAMILIES) for name in handler.exception_types):
        return False
    return not any(name.startswith(_WRAPPED_FAMILIES) for name in block.body_calls)


def _catches_sdk_exception(handler: ErrorHandler) -> bool:
    return any(name.endswith(_SDK_EXCEPTION) for name in handler.exception_types)


def _unreachable_message(handler: ErrorHandler) -> str:
    caught = ", ".join(handler.exception_types)
    return (
        f"except {caught} never catches errors of the customerio SDK: it wraps "
        "every failure, connection errors and timeouts included, in "
        "CustomerIOException, so this handler cannot fire and the error goes "
        "up the stack: catch customerio.CustomerIOException"
    )


_STATUS_MESSAGE = (
    "CustomerIOException has no status_code attribute: reading it raises "
    "AttributeError inside the handler; the status is only in the exception's "
    "message text"
)


def _awaits_nothing(call: ApiCall) -> bool:
    client = call.client
    if client is None or client.sdk != CDP_NODE_SDK or call.method == "closeAndFlush":
        return False
    return call.context.result in _WAITED


def _nothing_message(call: ApiCall) -> str:
    return (
        f"{CDP_NODE_SDK} {call.method}() returns nothing: awaiting or chaining "
        "it does not wait for delivery and never sees a failure, which arrives "
        "only through the 'error' event: listen with analytics.on('error', ...) "
        "and await analytics.closeAndFlush() before the process exits"
    )
