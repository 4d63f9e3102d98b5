"""CIO604 invalid-literal: a literal in a transactional request the API rejects."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import Field, FileModel, TransactionalRequest, Value, ValueKind
from cio_lint.rules.base import Rule
from cio_lint.sdk import transactional as catalogue
from cio_lint.timeunits import SECONDS_PER_DAY
from cio_lint.transactional import requests_of

# One recipient of a comma-separated list: a comma inside quotes is part of a
# display name, as in `"Doe, Ann" <ann@example.com>`.
_RECIPIENTS = re.compile(r'(?:"[^"]*"|[^,"])+')
# `Name <address>`, and a bare `local@domain.tld` address.
_NAMED = re.compile(r"^[^<>]*<\s*(?P<address>[^<>]*?)\s*>$")
_ADDRESS_ONLY = re.compile(r'^[^@\s<>",]+@[^@\s<>",.]+(?:\.[^@\s<>",.]+)+$')
# Customer.io schedules a send at most this many days ahead.
MAX_DAYS_AHEAD = 90
# Epoch counts from here up are milliseconds (the year 5138 in seconds).
_MILLISECONDS_FROM = 10**11


class InvalidRequestLiteral(Rule):
    code = "CIO604"
    name = "invalid-literal"
    summary = (
        "A literal 'to' that is not an email address, a literal 'send_at' in "
        "milliseconds or more than 90 days ahead, or an empty 'identifiers'."
    )

    def reads_clock(self, model: FileModel) -> bool:
        # How far ahead a literal `send_at` in seconds lies depends on the date.
        return any(
            item.key == "send_at" and _seconds_literal(item.value) is not None
            for request in requests_of(model)
            for item in request.fields
        )

    def check(self, model: FileModel) -> Iterator[Violation]:
        now = time.time()
        for request in requests_of(model):
            # A key set twice, in the literal and again later, counts as set last.
            last = {item.key: item for item in request.fields}
            for item in last.values():
                if item.key == "to" and request.channel == catalogue.EMAIL:
                    yield from _check_to(item.value)
                elif item.key == "send_at":
                    yield from _check_send_at(request, item.value, now)
                elif item.key == "identifiers":
                    yield from _check_identifiers(item.value)


def _check_to(value: Value) -> Iterator[Violation]:
    literal = value.literal
    if value.kind is not ValueKind.STRING or not isinstance(literal, str):
        return
    if "{{" in literal or "{%" in literal:
        return  # Liquid, filled in by Customer.io.
    parts = _RECIPIENTS.findall(literal) or [literal]
    bad = [part.strip() for part in parts if not _is_address(part)]
    if bad:
        yield Violation.at(
            value.span,
            f"'to' is {bad[0]!r}, which is not an email address, so Customer.io "
            "rejects the request with 400: use 'name@example.com' or "
            "'Name <name@example.com>'",
        )


def _is_address(text: str) -> bool:
    text = text.strip()
    named = _NAMED.match(text)
    if named is not None:
        text = named.group("address")
    return _ADDRESS_ONLY.match(text) is not None


def _check_send_at(
    request: TransactionalRequest, value: Value, now: float
) -> Iterator[Violation]:
    literal = _number(value)
    if literal is None:
        return
    if literal >= _MILLISECONDS_FROM:
        # A sent request's send_at is CIO101's finding.
        if request.send is None:
            yield Violation.at(
                value.span,
                f"'send_at' is {literal}, milliseconds; Customer.io expects Unix "
                "seconds and rejects a send more than 90 days ahead: divide by "
                "1000",
            )
        return
    days = (literal - now) / SECONDS_PER_DAY
    if days > MAX_DAYS_AHEAD:
        yield Violation.at(
            value.span,
            f"'send_at' is {literal}, {int(days)} days from now; Customer.io "
            f"schedules a send at most {MAX_DAYS_AHEAD} days ahead and rejects "
            "the request: send it within 90 days of the time it names",
        )


def _number(value: Value) -> int | float | None:
    """Return a numeric literal's value, or None for anything else."""
    literal = value.literal
    if value.kind is not ValueKind.NUMBER or isinstance(literal, bool):
        return None
    return literal if isinstance(literal, int | float) else None


def _seconds_literal(value: Value) -> int | float | None:
    """Return a numeric literal below the millisecond range, or None."""
    literal = _number(value)
    return literal if literal is not None and literal < _MILLISECONDS_FROM else None


def _check_identifiers(value: Value) -> Iterator[Violation]:
    if value.kind is ValueKind.STRING and value.literal == "":
        fields: tuple[Field, ...] = ()
    elif value.kind is not ValueKind.OBJECT or value.partial:
        return
    else:
        fields = value.fields or ()
    if not fields:
        yield Violation.at(
            value.span,
            "'identifiers' is empty, so Customer.io cannot tell whom to send to "
            "and rejects the request with 400: set one of 'id', 'email' or "
            "'cio_id'",
        )
        return
    for item in fields:
        if item.key not in catalogue.IDENTIFIER_KEYS:
            continue
        empty = item.value.kind is ValueKind.NONE or item.value.literal == ""
        if empty:
            yield Violation.at(
                item.value.span,
                f"'identifiers' sets '{item.key}' to an empty value "
                f"({item.value.text}), so Customer.io cannot find the person and "
                "rejects the request with 400",
            )
