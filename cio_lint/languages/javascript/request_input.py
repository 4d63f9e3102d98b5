"""Recognise JavaScript expressions that read a web request's input.

The request is a name `req`, `request` or `ctx.request` (Express, Fastify,
Next.js, Koa). Its input is, whole:

- `req.body`, `req.query`, `req.params`;
- `await req.json()`, `await request.formData()` (Fetch API requests, as in
  Next.js route handlers), and on any whole input `Object.fromEntries(...)`,
  `JSON.parse(...)`, `Object.assign({}, ...)` and `structuredClone(...)`;
- `JSON.parse(event.body)` in an AWS Lambda handler;
- an object literal that spreads a whole input: `{ ...req.body, plan }`.

One field read from it (`req.body.event`, `body.email` for `const body =
await req.json()`) is a part of the input.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.model import RequestInput, Value

Evaluate = Callable[[Node], Value]

_REQUESTS = frozenset({"req", "request", "ctx.request"})
_INPUT_PROPERTIES = frozenset({"body", "query", "params"})
_INPUT_METHODS = frozenset({"json", "formData"})
_WRAPPERS = frozenset({"Object.fromEntries", "JSON.parse", "structuredClone"})


def request_input(
    node: Node, source: Source, evaluate: Evaluate
) -> RequestInput | None:
    """Return the request input `node` reads, or None.

    `evaluate` returns the value of a subexpression, so that input reached
    through a variable is seen too.
    """
    whole = _whole_source(node, source, evaluate)
    if whole is not None:
        return RequestInput(whole, whole=True)
    if node.type not in ("member_expression", "subscript_expression"):
        return None
    base = field_node(node, "object")
    found = evaluate(base).request_input if base is not None else None
    return RequestInput(found.source, whole=False) if found is not None else None


def _whole_source(node: Node, source: Source, evaluate: Evaluate) -> str | None:
    if node.type == "member_expression":
        owner, prop = field_node(node, "object"), field_node(node, "property")
        if owner is not None and prop is not None:
            if source.raw(prop) in _INPUT_PROPERTIES and source.raw(owner) in _REQUESTS:
                return source.raw(node)
        return None
    if node.type == "object":
        return _spread_source(node, evaluate)
    if node.type != "call_expression":
        return None
    function = field_node(node, "function")
    if function is None:
        return None
    arguments = arguments_of(node)
    if function.type == "member_expression":
        owner, prop = field_node(function, "object"), field_node(function, "property")
        if owner is not None and prop is not None:
            if source.raw(prop) in _INPUT_METHODS and source.raw(owner) in _REQUESTS:
                return source.raw(node)
    name = source.raw(function)
    if name in _WRAPPERS and arguments:
        if source.raw(arguments[0]) == "event.body":
            return "event.body"
        return _whole_of(arguments[0], evaluate)
    if name == "Object.assign" and len(arguments) >= 2:
        return _whole_of(arguments[1], evaluate)
    return None


def _spread_source(node: Node, evaluate: Evaluate) -> str | None:
    for member in node.named_children:
        if member.type == "spread_element" and member.named_children:
            found = _whole_of(member.named_children[0], evaluate)
            if found is not None:
                return f"...{found}"
    return None


def _whole_of(node: Node, evaluate: Evaluate) -> str | None:
    found = evaluate(node).request_input
    return found.source if found is not None and found.whole else None
