"""Evaluate JavaScript string expressions into templates without running them.

String and template literals, `+` and `new URL(path, base)` are read as
written. Names are followed to their single assignment, `this.x` to its one
class field or assignment, and `OBJ.key` to the member of an object literal.
`btoa(...)` and `Buffer.from(...).toString("base64")` become holes that record
what they encode. Anything else is a hole holding the expression's `Value`.
"""

from __future__ import annotations

import codecs

from tree_sitter import Node

from cio_lint import templates
from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.exports import object_members
from cio_lint.languages.javascript.parsing import (
    arguments_of,
    field_node,
    string_value,
    unwrap,
)
from cio_lint.languages.javascript.scopes import CLASSES, FUNCTIONS, Scope
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.templates import Hole, Template, Text

MAX_DEPTH = 16

_BASE64 = frozenset({"btoa"})
_BUFFER_FROM = frozenset({"Buffer.from", "buffer.Buffer.from"})
_SAME_TEXT = frozenset({"String"})
_URL = frozenset({"URL", "url.URL"})


class StringEvaluator:
    """Build templates for the string expressions of one file."""

    def __init__(self, evaluator: Evaluator, resolver: ClientResolver) -> None:
        self.evaluator = evaluator
        self.resolver = resolver
        self.source = evaluator.source

    def template(self, node: Node, scope: Scope, depth: int = 0) -> Template:
        """Return `node` as literal text with holes for unknown values."""
        node = unwrap(node)
        found = self._template(node, scope, depth + 1) if depth <= MAX_DEPTH else None
        if found is not None:
            return found
        return templates.hole(self.evaluator.value(node, scope))

    def _template(self, node: Node, scope: Scope, depth: int) -> Template | None:
        kind = node.type
        if kind == "string":
            text = string_value(node, self.source)
            span = self.source.span(node)
            return None if text is None else (Text(text, span),)
        if kind == "template_string":
            return self._template_string(node, scope, depth)
        if kind == "binary_expression":
            operator = field_node(node, "operator")
            left = field_node(node, "left")
            right = field_node(node, "right")
            if operator is None or operator.type != "+" or not left or not right:
                return None
            return templates.concat(
                self.template(left, scope, depth), self.template(right, scope, depth)
            )
        if kind == "call_expression":
            return self._call(node, scope, depth)
        if kind == "new_expression":
            return self._new(node, scope, depth)
        if kind == "member_expression":
            prop = field_node(node, "property")
            base = field_node(node, "object")
            if (
                prop is not None
                and base is not None
                and self.source.raw(prop) == "href"
            ):
                return self._url_object(base, scope, depth)
        followed = self.follow(node, scope)
        if followed is not None:
            return self.template(followed[0], followed[1], depth)
        return None

    def _template_string(self, node: Node, scope: Scope, depth: int) -> Template:
        pieces: list[Template] = []
        for child in node.named_children:
            span = self.source.span(child)
            if child.type == "string_fragment":
                pieces.append((Text(self.source.raw(child), span),))
            elif child.type == "escape_sequence":
                pieces.append((Text(_unescape(self.source.raw(child)), span),))
            elif child.type == "template_substitution":
                inner = [c for c in child.named_children if c.type != "comment"]
                if len(inner) == 1:
                    pieces.append(self.template(inner[0], scope, depth))
                else:
                    pieces.append(templates.hole(self.evaluator.value(child, scope)))
        return templates.concat(*pieces)

    def _call(self, node: Node, scope: Scope, depth: int) -> Template | None:
        function = field_node(node, "function")
        if function is None:
            return None
        function = unwrap(function)
        arguments = arguments_of(node)
        qualified = self.evaluator.qualified_name(function, scope)
        if qualified in _BASE64 and arguments:
            return self._encoded(node, arguments[0], scope, depth)
        if qualified in _SAME_TEXT and arguments:
            return self.template(arguments[0], scope, depth)
        if function.type != "member_expression":
            return None
        prop = field_node(function, "property")
        receiver = field_node(function, "object")
        if prop is None or receiver is None:
            return None
        method = self.source.raw(prop)
        if method == "toString" and not arguments:
            return self._url_object(receiver, scope, depth)
        if method == "toString" and _is_text(arguments[0], "base64", self):
            buffer = self._buffer_input(receiver, scope)
            if buffer is not None:
                return self._encoded(node, buffer[0], buffer[1], depth)
        return None

    def _encoded(self, node: Node, encoded: Node, scope: Scope, depth: int) -> Template:
        inner = self.template(encoded, scope, depth)
        return (Hole(self.evaluator.value(node, scope), base64_of=inner),)

    def _buffer_input(self, node: Node, scope: Scope) -> tuple[Node, Scope] | None:
        """Return what `Buffer.from(x)` (or a name holding it) converts."""
        node, scope = self.origin(node, scope)
        if node.type != "call_expression":
            return None
        function = field_node(node, "function")
        arguments = arguments_of(node)
        if function is None or not arguments:
            return None
        if self.evaluator.qualified_name(function, scope) not in _BUFFER_FROM:
            return None
        return arguments[0], scope

    def _new(self, node: Node, scope: Scope, depth: int) -> Template | None:
        """Resolve `new URL(path, base)` as the URL standard does."""
        constructor = field_node(node, "constructor")
        if constructor is None:
            return None
        if self.evaluator.qualified_name(constructor, scope) not in _URL:
            return None
        arguments = arguments_of(node)
        if not arguments:
            return None
        reference = self.template(arguments[0], scope, depth)
        if len(arguments) == 1:
            return reference
        return templates.join_url(self.template(arguments[1], scope, depth), reference)

    def _url_object(self, node: Node, scope: Scope, depth: int) -> Template | None:
        origin, where = self.origin(node, scope)
        if origin.type == "new_expression":
            return self._new(origin, where, depth)
        return None

    # Names ---------------------------------------------------------------

    def follow(self, node: Node, scope: Scope) -> tuple[Node, Scope] | None:
        """Return the one expression a name, `this.x` or `OBJ.key` was assigned."""
        node = unwrap(node)
        if node.type in ("identifier", "shorthand_property_identifier"):
            assigned = self.evaluator.single_binding(self.source.raw(node), scope)
            if assigned is None or unwrap(assigned[0]).type in FUNCTIONS | CLASSES:
                return None
            return assigned
        if node.type != "member_expression":
            return None
        base = field_node(node, "object")
        prop = field_node(node, "property")
        if base is None or prop is None or prop.type != "property_identifier":
            return None
        name = self.source.raw(prop)
        owner = self.resolver.owner_class(unwrap(base), scope)
        if owner is not None:
            bindings = owner.attributes.get(name, [])
            if len(bindings) != 1 or not isinstance(bindings[0][0], Node):
                return None
            return bindings[0][0], bindings[0][1]
        holder, where = self.origin(base, scope)
        if holder.type != "object":
            return None
        for key, value in object_members(holder, self.source):
            if key == name:
                return value, where
        return None

    def origin(self, node: Node, scope: Scope) -> tuple[Node, Scope]:
        """Follow names to the expression they were assigned, a few steps deep."""
        node = unwrap(node)
        for _ in range(8):
            followed = self.follow(node, scope)
            if followed is None:
                break
            node, scope = unwrap(followed[0]), followed[1]
        return node, scope


def _is_text(node: Node, text: str, strings: StringEvaluator) -> bool:
    return string_value(unwrap(node), strings.source) == text


def _unescape(sequence: str) -> str:
    """Decode an escape such as `\\n`, leaving JavaScript-only forms raw."""
    try:
        return codecs.decode(sequence, "unicode_escape")
    except UnicodeDecodeError:
        return sequence
