"""Find the Python functions that verify a Customer.io reporting webhook.

Customer.io signs each webhook request with HMAC-SHA256 over
`v0:<X-CIO-Timestamp>:<body>` and sends the result in `X-CIO-Signature`. A
function that computes an HMAC and names one of those headers or the `v0:`
prefix is a signature check. This module records how it compares the
signatures and whether it looks at the timestamp's age.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from cio_lint.languages.python.scopes import (
    ModuleIndex,
    Scope,
    ScopeKind,
    dotted_name,
)
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.walk import walk
from cio_lint.model import SignatureCheck, Span

_HEADER_WORDS = ("x-cio-signature", "x-cio-timestamp", "x_cio_signature")
# A verifying function names a header or the `v0:` prefix of the signed text.
_FUNCTION_WORDS = (*_HEADER_WORDS, "v0:")
_HMAC = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
_CONSTANT_TIME = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
_DIGESTS = frozenset({"hexdigest", "digest"})
_CLOCKS = frozenset(
    {
        "time.time",
        "time.time_ns",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "django.utils.timezone.now",
    }
)
_ORDERING = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)
_EQUALITY = (cst.Equal, cst.NotEqual)


def signature_checks(
    index: ModuleIndex, evaluator: Evaluator, text: str
) -> Iterator[SignatureCheck]:
    """Yield one record per function that computes a Customer.io webhook HMAC."""
    lowered = text.lower()
    if not any(word in lowered for word in _HEADER_WORDS):
        return
    seen: set[int] = set()
    for record in index.calls:
        scope = record.scope
        if evaluator.qualified_name(record.node.func, scope) not in _HMAC:
            continue
        function = _function_of(scope)
        if function is None or id(function) in seen:
            continue
        seen.add(id(function))
        source = evaluator.code_for(function.node).lower()
        if not any(word in source for word in _FUNCTION_WORDS):
            # A helper that only computes an HMAC is not the check itself.
            continue
        body = _Body(function, evaluator)
        walk(function.node, body)
        checks_age = body.checks_age or _checked_nearby(function, index, evaluator)
        yield SignatureCheck(
            span=evaluator.span_of(record.node),
            function=function.name,
            checks_age=checks_age,
            plain_compare=None if body.constant_time else body.plain_compare,
        )


def _checked_nearby(function: Scope, index: ModuleIndex, evaluator: Evaluator) -> bool:
    """Tell whether another function of the file checks the timestamp's age.

    That is a helper the verifying function passes a value to (`if not
    is_fresh(timestamp)`), a caller that passes values to the verifying
    function and compares a time with the clock itself, or such a helper that
    the caller calls too (`if not is_fresh(ts) or not verify(ts, ...)`).
    Functions are matched by name, and which argument carries the timestamp is
    not checked.
    """
    checking = _age_checking_functions(index.scope, evaluator)
    calls = []
    for record in index.calls:
        callee = dotted_name(record.node.func)
        if callee is not None and record.node.args:
            calls.append((callee.rsplit(".", 1)[-1], _function_of(record.scope)))
    callers = {caller for name, caller in calls if name == function.name and caller}
    for name, caller in calls:
        if caller is function and name in checking:
            return True
        if name == function.name and caller is not None and caller.name in checking:
            return True
        if caller in callers and name in checking:
            return True
    return False


def _age_checking_functions(scope: Scope, evaluator: Evaluator) -> set[str]:
    """Return the names of the functions and methods that compare with the clock."""
    found = set()
    owners = [scope, *scope.classes.values()]
    for owner in owners:
        for name, function in owner.functions.items():
            body = _Body(function, evaluator)
            walk(function.node, body)
            if body.checks_age:
                found.add(name)
    return found


def _function_of(scope: Scope) -> Scope | None:
    current: Scope | None = scope
    while current is not None and current.kind is not ScopeKind.FUNCTION:
        current = current.parent
    return current


class _Body:
    """Read one function body: its comparisons and its calls."""

    def __init__(self, function: Scope, evaluator: Evaluator) -> None:
        self._function = function
        self._evaluator = evaluator
        self.constant_time = False
        self.checks_age = False
        self.plain_compare: Span | None = None

    def visit_Call(self, node: cst.Call) -> None:
        name = self._evaluator.qualified_name(node.func, self._function)
        if name in _CONSTANT_TIME:
            self.constant_time = True

    def visit_Comparison(self, node: cst.Comparison) -> None:
        operators = [item.operator for item in node.comparisons]
        sides = [node.left, *(item.comparator for item in node.comparisons)]
        if any(isinstance(item, _ORDERING) for item in operators):
            if any(self._reads_clock(side) for side in sides):
                self.checks_age = True
        if any(isinstance(item, _EQUALITY) for item in operators):
            if self.plain_compare is None and any(self._is_digest(s) for s in sides):
                self.plain_compare = self._evaluator.span_of(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Subtract):
            if self._reads_clock(node.left) or self._reads_clock(node.right):
                self.checks_age = True

    def _is_digest(self, node: cst.BaseExpression) -> bool:
        node = self._assigned(node)
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _DIGESTS
        ) or (
            isinstance(node, cst.Call)
            and self._evaluator.qualified_name(node.func, self._function) in _HMAC
        )

    def _reads_clock(self, node: cst.BaseExpression) -> bool:
        """Tell whether `node` contains a reading of the current time."""
        found = _ClockFinder(self._evaluator, self._function)
        walk(self._assigned(node), found)
        return found.found

    def _assigned(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """Follow a name to its one assignment in the function, if it has one."""
        if isinstance(node, cst.Name):
            assigned = self._evaluator.single_binding(node.value, self._function)
            if assigned is not None:
                return assigned[0]
        return node


class _ClockFinder:
    def __init__(self, evaluator: Evaluator, function: Scope) -> None:
        self._evaluator = evaluator
        self._function = function
        self.found = False

    def visit_Call(self, node: cst.Call) -> None:
        if self._evaluator.qualified_name(node.func, self._function) in _CLOCKS:
            self.found = True

    def visit_Name(self, node: cst.Name) -> None:
        assigned = self._evaluator.single_binding(node.value, self._function)
        if assigned is not None and isinstance(assigned[0], cst.Call):
            func = assigned[0].func
            if self._evaluator.qualified_name(func, self._function) in _CLOCKS:
                self.found = True
