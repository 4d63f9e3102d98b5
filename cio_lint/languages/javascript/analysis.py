"""Turn one JavaScript or TypeScript file into its model.

Every method call whose receiver resolves to a Customer.io client is bound to
the catalogue. A call on a name imported from a relative module waits as a
`PendingCall` for the project pass. A tree with syntax errors is still
analysed, so calls next to an error count.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cio_lint import sdk
from cio_lint.binding import bind_call, unknown_method
from cio_lint.languages.javascript import http, webhooks
from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.comments import find_suppressions
from cio_lint.languages.javascript.context import (
    pending_with_contexts,
    with_contexts,
)
from cio_lint.languages.javascript.factories import factory_reference
from cio_lint.languages.javascript.indexer import index_module
from cio_lint.languages.javascript.parsing import (
    Source,
    field_node,
    grammar_for,
    unwrap,
)
from cio_lint.languages.javascript.references import imported_reference
from cio_lint.languages.javascript.requests import constructed_requests
from cio_lint.languages.javascript.responses import with_status_checks
from cio_lint.languages.javascript.retry_helpers import retry_helpers
from cio_lint.languages.javascript.scopes import ModuleIndex, Site
from cio_lint.languages.javascript.sdk_imports import sdk_imports
from cio_lint.languages.javascript.strings import StringEvaluator
from cio_lint.languages.javascript.syntax import syntax_problem
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.languages.javascript.wrappers import CallSiteFinder, WrapperFinder
from cio_lint.model import (
    ApiCall,
    Constant,
    Export,
    FileModel,
    Language,
    MethodCall,
    PendingCall,
    ValueKind,
)


def analyze(text: str, path: Path) -> FileModel:
    """Parse `text` with the grammar `path` calls for and return its model."""
    source = Source(text, grammar_for(path))
    index = index_module(source)
    evaluator = Evaluator(source)
    resolver = ClientResolver(evaluator, index.function_scopes, index.constructions)
    for site in index.constructions:
        resolver.constructed(site.node, site.scope)
    wrappers = WrapperFinder(resolver)
    sites = CallSiteFinder(resolver, StringEvaluator(evaluator, resolver))
    calls: list[ApiCall] = []
    pending: list[PendingCall] = []
    candidates: list[tuple[Site, tuple[tuple[str, str], ...]]] = []
    unknown_methods: list[MethodCall] = []
    for site in index.calls:
        if resolver.constructed(site.node, site.scope) is not None:
            continue
        result = _method_call(site, resolver, source, wrappers)
        if isinstance(result, ApiCall):
            calls.append(result)
            continue
        if isinstance(result, PendingCall):
            pending.append(result)
        elif isinstance(result, MethodCall):
            unknown_methods.append(result)
            continue
        # A pending call on an imported name may turn out to be a wrapper's.
        if targets := sites.targets(site.node, site.scope):
            candidates.append((site, targets))
    http_calls, pending_http = http.api_calls(index, resolver, wrappers)
    calls.extend(http_calls)
    calls = with_contexts(calls, index.calls, source, evaluator)
    calls = with_status_checks(calls, index.calls, source)
    pending_http = with_contexts(pending_http, index.calls, source, evaluator)
    pending_http = with_status_checks(pending_http, index.calls, source)
    pending = pending_with_contexts(pending, index.calls, source, evaluator)
    found = list(wrappers.exported(index.scope, index.exports))
    local = {wrapper.name for wrapper in found}
    wrapper_calls = [
        sites.call(site.node, site.scope, targets)
        for site, targets in candidates
        if any(module or name in local for module, name in targets)
    ]
    return FileModel(
        Language.JAVASCRIPT,
        clients=tuple(resolver.clients),
        calls=tuple(calls),
        suppressions=find_suppressions(source),
        syntax_error=syntax_problem(source),
        exports=tuple(_exports(index, resolver)),
        pending_calls=tuple(pending),
        pending_http=tuple(pending_http),
        constants=tuple(_constants(index, evaluator)),
        wrappers=tuple(found),
        wrapper_calls=tuple(
            pending_with_contexts(wrapper_calls, index.calls, source, evaluator)
        ),
        requests=tuple(constructed_requests(index, evaluator)),
        signature_checks=tuple(webhooks.signature_checks(index, evaluator)),
        unknown_methods=tuple(unknown_methods),
        sdk_imports=tuple(sdk_imports(source, index.calls)),
        retry_helpers=tuple(retry_helpers(index.function_scopes, source)),
    )


def _method_call(
    site: Site, resolver: ClientResolver, source: Source, wrappers: WrapperFinder
) -> ApiCall | PendingCall | MethodCall | None:
    """Bind `receiver.method(...)` when the receiver is or may be a client."""
    function = field_node(site.node, "function")
    if function is None:
        return None
    function = unwrap(function)
    receiver_node = field_node(function, "object")
    prop = field_node(function, "property")
    if function.type != "member_expression" or receiver_node is None or prop is None:
        return None
    if prop.type != "property_identifier":
        return None
    method = source.raw(prop)
    span = source.span(site.node)
    receiver = resolver.resolve(receiver_node, site.scope)
    if receiver is not None:
        arguments = resolver.call_arguments(site.node, site.scope)
        call = bind_call(receiver.spec, receiver.client, method, arguments, span)
        if call is not None:
            wrappers.sdk_call(site.scope, method, arguments, receiver.client)
            return call
        return unknown_method(receiver.spec, receiver.client, method, arguments, span)
    if not sdk.is_client_method(Language.JAVASCRIPT, method):
        return None
    reference = imported_reference(
        receiver_node, site.scope, resolver
    ) or factory_reference(receiver_node, site.scope, resolver)
    if reference is None:
        return None
    arguments = resolver.call_arguments(site.node, site.scope)
    wrappers.sdk_call(site.scope, method, arguments, receiver=reference)
    return PendingCall(reference, method, arguments, span)


_CONSTANT_KINDS = frozenset({ValueKind.STRING, ValueKind.NUMBER, ValueKind.TIME})


def _constants(index: ModuleIndex, evaluator: Evaluator) -> Iterator[Constant]:
    """Yield exported constants, and the members of exported objects and enums."""
    for record in index.exports:
        value = evaluator.value(record.node, record.scope)
        if value.kind in _CONSTANT_KINDS:
            yield Constant(record.name, value)
        for item in value.fields or ():
            if item.value.kind in _CONSTANT_KINDS:
                yield Constant(f"{record.name}.{item.key}", item.value)


def _exports(index: ModuleIndex, resolver: ClientResolver) -> Iterator[Export]:
    """Yield the exported names whose value is a client."""
    seen: set[str] = set()
    for record in index.exports:
        resolved = resolver.resolve(record.node, record.scope)
        if resolved is not None and record.name not in seen:
            seen.add(record.name)
            yield Export(record.name, resolved.client)
        returned = resolver.returned_client(record.node, record.scope)
        if returned is not None:
            yield Export(f"{record.name}()", returned.client)
