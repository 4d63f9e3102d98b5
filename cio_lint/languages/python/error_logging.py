"""Find log calls in an `except` clause that write the caught exception's text.

A call counts when it logs at info level or above: `info`, `warning`,
`warn`, `error`, `exception`, `critical`, `fatal`, or `print`. It must also
pass the exception itself, `str(error)`, `repr(error)`, `error.args` or an
f-string that formats it, or write its traceback (`logger.exception(...)`,
`exc_info=True` or `exc_info=error`). Passing the exception to another
function, such as `status_of(error)`, does not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import libcst as cst

from cio_lint.languages.python.scopes import dotted_name

_LEVELS = frozenset({"info", "warning", "warn", "error", "critical", "fatal"})
_TRACEBACK_LEVELS = frozenset({"exception"})
_TEXT_OF = frozenset({"str", "repr"})
_TEXT_ATTRIBUTES = frozenset({"args", "message"})


def error_log_calls(
    nodes: Iterable[cst.CSTNode], bound: str | None
) -> Iterator[cst.Call]:
    """Yield the log calls among `nodes` that write the exception bound to `bound`."""
    for node in nodes:
        if isinstance(node, cst.Call) and _writes_error(node, bound):
            yield node


def writes_traceback(call: cst.Call) -> bool:
    """Tell whether a log call writes the traceback of the exception it handles."""
    name = dotted_name(call.func) or ""
    if name.rsplit(".", 1)[-1] in _TRACEBACK_LEVELS and "." in name:
        return True
    return any(
        argument.keyword is not None
        and argument.keyword.value == "exc_info"
        and not _is_false(argument.value)
        for argument in call.args
    )


def _writes_error(call: cst.Call, bound: str | None) -> bool:
    name = dotted_name(call.func) or ""
    level = name.rsplit(".", 1)[-1]
    if level in _TRACEBACK_LEVELS and "." in name:
        return True
    if level not in _LEVELS and name != "print":
        return False
    if name != "print" and "." not in name:
        return False
    for argument in call.args:
        keyword = argument.keyword.value if argument.keyword else None
        if keyword == "exc_info":
            if not _is_false(argument.value):
                return True
        elif bound is not None and _is_error_text(argument.value, bound):
            return True
    return False


def _is_false(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value in ("False", "None")


def _is_error_text(node: cst.BaseExpression, bound: str) -> bool:
    if isinstance(node, cst.Name):
        return node.value == bound
    if isinstance(node, cst.Attribute):
        return node.attr.value in _TEXT_ATTRIBUTES and _is_name(node.value, bound)
    if isinstance(node, cst.Call) and dotted_name(node.func) in _TEXT_OF:
        return len(node.args) == 1 and _is_name(node.args[0].value, bound)
    if isinstance(node, cst.FormattedString):
        return any(
            isinstance(part, cst.FormattedStringExpression)
            and _is_error_text(part.expression, bound)
            for part in node.parts
        )
    return False


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
