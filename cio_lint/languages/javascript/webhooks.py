"""Find the JavaScript functions that verify a Customer.io reporting webhook.

Customer.io signs each webhook request with HMAC-SHA256 over
`v0:<X-CIO-Timestamp>:<body>` and sends the result in `X-CIO-Signature`.
customerio-node's `verifyRequestSignature` compares in constant time but does
not check the timestamp's age. A function that calls it is a signature check,
and so is one that computes an HMAC with `crypto.createHmac` and names one of
those headers or the `v0:` prefix. This module records how it compares the
signatures and whether it looks at the timestamp's age.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import (
    Source,
    arguments_of,
    field_node,
    unwrap,
)
from cio_lint.languages.javascript.scopes import ModuleIndex, Scope, ScopeKind
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.model import SignatureCheck, Span

_HEADER_WORDS = ("x-cio-signature", "x-cio-timestamp")
# A verifying function names a header or the `v0:` prefix of the signed text.
_FUNCTION_WORDS = (*_HEADER_WORDS, "v0:")
_HMAC = frozenset({"crypto.createHmac", "node:crypto.createHmac"})
_SDK_VERIFY = "customerio-node.verifyRequestSignature"
_CONSTANT_TIME = frozenset({"crypto.timingSafeEqual", "node:crypto.timingSafeEqual"})
_CLOCKS = frozenset({"Date.now"})
_ORDERING = frozenset({"<", "<=", ">", ">="})
_EQUALITY = frozenset({"==", "===", "!=", "!=="})


def signature_checks(
    index: ModuleIndex, evaluator: Evaluator
) -> Iterator[SignatureCheck]:
    """Yield one record per function that verifies a Customer.io webhook signature."""
    lowered = evaluator.source.text.lower()
    headers = any(word in lowered for word in _HEADER_WORDS)
    if not headers and "verifyrequestsignature" not in lowered:
        return
    seen: set[int] = set()
    for site in index.calls:
        function_node = field_node(site.node, "function")
        if function_node is None:
            continue
        name = evaluator.qualified_name(function_node, site.scope)
        sdk = name == _SDK_VERIFY
        if not sdk and not (headers and name in _HMAC):
            continue
        function = site.scope.function_scope
        if function.kind is not ScopeKind.FUNCTION or function.node.id in seen:
            continue
        seen.add(function.node.id)
        source = evaluator.source.raw(function.node).lower()
        if not sdk and not any(word in source for word in _FUNCTION_WORDS):
            # A helper that only computes an HMAC is not the check itself.
            continue
        body = _Body(evaluator, site.scope)
        body.read(function.node)
        checks_age = body.checks_age or _checked_nearby(function, index, evaluator)
        yield SignatureCheck(
            span=evaluator.source.span(site.node),
            function=function.name,
            checks_age=checks_age,
            plain_compare=None if sdk or body.constant_time else body.plain_compare,
        )


def _checked_nearby(function: Scope, index: ModuleIndex, evaluator: Evaluator) -> bool:
    """Tell whether another function of the file checks the timestamp's age.

    That is a helper the verifying function passes a value to (`if
    (!isFresh(timestamp))`), or a caller that passes values to the verifying
    function and compares a time with the clock itself. Functions are matched
    by name, and which argument carries the timestamp is not checked.
    """
    source = evaluator.source
    checking: dict[int, bool] = {}
    for site in index.calls:
        callee = field_node(site.node, "function")
        if callee is None or not arguments_of(site.node):
            continue
        if callee.type == "member_expression":
            callee = field_node(callee, "property")
        name = source.raw(callee) if callee is not None else ""
        caller = site.scope.function_scope
        if caller is function:
            helpers = [
                scope for scope in index.function_scopes.values() if scope.name == name
            ]
            if any(_checks_age(scope, evaluator, checking) for scope in helpers):
                return True
        elif name == function.name and caller.kind is ScopeKind.FUNCTION:
            if _checks_age(caller, evaluator, checking):
                return True
    return False


def _checks_age(scope: Scope, evaluator: Evaluator, known: dict[int, bool]) -> bool:
    """Tell whether a function compares a time with the clock, remembering it."""
    if scope.node.id not in known:
        body = _Body(evaluator, scope)
        body.read(scope.node)
        known[scope.node.id] = body.checks_age
    return known[scope.node.id]


class _Body:
    """Read one function body: its comparisons and its calls."""

    def __init__(self, evaluator: Evaluator, scope: Scope) -> None:
        self._evaluator = evaluator
        self._source: Source = evaluator.source
        self._scope = scope
        self.constant_time = False
        self.checks_age = False
        self.plain_compare: Span | None = None

    def read(self, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type == "call_expression":
                self._call(node)
            elif node.type == "binary_expression":
                self._binary(node)
            stack.extend(reversed(node.named_children))

    def _call(self, node: Node) -> None:
        function = field_node(node, "function")
        name = (
            self._evaluator.qualified_name(function, self._scope) if function else None
        )
        if name in _CONSTANT_TIME:
            self.constant_time = True

    def _binary(self, node: Node) -> None:
        operator = field_node(node, "operator")
        sides = [field_node(node, "left"), field_node(node, "right")]
        kind = operator.type if operator is not None else ""
        if kind in _ORDERING or kind == "-":
            if any(self._reads_clock(side) for side in sides if side is not None):
                self.checks_age = True
        if kind in _EQUALITY and self.plain_compare is None:
            if any(self._is_digest(side) for side in sides if side is not None):
                self.plain_compare = self._source.span(node)

    def _is_digest(self, node: Node) -> bool:
        node = self._assigned(node)
        if node.type != "call_expression":
            return False
        function = field_node(node, "function")
        prop = field_node(function, "property") if function is not None else None
        return prop is not None and self._source.raw(prop) == "digest"

    def _reads_clock(self, node: Node) -> bool:
        """Tell whether `node`, or what its names are assigned, reads the clock."""
        stack = [node]
        visited: set[int] = set()
        while stack:
            current = self._assigned(stack.pop())
            if current.id in visited:
                continue
            visited.add(current.id)
            if current.type == "call_expression" and self._is_clock(current):
                return True
            if current.type == "new_expression":
                constructor = field_node(current, "constructor")
                if constructor is not None and self._source.raw(constructor) == "Date":
                    return True
            stack.extend(current.named_children)
        return False

    def _is_clock(self, node: Node) -> bool:
        function = field_node(node, "function")
        if function is None:
            return False
        return self._evaluator.qualified_name(function, self._scope) in _CLOCKS

    def _assigned(self, node: Node) -> Node:
        """Follow a name to its one assignment, if it has one."""
        node = unwrap(node)
        if node.type == "identifier":
            assigned = self._evaluator.single_binding(
                self._source.raw(node), self._scope
            )
            if assigned is not None:
                return unwrap(assigned[0])
        return node
