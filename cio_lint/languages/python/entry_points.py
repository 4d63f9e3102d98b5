"""Recognise the Python functions that frameworks call: views, tasks, `save`.

Recognised, by the function the call is written in:

- routes: a decorator `<name>.route`, `.get`, `.post`, `.put`, `.patch`,
  `.delete` or `.api_route` (Flask, FastAPI, Starlette, Quart);
- Django views: a module-level function whose first parameter is `request`,
  in a module that imports `django` or `rest_framework`. Also a function
  under a view decorator (`api_view`, `require_POST`, ...), and a request
  method (`get`, `post`, `create`, `perform_create`, ...) of a class whose
  base is named `...View` or `...ViewSet`;
- AWS Lambda: a module-level `handler` or `lambda_handler(event, context)`;
- Celery tasks: `@shared_task`, `@<app>.task`; a task retries when its
  decorator passes `autoretry_for` or its body calls `self.retry`;
- model saves: a `save` method of a class whose base is named `...Model`, and
  Django signal receivers (`@receiver`), which run inside `save`.

A call inside a lambda or nested function is not in the entry point's body:
it runs when something else calls that function. Neither is a task sent to a
worker with `.delay(...)` or `.apply_async(...)`.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from cio_lint.languages.python.scopes import Scope, dotted_name
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.walk import descendants
from cio_lint.model import EntryKind, EntryPoint

_ROUTE_DECORATORS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "api_route"}
)
_DJANGO_DECORATORS = frozenset(
    {
        "api_view",
        "action",
        "require_POST",
        "require_GET",
        "require_safe",
        "require_http_methods",
        "csrf_exempt",
        "login_required",
    }
)
_VIEW_METHODS = frozenset(
    {
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "create",
        "update",
        "partial_update",
        "destroy",
        "perform_create",
        "perform_update",
        "perform_destroy",
        "form_valid",
    }
)
_LAMBDA_HANDLERS = frozenset({"handler", "lambda_handler"})
_TASK_QUEUEING = frozenset({"delay", "apply_async"})


def entry_point(
    path: Sequence[cst.CSTNode], scope: Scope, evaluator: Evaluator
) -> EntryPoint | None:
    """Return the entry point the call at the end of `path` runs in, or None."""
    call = path[-1]
    if isinstance(call, cst.Call) and _enqueues(call):
        return None
    for index in range(len(path) - 2, -1, -1):
        node = path[index]
        if isinstance(node, cst.Lambda):
            return None
        if isinstance(node, cst.FunctionDef):
            owner = _owner_class(path[:index])
            return _classify(node, owner, scope, evaluator)
    return None


def _enqueues(call: cst.Call) -> bool:
    """Tell whether the call sends a task to a worker (`send_event.delay(...)`)."""
    func = call.func
    return isinstance(func, cst.Attribute) and func.attr.value in _TASK_QUEUEING


def _owner_class(ancestors: Sequence[cst.CSTNode]) -> cst.ClassDef | None:
    """Return the class a function is a method of, or None."""
    for node in reversed(ancestors):
        if isinstance(node, cst.ClassDef):
            return node
        if isinstance(node, cst.FunctionDef):
            return None
    return None


def _classify(
    function: cst.FunctionDef,
    owner: cst.ClassDef | None,
    scope: Scope,
    evaluator: Evaluator,
) -> EntryPoint | None:
    for decorator in function.decorators:
        found = _from_decorator(decorator.decorator, function, scope, evaluator)
        if found is not None:
            return found
    name = function.name.value
    if owner is not None:
        bases = [dotted_name(item.value) or "" for item in owner.bases]
        if name == "save" and any(base.endswith("Model") for base in bases):
            return EntryPoint(EntryKind.MODEL_SAVE, f"class {owner.name.value}")
        if name in _VIEW_METHODS and any(_is_view(base) for base in bases):
            return EntryPoint(EntryKind.REQUEST_HANDLER, "Django view method")
        return None
    parameters = [param.name.value for param in function.params.params]
    if name in _LAMBDA_HANDLERS and parameters == ["event", "context"]:
        return EntryPoint(EntryKind.REQUEST_HANDLER, "AWS Lambda handler")
    if parameters[:1] == ["request"] and _imports_django(scope):
        return EntryPoint(EntryKind.REQUEST_HANDLER, "Django view")
    return None


def _from_decorator(
    target: cst.BaseExpression,
    function: cst.FunctionDef,
    scope: Scope,
    evaluator: Evaluator,
) -> EntryPoint | None:
    call = target if isinstance(target, cst.Call) else None
    if call is not None:
        target = call.func
    written = dotted_name(target) or ""
    name = evaluator.qualified_name(target, scope) or written
    last = name.rsplit(".", 1)[-1]
    if "." in written and last in _ROUTE_DECORATORS:
        return EntryPoint(EntryKind.REQUEST_HANDLER, f"@{written}")
    if last in _DJANGO_DECORATORS:
        return EntryPoint(EntryKind.REQUEST_HANDLER, f"@{written}")
    if last == "shared_task" or ("." in written and last == "task"):
        retries = _keyword(call, "autoretry_for") or _calls_self_retry(function)
        return EntryPoint(EntryKind.QUEUE_CONSUMER, f"@{written}", retries)
    if name.startswith("django.") and last == "receiver":
        return EntryPoint(EntryKind.MODEL_SAVE, f"@{written}")
    return None


def _keyword(call: cst.Call | None, keyword: str) -> bool:
    if call is None:
        return False
    return any(
        arg.keyword is not None and arg.keyword.value == keyword for arg in call.args
    )


def _calls_self_retry(function: cst.FunctionDef) -> bool:
    return any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "retry"
        and isinstance(node.func.value, cst.Name)
        and node.func.value.value == "self"
        for node in descendants(function.body)
    )


def _is_view(base: str) -> bool:
    last = base.rsplit(".", 1)[-1]
    return last.endswith(("View", "ViewSet"))


def _imports_django(scope: Scope) -> bool:
    root = scope
    while root.parent is not None:
        root = root.parent
    return any(
        name.startswith(("django.", "rest_framework.")) or name in ("django",)
        for name in root.imports.values()
    )
