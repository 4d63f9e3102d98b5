"""Turn JavaScript and TypeScript expressions into model `Value`s without running them.

Names are followed to their single assignment in the same function or module.
A name assigned more than once, or in a way the scopes cannot follow, stays
unknown so that no finding rests on a guess. Globals (`Date`, `Math`,
`process`) are names with no binding; `window.X` and `globalThis.X` are `X`.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec.structs import replace
from tree_sitter import Node

from cio_lint import sdk
from cio_lint.languages.javascript import times
from cio_lint.languages.javascript.imports import required
from cio_lint.languages.javascript.parsing import (
    Source,
    arguments_of,
    field_node,
    key_text,
    string_value,
    unwrap,
)
from cio_lint.languages.javascript.request_input import request_input
from cio_lint.languages.javascript.rewrites import time_rewrites
from cio_lint.languages.javascript.scopes import (
    CLASSES,
    FUNCTIONS,
    UNKNOWN_BINDING,
    Scope,
    lookup,
)
from cio_lint.languages.javascript.uses import NameUses
from cio_lint.model import (
    Field,
    Language,
    ModuleReference,
    Span,
    TimeInfo,
    TimeUnit,
    Value,
    ValueKind,
)

GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self"})
_NAMES = frozenset({"identifier", "shorthand_property_identifier", "type_identifier"})
_MAX_ALIASES = 8


class Evaluator:
    """Resolve names and evaluate expressions of one file."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._active: set[int] = set()
        self._uses = NameUses(source)

    def span_of(self, node: Node) -> Span:
        return self.source.span(node)

    def text(self, node: Node) -> str:
        return self.source.text_of(node)

    # Names ---------------------------------------------------------------

    def qualified_name(
        self, node: Node, scope: Scope, *, types: bool = False, depth: int = 0
    ) -> str | None:
        """Return the imported or global dotted name an expression refers to.

        `Track` after `import { TrackClient as Track } from "customerio-node"`
        is `customerio-node.TrackClient`, and `Date.now` with no local `Date` is
        `Date.now`. Names bound locally to anything but an alias give None.
        `types` also accepts `import type` names, for annotations.
        """
        node = unwrap(node)
        if depth > _MAX_ALIASES:
            return None
        if node.type in _NAMES:
            return self._name_qualified(node, scope, types, depth)
        if node.type in ("member_expression", "nested_type_identifier"):
            return self._member_qualified(node, scope, types, depth)
        if node.type == "call_expression":
            imported = required(node, self.source)
            return imported.qualified_name if imported is not None else None
        return None

    def _member_qualified(
        self, node: Node, scope: Scope, types: bool, depth: int
    ) -> str | None:
        base = field_node(node, "object") or field_node(node, "module")
        prop = field_node(node, "property") or field_node(node, "name")
        if base is None or prop is None or prop.type == "private_property_identifier":
            return None
        base = unwrap(base)
        name = self.source.raw(prop)
        if base.type == "identifier" and self.source.raw(base) in GLOBAL_OBJECTS:
            if lookup(self.source.raw(base), scope) is None:
                return name
        inner = self.qualified_name(base, scope, types=types, depth=depth + 1)
        return f"{inner}.{name}" if inner else None

    def _name_qualified(
        self, node: Node, scope: Scope, types: bool, depth: int
    ) -> str | None:
        name = self.source.raw(node)
        found = lookup(name, scope)
        if found is None:
            return name
        if found.imported is not None:
            if found.imported.type_only and not types:
                return None
            return found.imported.qualified_name
        if len(found.bindings) == 1 and found.parameter is None:
            binding = found.bindings[0]
            if isinstance(binding, Node) and unwrap(binding).type in (
                "identifier",
                "member_expression",
            ):
                return self.qualified_name(
                    binding, found.scope, types=types, depth=depth + 1
                )
        return None

    def single_binding(self, name: str, scope: Scope) -> tuple[Node, Scope] | None:
        """Return the one expression assigned to `name`, if it has exactly one."""
        found = lookup(name, scope)
        if found is None or len(found.bindings) != 1:
            return None
        binding = found.bindings[0]
        if binding is UNKNOWN_BINDING or not isinstance(binding, Node):
            return None
        return binding, found.scope

    # Values --------------------------------------------------------------

    def value(self, node: Node, scope: Scope) -> Value:
        """Evaluate `node` as it is written at this place."""
        node = unwrap(node)
        span = self.span_of(node)
        if node.id in self._active:
            return Value(ValueKind.UNKNOWN, span, self.text(node))
        self._active.add(node.id)
        try:
            value = self._evaluate(node, scope, span)
            if value.request_input is None:
                found = request_input(
                    node, self.source, lambda part: self.value(part, scope)
                )
                value = replace(value, request_input=found) if found else value
        finally:
            self._active.discard(node.id)
        if value.time is not None:
            rewrites = time_rewrites(node, self.source, value)
            value = replace(value, rewrites=rewrites)
        return value

    def _evaluate(self, node: Node, scope: Scope, span: Span) -> Value:
        kind, text = node.type, self.text(node)
        if kind in ("string", "template_string"):
            literal = string_value(node, self.source)
            return Value(ValueKind.STRING, span, text, literal=literal)
        if kind == "number" or _is_negative_number(node):
            return self._number(node, span, text)
        if kind in ("true", "false"):
            return Value(ValueKind.BOOLEAN, span, text, literal=kind == "true")
        if kind in ("null", "undefined"):
            return Value(ValueKind.NONE, span, text)
        if kind in ("identifier", "shorthand_property_identifier"):
            return self._name(node, scope, span, text)
        if kind == "object":
            fields = tuple(self.object_fields(node, scope))
            partial = self._hides_fields(node, scope)
            return Value(ValueKind.OBJECT, span, text, fields=fields, partial=partial)
        if kind == "enum_declaration":
            fields = tuple(self._enum_members(node, scope))
            return Value(ValueKind.OBJECT, span, text, fields=fields)
        if kind in ("member_expression", "subscript_expression"):
            return self._member(node, scope, span, text)
        if kind == "new_expression":
            request = self._request(node, scope, span, text)
            if request is not None:
                return request
        time = times.classify(node, scope, self)
        if time is not None:
            return Value(ValueKind.TIME, span, text, time=time)
        name = None
        if kind == "call_expression":
            function = field_node(node, "function")
            name = self.qualified_name(function, scope) if function else None
            arguments = arguments_of(node)
            if name == "Object.freeze" and arguments:
                # A frozen object has the keys and values of its argument.
                frozen = self.value(arguments[0], scope)
                return replace(frozen, span=span, text=text)
        return Value(ValueKind.UNKNOWN, span, text, name=name)

    def _number(self, node: Node, span: Span, text: str) -> Value:
        number = number_literal(node, self.source)
        unit = times.literal_unit(number)
        time = TimeInfo(unit, text, span) if unit is not None else None
        return Value(ValueKind.NUMBER, span, text, literal=number, time=time)

    def _name(self, node: Node, scope: Scope, span: Span, text: str) -> Value:
        name = self.source.raw(node)
        found = lookup(name, scope)
        if found is None:
            if name == "undefined":
                return Value(ValueKind.NONE, span, text)
            return Value(ValueKind.NAME, span, text, name=name)
        if found.parameter is not None:
            annotation = found.parameter.annotation
            if annotation is not None and self._is_date_type(annotation, scope):
                # Only the type marks the value as a date. A caller may still
                # pass undefined or a string, so a fix is not safe here.
                where = self.source.span(annotation)
                time = TimeInfo(TimeUnit.DATE_OBJECT, text, where)
                return Value(ValueKind.TIME, span, text, name=name, time=time)
            changed = name in found.scope.changed_parameters
            parameter = None if changed else name
            return Value(ValueKind.NAME, span, text, name=name, parameter=parameter)
        assigned = self.single_binding(name, scope)
        if assigned is None or unwrap(assigned[0]).type in FUNCTIONS | CLASSES:
            qualified = self.qualified_name(node, scope)
            reference = self._reference(node, scope)
            return Value(
                ValueKind.NAME,
                span,
                text,
                name=qualified or name,
                reference=reference[0] if reference else None,
                reference_path=reference[1] if reference else (),
            )
        expression, owner = assigned
        resolved = self.value(expression, owner)
        fields = resolved.fields
        partial = resolved.partial
        if resolved.kind is ValueKind.OBJECT:
            fields = (*(fields or ()), *self._member_assignments(name, owner))
            partial = partial or not self._is_sealed(name, owner, scope)
        return replace(
            resolved,
            span=span,
            text=text,
            fields=fields,
            name=resolved.name or name,
            origin=resolved.origin or resolved.span,
            partial=partial,
        )

    def _is_sealed(self, name: str, owner: Scope, scope: Scope) -> bool:
        """Tell whether every field of the object in `name` is visible here.

        It is when the name is used in the function that declares it, and
        nowhere but in stores the value already merges and in this one read.
        """
        function = owner.function_scope
        if function is not scope.function_scope:
            return False
        merged = len(owner.member_assignments.get(name, ()))
        return self._uses.is_sealed(function.node, name, merged)

    def _is_date_type(self, annotation: Node, scope: Scope) -> bool:
        return (
            annotation.type == "type_identifier"
            and self.source.raw(annotation) == "Date"
            and lookup("Date", scope) is None
        )

    def _member_assignments(self, name: str, scope: Scope) -> Iterator[Field]:
        for key, expression, where in scope.member_assignments.get(name, ()):
            yield Field(key, self.value(expression, where))

    def object_fields(self, node: Node, scope: Scope) -> Iterator[Field]:
        """Yield the fields of an object literal, merging spreads when known."""
        for member in node.named_children:
            if member.type == "shorthand_property_identifier":
                name = self.source.raw(member)
                yield Field(name, self.value(member, scope), self.span_of(member))
            elif member.type == "pair":
                key_node = field_node(member, "key")
                value = field_node(member, "value")
                key = key_text(key_node, self.source) if key_node else None
                if key_node is not None and key is not None and value is not None:
                    yield Field(key, self.value(value, scope), self.span_of(key_node))
            elif member.type == "spread_element" and member.named_children:
                spread = self.value(member.named_children[0], scope)
                yield from spread.fields or ()

    def _hides_fields(self, node: Node, scope: Scope) -> bool:
        """Tell whether an object literal has keys that `fields` cannot show.

        Those are computed keys (`[IdentifierType.Id]: id`) and spreads of
        objects whose fields are not all known.
        """
        for member in node.named_children:
            if member.type == "pair":
                key = field_node(member, "key")
                if key is None or key_text(key, self.source) is None:
                    return True
            elif member.type == "spread_element" and member.named_children:
                spread = self.value(member.named_children[0], scope)
                if spread.fields is None or spread.partial:
                    return True
        return False

    def _member(self, node: Node, scope: Scope, span: Span, text: str) -> Value:
        base = field_node(node, "object")
        base_name = self.qualified_name(base, scope) if base is not None else None
        if base_name == "process.env" or (
            base is not None and self.source.raw(base) == "import.meta.env"
        ):
            return Value(ValueKind.ENV_VAR, span, text, env_var=self._key(node))
        if node.type == "member_expression":
            member = self._property(node, scope, span, text)
            if member is not None:
                return member
        time = times.classify(node, scope, self)
        kind = ValueKind.TIME if time else ValueKind.NAME
        name = self.qualified_name(node, scope) or _dotted(node, self.source)
        reference = None if time else self._reference(node, scope)
        return Value(
            kind,
            span,
            text,
            name=name,
            time=time,
            reference=reference[0] if reference else None,
            reference_path=reference[1] if reference else (),
        )

    def _enum_members(self, node: Node, scope: Scope) -> Iterator[Field]:
        """Yield the members of a TypeScript enum that are given a value."""
        body = field_node(node, "body")
        for member in body.named_children if body is not None else ():
            name = field_node(member, "name")
            value = field_node(member, "value")
            if member.type == "enum_assignment" and name and value:
                key = self.source.raw(name)
                yield Field(key, self.value(value, scope), self.span_of(name))

    def _property(
        self, node: Node, scope: Scope, span: Span, text: str
    ) -> Value | None:
        """Evaluate `EVENTS.signUp` on an object or enum known in this file."""
        base = field_node(node, "object")
        prop = field_node(node, "property")
        if base is None or prop is None or prop.type != "property_identifier":
            return None
        owner = self.value(base, scope)
        member = owner.field(self.source.raw(prop)) if owner.fields else None
        if member is None:
            return None
        return replace(
            member, span=span, text=text, origin=member.origin or member.span
        )

    def _reference(
        self, node: Node, scope: Scope
    ) -> tuple[ModuleReference, tuple[str, ...]] | None:
        """Return the relative import a name or property chain starts from."""
        path: list[str] = []
        current = node
        while current.type == "member_expression":
            prop = field_node(current, "property")
            base = field_node(current, "object")
            if prop is None or base is None or prop.type != "property_identifier":
                return None
            path.insert(0, self.source.raw(prop))
            current = unwrap(base)
        if current.type != "identifier":
            return None
        found = lookup(self.source.raw(current), scope)
        imported = found.imported if found is not None else None
        if imported is None or imported.type_only or not imported.is_relative:
            return None
        names = list(imported.names)
        if imported.namespace or not names:
            if not imported.namespace:
                names = ["default"]
            elif not path:
                return None
            else:
                names = [path.pop(0)]
        return ModuleReference(imported.specifier, names[0]), (*names[1:], *path)

    def _key(self, node: Node) -> str | None:
        if node.type == "member_expression":
            prop = field_node(node, "property")
            return self.source.raw(prop) if prop is not None else None
        index = field_node(node, "index")
        return string_value(index, self.source) if index is not None else None

    def _request(self, node: Node, scope: Scope, span: Span, text: str) -> Value | None:
        constructor = field_node(node, "constructor")
        qualified = self.qualified_name(constructor, scope) if constructor else None
        spec = sdk.request_spec(Language.JAVASCRIPT, qualified) if qualified else None
        if spec is None:
            return None
        arguments = arguments_of(node)
        options = self.value(arguments[0], scope) if arguments else None
        fields = options.fields if options is not None else ()
        partial = options is None or options.fields is None or options.partial
        return Value(
            ValueKind.OBJECT,
            span,
            text,
            fields=fields or (),
            constructor=spec.class_name,
            partial=partial,
        )


def number_literal(node: Node, source: Source) -> int | float | None:
    """Return the number a numeric literal (maybe negated) spells."""
    if node.type == "unary_expression":
        argument = field_node(node, "argument")
        inner = number_literal(argument, source) if argument is not None else None
        return -inner if inner is not None else None
    if node.type != "number":
        return None
    text = source.raw(node).replace("_", "").removesuffix("n")
    try:
        if text[:2].lower() in ("0x", "0o", "0b"):
            return int(text, 0)
        if any(mark in text for mark in ".eE"):
            return float(text)
        return int(text, 10)
    except ValueError:
        return None


def _is_negative_number(node: Node) -> bool:
    if node.type != "unary_expression":
        return False
    operator = field_node(node, "operator")
    argument = field_node(node, "argument")
    return (
        operator is not None
        and operator.type == "-"
        and argument is not None
        and argument.type == "number"
    )


def _dotted(node: Node, source: Source) -> str | None:
    if node.type in ("identifier", "this"):
        return source.raw(node)
    if node.type == "member_expression":
        base = field_node(node, "object")
        prop = field_node(node, "property")
        inner = _dotted(unwrap(base), source) if base is not None else None
        return f"{inner}.{source.raw(prop)}" if inner and prop else None
    return None
