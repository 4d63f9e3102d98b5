"""Front-ends attach the replacement code that fixes choose from."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.edits import RewritePurpose
from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.languages.python import PythonFrontend
from cio_lint.model import Value

PYTHON_HEADER = """
import math
import time
import datetime as dt_module
from datetime import datetime
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, KEY)
"""
JAVASCRIPT_HEADER = """
import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE_ID, KEY);
"""


def python_value(expression: str, setup: str = "") -> Value:
    source = (
        PYTHON_HEADER
        + textwrap.dedent(setup)
        + f"cio.identify(id=1, seen_at={expression})\n"
    )
    model = PythonFrontend().analyze(source.lstrip("\n"), Path("x.py"))
    (call,) = model.calls
    (field,) = [item for item in call.fields if item.path == ("seen_at",)]
    return field.value


def javascript_value(expression: str, setup: str = "") -> Value:
    source = (
        JAVASCRIPT_HEADER
        + textwrap.dedent(setup)
        + f"cio.identify('1', {{ seen_at: {expression} }});\n"
    )
    model = JavascriptFrontend().analyze(source.lstrip("\n"), Path("x.ts"))
    (call,) = model.calls
    (field,) = [item for item in call.fields if item.path == ("data", "seen_at")]
    return field.value


def replacement(value: Value, purpose: RewritePurpose) -> str | None:
    for rewrite in value.rewrites:
        if rewrite.purpose is purpose:
            (edit,) = rewrite.edits
            assert edit.start_offset == value.span.start_offset
            assert edit.end_offset == value.span.end_offset
            return edit.replacement
    return None


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [
        ("time.time() * 1000", "int(time.time())"),
        ("1000 * time.time()", "int(time.time())"),
        ("int(time.time() * 1000)", "int(time.time())"),
        ("math.floor(time.time() * 1000)", "math.floor(time.time())"),
        ("int(time.time()) * 1000", "int(time.time())"),
        ("(time.time() + 3600) * 1000", "int(time.time() + 3600)"),
        ("time.time() * 1_000_000", "int(time.time())"),
        ("time.time_ns()", "int(time.time_ns() / 1_000_000_000)"),
        ("time.time_ns() // 1_000_000", "time.time_ns() // 1_000_000_000"),
        ("time.time() * 1e3", "int(time.time())"),
        ("1704067200000", "1704067200"),
        ("1704067200123456", "1704067200"),
        ("time.time() * 1000 + 60_000", "int((time.time() * 1000 + 60_000) / 1000)"),
    ],
)
def test_python_to_seconds(expression: str, seconds: str) -> None:
    value = python_value(expression)

    assert replacement(value, RewritePurpose.TO_UNIX_SECONDS) == seconds


def test_python_to_seconds_through_name() -> None:
    value = python_value("started", setup="started = time.time() * 1000\n")

    assert replacement(value, RewritePurpose.TO_UNIX_SECONDS) == "int(started / 1000)"


@pytest.mark.parametrize(
    ("expression", "aware", "imports"),
    [
        ("datetime.now()", "datetime.now(timezone.utc)", [("datetime", "timezone")]),
        ("datetime.today()", "datetime.now(timezone.utc)", [("datetime", "timezone")]),
        (
            "datetime.fromtimestamp(ts)",
            "datetime.fromtimestamp(ts, timezone.utc)",
            [("datetime", "timezone")],
        ),
        (
            "dt_module.datetime.now()",
            "dt_module.datetime.now(dt_module.timezone.utc)",
            [],
        ),
    ],
)
def test_python_to_aware_utc(
    expression: str, aware: str, imports: list[tuple[str, str]]
) -> None:
    value = python_value(expression)

    (rewrite,) = value.rewrites
    assert rewrite.purpose is RewritePurpose.TO_AWARE_UTC
    assert rewrite.edits[0].replacement == aware
    assert [(need.module, need.name) for need in rewrite.imports] == imports


@pytest.mark.parametrize(
    ("expression", "setup"),
    [
        ("time.monotonic()", ""),
        ("datetime(2024, 1, 1)", ""),
        ("datetime.now(None)", ""),
        ("datetime.now()", "from django.utils import timezone\n"),
        ("day.isoformat()", ""),
        ("time.time()", ""),
    ],
)
def test_python_without_rewrite(expression: str, setup: str) -> None:
    assert python_value(expression, setup).rewrites == ()


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [
        ("Date.now()", "Math.floor(Date.now() / 1000)"),
        ("(Date.now())", "Math.floor(Date.now() / 1000)"),
        ("Date.now() + 60_000", "Math.floor((Date.now() + 60_000) / 1000)"),
        ("new Date().getTime()", "Math.floor(new Date().getTime() / 1000)"),
        ("+new Date()", "Math.floor(+new Date() / 1000)"),
        ("1704067200000", "1704067200"),
        ("new Date()", "Math.floor(new Date().getTime() / 1000)"),
        ("new Date", "Math.floor((new Date).getTime() / 1000)"),
        ("new Date().toISOString()", "Math.floor(new Date().getTime() / 1000)"),
    ],
)
def test_javascript_to_seconds(expression: str, seconds: str) -> None:
    value = javascript_value(expression)

    assert replacement(value, RewritePurpose.TO_UNIX_SECONDS) == seconds


def test_javascript_shorthand_property_keeps_key() -> None:
    source = (
        JAVASCRIPT_HEADER
        + "const seen_at = Date.now();\ncio.identify('1', { seen_at });\n"
    )
    model = JavascriptFrontend().analyze(source.lstrip("\n"), Path("x.ts"))
    (call,) = model.calls
    (field,) = [item for item in call.fields if item.path == ("data", "seen_at")]

    (rewrite,) = field.value.rewrites
    assert rewrite.edits[0].replacement == "seen_at: Math.floor(seen_at / 1000)"


@pytest.mark.parametrize(
    "expression",
    ["performance.now()", "Math.floor(Date.now() / 1000)", "process.hrtime.bigint()"],
)
def test_javascript_without_rewrite(expression: str) -> None:
    assert javascript_value(expression).rewrites == ()
