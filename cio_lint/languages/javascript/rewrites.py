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

    Milliseconds, Date objects and `date.toISOString()` get one. Microsecond
    and nanosecond counts in
    JavaScript are usually BigInts (`process.hrtime.bigint()`), which
    `Math.floor` rejects.
    """
    if value.time is None:
        return ()
    if value.time.unit in (TimeUnit.DATE_OBJECT, TimeUnit.ISO_STRING):
        return _date_rewrites(node, source, value)
    if value.time.unit is not TimeUnit.MILLISECONDS:
        return ()
    if isinstance(value.literal, (int, float)) and not isinstance(value.literal, bool):
        code = str(int(value.literal) // 1000)
    else:
        operand = source.raw(node)
        if node.type in _LOOSE:
            operand = f"({operand})"
        code = f"Math.floor({operand} / 1000)"
    return (_seconds_rewrite(node, source, value, code),)


def _seconds_rewrite(node: Node, source: Source, value: Value, code: str) -> Rewrite:
    """Replace the value with `code`; `{ at }` becomes `{ at: code }`."""
    if node.type == "shorthand_property_identifier":
        code = f"{source.raw(node)}: {code}"
    edit = Edit.replacing(value.span, code)
    return Rewrite(RewritePurpose.TO_UNIX_SECONDS, (edit,))


def _date_rewrites(node: Node, source: Source, value: Value) -> tuple[Rewrite, ...]:
    """Return `Math.floor(date.getTime() / 1000)` for a Date or its ISO string."""
    date = node
    if value.time is not None and value.time.unit is TimeUnit.ISO_STRING:
        receiver = _iso_receiver(node)
        if receiver is None:
            return ()
        date = receiver
    operand = source.raw(date)
    if date.type not in _DATE_OPERANDS or not _has_arguments(date):
        operand = f"({operand})"
    code = f"Math.floor({operand}.getTime() / 1000)"
    return (_seconds_rewrite(node, source, value, code),)


# Operands that take `.getTime()` without parentheses.
_DATE_OPERANDS = frozenset(
    {"identifier", "member_expression", "call_expression", "new_expression", "this"}
)


def _has_arguments(node: Node) -> bool:
    """Tell whether a `new` expression has an argument list: `new Date` has none."""
    return (
        node.type != "new_expression"
        or node.child_by_field_name("arguments") is not None
    )


def _iso_receiver(node: Node) -> Node | None:
    """Return `date` of `date.toISOString()`, or None for another expression."""
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or function.type != "member_expression":
        return None
    if arguments is None or arguments.named_child_count:
        return None
    prop = function.child_by_field_name("property")
    if prop is None or prop.text != b"toISOString":
        return None
    return function.child_by_field_name("object")
