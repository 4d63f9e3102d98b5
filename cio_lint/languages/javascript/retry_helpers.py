"""Recognise a JavaScript file's own retry helpers by their shape.

A retry helper takes a function as a parameter and, inside a loop, calls it
in a `try` block and waits before the next attempt:

    async function withRetry(fn, attempts = 3) {
      for (let i = 1; ; i++) {
        try { return await fn(); }
        catch (err) { if (i >= attempts) throw err; await sleep(2 ** i * 250); }
      }
    }

The Python front-end recognises the same shape (`context.retry_helpers`).
Rules learn the helpers' names from every file of the project, so a call
passed to `withRetry(() => ...)` counts as retried.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from tree_sitter import Node

from cio_lint.languages.javascript.handlers import called_names
from cio_lint.languages.javascript.parsing import Source, field_node
from cio_lint.languages.javascript.scopes import Scope

_LOOPS = frozenset(
    {"for_statement", "for_in_statement", "while_statement", "do_statement"}
)
_WAIT_WORDS = ("sleep", "delay", "wait", "settimeout", "backoff")


def retry_helpers(
    function_scopes: Mapping[int, Scope], source: Source
) -> Iterator[str]:
    """Yield the names of the functions that retry their function parameter."""
    if "try" not in source.text:
        return
    for scope in function_scopes.values():
        name = _function_name(scope.node, source)
        if name is None or not scope.parameters:
            continue
        body = field_node(scope.node, "body")
        if body is not None and _retries(body, frozenset(scope.parameters), source):
            yield name


def _function_name(node: Node, source: Source) -> str | None:
    """Return the declared name, or the variable an arrow function is bound to."""
    name = field_node(node, "name")
    if name is None and node.parent is not None:
        if node.parent.type == "variable_declarator":
            name = field_node(node.parent, "name")
    if name is None or name.type not in ("identifier", "property_identifier"):
        return None
    return source.raw(name)


def _retries(body: Node, parameters: frozenset[str], source: Source) -> bool:
    """Tell whether a loop in `body` calls a parameter in a `try` and waits."""
    for loop in _descendants(body, _LOOPS):
        waits = any(_is_wait(name) for name in called_names(loop, source))
        if waits and _calls_parameter_in_try(loop, parameters, source):
            return True
    return False


def _calls_parameter_in_try(
    loop: Node, parameters: frozenset[str], source: Source
) -> bool:
    for statement in _descendants(loop, frozenset({"try_statement"})):
        block = field_node(statement, "body")
        if block is not None and parameters & set(called_names(block, source)):
            return True
    return False


def _descendants(node: Node, types: frozenset[str]) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in types:
            yield current
        stack.extend(current.named_children)


def _is_wait(name: str) -> bool:
    method = name.lower().rsplit(".", 1)[-1]
    return any(word in method for word in _WAIT_WORDS)
