"""Tell whether a JavaScript time expression reads the current time."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node

# Functions that return the current time, by qualified name; `moment` and
# `dayjs` do so only when called without arguments.
_CLOCK_READS = frozenset({"Date.now", "luxon.DateTime.now", "luxon.DateTime.local"})
_NOW_WITHOUT_ARGUMENTS = frozenset({"moment", "dayjs", "moment.utc", "dayjs.utc"})


def reads_clock(
    node: Node, source: Source, qualify: Callable[[Node], str | None]
) -> bool:
    """Tell whether `node` reads the clock anywhere inside it."""
    stack = [node]
    while stack:
        current = stack.pop()
        if _is_clock_read(current, source, qualify):
            return True
        stack.extend(current.named_children)
    return False


def _is_clock_read(
    node: Node, source: Source, qualify: Callable[[Node], str | None]
) -> bool:
    if node.type == "new_expression":
        constructor = field_node(node, "constructor")
        named = constructor is not None and source.raw(constructor) == "Date"
        return named and not arguments_of(node)
    if node.type != "call_expression":
        return False
    function = field_node(node, "function")
    name = qualify(function) if function is not None else None
    if name in _CLOCK_READS:
        return True
    return name in _NOW_WITHOUT_ARGUMENTS and not arguments_of(node)
