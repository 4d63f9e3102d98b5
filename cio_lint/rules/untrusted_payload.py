"""CIO207 untrusted-payload: request input sent whole or used as an event name."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import Api, ApiCall, FileModel, RequestInput, Value
from cio_lint.rules.base import Rule

# The APIs that store what they are sent as profile attributes or events.
_PROFILE_APIS = frozenset({Api.TRACK, Api.PIPELINES})
# Object values are searched this many levels deep for request input.
_MAX_DEPTH = 4


class UntrustedPayload(Rule):
    code = "CIO207"
    name = "untrusted-payload"
    summary = (
        "Web request input passed whole into an identify or track payload, or "
        "used as the event name."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if call.api not in _PROFILE_APIS:
                continue
            yield from _check_call(call)


def _check_call(call: ApiCall) -> Iterator[Violation]:
    reported: set[int] = set()
    name = call.event_name
    if name is not None and name.request_input is not None:
        reported.add(name.span.start_offset)
        yield Violation.at(name.span, _event_message(name.request_input))
    values = [item.value for item in call.arguments]
    values.extend(call.spreads)
    for value in _whole_inputs(values):
        if value.span.start_offset in reported:
            continue
        reported.add(value.span.start_offset)
        assert value.request_input is not None
        yield Violation.at(value.span, _payload_message(call, value.request_input))


def _whole_inputs(values: list[Value], depth: int = 0) -> Iterator[Value]:
    """Yield the values that are a whole request input, searching object fields."""
    for value in values:
        found = value.request_input
        if found is not None and found.whole:
            yield value
        elif depth < _MAX_DEPTH and value.fields:
            nested = [item.value for item in value.fields]
            yield from _whole_inputs(nested, depth + 1)


def _payload_message(call: ApiCall, found: RequestInput) -> str:
    return (
        f"The request input {found.source} goes whole into this {call.api.value} "
        f"{call.operation} payload, so any caller can set any attribute or event "
        "data, including the ones that drive segments and campaigns: copy only "
        "the fields you expect, after validating them"
    )


def _event_message(found: RequestInput) -> str:
    return (
        f"The event name comes from the request input {found.source}, so any "
        "caller can send any event and trigger the campaigns it starts: map the "
        "input to a fixed set of event names"
    )
