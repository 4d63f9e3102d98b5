"""Tell how many items a JavaScript collection can hold, when its source fixes it.

A loop over `["trial_started", "onboarding_started"]` or over
`ids.slice(0, 5)` sends at most that many requests, however large the input
is.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node


def collection_size(node: Node | None, source: Source) -> int | None:
    """Return the most items `node` can hold, or None when that is not fixed.

    Recognised: an array literal without spread elements, and `.slice(a, b)`
    with non-negative integer literals (`ids.slice(0, 5)`), or `.slice(-n)`.
    """
    if node is None:
        return None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return collection_size(node.named_children[0], source)
    if node.type == "array":
        if any(child.type == "spread_element" for child in node.named_children):
            return None
        return sum(1 for child in node.named_children if child.type != "comment")
    if node.type == "call_expression":
        return _slice_size(node, source)
    return None


def _slice_size(call: Node, source: Source) -> int | None:
    function = field_node(call, "function")
    prop = field_node(function, "property") if function is not None else None
    if prop is None or source.raw(prop) != "slice":
        return None
    bounds = [_integer(argument, source) for argument in arguments_of(call)]
    if len(bounds) == 1 and bounds[0] is not None and bounds[0] < 0:
        return -bounds[0]
    if len(bounds) != 2 or bounds[0] is None or bounds[1] is None:
        return None
    if bounds[0] < 0 or bounds[1] < 0:
        return None
    return max(bounds[1] - bounds[0], 0)


def _integer(node: Node, source: Source) -> int | None:
    text = source.raw(node).replace(" ", "")
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if not digits.isdigit():
        return None
    return -int(digits) if negative else int(digits)
