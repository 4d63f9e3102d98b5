"""Recognise JavaScript code that starts one call per item all at once."""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.languages.javascript.scopes import FUNCTIONS

_COLLECTORS = frozenset({"Promise.all", "Promise.allSettled"})
_PASS_THROUGH = frozenset(
    {"parenthesized_expression", "as_expression", "non_null_expression", "array"}
)


def collector(call: Node, source: Source) -> str | None:
    """Return `Promise.all` or `Promise.allSettled` when it receives `call`.

    `call` is an iterating call such as `users.map(...)`, written as the
    argument (or spread into the array argument) of the collector.
    """
    current = call
    parent = current.parent
    while parent is not None and (
        parent.type in _PASS_THROUGH or parent.type == "spread_element"
    ):
        current, parent = parent, parent.parent
    if parent is None or parent.type != "arguments" or parent.parent is None:
        return None
    function = field_node(parent.parent, "function")
    name = source.raw(function) if function is not None else ""
    return name if name in _COLLECTORS else None


def pushed_collector(call: Node, source: Source) -> str | None:
    """Return the collector of an array that the promise of `call` is pushed onto.

    The collector is `Promise.all` or `Promise.allSettled`.
    `pending.push(cio.identify(id))` in a loop starts every call at once when
    the same function later passes `pending` to the collector.
    """
    parent = call.parent
    push = parent.parent if parent is not None else None
    if parent is None or parent.type != "arguments" or push is None:
        return None
    function = field_node(push, "function")
    prop = field_node(function, "property") if function is not None else None
    target = field_node(function, "object") if function is not None else None
    if prop is None or source.raw(prop) != "push" or target is None:
        return None
    if target.type != "identifier":
        return None
    return _collector_of(source.raw(target), _enclosing_body(push), source)


def _enclosing_body(node: Node) -> Node:
    current = node
    while current.parent is not None and current.type not in FUNCTIONS:
        current = current.parent
    return current


def _collector_of(name: str, body: Node, source: Source) -> str | None:
    """Return the collector that `body` passes the array `name` to, if any."""
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type == "call_expression":
            function = field_node(current, "function")
            called = source.raw(function) if function is not None else ""
            arguments = arguments_of(current)
            if called in _COLLECTORS and arguments:
                if source.raw(arguments[0]).strip("[]. ") == name:
                    return called
        stack.extend(current.named_children)
    return None
