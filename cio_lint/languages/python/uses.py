"""Tell whether a local object variable is used only where its fields are seen.

An object assigned to a name can gain fields later: `request.cc = [...]`,
`payload["to"] = ...`, or any function the name is passed to. Stores on the
variable in its own scope are merged into the object's value. Any other use of
the name could add fields that the analysis cannot see.
"""

from __future__ import annotations

import libcst as cst

# Request methods that add content without hiding any field from the linter.
_SAFE_METHODS = frozenset({"attach"})


class _Uses(cst.CSTVisitor):
    """Count the places that read a name, setting aside those known to be safe."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.mentions = 0
        self.safe = 0
        self.stores = 0

    def _is_name(self, node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name:
            self.mentions += 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._is_name(node.attr):
            self.safe += 1

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and self._is_name(node.keyword):
            self.safe += 1

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._target(node.target)

    def _target(self, target: cst.BaseExpression) -> None:
        if self._is_name(target):
            self.safe += 1
        elif isinstance(target, (cst.Attribute, cst.Subscript)) and self._is_name(
            target.value
        ):
            self.safe += 1
            self.stores += 1

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and self._is_name(func.value)
            and func.attr.value in _SAFE_METHODS
        ):
            self.safe += 1


def is_sealed(scope_node: cst.CSTNode, name: str, merged_stores: int) -> bool:
    """Tell whether `name` is read once in `scope_node`, apart from safe uses.

    Safe uses are its assignment, stores to its keys or attributes and
    `.attach(...)` calls. The stores found must be the `merged_stores` that the
    value already contains, because a store in a nested function is not merged.
    """
    uses = _Uses(name)
    scope_node.visit(uses)
    reads = uses.mentions - uses.safe
    return reads <= 1 and uses.stores == merged_stores
