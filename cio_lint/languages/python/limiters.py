"""Recognise Python limiters: rate limiters that pace a loop, and semaphores.

A loop is paced by `async with limiter:` or `await limiter.acquire()` where
`limiter` is bound once to an `aiolimiter.AsyncLimiter(...)`. aiolimiter's
limiter (version 1.2) is a leaky bucket: `AsyncLimiter(50, 1)` lets at most 50
acquisitions through per second and makes the next one wait.

Calls started together are bounded by a semaphore or a limiter entered with
`with` or `async with` around each call.
"""

from __future__ import annotations

import libcst as cst

from cio_lint.languages.python.scopes import Scope, dotted_name
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.walk import descendants

RATE_LIMITERS = frozenset({"aiolimiter.AsyncLimiter"})
# Classes whose instances, entered with `with` or `async with`, bound how many
# calls run at once or how often: asyncio's, threading's and anyio's
# semaphores, anyio's CapacityLimiter, aiolimiter's AsyncLimiter.
_CONCURRENCY_LIMITERS = frozenset(
    {"Semaphore", "BoundedSemaphore", "CapacityLimiter", "AsyncLimiter"}
)
_LIMITER_WORDS = ("semaphore", "limit", "throttl")


def limits_concurrency(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> bool:
    """Tell whether a context manager bounds concurrency or rate.

    It does when it is built by a known semaphore or limiter class, or, built
    elsewhere, when its name is one of a limiter (`sem`, `self._semaphore`,
    `rate_limiter`). One built where it is entered, in the same function, is
    new on every call and bounds nothing.
    """
    if isinstance(node, cst.Call):
        return False
    if isinstance(node, cst.Name):
        found = _constructor(node, scope, evaluator)
        if found is not None:
            built, owner = found
            if owner is scope and scope.parent is not None:
                return False
            if built is not None:
                return built.rsplit(".", 1)[-1] in _CONCURRENCY_LIMITERS
    last = (dotted_name(node) or "").rsplit(".", 1)[-1].lower().lstrip("_")
    return last in ("sem", "sema") or any(word in last for word in _LIMITER_WORDS)


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
    found = _constructor(value, scope, evaluator)
    return found is not None and found[0] in RATE_LIMITERS


def _constructor(
    node: cst.Name, scope: Scope, evaluator: Evaluator
) -> tuple[str | None, Scope] | None:
    """Return the class a name is built from, and the scope that builds it.

    The class is its qualified name as imports show it, or None when the one
    value bound to the name is no call of an imported class. None is returned
    for a name bound more than once.
    """
    bound = evaluator.single_binding(node.value, scope)
    if bound is None:
        return None
    value, owner = bound
    if not isinstance(value, cst.Call):
        return None, owner
    return evaluator.qualified_name(value.func, owner), owner
