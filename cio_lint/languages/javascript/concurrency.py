"""Recognise JavaScript code that starts one call per item all at once."""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, field_node

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
