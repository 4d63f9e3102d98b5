"""Find the parameters a JavaScript function changes before it uses them.

A wrapper that normalises what its caller passes (`ts / 1000`,
`attrs.created_at = …`, `delete data.timestamp`, `if (ts > 1e12)`) does not
send the caller's value unchanged, so such a parameter is not followed to its
callers. Reading a parameter, passing it on, or joining it to a string with
`+` leaves it unchanged. Each function returns the names, among
`parameters`, that a node changes.
"""

from __future__ import annotations

from collections.abc import Collection

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, field_node, unwrap

_ORDERING = frozenset({"<", "<=", ">", ">="})
_ARITHMETIC = frozenset({"-", "*", "/", "%", "**"})
_MEMBERS = frozenset({"member_expression", "subscript_expression"})


def _root(node: Node | None, source: Source, parameters: Collection[str]) -> list[str]:
    """Return the parameter that `node`, `node.key` or `node[key]` starts from."""
    while node is not None:
        node = unwrap(node)
        if node.type not in _MEMBERS:
            break
        node = field_node(node, "object")
    if node is not None and node.type == "identifier":
        name = source.raw(node)
        return [name] if name in parameters else []
    return []


def stored(target: Node, source: Source, parameters: Collection[str]) -> list[str]:
    """Return the parameter of `param.key = …` and `param[key] = …`."""
    if unwrap(target).type in _MEMBERS:
        return _root(target, source, parameters)
    return []


def deleted(node: Node, source: Source, parameters: Collection[str]) -> list[str]:
    """Return the parameter of `delete param.key`."""
    operator = field_node(node, "operator")
    if operator is None or operator.type != "delete":
        return []
    return _root(field_node(node, "argument"), source, parameters)


def computed(node: Node, source: Source, parameters: Collection[str]) -> list[str]:
    """Return the parameters ordered or in arithmetic; `+` only next to a number."""
    operator = field_node(node, "operator")
    left, right = field_node(node, "left"), field_node(node, "right")
    if operator is None:
        return []
    kind = operator.type
    numbers = [side for side in (left, right) if side and unwrap(side).type == "number"]
    if (
        kind not in _ORDERING
        and kind not in _ARITHMETIC
        and not (kind == "+" and numbers)
    ):
        return []
    return [*_root(left, source, parameters), *_root(right, source, parameters)]


def assigned_into(node: Node, source: Source, parameters: Collection[str]) -> list[str]:
    """Return the parameter of `Object.assign(param, …)`."""
    function = field_node(node, "function")
    if function is None or source.raw(unwrap(function)) != "Object.assign":
        return []
    arguments = field_node(node, "arguments")
    first = (
        arguments.named_children[0] if arguments and arguments.named_children else None
    )
    return _root(first, source, parameters)
