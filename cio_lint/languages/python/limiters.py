"""Recognise a rate limiter that a Python loop body acquires, which paces the loop.

Recognised: `async with limiter:` and `await limiter.acquire()` where
`limiter` is bound once to an `aiolimiter.AsyncLimiter(...)`. aiolimiter's
limiter (version 1.2) is a leaky bucket: `AsyncLimiter(50, 1)` lets at most 50
acquisitions through per second and makes the next one wait.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.languages.python.scopes import Scope
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.walk import descendants

RATE_LIMITERS = frozenset({"aiolimiter.AsyncLimiter"})


def acquires_rate_limiter(
    body: cst.CSTNode, scope: Scope, evaluator: Evaluator
) -> bool:
    """Tell whether `body` acquires a rate limiter bound in `scope` or above."""
    return any(
        _is_rate_limiter(acquired, scope, evaluator)
        for node in descendants(body)
        for acquired in _acquired(node)
    )


def _acquired(node: cst.CSTNode) -> list[cst.BaseExpression]:
    """Return what `node` acquires: the items of `async with`, or the object
    whose `acquire()` it calls."""
    if isinstance(node, cst.With) and node.asynchronous is not None:
        return [item.item for item in node.items]
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "acquire"
    ):
        return [node.func.value]
    return []


def _is_rate_limiter(
    value: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> bool:
    """Tell whether `value` names a rate limiter built once, not one per use."""
    if not isinstance(value, cst.Name):
        return False
    bound = evaluator.single_binding(value.value, scope)
    if bound is None:
        return False
    constructor, owner = bound
    if not isinstance(constructor, cst.Call):
        return False
    return evaluator.qualified_name(constructor.func, owner) in RATE_LIMITERS
