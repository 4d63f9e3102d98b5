"""Functions and static methods that return an instance of a wrapper class.

`getTracker()` and `Tracker.getInstance()` give the same object each time in
most code: a module-level `new Tracker()`, or a static field set to one on
first use. When every return of such a function gives an instance of one
module-level class, calls on what it returns run that class's wrappers, so
the wrappers are also named `getTracker().track` and
`Tracker.getInstance().track`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.parsing import field_node, unwrap
from cio_lint.languages.javascript.references import imported_reference
from cio_lint.languages.javascript.scopes import Scope, ScopeKind, lookup
from cio_lint.languages.javascript.strings import StringEvaluator

CALLED = "()"
"""Appended to a function's name to name what calling it returns."""

_NOTHING = frozenset({"null", "undefined"})


def returned_classes(
    module: Scope, resolver: ClientResolver, strings: StringEvaluator
) -> Iterator[tuple[str, str]]:
    """Yield (`getTracker()`, `Tracker`) for functions that return an instance."""
    functions: list[tuple[str, Scope]] = []
    for name, bindings in module.bindings.items():
        if len(bindings) == 1 and isinstance(bindings[0], Node):
            function = resolver.function_scope(bindings[0])
            if function is not None:
                functions.append((name, function))
    for owner in module.classes.values():
        functions.extend(
            (f"{owner.name}.{name}", item) for name, item in owner.functions.items()
        )
    for name, function in functions:
        found = {
            _built_class(node, scope, function.node, module, resolver, strings)
            for node, scope in function.returns
            if unwrap(node).type not in _NOTHING
        }
        if len(found) == 1 and None not in found:
            yield f"{name}{CALLED}", str(found.pop())


def _built_class(
    node: Node,
    scope: Scope,
    function: Node,
    module: Scope,
    resolver: ClientResolver,
    strings: StringEvaluator,
) -> str | None:
    """Return the module-level class whose `new` gives `node`, else None."""
    origin, where = strings.origin(node, scope)
    if origin.type == "new_expression":
        return _class_name(origin, module, resolver)
    if origin.type != "member_expression":
        return None
    # `return Tracker.instance`: a static field, set to `new Tracker()` once.
    base = field_node(origin, "object")
    prop = field_node(origin, "property")
    owner = resolver.owner_class(unwrap(base), where) if base is not None else None
    if owner is None or prop is None:
        return None
    name = resolver.source.raw(prop)
    values: list[object] = [value for value, _ in owner.attributes.get(name, [])]
    values.extend(_assigned_in(function, name, resolver))
    found: set[str | None] = set()
    for value in values:
        if not isinstance(value, Node):
            return None
        if unwrap(value).type not in _NOTHING:
            found.add(_class_name(unwrap(value), module, resolver))
    return found.pop() if len(found) == 1 else None


def _assigned_in(function: Node, name: str, resolver: ClientResolver) -> Iterator[Node]:
    """Yield the values that `function` assigns to a member `name` of any object.

    A static method that creates the instance on first use assigns the static
    field there (`Tracker.instance = new Tracker()`), which the class's own
    attribute records do not include. Another object's member of that name
    can only add a second class, which makes the result unknown.
    """
    stack = list(function.named_children)
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type != "assignment_expression":
            continue
        left = field_node(node, "left")
        right = field_node(node, "right")
        prop = field_node(left, "property") if left is not None else None
        if right is not None and prop is not None and left is not None:
            if left.type == "member_expression" and resolver.source.raw(prop) == name:
                yield right


def _class_name(node: Node, module: Scope, resolver: ClientResolver) -> str | None:
    if node.type != "new_expression":
        return None
    constructor = field_node(node, "constructor")
    if constructor is None or constructor.type != "identifier":
        return None
    name = resolver.source.raw(constructor)
    return name if name in module.classes else None


def call_targets(
    call: Node, scope: Scope, resolver: ClientResolver, method: str
) -> Iterator[tuple[str, str]]:
    """Yield where `f().method` may be defined, for `call` a call of `f`."""
    function = field_node(call, "function")
    if function is None:
        return
    function = unwrap(function)
    reference = imported_reference(function, scope, resolver)
    if reference is not None:
        yield reference.specifier, f"{reference.export}{CALLED}.{method}"
        return
    text = resolver.source.raw(function)
    if function.type == "identifier":
        found = lookup(text, scope)
        if found is not None and found.scope.kind is ScopeKind.MODULE:
            yield "", f"{text}{CALLED}.{method}"
    elif function.type == "member_expression":
        base = field_node(function, "object")
        prop = field_node(function, "property")
        if base is None or prop is None:
            return
        if resolver.owner_class(unwrap(base), scope):
            yield "", f"{text}{CALLED}.{method}"
            return
        owner = imported_reference(unwrap(base), scope, resolver)
        if owner is not None:
            static = f"{owner.export}.{resolver.source.raw(prop)}"
            yield owner.specifier, f"{static}{CALLED}.{method}"
