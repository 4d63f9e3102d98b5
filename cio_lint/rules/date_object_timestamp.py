"""CIO102 date-object-timestamp: a Date or ISO-8601 string where seconds belong."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.edits import Applicability, Fix, RewritePurpose
from cio_lint.findings import Violation
from cio_lint.model import (
    Expectation,
    FileModel,
    Language,
    PayloadField,
    TimeInfo,
    TimeUnit,
)
from cio_lint.rules.base import Rule
from cio_lint.rules.fixes import fix_from

_JAVASCRIPT_FIX = (
    "send Math.floor(date.getTime() / 1000), or getUnixTime(date) from date-fns"
)
_PYTHON_FIX = (
    "pass the datetime itself, which the SDK converts to Unix seconds, "
    "or int(dt.timestamp())"
)
# A plain HTTP body is sent as written: no SDK converts or drops anything.
_PYTHON_HTTP_FIX = "send int(dt.timestamp())"
_NO_MATCH = (
    "Customer.io expects Unix seconds, so timestamp segment conditions and "
    "campaign triggers never match it"
)


class DateObjectTimestamp(Rule):
    code = "CIO102"
    name = "date-object-timestamp"
    summary = (
        "A Date object or an ISO-8601 string is sent where Customer.io expects "
        "Unix seconds."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            for field in call.fields_expecting(Expectation.UNIX_SECONDS):
                time = field.value.time
                if time is None or time.unit not in (
                    TimeUnit.DATE_OBJECT,
                    TimeUnit.ISO_STRING,
                ):
                    continue
                message = _message(
                    model.language, field, time, raw_http=call.http is not None
                )
                yield Violation.at(field.value.span, message, fix=_fix(field, time))


def _fix(field: PayloadField, time: TimeInfo) -> Fix | None:
    """Convert to Unix seconds: safe on the date expression itself.

    Through a variable the conversion happens at the use, which is right
    only if the variable always contains a date, so the fix is unsafe there.
    """
    direct = time.source_span == field.value.span
    applicability = Applicability.SAFE if direct else Applicability.UNSAFE
    return fix_from(
        field.value,
        RewritePurpose.TO_UNIX_SECONDS,
        applicability,
        "Convert to Unix seconds",
    )


def _message(
    language: Language, field: PayloadField, time: TimeInfo, *, raw_http: bool = False
) -> str:
    name = field.path[-1]
    source = _source(field, time)
    if language is Language.PYTHON and raw_http:
        return (
            f"'{name}' receives an ISO-8601 string from {source}; {_NO_MATCH}: "
            f"{_PYTHON_HTTP_FIX}"
        )
    if language is Language.PYTHON:
        dropped = ""
        if field.path == ("timestamp",):
            dropped = (
                "; as an event timestamp the Python SDK drops a string that is "
                "not a number, so the event takes the time it arrives"
            )
        return (
            f"'{name}' receives an ISO-8601 string from {source}; {_NO_MATCH}"
            f"{dropped}: {_PYTHON_FIX}"
        )
    if time.unit is TimeUnit.DATE_OBJECT:
        return (
            f"'{name}' receives a Date object from {source}, which JSON.stringify "
            f"sends as an ISO-8601 string; {_NO_MATCH}: {_JAVASCRIPT_FIX}"
        )
    return (
        f"'{name}' receives an ISO-8601 string from {source}; {_NO_MATCH}: "
        f"{_JAVASCRIPT_FIX}"
    )


def _source(field: PayloadField, time: TimeInfo) -> str:
    """Name the expression that made the value, and where, if it is elsewhere."""
    if time.source_span == field.value.span or field.value.text == time.source:
        return time.source
    line = time.source_span.start.line
    return f"{field.value.text} ({time.source}, line {line})"
