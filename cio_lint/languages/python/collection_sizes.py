"""Tell how many items a Python collection can hold, when its source fixes it.

A loop over `("trial_started", "onboarding_started")`, over `tokens[:10]` or
over a module constant bound to a short literal sends at most that many
requests, however large the input is.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.languages.python.scopes import Scope
from cio_lint.languages.python.values import Evaluator

_LITERALS = (cst.Tuple, cst.List, cst.Set)


def collection_size(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> int | None:
    """Return the most items `node` can hold, or None when that is not fixed.

    Recognised: a tuple, list or set literal without `*` elements, a slice
    with literal bounds (`items[:10]`, `items[2:5]`, `items[-3:]`), and a name
    assigned once to one of these.
    """
    if isinstance(node, _LITERALS):
        if any(isinstance(element, cst.StarredElement) for element in node.elements):
            return None
        return len(node.elements)
    if isinstance(node, cst.Subscript):
        return _slice_size(node)
    if isinstance(node, cst.Name):
        assigned = evaluator.single_binding(node.value, scope)
        if assigned is not None and not isinstance(assigned[0], cst.Name):
            return collection_size(assigned[0], assigned[1], evaluator)
    return None


def _slice_size(node: cst.Subscript) -> int | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return None
    part = node.slice[0].slice
    if part.step is not None:
        return None
    lower = _integer(part.lower) if part.lower is not None else 0
    if part.upper is None:
        return -lower if lower is not None and lower < 0 else None
    upper = _integer(part.upper)
    if lower is None or upper is None or lower < 0 or upper < 0:
        return None
    return max(upper - lower, 0)


def _integer(node: cst.BaseExpression) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = _integer(node.expression)
        return -inner if inner is not None else None
    return None
