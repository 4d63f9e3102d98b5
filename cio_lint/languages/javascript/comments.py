"""Find suppression comments in JavaScript and TypeScript and the lines they cover.

`// noqa` and `// noqa: CIO101` (also inside `/* */`) cover the statement the
comment sits on. `// cio-lint-disable-next-line CIO101 -- reason` covers the
statement that starts on the next line; without codes it covers every code.
A statement can have a body: a function, a class, an `if`, or a call whose
callback has a block. Only the lines outside that body are covered, so a
comment on a function's first line does not silence the whole function.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct
from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source
from cio_lint.model import StatementRange, SuppressionComment
from cio_lint.suppressions import parse_noqa

DISABLE_NEXT_LINE = re.compile(
    r"cio-lint-disable-next-line(?![\w-])(?P<rest>[^\n]*)", re.IGNORECASE
)
_CODES = re.compile(r"^[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*$", re.IGNORECASE)
_BODIES = frozenset(
    {"statement_block", "class_body", "switch_body", "interface_body", "enum_body"}
)
_NOT_STATEMENTS = frozenset({"statement_block"})
_EXTRA_STATEMENTS = frozenset(
    {"public_field_definition", "field_definition", "method_definition"}
)


class _Statement(Struct, frozen=True):
    node: Node
    first: int
    last: int
    depth: int


def find_suppressions(source: Source) -> tuple[SuppressionComment, ...]:
    """Return the suppression comments of a file with the lines each covers."""
    lowered = source.text.lower()
    if "noqa" not in lowered and "cio-lint-disable-next-line" not in lowered:
        return ()
    comments: list[Node] = []
    statements: list[_Statement] = []
    _collect(source.root, 0, comments, statements)
    found = []
    for comment in comments:
        item = _suppression(comment, source, statements)
        if item is not None:
            found.append(item)
    return tuple(found)


def parse_disable_next_line(comment: str) -> frozenset[str] | None:
    """Return the codes a disable-next-line comment names (empty: all), or None."""
    match = DISABLE_NEXT_LINE.search(comment)
    if match is None:
        return None
    rest = match.group("rest").removesuffix("*/")
    codes = rest.split("--", 1)[0].strip()
    if not codes:
        return frozenset()
    if _CODES.match(codes) is None:
        return None
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def _collect(
    node: Node, depth: int, comments: list[Node], statements: list[_Statement]
) -> None:
    if node.type == "comment":
        comments.append(node)
        return
    if _is_statement(node):
        first, last = node.start_point[0] + 1, node.end_point[0] + 1
        statements.append(_Statement(node, first, last, depth))
        depth += 1
    for child in node.named_children:
        _collect(child, depth, comments, statements)


def _is_statement(node: Node) -> bool:
    kind = node.type
    if kind in _NOT_STATEMENTS:
        return False
    return kind.endswith(("_statement", "_declaration")) or kind in _EXTRA_STATEMENTS


def _suppression(
    comment: Node, source: Source, statements: list[_Statement]
) -> SuppressionComment | None:
    text = source.raw(comment)
    line = comment.start_point[0] + 1
    codes = parse_disable_next_line(text)
    if codes is not None:
        target = comment.end_point[0] + 2
        return SuppressionComment(line, codes, _next_statement(target, statements))
    if text.startswith("/*"):
        text = "//" + text[2:].removesuffix("*/")
    codes = parse_noqa(text)
    if codes is None:
        return None
    return SuppressionComment(line, codes, _enclosing_statement(line, statements))


def _enclosing_statement(line: int, statements: list[_Statement]) -> StatementRange:
    """Return the lines of the innermost statements on `line`, outside bodies."""
    around = [item for item in statements if item.first <= line <= item.last]
    if not around:
        return StatementRange(line, line)
    deepest = max(item.depth for item in around)
    ranges = [_own_lines(item, line) for item in around if item.depth == deepest]
    return StatementRange(
        min(item.first_line for item in ranges), max(item.last_line for item in ranges)
    )


def _next_statement(line: int, statements: list[_Statement]) -> StatementRange:
    """Return the lines of the outermost statement starting on `line`."""
    starting = [item for item in statements if item.first == line]
    if not starting:
        return StatementRange(line, line)
    outermost = min(starting, key=lambda item: item.depth)
    return _own_lines(outermost, line)


def _own_lines(statement: _Statement, line: int) -> StatementRange:
    """Cut a statement's lines at the bodies it contains, around `line`."""
    first, last = statement.first, statement.last
    for body in _bodies(statement.node):
        start, end = body.start_point[0] + 1, body.end_point[0] + 1
        if start == end:
            continue
        if line <= start:
            last = min(last, start)
        elif line >= end:
            first = max(first, end)
        else:
            return StatementRange(line, line)
    return StatementRange(first, last)


def _bodies(node: Node) -> Iterator[Node]:
    """Yield the outermost block bodies inside a statement."""
    for child in node.named_children:
        if child.type in _BODIES:
            yield child
        else:
            yield from _bodies(child)
