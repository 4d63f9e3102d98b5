"""Find the exception handlers a Python web framework runs for every route.

The registrations recognised are Flask's `@app.errorhandler(T)` and
`app.register_error_handler(T, f)`, and FastAPI's or Starlette's
`@app.exception_handler(T)` and `app.add_exception_handler(T, f)`. Each turns
an exception of type `T`, or of a subclass, raised in any route of the
application into a response, so such an error does not escape as a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import libcst as cst

from cio_lint.languages.python.scopes import CallRecord, dotted_name
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import ErrorHandler, Span

_REGISTRATIONS = frozenset(
    {
        "errorhandler",
        "register_error_handler",
        "exception_handler",
        "add_exception_handler",
    }
)


def framework_handlers(
    records: Sequence[CallRecord],
    evaluator: Evaluator,
    span: Callable[[cst.CSTNode], Span],
) -> Iterator[ErrorHandler]:
    """Yield one handler per exception type registered with an application."""
    for record in records:
        node = record.node
        if not isinstance(node.func, cst.Attribute):
            continue
        if node.func.attr.value not in _REGISTRATIONS or not node.args:
            continue
        first = node.args[0]
        if first.keyword is not None:
            continue
        written = dotted_name(first.value)
        if written is None:
            continue
        qualified = evaluator.qualified_name(first.value, record.scope) or written
        yield ErrorHandler((qualified,), span(first.value))
