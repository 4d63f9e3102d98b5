"""Clients made by a factory function that another file exports.

`const cio = makeClient()` after `import { makeClient } from "./clients"`
contains whatever `makeClient` returns. The caller cannot see that function, so
calls on `cio` wait for the project pass as calls on the export
`makeClient()`. The file that defines the function exports a client under that
name when every return of the function gives the same client.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.parsing import field_node, unwrap
from cio_lint.languages.javascript.references import imported_reference
from cio_lint.languages.javascript.scopes import UNKNOWN_BINDING, Scope, lookup
from cio_lint.model import ModuleReference

CALLED = "()"
"""Appended to a function's export name to name what calling it returns."""


def factory_reference(
    node: Node, scope: Scope, resolver: ClientResolver
) -> ModuleReference | None:
    """Return `./clients` / `makeClient()` for `makeClient()` or a name bound to it."""
    node = unwrap(node)
    if node.type == "identifier":
        found = lookup(resolver.source.raw(node), scope)
        if found is None or found.imported is not None or len(found.bindings) != 1:
            return None
        binding = found.bindings[0]
        if binding is UNKNOWN_BINDING or not isinstance(binding, Node):
            return None
        node, scope = unwrap(binding), found.scope
    if node.type == "await_expression" and node.named_children:
        node = unwrap(node.named_children[0])
    if node.type != "call_expression":
        return None
    function = field_node(node, "function")
    if function is None:
        return None
    reference = imported_reference(unwrap(function), scope, resolver)
    if reference is None:
        return None
    return ModuleReference(reference.specifier, f"{reference.export}{CALLED}")
