"""Find the transactional request class constructors of a JavaScript file."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec.structs import replace
from tree_sitter import Node

from cio_lint import sdk, transactional
from cio_lint.languages.javascript.parsing import field_node
from cio_lint.languages.javascript.scopes import ModuleIndex, Scope, lookup
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.model import Field, Language, TransactionalRequest


def constructed_requests(
    index: ModuleIndex, evaluator: Evaluator
) -> Iterator[TransactionalRequest]:
    """Yield a request for each `new SendEmailRequest(...)`, sent or not.

    Fields stored later on the variable the request is declared in
    (`request.identifiers = ...`) are added after the written ones.
    """
    for site in index.constructions:
        constructor = field_node(site.node, "constructor")
        if constructor is None:
            continue
        qualified = evaluator.qualified_name(constructor, site.scope)
        spec = sdk.request_spec(Language.JAVASCRIPT, qualified) if qualified else None
        if spec is None:
            continue
        value = evaluator.value(site.node, site.scope)
        later = tuple(_later_fields(site.node, site.scope, evaluator))
        if later:
            value = replace(value, fields=(*(value.fields or ()), *later))
        request = transactional.constructed(value, Language.JAVASCRIPT, spec.sdk)
        if request is not None:
            yield request


def _later_fields(node: Node, scope: Scope, evaluator: Evaluator) -> Iterator[Field]:
    """Yield the stores on the variable that `const name = node` declares."""
    declarator = node.parent
    if declarator is None or declarator.type != "variable_declarator":
        return
    name_node = field_node(declarator, "name")
    if name_node is None or name_node.type != "identifier":
        return
    name = evaluator.text(name_node)
    found = lookup(name, scope)
    if found is None:
        return
    for key, expression, where in found.scope.member_assignments.get(name, ()):
        yield Field(key, evaluator.value(expression, where))
