"""Reject Python whose expressions nest too deeply for LibCST's parser.

LibCST's native parser needs memory that grows faster than linearly with the
nesting depth of operators outside brackets. `x = ------1` with 5,000 minus
signs takes 1.4 GB and 5 s; with 20,000 it takes 22 GB and 3 minutes
(measured with LibCST 1.9 on Python 3.11). Brackets are limited separately,
because CPython rejects more than 200 nested ones.
"""

from __future__ import annotations

import ast
import re
import warnings

MAX_NESTING = 1000
"""Most operators nested to the right (unary operators, `**`, `lambda`,
conditional expressions) that LibCST is given. 1,000 unary minus signs take
80 MB and 0.1 s to parse."""

# Each level of nesting outside brackets takes at least one character on its
# line, so only a file with a longer line can nest deeper than MAX_NESTING.
# NOTE: lines joined by backslashes can nest as deeply and are not checked.
_LONG_LINE = re.compile(rf"^[^\n]{{{MAX_NESTING}}}", re.MULTILINE)


def too_deep(text: str) -> bool:
    """Tell whether CPython's syntax tree of `text` nests deeper than allowed.

    Returns False for text that CPython cannot parse: its syntax error is
    reported elsewhere. CPython's parser gives up with MemoryError on very
    deep nesting, and building its tree raises RecursionError past the
    recursion limit (50,000 on the threads cio-lint analyses files on): both
    count as too deep.
    """
    if _LONG_LINE.search(text) is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (MemoryError, RecursionError):
        return True
    except (SyntaxError, ValueError):
        return False
    return _depth_exceeds(tree, MAX_NESTING)


def _depth_exceeds(tree: ast.AST, limit: int) -> bool:
    """Walk `tree` without recursion; stop once nesting passes `limit`.

    Only nodes whose operand LibCST's parser nests to the right count: a
    chain such as `a + b + c` or `a.b.c` is parsed in a loop and costs little
    however long it is.
    """
    pending = [(tree, 0)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        inner = depth + 1 if _nests(node) else depth
        pending.extend((child, inner) for child in ast.iter_child_nodes(node))
    return False


def _nests(node: ast.AST) -> bool:
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Pow)
    return isinstance(node, _NESTING_NODES)


_NESTING_NODES = (ast.UnaryOp, ast.Lambda, ast.IfExp, ast.Await, ast.NamedExpr)
