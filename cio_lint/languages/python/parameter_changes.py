"""Find the parameters a function changes before it uses them.

A wrapper that normalises what its caller passes (`ts // 1000`,
`attrs["created_at"] = …`, `kwargs.pop("timestamp")`, `if ts < 10**12:`) does
not send the caller's value unchanged, so such a parameter is not followed to
its callers. Reading a parameter, passing it on, or joining it to a string
with `+` leaves it unchanged. Each function returns the names, among
`parameters`, that a node changes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import libcst as cst

# Methods that change the dict or list they are called on.
_MUTATORS = frozenset(
    {"pop", "popitem", "update", "setdefault", "clear", "remove", "append", "extend"}
)
_ORDERING = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)


def _root(node: cst.BaseExpression, parameters: Collection[str]) -> Iterator[str]:
    """Yield the parameter that `node`, `node[...]` or `node.attr` starts from."""
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        node = node.value
    if isinstance(node, cst.Name) and node.value in parameters:
        yield node.value


def stored(target: cst.BaseExpression, parameters: Collection[str]) -> list[str]:
    """Return the parameter of `param[key] = …`, `param.attr = …`, `del param[key]`."""
    if isinstance(target, (cst.Subscript, cst.Attribute)):
        return list(_root(target, parameters))
    return []


def mutated(node: cst.Call, parameters: Collection[str]) -> list[str]:
    """Return the parameter of `param.pop(...)` and the other mutating methods."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in _MUTATORS:
        return list(_root(func.value, parameters))
    return []


def compared(node: cst.Comparison, parameters: Collection[str]) -> list[str]:
    """Return the parameters ordered against something, as `ts < 10**12` does."""
    if not any(isinstance(item.operator, _ORDERING) for item in node.comparisons):
        return []
    sides = [node.left, *(item.comparator for item in node.comparisons)]
    return [name for side in sides for name in _root(side, parameters)]


def computed(node: cst.BinaryOperation, parameters: Collection[str]) -> list[str]:
    """Return the parameters in arithmetic; `+` counts only next to a number."""
    numbers = (cst.Integer, cst.Float)
    if isinstance(node.operator, cst.Add) and not (
        isinstance(node.left, numbers) or isinstance(node.right, numbers)
    ):
        return []
    sides = (node.left, node.right)
    return [name for side in sides for name in _root(side, parameters)]
