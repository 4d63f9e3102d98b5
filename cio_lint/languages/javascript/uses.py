"""Tell whether a local object variable is used only where its fields are seen.

An object assigned to a name can gain fields later: `request.cc = [...]`, or
inside any function the name is passed to. Stores on the variable in its own
function are merged into the object's value. Any other use of the name could
add fields that the analysis cannot see.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, field_node, member_target

_NAMES = frozenset({"identifier", "shorthand_property_identifier"})
# Request methods that add content without hiding any field from the linter.
_SAFE_METHODS = frozenset({"attach"})


class NameUses:
    """The identifiers under one scope node, grouped by name on first use."""

    def __init__(self, source: Source) -> None:
        self._source = source
        self._by_scope: dict[int, dict[str, list[Node]]] = {}

    def is_sealed(self, scope_node: Node, name: str, merged_stores: int) -> bool:
        """Tell whether `name` is read once under `scope_node`, apart from safe uses.

        Safe uses are its declaration, stores to its keys and `.attach(...)`
        calls. The stores found must be the `merged_stores` that the value
        already contains, because a store in a nested function is not merged.
        """
        reads = stores = 0
        for node in self._identifiers(scope_node).get(name, ()):
            use = self._classify(node)
            reads += use == "read"
            stores += use == "store"
        return reads <= 1 and stores == merged_stores

    def _identifiers(self, scope_node: Node) -> dict[str, list[Node]]:
        found = self._by_scope.get(scope_node.id)
        if found is None:
            found = {}
            stack = [scope_node]
            while stack:
                node = stack.pop()
                if node.type in _NAMES:
                    found.setdefault(self._source.raw(node), []).append(node)
                stack.extend(node.children)
            self._by_scope[scope_node.id] = found
        return found

    def _classify(self, node: Node) -> str:
        """Return `declaration`, `store`, `safe call` or `read`."""
        parent = node.parent
        if parent is None:
            return "read"
        if parent.type == "variable_declarator":
            declared = field_node(parent, "name")
            if declared is not None and declared.id == node.id:
                return "declaration"
        if parent.type not in ("member_expression", "subscript_expression"):
            return "read"
        owner = field_node(parent, "object")
        if owner is None or owner.id != node.id:
            return "read"
        outer = parent.parent
        if outer is None:
            return "read"
        if outer.type == "assignment_expression":
            left = field_node(outer, "left")
            if left is not None and left.id == parent.id:
                target = member_target(parent, self._source)
                return "store" if target is not None else "read"
        if outer.type == "call_expression" and parent.type == "member_expression":
            prop = field_node(parent, "property")
            if prop is not None and self._source.raw(prop) in _SAFE_METHODS:
                return "safe call"
        return "read"
