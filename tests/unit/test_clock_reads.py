"""Time values that read the clock, as both front-ends mark them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python

PY_HEADER = """\
import time
from datetime import datetime, timezone

from customerio import CustomerIO
from django.utils import timezone as dj

cio = CustomerIO(SITE, KEY)
"""
JS_HEADER = """\
const { TrackClient } = require("customerio-node");
const moment = require("moment");
const cio = new TrackClient(SITE, KEY);
"""


@pytest.mark.parametrize(
    ("expression", "current"),
    [
        ("int(time.time())", True),
        ("datetime.now(timezone.utc)", True),
        ("int(datetime.now(timezone.utc).timestamp())", True),
        ("dj.now()", True),
        ("int(user.created.timestamp())", False),
        ("time.mktime(user.created.timetuple())", False),
    ],
)
def test_python_clock_reads(expression: str, current: bool) -> None:
    text = f"{PY_HEADER}cio.identify(id=1, created_at={expression})\n"
    [call] = analyze_python(text, Path("x.py")).calls
    [field] = call.fields
    time = field.value.time

    assert time is not None
    assert time.current is current


def test_python_clock_read_through_variable() -> None:
    text = f"{PY_HEADER}now = int(time.time())\ncio.identify(id=1, created_at=now)\n"
    [call] = analyze_python(text, Path("x.py")).calls
    time = call.fields[0].value.time

    assert time is not None
    assert time.current is True


@pytest.mark.parametrize(
    ("expression", "current"),
    [
        ("Math.floor(Date.now() / 1000)", True),
        ("new Date()", True),
        ("moment().unix()", True),
        ("Math.floor(user.createdAt.getTime() / 1000)", False),
        ("new Date(user.createdAt)", False),
        ("moment(user.createdAt).unix()", False),
    ],
)
def test_javascript_clock_reads(expression: str, current: bool) -> None:
    text = f"{JS_HEADER}cio.identify(1, {{ created_at: {expression} }});\n"
    [call] = analyze_javascript(text, Path("x.js")).calls
    [field] = call.fields
    time = field.value.time

    assert time is not None
    assert time.current is current
