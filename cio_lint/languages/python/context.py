"""Describe where a Python call runs: its function, loop, `try` and decorators.

The scope pass records the nodes that contain each call. This module reads
them from the innermost outwards, up to the enclosing function, and turns
them into a `CallContext`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import libcst as cst
from msgspec.structs import replace

from cio_lint.call_contexts import AnyCall, attach_contexts
from cio_lint.languages.python.collection_sizes import collection_size
from cio_lint.languages.python.concurrency import fan_out
from cio_lint.languages.python.entry_points import entry_point
from cio_lint.languages.python.error_logging import (
    error_log_calls,
    writes_traceback,
)
from cio_lint.languages.python.http_sessions import mounts_retrying_adapter
from cio_lint.languages.python.limiters import acquires_rate_limiter, limits_concurrency
from cio_lint.languages.python.scopes import CallRecord, Scope, dotted_name
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.walk import children, descendants
from cio_lint.model import (
    CallContext,
    ErrorHandler,
    Loop,
    PendingCall,
    RetryCandidate,
    Span,
    TryBlock,
)
from cio_lint.sdk.retries import RETRY_LOOP
from cio_lint.wrappers import WrapperCall

SpanOf = Callable[[cst.CSTNode], Span]
RecordAt = Callable[[Span], CallRecord | None]
"""Return the call recorded at a span, if a call was recorded there."""
_Pending = TypeVar("_Pending", PendingCall, WrapperCall)

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
# A `for attempt in range(3)` loop repeats a call a few times, usually to
# retry it, and is not a loop over a collection.
_MAX_ATTEMPT_LOOP = 10
# Exceptions that frameworks turn into a response with the status they carry:
# FastAPI's and Starlette's and Werkzeug's HTTPException, Django REST
# framework's APIException, Django's Http404.
_HTTP_ERRORS = ("HTTPException", "HttpException", "APIException", "Http404")
_LOG_WORDS = ("log", "print", "warn", "error", "exception", "sentry", "capture")


def call_context(record: CallRecord, evaluator: Evaluator, span: SpanOf) -> CallContext:
    """Return the context of the call `record` describes."""
    reader = _ContextReader(record.scope, evaluator, span)
    path = (*record.ancestors, record.node)
    for index in range(len(path) - 2, -1, -1):
        if reader.read(path[index], path[index + 1]):
            break
    context = reader.context()
    return replace(
        context,
        entry_point=entry_point(path, record.scope, evaluator),
        loop=fan_out(path, context.loop, record.scope, evaluator, span),
    )


class _ContextReader:
    def __init__(self, scope: Scope, evaluator: Evaluator, span: SpanOf) -> None:
        self._scope = scope
        self._evaluator = evaluator
        self._span = span
        self._tries: list[TryBlock] = []
        self._candidates: list[RetryCandidate] = []
        self._loop: Loop | None = None
        self._function: str | None = None
        self._async = False
        self._conditions: list[str] = []
        self._limited = False

    def context(self) -> CallContext:
        return CallContext(
            in_async_function=self._async,
            retry_candidates=tuple(self._candidates),
            loop=self._loop,
            try_blocks=tuple(self._tries),
            function=self._function,
            conditions=tuple(self._conditions),
            limited=self._limited,
        )

    def read(self, node: cst.CSTNode, child: cst.CSTNode) -> bool:
        """Take in one enclosing node; return True at the enclosing function."""
        if isinstance(node, cst.FunctionDef):
            self._function = node.name.value
            self._async = node.asynchronous is not None
            self._candidates.extend(self._decorators(node))
            return True
        if isinstance(node, (cst.Lambda, cst.Arg)):
            return False
        if isinstance(node, cst.Call) and _lambda_argument(node, child):
            self._candidates.append(self._wrapper(node.func, node))
        elif isinstance(node, cst.Try) and child is node.body:
            self._tries.append(self._try_block(node))
        elif isinstance(node, (cst.For, *_COMPREHENSIONS)):
            self._loop_over(node, child)
        elif isinstance(node, cst.While) and child is node.body:
            if any(_is_sleep(name) for name in _called_names(node.body)):
                self._retry_loop(node)
        elif isinstance(node, cst.If):
            test = self._evaluator.text(node.test)
            if child is node.body:
                self._conditions.append(test)
            elif child is node.orelse:
                self._conditions.append(f"not ({test})")
        elif isinstance(node, cst.IndentedBlock):
            self._conditions.extend(_early_exit_guards(node, child, self._evaluator))
        elif isinstance(node, cst.With) and child is node.body:
            self._limited = self._limited or any(
                limits_concurrency(item.item, self._scope, self._evaluator)
                for item in node.items
            )
            self._tries.extend(self._suppressing(node))
        return False

    def _retry_loop(self, node: cst.CSTNode) -> None:
        """Record a loop that retries the call: it runs it inside a `try`."""
        if self._tries:
            reports = _else_reports(node)
            candidate = RetryCandidate(
                RETRY_LOOP, self._span(node), reports_exhaustion=reports
            )
            self._candidates.append(candidate)

    def _loop_over(self, node: cst.CSTNode, child: cst.CSTNode) -> None:
        iterable: cst.BaseExpression | None
        body: cst.CSTNode
        if isinstance(node, cst.For):
            if child is not node.body:
                return
            iterable, body = node.iter, node.body
        else:
            if child is not getattr(node, "elt", None) and child is not getattr(
                node, "value", None
            ):
                return
            iterable, body = _comprehension_iterable(node), node
        if iterable is None:
            return
        if self._loop is not None:
            # A wait between the rounds of an outer loop paces the inner one.
            if not self._loop.throttled and self._paced(body):
                self._loop = replace(self._loop, throttled=True)
            return
        if isinstance(iterable, cst.Call) and _is_attempt_counter(iterable):
            self._retry_loop(node)
            return
        name = self._name(iterable.func) if isinstance(iterable, cst.Call) else None
        if name is not None and name.split(".")[-1] in ("Retrying", "AsyncRetrying"):
            self._candidates.append(RetryCandidate(name, self._span(iterable)))
            return
        self._loop = Loop(
            self._span(node),
            cst.Module([]).code_for_node(iterable),
            throttled=self._paced(body),
            size=collection_size(iterable, self._scope, self._evaluator),
        )

    def _paced(self, body: cst.CSTNode) -> bool:
        """Tell whether a loop body waits or acquires a rate limiter."""
        return _waits(body) or acquires_rate_limiter(body, self._scope, self._evaluator)

    def _decorators(self, node: cst.FunctionDef) -> Iterator[RetryCandidate]:
        for decorator in node.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call):
                target = target.func
            yield self._wrapper(target, decorator)

    def _wrapper(self, target: cst.BaseExpression, node: cst.CSTNode) -> RetryCandidate:
        imported = self._evaluator.qualified_name(target, self._scope)
        module = imported.rsplit(".", 1)[0] if imported and "." in imported else None
        return RetryCandidate(self._name(target) or "?", self._span(node), module)

    def _name(self, node: cst.BaseExpression) -> str | None:
        scope = self._scope
        return self._evaluator.qualified_name(node, scope) or dotted_name(node)

    def _suppressing(self, node: cst.With) -> Iterator[TryBlock]:
        """Yield a `try` that swallows the errors each `suppress(...)` names.

        `with contextlib.suppress(E):` is `try:` with `except E: pass`.
        """
        for item in node.items:
            manager = item.item
            if not isinstance(manager, cst.Call):
                continue
            if self._name(manager.func) != "contextlib.suppress":
                continue
            types = [argument.value for argument in manager.args]
            names = tuple(self._name(item) or "?" for item in types)
            handler = ErrorHandler(names, self._span(manager), empty=True)
            yield TryBlock(self._span(node), (handler,), self._body_calls(node.body))

    def _body_calls(self, body: cst.BaseSuite) -> tuple[str, ...]:
        return tuple(
            name
            for item in descendants(body)
            if isinstance(item, cst.Call) and (name := self._name(item.func))
        )

    def _try_block(self, node: cst.Try) -> TryBlock:
        handlers = tuple(self._handler(handler) for handler in node.handlers)
        return TryBlock(self._span(node), handlers, self._body_calls(node.body))

    def _handler(self, handler: cst.ExceptHandler) -> ErrorHandler:
        types: Sequence[cst.BaseExpression] = ()
        if isinstance(handler.type, cst.Tuple):
            types = [element.value for element in handler.type.elements]
        elif handler.type is not None:
            types = [handler.type]
        names = tuple(self._name(item) or "?" for item in types)
        target = handler.name.name if handler.name is not None else None
        bound = target.value if isinstance(target, cst.Name) else None
        body = list(descendants(handler.body))
        called = [(dotted_name(item.func) or "").lower() for item in _calls(body)]
        logs = list(error_log_calls(body, bound))
        return ErrorHandler(
            names,
            self._span(handler.type or handler),
            reraises=any(isinstance(item, cst.Raise) for item in body),
            logs=any(word in name for name in called for word in _LOG_WORDS),
            status_reads=tuple(
                self._span(item) for item in body if _reads_status(item, bound)
            ),
            empty=_does_nothing(handler.body),
            error_logs=tuple(self._span(item) for item in logs),
            exits=_always_exits(handler.body),
            traceback_logs=tuple(
                self._span(item) for item in logs if writes_traceback(item)
            ),
            responds=any(_raises_http_error(item) for item in body),
        )


def _else_reports(loop: cst.CSTNode) -> bool:
    """Tell whether a loop's `else` clause, run when no attempt broke out of
    the loop, logs or raises."""
    orelse = getattr(loop, "orelse", None)
    if not isinstance(orelse, cst.Else):
        return False
    body = list(descendants(orelse.body))
    if any(isinstance(item, cst.Raise) for item in body):
        return True
    called = [(dotted_name(item.func) or "").lower() for item in _calls(body)]
    return any(word in name for name in called for word in _LOG_WORDS)


def _calls(nodes: Iterable[cst.CSTNode]) -> Iterator[cst.Call]:
    return (node for node in nodes if isinstance(node, cst.Call))


def _does_nothing(block: cst.BaseSuite) -> bool:
    """Tell whether a handler body only passes, continues or returns None."""
    lines = block.body if isinstance(block, cst.IndentedBlock) else [block]
    for line in lines:
        if not isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            return False
        if not all(_is_no_op(statement) for statement in line.body):
            return False
    return True


def _always_exits(block: cst.BaseSuite) -> bool:
    """Tell whether a handler body raises, returns or breaks unconditionally."""
    lines = block.body if isinstance(block, cst.IndentedBlock) else [block]
    exits = (cst.Raise, cst.Return, cst.Break)
    return any(
        isinstance(statement, exits)
        for line in lines
        if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
        for statement in line.body
    )


def _is_no_op(statement: cst.BaseSmallStatement) -> bool:
    if isinstance(statement, (cst.Pass, cst.Continue)):
        return True
    if isinstance(statement, cst.Expr):
        return isinstance(statement.value, (cst.Ellipsis, cst.SimpleString))
    if isinstance(statement, cst.Return):
        value = statement.value
        return value is None or (isinstance(value, cst.Name) and value.value == "None")
    return False


def _reads_status(node: cst.CSTNode, bound: str | None) -> bool:
    """Tell whether `node` is `<bound>.status_code`."""
    return (
        bound is not None
        and isinstance(node, cst.Attribute)
        and node.attr.value == "status_code"
        and isinstance(node.value, cst.Name)
        and node.value.value == bound
    )


def _lambda_argument(node: cst.Call, child: cst.CSTNode) -> bool:
    return isinstance(child, cst.Arg) and isinstance(child.value, cst.Lambda)


def _comprehension_iterable(node: cst.CSTNode) -> cst.BaseExpression | None:
    for_in = getattr(node, "for_in", None)
    return for_in.iter if isinstance(for_in, cst.CompFor) else None


def _is_attempt_counter(call: cst.Call) -> bool:
    """Tell whether `call` is `range(n)` with a small literal `n`."""
    if dotted_name(call.func) != "range" or len(call.args) != 1:
        return False
    bound = call.args[0].value
    return isinstance(bound, cst.Integer) and int(bound.value) <= _MAX_ATTEMPT_LOOP


def _raises_http_error(node: cst.CSTNode) -> bool:
    """Tell whether `node` raises a web framework's HTTP error response."""
    if not isinstance(node, cst.Raise) or node.exc is None:
        return False
    raised = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
    name = (dotted_name(raised) or "").rsplit(".", 1)[-1]
    return name.endswith(_HTTP_ERRORS)


