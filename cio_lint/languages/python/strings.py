"""Evaluate Python string expressions into templates without running them.

Literals, f-strings, `+`, `%` and `str.format` are read as written. Names are
followed to their single assignment in the same function or module, or on
the same class (`self.base_url`). `urljoin` joins as the standard library
does, and `base64.b64encode(...)` becomes a hole that records what it encodes.
Anything else is a hole holding the expression's `Value`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import libcst as cst

from cio_lint import templates
from cio_lint.languages.python.scopes import UNKNOWN_BINDING, Scope, ScopeKind
from cio_lint.languages.python.values import Evaluator
from cio_lint.templates import Hole, Template, Text

MAX_DEPTH = 16

_BASE64 = frozenset(
    {
        "base64.b64encode",
        "base64.standard_b64encode",
        "base64.urlsafe_b64encode",
        "base64.encodebytes",
    }
)
_URLJOIN = frozenset({"urllib.parse.urljoin", "urlparse.urljoin"})
_TEXT_METHODS = frozenset({"encode", "decode"})
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[#0 +-]*)(?P<width>\*|\d+)?"
    r"(?:\.(?P<precision>\*|\d+))?[hlL]?(?P<conversion>[diouxXeEfFgGcrsa%])"
)


class StringEvaluator:
    """Build templates for the string expressions of one module."""

    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator

    def template(
        self, node: cst.BaseExpression, scope: Scope, depth: int = 0
    ) -> Template:
        """Return `node` as literal text with holes for unknown values."""
        if depth > MAX_DEPTH:
            return self._hole(node, scope)
        found = self._template(node, scope, depth + 1)
        return found if found is not None else self._hole(node, scope)

    def _hole(self, node: cst.BaseExpression, scope: Scope) -> Template:
        return templates.hole(self.evaluator.value(node, scope))

    def _template(
        self, node: cst.BaseExpression, scope: Scope, depth: int
    ) -> Template | None:
        if isinstance(node, cst.SimpleString):
            return self._literal(node)
        if isinstance(node, cst.ConcatenatedString):
            return templates.concat(
                self.template(node.left, scope, depth),
                self.template(node.right, scope, depth),
            )
        if isinstance(node, cst.FormattedString):
            return self._formatted(node, scope, depth)
        if isinstance(node, cst.BinaryOperation):
            return self._binary(node, scope, depth)
        if isinstance(node, cst.Call):
            return self._call(node, scope, depth)
        # NOTE: a constant imported from another module stays a hole, so a URL
        # built from a settings module does not resolve.
        followed = self.follow(node, scope)
        if followed is not None:
            return self.template(followed[0], followed[1], depth)
        return None

    def _literal(self, node: cst.SimpleString) -> Template:
        value = node.evaluated_value
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return (Text(value, self.evaluator.span_of(node)),) if value else ()

    def _formatted(
        self, node: cst.FormattedString, scope: Scope, depth: int
    ) -> Template | None:
        raw = "r" in node.prefix.lower()
        pieces: list[Template] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value and not raw:
                    return None
                text = part.value.replace("{{", "{").replace("}}", "}")
                pieces.append((Text(text, self.evaluator.span_of(part)),))
            elif not isinstance(part, cst.FormattedStringExpression):
                return None
            elif part.format_spec or part.conversion not in (None, "s"):
                pieces.append(self._hole(part.expression, scope))
            else:
                pieces.append(self.template(part.expression, scope, depth))
        return templates.concat(*pieces)

    def _binary(
        self, node: cst.BinaryOperation, scope: Scope, depth: int
    ) -> Template | None:
        if isinstance(node.operator, cst.Add):
            return templates.concat(
                self.template(node.left, scope, depth),
                self.template(node.right, scope, depth),
            )
        if isinstance(node.operator, cst.Modulo):
            form = self.template(node.left, scope, depth)
            if form and templates.is_literal(form):
                return self._percent(form, node.right, scope, depth)
        return None

    def _percent(
        self, form: Template, right: cst.BaseExpression, scope: Scope, depth: int
    ) -> Template | None:
        """Apply `%` formatting: `"%s/customers/%s" % (BASE, uid)`."""
        text = templates.render(form)
        span = form[0].span if isinstance(form[0], Text) else None
        assert span is not None
        if isinstance(right, cst.Tuple):
            positional = [element.value for element in right.elements]
        else:
            positional = [right]
        mapping = _dict_items(right) if isinstance(right, cst.Dict) else None

        pieces: list[Template] = []
        end = 0
        index = 0
        for match in _PERCENT.finditer(text):
            pieces.append((Text(text[end : match.start()], span),))
            end = match.end()
            if match.group("conversion") == "%":
                pieces.append((Text("%", span),))
                continue
            if match.group("key") is not None:
                if mapping is None or match.group("key") not in mapping:
                    return None
                argument = mapping[match.group("key")]
            else:
                if index >= len(positional):
                    return None
                argument = positional[index]
                index += 1
            plain = match.group("conversion") == "s" and not any(
                match.group(name) for name in ("flags", "width", "precision")
            )
            if plain:
                pieces.append(self.template(argument, scope, depth))
            else:
                pieces.append(self._hole(argument, scope))
        pieces.append((Text(text[end:], span),))
        return templates.concat(*pieces)

    def _call(self, node: cst.Call, scope: Scope, depth: int) -> Template | None:
        qualified = self.evaluator.qualified_name(node.func, scope)
        positional = [
            arg.value for arg in node.args if not arg.keyword and not arg.star
        ]
        if qualified in _BASE64 and positional:
            encoded = self.template(positional[0], scope, depth)
            return (Hole(self.evaluator.value(node, scope), base64_of=encoded),)
        if qualified in _URLJOIN and len(positional) == 2:
            return templates.join_url(
                self.template(positional[0], scope, depth),
                self.template(positional[1], scope, depth),
            )
        if _is_builtin(node.func, ("str", "bytes"), self.evaluator, scope):
            if positional:
                return self.template(positional[0], scope, depth)
            return None
        if not isinstance(node.func, cst.Attribute):
            return None

        method = node.func.attr.value
        receiver = node.func.value
        if method in _TEXT_METHODS:
            return self.template(receiver, scope, depth)
        if method == "format":
            form = self.template(receiver, scope, depth)
            if form and templates.is_literal(form):
                return self._format(form, node.args, scope, depth)
        if method in ("rstrip", "strip") and len(positional) == 1:
            characters = self.template(positional[0], scope, depth)
            if templates.is_literal(characters):
                inner = self.template(receiver, scope, depth)
                stripped = templates.rstrip(inner, templates.render(characters))
                if method == "strip":
                    stripped = templates.lstrip(stripped, templates.render(characters))
                return stripped
        return None

    def _format(
        self, form: Template, arguments: Sequence[cst.Arg], scope: Scope, depth: int
    ) -> Template | None:
        """Apply `str.format`: `"{}/customers/{}".format(BASE, uid)`."""
        text = templates.render(form)
        span = form[0].span if isinstance(form[0], Text) else None
        assert span is not None
        positional = [
            arg.value for arg in arguments if not arg.keyword and not arg.star
        ]
        keywords = {arg.keyword.value: arg.value for arg in arguments if arg.keyword}
        pieces: list[Template] = []
        automatic = 0
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError:
            return None
        for literal, field_name, spec, conversion in parsed:
            if literal:
                pieces.append((Text(literal, span),))
            if field_name is None:
                continue
            if field_name == "":
                field_name = str(automatic)
                automatic += 1
            if field_name.isdigit():
                position = int(field_name)
                if position >= len(positional):
                    return None
                argument = positional[position]
            elif field_name in keywords:
                argument = keywords[field_name]
            else:
                return None
            if spec or conversion not in (None, "s"):
                pieces.append(self._hole(argument, scope))
            else:
                pieces.append(self.template(argument, scope, depth))
        return templates.concat(*pieces)

    # Names ---------------------------------------------------------------

    def follow(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[cst.BaseExpression, Scope] | None:
        """Return the one expression a name or `self` attribute was assigned."""
        if isinstance(node, cst.Name):
            return self.evaluator.single_binding(node.value, scope)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            owner = owner_class(node.value, scope, self.evaluator)
            if owner is None:
                return None
            name = node.attr.value
            bindings = [
                *owner.attributes.get(name, ()),
                *((item, owner) for item in owner.bindings.get(name, ())),
            ]
            if len(bindings) != 1:
                return None
            binding, where = bindings[0]
            if binding is UNKNOWN_BINDING or not isinstance(
                binding, cst.BaseExpression
            ):
                return None
            return binding, where
        return None

    def origin(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[cst.BaseExpression, Scope]:
        """Follow names to the expression they were assigned, a few steps deep."""
        for _ in range(8):
            followed = self.follow(node, scope)
            if followed is None:
                break
            node, scope = followed
        return node, scope


def owner_class(node: cst.Name, scope: Scope, evaluator: Evaluator) -> Scope | None:
    """Return the class whose attributes `node` reads: `self`, `cls` or a class."""
    current: Scope | None = scope
    while current is not None and current.kind is ScopeKind.FUNCTION:
        if current.enclosing_class is not None:
            if node.value == current.self_name:
                return current.enclosing_class
            break
        current = current.parent
    module = scope
    while module.parent is not None:
        module = module.parent
    owner = module.classes.get(node.value)
    if owner is not None and evaluator.lookup(node.value, scope) is not None:
        return owner
    return None


def _dict_items(node: cst.Dict) -> dict[str, cst.BaseExpression]:
    items: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement) and isinstance(
            element.key, cst.SimpleString
        ):
            key = element.key.evaluated_value
            if isinstance(key, str):
                items[key] = element.value
    return items


def _is_builtin(
    func: cst.BaseExpression, names: tuple[str, ...], evaluator: Evaluator, scope: Scope
) -> bool:
    return (
        isinstance(func, cst.Name)
        and func.value in names
        and evaluator.lookup(func.value, scope) is None
    )
