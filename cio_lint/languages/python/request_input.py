"""Recognise Python expressions that read a web request's input.

The request is a name `request` or `req`, or `self.request` in a class-based
view. Its input is, whole:

- Flask and Django attributes: `request.json`, `.form`, `.args`, `.values`,
  `.data`, `.POST`, `.GET`, `.query_params`, `.body`;
- calls: `request.get_json()`, `await request.json()`, `await
  request.form()` (Starlette, FastAPI), and on any whole input `.dict()`,
  `.copy()`, `.to_dict()`, `dict(...)` and `json.loads(...)`;
- a dict literal that spreads a whole input: `{**request.json, "plan": p}`.

One field read from it (`request.json["event"]`, `request.args.get("name")`,
`data["email"]` for `data = request.json`) is a part of the input.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from cio_lint.model import RequestInput, Value

Evaluate = Callable[[cst.BaseExpression], Value]

_REQUESTS = frozenset({"request", "req", "self.request"})
_INPUT_ATTRIBUTES = frozenset(
    {"json", "form", "args", "values", "data", "POST", "GET", "query_params", "body"}
)
_INPUT_METHODS = frozenset({"get_json", "json", "form"})
_COPIES = frozenset({"dict", "copy", "to_dict"})
_WRAPPERS = frozenset({"dict", "json.loads"})
_PART_METHODS = frozenset({"get", "getlist", "pop"})


def request_input(node: cst.BaseExpression, evaluate: Evaluate) -> RequestInput | None:
    """Return the request input `node` reads, or None.

    `evaluate` returns the value of a subexpression, so that input reached
    through a variable is seen too.
    """
    if isinstance(node, cst.Await):
        return request_input(node.expression, evaluate)
    source = _whole_source(node, evaluate)
    if source is not None:
        return RequestInput(source, whole=True)
    base = _part_base(node)
    if base is None:
        return None
    found = evaluate(base).request_input
    return RequestInput(found.source, whole=False) if found is not None else None


def _whole_source(node: cst.BaseExpression, evaluate: Evaluate) -> str | None:
    """Return the input as written when `node` is all of it."""
    if isinstance(node, cst.Attribute) and node.attr.value in _INPUT_ATTRIBUTES:
        if _dotted(node.value) in _REQUESTS:
            return _code(node)
    if isinstance(node, cst.Dict):
        return _spread_source(node, evaluate)
    if not isinstance(node, cst.Call):
        return None
    func = node.func
    if isinstance(func, cst.Attribute):
        if func.attr.value in _INPUT_METHODS and _dotted(func.value) in _REQUESTS:
            return _code(node)
        if func.attr.value in _COPIES and not node.args:
            return _whole_of(func.value, evaluate)
    first = node.args[0] if node.args else None
    if _dotted(func) in _WRAPPERS and first is not None and not first.keyword:
        return _whole_of(first.value, evaluate)
    return None


def _spread_source(node: cst.Dict, evaluate: Evaluate) -> str | None:
    """Return `**input` when a dict literal spreads all of a request's input."""
    for element in node.elements:
        if isinstance(element, cst.StarredDictElement):
            source = _whole_of(element.value, evaluate)
            if source is not None:
                return f"**{source}"
    return None


def _whole_of(node: cst.BaseExpression, evaluate: Evaluate) -> str | None:
    found = evaluate(node).request_input
    return found.source if found is not None and found.whole else None


def _part_base(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """Return the object that `node` reads one field of, or None."""
    if isinstance(node, cst.Subscript):
        return node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value in _PART_METHODS and node.args:
            return node.func.value
    return None


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        owner = _dotted(node.value)
        return f"{owner}.{node.attr.value}" if owner else None
    return None


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)
