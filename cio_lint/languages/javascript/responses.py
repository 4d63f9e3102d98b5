"""Tell whether JavaScript code looks at the status of a `fetch` response.

`fetch` (and `node-fetch`, `cross-fetch`, `undici`) resolve a 401 or 429
response like a 200, so code that never inspects the response treats it as
success. The response counts as inspected when the code reads `.ok` or
`.status` on it (`.statusCode` for undici's `request`), destructures one of
them, or hands the response on: returns it or passes it to another function.
axios, got and ky reject on an error status by default, so their responses
need no check.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace
from tree_sitter import Node

from cio_lint.call_contexts import AnyCall, http_library
from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.languages.javascript.scopes import FUNCTIONS, Site
from cio_lint.model import Span

STATUS_PROPERTIES = frozenset({"ok", "status", "statusCode"})
_PASS_THROUGH = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "await_expression",
    }
)
_HANDED_ON = frozenset({"return_statement", "arguments", "yield_expression"})


def with_status_checks(
    calls: Sequence[AnyCall], sites: Sequence[Site], source: Source
) -> list[AnyCall]:
    """Return `calls` with `status_checked` set on the plain HTTP calls."""
    if not any(http_library(call) is not None for call in calls):
        return list(calls)
    by_offsets = {_offsets(source.span(site.node)): site for site in sites}
    result = []
    for call in calls:
        site = by_offsets.get(_offsets(call.span))
        if http_library(call) is not None and site is not None:
            checked = status_checked(site.node, source)
            call = replace(call, context=replace(call.context, status_checked=checked))
        result.append(call)
    return result


def _offsets(where: Span) -> tuple[int, int]:
    return (where.start_offset, where.end_offset)


def status_checked(node: Node, source: Source) -> bool:
    """Tell whether the response of the call `node` is inspected or handed on."""
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.type in _PASS_THROUGH:
            current = parent
        elif parent.type == "member_expression":
            if field_node(parent, "object") != current:
                return True
            follow = _chained(parent, source)
            if isinstance(follow, bool):
                return follow
            current = follow
        else:
            return _consumed(parent, current, source)
    return False


def _chained(member: Node, source: Source) -> Node | bool:
    """Follow `.then(fn)`, `.catch()` and `.finally()`, or read a property."""
    prop = field_node(member, "property")
    name = source.raw(prop) if prop is not None else ""
    if name in STATUS_PROPERTIES:
        return True
    call = member.parent
    if call is None or call.type != "call_expression":
        return False
    if name == "then":
        arguments = arguments_of(call)
        return not arguments or _callback_inspects(arguments[0], source)
    if name in ("catch", "finally"):
        return call
    return False


def _callback_inspects(callback: Node, source: Source) -> bool:
    """Tell whether a `.then` callback reads the status of its first parameter."""
    if callback.type not in FUNCTIONS:
        return True
    first = _first_parameter(callback)
    body = field_node(callback, "body")
    if first is None or body is None:
        return False
    if first.type != "identifier":
        return _destructures_status(first, source)
    return _inspects(body, source.raw(first), source)


def _first_parameter(function: Node) -> Node | None:
    """Return the pattern of a function's first parameter, or None."""
    single = field_node(function, "parameter")
    if single is not None:
        return single
    parameters = field_node(function, "parameters")
    if parameters is None or not parameters.named_children:
        return None
    first = parameters.named_children[0]
    return field_node(first, "pattern") or first


def _consumed(parent: Node, current: Node, source: Source) -> bool:
    if parent.type in _HANDED_ON:
        return True
    if parent.type == "arrow_function":
        return field_node(parent, "body") == current
    if parent.type == "expression_statement":
        return False
    if parent.type != "variable_declarator":
        return True
    target = field_node(parent, "name")
    if target is None:
        return True
    if target.type != "identifier":
        return _destructures_status(target, source)
    return _inspects(_enclosing_function(parent), source.raw(target), source)


def _destructures_status(pattern: Node, source: Source) -> bool:
    names = {source.raw(item) for item in _identifiers(pattern)}
    return bool(names & STATUS_PROPERTIES) or pattern.type != "object_pattern"


def _enclosing_function(node: Node) -> Node:
    current = node
    while current.parent is not None and current.type not in FUNCTIONS:
        current = current.parent
    return current


def _inspects(body: Node, name: str, source: Source) -> bool:
    """Tell whether `body` reads `name.ok` or `name.status`, or hands `name` on."""
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type == "identifier" and source.raw(current) == name:
            if _uses_response(current, source):
                return True
        stack.extend(current.named_children)
    return False


def _uses_response(identifier: Node, source: Source) -> bool:
    parent = identifier.parent
    if parent is None:
        return False
    if parent.type == "member_expression":
        prop = field_node(parent, "property")
        return prop is not None and source.raw(prop) in STATUS_PROPERTIES
    return parent.type in ("arguments", "return_statement")


def _identifiers(node: Node) -> list[Node]:
    """Return the identifiers and property names under `node`.

    The keys of a pattern that renames (`{ statusCode: status }`) count too.
    """
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in (
            "identifier",
            "shorthand_property_identifier_pattern",
            "property_identifier",
        ):
            found.append(current)
        stack.extend(current.named_children)
    return found
