"""Call context from both front-ends: promise handling, loops, try and wrappers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze as analyze_javascript
from cio_lint.languages.python.analysis import analyze as analyze_python
from cio_lint.model import ApiCall, FileModel, ResultHandling

JS_HEADER = """\
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
"""
PY_HEADER = """\
import time

import requests
import tenacity
from customerio import CustomerIO, CustomerIOException

cio = CustomerIO(SITE, KEY)
"""


def _javascript(body: str) -> FileModel:
    text = JS_HEADER + textwrap.dedent(body)
    return analyze_javascript(text, Path("x.js"))


def _python(body: str) -> FileModel:
    text = PY_HEADER + textwrap.dedent(body)
    return analyze_python(text, Path("x.py"))


def _only_call(model: FileModel) -> ApiCall:
    [call] = model.calls
    return call


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("async function f() { await cio.track(1, {name: 'a'}); }", "AWAITED"),
        ("function f() { return cio.track(1, {name: 'a'}); }", "RETURNED"),
        ("const f = () => cio.track(1, {name: 'a'});", "RETURNED"),
        ("cio.track(1, {name: 'a'}).catch(report);", "CAUGHT"),
        ("cio.track(1, {name: 'a'}).then(ok, report);", "CAUGHT"),
        ("cio.track(1, {name: 'a'}).then(ok).finally(done).catch(report);", "CAUGHT"),
        ("cio.track(1, {name: 'a'}).then(ok);", "FLOATING"),
        ("Promise.allSettled([cio.track(1, {name: 'a'})]);", "COLLECTED"),
        ("Promise.all([(cio.track(1, {name: 'a'}))]);", "COLLECTED"),
        ("const sent = cio.track(1, {name: 'a'});", "ASSIGNED"),
        ("queue.push(cio.track(1, {name: 'a'}));", "ARGUMENT"),
        ("void cio.track(1, {name: 'a'});", "VOIDED"),
        ("cio.track(1, {name: 'a'});", "FLOATING"),
        ("ready ? cio.track(1, {name: 'a'}) : null;", "FLOATING"),
    ],
)
def test_javascript_result_handling(statement: str, expected: str) -> None:
    call = _only_call(_javascript(statement))

    assert call.context.result is ResultHandling[expected]


def test_javascript_try_async_and_function() -> None:
    call = _only_call(
        _javascript(
            """
            async function onLogin(user) {
              try {
                cio.track(user.id, { name: "logged_in" });
              } catch (error) {
                console.error(error);
                throw error;
              }
            }
            """
        )
    )

    assert call.context.in_async_function
    assert call.context.function == "onLogin"
    [block] = call.context.try_blocks
    [handler] = block.handlers
    assert handler.exception_types == ()
    assert handler.logs
    assert handler.reraises


def test_javascript_loops_and_wrappers() -> None:
    model = _javascript(
        """
        import pRetry from "p-retry";
        async function sync(users) {
          for (const user of users.active) { await cio.identify(user.id, {}); }
          await Promise.all(users.map((u) => pRetry(() => cio.identify(u.id, {}))));
          for (const u of users) { await cio.identify(u.id, {}); await sleep(50); }
          for (let i = 0; i < 3; i++) { await cio.identify(1, {}); }
          for (let i = 0; i < users.length; i++) { await cio.identify(i, {}); }
        }
        """
    )

    loops = [call.context.loop for call in model.calls]
    assert [loop.collection if loop else None for loop in loops] == [
        "users.active",
        "users",
        "users",
        None,
        "i < users.length",
    ]
    assert [loop.throttled if loop else None for loop in loops] == [
        False,
        False,
        True,
        None,
        False,
    ]
    assert [w.name for w in model.calls[1].context.retry_candidates] == ["p-retry"]


def test_python_loops() -> None:
    model = _python(
        """
        def sync(users):
            for user in users.objects.all():
                cio.identify(user.id, plan=user.plan)
            [cio.identify(u.id) for u in users]
            for attempt in range(3):
                cio.identify(1)
            for user in users:
                cio.identify(user.id)
                time.sleep(0.05)
        """
    )

    loops = [call.context.loop for call in model.calls]
    assert [loop.collection if loop else None for loop in loops] == [
        "users.objects.all()",
        "users",
        None,
        "users",
    ]
    assert [loop.throttled if loop else None for loop in loops] == [
        False,
        False,
        None,
        True,
    ]


def test_python_handlers() -> None:
    call = _only_call(
        _python(
            """
            def on_signup(user):
                try:
                    cio.track(user.id, "signed_up")
                except (requests.RequestException, CustomerIOException) as error:
                    LOG.warning("failed: %s", error.status_code)
                except Exception:
                    raise
            """
        )
    )

    [block] = call.context.try_blocks
    first, second = block.handlers
    assert first.exception_types == (
        "requests.RequestException",
        "customerio.CustomerIOException",
    )
    assert first.logs
    assert not first.reraises
    assert [read.start.line for read in first.status_reads] == [13]
    assert second.exception_types == ("Exception",)
    assert second.reraises
    assert block.body_calls == ("cio.track",)


def test_python_wrappers() -> None:
    model = _python(
        """
        @tenacity.retry(stop=tenacity.stop_after_attempt(3))
        async def send(user):
            cio.track(user.id, "a")

        def sync(user):
            for attempt in tenacity.Retrying():
                with attempt:
                    cio.track(user.id, "b")
            with_retries(lambda: cio.track(user.id, "c"))
        """
    )

    names = [[w.name for w in call.context.retry_candidates] for call in model.calls]
    assert names == [["tenacity.retry"], ["tenacity.Retrying"], ["with_retries"]]
    assert model.calls[0].context.in_async_function
    assert model.calls[0].context.result is None


def test_python_retry_helper_by_shape() -> None:
    model = _python(
        """
        def with_retries(send, attempts=3):
            for attempt in range(attempts):
                try:
                    return send()
                except CustomerIOException:
                    time.sleep(2**attempt)
            raise RuntimeError("gave up")

        def not_a_helper(send):
            for attempt in range(3):
                send()
                time.sleep(1)
        """
    )

    assert model.retry_helpers == ("with_retries",)


def test_client_retry_settings() -> None:
    python = _python("api = CustomerIO(SITE, KEY, retries=0)\n")
    javascript = _javascript(
        "const quiet = new TrackClient(S, K, { retry: { maxRetries: 0 } });\n"
    )

    assert [c.retries.literal if c.retries else None for c in python.clients] == [
        None,
        0,
    ]
    assert [c.retries.text if c.retries else None for c in javascript.clients] == [
        None,
        "0",
    ]


def test_python_retry_loops() -> None:
    model = _python(
        """
        def send(user):
            for attempt in range(3):
                try:
                    return cio.track(user.id, "a")
                except CustomerIOException:
                    time.sleep(2**attempt)
            while True:
                try:
                    cio.track(user.id, "b")
                    break
                except CustomerIOException:
                    time.sleep(1)
            for attempt in range(3):
                cio.track(user.id, "c")
            while pending:
                try:
                    cio.track(user.id, "d")
                except CustomerIOException:
                    pass
        """
    )

    names = [[w.name for w in call.context.retry_candidates] for call in model.calls]
    assert names == [["retry loop"], ["retry loop"], [], []]
    assert [w.span.start.line for w in model.calls[0].context.retry_candidates] == [10]


def test_javascript_retry_loops() -> None:
    model = _javascript(
        """
        async function send(id) {
          for (let attempt = 0; attempt < 3; attempt++) {
            try { return await cio.track(id, { name: "a" }); } catch (e) { log(e); }
          }
          do {
            try { await cio.track(id, { name: "b" }); break; }
            catch (e) { await delay(9); }
          } while (true);
          while (queue.length) {
            try { await cio.track(id, { name: "c" }); } catch (e) { log(e); }
          }
        }
        """
    )

    names = [[w.name for w in call.context.retry_candidates] for call in model.calls]
    assert names == [["retry loop"], ["retry loop"], []]
