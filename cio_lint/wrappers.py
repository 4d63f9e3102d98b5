"""Calls through the project's own wrappers, one level deep.

Most applications call Customer.io through a helper: `tracker.event(user,
name, **props)`, `cioRequest(method, path, body)`. A front-end records each
function whose parameters reach a Customer.io call as a `Wrapper`, with the
call as written inside it, and each call that may target such a function as a
`WrapperCall`. Once the project is linked, `expand` puts the caller's
arguments in place of the parameters and binds the result as the Customer.io
call it makes, so that findings land at the caller's arguments.

Only what the caller supplies is kept in the expanded call: a literal written
inside the wrapper is reported once, at the wrapper's own call, and never
again at each caller. This module depends on no syntax.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence

from msgspec import Struct, field
from msgspec.structs import replace

from cio_lint import sdk
from cio_lint.binding import bind_call
from cio_lint.http_binding import HttpCallSite, bind_http
from cio_lint.model import (
    ApiCall,
    CallArguments,
    CallContext,
    Client,
    Field,
    HttpAuth,
    ModuleReference,
    Span,
    Value,
    ValueKind,
    WrapperUse,
)
from cio_lint.templates import Hole, Template, concat, holes


class ParameterKind(enum.Enum):
    POSITIONAL = "positional or keyword"
    POSITIONAL_ONLY = "positional only"
    KEYWORD_ONLY = "keyword only"
    VAR_POSITIONAL = "variable positional"
    VAR_KEYWORD = "variable keyword"


class WrapperParameter(Struct, frozen=True):
    """A parameter of a wrapper, without `self`: its name and how it binds."""

    name: str
    kind: ParameterKind


class WrappedSdkCall(Struct, frozen=True):
    """An SDK method call inside a wrapper, with its arguments as written.

    `receiver` is set, and `client` is None, when the client is imported from
    another file and becomes known only when the project is linked.
    """

    method: str
    arguments: CallArguments
    client: Client | None = None
    receiver: ModuleReference | None = None


class Wrapper(Struct, frozen=True):
    """A project function or method whose parameters reach a Customer.io call.

    `name` is dotted within its module: `send_event`, `Tracker.event`, or
    `tracker.event` for a module-level instance of a wrapper class. Exactly
    one of `sdk_call` and `http_site` is set.
    """

    name: str
    parameters: tuple[WrapperParameter, ...]
    span: Span
    sdk_call: WrappedSdkCall | None = None
    http_site: HttpCallSite | None = None
    http_receiver: ModuleReference | None = None
    """The client object imported from another file that `http_site` is
    called on; the project pass applies the object's base URL and auth."""

    def renamed(self, name: str) -> Wrapper:
        return replace(self, name=name)


class WrapperCall(Struct, frozen=True):
    """A call that may target a wrapper, with the arguments written at it.

    `targets` are the places where the callee may be defined: pairs of an
    import specifier (empty for this file) and a dotted name in that module.
    A Python name such as `app.tracking.tracker.event` splits into module and
    name in several ways, so each split is a target.
    `templates` hold the text of string arguments, by position or keyword, for
    the URL and method of plain HTTP wrappers.
    """

    targets: tuple[tuple[str, str], ...]
    callee: str
    arguments: CallArguments
    span: Span
    templates: tuple[tuple[int | str, Template], ...] = ()
    context: CallContext = field(default_factory=lambda: CallContext())
    """The context of the call to the wrapper, such as the loop it runs in."""
    queued: bool = False
    """Set for a task queued to run later in a worker (`task.delay(...)`), whose
    calls are not repeated by a loop around the queueing."""


# Expansion ------------------------------------------------------------------


def expand(
    wrapper: Wrapper,
    call: WrapperCall,
    defined_in: str,
    client: Client | None = None,
) -> ApiCall | None:
    """Return the Customer.io call that `call` makes through `wrapper`, or None.

    `client` is the client of a wrapped SDK call on an imported receiver,
    found by the project pass. None is returned when the caller supplies no
    value that reaches the call.
    """
    bound = _bind(wrapper.parameters, call)
    if not bound.values:
        return None
    use = WrapperUse(call.callee, defined_in, wrapper.span.start.line)
    url_given = False
    if wrapper.sdk_call is not None:
        expanded = _expand_sdk(wrapper.sdk_call, bound, call.span, client)
    elif wrapper.http_site is not None:
        expanded = _expand_http(wrapper, bound, call.span)
        url_given = any(
            part.value.parameter in bound.values
            for part in holes(wrapper.http_site.url)
        )
    else:
        expanded = None
    if expanded is None:
        return None
    return _from_caller(expanded, bound.supplied, use, url_given)


class _Binding(Struct):
    """The caller's values and string templates, by wrapper parameter name."""

    values: dict[str, Value]
    templates: dict[str, Template]
    supplied: set[int]
    """The ids of every value the caller wrote, fields included."""


