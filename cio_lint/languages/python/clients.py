"""Find which Python expressions hold a Customer.io client.

A receiver is a client when it is built by a client constructor, names the
`customerio.analytics` module, is annotated with a client class, or comes from
a variable, `self` attribute, property or same-module function that yields one
of those. Anything else, such as an object built at run time from a setting,
is not a client: the analysis never guesses.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from msgspec import Struct

from cio_lint import sdk
from cio_lint.binding import bind_arguments
from cio_lint.languages.python.scopes import UNKNOWN_BINDING, Binding, Scope, ScopeKind
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import CallArguments, Client, ClientOrigin, Field, Language, Value
from cio_lint.sdk import ClientSpec

_PROPERTY_DECORATORS = frozenset(
    {"property", "cached_property", "functools.cached_property"}
)
_CACHE_DECORATORS = frozenset(
    {"lru_cache", "cache", "functools.lru_cache", "functools.cache"}
)


class ResolvedClient(Struct, frozen=True):
    spec: ClientSpec
    client: Client


class ClientResolver:
    """Resolve receivers to clients, building one `Client` per source node."""

    def __init__(self, evaluator: Evaluator) -> None:
        self._evaluator = evaluator
        self._clients: dict[object, ResolvedClient] = {}
        self._active: set[int] = set()

    @property
    def clients(self) -> list[Client]:
        return [resolved.client for resolved in self._clients.values()]

    def resolve(self, node: cst.BaseExpression, scope: Scope) -> ResolvedClient | None:
        key = id(node)
        if key in self._active:
            return None
        self._active.add(key)
        try:
            return self._resolve(node, scope)
        finally:
            self._active.discard(key)

    def _resolve(self, node: cst.BaseExpression, scope: Scope) -> ResolvedClient | None:
        qualified = self._evaluator.qualified_name(node, scope)
        if qualified is not None:
            module_spec = sdk.module_client_spec(Language.PYTHON, qualified)
            if module_spec is not None:
                return self._record(node, module_spec, ClientOrigin.MODULE, ())
        if isinstance(node, cst.Call):
            return self._from_call(node, scope)
        if isinstance(node, cst.Name):
            return self._from_name(node, scope)
        if isinstance(node, cst.Attribute):
            return self._from_attribute(node, scope)
        return None

    def constructed(self, node: cst.Call, scope: Scope) -> ResolvedClient | None:
        """Return the client a constructor call builds, or None for other calls."""
        qualified = self._evaluator.qualified_name(node.func, scope)
        spec = sdk.client_spec(Language.PYTHON, qualified) if qualified else None
        if spec is None:
            return None
        arguments = self.call_arguments(node, scope)
        bound = bind_arguments(spec.constructor, arguments)
        return self._record(node, spec, ClientOrigin.CONSTRUCTED, bound)

    def call_arguments(self, node: cst.Call, scope: Scope) -> CallArguments:
        """Evaluate the arguments written at a call."""
        positional: list[Value] = []
        spreads: list[Value] = []
        open_ended = False
        for argument in node.args:
            if argument.star == "*":
                open_ended = True
            elif argument.star == "**":
                spreads.append(self._evaluator.value(argument.value, scope))
            elif argument.keyword is None and not open_ended:
                positional.append(self._evaluator.value(argument.value, scope))
        keywords = tuple(
            self._evaluator.keyword_fields(node.args, scope, spreads=False)
        )
        return CallArguments(tuple(positional), keywords, tuple(spreads), open_ended)

    # Sources of clients ---------------------------------------------------

    def _from_call(self, node: cst.Call, scope: Scope) -> ResolvedClient | None:
        built = self.constructed(node, scope)
        if built is not None:
            return built
        function = self._local_function(node.func, scope)
        if function is None:
            return None
        return self._from_function(function)

    def _from_name(self, node: cst.Name, scope: Scope) -> ResolvedClient | None:
        found = self._evaluator.lookup(node.value, scope)
        if found is None:
            return None
        if found.parameter is not None:
            annotation = found.parameter.annotation
            return (
                self._from_annotation(annotation, found.scope) if annotation else None
            )
        return self._from_bindings([(item, found.scope) for item in found.bindings])

    def _from_attribute(
        self, node: cst.Attribute, scope: Scope
    ) -> ResolvedClient | None:
        owner = self._owner_class(node.value, scope)
        if owner is None:
            return None
        name = node.attr.value
        bindings = [
            *owner.attributes.get(name, ()),
            *((item, owner) for item in owner.bindings.get(name, ())),
        ]
        if owner.functions.get(name) is not None:
            method = owner.functions[name]
            if _PROPERTY_DECORATORS.intersection(method.decorators):
                return self._from_function(method)
            return None
        resolved = self._from_bindings(bindings)
        if resolved is not None:
            return resolved
        annotation = owner.attribute_annotations.get(name)
        if annotation is not None:
            return self._from_annotation(annotation, owner)
        return None

    def _owner_class(self, node: cst.BaseExpression, scope: Scope) -> Scope | None:
        """Return the class whose attributes `node` reads: `self`, `cls`, a class."""
        if not isinstance(node, cst.Name):
            return None
        current: Scope | None = scope
        while current is not None and current.kind is ScopeKind.FUNCTION:
            if current.enclosing_class is not None:
                if node.value == current.self_name:
                    return current.enclosing_class
                break
            current = current.parent
        module = _module_of(scope)
        owner = module.classes.get(node.value)
        if owner is not None and self._evaluator.lookup(node.value, scope) is not None:
            return owner
        return None

    def _from_bindings(
        self, bindings: Sequence[tuple[Binding, Scope]]
    ) -> ResolvedClient | None:
        """Resolve the values assigned to a name: all that are not None must agree."""
        found: ResolvedClient | None = None
        for binding, scope in bindings:
            if binding is UNKNOWN_BINDING or not isinstance(
                binding, cst.BaseExpression
            ):
                return None
            if isinstance(binding, cst.Name) and binding.value == "None":
                continue
            resolved = self.resolve(binding, scope)
            if resolved is None:
                return None
            if found is not None and found.client is not resolved.client:
                return None
            found = resolved
        return found

    def _from_annotation(
        self, annotation: cst.BaseExpression, scope: Scope
    ) -> ResolvedClient | None:
        target = unwrap_optional(annotation)
        if target is None:
            return None
        qualified = self._evaluator.qualified_name(target, scope)
        spec = sdk.client_spec(Language.PYTHON, qualified) if qualified else None
        if spec is None:
            return None
        return self._record(annotation, spec, ClientOrigin.ANNOTATION, ())

    def _from_function(self, function: Scope) -> ResolvedClient | None:
        if function.returns:
            resolved = self._from_bindings(
                [(item, function) for item in function.returns]
            )
            if resolved is not None:
                return resolved
        if function.return_annotation is not None:
            return self._from_annotation(
                function.return_annotation, function.parent or function
            )
        return None

    def _local_function(self, node: cst.BaseExpression, scope: Scope) -> Scope | None:
        if isinstance(node, cst.Name):
            found = self._evaluator.lookup(node.value, scope)
            if found is None or found.qualified_name is not None:
                return None
            function = found.scope.functions.get(node.value)
            if function is not None and len(found.bindings) == 1:
                return function
            return None
        if isinstance(node, cst.Attribute):
            owner = self._owner_class(node.value, scope)
            if owner is not None:
                return owner.functions.get(node.attr.value)
        return None

    def _record(
        self,
        node: cst.CSTNode,
        spec: ClientSpec,
        origin: ClientOrigin,
        arguments: tuple[Field, ...],
    ) -> ResolvedClient:
        # A module client is one per module name, wherever the file names it.
        key: object = (
            spec.qualified_names if origin is ClientOrigin.MODULE else id(node)
        )
        known = self._clients.get(key)
        if known is not None:
            return known
        client = spec.client(self._evaluator.span_of(node), origin, arguments)
        resolved = ResolvedClient(spec, client)
        self._clients[key] = resolved
        return resolved


def unwrap_optional(annotation: cst.BaseExpression) -> cst.BaseExpression | None:
    """Return `X` for `X`, `"X"`, `Optional[X]` and `X | None`."""
    if isinstance(annotation, cst.SimpleString):
        text = annotation.evaluated_value
        if not isinstance(text, str):
            return None
        try:
            return unwrap_optional(cst.parse_expression(text))
        except cst.ParserSyntaxError:
            return None
    if isinstance(annotation, cst.BinaryOperation) and isinstance(
        annotation.operator, cst.BitOr
    ):
        sides = [annotation.left, annotation.right]
        others = [side for side in sides if not _is_none(side)]
        return unwrap_optional(others[0]) if len(others) == 1 else None
    if isinstance(annotation, cst.Subscript) and len(annotation.slice) == 1:
        base = annotation.value
        name = (
            base.attr.value
            if isinstance(base, cst.Attribute)
            else getattr(base, "value", None)
        )
        index = annotation.slice[0].slice
        if name == "Optional" and isinstance(index, cst.Index):
            return unwrap_optional(index.value)
        return None
    if isinstance(annotation, cst.Subscript) and _is_annotated(annotation.value):
        # `Annotated[CustomerIO, Depends(get_cio)]` is a `CustomerIO`.
        index = annotation.slice[0].slice
        return unwrap_optional(index.value) if isinstance(index, cst.Index) else None
    return annotation


def unwrap_annotation(annotation: cst.BaseExpression) -> cst.BaseExpression:
    """Return the class an annotation names, through `Optional` and `Annotated`."""
    return unwrap_optional(annotation) or annotation


def _is_annotated(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Attribute):
        return node.attr.value == "Annotated"
    return isinstance(node, cst.Name) and node.value == "Annotated"


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _module_of(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope
