"""Turn one Python file into its model with LibCST.

This module is imported only when a file is analysed, so that a run whose
files all come from the cache never loads LibCST.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import libcst as cst

from cio_lint import sdk
from cio_lint.binding import bind_call, unknown_method
from cio_lint.languages.base import AnalysisError
from cio_lint.languages.python import http, webhooks
from cio_lint.languages.python.clients import ClientResolver
from cio_lint.languages.python.constants import ConstantTable
from cio_lint.languages.python.context import (
    pending_with_contexts,
    retry_helpers,
    with_contexts,
)
from cio_lint.languages.python.framework_handlers import framework_handlers
from cio_lint.languages.python.noqa import find_suppressions
from cio_lint.languages.python.offsets import NodeOffsets
from cio_lint.languages.python.parsing import parse
from cio_lint.languages.python.pruning import WAITS, Pruned, prune
from cio_lint.languages.python.requests import constructed_requests
from cio_lint.languages.python.responses import with_status_checks
from cio_lint.languages.python.scopes import (
    CallRecord,
    ModuleIndex,
    Scope,
    index_module,
)
from cio_lint.languages.python.sdk_imports import sdk_imports
from cio_lint.languages.python.strings import StringEvaluator
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.wrapper_shapes import factory_names, imported_object
from cio_lint.languages.python.wrappers import CallSiteFinder, WrapperFinder
from cio_lint.model import (
    ApiCall,
    Export,
    FileModel,
    Language,
    MethodCall,
    ModuleReference,
    PendingCall,
    Span,
    SyntaxProblem,
)
from cio_lint.positions import LineIndex


def analyze(text: str, path: Path, follow: frozenset[str] = frozenset()) -> FileModel:
    """Parse `text` with LibCST and return its model.

    `follow` names the project modules known to export a client or a wrapper
    (see `pruning`).
    """
    suppressions = find_suppressions(text)
    pruned, module = _parse(text, follow)
    if isinstance(module, SyntaxProblem):
        return FileModel(
            Language.PYTHON, suppressions=suppressions, syntax_error=module
        )
    index = index_module(module)
    locator = _Locator(module, pruned, text, index)
    evaluator = Evaluator(module, locator.span)
    constants = ConstantTable(index.scope, evaluator)
    evaluator.constants = constants
    resolver = ClientResolver(evaluator)
    wrappers = WrapperFinder(evaluator)
    sites = CallSiteFinder(evaluator, StringEvaluator(evaluator))
    calls: list[ApiCall] = []
    pending: list[PendingCall] = []
    candidates: list[tuple[cst.Call, Scope, tuple[tuple[str, str], ...]]] = []
    unknown_methods: list[MethodCall] = []

    for record in index.calls:
        node, scope = record.node, record.scope
        if resolver.constructed(node, scope) is not None:
            continue
        if isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            receiver = resolver.resolve(node.func.value, scope)
            if receiver is not None:
                arguments = resolver.call_arguments(node, scope)
                span = locator.span(node)
                call = bind_call(
                    receiver.spec, receiver.client, method, arguments, span
                )
                if call is not None:
                    calls.append(call)
                    wrappers.sdk_call(scope, method, arguments, receiver.client)
                elif unknown := unknown_method(
                    receiver.spec, receiver.client, method, arguments, span
                ):
                    unknown_methods.append(unknown)
                continue
            imported = _imported_receiver(node.func, scope, evaluator)
            if imported is not None:
                arguments = resolver.call_arguments(node, scope)
                pending.append(
                    PendingCall(imported, method, arguments, locator.span(node))
                )
                wrappers.sdk_call(scope, method, arguments, receiver=imported)
        # A pending call on an imported name may turn out to be a wrapper's.
        targets = sites.targets(node.func, scope)
        if targets:
            candidates.append((node, scope, targets))
    http_calls, pending_http = http.api_calls(index, evaluator, text, wrappers)
    calls.extend(http_calls)
    record_at = locator.record_at
    calls = with_contexts(calls, record_at, evaluator, locator.span, text)
    calls = with_status_checks(calls, record_at, text, evaluator)
    pending_http = with_contexts(pending_http, record_at, evaluator, locator.span, text)
    pending_http = with_status_checks(pending_http, record_at, text, evaluator)
    pending = pending_with_contexts(pending, record_at, evaluator, locator.span)
    found = [*wrappers.wrappers, *wrappers.instances(index.scope)]
    local = {wrapper.name for wrapper in found}
    wrapper_calls = [
        sites.call(node, scope, targets, resolver.call_arguments(node, scope))
        for node, scope, targets in candidates
        if any(module or name in local for module, name in targets)
    ]

    return FileModel(
        Language.PYTHON,
        clients=tuple(resolver.clients),
        calls=tuple(calls),
        suppressions=suppressions,
        exports=tuple(_exports(index.scope, resolver)),
        pending_calls=tuple(pending),
        pending_http=tuple(pending_http),
        http_clients=tuple(http.client_exports(index.scope, evaluator, text)),
        constants=tuple(constants.constants()),
        wrappers=tuple(found),
        wrapper_calls=tuple(
            pending_with_contexts(wrapper_calls, record_at, evaluator, locator.span)
        ),
        requests=tuple(constructed_requests(index, evaluator)),
        signature_checks=tuple(webhooks.signature_checks(index, evaluator, text)),
        retry_helpers=tuple(retry_helpers(index.scope)) if WAITS.search(text) else (),
        unknown_methods=tuple(unknown_methods),
        sdk_imports=tuple(sdk_imports(index.imports, locator.span)),
        framework_handlers=tuple(
            framework_handlers(index.calls, evaluator, locator.span)
        ),
        unfollowed_imports=pruned.unfollowed,
        unconnected_lines=tuple(pruned.unconnected_lines),
    )


def _imported_receiver(
    func: cst.Attribute, scope: Scope, evaluator: Evaluator
) -> ModuleReference | None:
    """Return the import behind `receiver.method` when it may be a client.

    Only receivers imported from other modules and only method names that some
    client has are kept, so the project pass has few calls to look at.
    """
    if not sdk.is_client_method(Language.PYTHON, func.attr.value):
        return None
    return imported_object(func.value, scope, evaluator)


def _exports(module_scope: Scope, resolver: ClientResolver) -> Iterator[Export]:
    """Yield the module-level names that hold a client."""
    for name, bindings in module_scope.bindings.items():
        if len(bindings) != 1 or name.startswith("__"):
            continue
        resolved = resolver.resolve(cst.Name(name), module_scope)
        if resolved is not None:
            yield Export(name, resolved.client)
    for name in factory_names(module_scope):
        resolved = resolver.resolve(cst.Call(cst.Name(name)), module_scope)
        if resolved is not None:
            yield Export(f"{name}()", resolved.client)


def _parse(
    text: str, follow: frozenset[str]
) -> tuple[Pruned, cst.Module | SyntaxProblem]:
    """Parse the file without the definitions that cannot matter, else whole."""
    pruned = prune(text, follow)
    if not pruned.left_out:
        return pruned, parse(text)
    try:
        module = parse(pruned.text)
    except AnalysisError:
        module = None
    if isinstance(module, cst.Module):
        return pruned, module
    return Pruned(text), parse(text)


class _Locator:
    """Compute node positions on first use, and find the calls recorded at them.

    Only the nodes that become records are turned into spans, and only the
    statements that hold them are regenerated (see `offsets`). Positions are
    those of the file, also when definitions were left out of the parse.
    """

    def __init__(
        self, module: cst.Module, pruned: Pruned, text: str, index: ModuleIndex
    ) -> None:
        self._lines = LineIndex(text)
        self._pruned = pruned
        parsed = LineIndex(pruned.text) if pruned.left_out else self._lines
        self._offsets = NodeOffsets(
            module, pruned.text, parsed, index.statements, pruned.parsed
        )
        self._records = index.calls
        self._located: dict[tuple[int, int], CallRecord] = {}
        self._by_node: dict[cst.CSTNode, CallRecord] = {
            record.node: record for record in index.calls
        }
        self._all_located = False

    def span(self, node: cst.CSTNode) -> Span:
        start, end = self._pruned.original_range(*self._offsets[node])
        record = self._by_node.get(node)
        if record is not None:
            self._located.setdefault((start, end), record)
        return Span(self._lines.position(start), self._lines.position(end), start, end)

    def record_at(self, where: Span) -> CallRecord | None:
        """Return the first call recorded at `where`, in source order."""
        key = (where.start_offset, where.end_offset)
        found = self._located.get(key)
        if found is None and not self._all_located:
            # A span made from another node than the call's: locate every call.
            self._all_located = True
            for record in self._records:
                self.span(record.node)
            found = self._located.get(key)
        return found
