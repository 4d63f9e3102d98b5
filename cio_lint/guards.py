"""Whether a Customer.io call's error is caught before it leaves its function.

Rules about swallowed and escaping errors share these checks. They read only
the call context that the front-ends record, so they depend on no syntax.
"""

from __future__ import annotations

from collections.abc import Iterable

from cio_lint.model import ApiCall, ErrorHandler, ResultHandling
from cio_lint.wrappers import Wrapper

# The last part of exception names that catch a failed Customer.io request:
# the SDK's own exception, the transport errors of plain HTTP libraries and
# their bases. A handler of only other types, such as KeyError, is left alone.
CATCHING = frozenset(
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
_REACHES_TRY = frozenset({None, ResultHandling.AWAITED})
_HANDED_ON = frozenset({ResultHandling.AWAITED, ResultHandling.RETURNED})


def catches_request_error(handler: ErrorHandler) -> bool:
    """Tell whether a handler catches the error of a failed request."""
    if not handler.exception_types:
        return True
    return any(name.rsplit(".", 1)[-1] in CATCHING for name in handler.exception_types)


def first_handler(call: ApiCall) -> ErrorHandler | None:
    """Return the handler that receives the call's error and does not re-raise it.

    A rejection handler chained onto the promise comes first. A `try` catches
    the error only of a call that is synchronous or awaited. A handler that
    re-raises passes the error to the next `try` outwards.
    """
    context = call.context
    rejection = context.rejection_handler
    if rejection is not None:
        return rejection if rejection.empty or not rejection.reraises else None
    if context.result not in _REACHES_TRY:
        return None
    for block in context.try_blocks:
        handler = next(
            (item for item in block.handlers if catches_request_error(item)), None
        )
        if handler is not None and (handler.empty or not handler.reraises):
            return handler
    return None


def wrapper_guards(wrapper: Wrapper, calls: Iterable[ApiCall]) -> bool:
    """Tell whether the wrapper catches the error of the call it makes."""
    inside = _wrapped_call(wrapper, calls)
    return inside is not None and first_handler(inside) is not None


def wrapper_returns_promise(wrapper: Wrapper, calls: Iterable[ApiCall]) -> bool:
    """Tell whether the wrapper returns or awaits the promise of the call it makes.

    Its caller then receives a promise that rejects when the request fails.
    """
    inside = _wrapped_call(wrapper, calls)
    return inside is not None and inside.context.result in _HANDED_ON


def wrapper_limited(wrapper: Wrapper, calls: Iterable[ApiCall]) -> bool:
    """Tell whether the wrapper makes its call under a semaphore or rate limiter."""
    inside = _wrapped_call(wrapper, calls)
    return inside is not None and inside.context.limited


def _wrapped_call(wrapper: Wrapper, calls: Iterable[ApiCall]) -> ApiCall | None:
    """Return the call a wrapper makes.

    That is the first call after the wrapper's name that the front-end placed
    in a function of the same name.
    """
    function = wrapper.name.rsplit(".", 1)[-1]
    line = wrapper.span.start.line
    inside = [
        call
        for call in calls
        if call.context.function == function and call.span.start.line >= line
    ]
    return min(inside, key=lambda call: call.span.start_offset, default=None)
