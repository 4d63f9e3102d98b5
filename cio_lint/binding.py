"""Bind the arguments of a call on a known client to the catalogue's parameters.

Front-ends report what is written at a call: positional values, keywords and
spread objects. This module, which depends on no syntax, turns that into an
`ApiCall` whose payload fields carry what Customer.io expects in them.
"""

from __future__ import annotations

from collections.abc import Sequence

from cio_lint.model import (
    ApiCall,
    CallArguments,
    Client,
    Expectation,
    Field,
    MethodCall,
    PayloadField,
    Span,
    Value,
)
from cio_lint.sdk.specs import (
    ClientSpec,
    FieldPath,
    Param,
    ParamKind,
    is_timestamp_attribute,
    names_a_view,
)


def bind_arguments(
    parameters: Sequence[Param], arguments: CallArguments
) -> tuple[Field, ...]:
    """Bind arguments to parameters by position, then by keyword.

    Keywords without a parameter of their name are kept under their own name
    when the signature has a var-keyword parameter, and dropped otherwise.
    """
    positional_params = [
        param for param in parameters if param.kind is ParamKind.POSITIONAL_OR_KEYWORD
    ]
    var_keyword = _var_keyword_names(parameters)
    declared = {param.name for param in parameters} - var_keyword
    takes_extra = any(param.kind is ParamKind.VAR_KEYWORD for param in parameters)
    bound: dict[str, Field] = {}

    for param, value in zip(positional_params, arguments.positional, strict=False):
        bound[param.name] = Field(param.name, value)

    keywords = list(arguments.keywords)
    for spread in arguments.spreads:
        keywords.extend(spread.fields or ())
    for keyword in keywords:
        if keyword.key in declared or takes_extra:
            bound.setdefault(keyword.key, keyword)
    return tuple(bound.values())


def _var_keyword_names(parameters: Sequence[Param]) -> set[str]:
    return {param.name for param in parameters if param.kind is ParamKind.VAR_KEYWORD}


def lookup(arguments: Sequence[Field], path: FieldPath) -> Value | None:
    """Follow `path` through bound arguments and object fields."""
    if not path:
        return None
    value = next((item.value for item in arguments if item.key == path[0]), None)
    for key in path[1:]:
        if value is None:
            return None
        value = value.field(key)
    return value


def bind_call(
    spec: ClientSpec,
    client: Client | None,
    method: str,
    arguments: CallArguments,
    span: Span,
) -> ApiCall | None:
    """Build the `ApiCall` for `client.method(...)`, or None for unknown methods."""
    method_spec = spec.methods.get(method)
    if method_spec is None:
        return None
    bound = bind_arguments(method_spec.params, arguments)
    expectation = spec.timestamp_expectation
    fields: list[PayloadField] = []

    for path in method_spec.timestamp_fields:
        value = lookup(bound, path)
        if value is not None:
            fields.append(PayloadField(path, value, expectation))

    if method_spec.attributes is not None:
        declared = {param.name for param in method_spec.params}
        for key, value in _attribute_items(bound, method_spec.attributes, declared):
            expects = Expectation.UNIX_SECONDS if is_timestamp_attribute(key) else None
            fields.append(PayloadField((*method_spec.attributes, key), value, expects))

    event_name = None
    if method_spec.event_name:
        event_type = lookup(bound, (*method_spec.event_name[:-1], "type"))
        if event_type is None or not names_a_view(event_type.literal):
            event_name = lookup(bound, method_spec.event_name)
    event_data = (
        lookup(bound, method_spec.event_data) if method_spec.event_data else None
    )
    return ApiCall(
        api=spec.api,
        operation=method_spec.operation,
        method=method,
        client=client,
        span=span,
        arguments=bound,
        fields=tuple(_without_duplicates(fields)),
        event_name=event_name,
        event_data=event_data,
        written=arguments,
        spreads=arguments.spreads,
    )


def unknown_method(
    spec: ClientSpec,
    client: Client | None,
    method: str,
    arguments: CallArguments,
    span: Span,
) -> MethodCall | None:
    """Return the record of `client.method(...)` when the catalogue lacks `method`."""
    if client is None or method in spec.methods:
        return None
    return MethodCall(client, method, span, arguments)


def _attribute_items(
    bound: Sequence[Field], container: FieldPath, declared: set[str]
) -> list[tuple[str, Value]]:
    if not container:
        return [(item.key, item.value) for item in bound if item.key not in declared]
    holder = lookup(bound, container)
    if holder is None or holder.fields is None:
        return []
    return [(item.key, item.value) for item in holder.fields]


def _without_duplicates(fields: list[PayloadField]) -> list[PayloadField]:
    seen: dict[tuple[str, ...], PayloadField] = {}
    for item in fields:
        known = seen.get(item.path)
        if known is None or (known.expects is None and item.expects is not None):
            seen[item.path] = item
    return list(seen.values())
