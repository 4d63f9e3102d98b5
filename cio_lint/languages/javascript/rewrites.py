"""Ready-made rewrites of JavaScript and TypeScript time expressions.

The replacement text is built from the exact source of tree-sitter nodes;
its range is the node's span, so no text outside the expression changes.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.edits import Edit, Rewrite, RewritePurpose
from cio_lint.languages.javascript.parsing import Source
from cio_lint.model import TimeUnit, Value

# Operands that bind less tightly than `/` and need parentheses.
_LOOSE = frozenset(
    {
        "binary_expression",
        "ternary_expression",
        "assignment_expression",
        "augmented_assignment_expression",
        "sequence_expression",
        "arrow_function",
        "yield_expression",
        "as_expression",
        "satisfies_expression",
    }
)


def time_rewrites(node: Node, source: Source, value: Value) -> tuple[Rewrite, ...]:
    """Return the rewrites that apply to a time value written as `node`.

    Only milliseconds get one: microsecond and nanosecond counts in
    JavaScript are usually BigInts (`process.hrtime.bigint()`), which
    `Math.floor` rejects.
    """
    if value.time is None or value.time.unit is not TimeUnit.MILLISECONDS:
        return ()
    if isinstance(value.literal, (int, float)) and not isinstance(value.literal, bool):
        code = str(int(value.literal) // 1000)
    else:
        operand = source.raw(node)
        if node.type in _LOOSE:
            operand = f"({operand})"
        code = f"Math.floor({operand} / 1000)"
    edit = Edit.replacing(value.span, code)
    return (Rewrite(RewritePurpose.TO_UNIX_SECONDS, (edit,)),)
