"""Find the export of another file that a receiver reads.

A call on a name imported from a relative module (`./cio`) cannot be bound
until the project pass has read what that module exports. So the front-end
records which import and which exported name the receiver reads:

- `cio` after `import { cio } from "./cio"` is `./cio` / `cio`, and so is
  `m.cio` after `const m = require("./cio")`;
- `cio` after `const cio = require("./cio")` is the module's `default` export;
- `this.cio` follows a class field whose value is an imported name.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.imports import Import, required
from cio_lint.languages.javascript.parsing import field_node, unwrap
from cio_lint.languages.javascript.scopes import Binding, Scope, lookup
from cio_lint.model import ModuleReference

_MAX_ALIASES = 8


def imported_reference(
    node: Node, scope: Scope, resolver: ClientResolver
) -> ModuleReference | None:
    """Return the export of a relative import that `node` reads, if any."""
    imported = _import_of(unwrap(node), scope, resolver, 0)
    if imported is None or not imported.is_relative:
        return None
    if not imported.names:
        if imported.namespace:
            return None
        return ModuleReference(imported.specifier, "default")
    if len(imported.names) == 1:
        return ModuleReference(imported.specifier, imported.names[0])
    return None


def _import_of(
    node: Node, scope: Scope, resolver: ClientResolver, depth: int
) -> Import | None:
    source = resolver.source
    if depth > _MAX_ALIASES:
        return None
    if node.type == "call_expression":
        return required(node, source)
    bindings: list[tuple[Binding, Scope]]
    if node.type == "identifier":
        found = lookup(source.raw(node), scope)
        if found is None:
            return None
        if found.imported is not None:
            return None if found.imported.type_only else found.imported
        bindings = [(item, found.scope) for item in found.bindings]
        if found.parameter is not None:
            passed = resolver.constructor_arguments(found.parameter.name, found.scope)
            bindings = passed or []
    elif node.type == "member_expression":
        base = field_node(node, "object")
        prop = field_node(node, "property")
        if base is None or prop is None:
            return None
        owner = resolver.owner_class(unwrap(base), scope)
        if owner is None:
            inner = _import_of(unwrap(base), scope, resolver, depth + 1)
            return inner.member(source.raw(prop)) if inner is not None else None
        bindings = owner.attributes.get(source.raw(prop), [])
    else:
        return None
    if len(bindings) != 1:
        return None
    binding, where = bindings[0]
    if not isinstance(binding, Node):
        return None
    return _import_of(unwrap(binding), where, resolver, depth + 1)
