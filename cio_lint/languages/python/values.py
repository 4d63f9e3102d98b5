"""Turn Python expressions into model `Value`s without running them.

Names are followed to their single assignment in the same function or module.
A name assigned more than once, or in a way the scopes cannot follow, stays
unknown, so that no finding rests on a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import libcst as cst
from msgspec import Struct
from msgspec.structs import replace

from cio_lint import sdk
from cio_lint.languages.python import times
from cio_lint.languages.python.allowlists import checked_names
from cio_lint.languages.python.constants import ConstantTable
from cio_lint.languages.python.request_input import request_input
from cio_lint.languages.python.rewrites import time_rewrites
from cio_lint.languages.python.scopes import (
    UNKNOWN_BINDING,
    Binding,
    Parameter,
    Scope,
    ScopeKind,
)
from cio_lint.languages.python.uses import is_sealed
from cio_lint.model import (
    Field,
    Language,
    ModuleReference,
    Span,
    TimeInfo,
    Value,
    ValueKind,
)

MAX_TEXT = 80

_ENV_GETTERS = frozenset({"os.getenv", "os.environ.get", "os.environ.__getitem__"})
_ENV_MAPPINGS = frozenset({"os.environ"})


class Lookup(Struct, frozen=True):
    """The binding of a name as seen from one scope."""

    scope: Scope
    bindings: tuple[Binding, ...] = ()
    parameter: Parameter | None = None
    qualified_name: str | None = None


class Evaluator:
    """Resolve names and evaluate expressions of one module."""

    def __init__(
        self,
        module: cst.Module,
        span_of: Callable[[cst.CSTNode], Span],
    ) -> None:
        self._module = module
        self.span_of = span_of
        self._active: set[int] = set()
        self.constants: ConstantTable | None = None
        self._sealed: dict[tuple[int, str], bool] = {}
        self._checked: dict[int, frozenset[str]] = {}

    # Names ---------------------------------------------------------------

    def lookup(self, name: str, scope: Scope) -> Lookup | None:
        """Find the binding of `name` as Python would, skipping class bodies."""
        current: Scope | None = scope
        while current is not None:
            if current.kind is not ScopeKind.CLASS or current is scope:
                found = self._lookup_in(name, current)
                if found is not None:
                    return found
            current = current.parent
        return None

    def _lookup_in(self, name: str, scope: Scope) -> Lookup | None:
        if name in scope.parameters:
            return Lookup(scope, parameter=scope.parameters[name])
        bindings = scope.bindings.get(name)
        if name in scope.imports:
            if bindings:
                return Lookup(scope, bindings=(UNKNOWN_BINDING,))
            return Lookup(scope, qualified_name=scope.imports[name])
        if bindings:
            return Lookup(scope, bindings=tuple(bindings))
        return None

    def qualified_name(self, node: cst.BaseExpression, scope: Scope) -> str | None:
        """Return the imported dotted name an expression refers to.

        `dt.now` after `from datetime import datetime as dt` is
        `datetime.datetime.now`; names not bound by an import give None.
        """
        if isinstance(node, cst.Name):
            found = self.lookup(node.value, scope)
            return found.qualified_name if found is not None else None
        if isinstance(node, cst.Attribute):
            base = self.qualified_name(node.value, scope)
            return f"{base}.{node.attr.value}" if base else None
        return None

    def single_binding(
        self, name: str, scope: Scope
    ) -> tuple[cst.BaseExpression, Scope] | None:
        """Return the one expression assigned to `name`, if it has exactly one."""
        found = self.lookup(name, scope)
        if found is None or len(found.bindings) != 1:
            return None
        binding = found.bindings[0]
        if binding is UNKNOWN_BINDING or not isinstance(binding, cst.BaseExpression):
            return None
        return binding, found.scope

    # Values --------------------------------------------------------------

    def text(self, node: cst.CSTNode) -> str:
        """Return the source of `node` on one line, shortened for messages."""
        code = " ".join(self._module.code_for_node(node).split())
        return code if len(code) <= MAX_TEXT else code[: MAX_TEXT - 1] + "…"

    def value(self, node: cst.BaseExpression, scope: Scope) -> Value:
        """Evaluate `node` as it is written at this place."""
        span = self.span_of(node)
        key = id(node)
        if key in self._active:
            return Value(ValueKind.UNKNOWN, span, self.text(node))
        self._active.add(key)
        try:
            value = self._evaluate(node, scope, span)
            if value.request_input is None:
                found = request_input(node, lambda part: self.value(part, scope))
                value = replace(value, request_input=found) if found else value
            if value.request_input is not None and self._allowlisted(node, scope):
                value = replace(value, request_input=None)
        finally:
            self._active.discard(key)
        if value.time is not None:
            value = replace(value, rewrites=time_rewrites(node, scope, self, value))
        return value

    def _allowlisted(self, node: cst.BaseExpression, scope: Scope) -> bool:
        """Tell whether `node` is a name the function checks against fixed values."""
        if not isinstance(node, cst.Name):
            return False
        key = id(scope.node)
        if key not in self._checked:
            self._checked[key] = checked_names(scope, self)
        return node.value in self._checked[key]

    def code_for(self, node: cst.CSTNode) -> str:
        """Return the exact source of `node`, or the code of a new node."""
        return self._module.code_for_node(node)

    def _evaluate(self, node: cst.BaseExpression, scope: Scope, span: Span) -> Value:
        text = self.text(node)
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            literal = node.evaluated_value
            if isinstance(literal, bytes):
                literal = None
            return Value(ValueKind.STRING, span, text, literal=literal)
        if isinstance(node, cst.FormattedString):
            return Value(ValueKind.STRING, span, text)
        if number_literal(node) is not None:
            return self._number(node, span, text)
        if isinstance(node, cst.Name):
            return self._name(node, scope, span, text)
        if isinstance(node, cst.Dict):
            return Value(
                ValueKind.OBJECT,
                span,
                text,
                fields=tuple(self._dict_fields(node, scope)),
                partial=self._hides_fields(node, scope),
            )
        if isinstance(node, cst.Call):
            return self._call(node, scope, span, text)
        if isinstance(node, cst.Subscript):
            return self._subscript(node, scope, span, text)
        if isinstance(node, cst.Attribute):
            constant = self._constant(node, scope, span, text)
            if constant is not None:
                return constant
            name = self.qualified_name(node, scope) or _dotted(node)
            time = times.classify(node, scope, self)
            kind = ValueKind.TIME if time else ValueKind.NAME
            return Value(kind, span, text, name=name, time=time)
        time = times.classify(node, scope, self)
        if time is not None:
            return Value(ValueKind.TIME, span, text, time=time)
        return Value(ValueKind.UNKNOWN, span, text)

    def _parameter(self, name: str, scope: Scope) -> str | None:
        """Return `name` when it reads a parameter that the body never reassigns."""
        found = self.lookup(name, scope)
        if found is None or found.parameter is None:
            return None
        if name in found.scope.bindings or name in found.scope.changed_parameters:
            return None
        return name

    def _number(self, node: cst.BaseExpression, span: Span, text: str) -> Value:
        number = number_literal(node)
        time = None
        unit = times.literal_unit(number)
        if unit is not None:
            time = TimeInfo(unit, text, span)
        return Value(ValueKind.NUMBER, span, text, literal=number, time=time)

    def _name(self, node: cst.Name, scope: Scope, span: Span, text: str) -> Value:
        if node.value in ("True", "False"):
            return Value(ValueKind.BOOLEAN, span, text, literal=node.value == "True")
        if node.value == "None":
            return Value(ValueKind.NONE, span, text)
        assigned = self.single_binding(node.value, scope)
        if assigned is None:
            qualified = self.qualified_name(node, scope)
            reference = self.import_reference(node, scope)
            return Value(
                ValueKind.NAME,
                span,
                text,
                name=qualified or node.value,
                reference=reference[0] if reference else None,
                reference_path=reference[1] if reference else (),
                parameter=self._parameter(node.value, scope),
            )
        expression, owner = assigned
        resolved = self.value(expression, owner)
        fields = resolved.fields
        partial = resolved.partial
        if resolved.kind is ValueKind.OBJECT:
            partial = partial or not self._is_sealed(node.value, owner, scope)
            if owner is scope:
                fields = (*(fields or ()), *self._item_assignments(node.value, owner))
        return replace(
            resolved,
            span=span,
            text=text,
            fields=fields,
            name=resolved.name or node.value,
            origin=resolved.origin or resolved.span,
            partial=partial,
        )

    def _is_sealed(self, name: str, owner: Scope, scope: Scope) -> bool:
        """Tell whether every field of the object in `name` is visible here.

        It is when the name is used in the scope that assigns it, and nowhere
        but in stores the value already merges and in this one read.
        """
        if owner is not scope:
            return False
        key = (id(owner.node), name)
        if key not in self._sealed:
            merged = len(owner.item_assignments.get(name, ()))
            self._sealed[key] = is_sealed(owner.node, name, merged)
        return self._sealed[key]

    def _constant(
        self, node: cst.Attribute, scope: Scope, span: Span, text: str
    ) -> Value | None:
        """Evaluate `Events.X`, `Event.X.value` or an imported `events.X`."""
        dotted = _dotted(node)
        if dotted is None or self.constants is None:
            return None
        head = dotted.split(".")[0]
        found = self.lookup(head, scope)
        if found is None:
            return None
        if found.scope.kind is ScopeKind.MODULE and head in found.scope.classes:
            value = self.constants.lookup(dotted)
            if value is None:
                return None
            return replace(
                value, span=span, text=text, origin=value.origin or value.span
            )
        reference = self.import_reference(node, scope)
        if reference is None:
            return None
        return Value(
            ValueKind.NAME,
            span,
            text,
            name=self.qualified_name(node, scope),
            reference=reference[0],
            reference_path=reference[1],
        )

    def import_reference(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[ModuleReference, tuple[str, ...]] | None:
        """Return the import a name or attribute chain starts from, and the rest.

        `Event.X.value` after `from .events import Event` is export `Event` of
        `.events` followed by `("X", "value")`; after `import app.events as
        events`, `events.Event.X` is export `Event` of `app.events`. A name from
        `from . import events` is taken as the submodule `.events`.
        """
        dotted = _dotted(node)
        if dotted is None:
            return None
        head, *rest = dotted.split(".")
        found = self.lookup(head, scope)
        if found is None or found.qualified_name is None:
            return None
        qualified = found.qualified_name
        if head in found.scope.module_imports:
            if not rest:
                return None
            return ModuleReference(qualified, rest[0]), tuple(rest[1:])
        module, _, export = qualified.rpartition(".")
        if not module:
            return None
        if not module.strip("."):
            if not rest:
                return None
            return ModuleReference(module + export, rest[0]), tuple(rest[1:])
        return ModuleReference(module, export), tuple(rest)

    def _item_assignments(self, name: str, scope: Scope) -> Iterator[Field]:
        for key, expression in scope.item_assignments.get(name, ()):
            yield Field(key, self.value(expression, scope))

    def _hides_fields(self, node: cst.Dict | cst.Call, scope: Scope) -> bool:
        """Tell whether a dict or call has keys that `fields` cannot show.

        Those are computed keys, positional arguments, and spreads whose
        fields are not all known.
        """
        if isinstance(node, cst.Dict):
            if any(_computed_key(element) for element in node.elements):
                return True
            spreads = [
                element.value
                for element in node.elements
                if isinstance(element, cst.StarredDictElement)
            ]
        else:
            if any(arg.keyword is None and arg.star != "**" for arg in node.args):
                return True
            spreads = [arg.value for arg in node.args if arg.star == "**"]
        for spread in spreads:
            value = self.value(spread, scope)
            if value.fields is None or value.partial:
                return True
        return False

    def _dict_fields(self, node: cst.Dict, scope: Scope) -> Iterator[Field]:
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):
                spread = self.value(element.value, scope)
                yield from spread.fields or ()
                continue
            if not isinstance(element, cst.DictElement):
                continue
            key = element.key
            if isinstance(key, (cst.SimpleString, cst.ConcatenatedString)):
                key_text = key.evaluated_value
                if isinstance(key_text, str):
                    yield Field(
                        key_text, self.value(element.value, scope), self.span_of(key)
                    )

    def keyword_fields(
        self, arguments: Sequence[cst.Arg], scope: Scope, *, spreads: bool = True
    ) -> Iterator[Field]:
        """Yield `name=value` keywords and, with `spreads`, `**mapping` fields."""
        for argument in arguments:
            if argument.keyword is not None:
                yield Field(
                    argument.keyword.value,
                    self.value(argument.value, scope),
                    self.span_of(argument.keyword),
                )
            elif argument.star == "**" and spreads:
                yield from self.value(argument.value, scope).fields or ()

    def _call(self, node: cst.Call, scope: Scope, span: Span, text: str) -> Value:
        qualified = self.qualified_name(node.func, scope)
        if qualified in _ENV_GETTERS:
            return self._env_read(node.args[0].value if node.args else None, span, text)
        if qualified == "dict" or (
            isinstance(node.func, cst.Name)
            and node.func.value == "dict"
            and self.lookup("dict", scope) is None
        ):
            fields = tuple(self.keyword_fields(node.args, scope))
            partial = self._hides_fields(node, scope)
            return Value(ValueKind.OBJECT, span, text, fields=fields, partial=partial)
        request = sdk.request_spec(Language.PYTHON, qualified) if qualified else None
        if request is not None:
            fields = tuple(self.keyword_fields(node.args, scope))
            return Value(
                ValueKind.OBJECT,
                span,
                text,
                fields=fields,
                constructor=request.class_name,
                partial=self._hides_fields(node, scope),
            )
        time = times.classify(node, scope, self)
        if time is not None:
            return Value(ValueKind.TIME, span, text, time=time)
        returned = self._returned_value(node, scope)
        if returned is not None:
            return replace(returned, span=span, text=text, origin=returned.span)
        return Value(ValueKind.UNKNOWN, span, text, name=qualified)

    def _returned_value(self, node: cst.Call, scope: Scope) -> Value | None:
        """Evaluate the single `return` of a function defined in this module."""
        if not isinstance(node.func, cst.Name):
            return None
        found = self.lookup(node.func.value, scope)
        if (
            found is None
            or found.qualified_name is not None
            or len(found.bindings) != 1
        ):
            return None
        function = found.scope.functions.get(node.func.value)
        if function is None or len(function.returns) != 1:
            return None
        return self.value(function.returns[0], function)

    def _subscript(
        self, node: cst.Subscript, scope: Scope, span: Span, text: str
    ) -> Value:
        base = self.qualified_name(node.value, scope)
        key = _single_index(node)
        if base in _ENV_MAPPINGS:
            return self._env_read(key, span, text)
        return Value(ValueKind.NAME, span, text, name=_dotted(node.value) and text)

    def _env_read(self, key: cst.BaseExpression | None, span: Span, text: str) -> Value:
        name = None
        if isinstance(key, cst.SimpleString):
            evaluated = key.evaluated_value
            name = evaluated if isinstance(evaluated, str) else None
        return Value(ValueKind.ENV_VAR, span, text, env_var=name)


def number_literal(node: cst.BaseExpression) -> int | float | None:
    """Return the number a literal spells: `1000`, `1e3`, `-5`, `10 ** 3`."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = number_literal(node.expression)
        return -inner if inner is not None else None
    if isinstance(node, (cst.Integer, cst.Float)):
        return node.evaluated_value
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Power):
        base = number_literal(node.left)
        exponent = number_literal(node.right)
        if isinstance(base, int) and isinstance(exponent, int) and 0 <= exponent <= 30:
            power: int = base**exponent
            return power
    return None


def _computed_key(element: cst.BaseDictElement) -> bool:
    """Tell whether a dict entry's key is anything but a string literal."""
    if not isinstance(element, cst.DictElement):
        return False
    key = element.key
    if isinstance(key, (cst.SimpleString, cst.ConcatenatedString)):
        return not isinstance(key.evaluated_value, str)
    return True


def _single_index(node: cst.Subscript) -> cst.BaseExpression | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return node.slice[0].slice.value


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None
