"""The project pass: link calls on imported names to clients in other files.

Each file is analysed alone, so a call on a name imported from another file
(`from .cio import cio`, `const { cio } = require("./cio")`) waits as a
`PendingCall`. Once every file is analysed, the import is resolved to a linted
file. If that file exports a client under the imported name, the call is bound
as if the client had been built in the calling file. Names imported for their
value, such as an event name constant, are replaced by the constant they name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from cio_lint import sdk
from cio_lint.binding import bind_call, unknown_method
from cio_lint.guards import wrapper_guards, wrapper_limited, wrapper_returns_promise
from cio_lint.http_binding import (
    HttpCallSite,
    HttpClientExport,
    bind_http,
    bind_imported_client,
    imported_url_start,
    names_customerio_host,
    with_url_start,
)
from cio_lint.languages import Frontend
from cio_lint.model import (
    ApiCall,
    Client,
    FileModel,
    Language,
    MethodCall,
    ModuleReference,
    PendingCall,
    PendingHttpCall,
    RetryCandidate,
    Value,
)
from cio_lint.wrappers import Wrapper, WrapperCall, expand

LOG = logging.getLogger(__name__)


class AnalyzedFile(Struct, frozen=True):
    """A file's model with the front-end that produced it."""

    path: Path
    frontend: Frontend
    model: FileModel


# Constants that re-export constants are followed this many files deep.
MAX_REFERENCE_DEPTH = 4


def link(files: Mapping[Path, AnalyzedFile]) -> dict[Path, FileModel]:
    """Return every file's model with pending calls and imported values resolved."""
    bound = {path: _bind_file(analyzed, files) for path, analyzed in files.items()}
    linked: dict[Path, FileModel] = {}
    for path, analyzed in files.items():
        model = analyzed.model
        own, unknown = bound[path]
        # A call bound here already, such as on an axios instance that is
        # also a wrapper, is not expanded again.
        on_clients = {call.span for call in own}
        expanded = [
            call
            for wrapper_call in model.wrapper_calls
            if wrapper_call.span not in on_clients
            for call in _expand(analyzed, wrapper_call, files, bound)
        ]
        calls = tuple(
            _resolve_call(call, analyzed, files) for call in (*own, *expanded)
        )
        unknown_methods = (*model.unknown_methods, *unknown)
        linked[path] = replace(model, calls=calls, unknown_methods=unknown_methods)
    return linked


_Bound = tuple[tuple[ApiCall, ...], tuple[MethodCall, ...]]


def _bind_file(analyzed: AnalyzedFile, files: Mapping[Path, AnalyzedFile]) -> _Bound:
    """Return the calls a file makes itself, with those on imported clients bound.

    Calls on an imported name that is no client's method are returned apart.
    """
    model = analyzed.model
    results = [
        _bind_pending(analyzed, pending, files) for pending in model.pending_calls
    ]
    calls = [*model.calls, *(item for item in results if isinstance(item, ApiCall))]
    calls.extend(
        call
        for pending_http in model.pending_http
        if (call := _bind_pending_http(analyzed, pending_http, files)) is not None
    )
    unknown = tuple(item for item in results if isinstance(item, MethodCall))
    return tuple(calls), unknown


def referenced_modules(
    analyzed: AnalyzedFile, files: Mapping[Path, AnalyzedFile]
) -> set[str]:
    """Return the import specifiers whose constants the file's calls send.

    Calls on clients imported from other files are still pending here, so the
    written arguments of those that reach a client or a wrapper in `files` are
    searched too. Other calls of imported functions send nothing to
    Customer.io, and the files of their arguments need no analysis.
    """
    model = analyzed.model
    values: list[Value] = []
    for call in model.calls:
        values.extend(item.value for item in call.fields)
        if call.event_name is not None:
            values.append(call.event_name)
    written = [
        pending.arguments
        for pending in model.pending_calls
        if _exported_client(
            analyzed, pending.receiver.specifier, pending.receiver.export, files
        )
    ]
    written.extend(
        call.arguments
        for call in model.wrapper_calls
        if _find_wrappers(analyzed, call, files)
    )
    for arguments in written:
        values.extend(arguments.positional)
        values.extend(item.value for item in arguments.keywords)
        values.extend(arguments.spreads)
    specifiers = {
        specifier
        for value in _with_fields(values)
        for specifier, _ in _definitions(value, model.language)
    }
    # A helper that takes the whole URL is reached by the Customer.io URL its
    # caller writes, so the file that defines it is analysed too.
    for wrapper_call in model.wrapper_calls:
        if any(names_customerio_host(item) for _, item in wrapper_call.templates):
            specifiers.update(module for module, _ in wrapper_call.targets if module)
    # A URL constant or a client object imported from another file decides
    # where a call goes.
    for pending in model.pending_http:
        if pending.receiver is not None:
            specifiers.add(pending.receiver.specifier)
        start = imported_url_start(pending.site.url)
        if start is not None:
            specifiers.update(
                module for module, _ in _definitions(start, model.language)
            )
    # A retry helper imported from another file is recognised by its shape
    # there, so that file is analysed too.
    for call in model.calls:
        specifiers.update(
            wrapper.module
            for wrapper in call.context.retry_candidates
            if wrapper.module
        )
    return specifiers


