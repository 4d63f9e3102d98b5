"""The JavaScript front-end classifies the time expressions people write."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import PayloadField, TimeUnit

HEADER = """
import { TrackClient } from "customerio-node";
import { getUnixTime, addDays, formatISO } from "date-fns";
import getTime from "date-fns/getTime";
import dayjs from "dayjs";
import moment from "moment";
import { DateTime } from "luxon";
import { performance as perf } from "node:perf_hooks";
const cio = new TrackClient(SITE_ID, KEY);
const MS_PER_SECOND = 1000;
"""


def seen_at(expression: str, setup: str = "", name: str = "x.ts") -> PayloadField:
    source = (
        HEADER
        + textwrap.dedent(setup)
        + f"cio.identify('1', {{ seen_at: {expression} }});\n"
    )
    model = JavascriptFrontend().analyze(source.lstrip("\n"), Path(name))
    (call,) = model.calls
    (field,) = [item for item in call.fields if item.path == ("data", "seen_at")]
    return field


def unit_of(expression: str, setup: str = "") -> TimeUnit | None:
    time = seen_at(expression, setup).value.time
    return time.unit if time else None


@pytest.mark.parametrize(
    ("expression", "unit"),
    [
        ("Date.now()", TimeUnit.MILLISECONDS),
        ("new Date().getTime()", TimeUnit.MILLISECONDS),
        ("user.createdAt.getTime()", TimeUnit.MILLISECONDS),
        ("+new Date()", TimeUnit.MILLISECONDS),
        ("Number(new Date())", TimeUnit.MILLISECONDS),
        ("Date.parse(user.signedUp)", TimeUnit.MILLISECONDS),
        ("Date.UTC(2024, 0, 1)", TimeUnit.MILLISECONDS),
        ("new Date().valueOf()", TimeUnit.MILLISECONDS),
        ("performance.timeOrigin + performance.now()", TimeUnit.MILLISECONDS),
        ("moment().valueOf()", TimeUnit.MILLISECONDS),
        ("dayjs().valueOf()", TimeUnit.MILLISECONDS),
        ("getTime(new Date())", TimeUnit.MILLISECONDS),
        ("1704067200000", TimeUnit.MILLISECONDS),
        ("1_704_067_200_000", TimeUnit.MILLISECONDS),
        ("1704067200000000", TimeUnit.MICROSECONDS),
        ("1704067200000000000n", TimeUnit.NANOSECONDS),
        ("1704067200", None),
        ("1.7e12", None),
        ("Date.now() + 3600 * 1000", TimeUnit.MILLISECONDS),
        ("Date.now() * 1000", TimeUnit.MICROSECONDS),
        ("DateTime.now().toMillis()", TimeUnit.MILLISECONDS),
        ("Math.floor(Date.now() / 1000)", TimeUnit.SECONDS),
        ("Math.round(Date.now() / 1e3)", TimeUnit.SECONDS),
        ("Math.trunc(Date.now() / MS_PER_SECOND)", TimeUnit.SECONDS),
        ("Math.ceil(new Date().getTime() / 1000)", TimeUnit.SECONDS),
        ("(Date.now() / 1000) | 0", TimeUnit.SECONDS),
        ("~~(Date.now() / 1000)", TimeUnit.SECONDS),
        ("parseInt(String(Date.now() / 1000))", TimeUnit.SECONDS),
        ("parseInt((Date.now() / 1000).toFixed(0), 10)", TimeUnit.SECONDS),
        ("Number((Date.now() / 1000).toFixed())", TimeUnit.SECONDS),
        ("getUnixTime(new Date())", TimeUnit.SECONDS),
        ("dayjs().unix()", TimeUnit.SECONDS),
        ("moment().unix()", TimeUnit.SECONDS),
        ("moment.utc().add(1, 'day').unix()", TimeUnit.SECONDS),
        ("DateTime.now().toSeconds()", TimeUnit.SECONDS),
        ("performance.now()", TimeUnit.MONOTONIC),
        ("perf.now()", TimeUnit.MONOTONIC),
        ("process.hrtime.bigint()", TimeUnit.MONOTONIC),
        ("process.hrtime()[0]", TimeUnit.MONOTONIC),
        ("process.uptime()", TimeUnit.MONOTONIC),
        ("Math.floor(performance.now() / 1000)", TimeUnit.MONOTONIC),
        ("new Date()", TimeUnit.DATE_OBJECT),
        ("new Date(Date.now() + 14 * 864e5)", TimeUnit.DATE_OBJECT),
        ("new Date(user.trialEnds)", TimeUnit.DATE_OBJECT),
        ("moment()", TimeUnit.DATE_OBJECT),
        ("dayjs(user.createdAt).add(7, 'day')", TimeUnit.DATE_OBJECT),
        ("DateTime.utc()", TimeUnit.DATE_OBJECT),
        ("addDays(new Date(), 14)", TimeUnit.DATE_OBJECT),
        ("new Date().toISOString()", TimeUnit.ISO_STRING),
        ("user.createdAt.toISOString()", TimeUnit.ISO_STRING),
        ("new Date().toJSON()", TimeUnit.ISO_STRING),
        ("moment().format()", TimeUnit.ISO_STRING),
        ("dayjs().format()", TimeUnit.ISO_STRING),
        ("dayjs().format('YYYY')", None),
        ("formatISO(new Date())", TimeUnit.ISO_STRING),
        ("DateTime.now().toISO()", TimeUnit.ISO_STRING),
        ("new Date() - 0", TimeUnit.MILLISECONDS),
        ("Date.now() - user.createdMs", TimeUnit.MILLISECONDS),
        ("Date.now() - start.getTime()", None),
        ("user.lastSeen ?? Date.now()", TimeUnit.MILLISECONDS),
        ("user.active ? Date.now() : null", TimeUnit.MILLISECONDS),
        ("(Date.now() as number)", TimeUnit.MILLISECONDS),
        ("<number>Date.now()", TimeUnit.MILLISECONDS),
        ("Date.now()!", TimeUnit.MILLISECONDS),
        ("(Date.now() satisfies number)", TimeUnit.MILLISECONDS),
        ("user.createdAt", None),
        ("Math.floor(user.score / 1000)", None),
        ("Date()", None),
    ],
)
def test_time_units(expression: str, unit: TimeUnit | None) -> None:
    assert unit_of(expression) == unit


def test_local_date_shadow_is_not_the_global() -> None:
    assert unit_of("Date.now()", "const Date = makeFakeDate();\n") is None


def test_stored_milliseconds_converted_before_sending_are_seconds() -> None:
    setup = """
    const createdAt = Date.now();
    db.insert("users", { created_at: createdAt });
    """
    assert unit_of("Math.floor(createdAt / 1000)", setup) == TimeUnit.SECONDS
    assert unit_of("createdAt", setup) == TimeUnit.MILLISECONDS


def test_value_through_a_name_points_at_its_definition() -> None:
    setup = "const stamp = Date.now();\n"
    field = seen_at("stamp", setup)
    time = field.value.time
    assert time is not None
    assert (field.value.span.start.line, field.value.span.start.column) == (11, 30)
    assert time.source == "Date.now()"
    assert (time.source_span.start.line, time.source_span.start.column) == (10, 15)
    assert field.value.origin == time.source_span


def test_parameter_typed_date_is_a_date_object() -> None:
    source = HEADER + (
        "export function sync(id: string, when: Date) {\n"
        "  return cio.identify(id, { seen_at: when });\n"
        "}\n"
    )
    model = JavascriptFrontend().analyze(source.lstrip("\n"), Path("x.ts"))
    (call,) = model.calls
    (field,) = call.fields
    assert field.value.time is not None
    assert field.value.time.unit is TimeUnit.DATE_OBJECT


@pytest.mark.xfail(
    strict=True, reason="property types of TypeScript objects are not followed"
)
def test_property_typed_date_is_a_date_object() -> None:
    setup = "declare const user: { createdAt: Date };\n"
    assert unit_of("user.createdAt", setup) == TimeUnit.DATE_OBJECT
