"""Find the transactional request class constructors of a Python module."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from msgspec.structs import replace

from cio_lint import sdk, transactional
from cio_lint.languages.python.scopes import ModuleIndex, Scope
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import Field, Language, TransactionalRequest


def constructed_requests(
    index: ModuleIndex, evaluator: Evaluator
) -> Iterator[TransactionalRequest]:
    """Yield a request for each `SendEmailRequest(...)`-style call, sent or not.

    Fields stored later on the variable the request is assigned to
    (`request.identifiers = ...`) are added after the written ones.
    """
    for record in index.calls:
        qualified = evaluator.qualified_name(record.node.func, record.scope)
        spec = sdk.request_spec(Language.PYTHON, qualified) if qualified else None
        if spec is None:
            continue
        value = evaluator.value(record.node, record.scope)
        later = tuple(_later_fields(record.node, record.scope, evaluator))
        if later:
            value = replace(value, fields=(*(value.fields or ()), *later))
        request = transactional.constructed(value, Language.PYTHON, spec.sdk)
        if request is not None:
            yield request


def _later_fields(
    node: cst.Call, scope: Scope, evaluator: Evaluator
) -> Iterator[Field]:
    """Yield the stores on the one name in `scope` that is assigned `node`."""
    for name, bindings in scope.bindings.items():
        if len(bindings) == 1 and bindings[0] is node:
            for key, expression in scope.item_assignments.get(name, ()):
                yield Field(key, evaluator.value(expression, scope))
            return
