"""CIO105 event-time-in-attributes: `timestamp` inside the event's data."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint import sdk
from cio_lint.findings import Violation
from cio_lint.model import ApiCall, FileModel
from cio_lint.rules.base import Rule


class EventTimeInAttributes(Rule):
    code = "CIO105"
    name = "event-time-in-attributes"
    summary = (
        "The event time is put inside the event's data or properties instead of "
        "the call's own timestamp, so the event is recorded at arrival time."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            data = call.event_data
            if data is None or data.fields is None or _sets_own_time(call):
                continue
            for item in data.fields:
                if item.key != "timestamp":
                    continue
                yield Violation.at(
                    item.key_span or item.value.span,
                    "'timestamp' inside the event data is stored as an ordinary "
                    "event attribute, not as the event time, so Customer.io records "
                    f"the event when it arrives: {_hint(call)}",
                )


def _sets_own_time(call: ApiCall) -> bool:
    """Tell whether the call already passes the event time in its own slot.

    Then a `timestamp` key in the data is deliberate data, not a misplaced time.
    """
    return any(
        item.path[-1] == "timestamp" and len(item.path) <= 2
        for item in call.fields
        if item.expects is not None
    )


def _hint(call: ApiCall) -> str:
    """Name the call's own timestamp slot, from the catalogue."""
    if call.client is None:
        return "pass it as the request's top-level timestamp"
    method = sdk.spec_of(call.client).methods.get(call.method)
    if method is None or not method.timestamp_fields:
        return "pass it as the call's own timestamp"
    path = method.timestamp_fields[0]
    if len(path) == 1:
        return f"pass it as {call.method}()'s own {path[0]} argument"
    beside_name = method.event_name is not None and method.event_name[0] == path[0]
    where = ", next to the event name" if beside_name else ""
    return (
        f"pass it as the top-level {path[-1]} of {call.method}()'s {path[0]} "
        f"argument{where}"
    )
