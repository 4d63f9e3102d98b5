"""Parse JavaScript and TypeScript with tree-sitter and locate nodes in the text.

The grammar follows the file's extension: `.ts`, `.mts` and `.cts` are
TypeScript, `.tsx` is TypeScript with JSX, and every JavaScript extension uses
the JavaScript grammar, which also parses JSX. tree-sitter columns count UTF-8
bytes; spans go through `positions.LineIndex`, which turns them into
characters.
"""

from __future__ import annotations

import functools
from pathlib import Path

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Node

from cio_lint.model import Span
from cio_lint.positions import LineIndex

MAX_TEXT = 80

_TYPESCRIPT_SUFFIXES = frozenset({".ts", ".mts", ".cts"})

# Nodes that only add type information or grouping around an expression.
TRANSPARENT = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
        "await_expression",
    }
)


@functools.cache
def _language(name: str) -> tree_sitter.Language:
    if name == "typescript":
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    if name == "tsx":
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    return tree_sitter.Language(tree_sitter_javascript.language())


def grammar_for(path: Path) -> str:
    """Return the grammar name for a file: `typescript`, `tsx` or `javascript`."""
    if path.suffix in _TYPESCRIPT_SUFFIXES:
        return "typescript"
    if path.suffix == ".tsx":
        return "tsx"
    return "javascript"


class Source:
    """The text of one file, its syntax tree, and conversions between them."""

    def __init__(self, text: str, grammar: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self.lines = LineIndex(text)
        parser = tree_sitter.Parser(_language(grammar))
        self.root: Node = parser.parse(self.data).root_node
        self._spans: dict[int, Span] = {}

    def raw(self, node: Node) -> str:
        """Return the exact source of `node`."""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def text_of(self, node: Node) -> str:
        """Return the source of `node` on one line, shortened for messages."""
        code = " ".join(self.raw(node).split())
        return code if len(code) <= MAX_TEXT else code[: MAX_TEXT - 1] + "…"

    def span(self, node: Node) -> Span:
        """Return the span of `node` in characters."""
        known = self._spans.get(node.id)
        if known is not None:
            return known
        # NOTE: tree-sitter counts rows at "\n" only, so a file that ends lines
        # with a lone "\r" gets wrong positions.
        start_row, start_byte = node.start_point
        end_row, end_byte = node.end_point
        lines = self.lines
        span = lines.span_from_columns(
            start_row + 1,
            lines.character_column(start_row + 1, start_byte),
            end_row + 1,
            lines.character_column(end_row + 1, end_byte),
        )
        self._spans[node.id] = span
        return span


def unwrap(node: Node) -> Node:
    """Look through parentheses, TypeScript casts and `await` to the operand."""
    while node.type in TRANSPARENT:
        inner = _operand(node)
        if inner is None:
            return node
        node = inner
    return node


def _operand(node: Node) -> Node | None:
    if node.type == "type_assertion":
        return node.named_children[-1] if node.named_children else None
    for child in node.named_children:
        if child.type != "comment":
            return child
    return None


def field_node(node: Node, name: str) -> Node | None:
    return node.child_by_field_name(name)


def key_text(key: Node, source: Source) -> str | None:
    """Return the text of a literal object key, or None for a computed key."""
    if key.type in ("property_identifier", "private_property_identifier", "number"):
        return source.raw(key)
    return string_value(key, source)


def arguments_of(node: Node) -> list[Node]:
    """Return the argument expressions of a call or `new` expression."""
    arguments = node.child_by_field_name("arguments")
    if arguments is None or arguments.type != "arguments":
        return []
    return [child for child in arguments.named_children if child.type != "comment"]


def has_token(node: Node, token: str) -> bool:
    """Tell whether `node` has an unnamed child token such as `static` or `get`."""
    return any(not child.is_named and child.type == token for child in node.children)


def string_value(node: Node, source: Source) -> str | None:
    """Return the value of a string literal, or of a template with no `${}`."""
    if node.type not in ("string", "template_string"):
        return None
    parts = []
    for child in node.named_children:
        if child.type == "string_fragment":
            parts.append(source.raw(child))
        elif child.type == "escape_sequence":
            parts.append(_unescape(source.raw(child)))
        elif child.type != "comment":
            return None
    return "".join(parts)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(sequence: str) -> str:
    body = sequence[1:]
    if body in _ESCAPES:
        return _ESCAPES[body]
    if body.startswith("u{") and body.endswith("}"):
        return _code_point(body[2:-1], sequence)
    if body.startswith(("u", "x")) and len(body) > 1:
        return _code_point(body[1:], sequence)
    if body.startswith(("\r", "\n")):
        return ""
    return body


def _code_point(digits: str, sequence: str) -> str:
    try:
        return chr(int(digits, 16))
    except ValueError:
        return sequence


def annotated_type(annotation: Node | None) -> Node | None:
    """Return the type inside a `: Type` annotation."""
    if annotation is None:
        return None
    if annotation.type in ("type_annotation", "opting_type_annotation"):
        inner = [
            child for child in annotation.named_children if child.type != "comment"
        ]
        return inner[0] if inner else None
    return annotation


def member_target(node: Node, source: Source) -> tuple[str, str] | None:
    """Return (object, key) for `name.key = ...` and `name["key"] = ...`."""
    if node.type == "member_expression":
        obj = field_node(node, "object")
        prop = field_node(node, "property")
        if prop is None or prop.type != "property_identifier":
            return None
        key = source.raw(prop)
    elif node.type == "subscript_expression":
        obj = field_node(node, "object")
        index = field_node(node, "index")
        key_text = string_value(index, source) if index is not None else None
        if key_text is None:
            return None
        key = key_text
    else:
        return None
    if obj is None or obj.type not in ("identifier", "this"):
        return None
    return source.raw(obj), key