def _is_sleep(name: str) -> bool:
    return name.split(".")[-1] in ("sleep", "wait", "throttle")


def _waits(body: cst.CSTNode) -> bool:
    return any(_is_sleep(name) for name in _called_names(body))


def _called_names(node: cst.CSTNode) -> list[str]:
    return [
        name for call in _calls(descendants(node)) if (name := dotted_name(call.func))
    ]


def retry_helpers(module_scope: Scope) -> Iterator[str]:
    """Yield the module's functions that retry their callable argument.

    Such a function takes a callable parameter and, inside a loop, calls it in
    a `try` body and waits (`sleep`) before the next attempt.
    """
    for name, function in _all_functions(module_scope):
        node = function.node
        if not isinstance(node, cst.FunctionDef) or not function.parameters:
            continue
        shape = _RetryShape(frozenset(function.parameters))
        shape.read(node.body, loops=0, tries=0)
        if shape.calls_parameter_in_try and shape.sleeps:
            yield name


def _all_functions(scope: Scope, prefix: str = "") -> Iterator[tuple[str, Scope]]:
    for name, function in scope.functions.items():
        yield f"{prefix}{name}", function
    for name, owner in scope.classes.items():
        yield from _all_functions(owner, f"{prefix}{name}.")


class _RetryShape:
    """Look for a call of a parameter in a `try` body and a sleep, inside loops."""

    def __init__(self, parameters: frozenset[str]) -> None:
        self.parameters = parameters
        self.calls_parameter_in_try = False
        self.sleeps = False

    def read(self, node: cst.CSTNode, loops: int, tries: int) -> None:
        if isinstance(node, (cst.For, cst.While)):
            loops += 1
        if isinstance(node, cst.Call):
            name = dotted_name(node.func) or ""
            if tries and name in self.parameters:
                self.calls_parameter_in_try = True
            if loops and _is_sleep(name):
                self.sleeps = True
        if isinstance(node, cst.Try) and loops:
            self.read(node.body, loops, tries + 1)
            for handler in node.handlers:
                self.read(handler, loops, tries)
            return
        for child in children(node):
            self.read(child, loops, tries)