def _with_fields(values: list[Value]) -> Iterator[Value]:
    """Yield the values and, depth first, the fields of object values."""
    stack = list(values)
    while stack:
        value = stack.pop()
        yield value
        stack.extend(item.value for item in value.fields or ())


def _resolve_call(
    call: ApiCall, analyzed: AnalyzedFile, files: Mapping[Path, AnalyzedFile]
) -> ApiCall:
    """Replace values imported from other files by the constants they name."""
    event_name = call.event_name
    if event_name is not None:
        event_name = resolve_value(event_name, analyzed, files)
    fields = tuple(
        replace(item, value=resolve_value(item.value, analyzed, files))
        for item in call.fields
    )
    if event_name is call.event_name and fields == call.fields:
        return call
    return replace(call, event_name=event_name, fields=fields)


def resolve_value(
    value: Value,
    analyzed: AnalyzedFile,
    files: Mapping[Path, AnalyzedFile],
    depth: int = 0,
) -> Value:
    """Return the constant an imported name refers to, seen at the place of use.

    The result keeps the use site's span and text; `origin` and `defined_in`
    point at the definition, where findings about the name itself belong.
    """
    found = _imported_constant(value, analyzed, files)
    if found is None or depth >= MAX_REFERENCE_DEPTH:
        return value
    constant, defined = found
    constant = resolve_value(constant, defined, files, depth + 1)
    return replace(
        constant,
        span=value.span,
        text=value.text,
        origin=constant.origin or constant.span,
        defined_in=constant.defined_in or str(defined.path),
    )


def _imported_constant(
    value: Value, analyzed: AnalyzedFile, files: Mapping[Path, AnalyzedFile]
) -> tuple[Value, AnalyzedFile] | None:
    """Return the constant an imported value names and the file defining it."""
    for specifier, name in _definitions(value, analyzed.model.language):
        target = analyzed.frontend.resolve_import(
            analyzed.path, specifier, files.keys()
        )
        if target is None:
            continue
        defined = files[target]
        for item in defined.model.constants:
            if item.name == name:
                return item.value, defined
    return None


def _definitions(value: Value, language: Language) -> Iterator[tuple[str, str]]:
    """Yield the modules that may define an imported value, with its name there.

    In Python, `from app import events` then `events.SIGNED_UP` names the
    attribute `events.SIGNED_UP` of the package `app` or, when `events` is a
    module of that package, the constant `SIGNED_UP` of `app.events`.
    """
    reference = value.reference
    if reference is None:
        return
    yield reference.specifier, ".".join((reference.export, *value.reference_path))
    if language is Language.PYTHON and value.reference_path:
        specifier = reference.specifier
        separator = "" if specifier.endswith(".") else "."
        module = f"{specifier}{separator}{reference.export}"
        yield module, ".".join(value.reference_path)


def _bind_pending(
    analyzed: AnalyzedFile, pending: PendingCall, files: Mapping[Path, AnalyzedFile]
) -> ApiCall | MethodCall | None:
    receiver = pending.receiver
    client = _exported_client(analyzed, receiver.specifier, receiver.export, files)
    if client is None:
        return None
    LOG.debug(
        "%s: %s from %s is a client", analyzed.path, receiver.export, receiver.specifier
    )
    spec = sdk.spec_of(client)
    arguments = pending.arguments
    call = bind_call(spec, client, pending.method, arguments, pending.span)
    if call is None:
        return unknown_method(spec, client, pending.method, arguments, pending.span)
    return replace(call, context=pending.context)


def _bind_pending_http(
    analyzed: AnalyzedFile,
    pending: PendingHttpCall,
    files: Mapping[Path, AnalyzedFile],
) -> ApiCall | None:
    """Bind a plain HTTP call on an imported client, or to an imported URL."""
    resolved = _resolved_site(pending.site, pending.receiver, analyzed, files)
    call = bind_http(resolved[0]) if resolved is not None else None
    if resolved is None or call is None:
        return None
    context = pending.context
    client = resolved[1]
    if client is not None and client.retrying and client.library == "requests.Session":
        applied = RetryCandidate("requests.adapters.HTTPAdapter", pending.span)
        candidates = (*context.retry_candidates, applied)
        context = replace(context, retry_candidates=candidates)
    LOG.debug("%s: %s reaches Customer.io", analyzed.path, call.http and call.http.url)
    return replace(call, context=context)


