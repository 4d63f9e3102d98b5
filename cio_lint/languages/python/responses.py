"""Tell whether Python code looks at the status of an HTTP response.

`requests`, `httpx` and `aiohttp` return a 401 or 429 response without
raising, so code that never inspects the response treats it as success. Code
inspects a response when it reads `.status_code`, `.status`, `.ok` or an
`is_*` status property, or calls `raise_for_status()`. Testing the response
itself (`if response:`, which is `response.ok` in `requests`) counts too, and
so does handing it on by returning it or passing it to another function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from msgspec.structs import replace

from cio_lint.call_contexts import AnyCall, http_library
from cio_lint.languages.python.scopes import CallRecord
from cio_lint.languages.python.walk import descendants
from cio_lint.model import Span

STATUS_ATTRIBUTES = frozenset(
    {
        "status_code",
        "status",
        "ok",
        "raise_for_status",
        "is_success",
        "is_error",
        "is_client_error",
        "is_server_error",
    }
)
# Text that makes every response of the file raise on an error status: a
# `requests` session hook or an `aiohttp.ClientSession(raise_for_status=True)`.
_RAISING_HOOKS = ("raise_for_status=True", 'hooks["response"]', "hooks['response']")


def with_status_checks(
    calls: Sequence[AnyCall],
    record_at: Callable[[Span], CallRecord | None],
    text: str,
) -> list[AnyCall]:
    """Return `calls` with `status_checked` set on the plain HTTP calls."""
    if not any(http_library(call) is not None for call in calls):
        return list(calls)
    hooked = raises_by_hook(text)
    result = []
    for call in calls:
        record = record_at(call.span) if http_library(call) is not None else None
        if record is not None:
            checked = hooked or status_checked(record)
            call = replace(call, context=replace(call.context, status_checked=checked))
        result.append(call)
    return result


def raises_by_hook(text: str) -> bool:
    """Tell whether the file installs a hook that raises on error statuses.

    NOTE: which session the hook is on is not checked.
    """
    return any(hook in text for hook in _RAISING_HOOKS)


def status_checked(record: CallRecord) -> bool:
    """Tell whether the response of the call `record` is inspected or handed on."""
    path = (*record.ancestors, record.node)
    index = len(path) - 1
    while index > 0 and isinstance(path[index - 1], (cst.Await, cst.Arg)):
        if isinstance(path[index - 1], cst.Arg):
            return True
        index -= 1
    parent = path[index - 1] if index else None
    if isinstance(parent, cst.Attribute):
        return parent.attr.value in STATUS_ATTRIBUTES
    if isinstance(parent, cst.Expr):
        return False
    name = _bound_name(parent)
    if name is None:
        return True
    return _inspects(_enclosing_body(path[:index]), name)


def _bound_name(parent: cst.CSTNode | None) -> str | None:
    """Return the plain name the response is assigned to, if any."""
    target: cst.BaseExpression | None = None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        target = parent.targets[0].target
    elif isinstance(parent, cst.AnnAssign):
        target = parent.target
    elif isinstance(parent, cst.WithItem) and parent.asname is not None:
        target = parent.asname.name
    return target.value if isinstance(target, cst.Name) else None


def _enclosing_body(ancestors: Sequence[cst.CSTNode]) -> cst.CSTNode:
    for node in reversed(ancestors):
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return node
    return ancestors[0]


def _inspects(body: cst.CSTNode, name: str) -> bool:
    return any(_inspects_here(node, name) for node in descendants(body))


def _inspects_here(node: cst.CSTNode, name: str) -> bool:
    """Tell whether `node` reads the status of `name` or hands `name` on."""
    if isinstance(node, cst.Attribute):
        return _is_name(node.value, name) and node.attr.value in STATUS_ATTRIBUTES
    if isinstance(node, (cst.Arg, cst.Return)):
        return _is_name(node.value, name)
    if isinstance(node, (cst.If, cst.While, cst.Assert)):
        return _tests_name(node.test, name)
    return False


def _tests_name(test: cst.BaseExpression, name: str) -> bool:
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test = test.expression
    return _is_name(test, name)


def _is_name(node: cst.CSTNode | None, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
