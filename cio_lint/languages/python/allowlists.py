"""Find the names a function checks against a fixed collection of values.

A name tested with `name in ALLOWED` or `name not in ALLOWED` (in an `if`,
an `assert` or any other expression), or looked up as `EVENTS[name]`, can only
go on with one of the collection's values when the code rejects the others.
The collection is fixed when it is a set, list, tuple or dict literal, a
module constant bound to one (also through `frozenset(...)`, `set(...)`,
`tuple(...)`, `list(...)`, `dict(...)`), an enum class or its `__members__`.

NOTE: where the check sits is not compared with where the name is used, and
what happens to a value that fails it is not checked either: any such test in
the function counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cio_lint.languages.python.scopes import Scope, ScopeKind
from cio_lint.languages.python.walk import descendants

if TYPE_CHECKING:
    from cio_lint.languages.python.values import Evaluator

_LITERALS = (cst.Set, cst.List, cst.Tuple, cst.Dict)
_COPIES = frozenset({"frozenset", "set", "tuple", "list", "dict"})
_MEMBERSHIP = (cst.In, cst.NotIn)


def checked_names(scope: Scope, evaluator: Evaluator) -> frozenset[str]:
    """Return the names that the function `scope` checks against a fixed collection."""
    if scope.kind is not ScopeKind.FUNCTION:
        return frozenset()
    found: set[str] = set()
    for node in descendants(scope.node):
        if isinstance(node, cst.Comparison):
            found.update(_compared_names(node, scope, evaluator))
        elif isinstance(node, cst.Subscript):
            name = _looked_up_name(node, scope, evaluator)
            if name is not None:
                found.add(name)
    return frozenset(found)


def _compared_names(
    node: cst.Comparison, scope: Scope, evaluator: Evaluator
) -> list[str]:
    left = node.left
    names = []
    for target in node.comparisons:
        is_membership = isinstance(target.operator, _MEMBERSHIP)
        if is_membership and isinstance(left, cst.Name):
            if is_fixed_collection(target.comparator, scope, evaluator):
                names.append(left.value)
        left = target.comparator
    return names


def _looked_up_name(
    node: cst.Subscript, scope: Scope, evaluator: Evaluator
) -> str | None:
    """Return `name` for `EVENTS[name]` on a fixed dict, else None."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    key = node.slice[0].slice.value
    if not isinstance(key, cst.Name):
        return None
    return key.value if is_fixed_collection(node.value, scope, evaluator) else None


def is_fixed_collection(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> bool:
    """Tell whether `node` is a collection whose values the code fixes."""
    if isinstance(node, _LITERALS):
        return True
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        args = node.args
        if node.func.value in _COPIES and len(args) == 1 and not args[0].keyword:
            return isinstance(args[0].value, _LITERALS)
        return False
    if isinstance(node, cst.Attribute) and node.attr.value == "__members__":
        return _is_enum(node.value, scope, evaluator)
    if not isinstance(node, cst.Name):
        return False
    if _is_enum(node, scope, evaluator):
        return True
    found = evaluator.lookup(node.value, scope)
    if found is None or found.scope.kind is not ScopeKind.MODULE:
        return False
    assigned = evaluator.single_binding(node.value, scope)
    return assigned is not None and is_fixed_collection(*assigned, evaluator)


def _is_enum(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> bool:
    if not isinstance(node, cst.Name) or evaluator.constants is None:
        return False
    found = evaluator.lookup(node.value, scope)
    if found is None or found.scope.kind is not ScopeKind.MODULE:
        return False
    owner = found.scope.classes.get(node.value)
    return owner is not None and evaluator.constants.is_enum(owner)
