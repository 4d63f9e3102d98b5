"""Entry points recognised by both front-ends: routes, views, tasks, saves."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.model import EntryKind, EntryPoint

PY_HEADER = "from customerio import CustomerIO\ncio = CustomerIO(SITE, KEY)\n"
JS_HEADER = 'const { TrackClient } = require("customerio-node");\n'
JS_HEADER += "const cio = new TrackClient(SITE, KEY);\n"
REQUEST = EntryKind.REQUEST_HANDLER
TASK = EntryKind.QUEUE_CONSUMER
SAVE = EntryKind.MODEL_SAVE


def _python_entry(code: str) -> EntryPoint | None:
    text = PY_HEADER + textwrap.dedent(code)
    [call] = analyze_python(text, Path("x.py")).calls
    return call.context.entry_point


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('@app.post("/x")\ndef f():\n    cio.track(1, "a")\n', (REQUEST, "@app.post")),
        ('@bp.route("/x")\ndef f():\n    cio.track(1, "a")\n', (REQUEST, "@bp.route")),
        (
            "from rest_framework.decorators import api_view\n"
            '@api_view(["POST"])\ndef f(request):\n    cio.track(1, "a")\n',
            (REQUEST, "@api_view"),
        ),
        (
            "from django.http import JsonResponse\n"
            'def f(request):\n    cio.track(1, "a")\n',
            (REQUEST, "Django view"),
        ),
        (
            "class V(APIView):\n    def post(self, request):\n"
            '        cio.track(1, "a")\n',
            (REQUEST, "Django view method"),
        ),
        (
            'def lambda_handler(event, context):\n    cio.track(1, "a")\n',
            (REQUEST, "AWS Lambda handler"),
        ),
        ('@shared_task\ndef f():\n    cio.track(1, "a")\n', (TASK, "@shared_task")),
        ('@celery.task()\ndef f():\n    cio.track(1, "a")\n', (TASK, "@celery.task")),
        (
            'class A(models.Model):\n    def save(self):\n        cio.track(1, "a")\n',
            (SAVE, "class A"),
        ),
        (
            "from django.dispatch import receiver\n"
            '@receiver(post_save)\ndef f(sender, **kw):\n    cio.track(1, "a")\n',
            (SAVE, "@receiver"),
        ),
    ],
)
def test_python_entry_points(code: str, expected: tuple[EntryKind, str]) -> None:
    found = _python_entry(code)

    assert found is not None
    assert (found.kind, found.source) == expected
    assert found.retries is False


@pytest.mark.parametrize(
    "code",
    [
        'def f(request):\n    cio.track(1, "a")\n',
        'def helper(user):\n    cio.track(1, "a")\n',
        '@app.post("/x")\ndef f():\n    run(lambda: cio.track(1, "a"))\n',
        '@app.post("/x")\ndef f():\n    def later():\n        cio.track(1, "a")\n',
        'class A(Base):\n    def save(self):\n        cio.track(1, "a")\n',
        '@functools.cache\ndef f():\n    cio.track(1, "a")\n',
    ],
)
def test_python_not_entry_points(code: str) -> None:
    assert _python_entry(code) is None


@pytest.mark.parametrize(
    "code",
    [
        '@shared_task(autoretry_for=(Exception,))\ndef f():\n    cio.track(1, "a")\n',
        '@app.task(bind=True)\ndef f(self):\n    try:\n        cio.track(1, "a")\n'
        "    except Exception as e:\n        raise self.retry(exc=e)\n",
    ],
)
def test_python_retrying_tasks(code: str) -> None:
    found = _python_entry(code)

    assert found is not None
    assert found.kind is TASK
    assert found.retries is True


def _javascript_entry(code: str, suffix: str = ".js") -> EntryPoint | None:
    text = JS_HEADER + textwrap.dedent(code)
    [call] = analyze_javascript(text, Path("x" + suffix)).calls
    return call.context.entry_point


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            'app.post("/x", async (req, res) => { await cio.track(1, {}); });',
            (REQUEST, "route app.post"),
        ),
        (
            "router.put(`/x`, auth, async function (req, res) {\n"
            "  await cio.track(1, {});\n"
            "});",
            (REQUEST, "route router.put"),
        ),
        (
            "export async function POST(req) { await cio.track(1, {}); }",
            (REQUEST, "Next.js route handler POST"),
        ),
        (
            "export const GET = async () => { await cio.track(1, {}); };",
            (REQUEST, "Next.js route handler GET"),
        ),
        (
            "export default async function h(req, res) { await cio.track(1, {}); }",
            (REQUEST, "Next.js API route"),
        ),
        (
            "exports.handler = async (event) => { await cio.track(1, {}); };",
            (REQUEST, "AWS Lambda handler"),
        ),
        (
            "export const handler = async (event) => { await cio.track(1, {}); };",
            (REQUEST, "AWS Lambda handler"),
        ),
    ],
)
def test_javascript_entry_points(code: str, expected: tuple[EntryKind, str]) -> None:
    found = _javascript_entry(code, ".ts")

    assert found is not None
    assert (found.kind, found.source) == expected


@pytest.mark.parametrize(
    "code",
    [
        "async function POST(req) { await cio.track(1, {}); }",
        'app.post("/x", (req, res) => safe(() => cio.track(1, {})));',
        "users.map(async (u) => { await cio.track(1, {}); });",
        'emitter.on("signup", async (u) => { await cio.track(1, {}); });',
        "export async function onSignup(u) { await cio.track(1, {}); }",
    ],
)
def test_javascript_not_entry_points(code: str) -> None:
    assert _javascript_entry(code) is None
