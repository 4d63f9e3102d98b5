"""CIO402 malformed-event-name: names Customer.io rejects, trims or misreads."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.rules.base import Rule
from cio_lint.rules.event_names import EventName, event_names

# The Track API limit on event names.
MAX_NAME_BYTES = 100

# Data Pipelines events with these exact names trigger an operation (deleting a
# person, a device...) instead of being stored as an ordinary event.
SEMANTIC_EVENTS = (
    "Device Created or Updated",
    "Device Deleted",
    "User Deleted",
    "User Suppressed",
    "User Unsuppressed",
    "Relationship Deleted",
    "Object Deleted",
    "Report Delivery Event",
)


class MalformedEventName(Rule):
    code = "CIO402"
    name = "malformed-event-name"
    summary = (
        "An event name is empty, has surrounding whitespace, is over 100 bytes, "
        "or nearly matches a Data Pipelines semantic event."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for event in event_names(model):
            problem = _problem(event)
            if problem is not None:
                yield event.violation(problem)


def _problem(event: EventName) -> str | None:
    name = event.name
    if not name.strip():
        return (
            f"Event name {name!r} is empty; Customer.io needs a name to store the "
            "event and to trigger campaigns on it"
        )
    if name != name.strip():
        where = "leading" if name[0].isspace() else "trailing"
        if name[0].isspace() and name[-1].isspace():
            where = "leading and trailing"
        return (
            f"Event name {name!r} has {where} whitespace; Customer.io trims it and "
            "campaigns cannot reference such a name: remove the whitespace"
        )
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return (
            f"Event name is {size} bytes long; the Track API accepts at most "
            f"{MAX_NAME_BYTES} bytes: shorten it"
        )
    if event.is_pipelines:
        semantic = _near_semantic(name)
        if semantic is not None:
            return (
                f"Event name {name!r} nearly matches the Data Pipelines semantic "
                f"event {semantic!r}; only the exact name triggers that operation, "
                f"so this one is stored as an ordinary event: use {semantic!r}"
            )
    return None


def _near_semantic(name: str) -> str | None:
    """Return the semantic event `name` misspells, or None."""
    key = _key(name)
    for semantic in SEMANTIC_EVENTS:
        if name == semantic:
            return None
        semantic_key = _key(semantic)
        is_prefix = len(name.split()) >= 2 and semantic_key.startswith(key)
        if key == semantic_key or is_prefix:
            return semantic
    return None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())