def with_contexts(
    calls: Sequence[AnyCall],
    record_at: RecordAt,
    evaluator: Evaluator,
    span: SpanOf,
    text: str,
) -> list[AnyCall]:
    """Return `calls` with the context of the call node each one came from.

    NOTE: a `requests.Session` counts as retrying when the file mounts an
    `HTTPAdapter` with `max_retries` on any session. Neither the session nor
    whether its `Retry` covers POST and status codes is checked.
    """
    if not calls:
        return []
    adapter = mounts_retrying_adapter(text)
    contexts = _contexts([call.span for call in calls], record_at, evaluator, span)
    library = "requests.Session" if adapter else None
    return attach_contexts(calls, contexts, library, "requests.adapters.HTTPAdapter")


def pending_with_contexts(
    pending: Sequence[_Pending],
    record_at: RecordAt,
    evaluator: Evaluator,
    span: SpanOf,
) -> list[_Pending]:
    """Return calls on imported receivers or wrappers with their contexts."""
    contexts = _contexts([call.span for call in pending], record_at, evaluator, span)
    return [
        replace(call, context=contexts[_key(call.span)])
        if _key(call.span) in contexts
        else call
        for call in pending
    ]


def _early_exit_guards(
    block: cst.IndentedBlock, child: cst.CSTNode, evaluator: Evaluator
) -> Iterator[str]:
    """Yield `not (test)` for each `if test: return` before `child` in `block`."""
    for statement in block.body:
        if statement is child:
            return
        if (
            isinstance(statement, cst.If)
            and statement.orelse is None
            and _exits(statement.body)
        ):
            yield f"not ({evaluator.text(statement.test)})"


def _exits(body: cst.BaseSuite) -> bool:
    """Tell whether a block ends by leaving the function or the loop iteration."""
    last: cst.CSTNode | None = body.body[-1] if body.body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue))


def _key(where: Span) -> tuple[int, int]:
    return (where.start_offset, where.end_offset)


def _contexts(
    spans: Sequence[Span],
    record_at: RecordAt,
    evaluator: Evaluator,
    span: SpanOf,
) -> dict[tuple[int, int], CallContext]:
    """Map the offsets of the call nodes at `spans` to their contexts."""
    contexts: dict[tuple[int, int], CallContext] = {}
    for where in spans:
        key = _key(where)
        record = record_at(where)
        if record is not None and key not in contexts:
            contexts[key] = call_context(record, evaluator, span)
    return contexts
