"""Loops that start every call at once, as both front-ends record them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.model import Loop

PY_HEADER = """\
import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
from customerio import CustomerIO

cio = CustomerIO(SITE, KEY)
URL = "https://track.customer.io/api/v1/customers/1"
"""
JS_HEADER = """\
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
"""


def _python_loop(body: str) -> Loop | None:
    function = "async def run(users):\n" + textwrap.indent(
        textwrap.dedent(body), "    "
    )
    [call] = analyze_python(PY_HEADER + function, Path("x.py")).calls
    return call.context.loop


@pytest.mark.parametrize(
    ("body", "concurrent", "workers"),
    [
        (
            "with ThreadPoolExecutor(max_workers=50) as pool:\n"
            "    pool.map(lambda u: cio.track(u.id, 'a'), users)\n",
            "ThreadPoolExecutor.map",
            50,
        ),
        (
            "pool = ThreadPoolExecutor(4)\n"
            "pool.map(lambda u: cio.track(u, 'a'), users)\n",
            "ThreadPoolExecutor.map",
            4,
        ),
        (
            "pool = ThreadPoolExecutor()\n"
            "for u in users:\n    pool.submit(lambda: cio.track(u, 'a'))\n",
            "ThreadPoolExecutor.submit",
            None,
        ),
        (
            "async with httpx.AsyncClient() as client:\n"
            "    await asyncio.gather(*(client.put(URL) for u in users))\n",
            "asyncio.gather",
            None,
        ),
        ("for u in users:\n    cio.track(u, 'a')\n", None, None),
        ("[cio.track(u, 'a') for u in users]\n", None, None),
    ],
)
def test_python_concurrent_loops(
    body: str, concurrent: str | None, workers: int | None
) -> None:
    loop = _python_loop(body)

    assert loop is not None
    assert loop.concurrent == concurrent
    assert loop.workers == workers


def test_python_lambda_outside_pool_is_not_a_loop() -> None:
    assert _python_loop("run_later(lambda: cio.track(1, 'a'))\n") is None


def _javascript_loop(statement: str) -> Loop | None:
    text = f"{JS_HEADER}async function run(users) {{\n  {statement}\n}}\n"
    [call] = analyze_javascript(text, Path("x.js")).calls
    return call.context.loop


@pytest.mark.parametrize(
    ("statement", "concurrent", "throttled"),
    [
        (
            "await Promise.all(users.map((u) => cio.track(u, {})));",
            "Promise.all",
            False,
        ),
        (
            "await Promise.allSettled([...users.map((u) => cio.track(u, {}))]);",
            "Promise.allSettled",
            False,
        ),
        (
            "await Promise.all(users.map((u) => limit(() => cio.track(u, {}))));",
            "Promise.all",
            True,
        ),
        ("const ps = users.map((u) => cio.track(u, {}));", None, False),
        ("for (const u of users) { await cio.track(u, {}); }", None, False),
    ],
)
def test_javascript_concurrent_loops(
    statement: str, concurrent: str | None, throttled: bool
) -> None:
    loop = _javascript_loop(statement)

    assert loop is not None
    assert loop.concurrent == concurrent
    assert loop.throttled is throttled
