"""How the front-ends tell whether a plain HTTP response status is read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.sdk.http_statuses import package_of, returns_error_statuses

PY_HEADER = """\
import aiohttp
import httpx
import requests

URL = "https://track.customer.io/api/v1/customers/1"
"""
JS_HEADER = 'const URL = "https://track.customer.io/api/v1/customers/1";\n'


def _python_checked(body: str) -> bool:
    function = "async def send(body):\n" + textwrap.indent(
        textwrap.dedent(body), "    "
    )
    [call] = analyze_python(PY_HEADER + function, Path("x.py")).calls
    return call.context.status_checked


@pytest.mark.parametrize(
    ("body", "checked"),
    [
        ("requests.put(URL)\n", False),
        ("r = requests.put(URL)\n", False),
        ("data = requests.put(URL).json()\n", False),
        ("r = requests.put(URL)\nprint(r.text)\n", False),
        ("r = requests.put(URL)\nr.raise_for_status()\n", True),
        ("r = requests.put(URL)\nif r.status_code != 200:\n    x = 1\n", True),
        ("r = requests.put(URL)\nif not r:\n    x = 1\n", True),
        ("r = requests.put(URL)\nassert r.ok\n", True),
        ("requests.put(URL).raise_for_status()\n", True),
        ("return requests.put(URL)\n", True),
        ("handle(requests.put(URL))\n", True),
        ("r = requests.put(URL)\nreturn r\n", True),
        ("r = await httpx.AsyncClient().put(URL)\n", False),
        ("r = await httpx.AsyncClient().put(URL)\nassert r.is_success\n", True),
        (
            "async with aiohttp.ClientSession() as s:\n"
            "    async with s.put(URL) as r:\n"
            "        await r.json()\n",
            False,
        ),
        (
            "async with aiohttp.ClientSession() as s:\n"
            "    async with s.put(URL) as r:\n"
            "        ok = r.status == 200\n",
            True,
        ),
    ],
)
def test_python_status_checked(body: str, checked: bool) -> None:
    assert _python_checked(body) is checked


def test_python_raising_session_hook() -> None:
    body = 'session = requests.Session()\nsession.hooks["response"].append(hook)\n'
    body += "session.put(URL)\n"

    assert _python_checked(body) is True


def _javascript_checked(body: str) -> bool:
    text = f"{JS_HEADER}async function send(body) {{\n{body}\n}}\n"
    [call] = analyze_javascript(text, Path("x.js")).calls
    return call.context.status_checked


@pytest.mark.parametrize(
    ("body", "checked"),
    [
        ('await fetch(URL, { method: "PUT" });', False),
        ("const res = await fetch(URL);\nconst data = await res.json();", False),
        ("fetch(URL).then((r) => r.json());", False),
        ("fetch(URL).then(function (r) { return r.json(); });", False),
        ("const res = await fetch(URL);\nif (!res.ok) throw new Error();", True),
        ("const res = await fetch(URL);\nlog(res.status);", True),
        ("const { ok } = await fetch(URL);", True),
        ("const { headers } = await fetch(URL);", False),
        ("fetch(URL).then((r) => { if (!r.ok) fail(); });", True),
        ("fetch(URL).then(({ status }) => status);", True),
        ("fetch(URL).then(check);", True),
        ("return fetch(URL);", True),
        ("return (await fetch(URL)).ok;", True),
        ("handle(await fetch(URL));", True),
        ("const res = await fetch(URL);\nreturn res;", True),
        ("await fetch(URL).catch(fail).then((r) => r.status);", True),
    ],
)
def test_javascript_status_checked(body: str, checked: bool) -> None:
    assert _javascript_checked(body) is checked


@pytest.mark.parametrize(
    ("library", "package", "silent"),
    [
        ("requests.Session.post", "requests", True),
        ("httpx.AsyncClient.put", "httpx", True),
        ("aiohttp.ClientSession.post", "aiohttp", True),
        ("fetch", "fetch", True),
        ("undici.request", "undici", True),
        ("axios.post", "axios", False),
        ("axios instance.put", "axios", False),
        ("got", "got", False),
        ("ky.post", "ky", False),
    ],
)
def test_libraries_that_return_error_statuses(
    library: str, package: str, silent: bool
) -> None:
    assert package_of(library) == package
    assert returns_error_statuses(library) is silent
