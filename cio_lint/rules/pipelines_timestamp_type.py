"""CIO104 pipelines-timestamp-type: an epoch number sent to Data Pipelines."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import (
    ApiCall,
    Expectation,
    FileModel,
    Language,
    TimeUnit,
    Value,
    ValueKind,
)
from cio_lint.rules.base import Rule

_EPOCH_UNITS = frozenset(
    {
        TimeUnit.SECONDS,
        TimeUnit.MILLISECONDS,
        TimeUnit.MICROSECONDS,
        TimeUnit.NANOSECONDS,
        TimeUnit.MONOTONIC,
    }
)
_PYTHON_SDK = "customerio-cdp-analytics"


class PipelinesTimestampType(Rule):
    code = "CIO104"
    name = "pipelines-timestamp-type"
    summary = (
        "An epoch number or numeric string is sent as a Data Pipelines timestamp, "
        "which takes a date object or an ISO-8601 string."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            python_sdk = call.client is not None and call.client.sdk == _PYTHON_SDK
            for field in call.fields_expecting(Expectation.PIPELINES_TIME):
                description = _epoch_description(field.value)
                if description is None and python_sdk:
                    description = _string_description(field.value)
                if description is not None:
                    yield Violation.at(
                        field.value.span,
                        f"'{field.path[-1]}' receives {description}; the Data "
                        "Pipelines API expects an ISO-8601 date-time, "
                        f"{_consequence(call, model.language)}",
                    )


def _epoch_description(value: Value) -> str | None:
    if value.time is not None and value.time.unit in _EPOCH_UNITS:
        return f"an epoch number in {value.time.unit.value} ({value.time.source})"
    if value.kind is ValueKind.NUMBER and not isinstance(value.literal, bool):
        return f"the number {value.text}"
    if value.kind is ValueKind.STRING and isinstance(value.literal, str):
        if value.literal.strip().isdigit():
            return f"the numeric string {value.text}"
    return None


def _string_description(value: Value) -> str | None:
    """Describe a string, which customerio-cdp-analytics rejects too."""
    if value.time is not None and value.time.unit is TimeUnit.ISO_STRING:
        return f"an ISO-8601 string ({value.time.source})"
    if value.kind is ValueKind.STRING:
        return f"the string {value.text}"
    return None


def _consequence(call: ApiCall, language: Language) -> str:
    if call.client is not None and call.client.sdk == _PYTHON_SDK:
        return (
            "and customerio-cdp-analytics raises AssertionError for anything but a "
            "datetime: pass a timezone-aware datetime"
        )
    if language is Language.PYTHON:
        return (
            "so the event time is lost: send datetime.isoformat() of an aware datetime"
        )
    return (
        "so the event time is lost: pass a Date or date.toISOString() (a string "
        "for PipelinesClient)"
    )
