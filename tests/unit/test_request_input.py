"""Request input recognised by both front-ends: whole, in part, or not at all."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.model import ApiCall, RequestInput

PY_HEADER = """\
import json

from customerio import CustomerIO
from flask import request

cio = CustomerIO(SITE, KEY)
"""
JS_HEADER = """\
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
"""


def _python_call(body: str) -> ApiCall:
    text = (
        PY_HEADER + "def view(req):\n" + textwrap.indent(textwrap.dedent(body), "    ")
    )
    [call] = analyze_python(text, Path("x.py")).calls
    return call


def _argument_input(call: ApiCall, key: str) -> RequestInput | None:
    value = next(item.value for item in call.arguments if item.key == key)
    return value.request_input


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("cio.track(1, 'x', data=request.json)\n", ("request.json", True)),
        ("cio.track(1, 'x', data=request.get_json())\n", ("request.get_json()", True)),
        ("cio.track(1, 'x', data=req.POST.dict())\n", ("req.POST", True)),
        ("cio.track(1, 'x', data=dict(request.form))\n", ("request.form", True)),
        ("cio.track(1, 'x', data=json.loads(req.body))\n", ("req.body", True)),
        ("body = request.json\ncio.track(1, 'x', data=body)\n", ("request.json", True)),
        (
            "cio.track(1, 'x', data={**request.args, 'a': 1})\n",
            ("**request.args", True),
        ),
        ("cio.track(1, 'x', data=request.json['data'])\n", ("request.json", False)),
        ("cio.track(1, 'x', data=request.args.get('d'))\n", ("request.args", False)),
        ("cio.track(1, 'x', data=request.headers)\n", None),
        ("cio.track(1, 'x', data=form.cleaned_data)\n", None),
        ("cio.track(1, 'x', data=request.json.get)\n", None),
    ],
)
def test_python_request_input(
    statement: str, expected: tuple[str, bool] | None
) -> None:
    found = _argument_input(_python_call(statement), "data")

    assert ((found.source, found.whole) if found else None) == expected


def test_python_spread_keywords_keep_input() -> None:
    call = _python_call("cio.identify(id=1, **request.json)\n")

    assert [value.request_input for value in call.spreads] == [
        RequestInput("request.json", whole=True)
    ]


def _javascript_call(body: str) -> ApiCall:
    text = f"{JS_HEADER}async function route(req, event) {{\n{body}\n}}\n"
    [call] = analyze_javascript(text, Path("x.js")).calls
    return call


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("await cio.identify(1, req.body);", ("req.body", True)),
        ("await cio.identify(1, req.query);", ("req.query", True)),
        ("await cio.identify(1, await req.json());", ("req.json()", True)),
        (
            "const b = await req.json();\nawait cio.identify(1, b);",
            ("req.json()", True),
        ),
        ("await cio.identify(1, { ...req.body, a: 1 });", ("...req.body", True)),
        (
            "await cio.identify(1, Object.fromEntries(await req.formData()));",
            ("req.formData()", True),
        ),
        ("await cio.identify(1, JSON.parse(event.body));", ("event.body", True)),
        ("await cio.identify(1, Object.assign({}, req.body));", ("req.body", True)),
        ("await cio.identify(1, req.body.traits);", ("req.body", False)),
        ("await cio.identify(1, req.headers);", None),
        ("await cio.identify(1, { email: user.email });", None),
    ],
)
def test_javascript_request_input(
    statement: str, expected: tuple[str, bool] | None
) -> None:
    call = _javascript_call(statement)
    value = call.arguments[1].value
    found = value.request_input

    assert ((found.source, found.whole) if found else None) == expected
