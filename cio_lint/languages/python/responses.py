"""Tell whether Python code looks at the status of an HTTP response.

`requests`, `httpx` and `aiohttp` return a 401 or 429 response without
raising, so code that never inspects the response treats it as success. Code
inspects a response when it reads `.status_code`, `.status`, `.ok` or an
`is_*` status property, or calls `raise_for_status()`. Testing the response
itself (`if response:`, which is `response.ok` in `requests`) counts too, and
so does handing it on by returning it or passing it to another function. A
call on an httpx client built with a response hook that calls
`raise_for_status()` raises on an error status, so its status is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from msgspec.structs import replace

from cio_lint.call_contexts import AnyCall, http_library
from cio_lint.languages.python.http_sessions import call_arguments
from cio_lint.languages.python.scopes import CallRecord, Scope
from cio_lint.languages.python.strings import StringEvaluator
from cio_lint.languages.python.values import Evaluator
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
_HOOKED_CLIENTS = frozenset({"httpx.Client", "httpx.AsyncClient"})


def with_status_checks(
    calls: Sequence[AnyCall],
    record_at: Callable[[Span], CallRecord | None],
    text: str,
    evaluator: Evaluator,
) -> list[AnyCall]:
    """Return `calls` with `status_checked` set on the plain HTTP calls."""
    if not any(http_library(call) is not None for call in calls):
        return list(calls)
    hooked = raises_by_hook(text)
    strings = StringEvaluator(evaluator)
    result = []
    for call in calls:
        record = record_at(call.span) if http_library(call) is not None else None
        if record is not None:
            checked = (
                hooked
                or status_checked(record)
                or raises_by_client_hook(record, strings)
            )
            call = replace(call, context=replace(call.context, status_checked=checked))
        result.append(call)
    return result


def raises_by_hook(text: str) -> bool:
    """Tell whether the file installs a hook that raises on error statuses.

    NOTE: which session the hook is on is not checked.
    """
    return any(hook in text for hook in _RAISING_HOOKS)


def raises_by_client_hook(record: CallRecord, strings: StringEvaluator) -> bool:
    """Tell whether the call is made on an httpx client whose response hook
    raises on error statuses.

    Such a client is built with `event_hooks={"response": [hook]}`, where the
    hook is a lambda or a function of the same file that calls
    `raise_for_status()` on the response it receives.
    """
    func = record.node.func
    if not isinstance(func, cst.Attribute):
        return False
    client, where = strings.origin(func.value, record.scope)
    if not isinstance(client, cst.Call):
        return False
    if strings.evaluator.qualified_name(client.func, where) not in _HOOKED_CLIENTS:
        return False
    hooks = call_arguments(client).get("event_hooks")
    if hooks is None:
        return False
    return any(
        _hook_raises(hook, scope, strings)
        for hook, scope in _response_hooks(hooks, where, strings)
    )


def _response_hooks(
    hooks: cst.BaseExpression, scope: Scope, strings: StringEvaluator
) -> list[tuple[cst.BaseExpression, Scope]]:
    """Return the hooks listed under `"response"` in an `event_hooks` mapping."""
    mapping, scope = strings.origin(hooks, scope)
    if not isinstance(mapping, cst.Dict):
        return []
    for element in mapping.elements:
        if not isinstance(element, cst.DictElement):
            continue
        key = element.key
        if isinstance(key, cst.SimpleString) and key.evaluated_value == "response":
            listed, where = strings.origin(element.value, scope)
            if isinstance(listed, (cst.List, cst.Tuple)):
                return [(item.value, where) for item in listed.elements]
    return []


def _hook_raises(
    hook: cst.BaseExpression, scope: Scope, strings: StringEvaluator
) -> bool:
    """Tell whether a hook calls `raise_for_status()` on its first parameter."""
    hook, scope = strings.origin(hook, scope)
    if isinstance(hook, cst.Lambda):
        return _raises_on(hook.body, hook.params)
    if not isinstance(hook, cst.Name):
        return False
    found = strings.evaluator.lookup(hook.value, scope)
    if found is None or len(found.bindings) != 1:
        return False
    function = found.scope.functions.get(hook.value)
    if function is None or not isinstance(function.node, cst.FunctionDef):
        return False
    return _raises_on(function.node.body, function.node.params)


def _raises_on(body: cst.CSTNode, parameters: cst.Parameters) -> bool:
    """Tell whether `body` calls `raise_for_status()` on the first parameter."""
    listed = [*parameters.posonly_params, *parameters.params]
    if not listed:
        return False
    name = listed[0].name.value
    return any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "raise_for_status"
        and _is_name(node.func.value, name)
        for node in descendants(body)
    )


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
