"""Ready-made rewrites of Python time expressions, built with LibCST nodes.

Rules choose among them for fixes: the same time in Unix seconds, or a naive
`datetime.now()` made aware in UTC. Each rewrite replaces the expression where
it is written; when the value comes through a name, that is the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cio_lint.edits import Edit, ImportNeed, Rewrite, RewritePurpose
from cio_lint.languages.python import times
from cio_lint.model import TimeUnit, Value

if TYPE_CHECKING:
    from cio_lint.languages.python.scopes import Scope
    from cio_lint.languages.python.values import Evaluator

_DIVISORS = {
    TimeUnit.MILLISECONDS: 10**3,
    TimeUnit.MICROSECONDS: 10**6,
    TimeUnit.NANOSECONDS: 10**9,
}
_ROUNDING = frozenset({"int", "round", "math.floor", "math.ceil", "math.trunc"})
_DATETIMES = frozenset(
    {TimeUnit.NAIVE_DATETIME, TimeUnit.NAIVE_UTC_DATETIME, TimeUnit.AWARE_DATETIME}
)
_NAIVE_CONSTRUCTORS = frozenset(
    {
        "datetime.datetime.now",
        "datetime.datetime.today",
        "datetime.datetime.fromtimestamp",
    }
)


def time_rewrites(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, value: Value
) -> tuple[Rewrite, ...]:
    """Return the rewrites that apply to a time value written as `node`."""
    if value.time is None:
        return ()
    unit = value.time.unit
    if unit in _DIVISORS:
        code = _seconds_code(node, scope, evaluator, _DIVISORS[unit])
        return (_rewrite(RewritePurpose.TO_UNIX_SECONDS, value, code),)
    if unit is TimeUnit.NAIVE_DATETIME and isinstance(node, cst.Call):
        return _aware_rewrites(node, scope, evaluator, value)
    if unit is TimeUnit.ISO_STRING and isinstance(node, cst.Call):
        return _timestamp_rewrites(node, scope, evaluator, value)
    return ()


def _timestamp_rewrites(
    node: cst.Call, scope: Scope, evaluator: Evaluator, value: Value
) -> tuple[Rewrite, ...]:
    """Return `int(dt.timestamp())` for `dt.isoformat()` with no arguments.

    Only a receiver known to be a datetime qualifies: a `date` has
    `isoformat()` but no `timestamp()`.
    """
    func = node.func
    if node.args or not isinstance(func, cst.Attribute):
        return ()
    if func.attr.value != "isoformat":
        return ()
    if times.unit_of(func.value, scope, evaluator) not in _DATETIMES:
        return ()
    timestamp = cst.Call(cst.Attribute(func.value, cst.Name("timestamp")))
    code = evaluator.code_for(cst.Call(cst.Name("int"), [cst.Arg(timestamp)]))
    return (_rewrite(RewritePurpose.TO_UNIX_SECONDS, value, code),)


def _rewrite(
    purpose: RewritePurpose,
    value: Value,
    code: str,
    imports: tuple[ImportNeed, ...] = (),
) -> Rewrite:
    return Rewrite(purpose, (Edit.replacing(value.span, code),), imports)


def _seconds_code(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, divisor: int
) -> str:
    """Return code for the time in whole Unix seconds.

    `int(time.time() * 1000)` loses its `* 1000`, a literal is divided, and
    `time.time_ns() // 1_000_000` gets the larger divisor. Anything else is
    divided and truncated: `int(x / 1000)`.
    """
    number = _number(node)
    if number is not None:
        return str(int(number) // divisor)
    code = evaluator.code_for
    seconds = _seconds_operand(node, scope, evaluator, divisor)
    if isinstance(seconds, cst.Call) and _is_rounding(seconds, scope, evaluator):
        return code(seconds)
    if seconds is not None:
        return code(cst.Call(cst.Name("int"), [cst.Arg(seconds)]))
    if isinstance(node, cst.Call) and _is_rounding(node, scope, evaluator):
        inner = node.args[0].value
        seconds = _seconds_operand(inner, scope, evaluator, divisor)
        if seconds is not None:
            return code(node.deep_replace(inner, seconds))
    if isinstance(node, cst.BinaryOperation) and isinstance(
        node.operator, cst.FloorDivide
    ):
        existing = _number(node.right)
        if isinstance(existing, int):
            larger = cst.Integer(_digits(existing * divisor))
            return code(node.with_changes(right=larger))
    divided = cst.BinaryOperation(
        _parenthesized(node), cst.Divide(), cst.Integer(_digits(divisor))
    )
    return code(cst.Call(cst.Name("int"), [cst.Arg(divided)]))


def _seconds_operand(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, divisor: int
) -> cst.BaseExpression | None:
    """Return `x` of `x * 1000` when `x` is in seconds and 1000 is the divisor."""
    if not isinstance(node, cst.BinaryOperation):
        return None
    if not isinstance(node.operator, cst.Multiply):
        return None
    for seconds, factor in ((node.left, node.right), (node.right, node.left)):
        if _number(factor) != divisor:
            continue
        if times.unit_of(seconds, scope, evaluator) is TimeUnit.SECONDS:
            return seconds.with_changes(lpar=[], rpar=[])
    return None


def _is_rounding(node: cst.Call, scope: Scope, evaluator: Evaluator) -> bool:
    if len(node.args) != 1 or node.args[0].keyword or node.args[0].star:
        return False
    qualified = evaluator.qualified_name(node.func, scope)
    if qualified in _ROUNDING:
        return True
    func = node.func
    return (
        isinstance(func, cst.Name)
        and func.value in _ROUNDING
        and evaluator.lookup(func.value, scope) is None
    )


def _digits(number: int) -> str:
    """Write 1000 plainly and a million or more with `_` separators."""
    return str(number) if number < 10**6 else f"{number:_}"


def _number(node: cst.BaseExpression) -> int | float | None:
    from cio_lint.languages.python.values import number_literal

    return number_literal(node)


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    simple = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer)
    if isinstance(node, simple) or node.lpar:
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _aware_rewrites(
    node: cst.Call, scope: Scope, evaluator: Evaluator, value: Value
) -> tuple[Rewrite, ...]:
    """Return the call with `timezone.utc` added, importing `timezone` if needed.

    `datetime.today()` becomes `datetime.now(timezone.utc)`, because `today`
    takes no time zone. No rewrite is offered when the name `timezone` is
    bound to something else, such as `django.utils.timezone`.
    """
    qualified = evaluator.qualified_name(node.func, scope)
    if qualified not in _NAIVE_CONSTRUCTORS or not isinstance(node.func, cst.Attribute):
        return ()
    zone = _utc_expression(node.func, scope, evaluator)
    if zone is None:
        return ()
    expression, imports = zone
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    if len(positional) != len(node.args):
        return ()
    if qualified == "datetime.datetime.fromtimestamp":
        if len(positional) != 1:
            return ()
        new = node.with_changes(args=[*node.args, cst.Arg(expression)])
    else:
        if node.args:
            return ()
        func = node.func.with_changes(attr=cst.Name("now"))
        new = node.with_changes(func=func, args=[cst.Arg(expression)])
    code = evaluator.code_for(new)
    return (_rewrite(RewritePurpose.TO_AWARE_UTC, value, code, imports),)


def _utc_expression(
    func: cst.Attribute, scope: Scope, evaluator: Evaluator
) -> tuple[cst.BaseExpression, tuple[ImportNeed, ...]] | None:
    """Return the expression for UTC and the import it needs, if any.

    `datetime.datetime.now` (the module imported) uses
    `datetime.timezone.utc`; `datetime.now` (the class imported) uses
    `timezone.utc` with `from datetime import timezone`.
    """
    owner = func.value
    if isinstance(owner, cst.Attribute):
        module = owner.value
        return cst.Attribute(
            cst.Attribute(module, cst.Name("timezone")), cst.Name("utc")
        ), ()
    bound = evaluator.lookup("timezone", scope)
    if bound is not None and bound.qualified_name != "datetime.timezone":
        return None
    expression = cst.Attribute(cst.Name("timezone"), cst.Name("utc"))
    imports = () if bound is not None else (ImportNeed("datetime", "timezone"),)
    return expression, imports
