"""Recognise Python code that starts one call per item all at once.

Recognised: a comprehension spread into `asyncio.gather(*(...))`, and a
lambda given to `<pool>.map(...)` or `<pool>.submit(...)` where `<pool>` is
a `ThreadPoolExecutor` (or `ProcessPoolExecutor`) built in the same
function or module, with its `max_workers` when that is an integer literal, a
module-level name bound once to one, or a `min(...)` with such an argument,
which bounds it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from msgspec.structs import replace

from cio_lint.languages.python.scopes import Scope, ScopeKind
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import Loop, Span

_GATHER = "asyncio.gather"
_POOLS = frozenset(
    {"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor"}
)
_COMPREHENSIONS = (cst.ListComp, cst.GeneratorExp, cst.SetComp)


def fan_out(
    path: Sequence[cst.CSTNode],
    loop: Loop | None,
    scope: Scope,
    evaluator: Evaluator,
    span: Callable[[cst.CSTNode], Span],
) -> Loop | None:
    """Return `loop` marked as concurrent, or a new loop for `pool.map`."""
    for index in range(len(path) - 2, 1, -1):
        node, argument, call = path[index], path[index - 1], path[index - 2]
        if isinstance(node, cst.FunctionDef):
            break
        if not isinstance(argument, cst.Arg) or not isinstance(call, cst.Call):
            continue
        if isinstance(node, _COMPREHENSIONS) and loop is not None:
            name = evaluator.qualified_name(call.func, scope)
            if argument.star == "*" and name == _GATHER:
                return replace(loop, concurrent=_GATHER)
        if isinstance(node, cst.Lambda):
            return _pool_call(call, loop, scope, evaluator, span) or loop
    return loop


def _pool_call(
    call: cst.Call,
    loop: Loop | None,
    scope: Scope,
    evaluator: Evaluator,
    span: Callable[[cst.CSTNode], Span],
) -> Loop | None:
    """Describe `pool.map(fn, items)` or `pool.submit(fn)` on a thread pool."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in ("map", "submit"):
        return None
    workers = _pool_workers(func.value, scope, evaluator)
    if workers is None:
        return None
    size = workers if isinstance(workers, int) else None
    concurrent = f"ThreadPoolExecutor.{func.attr.value}"
    if func.attr.value == "submit":
        if loop is None:
            return None
        return replace(loop, concurrent=concurrent, workers=size)
    if len(call.args) < 2:
        return None
    collection = cst.Module([]).code_for_node(call.args[1].value)
    return Loop(span(call), collection, concurrent=concurrent, workers=size)


def _pool_workers(
    pool: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> int | str | None:
    """Return a pool's fixed `max_workers`, `"default"`, or None for no pool."""
    if not isinstance(pool, cst.Name):
        return None
    bound = evaluator.single_binding(pool.value, scope)
    if bound is None or not isinstance(bound[0], cst.Call):
        return None
    constructor, owner = bound
    assert isinstance(constructor, cst.Call)
    if evaluator.qualified_name(constructor.func, owner) not in _POOLS:
        return None
    for position, argument in enumerate(constructor.args):
        keyword = argument.keyword.value if argument.keyword else None
        if keyword == "max_workers" or (keyword is None and position == 0):
            size = _fixed_size(argument.value, owner, evaluator)
            return size if size is not None else "default"
    return "default"


def _fixed_size(
    value: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> int | None:
    """Return the pool size that `value` fixes: `8`, `MAX_WORKERS`, or the
    smallest such argument of `min(MAX_WORKERS, n)`."""
    if not isinstance(value, cst.Call):
        return _integer(value, scope, evaluator)
    if not isinstance(value.func, cst.Name) or value.func.value != "min":
        return None
    bounds = [
        _integer(argument.value, scope, evaluator)
        for argument in value.args
        if not argument.star
    ]
    known = [bound for bound in bounds if bound is not None]
    return min(known) if known else None


def _integer(
    value: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> int | None:
    """Return an integer literal, or that of a module-level name bound once."""
    if isinstance(value, cst.Name):
        bound = evaluator.single_binding(value.value, scope)
        if bound is None or bound[1].kind is not ScopeKind.MODULE:
            return None
        value = bound[0]
    return value.evaluated_value if isinstance(value, cst.Integer) else None
