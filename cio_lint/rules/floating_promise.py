"""CIO502 floating-promise: a Customer.io promise left unawaited and unhandled."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.edits import Applicability, Edit, Fix
from cio_lint.findings import Violation
from cio_lint.model import ApiCall, FileModel, ResultHandling
from cio_lint.rules.base import Rule

# SDKs whose client methods return promises that reject on failure.
# @customerio/cdp-analytics-node methods return nothing, so they are not here.
PROMISE_SDKS = frozenset(
    {
        "customerio-node",
        "@customerio/cdp-analytics-browser",
        "customerio-reactnative",
    }
)
_FLOATING = frozenset({ResultHandling.FLOATING, ResultHandling.VOIDED})
_BROWSER = "@customerio/cdp-analytics-browser"


class FloatingPromise(Rule):
    code = "CIO502"
    name = "floating-promise"
    summary = (
        "A promise from a Customer.io call that is not awaited, returned or "
        "given a rejection handler."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if _is_floating(call):
                yield Violation.at(call.span, _message(call), fix=_await(call))


def _await(call: ApiCall) -> Fix | None:
    """Return the fix that awaits a floating call inside an async function.

    It is unsafe: the function then waits for the request, and a failure
    now raises in it instead of going unhandled.
    """
    if not call.context.in_async_function:
        return None
    if call.context.result is not ResultHandling.FLOATING:
        return None
    edit = Edit.inserting_before(call.span, "await ")
    return Fix(Applicability.UNSAFE, "Await the promise", (edit,))


def _is_floating(call: ApiCall) -> bool:
    client = call.client
    if client is None or client.sdk not in PROMISE_SDKS:
        return False
    # A wrapper's caller receives the promise only when the wrapper returns it.
    if call.wrapper is not None and (
        call.wrapper.guarded or not call.wrapper.returns_promise
    ):
        return False
    # The `cioanalytics` snippet global is a stub that queues calls and
    # returns nothing until the library loads.
    if client.class_name == "cioanalytics":
        return False
    return call.context.result in _FLOATING


def _message(call: ApiCall) -> str:
    assert call.client is not None
    voided = call.context.result is ResultHandling.VOIDED
    handling = "is discarded with void" if voided else "is neither awaited nor returned"
    text = f"The promise from {call.client.sdk} {call.method}() {handling} and has no "
    if call.client.sdk == _BROWSER:
        # The browser library queues failed sends for retry; its promise
        # rejects when the call itself is invalid.
        text += (
            "rejection handler: a call the library rejects, such as a track "
            "without an event name, becomes an unhandled rejection, and the "
            "error is lost"
        )
    else:
        text += "rejection handler: a failed request becomes an unhandled rejection"
    if call.client.sdk == "customerio-node":
        text += ", which ends the process in Node.js 15 and later"
    elif call.client.sdk != _BROWSER:
        text += ", and the failure is lost"
    if call.context.try_blocks:
        text += (
            "; the surrounding try does not catch it, because the call returns "
            "before the request fails"
        )
    remedy = "await it" if call.context.in_async_function else "return it"
    return f"{text}: {remedy}, or chain .catch() to handle the failure"
