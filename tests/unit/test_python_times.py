"""The Python front-end classifies the time expressions people write."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.python import PythonFrontend
from cio_lint.model import TimeUnit

HEADER = """
import calendar
import math
import time
import datetime as dt_module
from datetime import datetime, timezone
from django.utils import timezone as dj_timezone
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, KEY)
MS_PER_SECOND = 1000
"""


def unit_of(expression: str, setup: str = "") -> TimeUnit | None:
    source = (
        HEADER + textwrap.dedent(setup) + f"cio.identify(id=1, seen_at={expression})\n"
    )
    model = PythonFrontend().analyze(source.lstrip("\n"), Path("x.py"))
    (call,) = model.calls
    (field,) = [item for item in call.fields if item.path == ("seen_at",)]
    return field.value.time.unit if field.value.time else None


@pytest.mark.parametrize(
    ("expression", "unit"),
    [
        ("time.time()", TimeUnit.SECONDS),
        ("int(time.time())", TimeUnit.SECONDS),
        ("time.time() * 1000", TimeUnit.MILLISECONDS),
        ("1000 * time.time()", TimeUnit.MILLISECONDS),
        ("int(time.time() * 1000)", TimeUnit.MILLISECONDS),
        ("round(time.time() * 1e3)", TimeUnit.MILLISECONDS),
        ("int(time.time() * 1_000)", TimeUnit.MILLISECONDS),
        ("time.time() * 1000.0", TimeUnit.MILLISECONDS),
        ("math.floor(time.time() * 1000)", TimeUnit.MILLISECONDS),
        ("int(time.time()) * 1000", TimeUnit.MILLISECONDS),
        ("time.time() * MS_PER_SECOND", TimeUnit.MILLISECONDS),
        ("(time.time() + 3600) * 1000", TimeUnit.MILLISECONDS),
        ("time.time() * 1_000_000", TimeUnit.MICROSECONDS),
        ("time.time_ns()", TimeUnit.NANOSECONDS),
        ("time.time_ns() // 1_000_000", TimeUnit.MILLISECONDS),
        ("time.time_ns() // 1_000_000_000", TimeUnit.SECONDS),
        ("time.time_ns() / 1e9", TimeUnit.SECONDS),
        ("time.time() * 1000 // 1000", TimeUnit.SECONDS),
        ("datetime.now().timestamp() * 1000", TimeUnit.MILLISECONDS),
        ("int(user.joined.timestamp() * 1000)", TimeUnit.MILLISECONDS),
        ("user.joined.timestamp()", TimeUnit.SECONDS),
        ("calendar.timegm(user.last.utctimetuple())", TimeUnit.SECONDS),
        ("time.mktime(user.last.timetuple()) * 1000", TimeUnit.MILLISECONDS),
        ("time.monotonic()", TimeUnit.MONOTONIC),
        ("time.perf_counter() * 1000", TimeUnit.MONOTONIC),
        ("time.monotonic_ns()", TimeUnit.MONOTONIC),
        ("1704067200000", TimeUnit.MILLISECONDS),
        ("1704067200000000", TimeUnit.MICROSECONDS),
        ("1704067200000000000", TimeUnit.NANOSECONDS),
        ("1704067200", None),
        ("datetime.now()", TimeUnit.NAIVE_DATETIME),
        ("dt_module.datetime.now()", TimeUnit.NAIVE_DATETIME),
        ("datetime.now(timezone.utc)", TimeUnit.AWARE_DATETIME),
        ("datetime.now(tz=timezone.utc)", TimeUnit.AWARE_DATETIME),
        ("datetime.now(None)", TimeUnit.NAIVE_DATETIME),
        ("datetime.utcnow()", TimeUnit.NAIVE_UTC_DATETIME),
        ("datetime.now().replace(tzinfo=timezone.utc)", TimeUnit.AWARE_DATETIME),
        ("datetime.now().astimezone()", TimeUnit.AWARE_DATETIME),
        ("datetime(2024, 1, 1)", TimeUnit.NAIVE_DATETIME),
        ("datetime(2024, 1, 1, tzinfo=timezone.utc)", TimeUnit.AWARE_DATETIME),
        ("dj_timezone.now()", TimeUnit.AWARE_DATETIME),
        ("datetime.now().isoformat()", TimeUnit.ISO_STRING),
        ("time.time() - started", TimeUnit.SECONDS),
        ("time.time() - time.time()", None),
        ("time.time() * 60", None),
        ("user.created_ms", None),
        ("compute(time.time())", None),
    ],
)
def test_expression_unit(expression: str, unit: TimeUnit | None) -> None:
    assert unit_of(expression) is unit


def test_single_assignment_is_followed() -> None:
    setup = "stamp = int(time.time() * 1000)\n"
    assert unit_of("stamp", setup) is TimeUnit.MILLISECONDS


def test_conversion_of_assigned_value() -> None:
    setup = "now_ms = int(time.time() * 1000)\n"
    assert unit_of("now_ms // 1000", setup) is TimeUnit.SECONDS


def test_reassigned_name_is_not_followed() -> None:
    setup = "stamp = time.time() * 1000\nstamp = stamp / 1000\n"
    assert unit_of("stamp", setup) is None


def test_loop_variable_is_not_followed() -> None:
    setup = "for stamp in [time.time() * 1000]:\n    pass\n"
    assert unit_of("stamp", setup) is None


def test_local_name_shadowing_time_module() -> None:
    setup = "def time_ns():\n    return 5\n"
    assert unit_of("time_ns()", setup) is None


def test_builtin_shadowed_by_local_function() -> None:
    setup = "def int(value):\n    return value\n"
    assert unit_of("int(time.time() * 1000)", setup) is None


@pytest.mark.parametrize(
    ("expression", "unit"),
    [
        ("time.time() * 10**3", TimeUnit.MILLISECONDS),
        ("max(time.time() * 1000, 0)", TimeUnit.MILLISECONDS),
        ("min(time.time_ns(), time.time() * 1000)", None),
        ("1704067200000.0", TimeUnit.MILLISECONDS),
        ("1704067200000.5", None),
        ("time.time() * 1000 if user.active else None", TimeUnit.MILLISECONDS),
        ("time.time() * 1000 if user.active else time.time()", None),
        ("time.monotonic() + 5", TimeUnit.MONOTONIC),
        ("boot + time.monotonic()", None),
        ("time.monotonic() - started", None),
        ("time.time() * 1000 + ttl", TimeUnit.MILLISECONDS),
    ],
)
def test_more_expression_units(expression: str, unit: TimeUnit | None) -> None:
    assert unit_of(expression) is unit


def test_value_returned_by_local_function() -> None:
    setup = "def now_ms():\n    return int(time.time() * 1000)\n"
    assert unit_of("now_ms()", setup) is TimeUnit.MILLISECONDS


def test_function_with_two_returns_is_not_followed() -> None:
    setup = (
        "def stamp(ms):\n"
        "    if ms:\n"
        "        return int(time.time() * 1000)\n"
        "    return int(time.time())\n"
    )
    assert unit_of("stamp(True)", setup) is None
