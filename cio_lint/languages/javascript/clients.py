"""Find which JavaScript and TypeScript expressions hold a Customer.io client.

A receiver is a client in these cases:

- a client constructor or factory builds it (`new TrackClient(...)`,
  `AnalyticsBrowser.load(...)`);
- it names a global or static client (`_cio`, `cioanalytics`, React Native's
  `CustomerIO`);
- it is annotated with a client class;
- it comes from a variable, class field, `this.x` assignment, getter or
  same-file factory function that yields one of those.

Anything else is not a client, because the analysis never guesses.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct
from tree_sitter import Node

from cio_lint import sdk
from cio_lint.binding import bind_arguments
from cio_lint.languages.javascript.exports import object_members
from cio_lint.languages.javascript.parsing import (
    Source,
    arguments_of,
    field_node,
    unwrap,
)
from cio_lint.languages.javascript.scopes import (
    CLASSES,
    UNKNOWN_BINDING,
    Binding,
    Scope,
    Site,
    lookup,
)
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.model import (
    CallArguments,
    Client,
    ClientOrigin,
    Field,
    Language,
    Value,
)
from cio_lint.sdk import ClientSpec

_NOTHING = frozenset({"null", "undefined"})


class ResolvedClient(Struct, frozen=True):
    spec: ClientSpec
    client: Client


class ClientResolver:
    """Resolve receivers to clients, building one `Client` per source node."""

    def __init__(
        self,
        evaluator: Evaluator,
        function_scopes: dict[int, Scope],
        constructions: Sequence[Site] = (),
    ) -> None:
        self._evaluator = evaluator
        self._function_scopes = function_scopes
        self._constructions = constructions
        self._clients: dict[object, ResolvedClient] = {}
        self._active: set[int] = set()

    @property
    def source(self) -> Source:
        return self._evaluator.source

    @property
    def clients(self) -> list[Client]:
        return [resolved.client for resolved in self._clients.values()]

    def resolve(self, node: Node, scope: Scope) -> ResolvedClient | None:
        node = unwrap(node)
        if node.id in self._active:
            return None
        self._active.add(node.id)
        try:
            return self._resolve(node, scope)
        finally:
            self._active.discard(node.id)

    def _resolve(self, node: Node, scope: Scope) -> ResolvedClient | None:
        qualified = self._evaluator.qualified_name(node, scope)
        if qualified is not None:
            module_spec = sdk.module_client_spec(Language.JAVASCRIPT, qualified)
            if module_spec is not None:
                return self._record(node, module_spec, ClientOrigin.MODULE, ())
        if node.type in ("new_expression", "call_expression"):
            return self._from_call(node, scope)
        if node.type in ("identifier", "shorthand_property_identifier"):
            return self._from_name(node, scope)
        if node.type == "member_expression":
            return self._from_member(node, scope)
        return None

    def constructed(self, node: Node, scope: Scope) -> ResolvedClient | None:
        """Return the client a constructor or factory call builds, else None."""
        callee = field_node(node, "constructor") or field_node(node, "function")
        qualified = self._evaluator.qualified_name(callee, scope) if callee else None
        spec = sdk.client_spec(Language.JAVASCRIPT, qualified) if qualified else None
        if spec is None:
            return None
        bound = bind_arguments(spec.constructor, self.call_arguments(node, scope))
        return self._record(node, spec, ClientOrigin.CONSTRUCTED, bound)

    def call_arguments(self, node: Node, scope: Scope) -> CallArguments:
        """Evaluate the arguments written at a call, up to the first `...spread`."""
        positional: list[Value] = []
        for argument in arguments_of(node):
            if argument.type == "spread_element":
                return CallArguments(tuple(positional), open_ended=True)
            positional.append(self._evaluator.value(argument, scope))
        return CallArguments(tuple(positional))

    def function_scope(self, node: Node) -> Scope | None:
        """Return the scope of the function `node`, or None for other nodes."""
        return self._function_scopes.get(unwrap(node).id)

    def returned_client(self, node: Node, scope: Scope) -> ResolvedClient | None:
        """Return the client that the function `node` names always returns."""
        node = unwrap(node)
        function = self._function_scopes.get(node.id)
        if function is None and node.type == "shorthand_property_identifier":
            # `module.exports = { makeClient }`
            assigned = self._evaluator.single_binding(self.source.raw(node), scope)
            function = (
                self._function_scopes.get(unwrap(assigned[0]).id) if assigned else None
            )
        elif function is None:
            function = self._local_function(node, scope)
        return self._from_function(function) if function is not None else None

    # Sources of clients ---------------------------------------------------

    def _from_call(self, node: Node, scope: Scope) -> ResolvedClient | None:
        built = self.constructed(node, scope)
        if built is not None or node.type != "call_expression":
            return built
        function = field_node(node, "function")
        target = self._local_function(unwrap(function), scope) if function else None
        return self._from_function(target) if target is not None else None

    def _from_name(self, node: Node, scope: Scope) -> ResolvedClient | None:
        name = self._evaluator.source.raw(node)
        found = lookup(name, scope)
        if found is None or found.imported is not None:
            return None
        if found.parameter is not None:
            annotation = found.parameter.annotation
            if annotation is not None:
                return self._from_annotation(annotation, found.scope)
            return self._from_instantiations(name, found.scope)
        resolved = self._from_bindings([(item, found.scope) for item in found.bindings])
        annotation = found.scope.annotations.get(name)
        if resolved is None and annotation is not None:
            if all(_is_nothing(item) for item in found.bindings):
                return self._from_annotation(annotation, found.scope)
        return resolved

    def constructor_arguments(
        self, parameter: str, function: Scope
    ) -> list[tuple[Binding, Scope]] | None:
        """Return what each `new` of its class passes for a constructor parameter.

        `constructor(client) { this.client = client; }` with
        `new Notifier(trackClient)` in the same file gives `trackClient`. None
        means the function is no constructor, or some `new` passes nothing.
        """
        owner = function.parent
        if function.name != "constructor" or owner is None or not owner.name:
            return None
        position = list(function.parameters).index(parameter)
        passed: list[tuple[Binding, Scope]] = []
        for site in self._constructions:
            callee = field_node(site.node, "constructor")
            if callee is None or self.source.raw(callee) != owner.name:
                continue
            written = arguments_of(site.node)
            if position >= len(written) or written[position].type == "spread_element":
                return None
            passed.append((written[position], site.scope))
        return passed or None

    def _from_instantiations(
        self, parameter: str, function: Scope
    ) -> ResolvedClient | None:
        """Resolve a constructor parameter from the `new` expressions of its class.

        Every instantiation must pass the same client.
        """
        passed = self.constructor_arguments(parameter, function)
        return self._from_bindings(passed) if passed else None

    def _from_member(self, node: Node, scope: Scope) -> ResolvedClient | None:
        base = field_node(node, "object")
        prop = field_node(node, "property")
        if base is None or prop is None or prop.type != "property_identifier":
            return None
        name = self._evaluator.source.raw(prop)
        owner = self.owner_class(unwrap(base), scope)
        if owner is None:
            member = self._object_member(unwrap(base), name, scope)
            return self.resolve(member[0], member[1]) if member else None
        if name in owner.getters:
            return self._from_function(owner.functions[name])
        if name in owner.functions:
            return None
        resolved = self._from_bindings(owner.attributes.get(name, []))
        annotation = owner.attribute_annotations.get(name)
        if resolved is None and annotation is not None:
            return self._from_annotation(annotation, owner)
        return resolved

    def owner_class(self, node: Node, scope: Scope) -> Scope | None:
        """Return the class whose fields `node` reads (`this` or a class name)."""
        if node.type == "this":
            return scope.this_class
        if node.type != "identifier":
            return None
        name = self._evaluator.source.raw(node)
        found = lookup(name, scope)
        if found is None or len(found.bindings) != 1:
            return None
        binding = found.bindings[0]
        if isinstance(binding, Node) and binding.type in CLASSES:
            return found.scope.classes.get(name)
        return None

    def _object_member(
        self, node: Node, name: str, scope: Scope
    ) -> tuple[Node, Scope] | None:
        """Return the expression of `name` in an object literal `node` names."""
        if node.type != "identifier":
            return None
        assigned = self._evaluator.single_binding(
            self._evaluator.source.raw(node), scope
        )
        if assigned is None or unwrap(assigned[0]).type != "object":
            return None
        for key, value in object_members(unwrap(assigned[0]), self._evaluator.source):
            if key == name:
                return value, assigned[1]
        return None

    def _from_bindings(
        self, bindings: Sequence[tuple[Binding, Scope]]
    ) -> ResolvedClient | None:
        """Resolve the values assigned to a name, which must all agree unless null."""
        found: ResolvedClient | None = None
        for binding, scope in bindings:
            if binding is UNKNOWN_BINDING or not isinstance(binding, Node):
                return None
            if _is_nothing(binding):
                continue
            resolved = self.resolve(binding, scope)
            if resolved is None:
                return None
            if found is not None and found.client is not resolved.client:
                return None
            found = resolved
        return found

    def _from_annotation(self, annotation: Node, scope: Scope) -> ResolvedClient | None:
        target = _unwrap_optional(annotation)
        if target is None:
            return None
        qualified = self._evaluator.qualified_name(target, scope, types=True)
        spec = sdk.client_spec(Language.JAVASCRIPT, qualified) if qualified else None
        if spec is None:
            return None
        return self._record(annotation, spec, ClientOrigin.ANNOTATION, ())

    def _from_function(self, function: Scope) -> ResolvedClient | None:
        if function.returns:
            resolved = self._from_bindings(function.returns)
            if resolved is not None:
                return resolved
        if function.return_annotation is not None:
            return self._from_annotation(
                function.return_annotation, function.parent or function
            )
        return None

    def _local_function(self, node: Node, scope: Scope) -> Scope | None:
        if node.type == "identifier":
            assigned = self._evaluator.single_binding(
                self._evaluator.source.raw(node), scope
            )
            if assigned is None:
                return None
            return self._function_scopes.get(unwrap(assigned[0]).id)
        if node.type == "member_expression":
            base = field_node(node, "object")
            prop = field_node(node, "property")
            owner = self.owner_class(unwrap(base), scope) if base else None
            if owner is not None and prop is not None:
                return owner.functions.get(self._evaluator.source.raw(prop))
        return None

    def _record(
        self,
        node: Node,
        spec: ClientSpec,
        origin: ClientOrigin,
        arguments: tuple[Field, ...],
    ) -> ResolvedClient:
        key: object = node.id
        if origin is ClientOrigin.MODULE:
            key = spec.qualified_names
        known = self._clients.get(key)
        if known is not None:
            return known
        client = spec.client(self._evaluator.span_of(node), origin, arguments)
        resolved = ResolvedClient(spec, client)
        self._clients[key] = resolved
        return resolved


def _is_nothing(binding: Binding) -> bool:
    return isinstance(binding, Node) and unwrap(binding).type in _NOTHING


def _unwrap_optional(annotation: Node) -> Node | None:
    """Return `X` for `X`, `(X)`, `X | undefined` and `X | null`."""
    if annotation.type == "parenthesized_type" and annotation.named_children:
        return _unwrap_optional(annotation.named_children[0])
    if annotation.type == "union_type":
        others = [
            child
            for child in annotation.named_children
            if not (
                child.type == "literal_type"
                and child.named_children
                and child.named_children[0].type in _NOTHING
            )
            and child.type != "comment"
        ]
        return _unwrap_optional(others[0]) if len(others) == 1 else None
    if annotation.type in ("type_identifier", "nested_type_identifier"):
        return annotation
    return None