def _with_imported_parts(
    wrapper: Wrapper, defined: AnalyzedFile, files: Mapping[Path, AnalyzedFile]
) -> Wrapper | None:
    """Apply the imported client object and URL constant of a wrapper's request.

    None means the wrapper's request goes through an imported object that is
    no HTTP client the project exports.
    """
    site = wrapper.http_site
    if site is None:
        return wrapper
    resolved = _resolved_site(site, wrapper.http_receiver, defined, files)
    if resolved is None:
        return None
    return replace(wrapper, http_site=resolved[0], http_receiver=None)


def _resolved_site(
    site: HttpCallSite,
    receiver: ModuleReference | None,
    analyzed: AnalyzedFile,
    files: Mapping[Path, AnalyzedFile],
) -> tuple[HttpCallSite, HttpClientExport | None] | None:
    """Apply an imported client object's defaults and an imported URL constant.

    Returns the site and the client object it is called on, if any; None when
    `receiver` is no HTTP client the project exports. A client's base URL may
    itself start with a constant that the client's own file imports, so it is
    resolved from that file.
    """
    client, home = None, analyzed
    if receiver is not None:
        found = _exported_http_client(analyzed, receiver, files)
        if found is None:
            return None
        client, home = found
        site = bind_imported_client(site, client)
    start = imported_url_start(site.url)
    if start is not None:
        constant = resolve_value(start, home, files)
        if isinstance(constant.literal, str):
            site = replace(site, url=with_url_start(site.url, constant))
    return site, client


def _exported_http_client(
    analyzed: AnalyzedFile,
    receiver: ModuleReference,
    files: Mapping[Path, AnalyzedFile],
) -> tuple[HttpClientExport, AnalyzedFile] | None:
    """Return the HTTP client object another file exports, and that file."""
    target = analyzed.frontend.resolve_import(
        analyzed.path, receiver.specifier, files.keys()
    )
    if target is None:
        return None
    defined = files[target]
    for client in defined.model.http_clients:
        if client.name == receiver.export:
            return client, defined
    return None


def _exported_client(
    analyzed: AnalyzedFile,
    specifier: str,
    export: str,
    files: Mapping[Path, AnalyzedFile],
) -> Client | None:
    target = analyzed.frontend.resolve_import(analyzed.path, specifier, files.keys())
    if target is None:
        return None
    for item in files[target].model.exports:
        if item.name == export:
            return item.client
    return None


def _expand(
    analyzed: AnalyzedFile,
    call: WrapperCall,
    files: Mapping[Path, AnalyzedFile],
    bound: Mapping[Path, _Bound],
) -> Iterator[ApiCall]:
    """Yield the Customer.io calls made through a project wrapper, if `call` is one.

    A wrapper that makes several calls (an identify and a track) gives each. A
    wrapper that catches its call's error guards its callers.
    """
    for wrapper, defined in _find_wrappers(analyzed, call, files):
        client = None
        receiver = wrapper.sdk_call.receiver if wrapper.sdk_call else None
        if receiver is not None:
            client = _exported_client(
                defined, receiver.specifier, receiver.export, files
            )
            if client is None:
                continue
        resolved = _with_imported_parts(wrapper, defined, files)
        if resolved is None:
            continue
        LOG.debug(
            "%s: %s() is a wrapper in %s", analyzed.path, call.callee, defined.path
        )
        expanded = expand(resolved, call, str(defined.path), client)
        if expanded is None:
            continue
        use = expanded.wrapper
        # The wrapper's own call may be on a client it imports, bound only now.
        inside = bound[defined.path][0] if defined.path in bound else ()
        if use is not None and wrapper_guards(wrapper, inside):
            use = replace(use, guarded=True)
        if use is not None and wrapper_returns_promise(wrapper, inside):
            use = replace(use, returns_promise=True)
        if use is not None and wrapper_limited(wrapper, inside):
            use = replace(use, limited=True)
        # A queued task runs later in a worker, so a loop around the queueing
        # sends no burst of requests from this process.
        context = replace(call.context, loop=None) if call.queued else call.context
        yield replace(expanded, context=context, wrapper=use)


def _find_wrappers(
    analyzed: AnalyzedFile, call: WrapperCall, files: Mapping[Path, AnalyzedFile]
) -> list[tuple[Wrapper, AnalyzedFile]]:
    """Return the wrappers the first target that names any defines."""
    for specifier, name in call.targets:
        defined: AnalyzedFile | None = analyzed
        if specifier:
            target = analyzed.frontend.resolve_import(
                analyzed.path, specifier, files.keys()
            )
            defined = files[target] if target is not None else None
        if defined is None:
            continue
        found = [
            (wrapper, defined)
            for wrapper in defined.model.wrappers
            if wrapper.name == name
        ]
        if found:
            return found
    return []
