"""Describe where a JavaScript call runs and what happens to the promise it returns.

The walk goes from the call up through its parents. It first passes the
expressions that use its result (`await`, `.catch()`, `Promise.all([...])`,
`return`). Then it reads the statements and functions around the call, up to
the first function that is not an argument of another call.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from msgspec.structs import replace
from tree_sitter import Node

from cio_lint.call_contexts import AnyCall, attach_contexts
from cio_lint.languages.javascript.collection_sizes import collection_size
from cio_lint.languages.javascript.concurrency import collector, pushed_collector
from cio_lint.languages.javascript.entry_points import entry_point
from cio_lint.languages.javascript.handlers import (
    called_names,
    catch_block,
    rejection_handler,
)
from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.languages.javascript.scopes import FUNCTIONS, Scope, Site
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.model import (
    CallContext,
    ErrorHandler,
    Loop,
    PendingCall,
    ResultHandling,
    RetryCandidate,
    Span,
    TryBlock,
)
from cio_lint.sdk.retries import RETRY_LOOP
from cio_lint.wrappers import WrapperCall

_Pending = TypeVar("_Pending", PendingCall, WrapperCall)
_PASS_THROUGH = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
        "ternary_expression",
        "sequence_expression",
        "binary_expression",
    }
)
_ASSIGNING = frozenset(
    {
        "variable_declarator",
        "assignment_expression",
        "augmented_assignment_expression",
        "pair",
        "public_field_definition",
        "field_definition",
        "shorthand_property_identifier",
    }
)
_COLLECTORS = frozenset(
    {"Promise.all", "Promise.allSettled", "Promise.any", "Promise.race"}
)
_CONDITION_LOOPS = frozenset({"while_statement", "do_statement"})
_ITERATING_METHODS = frozenset(
    {"map", "forEach", "flatMap", "filter", "reduce", "some", "every"}
)
_WAIT_WORDS = ("sleep", "delay", "wait", "settimeout", "throttle", "limit")
_LIMITER_WORDS = ("limit", "throttle", "bucket", "semaphore")


def call_result(node: Node, source: Source) -> ResultHandling:
    """Return what the code does with the value of the call `node`."""
    current = node
    while True:
        parent = current.parent
        if parent is None:
            return ResultHandling.FLOATING
        kind = parent.type
        if kind in _PASS_THROUGH:
            current = parent
        elif kind == "member_expression" and field_node(parent, "object") == current:
            chained = _chained(parent, source)
            if isinstance(chained, ResultHandling):
                return chained
            current = chained
        elif kind == "unary_expression":
            operator = field_node(parent, "operator")
            if operator is not None and source.raw(operator) == "void":
                return ResultHandling.VOIDED
            return ResultHandling.ASSIGNED
        else:
            return _consumer(parent, current, source)


def _chained(member: Node, source: Source) -> ResultHandling | Node:
    """Follow `.then()`, `.catch()` and `.finally()` chained onto a promise."""
    call = member.parent
    prop = field_node(member, "property")
    if call is None or call.type != "call_expression" or prop is None:
        return ResultHandling.ASSIGNED
    method = source.raw(prop)
    if method == "catch" or (method == "then" and len(arguments_of(call)) >= 2):
        return ResultHandling.CAUGHT
    if method in ("then", "finally"):
        return call
    return ResultHandling.ASSIGNED


def _consumer(parent: Node, current: Node, source: Source) -> ResultHandling:
    kind = parent.type
    if kind == "await_expression":
        return ResultHandling.AWAITED
    if kind in ("return_statement", "yield_expression") or (
        kind == "arrow_function" and field_node(parent, "body") == current
    ):
        return ResultHandling.RETURNED
    if kind == "expression_statement":
        return ResultHandling.FLOATING
    if kind in _ASSIGNING:
        return ResultHandling.ASSIGNED
    if kind == "array" and parent.parent is not None:
        return _array_consumer(parent.parent, source)
    if kind == "arguments" and parent.parent is not None:
        return _argument_consumer(parent.parent, source)
    return ResultHandling.ASSIGNED


def _array_consumer(holder: Node, source: Source) -> ResultHandling:
    if holder.type == "arguments" and holder.parent is not None:
        return _argument_consumer(holder.parent, source)
    return ResultHandling.ASSIGNED


def _argument_consumer(call: Node, source: Source) -> ResultHandling:
    function = field_node(call, "function")
    if function is not None and source.raw(function) in _COLLECTORS:
        return ResultHandling.COLLECTED
    return ResultHandling.ARGUMENT


def call_context(site: Site, source: Source, evaluator: Evaluator) -> CallContext:
    """Return the context of a call: its function, loop, `try` and wrappers."""
    reader = _ContextReader(site.scope, source, evaluator)
    child, node = site.node, site.node.parent
    while node is not None and not reader.read(node, child):
        child, node = node, node.parent
    context = reader.context()
    if context.loop is not None and context.loop.concurrent is None:
        pushed = pushed_collector(site.node, source)
        if pushed is not None:
            context = replace(context, loop=replace(context.loop, concurrent=pushed))
    return replace(
        context,
        result=call_result(site.node, source),
        rejection_handler=rejection_handler(site.node, source),
        entry_point=entry_point(site.node, source),
    )


class _ContextReader:
    def __init__(self, scope: Scope, source: Source, evaluator: Evaluator) -> None:
        self._scope = scope
        self._source = source
        self._evaluator = evaluator
        self._tries: list[TryBlock] = []
        self._candidates: list[RetryCandidate] = []
        self._loop: Loop | None = None
        self._function: Node | None = None
        self._conditions: list[str] = []

    def context(self) -> CallContext:
        function = self._function
        name = field_node(function, "name") if function is not None else None
        return CallContext(
            in_async_function=function is not None and _is_async(function),
            retry_candidates=tuple(self._candidates),
            loop=self._loop,
            try_blocks=tuple(self._tries),
            function=self._source.raw(name) if name is not None else None,
            conditions=tuple(self._conditions),
        )

    def read(self, node: Node, child: Node) -> bool:
        """Take in one enclosing node; return True at the enclosing function."""
        if node.type in FUNCTIONS:
            if self._function is None:
                self._function = node
            return not self._passed_in(node)
        if node.type == "try_statement" and field_node(node, "body") == child:
            self._tries.append(self._try_block(node))
        elif node.type == "for_in_statement" and field_node(node, "body") == child:
            right = field_node(node, "right")
            collection = self._source.raw(right) if right is not None else "?"
            size = collection_size(right, self._source)
            self._set_loop(node, collection, field_node(node, "body"), size=size)
        elif node.type == "for_statement" and field_node(node, "body") == child:
            condition = field_node(node, "condition")
            text = self._source.raw(condition) if condition is not None else ""
            if ".length" in text:
                self._set_loop(node, text, field_node(node, "body"))
            else:
                self._retry_loop(node)
        elif node.type in _CONDITION_LOOPS and field_node(node, "body") == child:
            body = field_node(node, "body")
            if body is not None and _waits(body, self._source):
                self._retry_loop(node)
        elif node.type == "if_statement":
            self._condition(node, child)
        elif node.type == "statement_block":
            self._conditions.extend(_early_exit_guards(node, child, self._source))
        return False

    def _condition(self, node: Node, child: Node) -> None:
        condition = field_node(node, "condition")
        if condition is None:
            return
        test = _test_text(condition, self._source)
        if field_node(node, "consequence") == child:
            self._conditions.append(test)
        elif field_node(node, "alternative") == child:
            self._conditions.append(f"!({test})")

    def _retry_loop(self, node: Node) -> None:
        """Record a loop that retries the call: it runs it inside a `try`."""
        if self._tries:
            self._candidates.append(RetryCandidate(RETRY_LOOP, self._source.span(node)))

    def _passed_in(self, function: Node) -> bool:
        """Record the call a function is passed to; tell whether there was one."""
        arguments = function.parent
        call = arguments.parent if arguments is not None else None
        if arguments is None or arguments.type != "arguments" or call is None:
            return False
        callee = field_node(call, "function")
        if callee is None:
            return False
        prop = field_node(callee, "property")
        if prop is not None and self._source.raw(prop) in _ITERATING_METHODS:
            receiver = field_node(callee, "object")
            collection = self._source.raw(receiver) if receiver is not None else "?"
            self._set_loop(
                call,
                collection,
                function,
                collector(call, self._source),
                collection_size(receiver, self._source),
            )
            return True
        name = self._evaluator.qualified_name(callee, self._scope)
        self._candidates.append(
            RetryCandidate(name or self._source.raw(callee), self._source.span(callee))
        )
        return True

    def _set_loop(
        self,
        node: Node,
        collection: str,
        body: Node | None,
        concurrent: str | None = None,
        size: int | None = None,
    ) -> None:
        waits = body is not None and _waits(body, self._source)
        if self._loop is not None:
            # A wait between the rounds of an outer loop paces the inner one.
            if waits and not self._loop.throttled:
                self._loop = replace(self._loop, throttled=True)
            return
        waits = waits or any(_is_wait(item.name) for item in self._candidates)
        span = self._source.span(node)
        self._loop = Loop(
            span, collection, throttled=waits, concurrent=concurrent, size=size
        )

    def _try_block(self, node: Node) -> TryBlock:
        handler = field_node(node, "handler")
        if handler is None:
            return TryBlock(self._source.span(node))
        body = field_node(handler, "body")
        span = self._source.span(handler)
        described = (
            catch_block(body, span, self._source)
            if body is not None
            else ErrorHandler((), span)
        )
        return TryBlock(self._source.span(node), (described,))


def _is_async(function: Node) -> bool:
    return any(
        not child.is_named and child.type == "async" for child in function.children
    )


def _is_wait(name: str) -> bool:
    """Tell whether a call waits: its name says so, or its receiver is a limiter.

    `limiter.schedule(...)` (bottleneck) and `limiter.removeTokens(1)`
    (limiter) are named after the object, not the method.
    """
    lowered = name.lower()
    method = lowered.rsplit(".", 1)[-1]
    receiver = lowered.rsplit(".", 1)[0] if "." in lowered else ""
    return any(word in method for word in _WAIT_WORDS) or any(
        word in receiver for word in _LIMITER_WORDS
    )


def _waits(body: Node, source: Source) -> bool:
    return any(_is_wait(name) for name in called_names(body, source))


def with_contexts(
    calls: Sequence[AnyCall],
    sites: Sequence[Site],
    source: Source,
    evaluator: Evaluator,
) -> list[AnyCall]:
    """Return `calls` with the context of the call node each one came from.

    NOTE: axios calls count as retrying when the file applies `axiosRetry` to
    any axios instance; which instance is not checked.
    """
    if not calls:
        return []
    axios_retry = "axiosRetry(" in source.text or "axios-retry" in source.text
    contexts = _contexts([call.span for call in calls], sites, source, evaluator)
    library = "axios" if axios_retry else None
    return attach_contexts(calls, contexts, library, "axios-retry")


def pending_with_contexts(
    pending: Sequence[_Pending],
    sites: Sequence[Site],
    source: Source,
    evaluator: Evaluator,
) -> list[_Pending]:
    """Return calls on imported receivers or wrappers with their contexts."""
    contexts = _contexts([call.span for call in pending], sites, source, evaluator)
    return [
        replace(call, context=contexts[_key(call.span)])
        if _key(call.span) in contexts
        else call
        for call in pending
    ]


def _early_exit_guards(block: Node, child: Node, source: Source) -> Iterator[str]:
    """Yield `!(test)` for each `if (test) return;` before `child` in `block`."""
    for statement in block.named_children:
        if statement == child:
            return
        condition = field_node(statement, "condition")
        if (
            statement.type == "if_statement"
            and condition is not None
            and field_node(statement, "alternative") is None
            and _exits(field_node(statement, "consequence"))
        ):
            yield f"!({_test_text(condition, source)})"


def _test_text(condition: Node, source: Source) -> str:
    """Return the test of an `if` without the parentheses the syntax requires."""
    test = source.raw(condition).strip()
    if test.startswith("(") and test.endswith(")"):
        return test[1:-1]
    return test


def _exits(body: Node | None) -> bool:
    """Tell whether a statement leaves the function or the loop iteration."""
    if body is not None and body.type == "statement_block":
        named = body.named_children
        body = named[-1] if named else None
    return body is not None and body.type in (
        "return_statement",
        "throw_statement",
        "continue_statement",
    )


def _key(where: Span) -> tuple[int, int]:
    return (where.start_offset, where.end_offset)


def _contexts(
    spans: Sequence[Span], sites: Sequence[Site], source: Source, evaluator: Evaluator
) -> dict[tuple[int, int], CallContext]:
    """Map the offsets of the call nodes at `spans` to their contexts."""
    targets = {_key(where) for where in spans}
    contexts: dict[tuple[int, int], CallContext] = {}
    if not targets:
        return contexts
    for site in sites:
        key = _key(source.span(site.node))
        if key in targets and key not in contexts:
            contexts[key] = call_context(site, source, evaluator)
    return contexts
