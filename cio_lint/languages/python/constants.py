"""Module constants and class members that other code names by a dotted path.

Event names are usually defined once, as a module constant, a class attribute
or an `enum` member, and used elsewhere as `SIGNED_UP`, `Events.SIGNED_UP`,
`Event.SIGNED_UP.value` or `Event.SIGNED_UP.name`. This table looks up such a
path and returns the value as written at its definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import libcst as cst

from cio_lint.languages.python.scopes import UNKNOWN_BINDING, Scope
from cio_lint.model import Constant, Value, ValueKind

if TYPE_CHECKING:
    from cio_lint.languages.python.values import Evaluator

_ENUM_BASES = frozenset(
    {
        "enum.Enum",
        "enum.IntEnum",
        "enum.StrEnum",
        "enum.Flag",
        "enum.IntFlag",
        "django.db.models.TextChoices",
        "django.db.models.IntegerChoices",
        "django.db.models.enums.TextChoices",
    }
)
# Enums whose members are strings themselves, so the member can be sent as is.
_STRING_ENUM_BASES = frozenset(
    {
        "enum.StrEnum",
        "django.db.models.TextChoices",
        "django.db.models.enums.TextChoices",
    }
)
# Constants worth exporting to other files: event names, times and numbers.
_EXPORTED_KINDS = frozenset({ValueKind.STRING, ValueKind.NUMBER, ValueKind.TIME})


class ConstantTable:
    """Look up `NAME`, `Class.MEMBER` and `Enum.MEMBER.value`/`.name` in a module."""

    def __init__(self, module_scope: Scope, evaluator: Evaluator) -> None:
        self._module = module_scope
        self._evaluator = evaluator

    def lookup(self, dotted: str) -> Value | None:
        """Return the value a dotted path names, or None if it names none."""
        head, *rest = dotted.split(".")
        if not rest:
            expression = self._single(self._module, head)
            return (
                self._evaluator.value(expression, self._module) if expression else None
            )
        owner = self._module.classes.get(head)
        if owner is None or len(self._module.bindings.get(head, ())) != 1:
            return None
        return self._member(owner, rest[0], tuple(rest[1:]))

    def constants(self) -> Iterator[Constant]:
        """Yield every constant of the module that other files may import."""
        for name in self._module.bindings:
            value = self.lookup(name)
            if value is not None and value.kind in _EXPORTED_KINDS:
                yield Constant(name, value)
        for class_name, owner in self._module.classes.items():
            for member in owner.bindings:
                for suffix in ("", ".value", ".name"):
                    dotted = f"{class_name}.{member}{suffix}"
                    value = self.lookup(dotted)
                    if value is not None and value.kind in _EXPORTED_KINDS:
                        yield Constant(dotted, value)

    def _member(self, owner: Scope, member: str, rest: tuple[str, ...]) -> Value | None:
        expression = self._single(owner, member)
        if expression is None:
            return None
        kind = self._enum_kind(owner)
        if kind is None:
            return self._evaluator.value(expression, owner) if not rest else None
        if rest == ("name",):
            target = owner.targets[member][0]
            span = self._evaluator.span_of(target)
            return Value(ValueKind.STRING, span, member, literal=member)
        if rest == ("value",) or (not rest and kind == "string"):
            return self._evaluator.value(expression, owner)
        return None

    def is_enum(self, owner: Scope) -> bool:
        """Tell whether the class `owner` is an enum."""
        return self._enum_kind(owner) is not None

    def _enum_kind(self, owner: Scope) -> str | None:
        """Return "string" for string enums, "enum" for other enums, else None."""
        qualified = {
            self._evaluator.qualified_name(base, self._module) for base in owner.bases
        }
        is_str = any(
            isinstance(base, cst.Name) and base.value == "str" for base in owner.bases
        )
        if qualified & _STRING_ENUM_BASES or (is_str and qualified & _ENUM_BASES):
            return "string"
        if qualified & _ENUM_BASES:
            return "enum"
        return None

    @staticmethod
    def _single(scope: Scope, name: str) -> cst.BaseExpression | None:
        bindings = scope.bindings.get(name, [])
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding is UNKNOWN_BINDING or not isinstance(binding, cst.BaseExpression):
            return None
        return binding
