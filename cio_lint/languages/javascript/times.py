"""Classify JavaScript expressions that produce times: clocks, dates, arithmetic.

`Date.now()` and `getTime()` are milliseconds. `new Date()` and moment, dayjs
and Luxon objects are date objects, which `JSON.stringify` turns into ISO-8601
strings. `performance.now()` and `process.hrtime()` are monotonic clocks.
Arithmetic follows `cio_lint.timeunits`: a power of ten changes the unit, and
an offset or rounding (`Math.floor`, `| 0`, `~~`) keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from cio_lint import timeunits
from cio_lint.languages.javascript.clock import reads_clock
from cio_lint.languages.javascript.parsing import arguments_of, field_node, unwrap
from cio_lint.model import TimeInfo, TimeUnit

if TYPE_CHECKING:
    from cio_lint.languages.javascript.scopes import Scope
    from cio_lint.languages.javascript.values import Evaluator

_MS = TimeUnit.MILLISECONDS
_SECONDS = TimeUnit.SECONDS
_DATE = TimeUnit.DATE_OBJECT
_ISO = TimeUnit.ISO_STRING
_MONOTONIC = TimeUnit.MONOTONIC

_CALLS = {
    "Date.now": _MS,
    "Date.parse": _MS,
    "Date.UTC": _MS,
    "performance.now": _MONOTONIC,
    "perf_hooks.performance.now": _MONOTONIC,
    "process.hrtime": _MONOTONIC,
    "process.hrtime.bigint": _MONOTONIC,
    "process.uptime": _MONOTONIC,
    "moment": _DATE,
    "moment.utc": _DATE,
    "moment.unix": _DATE,
    "moment.tz": _DATE,
    "moment-timezone": _DATE,
    "moment-timezone.tz": _DATE,
    "dayjs": _DATE,
    "dayjs.utc": _DATE,
    "dayjs.unix": _DATE,
    "luxon.DateTime.now": _DATE,
    "luxon.DateTime.utc": _DATE,
    "luxon.DateTime.local": _DATE,
    "luxon.DateTime.fromISO": _DATE,
    "luxon.DateTime.fromJSDate": _DATE,
    "luxon.DateTime.fromMillis": _DATE,
    "luxon.DateTime.fromSeconds": _DATE,
}
_PROPERTIES = {
    "performance.timeOrigin": _MS,
    "perf_hooks.performance.timeOrigin": _MS,
}
_DATE_FNS = {
    "getUnixTime": _SECONDS,
    "getTime": _MS,
    "formatISO": _ISO,
    "formatRFC3339": _ISO,
    "fromUnixTime": _DATE,
    "parseISO": _DATE,
    "toDate": _DATE,
}
_DATE_FNS_DATE_PREFIXES = ("add", "sub", "startOf", "endOf", "set")
_UNIT_KEEPING = frozenset(
    {
        "Math.floor",
        "Math.round",
        "Math.trunc",
        "Math.ceil",
        "Math.abs",
        "Number",
        "parseInt",
        "parseFloat",
        "String",
        "BigInt",
    }
)
# Methods of moment, dayjs and Luxon objects, on a date object.
_DATE_METHODS = {
    "unix": _SECONDS,
    "toSeconds": _SECONDS,
    "toUnixInteger": _SECONDS,
    "toMillis": _MS,
    "toISO": _ISO,
    "toDate": _DATE,
    "toJSDate": _DATE,
    "add": _DATE,
    "subtract": _DATE,
    "plus": _DATE,
    "minus": _DATE,
    "startOf": _DATE,
    "endOf": _DATE,
    "utc": _DATE,
    "local": _DATE,
    "tz": _DATE,
    "clone": _DATE,
    "set": _DATE,
}
EPOCH_COUNTS = frozenset(
    {
        TimeUnit.SECONDS,
        TimeUnit.MILLISECONDS,
        TimeUnit.MICROSECONDS,
        TimeUnit.NANOSECONDS,
        TimeUnit.MONOTONIC,
    }
)
_TRUNCATING = frozenset({"|", ">>", ">>>"})


def literal_unit(number: int | float | None) -> TimeUnit | None:
    """Classify an integer literal as a time, if its size makes it one."""
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    return timeunits.unit_of_literal(number)


def classify(node: Node, scope: Scope, evaluator: Evaluator) -> TimeInfo | None:
    """Return the time unit `node` produces, with `node` as its source."""
    node = unwrap(node)
    unit = _unit(node, scope, evaluator)
    if unit is None:
        return None
    current = reads_clock(
        node, evaluator.source, lambda part: evaluator.qualified_name(part, scope)
    )
    return TimeInfo(unit, evaluator.text(node), evaluator.span_of(node), current)


def unit_of(node: Node, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    """Return the unit of a sub-expression, following names to their value."""
    node = unwrap(node)
    if node.type in ("identifier", "number", "shorthand_property_identifier"):
        time = evaluator.value(node, scope).time
        return time.unit if time else None
    return _unit(node, scope, evaluator)


def _unit(node: Node, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    kind = node.type
    if kind == "call_expression":
        return _call_unit(node, scope, evaluator)
    if kind == "new_expression":
        constructor = field_node(node, "constructor")
        if constructor is not None:
            if evaluator.qualified_name(constructor, scope) == "Date":
                return _DATE
        return None
    if kind == "binary_expression":
        return _binary_unit(node, scope, evaluator)
    if kind == "unary_expression":
        return _unary_unit(node, scope, evaluator)
    if kind == "member_expression":
        return _PROPERTIES.get(evaluator.qualified_name(node, scope) or "")
    if kind == "ternary_expression":
        consequence = field_node(node, "consequence")
        alternative = field_node(node, "alternative")
        if consequence is None or alternative is None:
            return None
        return _either(
            unit_of(consequence, scope, evaluator),
            unit_of(alternative, scope, evaluator),
        )
    if kind == "subscript_expression":
        base = field_node(node, "object")
        inner = unit_of(base, scope, evaluator) if base is not None else None
        return inner if inner is _MONOTONIC else None
    return None


def _call_unit(node: Node, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    function = field_node(node, "function")
    if function is None:
        return None
    function = unwrap(function)
    qualified = evaluator.qualified_name(function, scope)
    arguments = arguments_of(node)
    if qualified in _CALLS:
        return _CALLS[qualified]
    date_fns = _date_fns_unit(qualified)
    if date_fns is not None:
        return date_fns
    if qualified in _UNIT_KEEPING and arguments:
        inner = unit_of(arguments[0], scope, evaluator)
        if inner is _DATE and qualified == "Number":
            return _MS
        return inner if inner in EPOCH_COUNTS else None
    if function.type == "member_expression":
        return _method_unit(function, arguments, scope, evaluator)
    return None


def _date_fns_unit(qualified: str | None) -> TimeUnit | None:
    if qualified is None or not qualified.startswith(("date-fns.", "date-fns/")):
        return None
    name = qualified.replace("/", ".").rsplit(".", 1)[-1]
    if name in _DATE_FNS:
        return _DATE_FNS[name]
    if name.startswith(_DATE_FNS_DATE_PREFIXES) and name[:1].islower():
        return _DATE
    return None


def _method_unit(
    function: Node, arguments: list[Node], scope: Scope, evaluator: Evaluator
) -> TimeUnit | None:
    prop = field_node(function, "property")
    receiver = field_node(function, "object")
    if prop is None or receiver is None:
        return None
    method = evaluator.source.raw(prop)
    if method == "getTime" and not arguments:
        return _MS
    if method in ("toISOString", "toJSON") and not arguments:
        return _ISO
    received = unit_of(receiver, scope, evaluator)
    if method == "valueOf":
        return _MS if received is _DATE else _epoch(received)
    if method == "toFixed":
        return _epoch(received)
    if received is not _DATE:
        return None
    if method == "format":
        return _ISO if not arguments else None
    return _DATE_METHODS.get(method)


def _binary_unit(node: Node, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    operator = field_node(node, "operator")
    left_node = field_node(node, "left")
    right_node = field_node(node, "right")
    if operator is None or left_node is None or right_node is None:
        return None
    symbol = operator.type
    left = unit_of(left_node, scope, evaluator)
    right = unit_of(right_node, scope, evaluator)
    if symbol == "*":
        if left in EPOCH_COUNTS and right is None:
            return _scaled(left, right_node, scope, evaluator, 1)
        if right in EPOCH_COUNTS and left is None:
            return _scaled(right, left_node, scope, evaluator, 1)
        return None
    if symbol == "/":
        if left in EPOCH_COUNTS and right is None:
            return _scaled(left, right_node, scope, evaluator, -1)
        return None
    if symbol in ("+", "-"):
        return _offset(symbol, left, right)
    if symbol in _TRUNCATING:
        zero = evaluator.value(right_node, scope)
        return _epoch(left) if zero.literal == 0 and right is None else None
    if symbol in ("??", "||"):
        return _either(left, right)
    return None


def _offset(
    symbol: str, left: TimeUnit | None, right: TimeUnit | None
) -> TimeUnit | None:
    """Return the unit of a sum or difference.

    A time plus or minus an offset keeps its unit, and a Date minus a number
    is milliseconds.
    """
    if symbol == "-" and left is _DATE and right is None:
        return _MS
    if left in EPOCH_COUNTS and right is None:
        return left
    if symbol == "+" and right in EPOCH_COUNTS and left is None:
        return right
    # `performance.timeOrigin + performance.now()`: an epoch plus elapsed time.
    if symbol == "+" and _MONOTONIC in (left, right):
        other = right if left is _MONOTONIC else left
        return other if other in EPOCH_COUNTS else None
    return None


def _unary_unit(node: Node, scope: Scope, evaluator: Evaluator) -> TimeUnit | None:
    operator = field_node(node, "operator")
    argument = field_node(node, "argument")
    if operator is None or argument is None:
        return None
    if operator.type == "+":
        inner = unit_of(argument, scope, evaluator)
        return _MS if inner is _DATE else _epoch(inner)
    argument = unwrap(argument)
    if operator.type == "~" and argument.type == "unary_expression":
        twice = field_node(argument, "operator")
        operand = field_node(argument, "argument")
        if twice is not None and twice.type == "~" and operand is not None:
            return _epoch(unit_of(operand, scope, evaluator))
    return None


def _epoch(unit: TimeUnit | None) -> TimeUnit | None:
    return unit if unit in EPOCH_COUNTS else None


def _either(first: TimeUnit | None, second: TimeUnit | None) -> TimeUnit | None:
    """Return the unit of `a ?? b` or `c ? a : b`, from whichever branch is known."""
    if first is None or first is second:
        return second
    if second is None:
        return first
    return None


def _scaled(
    unit: TimeUnit | None,
    factor: Node,
    scope: Scope,
    evaluator: Evaluator,
    sign: int,
) -> TimeUnit | None:
    assert unit is not None
    return timeunits.scale_by_literal(unit, evaluator.value(factor, scope), sign)
