"""Classify Python expressions that produce times: clocks, datetimes, arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import libcst as cst

from cio_lint import timeunits
from cio_lint.languages.python.clock import reads_clock
from cio_lint.model import TimeInfo, TimeUnit, ValueKind

if TYPE_CHECKING:
    from cio_lint.languages.python.scopes import Scope
    from cio_lint.languages.python.values import Evaluator

_CLOCKS = {
    "time.time": TimeUnit.SECONDS,
    "time.time_ns": TimeUnit.NANOSECONDS,
    "time.mktime": TimeUnit.SECONDS,
    "calendar.timegm": TimeUnit.SECONDS,
    "time.monotonic": TimeUnit.MONOTONIC,
    "time.monotonic_ns": TimeUnit.MONOTONIC,
    "time.perf_counter": TimeUnit.MONOTONIC,
    "time.perf_counter_ns": TimeUnit.MONOTONIC,
    "time.process_time": TimeUnit.MONOTONIC,
    "time.process_time_ns": TimeUnit.MONOTONIC,
    "time.thread_time": TimeUnit.MONOTONIC,
    "time.thread_time_ns": TimeUnit.MONOTONIC,
    "datetime.datetime.utcnow": TimeUnit.NAIVE_UTC_DATETIME,
    "datetime.datetime.utcfromtimestamp": TimeUnit.NAIVE_UTC_DATETIME,
    "django.utils.timezone.now": TimeUnit.AWARE_DATETIME,
}

# Constructors whose result is aware when a time zone argument is given.
_TZ_ARGUMENT = {
    "datetime.datetime.now": (0, "tz"),
    "datetime.datetime.today": (None, None),
    "datetime.datetime.fromtimestamp": (1, "tz"),
    "datetime.datetime": (7, "tzinfo"),
}

_UNIT_KEEPING_BUILTINS = frozenset({"int", "round", "float", "abs", "max", "min"})
_UNIT_KEEPING_FUNCTIONS = frozenset({"math.floor", "math.ceil", "math.trunc"})
_EPOCH_COUNTS = frozenset(
    {
        TimeUnit.SECONDS,
        TimeUnit.MILLISECONDS,
        TimeUnit.MICROSECONDS,
        TimeUnit.NANOSECONDS,
        TimeUnit.MONOTONIC,
    }
)
_DATETIMES = frozenset(
    {
        TimeUnit.NAIVE_DATETIME,
        TimeUnit.NAIVE_UTC_DATETIME,
        TimeUnit.AWARE_DATETIME,
    }
)


def literal_unit(number: int | float | None) -> TimeUnit | None:
    """Classify a whole-number literal (`1704067200000` or `1704067200000.0`)."""
    if number is None or isinstance(number, bool):
        return None
    if isinstance(number, float) and not number.is_integer():
        return None
    return timeunits.unit_of_literal(number)


def classify(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> TimeInfo | None:
    """Return the time unit `node` produces, with `node` as its source."""
    unit = _unit(node, scope, evaluator)
    if unit is None:
        return None
    current = reads_clock(node, lambda call: evaluator.qualified_name(call, scope))
    return TimeInfo(unit, evaluator.text(node), evaluator.span_of(node), current)


def unit_of(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    """Return the unit of a sub-expression, following names to their value."""
    if isinstance(node, (cst.Name, cst.Integer)):
        time = evaluator.value(node, scope).time
        return time.unit if time else None
    return _unit(node, scope, evaluator)


def _unit(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    if isinstance(node, cst.Call):
        return _call_unit(node, scope, evaluator)
    if isinstance(node, cst.BinaryOperation):
        return _arithmetic_unit(node, scope, evaluator)
    if isinstance(node, cst.IfExp):
        return _conditional_unit(node, scope, evaluator)
    return None


def _conditional_unit(
    node: cst.IfExp, scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    """Return the unit both branches share; a `None` branch sends nothing."""
    branches = [
        unit_of(branch, scope, evaluator)
        for branch in (node.body, node.orelse)
        if not _is_none(branch)
    ]
    if branches and all(unit == branches[0] for unit in branches):
        return branches[0]
    return None


def _call_unit(node: cst.Call, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    qualified = evaluator.qualified_name(node.func, scope)
    if qualified in _CLOCKS:
        return _CLOCKS[qualified]
    if qualified in _TZ_ARGUMENT:
        position, keyword = _TZ_ARGUMENT[qualified]
        if _has_argument(node, position, keyword):
            return TimeUnit.AWARE_DATETIME
        return TimeUnit.NAIVE_DATETIME
    if _is_unit_keeping(node, qualified, scope, evaluator) and node.args:
        return _shared_epoch_unit(node.args, scope, evaluator)
    if isinstance(node.func, cst.Attribute):
        return _method_unit(node, scope, evaluator)
    return None


def _method_unit(node: cst.Call, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    assert isinstance(node.func, cst.Attribute)
    method = node.func.attr.value
    if method == "timestamp" and not node.args:
        return TimeUnit.SECONDS
    if method == "isoformat":
        return TimeUnit.ISO_STRING
    receiver = unit_of(node.func.value, scope, evaluator)
    if receiver in _DATETIMES:
        if method == "astimezone":
            return TimeUnit.AWARE_DATETIME
        if method == "replace":
            tz = next(
                (
                    arg
                    for arg in node.args
                    if arg.keyword and arg.keyword.value == "tzinfo"
                ),
                None,
            )
            if tz is None:
                return receiver
            if not _is_none(tz.value):
                return TimeUnit.AWARE_DATETIME
            # Dropping the zone of an aware datetime is how code replaces the
            # deprecated utcnow(); the value is almost always UTC then.
            if receiver is TimeUnit.AWARE_DATETIME:
                return TimeUnit.NAIVE_UTC_DATETIME
            return receiver
    return None


def _shared_epoch_unit(
    arguments: Sequence[cst.Arg], scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    """Return the epoch unit of `int(x)`, `round(x, 3)` or `max(x, y, 0)`.

    Arguments without a unit, such as `0` or a precision, are passed over; two
    arguments in different units give no unit.
    """
    units = {
        unit_of(argument.value, scope, evaluator)
        for argument in arguments
        if argument.keyword is None and not argument.star
    }
    units.discard(None)
    if len(units) != 1:
        return None
    unit = units.pop()
    return unit if unit in _EPOCH_COUNTS else None


def _is_unit_keeping(
    node: cst.Call, qualified: str | None, scope: Scope, evaluator: Evaluator
) -> bool:
    if qualified in _UNIT_KEEPING_FUNCTIONS:
        return True
    func = node.func
    return (
        isinstance(func, cst.Name)
        and func.value in _UNIT_KEEPING_BUILTINS
        and evaluator.lookup(func.value, scope) is None
    )


def _has_argument(node: cst.Call, position: int | None, keyword: str | None) -> bool:
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    for arg in node.args:
        if keyword and arg.keyword is not None and arg.keyword.value == keyword:
            return not _is_none(arg.value)
    if position is not None and len(positional) > position:
        return not _is_none(positional[position].value)
    return False


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _arithmetic_unit(
    node: cst.BinaryOperation, scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    operator = node.operator
    left = unit_of(node.left, scope, evaluator)
    right = unit_of(node.right, scope, evaluator)
    if isinstance(operator, cst.Multiply):
        if left in _EPOCH_COUNTS and right is None:
            return _scaled(left, node.right, scope, evaluator, 1)
        if right in _EPOCH_COUNTS and left is None:
            return _scaled(right, node.left, scope, evaluator, 1)
        return None
    if isinstance(operator, (cst.Divide, cst.FloorDivide)):
        if left in _EPOCH_COUNTS and right is None:
            return _scaled(left, node.right, scope, evaluator, -1)
        return None
    if isinstance(operator, (cst.Add, cst.Subtract)):
        if left is not None and right is None:
            return _offset(left, node.right, scope, evaluator)
        if right is not None and left is None and isinstance(operator, cst.Add):
            return _offset(right, node.left, scope, evaluator)
    return None


def _offset(
    unit: TimeUnit, other: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    """Return the unit of a time plus or minus `other`.

    An offset keeps an epoch unit (`time.time() + ttl`). A monotonic reading
    plus an unknown value is often a conversion to wall-clock time
    (`boot_time + time.monotonic()`), so only a literal offset keeps it.
    """
    if unit is not TimeUnit.MONOTONIC:
        return unit
    if evaluator.value(other, scope).kind is ValueKind.NUMBER:
        return unit
    return None


def _scaled(
    unit: TimeUnit | None,
    factor: cst.BaseExpression,
    scope: Scope,
    evaluator: Evaluator,
    sign: int,
) -> TimeUnit | None:
    assert unit is not None
    return timeunits.scale_by_literal(unit, evaluator.value(factor, scope), sign)
