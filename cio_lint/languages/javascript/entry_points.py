"""Recognise the JavaScript functions that frameworks call: routes and handlers.

Recognised, by the function the call is written in:

- Express, Fastify, Koa-router and Hono routes: a function passed after a
  path string to `<name>.get`, `.post`, `.put`, `.patch`, `.delete`, `.all`
  or `.use` (`app.post("/signup", async (req, res) => ...)`);
- Next.js route handlers: an exported `GET`, `POST`, `PUT`, `PATCH`,
  `DELETE`, `HEAD` or `OPTIONS` function, and an API route exported as
  `export default function handler(req, res)`;
- AWS Lambda handlers: an exported function named `handler`, written as
  `export const handler = ...`, `export function handler` or
  `exports.handler = ...`.

A call inside a callback, such as one passed to `map` or to a helper, is not
in the entry point's body: it runs when something else calls the callback.
"""

from __future__ import annotations

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import Source, arguments_of, field_node
from cio_lint.languages.javascript.scopes import FUNCTIONS
from cio_lint.model import EntryKind, EntryPoint

_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "all", "use"})
_NEXT_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
_LAMBDA_EXPORTS = frozenset({"exports.handler", "module.exports.handler"})
_STRINGS = frozenset({"string", "template_string"})


def entry_point(call: Node, source: Source) -> EntryPoint | None:
    """Return the entry point the call `call` runs in, or None."""
    function = call.parent
    while function is not None and function.type not in FUNCTIONS:
        function = function.parent
    if function is None:
        return None
    parent = function.parent
    if parent is not None and parent.type == "arguments":
        return _route(parent, function, source)
    name = _declared_name(function, source)
    exported = _exported(function)
    if name in _NEXT_METHODS and exported:
        return EntryPoint(EntryKind.REQUEST_HANDLER, f"Next.js route handler {name}")
    if (name == "handler" and exported) or name in _LAMBDA_EXPORTS:
        return EntryPoint(EntryKind.REQUEST_HANDLER, "AWS Lambda handler")
    if _default_export(function) and _parameter_names(function, source)[:2] == [
        "req",
        "res",
    ]:
        return EntryPoint(EntryKind.REQUEST_HANDLER, "Next.js API route")
    return None


def _route(arguments: Node, function: Node, source: Source) -> EntryPoint | None:
    """Recognise `app.post("/path", ..., handler)`."""
    call = arguments.parent
    callee = field_node(call, "function") if call is not None else None
    if callee is None or callee.type != "member_expression":
        return None
    prop = field_node(callee, "property")
    if prop is None or source.raw(prop) not in _ROUTE_METHODS:
        return None
    passed = arguments_of(call) if call is not None else []
    if not passed or passed[0].type not in _STRINGS or passed[0] == function:
        return None
    return EntryPoint(EntryKind.REQUEST_HANDLER, f"route {source.raw(callee)}")


def _declared_name(function: Node, source: Source) -> str | None:
    """Return the name a function is declared or assigned under."""
    name = field_node(function, "name")
    if name is not None:
        return source.raw(name)
    parent = function.parent
    if parent is not None and parent.type == "variable_declarator":
        target = field_node(parent, "name")
        return source.raw(target) if target is not None else None
    if parent is not None and parent.type == "assignment_expression":
        target = field_node(parent, "left")
        return source.raw(target) if target is not None else None
    return None


def _exported(function: Node) -> bool:
    """Tell whether a declaration or `const` of the function is exported."""
    current = function.parent
    for _ in range(3):
        if current is None:
            return False
        if current.type == "export_statement":
            return True
        current = current.parent
    return False


def _default_export(function: Node) -> bool:
    parent = function.parent
    return (
        parent is not None
        and parent.type == "export_statement"
        and any(child.type == "default" for child in parent.children)
    )


def _parameter_names(function: Node, source: Source) -> list[str]:
    parameters = field_node(function, "parameters")
    if parameters is None:
        return []
    names = []
    for item in parameters.named_children:
        pattern = field_node(item, "pattern") or item
        names.append(source.raw(pattern))
    return names
