"""Report the first real syntax error in a tree-sitter tree.

tree-sitter always returns a tree and marks what it could not parse with ERROR
nodes and the tokens it had to invent with MISSING nodes. The first such node
is reported, and the analysis goes on over the rest of the tree. TypeScript's
`in`/`out` variance modifiers on type parameters (`interface Box<in out T>`)
are valid TypeScript that tree-sitter-typescript 0.23 leaves as ERROR nodes;
those are not reported.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source
from cio_lint.model import SyntaxProblem

_VARIANCE = re.compile(r"(?:(?:in|out|const)\s+)+[A-Za-z_$][\w$]*")
_MAX_EXCERPT = 30


def syntax_problem(source: Source) -> SyntaxProblem | None:
    """Return where and why the file does not parse, or None if it parses."""
    node = _first_problem(source.root, source)
    if node is None:
        return None
    return SyntaxProblem(
        _message(node, source), source.span(node).start, recovered=True
    )


def _first_problem(node: Node, source: Source) -> Node | None:
    if node.is_missing:
        return node
    if node.is_error:
        return None if _is_variance_modifier(node, source) else node
    if not node.has_error:
        return None
    for child in node.children:
        found = _first_problem(child, source)
        if found is not None:
            return found
    return None


def _is_variance_modifier(node: Node, source: Source) -> bool:
    """Tell whether an ERROR node is only `in`/`out` before a type parameter.

    tree-sitter-typescript parses `<in out T>` as a type parameter named `in`
    followed by an ERROR containing `out T`, or as a type parameter whose ERROR
    child contains `T` when a constraint follows.
    """
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "type_parameter":
        start = parent.start_byte
    elif parent.type == "type_parameters":
        before = node.prev_named_sibling
        if before is None or before.type != "type_parameter":
            return False
        start = before.start_byte
    else:
        return False
    written = source.data[start : node.end_byte].decode("utf-8", "replace")
    return _VARIANCE.fullmatch(written.strip()) is not None


def _message(node: Node, source: Source) -> str:
    if node.is_missing:
        kind = node.type
        return f'expected "{kind}"' if not node.is_named else f"expected {_words(kind)}"
    lines = source.raw(node).strip().splitlines()
    excerpt = _printable(lines[0].strip()) if lines else ""
    if not excerpt:
        return "unexpected end of input"
    if " " not in excerpt and len(excerpt) <= _MAX_EXCERPT:
        return f'unexpected "{excerpt}"'
    if len(excerpt) > _MAX_EXCERPT:
        excerpt = excerpt[: _MAX_EXCERPT - 1] + "…"
    return f'cannot parse "{excerpt}"'


def _printable(text: str) -> str:
    """Escape control characters, such as NUL, that would corrupt the output."""
    return "".join(
        character if character.isprintable() else ascii(character)[1:-1]
        for character in text
    )


def _words(kind: str) -> str:
    return kind.replace("_", " ")
