"""Walk a LibCST tree and call a collector's `visit_<Node>`/`leave_<Node>` methods.

LibCST's own `visit` rebuilds every node on the way back up, even for a
read-only visitor, which makes one pass cost about as much as the parse. This
walk only reads each node's dataclass fields, skipping the fields that hold
whitespace and punctuation, which never contain an expression. On the standard
library it is three to five times faster than `Module.visit` (measured with
LibCST 1.9.0, CPU time over 120 files). Children are visited in field order,
which is source order except for decorators and class bases, which come
after the body.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import libcst as cst

# Fields of whitespace, comments and punctuation: nothing below them matters.
_SKIPPED_FIELDS = frozenset(
    {
        "after",
        "arrow",
        "asynchronous",
        "before",
        "between",
        "colon",
        "comma",
        "default_indent",
        "default_newline",
        "dot",
        "empty_lines",
        "encoding",
        "equal",
        "footer",
        "header",
        "lbrace",
        "lbracket",
        "leading_lines",
        "lines_after_decorators",
        "lpar",
        "newline",
        "operator",
        "rbrace",
        "rbracket",
        "rpar",
        "semicolon",
        "star",
        "trailing_whitespace",
    }
)
_FIELDS: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def walk(root: cst.CSTNode, collector: object) -> None:
    """Call the collector's methods for every node below `root`, depth first.

    A collector's `enter_node(node)` and `exit_node(node)`, when it has them,
    run for every node, before its `visit_<Node>` and after its `leave_<Node>`.
    The walk keeps its own stack, so deeply nested code cannot reach the
    recursion limit here.
    """
    enter_hook = getattr(collector, "enter_node", None)
    exit_hook = getattr(collector, "exit_node", None)
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        name = type(node).__name__
        if leaving:
            leave = getattr(collector, "leave_" + name, None)
            if leave is not None:
                leave(node)
            if exit_hook is not None:
                exit_hook(node)
            continue
        if enter_hook is not None:
            enter_hook(node)
        visit = getattr(collector, "visit_" + name, None)
        if visit is not None:
            visit(node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node)))


def descendants(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Yield `node` and every node below it that can hold code, depth first."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Return the child nodes of `node`, leaving out whitespace and punctuation."""
    found: list[cst.CSTNode] = []
    for field in _field_names(type(node)):
        value = getattr(node, field)
        kind = type(value)
        if kind is list or kind is tuple:
            found.extend(item for item in value if _is_node(type(item)))
        elif _is_node(kind):
            found.append(value)
    return found


# Whether each type is a node. `isinstance` with CSTNode, an abstract class,
# runs its check in Python code, several times slower than this lookup.
_NODE_TYPES: dict[type, bool] = {}


def _is_node(kind: type) -> bool:
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = issubclass(kind, cst.CSTNode)
    return known


def _field_names(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = tuple(
            field.name
            for field in dataclasses.fields(kind)
            if not field.name.startswith("whitespace")
            and field.name not in _SKIPPED_FIELDS
        )
        _FIELDS[kind] = names
    return names
