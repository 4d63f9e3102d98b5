"""Read what a JavaScript error handler does: a `catch` block or `.catch(fn)`.

A rejection handler chained onto a promise is recorded like a `catch` block,
so that rules see one kind of record for both.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.languages.javascript.scopes import FUNCTIONS
from cio_lint.model import ErrorHandler, Span

_PASS_THROUGH = frozenset(
    {"parenthesized_expression", "as_expression", "non_null_expression"}
)
_NOTHING = frozenset({"undefined", "null", "void 0", "noop", "_.noop", "lodash.noop"})
_EXITS = frozenset({"throw_statement", "return_statement", "break_statement"})
_LOG_WORDS = ("log", "warn", "error", "report", "capture", "sentry")


def rejection_handler(node: Node, source: Source) -> ErrorHandler | None:
    """Return the handler chained onto the promise of the call `node`, or None.

    The walk passes `.then(fn)` and `.finally(fn)` to the first `.catch(fn)` or
    `.then(ok, fn)`.
    """
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.type in _PASS_THROUGH:
            current = parent
            continue
        call = parent.parent
        prop = field_node(parent, "property")
        if (
            parent.type != "member_expression"
            or field_node(parent, "object") != current
            or call is None
            or call.type != "call_expression"
            or prop is None
        ):
            return None
        method = source.raw(prop)
        arguments = arguments_of(call)
        if method == "catch" and arguments:
            return handler_function(arguments[0], source)
        if method == "then" and len(arguments) >= 2:
            return handler_function(arguments[1], source)
        if method not in ("then", "finally"):
            return None
        current = call
    return None


def handler_function(function: Node, source: Source) -> ErrorHandler:
    """Describe a function given as a rejection handler."""
    span = source.span(function)
    if function.type not in FUNCTIONS:
        empty = source.raw(function) in _NOTHING
        return ErrorHandler((), span, empty=empty)
    body = field_node(function, "body")
    if body is None:
        return ErrorHandler((), span, empty=True)
    if body.type != "statement_block":
        return ErrorHandler(
            (), span, logs=logs(body, source), empty=source.raw(body) in _NOTHING
        )
    return catch_block(body, span, source)


def catch_block(body: Node, span: Span, source: Source) -> ErrorHandler:
    """Describe a handler whose body is the statement block `body`."""
    return ErrorHandler(
        (),
        span,
        reraises=contains(body, "throw_statement"),
        logs=logs(body, source),
        empty=does_nothing(body, source),
        exits=any(item.type in _EXITS for item in body.named_children),
    )


def does_nothing(block: Node, source: Source) -> bool:
    """Tell whether a statement block is empty or only returns nothing."""
    for statement in block.named_children:
        if statement.type in ("comment", "empty_statement", "continue_statement"):
            continue
        if statement.type != "return_statement":
            return False
        values = [item for item in statement.named_children if item.type != "comment"]
        if values and source.raw(values[0]) not in _NOTHING:
            return False
    return True


def logs(node: Node, source: Source) -> bool:
    """Tell whether `node` calls something named like a logger or reporter."""
    names = [name.lower() for name in called_names(node, source)]
    return any(word in name for name in names for word in _LOG_WORDS)


def called_names(node: Node, source: Source) -> list[str]:
    """Return the callee text of every plain or member call under `node`."""
    names = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "call_expression":
            function = field_node(current, "function")
            if function is not None and function.type in (
                "identifier",
                "member_expression",
            ):
                names.append(source.raw(function))
        stack.extend(current.named_children)
    return names


def contains(node: Node, kind: str) -> bool:
    """Tell whether `node` contains a `kind` node outside nested functions."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == kind:
            return True
        if current.type not in FUNCTIONS or current is node:
            stack.extend(current.named_children)
    return False
