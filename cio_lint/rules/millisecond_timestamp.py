"""CIO101 millisecond-timestamp: a sub-second epoch count where seconds belong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cio_lint.edits import Applicability, Fix, RewritePurpose
from cio_lint.findings import Violation
from cio_lint.model import (
    Expectation,
    FileModel,
    PayloadField,
    TimeInfo,
    TimeUnit,
    Value,
)
from cio_lint.rules.base import Rule
from cio_lint.rules.fixes import fix_from
from cio_lint.timeunits import year_of_seconds

_DIVISORS = {
    TimeUnit.MILLISECONDS: ("1000", "more than 50,000 years"),
    TimeUnit.MICROSECONDS: ("1_000_000", "more than 50 million years"),
    TimeUnit.NANOSECONDS: ("1_000_000_000", "more than 50 billion years"),
}


class MillisecondTimestamp(Rule):
    code = "CIO101"
    name = "millisecond-timestamp"
    summary = (
        "A time in milliseconds, microseconds or nanoseconds, or a monotonic "
        "clock reading, is sent where Customer.io expects Unix seconds."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            for field in call.fields_expecting(Expectation.UNIX_SECONDS):
                time = field.value.time
                if time is None:
                    continue
                message = _message(field, time)
                if message is not None:
                    yield Violation.at(
                        field.value.span, message, fix=_fix(field.value, time)
                    )


def _fix(value: Value, time: TimeInfo) -> Fix | None:
    """Convert to Unix seconds: safe on the clock expression itself.

    Through a variable the fix divides at the use, which is right only if
    every assignment to the variable is in the same unit, so it is unsafe.
    """
    direct = time.source_span == value.span
    applicability = Applicability.SAFE if direct else Applicability.UNSAFE
    return fix_from(
        value, RewritePurpose.TO_UNIX_SECONDS, applicability, "Convert to Unix seconds"
    )


def _message(field: PayloadField, time: TimeInfo) -> str | None:
    name = field.path[-1]
    source = _source(field, time)
    if time.unit is TimeUnit.MONOTONIC:
        return (
            f"'{name}' receives {source}, a monotonic clock that counts "
            "from an arbitrary start such as boot, not Unix time; Customer.io "
            "expects Unix seconds: use the wall clock in seconds"
        )
    if time.unit not in _DIVISORS:
        return None
    divisor, distance = _DIVISORS[time.unit]
    literal = field.value.literal
    if isinstance(literal, int) and not isinstance(literal, bool):
        reading = f"reads {literal} as a date in the year {year_of_seconds(literal)}"
    else:
        reading = f"reads it as a date {distance} ahead"
    return (
        f"'{name}' receives {time.unit.value} from {source}; Customer.io "
        f"expects Unix seconds and {reading}{_consequence(name)}: divide by "
        f"{divisor}"
    )


def _consequence(name: str) -> str:
    """Say what the wrong date breaks, by the kind of field."""
    if name == "send_at":
        return ", far beyond the 90 days ahead that a scheduled send allows"
    if name == "timestamp":
        return (
            ", so the event cannot trigger campaigns, which take only events "
            "from the last 72 hours"
        )
    if name == "last_used":
        return ""
    return ", so segment conditions on it never match"


def _source(field: PayloadField, time: TimeInfo) -> str:
    """Name the expression that made the value, and where, if it is elsewhere."""
    if time.source_span == field.value.span or field.value.text == time.source:
        return time.source
    line = time.source_span.start.line
    where = f"line {line}"
    if field.value.defined_in is not None:
        where += f" of {Path(field.value.defined_in).name}"
    return f"{field.value.text} ({time.source}, {where})"