def _bind(parameters: Sequence[WrapperParameter], call: WrapperCall) -> _Binding:
    arguments = call.arguments
    values: dict[str, Value] = {}
    templates: dict[str, Template] = {}
    argument_templates = dict(call.templates)
    positional = [
        item
        for item in parameters
        if item.kind in (ParameterKind.POSITIONAL, ParameterKind.POSITIONAL_ONLY)
    ]
    for index, (parameter, value) in enumerate(
        zip(positional, arguments.positional, strict=False)
    ):
        values[parameter.name] = value
        if index in argument_templates:
            templates[parameter.name] = argument_templates[index]

    named = {
        item.name
        for item in parameters
        if item.kind in (ParameterKind.POSITIONAL, ParameterKind.KEYWORD_ONLY)
    }
    extra: list[Field] = []
    keywords = [*arguments.keywords]
    for spread in arguments.spreads:
        keywords.extend(spread.fields or ())
    for keyword in keywords:
        if keyword.key in named:
            values.setdefault(keyword.key, keyword.value)
            if keyword.key in argument_templates:
                templates[keyword.key] = argument_templates[keyword.key]
        else:
            extra.append(keyword)

    var_keyword = next(
        (item for item in parameters if item.kind is ParameterKind.VAR_KEYWORD), None
    )
    if var_keyword is not None and extra:
        values[var_keyword.name] = _collected(extra)
    supplied = {id(value) for value in _deep(values.values())}
    return _Binding(values, templates, supplied)


def _collected(keywords: Sequence[Field]) -> Value:
    """Return the dict that a `**kwargs` parameter receives."""
    first = keywords[0].key_span or keywords[0].value.span
    last = keywords[-1].value.span
    span = Span(first.start, last.end, first.start_offset, last.end_offset)
    text = ", ".join(f"{item.key}={item.value.text}" for item in keywords)
    return Value(ValueKind.OBJECT, span, text, fields=tuple(keywords))


def _deep(values: Iterable[Value]) -> Iterator[Value]:
    stack = list(values)
    while stack:
        value = stack.pop()
        yield value
        stack.extend(item.value for item in value.fields or ())


def _substitute(value: Value, bound: Mapping[str, Value]) -> Value:
    """Put the caller's values in place of the parameters inside `value`."""
    if value.parameter is not None and value.parameter in bound:
        return bound[value.parameter]
    if not value.fields:
        return value
    fields = tuple(
        replace(item, value=_substitute(item.value, bound)) for item in value.fields
    )
    return replace(value, fields=fields)


def _expand_sdk(
    wrapped: WrappedSdkCall, bound: _Binding, span: Span, client: Client | None
) -> ApiCall | None:
    client = wrapped.client or client
    if client is None:
        return None
    written = wrapped.arguments
    values = bound.values
    arguments = CallArguments(
        positional=tuple(_substitute(item, values) for item in written.positional),
        keywords=tuple(
            replace(item, value=_substitute(item.value, values))
            for item in written.keywords
        ),
        spreads=tuple(_substitute(item, values) for item in written.spreads),
        open_ended=written.open_ended,
    )
    return bind_call(sdk.spec_of(client), client, wrapped.method, arguments, span)


def _expand_http(wrapper: Wrapper, bound: _Binding, span: Span) -> ApiCall | None:
    site = wrapper.http_site
    assert site is not None
    method = site.method
    if method is None and site.method_parameter is not None:
        method_value = bound.values.get(site.method_parameter)
        if method_value is not None and isinstance(method_value.literal, str):
            method = method_value.literal
    url = concat(*(_template_part(part, bound) for part in site.url))
    body = _substitute(site.body, bound.values) if site.body is not None else None
    expanded = replace(site, span=span, method=method, url=url, body=body)
    return bind_http(expanded)


def _template_part(part: object, bound: _Binding) -> Template:
    if isinstance(part, Hole) and part.value.parameter is not None:
        name = part.value.parameter
        if name in bound.templates:
            return bound.templates[name]
        if name in bound.values:
            return (Hole(bound.values[name]),)
    return (part,)  # type: ignore[return-value]


def _from_caller(
    call: ApiCall, supplied: set[int], use: WrapperUse, url_given: bool
) -> ApiCall | None:
    """Keep only the parts of `call` that the caller wrote.

    Values written inside the wrapper have spans in the wrapper's file; they
    are checked at the wrapper's own call and must not be reported again.
    """

    def mine(value: Value | None) -> Value | None:
        return value if value is not None and id(value) in supplied else None

    fields = tuple(item for item in call.fields if id(item.value) in supplied)
    event_name = mine(call.event_name)
    event_data = mine(call.event_data)
    if not fields and event_name is None and event_data is None:
        return None
    http = call.http
    if http is not None:
        http = replace(
            http, url_span=call.span, host_span=None, auth=_auth(http.auth, supplied)
        )
    return replace(
        call,
        arguments=tuple(item for item in call.arguments if id(item.value) in supplied),
        fields=fields,
        event_name=event_name,
        event_data=event_data,
        http=http,
        wrapper=use,
    )


def _auth(auth: HttpAuth | None, supplied: set[int]) -> HttpAuth | None:
    """Keep auth only when the caller supplies a credential, placed at it."""
    if auth is None:
        return None
    from_caller = [value for value in auth.credentials if id(value) in supplied]
    if not from_caller:
        return None
    return replace(auth, span=from_caller[0].span, source=from_caller[0].text)
